"""The sandbox network's edge: its network calls (/v1) served as plain ASGI, with no web framework in between.

Why not FastAPI: the dispatch benchmark pushes thousands of calls a second through the sandbox, on the same cores as
the dispatcher it measures. FastAPI's per-request machinery (routing, dependency solving, middleware, response models)
cost about 0.35 ms of CPU per call, some thirty times what the call itself does, so the sandbox took most of a core
from the dispatcher. A real network's edge is not a web framework either: this one matches the path against a few
routes, reads the body, validates it with the pydantic models of sandbox_schemas (a bad body is a 422) and writes the
JSON answer itself. The rarely called /_control endpoints stay in FastAPI (sandbox_control.py), documented.

A call to a known endpoint goes through `_admit` first, in the order a real network applies it: latency, bearer
token, the account's rate limit, then any failure queued through /_control. Only then is the request itself read and
checked. An unknown path (404) or method (405) is answered at once, as the framework did.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import parse_qsl

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from starlette.types import Receive, Scope, Send

from chorus_publishing.adapters.networks.sandbox_schemas import CommentIn, PostIn, comment_out, post_out
from chorus_publishing.adapters.networks.sandbox_state import InjectedFailure, SandboxNetwork, SandboxPost

MAX_TEXT_LENGTH = 500

Model = TypeVar("Model", bound=BaseModel)


class SandboxError(Exception):
    """An answer in the network's error shape: {"error": {"code": ..., "message": ...}}."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes | None = None  # None: no body (and no content type), as for a 204
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class NetworkCall:
    """One admitted call: who makes it, on what, and what it sent."""

    network: SandboxNetwork
    account: str
    post_id: str | None
    scope: Scope
    receive: Receive
    hang: bool  # a timeout-after-accept: the call is applied, its answer held past the client's patience

    async def body(self, model: type[Model]) -> Model:
        """The JSON body as `model`; a 422 if it is missing, not JSON, or not what the model says."""
        raw = await _read_body(self.receive)
        if not raw:
            raise _invalid("body: Field required")
        if not _is_json(_header(self.scope, b"content-type")):
            raise _invalid("body: the body must be JSON (Content-Type: application/json)")
        try:
            return model.model_validate_json(raw)
        except ValidationError as invalid:
            raise _invalid("; ".join(_described(error) for error in invalid.errors(include_url=False))) from None

    def query(self, name: str) -> str:
        """A required query parameter (the last one if given twice); a 422 if it is missing."""
        query_string: bytes = self.scope["query_string"]
        given = dict(parse_qsl(query_string.decode("latin-1"), keep_blank_values=True))
        if name not in given:
            raise _invalid(f"query.{name}: Field required")
        return given[name]

    def live_post(self) -> SandboxPost:
        assert self.post_id is not None  # only routes with a {post_id} ask
        post = self.network.live_post(self.account, self.post_id)
        if post is None:
            raise SandboxError(404, "not_found", "No such post.")
        return post


Handler = Callable[[NetworkCall], Awaitable[Answer]]


async def _create_post(call: NetworkCall) -> Answer:
    body = await call.body(PostIn)
    if not body.text.strip() and not body.media:
        raise SandboxError(422, "empty_post", "A post needs text or media.")
    if len(body.text) > MAX_TEXT_LENGTH:
        raise SandboxError(422, "text_too_long", f"Text is longer than {MAX_TEXT_LENGTH} characters.")
    post = call.network.create_post(
        call.account, body.text, idempotency_key=body.idempotency_key, media_count=len(body.media), thread=body.thread
    )
    return Answer(201, post_out(post).model_dump_json().encode())


async def _find_posts(call: NetworkCall) -> Answer:
    found = call.network.find_by_key(call.account, call.query("idempotency_key"))
    return Answer(200, _data([post_out(post).model_dump_json() for post in found]))


async def _delete_post(call: NetworkCall) -> Answer:
    call.live_post().deleted = True
    return Answer(204)


async def _metrics(call: NetworkCall) -> Answer:
    given = {name: value for name, value in call.live_post().metrics.items() if value is not None}
    return Answer(200, _dumps({"metrics": given}))


async def _comments(call: NetworkCall) -> Answer:
    return Answer(200, _data([comment_out(comment).model_dump_json() for comment in call.live_post().comments]))


async def _comment(call: NetworkCall) -> Answer:
    body = await call.body(CommentIn)  # a bad body is a 422 even on an unknown post, as it always was
    created = call.network.add_comment(call.live_post(), call.account, body.text, body.in_reply_to)
    return Answer(201, comment_out(created).model_dump_json().encode())


Pattern = tuple[str, ...]  # path segments after /v1; "{}" is a parameter: the account, then the post
Methods = dict[str, Handler]

ROUTES: dict[Pattern, Methods] = {
    ("accounts", "{}", "posts"): {"POST": _create_post, "GET": _find_posts},
    ("accounts", "{}", "posts", "{}"): {"DELETE": _delete_post},
    ("accounts", "{}", "posts", "{}", "metrics"): {"GET": _metrics},
    ("accounts", "{}", "posts", "{}", "comments"): {"GET": _comments, "POST": _comment},
}


def _by_length(routes: dict[Pattern, Methods]) -> dict[int, list[tuple[Pattern, Methods]]]:
    grouped: dict[int, list[tuple[Pattern, Methods]]] = {}
    for pattern, methods in routes.items():
        grouped.setdefault(len(pattern), []).append((pattern, methods))
    return grouped


_BY_LENGTH = _by_length(ROUTES)  # a path is only compared with the routes of as many segments


def route(path: str) -> tuple[Methods, list[str]] | None:
    """The handlers by method for a /v1 path, and the path's parameters; None for a path that is not a call."""
    segments = path.split("/")[2:]  # "", "v1", then what we route on
    for pattern, handlers in _BY_LENGTH.get(len(segments), ()):
        params = []
        for expected, given in zip(pattern, segments, strict=True):
            if expected == "{}":
                if not given:
                    break
                params.append(given)
            elif expected != given:
                break
        else:
            return handlers, params
    return None


class NetworkEdge:
    """The ASGI app serving /v1: route, admit, handle, answer (held if the call was to time out after accept)."""

    def __init__(self, network: SandboxNetwork) -> None:
        self.network = network

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        routed = route(scope["path"])
        if routed is None:
            await _send(send, _error(SandboxError(404, "not_found", "No such endpoint.")))
            return
        handlers, params = routed
        handler = handlers.get(scope["method"])
        if handler is None:
            allowed = ", ".join(sorted(handlers))
            refused = SandboxError(405, "method_not_allowed", f"{scope['method']} is not allowed here.")
            await _send(send, _error(refused, ("Allow", allowed)))
            return
        call = None
        try:
            call = await self._admit(scope, receive, params)
            answer = await handler(call)
        except SandboxError as refused:
            answer = _error(refused)
        if call is not None and call.hang:
            await asyncio.sleep(self.network.settings.hang_s)
        await _send(send, answer)

    async def _admit(self, scope: Scope, receive: Receive, params: list[str]) -> NetworkCall:
        """What every network call goes through, in the order a real network applies it."""
        network = self.network
        await asyncio.sleep(network.settings.latency_s)
        authorization = _header(scope, b"authorization")
        if not authorization or not authorization.startswith("Bearer ") or len(authorization) <= len("Bearer "):
            raise SandboxError(401, "unauthorized", "A bearer token is required.")
        account = params[0]
        wait = network.seconds_until_allowed(account)
        if wait is not None:
            raise SandboxError(429, "rate_limited", "Too many requests for this account.", self._retry_headers(wait))
        failure = network.take_failure(account)
        if failure is InjectedFailure.SERVER_ERROR:
            raise SandboxError(500, "internal_error", "Injected server error.")
        if failure is InjectedFailure.UNAUTHORIZED:
            raise SandboxError(401, "invalid_token", "The access token was revoked.")
        if failure is InjectedFailure.RATE_LIMITED:
            raise SandboxError(429, "rate_limited", "Injected rate limit.", self._retry_headers(1))
        post_id = params[1] if len(params) > 1 else None
        hang = failure is InjectedFailure.TIMEOUT_AFTER_ACCEPT
        return NetworkCall(network, account, post_id, scope, receive, hang)

    def _retry_headers(self, wait: int) -> dict[str, str]:
        return {"Retry-After": str(wait), "X-RateLimit-Limit": str(self.network.settings.rate_limit_requests)}


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _is_json(content_type: str | None) -> bool:
    if not content_type:
        return False
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json"))


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away
            return b""
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _described(error: ErrorDetails) -> str:
    where = ".".join(["body", *(str(part) for part in error["loc"])])
    return f"{where}: {error['msg']}"


def _invalid(message: str) -> SandboxError:
    return SandboxError(422, "invalid_request", message)


def _dumps(value: object) -> bytes:
    # What FastAPI's JSONResponse wrote: compact, UTF-8 as is.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _data(items: list[str]) -> bytes:
    return ('{"data":[' + ",".join(items) + "]}").encode()


def _error(error: SandboxError, *extra: tuple[str, str]) -> Answer:
    body = _dumps({"error": {"code": error.code, "message": error.message}})
    return Answer(error.status, body, (*error.headers.items(), *extra))


async def _send(send: Send, answer: Answer) -> None:
    headers = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in answer.headers]
    if answer.body is not None:
        headers.append((b"content-length", str(len(answer.body)).encode()))
        headers.append((b"content-type", b"application/json"))
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body or b""})
