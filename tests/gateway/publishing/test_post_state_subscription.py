"""`postStateChanged` over a real websocket (graphql-transport-ws on uvicorn): post state changes travel from
publishing's outbox over the embedded bus to the subscribers of that tenant's brand, and to no one else."""

from __future__ import annotations

import asyncio
import json
import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import uvicorn
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import create_async_engine
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from chorus_gateway.testing import GraphQL, NewAgency
from chorus_publishing.adapters.orm import outbox as publishing_outbox
from chorus_shared.messaging.bus import OutgoingRecord
from chorus_shared.messaging.embedded_backend import EmbeddedBackend
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.messaging.outbox_relay import OutboxRelay
from chorus_shared.testing.postgres import MigratedDatabase

Maker = Callable[..., Awaitable[str]]
SUBSCRIBE = """
subscription($brand: ID!) {
  postStateChanged(brandId: $brand) { postId brandId fromState toState by eventType post { id state } }
}
"""
CREATE = """
mutation($input: CreatePostInput!) { createPost(input: $input) { __typename ... on Post { id } } }
"""
SUBMIT = "mutation($id: ID!) { submitPost(id: $id) { __typename ... on Post { state } } }"


@asynccontextmanager
async def _served(app: FastAPI) -> AsyncIterator[str]:
    """The gateway on a real HTTP server in this event loop; its /graphql websocket URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, lifespan="off", log_level="warning"))
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        async with asyncio.timeout(10):
            while not server.started:
                await asyncio.sleep(0.01)
        yield f"ws://127.0.0.1:{sock.getsockname()[1]}/graphql"
    finally:
        server.should_exit = True
        await serving


@asynccontextmanager
async def _subscribed(url: str, authorization: str, brand: str) -> AsyncIterator[ClientConnection]:
    async with connect(url, subprotocols=[Subprotocol("graphql-transport-ws")]) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {"authorization": authorization}}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        subscribe = {"query": SUBSCRIBE, "variables": {"brand": brand}}
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": subscribe}))
        yield ws


async def _next(ws: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), timeout=20))
    return message


def _foreign_change(tenant: uuid.UUID, brand: str, post: str) -> OutgoingRecord:
    """Another tenant's state change naming the same brand and post ids, keyed like the post's own events."""
    event = CloudEvent(
        type="chorus.publishing.post.approved.v1",
        source="chorus.publishing",
        subject=post,
        tenantid=str(tenant),
        data={
            "post_id": post,
            "brand_id": brand,
            "from_state": "pending_approval",
            "to_state": "approved",
            "by": "intruder",
            "at": datetime.now(UTC).isoformat(),
        },
    )
    return OutgoingRecord(topic="chorus.publishing", key=event.key, value=event.to_value(), headers=event.to_headers())


async def test_subscribers_of_a_brand_get_its_post_state_changes_from_the_bus_and_nothing_else(
    services: Any,
    new_agency: NewAgency,
    new_brand: Maker,
    new_member: Maker,
    new_channel: Maker,
    publishing_db: MigratedDatabase,
    bus_db: MigratedDatabase,
) -> None:
    gql: GraphQL = services.gql
    agency = await new_agency()
    token = agency.api_key_plaintext
    brand, other_brand = await new_brand(token, agency.agency.id), await new_brand(token, agency.agency.id)
    channel = await new_channel(token, brand)
    client = await new_member(token, "client", brand_ids=[brand])
    outsider = await new_member(token, "client", brand_ids=[other_brand])
    hub = services.gateway.state.gateway.post_events
    bus = EmbeddedBackend(bus_db.app_url)
    await bus.start()
    relay_engine = create_async_engine(publishing_db.app_url)
    relay = OutboxRelay(relay_engine, bus, outbox=publishing_outbox)
    try:
        async with (
            _served(services.gateway) as url,
            _subscribed(url, f"Bearer {token}", brand) as owner_ws,
            _subscribed(url, f"Bearer {client}", brand) as client_ws,
            _subscribed(url, f"Bearer {outsider}", brand) as outsider_ws,
        ):
            refused = await _next(outsider_ws)
            assert (refused["payload"]["data"], refused["payload"]["errors"][0]["message"]) == (
                None,
                f"No brand {brand} in your scope.",
            )
            assert (await _next(outsider_ws))["type"] == "complete"
            async with asyncio.timeout(20):
                while hub.subscribers(agency.agency.id, uuid.UUID(brand)) < 2:
                    await asyncio.sleep(0.05)

            variants = [{"network": "SANDBOX", "channelId": channel, "text": "Spring"}]
            made = await gql(CREATE, {"input": {"brandId": brand, "variants": variants}}, token=token)
            post = made["data"]["createPost"]["id"]
            await bus.send([_foreign_change(uuid.uuid4(), brand, post)])  # same partition, ahead of the real ones
            assert (await gql(SUBMIT, {"id": post}, token=token))["data"]["submitPost"]["state"] == "PENDING_APPROVAL"
            await relay.publish_pending()

            created, submitted = await _next(owner_ws), await _next(owner_ws)
            assert created["payload"]["data"]["postStateChanged"] == {
                "postId": post,
                "brandId": brand,
                "fromState": None,
                "toState": "DRAFT",
                "by": None,
                "eventType": "chorus.publishing.post.created.v1",
                "post": {"id": post, "state": "PENDING_APPROVAL"},
            }
            change = submitted["payload"]["data"]["postStateChanged"]
            assert (change["fromState"], change["toState"], change["eventType"]) == (
                "DRAFT",
                "PENDING_APPROVAL",
                "chorus.publishing.post.submitted.v1",
            )
            seen_by_client = [(await _next(client_ws))["payload"]["data"]["postStateChanged"] for _ in range(2)]
            assert [c["toState"] for c in seen_by_client] == ["DRAFT", "PENDING_APPROVAL"]
            assert seen_by_client[0]["post"] == {"id": post, "state": "PENDING_APPROVAL"}
    finally:
        await relay_engine.dispose()
        await bus.stop()


async def test_a_subscription_without_good_credentials_is_refused_at_connection(services: Any) -> None:
    async with _served(services.gateway) as url:
        for payload in ({}, {"authorization": "Bearer chorus_nope_nope"}):
            async with connect(url, subprotocols=[Subprotocol("graphql-transport-ws")]) as ws:
                await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
                await ws.wait_closed()
                assert ws.close_code == 4403
