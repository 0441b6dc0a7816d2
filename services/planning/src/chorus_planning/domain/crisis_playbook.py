"""Crisis playbook: a brand's prepared response to one kind of crisis, and when listening should raise it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace

from chorus_planning.domain.crisis_playbook_rules import (
    CrisisScenario,
    EscalationContact,
    HoldingStatement,
    Problems,
    ResponseStep,
    TriggerConditions,
    checked_contacts,
    checked_statements,
    checked_steps,
    checked_trigger,
    clean_text,
)
from chorus_planning.domain.errors import CrisisPlaybookArchived
from chorus_shared.errors import ValidationFailed
from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.listening import CrisisSeverity
from chorus_shared.messaging.contracts.planning_crisis import (
    CrisisPlaybookArchivedV1,
    CrisisPlaybookCreatedV1,
    CrisisPlaybookUpdatedV1,
    CrisisTriggerConditions,
)

NAME_MAX = 120
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(CrisisSeverity)}


@dataclass(frozen=True)
class PlaybookContent:
    """Everything a social media manager writes in a playbook; checked as a whole by `validated`."""

    name: str
    scenario: str
    severity: str
    trigger: TriggerConditions
    steps: tuple[ResponseStep, ...]
    custom_scenario: str | None = None
    holding_statements: tuple[HoldingStatement, ...] = ()
    contacts: tuple[EscalationContact, ...] = ()
    freeze_publishing: bool = False
    notify_contacts: bool = False

    def validated(self, brand_languages: list[str]) -> PlaybookContent:
        problems = Problems()
        name = " ".join(self.name.split())
        clean_text(name, "name", problems, limit=NAME_MAX)
        if self.scenario not in set(CrisisScenario):
            problems.add("scenario", f"Choose one of {', '.join(CrisisScenario)}.", "invalid")
        custom = (self.custom_scenario or "").strip() or None
        if self.scenario == CrisisScenario.CUSTOM and custom is None:
            problems.add("custom_scenario", "A custom scenario needs a name.", "required")
        elif self.scenario != CrisisScenario.CUSTOM:
            custom = None
        else:
            clean_text(custom or "", "custom_scenario", problems, limit=NAME_MAX)
        if self.severity not in set(CrisisSeverity):
            problems.add("severity", f"Choose one of {', '.join(CrisisSeverity)}.", "invalid")
        content = replace(
            self,
            name=name,
            custom_scenario=custom,
            trigger=checked_trigger(self.trigger, problems),
            steps=checked_steps(self.steps, problems),
            holding_statements=checked_statements(self.holding_statements, brand_languages, problems),
            contacts=checked_contacts(self.contacts, problems),
        )
        if problems.errors:
            raise ValidationFailed("The crisis playbook is not valid.", field_errors=problems.errors)
        return content

    @property
    def severity_level(self) -> CrisisSeverity:
        return CrisisSeverity(self.severity)


@dataclass
class CrisisPlaybook:
    id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    content: PlaybookContent
    archived: bool = False
    version: int = 1
    events: list[EventPayload] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def create(
        cls, *, tenant_id: uuid.UUID, brand_id: uuid.UUID, content: PlaybookContent, brand_languages: list[str]
    ) -> CrisisPlaybook:
        playbook = cls(
            id=uuid.uuid4(), tenant_id=tenant_id, brand_id=brand_id, content=content.validated(brand_languages)
        )
        playbook.events.append(CrisisPlaybookCreatedV1(**playbook._snapshot()))
        return playbook

    def revise(self, content: PlaybookContent, brand_languages: list[str]) -> None:
        if self.archived:
            raise CrisisPlaybookArchived(f"The crisis playbook {self.content.name!r} is archived.")
        revised = content.validated(brand_languages)
        if revised == self.content:
            return
        self.content = revised
        self.version += 1
        self.events.append(CrisisPlaybookUpdatedV1(**self._snapshot()))

    def archive(self) -> None:
        if self.archived:
            return  # archiving twice is a no-op: the caller's intent is already true
        self.archived = True
        self.version += 1
        self.events.append(CrisisPlaybookArchivedV1(playbook_id=self.id, brand_id=self.brand_id))

    def fit_for(
        self, *, severity: CrisisSeverity, mention_volume: int, negative_share: float, text: str
    ) -> tuple[int, int, int]:
        """How well this playbook fits a detection; larger is better (see `best_playbook_for`)."""
        met = self.content.trigger.met_by(mention_volume=mention_volume, negative_share=negative_share, text=text)
        distance = abs(SEVERITY_RANK[self.content.severity_level] - SEVERITY_RANK[severity])
        # At equal distance, prefer the playbook prepared for the worse case: over-reacting is the safer mistake.
        stronger = int(SEVERITY_RANK[self.content.severity_level] >= SEVERITY_RANK[severity])
        return int(met), -distance, stronger

    def _snapshot(self) -> dict[str, object]:
        content = self.content
        return {
            "playbook_id": self.id,
            "brand_id": self.brand_id,
            "name": content.name,
            "scenario": content.scenario,
            "custom_scenario": content.custom_scenario,
            "severity": content.severity_level,
            "trigger": CrisisTriggerConditions(
                mention_volume_threshold=content.trigger.mention_volume_threshold,
                window_minutes=content.trigger.window_minutes,
                negative_share_threshold=content.trigger.negative_share_threshold,
                keywords=list(content.trigger.keywords),
            ),
            "freeze_publishing": content.freeze_publishing,
            "notify_contacts": content.notify_contacts,
            "archived": self.archived,
        }


def best_playbook_for(
    playbooks: list[CrisisPlaybook], *, severity: CrisisSeverity, mention_volume: int, negative_share: float, text: str
) -> CrisisPlaybook | None:
    """The active playbook whose triggers the detection meets, nearest in severity; the oldest wins a tie."""
    candidates = [playbook for playbook in playbooks if not playbook.archived]
    if not candidates:
        return None

    def fit(playbook: CrisisPlaybook) -> tuple[int, int, int]:
        return playbook.fit_for(
            severity=severity, mention_volume=mention_volume, negative_share=negative_share, text=text
        )

    return max(candidates, key=fit)
