"""The dead-letter record: original key, value and headers, plus where it came from and why it failed."""

from __future__ import annotations

from chorus_shared.messaging.bus import IncomingMessage
from chorus_shared.messaging.dlq import dead_letter


def _message(headers: tuple[tuple[str, bytes], ...]) -> IncomingMessage:
    return IncomingMessage(topic="chorus.planning", partition=3, offset=41, key=b"post-1", value=b"{}", headers=headers)


def test_the_record_goes_to_the_dlq_topic_with_origin_headers() -> None:
    record = dead_letter(_message((("ce_id", b"e1"),)), error=KeyError("channel"), attempts=5, group="publishing")

    assert (record.topic, record.key, record.value) == ("chorus.planning.dlq", b"post-1", b"{}")
    assert list(record.headers) == [
        ("ce_id", b"e1"),
        ("chorus_dlq_topic", b"chorus.planning"),
        ("chorus_dlq_partition", b"3"),
        ("chorus_dlq_offset", b"41"),
        ("chorus_dlq_error", b"KeyError: 'channel'"),
        ("chorus_dlq_attempts", b"5"),
        ("chorus_dlq_group", b"publishing"),
    ]


def test_a_replayed_message_that_fails_again_carries_only_its_latest_origin() -> None:
    replayed = _message((("ce_id", b"e1"), ("chorus_dlq_offset", b"7"), ("chorus_dlq_error", b"old")))

    headers = dict(dead_letter(replayed, error=ValueError("new"), attempts=1, group="g").headers)

    assert headers["chorus_dlq_offset"] == b"41"
    assert headers["chorus_dlq_error"] == b"ValueError: new"


def test_a_huge_error_message_is_truncated() -> None:
    record = dead_letter(_message(()), error=RuntimeError("x" * 100_000), attempts=1, group="g")
    assert len(dict(record.headers)["chorus_dlq_error"]) == 2000
