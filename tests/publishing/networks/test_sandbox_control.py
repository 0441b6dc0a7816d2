"""The sandbox's /_control endpoints, as a benchmark or a demo drives a sandbox running in another process."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import httpx
import pytest

from chorus_publishing.adapters.networks.connector import Credentials, PostContent
from chorus_publishing.adapters.networks.errors import AuthError, RateLimited, UnknownOutcome
from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import running_sandbox
from chorus_publishing.testing.fake_networks.common import CONNECTOR_PATIENCE, OUTLASTS_PATIENCE

ACME = Credentials(access_token="sandbox-token", account_id="acme")
GLOBEX = Credentials(access_token="sandbox-token", account_id="globex")

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
async def sandbox_url() -> AsyncIterator[str]:
    async with running_sandbox() as running:
        yield running.base_url


@pytest.fixture
async def control(sandbox_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=f"{sandbox_url}/_control") as client:
        yield client


@pytest.fixture
async def connector(sandbox_url: str) -> AsyncIterator[SandboxConnector]:
    connector = SandboxConnector(sandbox_url, timeout=CONNECTOR_PATIENCE)
    yield connector
    await connector.aclose()


async def test_settings_change_latency_and_rate_limit(control: httpx.AsyncClient, connector: SandboxConnector) -> None:
    answer = await control.put(
        "/settings", json={"latency_ms": 100, "rate_limit_requests": 1, "rate_limit_window_s": 5}
    )
    assert answer.status_code == 204

    started = time.monotonic()
    await connector.publish(ACME, PostContent(text="slow"), idempotency_key="a")
    assert time.monotonic() - started >= 0.1
    with pytest.raises(RateLimited):
        await connector.publish(ACME, PostContent(text="over"), idempotency_key="b")


async def test_failures_are_queued_per_account(control: httpx.AsyncClient, connector: SandboxConnector) -> None:
    await control.put("/settings", json={"hang_s": OUTLASTS_PATIENCE})
    await control.post("/failures", json={"kind": "401", "count": 1, "account": "acme"})
    await control.post("/failures", json={"kind": "timeout_after_accept", "count": 1, "account": "globex"})

    with pytest.raises(AuthError):
        await connector.publish(ACME, PostContent(text="revoked"), idempotency_key="a")
    with pytest.raises(UnknownOutcome):
        await connector.publish(GLOBEX, PostContent(text="sent, answer lost"), idempotency_key="b")

    posts = (await control.get("/posts")).json()["data"]
    assert [(p["account"], p["text"]) for p in posts] == [("globex", "sent, answer lost")]


async def test_metrics_and_comments_set_by_hand(control: httpx.AsyncClient, connector: SandboxConnector) -> None:
    post = await connector.publish(ACME, PostContent(text="counted"), idempotency_key="a")

    await control.put(f"/posts/{post.network_post_id}/metrics", json={"likes": 0, "impressions": 10, "clicks": None})
    await control.post(f"/posts/{post.network_post_id}/comments", json={"author": "@fan", "text": "wow"})

    values = {m.name: m.value for m in (await connector.fetch_metrics(ACME, post.network_post_id)).values}
    assert (values["likes"], values["impressions"], values["clicks"]) == (0, 10, None)
    assert [c.text for c in await connector.fetch_comments(ACME, post.network_post_id)] == ["wow"]


async def test_reset_forgets_everything(control: httpx.AsyncClient, connector: SandboxConnector) -> None:
    await connector.publish(ACME, PostContent(text="gone soon"), idempotency_key="a")

    await control.post("/reset")

    assert (await control.get("/posts")).json()["data"] == []


async def test_bad_control_input_is_a_field_error(control: httpx.AsyncClient) -> None:
    answer = await control.post("/failures", json={"kind": "418", "count": 0})

    assert answer.status_code == 422
    assert {tuple(e["loc"]) for e in answer.json()["detail"]} == {("body", "kind"), ("body", "count")}
