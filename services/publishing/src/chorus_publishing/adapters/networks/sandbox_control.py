"""The sandbox's control endpoints (/_control): settings, queued failures, and what was really posted."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel, Field

from chorus_publishing.adapters.networks.sandbox_state import InjectedFailure, SandboxNetwork, SandboxPost

control_router = APIRouter(prefix="/_control")


class SettingsIn(BaseModel):
    latency_ms: float | None = Field(default=None, ge=0)
    rate_limit_requests: int | None = Field(default=None, ge=1)
    rate_limit_window_s: float | None = Field(default=None, gt=0)
    hang_s: float | None = Field(default=None, ge=0)


class FailuresIn(BaseModel):
    kind: InjectedFailure
    count: int = Field(default=1, ge=1)
    account: str | None = None
    after: int = Field(default=0, ge=0)


class CommentByFollower(BaseModel):
    author: str
    text: str


def _network(request: Request) -> SandboxNetwork:
    network: SandboxNetwork = request.app.state.network
    return network


Network = Annotated[SandboxNetwork, Depends(_network)]


@control_router.put("/settings", status_code=204)
async def change_settings(network: Network, body: SettingsIn) -> Response:
    settings = network.settings
    if body.latency_ms is not None:
        settings.latency_s = body.latency_ms / 1000
    if body.rate_limit_requests is not None:
        settings.rate_limit_requests = body.rate_limit_requests
    if body.rate_limit_window_s is not None:
        settings.rate_limit_window_s = body.rate_limit_window_s
    if body.hang_s is not None:
        settings.hang_s = body.hang_s
    return Response(status_code=204)


@control_router.post("/failures", status_code=204)
async def queue_failures(network: Network, body: FailuresIn) -> Response:
    network.queue_failures(body.kind, body.count, body.account, body.after)
    return Response(status_code=204)


@control_router.get("/posts")
async def all_posts(network: Network) -> dict[str, list[dict[str, object]]]:
    """Every post ever created, deleted ones included: what tests and benchmarks count duplicates on."""
    return {
        "data": [
            {
                "id": post.id,
                "account": post.account,
                "text": post.text,
                "idempotency_key": post.idempotency_key,
                "created_at": post.created_at.isoformat(),
                "deleted": post.deleted,
            }
            for post in network.posts.values()
        ]
    }


@control_router.put("/posts/{post_id}/metrics", status_code=204)
async def set_metrics(network: Network, post_id: str, body: dict[str, int | None]) -> Response:
    """Replace a post's counters; a null counter is one the network does not give."""
    _post(network, post_id).metrics = dict(body)
    return Response(status_code=204)


@control_router.post("/posts/{post_id}/comments", status_code=204)
async def comment_as_follower(network: Network, post_id: str, body: CommentByFollower) -> Response:
    network.add_comment(_post(network, post_id), body.author, body.text)
    return Response(status_code=204)


@control_router.post("/reset", status_code=204)
async def reset(network: Network) -> Response:
    network.reset()
    return Response(status_code=204)


def _post(network: SandboxNetwork, post_id: str) -> SandboxPost:
    post = network.posts.get(post_id)
    if post is None:
        raise HTTPException(404, "No such post.")
    return post
