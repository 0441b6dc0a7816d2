"""REST shapes of the community managers' roadmap: tasks with their checklist, and recurring routines."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from pydantic import AwareDatetime, BaseModel, Field

from chorus_planning.domain.roadmap_task import RoadmapTask, Step, TaskStatus
from chorus_planning.domain.routine import HORIZON_MAX_DAYS, Frequency, Routine
from chorus_planning.service.roadmap_tasks import TaskInput
from chorus_planning.service.routines import RoutineInput


class StepBody(BaseModel):
    title: str = Field(max_length=500)
    done: bool = False


class TaskCreate(BaseModel):
    title: str = Field(max_length=1000)
    assignee_id: uuid.UUID = Field(description="The community manager's user id.")
    due_at: AwareDatetime
    description: str = Field(default="", max_length=20000)
    campaign_id: uuid.UUID | None = None
    content_item_id: uuid.UUID | None = None
    steps: list[StepBody] = Field(default_factory=list, max_length=100)

    def to_input(self) -> TaskInput:
        values = self.model_dump(exclude={"steps"})
        return TaskInput(**values, steps=[Step(s.title, s.done) for s in self.steps])


class TaskUpdate(BaseModel):
    """Every field optional; campaign_id and content_item_id sent as null unlink the task."""

    title: str | None = Field(default=None, max_length=1000)
    assignee_id: uuid.UUID | None = None
    due_at: AwareDatetime | None = None
    description: str | None = Field(default=None, max_length=20000)
    campaign_id: uuid.UUID | None = None
    content_item_id: uuid.UUID | None = None
    steps: list[StepBody] | None = Field(default=None, max_length=100)

    def to_input(self) -> TaskInput:
        sent = {n for n in self.model_fields_set if n in _CLEARABLE or getattr(self, n) is not None}
        values: dict[str, object] = {n: getattr(self, n) for n in sent - {"steps"}}
        if self.steps is not None and "steps" in sent:
            values["steps"] = [Step(s.title, s.done) for s in self.steps]
        return TaskInput(**values, given=frozenset(sent))  # type: ignore[arg-type]


# assignee_id and due_at are "clearable" only to be refused with a field error: a task always has both.
_CLEARABLE = frozenset({"campaign_id", "content_item_id", "assignee_id", "due_at"})


class TaskStatusChange(BaseModel):
    status: TaskStatus
    comment: str | None = Field(default=None, max_length=5000, description="Required when sending back.")


class StepCheck(BaseModel):
    done: bool


class TaskRead(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    title: str
    description: str
    assignee_id: uuid.UUID
    due_at: datetime
    campaign_id: uuid.UUID | None
    content_item_id: uuid.UUID | None
    steps: list[StepBody]
    status: TaskStatus
    review_comment: str | None
    routine_id: uuid.UUID | None
    occurrence_date: date | None
    version: int

    @classmethod
    def of(cls, task: RoadmapTask) -> TaskRead:
        plan = task.plan
        return cls(
            id=task.id,
            brand_id=task.brand_id,
            title=plan.title,
            description=plan.description,
            assignee_id=plan.assignee_id,
            due_at=plan.due_at,
            campaign_id=plan.campaign_id,
            content_item_id=plan.content_item_id,
            steps=[StepBody(title=s.title, done=s.done) for s in plan.steps],
            status=task.status,
            review_comment=task.review_comment,
            routine_id=task.routine_id,
            occurrence_date=task.occurrence_date,
            version=task.version,
        )


class TaskPage(BaseModel):
    items: list[TaskRead]
    next_after: uuid.UUID | None


class RoutineCreate(BaseModel):
    title: str = Field(max_length=1000, examples=["Daily monitoring"])
    assignee_id: uuid.UUID
    frequency: Frequency
    weekdays: list[int] = Field(default_factory=list, max_length=7, description="ISO weekdays, 1 = Monday.")
    local_time: time = Field(description="Due time in the brand's timezone.", examples=["09:00"])
    description: str = Field(default="", max_length=20000)
    steps: list[str] = Field(default_factory=list, max_length=100)
    starts_on: date | None = Field(default=None, description="First local date; today in the brand's timezone.")

    def to_input(self) -> RoutineInput:
        return RoutineInput(**self.model_dump(exclude={"steps"}), steps=tuple(self.steps))


class RoutineRead(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    title: str
    description: str
    assignee_id: uuid.UUID
    frequency: Frequency
    weekdays: list[int]
    local_time: time
    steps: list[str]
    starts_on: date
    active: bool

    @classmethod
    def of(cls, routine: Routine) -> RoutineRead:
        return cls(
            id=routine.id,
            brand_id=routine.brand_id,
            title=routine.title,
            description=routine.description,
            assignee_id=routine.assignee_id,
            frequency=routine.frequency,
            weekdays=routine.weekdays,
            local_time=routine.local_time,
            steps=routine.steps,
            starts_on=routine.starts_on,
            active=routine.active,
        )


class RoutinePage(BaseModel):
    items: list[RoutineRead]
    next_after: uuid.UUID | None


class OccurrenceRequest(BaseModel):
    first: date | None = Field(default=None, description="First local date; today in the brand's timezone.")
    days: int = Field(default=14, ge=1, le=HORIZON_MAX_DAYS)


class GeneratedTasks(BaseModel):
    created: list[TaskRead]
