"""A fake Meta Graph API host: Facebook page feeds and photos, Instagram containers and media, insights, comments."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from .common import Faults, SeenRequest, install_faults

TOKEN = "graph-secret-page-token-31337"
PAGE_ID = "1010"
IG_USER_ID = "1789"
VERSION = "/v21.0"


def graph_error(code: int, message: str, *, subcode: int | None = None, status: int = 400) -> JSONResponse:
    error: dict[str, Any] = {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AbC"}
    if subcode is not None:
        error["error_subcode"] = subcode
    return JSONResponse({"error": error}, status_code=status)


def graph_time() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


@dataclass
class FakeGraph:
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)  # posts, photos, containers, media
    comments: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    insights: dict[str, dict[str, int]] = field(default_factory=dict)
    faults: Faults = field(default_factory=Faults)
    seen: list[SeenRequest] = field(default_factory=list)
    processing_polls: int = 2  # status reads of a video container before it is FINISHED
    quota_usage: int = 0
    quota_total: int = 100
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(5000))

    def add(self, kind: str, **fields: Any) -> dict[str, Any]:
        node = {"id": str(next(self._ids)), "kind": kind, "created_time": graph_time(), **fields}
        self.objects[node["id"]] = node
        return node

    def of_kind(self, kind: str) -> list[dict[str, Any]]:
        return [node for node in self.objects.values() if node["kind"] == kind and not node.get("deleted")]

    def comment_from_someone(self, target: str, text: str, *, who: str = "fan") -> None:
        self.comments.setdefault(target, []).append(
            {
                "id": str(next(self._ids)),
                "message": text,
                "text": text,
                "username": who,
                "from": {"name": who, "id": "77"},
                "created_time": graph_time(),
                "timestamp": graph_time(),
            }
        )


def create_app(graph: FakeGraph) -> FastAPI:
    app = FastAPI()
    install_faults(app, graph.faults, graph.seen)

    @app.middleware("http")
    async def check_token(request: Request, call_next: Any) -> Any:
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return graph_error(190, "Error validating access token: The session has been invalidated.", subcode=460)
        return await call_next(request)

    @app.post(VERSION + "/{node}/{edge}")
    async def create(node: str, edge: str, request: Request) -> Any:
        handler = _CREATE.get(edge)
        if handler is None:
            return graph_error(100, f"Unsupported post request: {edge}")
        return handler(graph, node, dict(await request.form()))

    @app.get(VERSION + "/{node}/{edge}")
    async def read_edge(node: str, edge: str, request: Request) -> Any:
        if edge == "content_publishing_limit":
            return {
                "data": [
                    {
                        "quota_usage": graph.quota_usage,
                        "config": {"quota_total": graph.quota_total, "quota_duration": 86400},
                    }
                ]
            }
        if edge == "published_posts":
            posts = [
                {
                    "id": f"{PAGE_ID}_{p['id']}",
                    "message": p.get("message"),
                    "created_time": p["created_time"],
                    "permalink_url": f"https://www.facebook.com/{PAGE_ID}_{p['id']}",
                }
                for p in graph.of_kind("post")
            ]
            return {"data": list(reversed(posts))}
        if edge == "media":
            media = [{k: m[k] for k in ("id", "caption", "permalink", "timestamp")} for m in graph.of_kind("media")]
            return {"data": list(reversed(media))}
        if edge == "comments":
            return {"data": graph.comments.get(node, [])}
        if edge == "insights":
            return _insights(graph, node, request.query_params.get("metric", ""))
        return graph_error(100, f"Unknown edge {edge}")

    @app.get(VERSION + "/{node}")
    async def read_node(node: str) -> Any:
        found = graph.objects.get(node.split("_")[-1])
        if found is None or found.get("deleted"):
            return graph_error(100, "Unsupported get request. Object does not exist", subcode=33)
        if found["kind"] == "container":
            found["polls"] = found.get("polls", 0) + 1
            if found["status_code"] == "IN_PROGRESS" and found["polls"] >= graph.processing_polls:
                found["status_code"] = "FINISHED"
            return {"id": node, "status_code": found["status_code"], "status": found.get("status", "")}
        if found["kind"] == "post":
            return _engagement(graph, node, found)
        return {k: v for k, v in found.items() if k != "kind"}

    @app.delete(VERSION + "/{node}")
    async def delete(node: str) -> Any:
        found = graph.objects.get(node.split("_")[-1])
        if found is None or found.get("deleted"):
            return graph_error(100, "Object does not exist", subcode=33)
        found["deleted"] = True
        return {"success": True}

    return app


def _feed(graph: FakeGraph, node: str, form: dict[str, Any]) -> Any:
    if not form.get("message") and not form.get("link"):
        return graph_error(100, "(#100) Missing message or attachment")
    attached = [v for k, v in form.items() if k.startswith("attached_media")]
    post = graph.add("post", message=form.get("message"), link=form.get("link"), attached=attached)
    return {"id": f"{PAGE_ID}_{post['id']}"}


def _photo(graph: FakeGraph, node: str, form: dict[str, Any]) -> Any:
    published = form.get("published") != "false"
    photo = graph.add("photo", caption=form.get("caption"), published=published)
    if not published:
        return {"id": photo["id"]}
    post = graph.add("post", message=form.get("caption"), photo=photo["id"])
    return {"id": photo["id"], "post_id": f"{PAGE_ID}_{post['id']}"}


def _comment(graph: FakeGraph, node: str, form: dict[str, Any]) -> Any:
    graph.comment_from_someone(node, str(form.get("message", "")), who="brand")
    return {"id": graph.comments[node][-1]["id"]}


def _publish(graph: FakeGraph, node: str, form: dict[str, Any]) -> Any:
    container = graph.objects.get(str(form.get("creation_id")))
    if container is None or container["status_code"] != "FINISHED":
        return graph_error(9007, "Media ID is not available", subcode=2207027)
    media_type = {"CAROUSEL": "CAROUSEL_ALBUM", "REELS": "VIDEO"}.get(container["media_type"], "IMAGE")
    product = "REELS" if container["media_type"] == "REELS" else "FEED"
    media = graph.add(
        "media",
        caption=container.get("caption"),
        media_type=media_type,
        media_product_type=product,
        timestamp=graph_time(),
    )
    media["permalink"] = f"https://www.instagram.com/p/{media['id']}/"
    container["status_code"] = "PUBLISHED"
    return {"id": media["id"]}


def _container(graph: FakeGraph, node: str, form: dict[str, Any]) -> Any:
    url = str(form.get("image_url") or form.get("video_url") or "")
    media_type = str(form.get("media_type") or "IMAGE")
    if media_type != "CAROUSEL" and not url:
        return graph_error(100, "(#100) The parameter image_url is required.")
    status = "IN_PROGRESS" if media_type in ("REELS", "VIDEO") else "FINISHED"
    container = graph.add(
        "container",
        media_type=media_type,
        caption=form.get("caption"),
        url=url,
        children=form.get("children"),
        status_code=status,
    )
    if "unsupported-codec" in url:
        container.update(status_code="ERROR", status="Error: 2207026: unsupported video format")
    return {"id": container["id"]}


_CREATE: dict[str, Callable[[FakeGraph, str, dict[str, Any]], Any]] = {
    "feed": _feed,
    "photos": _photo,
    "comments": _comment,
    "media": _container,
    "media_publish": _publish,
}


def _insights(graph: FakeGraph, node: str, metric: str) -> Any:
    given = graph.insights.get(node.split("_")[-1], {})
    requested = [name for name in metric.split(",") if name]
    if "retired_metric" in given:
        return graph_error(100, "(#100) The value must be a valid insights metric")
    data = [
        {"name": name, "period": "lifetime", "values": [{"value": given[name]}]} for name in requested if name in given
    ]
    return {"data": data}


def _engagement(graph: FakeGraph, node: str, post: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "id": node,
        "reactions": {"data": [], "summary": {"total_count": post.get("reactions", 0)}},
        "comments": {"data": [], "summary": {"total_count": len(graph.comments.get(node, []))}},
    }
    if post.get("shares"):
        answer["shares"] = {"count": post["shares"]}  # as Graph: no field at all until someone shares
    return answer
