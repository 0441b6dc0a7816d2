"""A fake X API v2: tweets, media upload with processing and alt text, timelines, search, problem-detail errors."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from .common import Faults, SeenRequest, install_faults

TOKEN = "x-oauth2-user-token"
USER_ID = "2244994945"
USERNAME = "brand"
_URL = re.compile(r"https?://\S+")


def problem(status: int, title: str, detail: str) -> JSONResponse:
    return JSONResponse({"title": title, "detail": detail, "type": "about:blank", "status": status}, status)


@dataclass
class FakeX:
    tweets: dict[str, dict[str, Any]] = field(default_factory=dict)
    media: dict[str, dict[str, Any]] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=lambda: {USER_ID: USERNAME, "42": "fan"})
    old_posts: set[str] = field(default_factory=set)  # older than 30 days: no non-public metrics
    omitted_fields: set[str] = field(default_factory=set)  # public metrics the API no longer returns
    processing_polls: int = 1  # STATUS calls before a video is processed
    faults: Faults = field(default_factory=Faults)
    seen: list[SeenRequest] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1_790_000_000_000_000_000))

    def sent_text(self, tweet_id: str) -> str:
        return str(self.tweets[tweet_id]["sent_text"])

    def add_reply_from_someone(self, parent_id: str, text: str) -> str:
        return str(self._store(text, author_id="42", reply_to=parent_id)["id"])

    def _store(self, text: str, *, author_id: str, reply_to: str | None, media: tuple[str, ...] = ()) -> dict[str, Any]:
        tweet_id = str(next(self._ids))
        conversation = self.tweets[reply_to]["conversation_id"] if reply_to else tweet_id
        tweet = {
            "id": tweet_id,
            "text": _URL.sub("https://t.co/abc123XYZ", text).replace("&", "&amp;"),  # as X shows it
            "sent_text": text,
            "author_id": author_id,
            "conversation_id": conversation,
            "created_at": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "media": list(media),
        }
        if reply_to:
            tweet["referenced_tweets"] = [{"type": "replied_to", "id": reply_to}]
        self.tweets[tweet_id] = tweet
        return tweet

    def _public(self, tweet: dict[str, Any]) -> dict[str, Any]:
        keys = ("id", "text", "author_id", "conversation_id", "created_at", "referenced_tweets")
        return {k: tweet[k] for k in keys if k in tweet}

    def _with_metrics(self, tweet: dict[str, Any], fields: str) -> JSONResponse:
        public = {"retweet_count": 5, "reply_count": 2, "like_count": 40, "quote_count": 1, "bookmark_count": 3}
        public["impression_count"] = 900
        data = self._public(tweet)
        data["public_metrics"] = {k: v for k, v in public.items() if k not in self.omitted_fields}
        if "non_public_metrics" in fields:
            if tweet["id"] in self.old_posts:
                error = {"title": "Field Authorization Error", "resource_type": "tweet", "field": "non_public_metrics"}
                return JSONResponse({"errors": [error | {"detail": "Sorry, you are not authorized to access it."}]})
            data["non_public_metrics"] = {"impression_count": 1000, "url_link_clicks": 17, "user_profile_clicks": 2}
        return JSONResponse({"data": data})

    def app(self) -> FastAPI:
        app = FastAPI()
        install_faults(app, self.faults, self.seen)

        @app.middleware("http")
        async def authorise(request: Request, call_next: Any) -> Response:
            if request.headers.get("authorization") != f"Bearer {TOKEN}":
                return problem(401, "Unauthorized", "Unauthorized")
            response: Response = await call_next(request)
            return response

        @app.post("/2/tweets")
        async def create(request: Request) -> Response:
            body = await request.json()
            text = body.get("text", "")
            if len(text) > 280:
                invalid = {"errors": [{"message": "Your Tweet text is too long."}], "title": "Invalid Request"}
                return JSONResponse(invalid | {"detail": "One or more parameters to your request was invalid."}, 400)
            if any(t["sent_text"] == text and t["author_id"] == USER_ID for t in self.tweets.values()):
                return problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.")
            reply_to = body.get("reply", {}).get("in_reply_to_tweet_id")
            media = body.get("media", {}).get("media_ids", [])
            tweet = self._store(text, author_id=USER_ID, reply_to=reply_to, media=tuple(media))
            data = {"id": tweet["id"], "text": tweet["text"], "edit_history_tweet_ids": [tweet["id"]]}
            return JSONResponse({"data": data}, status_code=201)

        @app.delete("/2/tweets/{tweet_id}")
        async def delete(tweet_id: str) -> Response:
            if self.tweets.pop(tweet_id, None) is None:
                return problem(404, "Not Found Error", f"Could not find tweet with id: [{tweet_id}].")
            return JSONResponse({"data": {"deleted": True}})

        @app.get("/2/tweets/search/recent")
        async def search(query: str) -> Response:
            conversation = query.removeprefix("conversation_id:")
            found = [self._public(t) for t in self.tweets.values() if t["conversation_id"] == conversation]
            found = [t for t in found if t["id"] != conversation]
            users = [{"id": i, "username": self.users[i]} for i in {t["author_id"] for t in found}]
            return JSONResponse({"data": found, "includes": {"users": users}, "meta": {"result_count": len(found)}})

        @app.get("/2/tweets/{tweet_id}")
        async def show(tweet_id: str, request: Request) -> Response:
            if tweet_id not in self.tweets:
                return JSONResponse({"errors": [{"title": "Not Found Error", "detail": f"Could not find {tweet_id}"}]})
            return self._with_metrics(self.tweets[tweet_id], request.query_params.get("tweet.fields", ""))

        @app.get("/2/users/me")
        async def me() -> Response:
            return JSONResponse({"data": {"id": USER_ID, "username": USERNAME}})

        @app.get("/2/users/{user_id}/tweets")
        async def timeline(user_id: str) -> Response:
            own = [t for t in self.tweets.values() if t["author_id"] == user_id and "referenced_tweets" not in t]
            return JSONResponse({"data": [self._public(t) for t in reversed(own)]})

        @app.post("/2/media/upload")
        async def upload(request: Request) -> Response:
            form = await request.form()
            media_id = str(next(self._ids))
            video = form.get("media_category") == "tweet_video"
            self.media[media_id] = {"category": form.get("media_category"), "alt": None, "polls": self.processing_polls}
            data: dict[str, Any] = {"id": media_id, "media_key": f"3_{media_id}", "expires_after_secs": 86400}
            if video:
                data["processing_info"] = {"state": "pending", "check_after_secs": 0}
            return JSONResponse({"data": data})

        @app.get("/2/media/upload")
        async def status(command: str, media_id: str) -> Response:
            item = self.media[media_id]
            item["polls"] -= 1
            state = "in_progress" if item["polls"] > 0 else "succeeded"
            return JSONResponse({"data": {"id": media_id, "processing_info": {"state": state, "check_after_secs": 0}}})

        @app.post("/2/media/metadata")
        async def metadata(request: Request) -> Response:
            body = await request.json()
            self.media[body["id"]]["alt"] = body["metadata"]["alt_text"]["text"]
            return JSONResponse({"data": {"id": body["id"], "associated_metadata": body["metadata"]}})

        return app
