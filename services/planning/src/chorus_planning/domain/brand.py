"""Brand: a client's brand the agency manages, with the timezone its calendar lives in and its languages."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from chorus_planning.domain.brand_guidelines import BrandGuidelines
from chorus_planning.domain.brand_policies import BrandPolicies
from chorus_planning.domain.errors import BrandArchived
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.planning import (
    BrandArchivedV1,
    BrandCreatedV1,
    BrandRenamedV1,
    BrandUpdatedV1,
)
from chorus_shared.messaging.contracts.planning_brand_voice import BrandGuidelinesChangedV1, BrandPoliciesChangedV1

NAME_MAX = 120
CLIENT_NAME_MAX = 200
# BCP 47 language tags as brands use them: "fr", "en-GB", "pt-BR", "zh-Hant".
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{4})?(-([A-Z]{2}|[0-9]{3}))?$")


@dataclass
class Brand:
    id: uuid.UUID
    tenant_id: uuid.UUID
    name: str
    timezone: str
    languages: list[str]
    archived: bool = False
    version: int = 1
    client_name: str | None = None
    guidelines: BrandGuidelines = field(default_factory=BrandGuidelines)
    policies: BrandPolicies = field(default_factory=BrandPolicies)
    events: list[EventPayload] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def create(
        cls, *, tenant_id: uuid.UUID, name: str, timezone: str, languages: list[str], client_name: str | None = None
    ) -> Brand:
        name, timezone, languages = _validated(name=name, timezone=timezone, languages=languages)
        brand = cls(
            id=uuid.uuid4(),
            tenant_id=tenant_id,
            name=name,
            timezone=timezone,
            languages=languages,
            client_name=_client_name(client_name),
        )
        brand.events.append(BrandCreatedV1(**brand._snapshot()))
        return brand

    def rename(self, name: str) -> None:
        self._ensure_active()
        (new_name, _, _) = _validated(name=name, timezone=self.timezone, languages=self.languages)
        if new_name == self.name:
            return
        previous, self.name = self.name, new_name
        self.version += 1
        self.events.append(BrandRenamedV1(brand_id=self.id, name=new_name, previous_name=previous))

    def change_settings(self, *, timezone: str | None = None, languages: list[str] | None = None) -> None:
        self._ensure_active()
        _, new_tz, new_langs = _validated(
            name=self.name,
            timezone=timezone or self.timezone,
            languages=self.languages if languages is None else languages,
        )
        if (new_tz, new_langs) == (self.timezone, self.languages):
            return
        self.timezone, self.languages = new_tz, new_langs
        self.version += 1
        self.events.append(BrandUpdatedV1(**self._snapshot()))

    def change_client(self, client_name: str | None) -> None:
        """The agency's client this brand belongs to; an empty name clears it."""
        self._ensure_active()
        new_client = _client_name(client_name)
        if new_client == self.client_name:
            return
        self.client_name = new_client
        self.version += 1
        self.events.append(BrandUpdatedV1(**self._snapshot()))

    def change_guidelines(self, guidelines: BrandGuidelines) -> None:
        self._ensure_active()
        if guidelines == self.guidelines:
            return
        self.guidelines = guidelines
        self.version += 1
        self.events.append(
            BrandGuidelinesChangedV1(brand_id=self.id, guidelines=guidelines.to_data(), version=self.version)
        )

    def change_policies(self, policies: BrandPolicies) -> None:
        self._ensure_active()
        if policies == self.policies:
            return
        self.policies = policies
        self.version += 1
        self.events.append(
            BrandPoliciesChangedV1(
                brand_id=self.id,
                approval_policy=policies.approval,
                late_post_mode=policies.late_post_mode,
                late_window_minutes=policies.late_window_minutes,
                version=self.version,
            )
        )

    def archive(self) -> None:
        if self.archived:
            return  # archiving twice is a no-op, not an error: the caller's intent is already true
        self.archived = True
        self.version += 1
        self.events.append(BrandArchivedV1(brand_id=self.id))

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def _ensure_active(self) -> None:
        if self.archived:
            raise BrandArchived(f"The brand {self.name!r} is archived.")

    def _snapshot(self) -> dict[str, object]:
        return {
            "brand_id": self.id,
            "name": self.name,
            "timezone": self.timezone,
            "languages": list(self.languages),
            "archived": self.archived,
            "client_name": self.client_name,
        }


def _client_name(client_name: str | None) -> str | None:
    clean = " ".join((client_name or "").split())
    if len(clean) > CLIENT_NAME_MAX:
        message = f"A client name has at most {CLIENT_NAME_MAX} characters."
        raise ValidationFailed("The brand is not valid.", field_errors=[FieldError("client_name", message, "too_long")])
    return clean or None


def _validated(*, name: str, timezone: str, languages: list[str]) -> tuple[str, str, list[str]]:
    errors: list[FieldError] = []
    name = " ".join(name.split())
    if not name:
        errors.append(FieldError("name", "A brand needs a name.", "required"))
    elif len(name) > NAME_MAX:
        errors.append(FieldError("name", f"A brand name has at most {NAME_MAX} characters.", "too_long"))
    if not _is_iana_zone(timezone):
        errors.append(FieldError("timezone", f"{timezone!r} is not an IANA timezone such as Europe/Paris.", "invalid"))
    if not languages:
        errors.append(FieldError("languages", "A brand speaks at least one language.", "required"))
    for index, tag in enumerate(languages):
        if not _LANGUAGE_TAG.match(tag):
            errors.append(
                FieldError(f"languages.{index}", f"{tag!r} is not a language tag such as fr or en-GB.", "invalid")
            )
    if errors:
        raise ValidationFailed("The brand is not valid.", field_errors=errors)
    return name, timezone, list(dict.fromkeys(languages))


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _is_iana_zone(name: str) -> bool:
    if name not in _known_zones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
