"""The roadmap task's review cycle, its checklist, and the routines that generate its occurrences."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from chorus_planning.domain.errors import RoadmapTaskTransitionRefused
from chorus_planning.domain.roadmap_task import RoadmapTask, Step, TaskPlan, TaskStatus
from chorus_planning.domain.routine import Frequency, Routine
from chorus_shared.errors import ValidationFailed
from chorus_shared.messaging.contracts.planning_calendar import RoadmapTaskStatusChangedV1

CM = uuid.uuid4()
DUE = datetime(2026, 5, 4, 16, 0, tzinfo=UTC)


def _task(*steps: str) -> RoadmapTask:
    plan = TaskPlan(title="Answer the weekend's comments", assignee_id=CM, due_at=DUE, steps=[Step(s) for s in steps])
    task = RoadmapTask.create(tenant_id=uuid.uuid4(), brand_id=uuid.uuid4(), plan=plan)
    task.events.clear()
    return task


def _submitted() -> RoadmapTask:
    task = _task()
    task.move_to(TaskStatus.IN_PROGRESS, by="cm")
    task.move_to(TaskStatus.SUBMITTED, by="cm")
    task.events.clear()
    return task


def test_sending_back_needs_a_comment_and_records_it() -> None:
    task = _submitted()
    with pytest.raises(ValidationFailed) as refused:
        task.move_to(TaskStatus.SENT_BACK, by="smm", comment="   ")
    assert [(e.field, e.code) for e in refused.value.field_errors] == [("comment", "required")]
    task.move_to(TaskStatus.SENT_BACK, by="smm", comment="Answer the two complaints first.")
    [event] = task.events
    assert isinstance(event, RoadmapTaskStatusChangedV1)
    assert (event.status, event.comment, task.review_comment) == (
        "sent_back",
        "Answer the two complaints first.",
        "Answer the two complaints first.",
    )
    task.move_to(TaskStatus.IN_PROGRESS, by="cm")
    assert task.status is TaskStatus.IN_PROGRESS


def test_an_approved_task_is_closed() -> None:
    task = _submitted()
    task.move_to(TaskStatus.APPROVED, by="smm")
    with pytest.raises(RoadmapTaskTransitionRefused, match="allowed: none"):
        task.move_to(TaskStatus.IN_PROGRESS, by="cm")
    with pytest.raises(RoadmapTaskTransitionRefused, match="closed"):
        task.replan(TaskPlan(title="Again", assignee_id=CM, due_at=DUE))


def test_a_todo_task_cannot_be_submitted_or_approved() -> None:
    for target in (TaskStatus.SUBMITTED, TaskStatus.APPROVED):
        with pytest.raises(RoadmapTaskTransitionRefused, match="allowed: in_progress"):
            _task().move_to(target, by="cm")


def test_work_is_submitted_only_once_every_step_is_done() -> None:
    task = _task("Read mentions", "Write the summary")
    task.move_to(TaskStatus.IN_PROGRESS, by="cm")
    task.check_step(0, done=True)
    with pytest.raises(ValidationFailed) as refused:
        task.move_to(TaskStatus.SUBMITTED, by="cm")
    assert [e.field for e in refused.value.field_errors] == ["steps.1.done"]
    task.check_step(1, done=True)
    task.move_to(TaskStatus.SUBMITTED, by="cm")
    assert [s.done for s in task.plan.steps] == [True, True]


def test_ticking_a_step_that_does_not_exist_names_the_position() -> None:
    with pytest.raises(ValidationFailed) as refused:
        _task("Only step").check_step(3, done=True)
    assert refused.value.field_errors[0].field == "position"


def test_a_task_needs_a_title_an_aware_due_time_and_titled_steps() -> None:
    plan = TaskPlan(title=" ", assignee_id=CM, due_at=datetime(2026, 5, 4, 16), steps=[Step(" ")])
    with pytest.raises(ValidationFailed) as refused:
        RoadmapTask.create(tenant_id=uuid.uuid4(), brand_id=uuid.uuid4(), plan=plan)
    assert {e.field for e in refused.value.field_errors} == {"title", "due_at", "steps.0.title"}


def _weekly_report(**changes: object) -> Routine:
    fields: dict[str, object] = {
        "tenant_id": uuid.uuid4(),
        "brand_id": uuid.uuid4(),
        "title": "Weekly monitoring report",
        "description": "",
        "assignee_id": CM,
        "frequency": Frequency.WEEKLY,
        "weekdays": [5, 1],
        "local_time": time(9, 0),
        "steps": ["Collect mentions", "Write the report"],
        "starts_on": date(2026, 3, 1),
        "timezone": "Europe/Paris",
    }
    fields.update(changes)
    return Routine.create(**fields)  # type: ignore[arg-type]


def test_a_weekly_routine_falls_on_its_weekdays_at_local_time_across_dst() -> None:
    routine = _weekly_report()
    found = list(routine.occurrences(first=date(2026, 3, 23), days=14, zone=ZoneInfo("Europe/Paris")))
    assert [o.local_date for o in found] == [date(2026, 3, 23), date(2026, 3, 27), date(2026, 3, 30), date(2026, 4, 3)]
    # 09:00 Paris is 08:00 UTC in winter and 07:00 UTC once clocks went forward on 29 March.
    assert [o.due_at.hour for o in found] == [8, 8, 7, 7]


def test_a_routine_generates_nothing_before_it_starts() -> None:
    routine = _weekly_report(frequency=Frequency.DAILY, weekdays=[], starts_on=date(2026, 3, 10))
    found = list(routine.occurrences(first=date(2026, 3, 8), days=4, zone=ZoneInfo("UTC")))
    assert [o.local_date.day for o in found] == [10, 11]


def test_weekday_rules_are_checked_per_frequency() -> None:
    with pytest.raises(ValidationFailed) as weekly:
        _weekly_report(weekdays=[])
    with pytest.raises(ValidationFailed) as daily:
        _weekly_report(frequency=Frequency.DAILY, weekdays=[8])
    assert [e.code for e in weekly.value.field_errors] == ["required"]
    assert {e.field for e in daily.value.field_errors} == {"weekdays.0", "weekdays"}
