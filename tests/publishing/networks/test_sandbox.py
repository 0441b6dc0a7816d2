"""The sandbox connector against a real sandbox server: it behaves like a network, failures included."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from chorus_publishing.adapters.networks.connector import Credentials, MediaItem, MediaKind, PostContent
from chorus_publishing.adapters.networks.errors import (
    AuthError,
    NetworkError,
    RateLimited,
    RejectedContent,
    TransientError,
    UnknownOutcome,
)
from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import RunningSandbox, running_sandbox
from chorus_publishing.adapters.networks.sandbox_state import InjectedFailure, SandboxSettings
from chorus_publishing.testing.fake_networks.common import CONNECTOR_PATIENCE, OUTLASTS_PATIENCE

TOKEN = "sandbox-secret-token-4242"
ACME = Credentials(access_token=TOKEN, account_id="acme")


@pytest.fixture
async def sandbox() -> AsyncIterator[RunningSandbox]:
    async with running_sandbox(SandboxSettings(hang_s=OUTLASTS_PATIENCE)) as running:
        yield running


@pytest.fixture
async def connector(sandbox: RunningSandbox) -> AsyncIterator[SandboxConnector]:
    connector = SandboxConnector(sandbox.base_url, timeout=CONNECTOR_PATIENCE)
    yield connector
    await connector.aclose()


async def test_publishes_text_media_thread_and_first_comment(
    sandbox: RunningSandbox, connector: SandboxConnector
) -> None:
    photo = MediaItem(content=b"\x89PNG", mime_type="image/png", kind=MediaKind.IMAGE, alt_text="A cat")
    content = PostContent(text="Hello", media=[photo], thread=["second", "third"], first_comment="Link in bio")

    post = await connector.publish(ACME, content, idempotency_key="attempt-1")

    stored = sandbox.network.posts[post.network_post_id]
    assert (stored.text, stored.media_count, stored.idempotency_key) == ("Hello", 1, "attempt-1")
    assert [sandbox.network.posts[i].text for i in post.thread_ids] == ["second", "third"]
    assert [c.text for c in stored.comments] == ["Link in bio"]
    assert abs(post.published_at - datetime.now(UTC)) < timedelta(seconds=5)


async def test_too_long_text_is_rejected_with_the_networks_reason(connector: SandboxConnector) -> None:
    with pytest.raises(RejectedContent, match="text_too_long") as caught:
        await connector.publish(ACME, PostContent(text="x" * 501), idempotency_key="k")
    assert caught.value.status == 422


async def test_delete_removes_the_post(sandbox: RunningSandbox, connector: SandboxConnector) -> None:
    post = await connector.publish(ACME, PostContent(text="bye"), idempotency_key="k")

    await connector.delete(ACME, post.network_post_id)

    assert sandbox.network.posts[post.network_post_id].deleted
    assert await connector.find_post(ACME, idempotency_key="k", text="bye") is None


async def test_find_post_by_idempotency_key(connector: SandboxConnector) -> None:
    post = await connector.publish(ACME, PostContent(text="find me"), idempotency_key="attempt-7")

    found = await connector.find_post(ACME, idempotency_key="attempt-7", text="find me")

    assert found is not None
    assert found.network_post_id == post.network_post_id
    assert await connector.find_post(ACME, idempotency_key="attempt-8", text="find me") is None


async def test_metrics_keep_missing_apart_from_zero(sandbox: RunningSandbox, connector: SandboxConnector) -> None:
    post = await connector.publish(ACME, PostContent(text="counted"), idempotency_key="k")
    sandbox.network.posts[post.network_post_id].metrics = {"impressions": 120, "likes": 0, "clicks": None}

    metrics = await connector.fetch_metrics(ACME, post.network_post_id)

    values = {m.name: m.value for m in metrics.values}
    assert values["impressions"] == 120
    assert values["likes"] == 0
    assert values["clicks"] is None
    assert values["saves"] is None


async def test_comments_are_read_back(sandbox: RunningSandbox, connector: SandboxConnector) -> None:
    post = await connector.publish(ACME, PostContent(text="talk to me"), idempotency_key="k")
    sandbox.network.add_comment(sandbox.network.posts[post.network_post_id], "@fan", "Love it")

    comments = await connector.fetch_comments(ACME, post.network_post_id)

    assert [(c.author_handle, c.text) for c in comments] == [("@fan", "Love it")]


async def test_latency_is_honoured(sandbox: RunningSandbox, connector: SandboxConnector) -> None:
    sandbox.network.settings.latency_s = 0.2
    started = time.monotonic()

    await connector.publish(ACME, PostContent(text="slow"), idempotency_key="k")

    assert time.monotonic() - started >= 0.2


async def test_rate_limit_is_shared_by_every_client_of_an_account(sandbox: RunningSandbox) -> None:
    sandbox.network.settings.rate_limit_requests = 3
    sandbox.network.settings.rate_limit_window_s = 30
    replicas = [SandboxConnector(sandbox.base_url) for _ in range(3)]
    for replica in replicas:
        await replica.publish(ACME, PostContent(text="ok"), idempotency_key="k")

    with pytest.raises(RateLimited) as caught:
        await replicas[0].publish(ACME, PostContent(text="one too many"), idempotency_key="k")
    other = Credentials(access_token=TOKEN, account_id="globex")
    await replicas[1].publish(other, PostContent(text="another account has its own window"), idempotency_key="k")

    wait = caught.value.retry_at - datetime.now(UTC)
    assert timedelta(seconds=25) < wait <= timedelta(seconds=31)
    for replica in replicas:
        await replica.aclose()


@pytest.mark.parametrize(
    ("failure", "on_create", "on_read"),
    [
        (InjectedFailure.SERVER_ERROR, UnknownOutcome, TransientError),
        (InjectedFailure.UNAUTHORIZED, AuthError, AuthError),
        (InjectedFailure.RATE_LIMITED, RateLimited, RateLimited),
        (InjectedFailure.TIMEOUT_AFTER_ACCEPT, UnknownOutcome, TransientError),
    ],
)
async def test_each_injected_failure_surfaces_as_its_error_class(
    sandbox: RunningSandbox,
    failure: InjectedFailure,
    on_create: type[NetworkError],
    on_read: type[NetworkError],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    connector = SandboxConnector(sandbox.base_url, timeout=CONNECTOR_PATIENCE)
    sandbox.network.queue_failures(failure, 2, account="acme")

    with pytest.raises(on_create) as created:
        await connector.publish(ACME, PostContent(text="doomed?"), idempotency_key="attempt-9")
    with pytest.raises(on_read) as read:
        await connector.fetch_comments(ACME, "whatever")

    after = await connector.find_post(ACME, idempotency_key="attempt-9", text="doomed?")
    assert (after is not None) == (failure is InjectedFailure.TIMEOUT_AFTER_ACCEPT)
    for error in (created.value, read.value):
        assert TOKEN not in str(error)
        assert TOKEN not in repr(error.__dict__)
    assert TOKEN not in caplog.text
    await connector.aclose()


async def test_first_comment_failure_keeps_the_published_post(
    sandbox: RunningSandbox, connector: SandboxConnector, caplog: pytest.LogCaptureFixture
) -> None:
    sandbox.network.queue_failures(InjectedFailure.SERVER_ERROR, 1, account="acme", after=1)  # the comment fails

    published = await connector.publish(ACME, PostContent(text="with comment", first_comment="hi"), idempotency_key="j")

    stored = sandbox.network.posts[published.network_post_id]
    assert (stored.text, stored.comments) == ("with comment", [])
    assert "first comment" in caplog.text
    assert TOKEN not in caplog.text


async def test_missing_token_is_an_auth_error(sandbox: RunningSandbox, connector: SandboxConnector) -> None:
    with pytest.raises(AuthError):
        await connector.publish(
            Credentials(access_token="", account_id="acme"), PostContent(text="x"), idempotency_key="k"
        )


async def test_served_as_a_process_from_the_command_line() -> None:
    import subprocess
    import sys

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "chorus_publishing.adapters.networks.sandbox_server", "--port", str(port)]
    )
    try:
        connector = SandboxConnector(f"http://127.0.0.1:{port}")
        post = None
        for _ in range(100):
            try:
                post = await connector.publish(ACME, PostContent(text="from a process"), idempotency_key="k")
                break
            except TransientError:
                await asyncio.sleep(0.1)
        assert post is not None
        async with httpx.AsyncClient() as control:
            listed = (await control.get(f"http://127.0.0.1:{port}/_control/posts")).json()["data"]
        assert [p["text"] for p in listed] == ["from a process"]
        await connector.aclose()
    finally:
        server.terminate()
        server.wait(timeout=10)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
