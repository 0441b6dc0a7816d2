"""Creates Kafka topics and their dead-letter topics, idempotently, through the admin API."""

from __future__ import annotations

from collections.abc import Sequence

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import for_code

from chorus_shared.messaging.bus import dlq_topic

_NO_ERROR = 0
_TOPIC_ALREADY_EXISTS = 36


async def ensure_topics(
    bootstrap: str,
    topics: Sequence[str],
    *,
    partitions: int = 6,
    replication_factor: int = 1,
    with_dlq: bool = True,
) -> list[str]:
    """Creates each missing topic (and its `.dlq`) with `partitions` partitions; returns the names it created.

    Existing topics are left alone, partition count included: shrinking is impossible and growing would move keys.
    """
    wanted = list(dict.fromkeys([*topics, *(dlq_topic(t) for t in topics if with_dlq)]))
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, client_id="chorus-admin")
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [name for name in wanted if name not in existing]
        if missing:
            new = [NewTopic(name, num_partitions=partitions, replication_factor=replication_factor) for name in missing]
            response = await admin.create_topics(new)
            _raise_on_error(response.topic_errors)
    finally:
        await admin.close()
    return missing


def _raise_on_error(topic_errors: Sequence[tuple[object, ...]]) -> None:
    for entry in topic_errors:
        name, code = entry[0], int(str(entry[1]))
        # Another process may have created the topic between our listing and our request: that is success.
        if code not in (_NO_ERROR, _TOPIC_ALREADY_EXISTS):
            message = entry[2] if len(entry) > 2 else ""
            raise for_code(code)(f"creating topic {name!r} failed: {message}")
