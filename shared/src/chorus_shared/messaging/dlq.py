"""Builds the dead-letter record of a poison message: the original record plus headers saying where it came from."""

from __future__ import annotations

from chorus_shared.messaging.bus import IncomingMessage, OutgoingRecord, dlq_topic

DLQ_HEADER_PREFIX = "chorus_dlq_"
_MAX_ERROR_CHARS = 2000


def dead_letter(message: IncomingMessage, *, error: BaseException, attempts: int, group: str) -> OutgoingRecord:
    """Same key, value and headers as the original, so the record can be replayed as is once the bug is fixed."""
    # A message dead-lettered twice (replayed, failed again) keeps only its latest origin.
    original = [(k, v) for k, v in message.headers if not k.startswith(DLQ_HEADER_PREFIX)]
    origin = {
        "topic": message.topic,
        "partition": str(message.partition),
        "offset": str(message.offset),
        "error": f"{type(error).__name__}: {error}"[:_MAX_ERROR_CHARS],
        "attempts": str(attempts),
        "group": group,
    }
    headers = [*original, *((DLQ_HEADER_PREFIX + k, v.encode()) for k, v in origin.items())]
    return OutgoingRecord(topic=dlq_topic(message.topic), key=message.key, value=message.value, headers=headers)
