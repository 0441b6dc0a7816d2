"""What a unit of work writes to the outbox: one row per event, numbered in the order the events were emitted (the
relay publishes by that number), with the key, headers and body the relay sends."""

from __future__ import annotations

import json

from sqlalchemy import select

from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.messaging.outbox_table import topic_of
from chorus_shared.testing.event_backbone import BACKBONE, Backbone, commit_renames


async def test_a_batch_of_events_lands_in_emission_order_with_key_headers_and_body(backbone: Backbone) -> None:
    emitted = await commit_renames(backbone.sessions, 120, per_transaction=120, subjects=7)

    outbox = BACKBONE.outbox
    async with backbone.sessions() as session:
        rows = (await session.execute(select(outbox).order_by(outbox.c.id))).mappings().all()

    assert [row["event_id"] for row in rows] == emitted
    for row in rows:
        event = CloudEvent.from_message([(k, v.encode()) for k, v in row["headers"]], row["value"])
        assert event.id == row["event_id"]
        assert row["event_type"] == event.type == "chorus.planning.brand.renamed.v1"
        assert row["topic"] == topic_of(event.type) == "chorus.planning"
        assert row["key"] == event.key == event.subject.encode()
        assert json.loads(row["value"])["previous_name"] == event.data["previous_name"] == "old"
        assert row["published_at"] is None
