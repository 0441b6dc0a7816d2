"""The posting calendar: a brand's scheduled and published posts grouped by local date in the brand's timezone.

A post sits on the day of its first publication when it has one, else on the day it is scheduled for. The range is
read in pages of publishing's post list; it is capped (MAX_DAYS, MAX_POSTS) so one query stays one screen's worth.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import strawberry

from chorus_gateway.graphql.info import GatewayInfo
from chorus_gateway.graphql.publishing.enums import PostState
from chorus_gateway.graphql.publishing.post_types import Post
from chorus_gateway.graphql.publishing.rest import PublishingPost, PublishingPostPage
from chorus_shared.errors import FieldError, ValidationFailed

MAX_DAYS = 62
MAX_POSTS = 1000
_PAGE = 200
ON_CALENDAR = (PostState.SCHEDULED, PostState.PUBLISHING, PostState.PUBLISHED, PostState.UNCONFIRMED, PostState.FAILED)


@strawberry.type(description="One local day of the brand's calendar and the posts on it, in time order.")
class PostCalendarDay:
    date: date
    posts: list[Post]


@strawberry.type(description="Scheduled and published posts (and those failed or unconfirmed) by local date.")
class PostCalendar:
    brand_id: strawberry.ID
    timezone: str = strawberry.field(description="The brand's IANA timezone the days are in.")
    days: list[PostCalendarDay] = strawberry.field(description="Only days with posts, in date order.")


def check_range(start: date, end: date) -> None:
    if end < start:
        raise ValidationFailed("The range ends before it starts.", field_errors=[FieldError("to", "On or after from.")])
    if (end - start).days >= MAX_DAYS:
        error = FieldError("to", f"At most {MAX_DAYS} days from `from`.", "out_of_range")
        raise ValidationFailed("The range is too long.", field_errors=[error])


async def calendar(info: GatewayInfo, brand_id: uuid.UUID, timezone: str, start: date, end: date) -> PostCalendar:
    zone = ZoneInfo(timezone)
    since = datetime.combine(start, time(), zone)
    until = datetime.combine(end + timedelta(days=1), time(), zone)
    days: dict[date, list[tuple[datetime, PublishingPost]]] = defaultdict(list)
    for post in await _posts_between(info, brand_id, since, until):
        at = _placed_at(post)
        if at is not None and since <= at < until:
            days[at.astimezone(zone).date()].append((at, post))
    return PostCalendar(
        brand_id=strawberry.ID(str(brand_id)),
        timezone=timezone,
        days=[
            PostCalendarDay(date=day, posts=[Post.of(p) for _, p in sorted(days[day], key=lambda pair: pair[0])])
            for day in sorted(days)
        ],
    )


def _placed_at(post: PublishingPost) -> datetime | None:
    published = [v.published_at for v in post.variants if v.published_at is not None]
    return min(published) if published else post.scheduled_at


async def _posts_between(
    info: GatewayInfo, brand_id: uuid.UUID, since: datetime, until: datetime
) -> list[PublishingPost]:
    publishing = info.context.service("publishing")
    params: dict[str, object] = {
        "state": [s.value for s in ON_CALENDAR],
        "scheduled_from": since.isoformat(),
        "scheduled_before": until.isoformat(),
        "limit": _PAGE,
    }
    found: list[PublishingPost] = []
    while len(found) < MAX_POSTS:
        page = await publishing.get(f"/brands/{brand_id}/posts", PublishingPostPage, params=params)
        found.extend(page.items)
        if page.next_after is None:
            return found
        params["after"] = str(page.next_after)
    error = FieldError("to", f"More than {MAX_POSTS} posts: ask for fewer days.", "too_many_posts")
    raise ValidationFailed("Too many posts in this range.", field_errors=[error])
