"""Recurring routine: a task a community manager does again and again (daily monitoring, weekly report).

A routine is daily, or weekly on some ISO weekdays (1 = Monday), due at a local time of the brand. Each local day it
falls on is one occurrence, identified by (routine, local date) so generating occurrences twice makes nothing new.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from chorus_planning.domain.local_time import routine_instant
from chorus_planning.domain.roadmap_task import Step, TaskPlan, validated_plan
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.planning_calendar import RoutineCreatedV1, RoutineEndedV1

HORIZON_MAX_DAYS = 90


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"


@dataclass(frozen=True)
class Occurrence:
    local_date: date
    due_at: datetime  # UTC


@dataclass
class Routine:
    id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    title: str
    description: str
    assignee_id: uuid.UUID
    frequency: Frequency
    weekdays: list[int]
    local_time: time
    steps: list[str]
    starts_on: date
    active: bool = True
    events: list[EventPayload] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def create(
        cls,
        *,
        tenant_id: uuid.UUID,
        brand_id: uuid.UUID,
        title: str,
        description: str,
        assignee_id: uuid.UUID,
        frequency: Frequency,
        weekdays: list[int],
        local_time: time,
        steps: list[str],
        starts_on: date,
        timezone: str,
    ) -> Routine:
        weekdays = _validated_weekdays(frequency, weekdays)
        # The occurrences are tasks: the same rules for title, description and steps apply.
        template = validated_plan(
            TaskPlan(
                title=title,
                assignee_id=assignee_id,
                due_at=datetime.combine(starts_on, local_time, ZoneInfo(timezone)),
                description=description,
                steps=[Step(s) for s in steps],
            )
        )
        routine = cls(
            id=uuid.uuid4(),
            tenant_id=tenant_id,
            brand_id=brand_id,
            title=template.title,
            description=template.description,
            assignee_id=assignee_id,
            frequency=frequency,
            weekdays=weekdays,
            local_time=local_time.replace(second=0, microsecond=0, tzinfo=None),
            steps=[s.title for s in template.steps],
            starts_on=starts_on,
        )
        routine.events.append(
            RoutineCreatedV1(
                routine_id=routine.id,
                brand_id=brand_id,
                title=routine.title,
                assignee_id=assignee_id,
                frequency=frequency.value,
                weekdays=weekdays,
                local_time=routine.local_time.strftime("%H:%M"),
                timezone=timezone,
            )
        )
        return routine

    def end(self) -> None:
        if self.active:
            self.active = False
            self.events.append(RoutineEndedV1(routine_id=self.id, brand_id=self.brand_id))

    def occurrences(self, *, first: date, days: int, zone: ZoneInfo) -> Iterator[Occurrence]:
        """The occurrences on the local dates first .. first + days - 1 (none before the routine starts)."""
        for offset in range(days):
            day = first + timedelta(days=offset)
            if day >= self.starts_on and self._falls_on(day):
                yield Occurrence(local_date=day, due_at=routine_instant(day, self.local_time, zone))

    def task_plan(self, occurrence: Occurrence) -> TaskPlan:
        return TaskPlan(
            title=self.title,
            assignee_id=self.assignee_id,
            due_at=occurrence.due_at,
            description=self.description,
            steps=[Step(title) for title in self.steps],
        )

    def _falls_on(self, day: date) -> bool:
        return self.frequency is Frequency.DAILY or day.isoweekday() in self.weekdays


def _validated_weekdays(frequency: Frequency, weekdays: list[int]) -> list[int]:
    errors = [
        FieldError(f"weekdays.{n}", "A weekday is 1 (Monday) to 7 (Sunday).", "invalid")
        for n, day in enumerate(weekdays)
        if not 1 <= day <= 7
    ]
    if frequency is Frequency.WEEKLY and not weekdays:
        errors.append(FieldError("weekdays", "A weekly routine needs at least one weekday.", "required"))
    if frequency is Frequency.DAILY and weekdays:
        errors.append(FieldError("weekdays", "A daily routine happens every day: leave weekdays empty.", "invalid"))
    if errors:
        raise ValidationFailed("The routine is not valid.", field_errors=errors)
    return sorted(set(weekdays))
