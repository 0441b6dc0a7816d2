"""Roadmap task: work the social media manager gives a community manager, with its checklist and its review.

Status moves todo -> in_progress -> submitted -> approved, or submitted -> sent_back (with the reviewer's comment)
-> in_progress again. Who may make which move is the service's concern; what moves exist is decided here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from chorus_planning.domain.errors import RoadmapTaskTransitionRefused
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.planning_calendar import (
    RoadmapStep,
    RoadmapTaskCreatedV1,
    RoadmapTaskStatusChangedV1,
    RoadmapTaskUpdatedV1,
)

TITLE_MAX = 200
DESCRIPTION_MAX = 5000
STEPS_MAX = 50
COMMENT_MAX = 2000


class TaskStatus(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    SENT_BACK = "sent_back"


_MOVES: dict[TaskStatus, frozenset[TaskStatus]] = {
    TaskStatus.TODO: frozenset({TaskStatus.IN_PROGRESS}),
    TaskStatus.IN_PROGRESS: frozenset({TaskStatus.SUBMITTED}),
    TaskStatus.SUBMITTED: frozenset({TaskStatus.APPROVED, TaskStatus.SENT_BACK}),
    TaskStatus.SENT_BACK: frozenset({TaskStatus.IN_PROGRESS}),
    TaskStatus.APPROVED: frozenset(),
}
# The reviewer's moves: the social media manager approves or sends back; the assignee makes the others.
REVIEW_MOVES = frozenset({TaskStatus.APPROVED, TaskStatus.SENT_BACK})


@dataclass(frozen=True)
class Step:
    title: str
    done: bool = False


@dataclass
class TaskPlan:
    """The part the social media manager writes: what, for whom, by when, linked to what, with which steps."""

    title: str
    assignee_id: uuid.UUID
    due_at: datetime
    description: str = ""
    campaign_id: uuid.UUID | None = None
    content_item_id: uuid.UUID | None = None
    steps: list[Step] = field(default_factory=list)


@dataclass
class RoadmapTask:
    id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    plan: TaskPlan
    status: TaskStatus = TaskStatus.TODO
    review_comment: str | None = None
    routine_id: uuid.UUID | None = None
    occurrence_date: date | None = None
    version: int = 1
    events: list[EventPayload] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def create(
        cls,
        *,
        tenant_id: uuid.UUID,
        brand_id: uuid.UUID,
        plan: TaskPlan,
        routine_id: uuid.UUID | None = None,
        occurrence_date: date | None = None,
    ) -> RoadmapTask:
        task = cls(
            id=uuid.uuid4(),
            tenant_id=tenant_id,
            brand_id=brand_id,
            plan=validated_plan(plan),
            routine_id=routine_id,
            occurrence_date=occurrence_date,
        )
        task.events.append(RoadmapTaskCreatedV1(**task._snapshot()))
        return task

    def replan(self, plan: TaskPlan) -> None:
        self._ensure_open()
        plan = validated_plan(plan)
        if plan != self.plan:
            self.plan = plan
            self._updated()

    def check_step(self, position: int, *, done: bool) -> None:
        """Tick or untick the step at `position` (0-based) of the checklist."""
        self._ensure_open()
        if not 0 <= position < len(self.plan.steps):
            raise ValidationFailed(
                "No such step.", field_errors=[FieldError("position", f"The task has {len(self.plan.steps)} steps.")]
            )
        steps = list(self.plan.steps)
        if steps[position].done == done:
            return
        steps[position] = replace(steps[position], done=done)
        self.plan = replace(self.plan, steps=steps)
        self._updated()

    def move_to(self, target: TaskStatus, *, by: str, comment: str | None = None) -> None:
        if target not in _MOVES[self.status]:
            allowed = ", ".join(sorted(s.value for s in _MOVES[self.status])) or "none: the task is approved"
            raise RoadmapTaskTransitionRefused(
                f"A {self.status.value} task cannot move to {target.value} (allowed: {allowed})."
            )
        comment = (comment or "").strip() or None
        self._check_move(target, comment)
        previous, self.status = self.status, target
        if target in REVIEW_MOVES:
            self.review_comment = comment
        self.version += 1
        self.events.append(
            RoadmapTaskStatusChangedV1(
                task_id=self.id,
                brand_id=self.brand_id,
                assignee_id=self.plan.assignee_id,
                status=target.value,
                previous_status=previous.value,
                changed_by=by,
                comment=comment,
            )
        )

    def _check_move(self, target: TaskStatus, comment: str | None) -> None:
        errors: list[FieldError] = []
        if target is TaskStatus.SENT_BACK and comment is None:
            errors.append(FieldError("comment", "Say what to change when sending a task back.", "required"))
        if comment is not None and len(comment) > COMMENT_MAX:
            errors.append(FieldError("comment", f"A comment has at most {COMMENT_MAX} characters.", "too_long"))
        if target is TaskStatus.SUBMITTED:
            # The checklist is the social media manager's method: work is submitted once every step is done.
            errors += [
                FieldError(f"steps.{n}.done", f"Step {step.title!r} is not done yet.", "step_not_done")
                for n, step in enumerate(self.plan.steps)
                if not step.done
            ]
        if errors:
            raise ValidationFailed("The task cannot make that move yet.", field_errors=errors)

    def _ensure_open(self) -> None:
        if self.status is TaskStatus.APPROVED:
            raise RoadmapTaskTransitionRefused("An approved task is closed and cannot be changed.")

    def _updated(self) -> None:
        self.version += 1
        self.events.append(RoadmapTaskUpdatedV1(**self._snapshot()))

    def _snapshot(self) -> dict[str, object]:
        return {
            "task_id": self.id,
            "brand_id": self.brand_id,
            "title": self.plan.title,
            "description": self.plan.description,
            "assignee_id": self.plan.assignee_id,
            "due_at": self.plan.due_at,
            "campaign_id": self.plan.campaign_id,
            "content_item_id": self.plan.content_item_id,
            "steps": [RoadmapStep(title=s.title, done=s.done) for s in self.plan.steps],
            "status": self.status.value,
            "routine_id": self.routine_id,
            "occurrence_date": self.occurrence_date,
        }


def validated_plan(plan: TaskPlan) -> TaskPlan:
    errors: list[FieldError] = []
    title = " ".join(plan.title.split())
    if not title:
        errors.append(FieldError("title", "A task needs a title.", "required"))
    elif len(title) > TITLE_MAX:
        errors.append(FieldError("title", f"A title has at most {TITLE_MAX} characters.", "too_long"))
    if len(plan.description) > DESCRIPTION_MAX:
        errors.append(FieldError("description", f"At most {DESCRIPTION_MAX} characters.", "too_long"))
    if plan.due_at.tzinfo is None:
        errors.append(FieldError("due_at", "A due date-time needs its UTC offset.", "timezone_required"))
    if len(plan.steps) > STEPS_MAX:
        errors.append(FieldError("steps", f"A checklist has at most {STEPS_MAX} steps.", "too_long"))
    steps = [replace(s, title=" ".join(s.title.split())) for s in plan.steps]
    errors += [
        FieldError(f"steps.{n}.title", "A step needs a title.", "required") for n, s in enumerate(steps) if not s.title
    ]
    if errors:
        raise ValidationFailed("The task is not valid.", field_errors=errors)
    return replace(plan, title=title, description=plan.description.strip(), steps=steps)
