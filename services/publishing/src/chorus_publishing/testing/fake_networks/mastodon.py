"""A fake Mastodon instance: the statuses, media and accounts endpoints, their errors and rate-limit headers."""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse, Response

from .common import Faults, SeenRequest, install_faults

TOKEN = "mastodon-secret-token"
ACCOUNT_ID = "109"


@dataclass
class FakeMastodon:
    max_characters: int = 500
    statuses: dict[str, dict[str, Any]] = field(default_factory=dict)
    media: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_idempotency_key: dict[str, str] = field(default_factory=dict)
    faults: Faults = field(default_factory=Faults)
    seen: list[SeenRequest] = field(default_factory=list)
    omitted_fields: set[str] = field(default_factory=set)  # counters this server no longer returns
    processing_polls: int = 1  # GETs of a video before it is processed
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))

    def next_id(self) -> str:
        return str(next(self._ids))

    def add_reply_from_someone(self, parent_id: str, text: str) -> str:
        status = self._status(text, in_reply_to_id=parent_id, acct="fan@elsewhere.example")
        self.statuses[status["id"]] = status
        return str(status["id"])

    def _status(
        self, text: str, *, in_reply_to_id: str | None, acct: str = "brand", media: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        status_id = self.next_id()
        counters = {"favourites_count": 7, "reblogs_count": 3, "replies_count": 2}
        return {
            "id": status_id,
            "created_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            "url": f"https://mastodon.example/@brand/{status_id}",
            "content": "<p>" + html.escape(text).replace("\n", "<br>") + "</p>",
            "in_reply_to_id": in_reply_to_id,
            "account": {"id": ACCOUNT_ID if acct == "brand" else "7", "acct": acct},
            "media_attachments": [self.media[m] for m in media],
            **{k: v for k, v in counters.items() if k not in self.omitted_fields},
        }

    def app(self) -> FastAPI:
        app = FastAPI()
        install_faults(app, self.faults, self.seen)

        @app.middleware("http")
        async def authorise(request: Request, call_next: Any) -> Response:
            if request.headers.get("authorization") != f"Bearer {TOKEN}":
                return JSONResponse({"error": "The access token is invalid"}, status_code=401)
            response: Response = await call_next(request)
            return response

        @app.post("/api/v1/statuses")
        async def create(request: Request, idempotency_key: str | None = Header(None)) -> Response:
            body = await request.json()
            if idempotency_key in self.by_idempotency_key:
                return JSONResponse(self.statuses[self.by_idempotency_key[idempotency_key]])
            text = body.get("status", "")
            if len(text) > self.max_characters:
                limit = self.max_characters
                return JSONResponse({"error": f"Validation failed: Text character limit of {limit} exceeded"}, 422)
            unprocessed = [m for m in body.get("media_ids", []) if self.media[m]["url"] is None]
            if unprocessed:
                return JSONResponse({"error": "Cannot attach files that have not finished processing"}, 422)
            status = self._status(
                text, in_reply_to_id=body.get("in_reply_to_id"), media=tuple(body.get("media_ids", []))
            )
            self.statuses[status["id"]] = status
            if idempotency_key:
                self.by_idempotency_key[idempotency_key] = status["id"]
            return JSONResponse(status)

        @app.get("/api/v1/statuses/{status_id}")
        async def show(status_id: str) -> Response:
            if status_id not in self.statuses:
                return JSONResponse({"error": "Record not found"}, 404)
            return JSONResponse(self.statuses[status_id])

        @app.delete("/api/v1/statuses/{status_id}")
        async def delete(status_id: str) -> Response:
            if status_id not in self.statuses:
                return JSONResponse({"error": "Record not found"}, 404)
            return JSONResponse(self.statuses.pop(status_id))

        @app.get("/api/v1/statuses/{status_id}/context")
        async def context(status_id: str) -> Response:
            return JSONResponse({"ancestors": [], "descendants": self._descendants(status_id)})

        @app.get("/api/v1/accounts/verify_credentials")
        async def me() -> Response:
            return JSONResponse({"id": ACCOUNT_ID, "acct": "brand"})

        @app.get("/api/v1/accounts/{account_id}/statuses")
        async def account_statuses(account_id: str, limit: int = 20) -> Response:
            own = [s for s in self.statuses.values() if s["account"]["id"] == account_id]
            return JSONResponse(list(reversed(own))[:limit])

        @app.post("/api/v2/media")
        async def upload(request: Request) -> Response:
            form = await request.form()
            upload = form["file"]
            media_id = self.next_id()
            video = getattr(upload, "content_type", "").startswith("video/")
            self.media[media_id] = {
                "id": media_id,
                "type": "video" if video else "image",
                "url": None if video else f"https://files.example/{media_id}",
                "description": form.get("description"),
                "polls_left": self.processing_polls,
            }
            return JSONResponse(self.media[media_id], status_code=202 if video else 200)

        @app.get("/api/v1/media/{media_id}")
        async def media(media_id: str) -> Response:
            item = self.media[media_id]
            item["polls_left"] -= 1
            if item["polls_left"] > 0:
                return JSONResponse(item, status_code=206)
            item["url"] = f"https://files.example/{media_id}"
            return JSONResponse(item)

        return app

    def _descendants(self, status_id: str) -> list[dict[str, Any]]:
        children = [s for s in self.statuses.values() if s["in_reply_to_id"] == status_id]
        return [d for child in children for d in (child, *self._descendants(child["id"]))]
