"""Post state changes from the bus, fanned out to this gateway process's subscribers of one tenant's brand.

One consumer per process, in a consumer group of its own (`gateway.subscriptions.<uuid>`), reads the
`chorus.publishing` topic and never commits: every process sees every event, none of them keeps a position. The bus
protocol has no "seek to end", so a new group starts at the earliest retained record; events that happened before
the hub started are history and are dropped, so subscribers only get changes made after the hub started (the
first subscription starts it, after a catch-up scan). A subscriber that falls `QUEUE_SIZE` events behind loses its
oldest ones rather than holding the others back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from chorus_shared.messaging.bus import BusBackend, BusConsumer, IncomingMessage
from chorus_shared.messaging.envelope import CloudEvent, EnvelopeError

log = logging.getLogger(__name__)

TOPIC = "chorus.publishing"
POST_EVENTS = "chorus.publishing.post."
QUEUE_SIZE = 100
# The state each post event lands the post in, for the events that do not say it themselves.
_LANDS_IN = {"created": "draft", "published": "published"}

Audience = tuple[uuid.UUID, uuid.UUID]  # tenant, brand


@dataclass(frozen=True)
class PostStateEvent:
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    post_id: uuid.UUID
    event_id: str
    event_type: str
    from_state: str | None
    to_state: str
    by: str | None
    reason: str | None
    at: datetime


def post_state_event(event: CloudEvent) -> PostStateEvent | None:
    """The state change an event reports, or None for events that are not one (edits, comments, channels...)."""
    if not event.type.startswith(POST_EVENTS):
        return None
    verb = event.type.removeprefix(POST_EVENTS).split(".")[0]
    data = event.data
    to_state = data.get("to_state") or _LANDS_IN.get(verb)
    if not to_state or "post_id" not in data or "brand_id" not in data:
        return None
    at = data.get("at") or data.get("published_at")
    return PostStateEvent(
        tenant_id=uuid.UUID(event.tenantid),
        brand_id=uuid.UUID(str(data["brand_id"])),
        post_id=uuid.UUID(str(data["post_id"])),
        event_id=event.id,
        event_type=event.type,
        from_state=data.get("from_state"),
        to_state=str(to_state),
        by=data.get("by"),
        reason=data.get("reason"),
        at=datetime.fromisoformat(at) if isinstance(at, str) else event.time,
    )


class PostEventHub:
    """Started on first subscription, stopped with the app. `backend` is created only then."""

    def __init__(self, make_backend: Callable[[], BusBackend], *, poll_timeout: float = 1.0) -> None:
        self._make_backend = make_backend
        self._poll_timeout = poll_timeout
        self._subscribers: dict[Audience, set[asyncio.Queue[PostStateEvent]]] = {}
        self._lock = asyncio.Lock()
        self._backend: BusBackend | None = None
        self._consumer: BusConsumer | None = None
        self._task: asyncio.Task[None] | None = None
        self._since = datetime.now(UTC)
        self.group = f"gateway.subscriptions.{uuid.uuid4()}"

    @contextlib.asynccontextmanager
    async def subscribe(
        self, tenant_id: uuid.UUID, brand_id: uuid.UUID
    ) -> AsyncIterator[asyncio.Queue[PostStateEvent]]:
        """A queue of the brand's post state changes for as long as the context is open."""
        await self._start()
        queue: asyncio.Queue[PostStateEvent] = asyncio.Queue(maxsize=QUEUE_SIZE)
        audience = (tenant_id, brand_id)
        self._subscribers.setdefault(audience, set()).add(queue)
        try:
            yield queue
        finally:
            self._subscribers[audience].discard(queue)
            if not self._subscribers[audience]:
                del self._subscribers[audience]

    def subscribers(self, tenant_id: uuid.UUID, brand_id: uuid.UUID) -> int:
        """How many subscriptions of this process follow the brand right now."""
        return len(self._subscribers.get((tenant_id, brand_id), ()))

    def deliver(self, message: IncomingMessage) -> None:
        try:
            event = CloudEvent.from_message(message.headers, message.value)
            change = post_state_event(event)
        except (EnvelopeError, ValueError, TypeError) as exc:
            log.warning(
                "post event at %s/%s offset %s unreadable: %s", message.topic, message.partition, message.offset, exc
            )
            return
        if change is None or event.time < self._since:
            return
        for queue in self._subscribers.get((change.tenant_id, change.brand_id), ()):
            if queue.full():
                queue.get_nowait()  # the slow subscriber loses its oldest change, the others are not held back
            queue.put_nowait(change)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._consumer is not None:
            await self._consumer.close()
        if self._backend is not None:
            await self._backend.stop()

    async def _start(self) -> None:
        async with self._lock:
            if self._task is not None:
                return
            self._since = datetime.now(UTC)
            backend = self._make_backend()
            await backend.start()
            self._backend = backend
            await backend.ensure_topics([TOPIC])
            self._consumer = await backend.consumer(group=self.group, topics=[TOPIC])
            self._task = asyncio.create_task(self._run(self._consumer), name=self.group)

    async def _run(self, consumer: BusConsumer) -> None:
        while True:
            try:
                for message in await consumer.poll(timeout=self._poll_timeout):
                    self.deliver(message)
            except asyncio.CancelledError:
                raise
            except Exception:  # the bus may come back; subscribers keep waiting meanwhile
                log.exception("reading %s for subscriptions failed; retrying", TOPIC)
                await asyncio.sleep(self._poll_timeout)
