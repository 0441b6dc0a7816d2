"""Relay connections over planning's keyset pages (`after` = last id, `limit`), with cursors naming their list."""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from chorus_gateway.graphql.connection import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Connection, Edge, PageInfo
from chorus_shared.errors import FieldError, ValidationFailed

NodeT = TypeVar("NodeT")
RowT = TypeVar("RowT", bound="HasId")


class HasId(Protocol):
    @property
    def id(self) -> uuid.UUID: ...


def page_params(kind: str, first: int | None, after: str | None, **filters: Any) -> dict[str, Any]:
    """Query parameters of planning's list endpoint; filters that are None are left out."""
    size = DEFAULT_PAGE_SIZE if first is None else first
    if not 0 < size <= MAX_PAGE_SIZE:
        error = FieldError("first", f"Ask for 1 to {MAX_PAGE_SIZE} items.", "out_of_range")
        raise ValidationFailed(f"`first` must be between 1 and {MAX_PAGE_SIZE}.", field_errors=[error])
    params: dict[str, Any] = {"limit": size, **{k: v for k, v in filters.items() if v is not None}}
    if after is not None:
        params["after"] = str(_decode(kind, after))
    return params


def connection(
    kind: str, rows: Sequence[RowT], next_after: uuid.UUID | None, after: str | None, node: Callable[[RowT], NodeT]
) -> Connection[NodeT]:
    edges = [Edge(cursor=_encode(kind, row.id), node=node(row)) for row in rows]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=next_after is not None,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )


def parse_id(value: str, field: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise ValidationFailed("Not an id.", field_errors=[FieldError(field, "Not a valid id.", "invalid_id")]) from exc


def _encode(kind: str, row_id: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(f"{kind}|{row_id}".encode()).decode()


def _decode(kind: str, cursor: str) -> uuid.UUID:
    try:
        found, raw = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        if found != kind:
            raise ValueError(found)
        return uuid.UUID(raw)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        error = FieldError("after", "Not a cursor of this list.", "invalid_cursor")
        raise ValidationFailed("Invalid cursor.", field_errors=[error]) from exc
