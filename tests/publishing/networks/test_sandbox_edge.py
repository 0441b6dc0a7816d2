"""What the sandbox's /v1 edge decides itself, without a framework: routes, methods and unreadable requests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from chorus_publishing.adapters.networks.sandbox_server import RunningSandbox, running_sandbox

AUTH = {"Authorization": "Bearer sandbox-token"}
POSTS = "/v1/accounts/acme/posts"

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
async def sandbox() -> AsyncIterator[RunningSandbox]:
    async with running_sandbox() as running:
        yield running


@pytest.fixture
async def http(sandbox: RunningSandbox) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=sandbox.base_url) as client:
        yield client


def _error(answer: httpx.Response) -> tuple[int, str, str]:
    error = answer.json()["error"]
    return answer.status_code, error["code"], error["message"]


async def test_a_method_a_path_does_not_take_is_a_405_naming_the_ones_it_does(
    sandbox: RunningSandbox, http: httpx.AsyncClient
) -> None:
    sandbox.network.settings.rate_limit_requests = 1

    answer = await http.put(POSTS, headers=AUTH)
    on_a_post = await http.get(f"{POSTS}/some-post", headers=AUTH)

    assert _error(answer) == (405, "method_not_allowed", "PUT is not allowed here.")
    assert answer.headers["allow"] == "GET, POST"
    assert (on_a_post.status_code, on_a_post.headers["allow"]) == (405, "DELETE")
    assert (await http.post(POSTS, json={"text": "refused calls did not count"}, headers=AUTH)).status_code == 201


@pytest.mark.parametrize(
    "path", ["/v1", "/v1/nothing", "/v1/accounts/acme", "/v1/accounts//posts", f"{POSTS}/", f"{POSTS}/p/likes"]
)
async def test_a_path_that_is_no_call_is_a_404(http: httpx.AsyncClient, path: str) -> None:
    answer = await http.get(path, headers=AUTH)

    assert _error(answer) == (404, "not_found", "No such endpoint.")


async def test_a_body_that_is_not_json_is_a_422_saying_why(sandbox: RunningSandbox, http: httpx.AsyncClient) -> None:
    json_type = {**AUTH, "Content-Type": "application/json"}

    malformed = await http.post(POSTS, content=b'{"text": "unfinished', headers=json_type)
    untyped = await http.post(POSTS, content=b'{"text": "fine"}', headers={**AUTH, "Content-Type": "text/plain"})
    missing = await http.post(POSTS, headers=AUTH)

    status, code, message = _error(malformed)
    assert (status, code) == (422, "invalid_request")
    assert message.startswith("body: Invalid JSON: EOF while parsing a string")
    assert _error(untyped) == (422, "invalid_request", "body: the body must be JSON (Content-Type: application/json)")
    assert _error(missing) == (422, "invalid_request", "body: Field required")
    assert sandbox.network.posts == {}


async def test_a_body_the_models_refuse_is_a_422_naming_each_field(http: httpx.AsyncClient) -> None:
    answer = await http.post(POSTS, json={"text": 5, "media": [{"kind": "image", "size_bytes": -1}]}, headers=AUTH)

    assert _error(answer) == (
        422,
        "invalid_request",
        "body.text: Input should be a valid string; body.media.0.mime_type: Field required; "
        "body.media.0.size_bytes: Input should be greater than or equal to 0",
    )


async def test_finding_by_key_needs_the_key(http: httpx.AsyncClient) -> None:
    answer = await http.get(POSTS, headers=AUTH)
    blank = await http.get(POSTS, params={"idempotency_key": ""}, headers=AUTH)

    assert _error(answer) == (422, "invalid_request", "query.idempotency_key: Field required")
    assert (blank.status_code, blank.json()) == (200, {"data": []})


async def test_the_control_endpoints_keep_their_docs(http: httpx.AsyncClient) -> None:
    paths = (await http.get("/openapi.json")).json()["paths"]

    assert "/_control/failures" in paths
    assert (await http.get("/docs")).status_code == 200
