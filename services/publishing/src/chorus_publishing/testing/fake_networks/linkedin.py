"""A fake LinkedIn REST API: versioned Posts, Images upload, socialActions and share statistics, with its errors."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from .common import Faults, SeenRequest, install_faults

TOKEN = "linkedin-secret-member-token-777"
ORGANIZATION = "urn:li:organization:2414183"
MEMBER = "urn:li:person:8675309"
MAX_COMMENTARY = 3000


def linkedin_error(status: int, message: str, code: str | None = None) -> JSONResponse:
    body: dict[str, Any] = {"status": status, "message": message}
    if code:
        body["code"] = code
    return JSONResponse(body, status_code=status)


@dataclass
class FakeLinkedIn:
    posts: dict[str, dict[str, Any]] = field(default_factory=dict)
    images: dict[str, int | None] = field(default_factory=dict)  # image urn -> uploaded size (None: not yet)
    comments: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    share_statistics: dict[str, dict[str, int]] = field(default_factory=dict)
    social_actions: dict[str, dict[str, Any]] = field(default_factory=dict)
    faults: Faults = field(default_factory=Faults)
    seen: list[SeenRequest] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(7000))

    def live_posts(self) -> list[dict[str, Any]]:
        return [post for post in self.posts.values() if not post.get("deleted")]

    def comment_from_someone(self, urn: str, text: str, who: str = "urn:li:person:fan") -> None:
        self.comments.setdefault(urn, []).append(_comment(next(self._ids), who, urn, text))


def _comment(number: int, actor: str, urn: str, text: str) -> dict[str, Any]:
    return {
        "id": str(number),
        "commentUrn": f"urn:li:comment:({urn},{number})",
        "actor": actor,
        "object": urn,
        "message": {"text": text},
        "created": {"time": int(time.time() * 1000), "actor": actor},
    }


def create_app(fake: FakeLinkedIn) -> FastAPI:
    app = FastAPI()
    install_faults(app, fake.faults, fake.seen)

    @app.middleware("http")
    async def check_headers(request: Request, call_next: Any) -> Any:
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return linkedin_error(401, "Invalid access token", "INVALID_ACCESS_TOKEN")
        if request.url.path.startswith("/rest/"):
            if not request.headers.get("linkedin-version"):
                return linkedin_error(426, "A version must be present", "VERSION_MISSING")
            if request.headers.get("x-restli-protocol-version") != "2.0.0":
                return linkedin_error(400, "Rest.li protocol 2.0.0 required")
        return await call_next(request)

    @app.post("/rest/images")
    async def initialize_upload(request: Request, action: str) -> Any:
        owner = (await request.json())["initializeUploadRequest"]["owner"]
        number = next(fake._ids)
        fake.images[f"urn:li:image:C4E{number}"] = None
        upload_url = f"{str(request.base_url).rstrip('/')}/dms-uploads/{number}"
        return {"value": {"uploadUrl": upload_url, "image": f"urn:li:image:C4E{number}", "owner": owner}}

    @app.put("/dms-uploads/{number}")
    async def upload(number: int, request: Request) -> Response:
        fake.images[f"urn:li:image:C4E{number}"] = len(await request.body())
        return Response(status_code=201)

    @app.post("/rest/posts")
    async def create_post(request: Request) -> Any:
        body = await request.json()
        if len(body.get("commentary", "")) > MAX_COMMENTARY:
            return linkedin_error(422, "/commentary :: length must be less than 3000")
        if body.get("lifecycleState") != "PUBLISHED":
            return linkedin_error(400, "lifecycleState must be PUBLISHED")
        content = body.get("content", {})
        media = [content["media"]] if "media" in content else content.get("multiImage", {}).get("images", [])
        if any(fake.images.get(item["id"]) is None for item in media):
            return linkedin_error(422, "Image is not uploaded or is still processing")
        urn = f"urn:li:share:{next(fake._ids)}"
        fake.posts[urn] = {
            **body,
            "id": urn,
            "createdAt": int(time.time() * 1000),
            "publishedAt": int(time.time() * 1000),
        }
        return Response(status_code=201, headers={"x-restli-id": urn})

    @app.get("/rest/posts")
    async def posts_by_author(author: str, q: str, count: int = 10) -> Any:
        mine = [post for post in fake.live_posts() if post["author"] == author]
        return {"elements": list(reversed(mine))[:count]}

    @app.delete("/rest/posts/{urn}")
    async def delete_post(urn: str) -> Any:
        if urn not in fake.posts or fake.posts[urn].get("deleted"):
            return linkedin_error(404, "Post not found")
        fake.posts[urn]["deleted"] = True
        return Response(status_code=204)

    @app.get("/rest/organizationalEntityShareStatistics")
    async def share_statistics(request: Request) -> Any:
        raw = request.query_params.get("shares") or request.query_params.get("ugcPosts") or ""
        urn = raw.removeprefix("List(").removesuffix(")")
        if urn not in fake.share_statistics:
            return {"elements": []}
        org = request.query_params["organizationalEntity"]
        return {
            "elements": [
                {"share": urn, "organizationalEntity": org, "totalShareStatistics": fake.share_statistics[urn]}
            ]
        }

    @app.get("/rest/socialActions/{urn}")
    async def social_actions(urn: str) -> Any:
        return fake.social_actions.get(
            urn, {"likesSummary": {"totalLikes": 0}, "commentsSummary": {"aggregatedTotalComments": 0}}
        )

    @app.get("/rest/socialActions/{urn}/comments")
    async def comments(urn: str) -> Any:
        return {"elements": fake.comments.get(urn, [])}

    @app.post("/rest/socialActions/{urn}/comments")
    async def comment(urn: str, request: Request) -> Any:
        body = await request.json()
        created = _comment(next(fake._ids), body["actor"], urn, body["message"]["text"])
        fake.comments.setdefault(urn, []).append(created)
        return JSONResponse(created, status_code=201)

    return app
