"""Brand queries: one brand, or a page of them (Relay connection over planning's keyset pagination)."""

from __future__ import annotations

import base64
import binascii
import uuid

import strawberry

from chorus_gateway.graphql.brands.rest import PlanningBrand, PlanningBrandPage
from chorus_gateway.graphql.brands.types import Brand
from chorus_gateway.graphql.connection import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Connection, Edge, PageInfo
from chorus_gateway.graphql.info import GatewayInfo
from chorus_shared.errors import FieldError, NotFound, ValidationFailed


@strawberry.type
class BrandQuery:
    @strawberry.field
    async def brand(self, info: GatewayInfo, id: strawberry.ID) -> Brand | None:
        brand_id = parse_id(id, "id")
        try:
            found = await info.context.service("planning").get(f"/brands/{brand_id}", PlanningBrand)
        except NotFound:
            return None
        return Brand.of(found)

    @strawberry.field
    async def brands(
        self,
        info: GatewayInfo,
        first: int | None = None,
        after: str | None = None,
        include_archived: bool = False,
    ) -> Connection[Brand]:
        size = DEFAULT_PAGE_SIZE if first is None else first
        if not 0 < size <= MAX_PAGE_SIZE:
            error = FieldError("first", f"Ask for 1 to {MAX_PAGE_SIZE} items.", "out_of_range")
            raise ValidationFailed(f"`first` must be between 1 and {MAX_PAGE_SIZE}.", field_errors=[error])
        params: dict[str, str | int | bool] = {"limit": size, "include_archived": include_archived}
        if after is not None:
            params["after"] = str(_decode(after))
        page = await info.context.service("planning").get("/brands", PlanningBrandPage, params=params)
        edges = [Edge(cursor=_encode(b.id), node=Brand.of(b)) for b in page.items]
        return Connection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=page.next_after is not None,
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


def _encode(brand_id: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(f"brand|{brand_id}".encode()).decode()


def _decode(cursor: str) -> uuid.UUID:
    try:
        kind, raw = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        if kind != "brand":
            raise ValueError(kind)
        return uuid.UUID(raw)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        error = FieldError("after", "Not a cursor of this list.", "invalid_cursor")
        raise ValidationFailed("Invalid cursor.", field_errors=[error]) from exc
