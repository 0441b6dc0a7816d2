"""A fake Bluesky PDS: sessions from an app password, repository records, blobs, feed views and XRPC errors."""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import regex  # type: ignore[import-untyped]
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from .common import Faults, SeenRequest, install_faults

HANDLE = "brand.bsky.example"
DID = "did:plc:brand000000000000000000"
APP_PASSWORD = "abcd-efgh-ijkl-mnop"
POST = "app.bsky.feed.post"


def xrpc_error(status: int, error: str, message: str) -> JSONResponse:
    return JSONResponse({"error": error, "message": message}, status_code=status)


@dataclass
class FakeBluesky:
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # at-uri -> stored record
    blobs: dict[str, bytes] = field(default_factory=dict)
    access_tokens: set[str] = field(default_factory=set)
    refresh_tokens: set[str] = field(default_factory=set)
    expired_tokens: set[str] = field(default_factory=set)
    sessions_created: int = 0
    omitted_fields: set[str] = field(default_factory=set)  # counters the AppView no longer returns
    faults: Faults = field(default_factory=Faults)
    seen: list[SeenRequest] = field(default_factory=list)
    _rkeys: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def expire_access_tokens(self) -> None:
        self.expired_tokens |= self.access_tokens
        self.access_tokens.clear()

    def posts_by_text(self, text: str) -> list[dict[str, Any]]:
        return [r for r in self.records.values() if r["value"]["text"] == text]

    def add_reply_from_someone(self, parent_uri: str, text: str) -> str:
        parent = self.records[parent_uri]
        ref = {"uri": parent_uri, "cid": parent["cid"]}
        root = parent["value"].get("reply", {}).get("root", ref)
        value = {"$type": POST, "text": text, "createdAt": _now(), "reply": {"root": root, "parent": ref}}
        return str(self._store("did:plc:fan", "fan.bsky.example", value)["uri"])

    def _store(self, did: str, handle: str, value: dict[str, Any]) -> dict[str, Any]:
        uri = f"at://{did}/{POST}/3k{next(self._rkeys):011d}"
        stored = {"uri": uri, "cid": f"bafyrei{secrets.token_hex(8)}", "value": value, "did": did, "handle": handle}
        self.records[uri] = stored
        return stored

    def _view(self, stored: dict[str, Any]) -> dict[str, Any]:
        counters = {"likeCount": 12, "repostCount": 4, "replyCount": 1, "quoteCount": 2}
        return {
            "uri": stored["uri"],
            "cid": stored["cid"],
            "author": {"did": stored["did"], "handle": stored["handle"]},
            "record": stored["value"],
            "indexedAt": stored["value"]["createdAt"],
            **{k: v for k, v in counters.items() if k not in self.omitted_fields},
        }

    def _thread(self, uri: str) -> dict[str, Any]:
        children = [r for r in self.records.values() if r["value"].get("reply", {}).get("parent", {}).get("uri") == uri]
        return {
            "$type": "app.bsky.feed.defs#threadViewPost",
            "post": self._view(self.records[uri]),
            "replies": [self._thread(child["uri"]) for child in children],
        }

    def _new_session(self) -> JSONResponse:
        self.sessions_created += 1
        access, refresh = f"access-{secrets.token_hex(8)}", f"refresh-{secrets.token_hex(8)}"
        self.access_tokens.add(access)
        self.refresh_tokens.add(refresh)
        return JSONResponse({"did": DID, "handle": HANDLE, "accessJwt": access, "refreshJwt": refresh})

    def app(self) -> FastAPI:
        app = FastAPI()
        install_faults(app, self.faults, self.seen)

        @app.post("/xrpc/com.atproto.server.createSession")
        async def create_session(request: Request) -> Response:
            body = await request.json()
            if body.get("identifier") not in (HANDLE, DID) or body.get("password") != APP_PASSWORD:
                return xrpc_error(401, "AuthenticationRequired", "Invalid identifier or password")
            return self._new_session()

        @app.post("/xrpc/com.atproto.server.refreshSession")
        async def refresh_session(request: Request) -> Response:
            token = request.headers.get("authorization", "").removeprefix("Bearer ")
            if token not in self.refresh_tokens:
                return xrpc_error(400, "ExpiredToken", "Token has been revoked")
            self.refresh_tokens.discard(token)
            return self._new_session()

        @app.middleware("http")
        async def authorise(request: Request, call_next: Any) -> Response:
            if "server." not in request.url.path:
                token = request.headers.get("authorization", "").removeprefix("Bearer ")
                if token in self.expired_tokens:
                    return xrpc_error(400, "ExpiredToken", "Token has expired")
                if token not in self.access_tokens:
                    return xrpc_error(400, "InvalidToken", "Token could not be verified")
            response: Response = await call_next(request)
            return response

        @app.post("/xrpc/com.atproto.repo.uploadBlob")
        async def upload_blob(request: Request) -> Response:
            link = f"bafkrei{secrets.token_hex(8)}"
            self.blobs[link] = await request.body()
            mime = request.headers.get("content-type", "*/*")
            blob = {"$type": "blob", "ref": {"$link": link}, "mimeType": mime, "size": len(self.blobs[link])}
            return JSONResponse({"blob": blob})

        @app.post("/xrpc/com.atproto.repo.createRecord")
        async def create_record(request: Request) -> Response:
            body = await request.json()
            text = body["record"].get("text", "")
            if len(regex.findall(r"\X", text)) > 300:
                message = f"Invalid {POST} record: Record/text must not be longer than 300 graphemes"
                return xrpc_error(400, "InvalidRequest", message)
            stored = self._store(DID, HANDLE, body["record"])
            return JSONResponse({"uri": stored["uri"], "cid": stored["cid"]})

        @app.post("/xrpc/com.atproto.repo.deleteRecord")
        async def delete_record(request: Request) -> Response:
            body = await request.json()
            self.records.pop(f"at://{body['repo']}/{body['collection']}/{body['rkey']}", None)
            return JSONResponse({})

        @app.get("/xrpc/com.atproto.repo.listRecords")
        async def list_records(repo: str, collection: str, limit: int = 50) -> Response:
            own = [r for r in self.records.values() if r["did"] == repo and r["uri"].split("/")[3] == collection]
            records = [{"uri": r["uri"], "cid": r["cid"], "value": r["value"]} for r in reversed(own)][:limit]
            return JSONResponse({"records": records})

        @app.get("/xrpc/app.bsky.feed.getPosts")
        async def get_posts(uris: str) -> Response:
            return JSONResponse({"posts": [self._view(self.records[uris])] if uris in self.records else []})

        @app.get("/xrpc/app.bsky.feed.getPostThread")
        async def get_post_thread(uri: str) -> Response:
            if uri not in self.records:
                return xrpc_error(400, "NotFound", f"Post not found: {uri}")
            return JSONResponse({"thread": self._thread(uri)})

        return app


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
