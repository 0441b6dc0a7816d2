"""Relay cursor connections: `first`/`after`, at most 100 nodes a page, opaque keyset cursors.

A list field returns `Connection[Node]`; the resolver fetches `page.limit` rows after `page.after` (one more than
asked, to learn whether a next page exists) and calls `connection_from_rows`.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

import strawberry

from chorus_shared.errors import FieldError, ValidationFailed

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

NodeT = TypeVar("NodeT")
RowT = TypeVar("RowT")


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT


@strawberry.type
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo

    @strawberry.field
    def nodes(self) -> list[NodeT]:
        return [edge.node for edge in self.edges]


@dataclass(frozen=True)
class PageRequest:
    """What to fetch: `limit` includes the extra row that tells whether another page follows."""

    first: int
    after: tuple[datetime, uuid.UUID] | None

    @property
    def limit(self) -> int:
        return self.first + 1


def page_request(first: int | None, after: str | None) -> PageRequest:
    size = DEFAULT_PAGE_SIZE if first is None else first
    if not 0 < size <= MAX_PAGE_SIZE:
        error = FieldError("first", f"Ask for 1 to {MAX_PAGE_SIZE} items.", "out_of_range")
        raise ValidationFailed(f"`first` must be between 1 and {MAX_PAGE_SIZE}.", field_errors=[error])
    return PageRequest(first=size, after=None if after is None else decode_cursor(after))


def encode_cursor(created_at: datetime, row_id: uuid.UUID) -> str:
    raw = f"{created_at.isoformat()}|{row_id}".encode()
    return base64.urlsafe_b64encode(raw).decode()


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        created_at, row_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        return datetime.fromisoformat(created_at), uuid.UUID(row_id)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        error = FieldError("after", "This cursor did not come from this list.", "invalid_cursor")
        raise ValidationFailed("Invalid cursor.", field_errors=[error]) from exc


def connection_from_rows(
    rows: Sequence[RowT],
    page: PageRequest,
    *,
    key: Callable[[RowT], tuple[datetime, uuid.UUID]],
    node: Callable[[RowT], NodeT],
) -> Connection[NodeT]:
    visible = rows[: page.first]
    edges = [Edge(cursor=encode_cursor(*key(row)), node=node(row)) for row in visible]
    info = PageInfo(
        has_next_page=len(rows) > page.first,
        has_previous_page=page.after is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(edges=edges, page_info=info)
