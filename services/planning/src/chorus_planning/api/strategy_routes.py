"""Builds the five REST routes of one kind of strategy item under `/brands/{brand_id}/<path>`:
create, list (Relay-style `after` + `limit`), read, partial update (merged, then validated whole), delete."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel

from chorus_planning.api.dependencies import RequestUnitOfWork
from chorus_planning.api.strategy_schemas import ItemPage, ItemRead
from chorus_planning.service import strategy_items as items
from chorus_planning.service.strategy_items import ItemKind
from chorus_shared.auth import CurrentPrincipal
from chorus_shared.db.uow import UnitOfWork

# Turns a validated request body into the kind's details (raises ValidationFailed with field paths).
Parse = Callable[[dict[str, Any]], Any]
# Extra checks that need the database (e.g. a channel plan's segment exists) before writing.
Check = Callable[[UnitOfWork, uuid.UUID, Any], Awaitable[None]]


def strategy_router(
    path: str,
    kind: ItemKind[Any],
    *,
    body: type[BaseModel],
    patch: type[BaseModel],
    parse: Parse,
    check: Check | None = None,
    guard_delete: Callable[[UnitOfWork], Callable[[Any], Awaitable[None]]] | None = None,
) -> APIRouter:
    router = APIRouter(prefix=f"/brands/{{brand_id}}/{path}", tags=[path])

    async def create(
        brand_id: uuid.UUID, payload: Any, uow: RequestUnitOfWork, principal: CurrentPrincipal
    ) -> ItemRead:
        details = parse(payload.model_dump())
        if check is not None:
            await check(uow, brand_id, details)
        item = await items.create_item(uow=uow, principal=principal, brand_id=brand_id, kind=kind, details=details)
        await uow.commit()
        return ItemRead.of(item)

    async def list_(
        brand_id: uuid.UUID,
        uow: RequestUnitOfWork,
        principal: CurrentPrincipal,
        after: uuid.UUID | None = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 50,
    ) -> ItemPage:
        found = await items.list_items(
            uow=uow, principal=principal, brand_id=brand_id, kind=kind, after=after, limit=limit + 1
        )
        page = found[:limit]
        return ItemPage(items=[ItemRead.of(i) for i in page], next_after=page[-1].id if len(found) > limit else None)

    async def read(
        brand_id: uuid.UUID, item_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal
    ) -> ItemRead:
        item = await items.get_item(uow=uow, principal=principal, brand_id=brand_id, kind=kind, item_id=item_id)
        return ItemRead.of(item)

    async def update(
        brand_id: uuid.UUID, item_id: uuid.UUID, payload: Any, uow: RequestUnitOfWork, principal: CurrentPrincipal
    ) -> ItemRead:
        changes = _changes(payload, body)
        pending: list[Any] = []

        def change(item: Any) -> None:
            current = body.model_validate(item.details.event_fields()).model_dump()
            details = parse({**current, **changes})
            pending.append(details)
            item.revise(details)

        item = await items.revise_item(
            uow=uow, principal=principal, brand_id=brand_id, kind=kind, item_id=item_id, change=change
        )
        if check is not None and pending:
            await check(uow, brand_id, pending[0])
        await uow.commit()
        return ItemRead.of(item)

    async def delete(
        brand_id: uuid.UUID, item_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal
    ) -> Response:
        guard = guard_delete(uow) if guard_delete else None
        await items.delete_item(
            uow=uow, principal=principal, brand_id=brand_id, kind=kind, item_id=item_id, guard=guard
        )
        await uow.commit()
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    create.__annotations__["payload"] = body
    update.__annotations__["payload"] = patch
    router.add_api_route("", create, methods=["POST"], status_code=status.HTTP_201_CREATED, name=f"create_{path}")
    router.add_api_route("", list_, methods=["GET"], name=f"list_{path}")
    router.add_api_route("/{item_id}", read, methods=["GET"], name=f"read_{path}")
    router.add_api_route("/{item_id}", update, methods=["PATCH"], name=f"update_{path}")
    router.add_api_route("/{item_id}", delete, methods=["DELETE"], status_code=204, name=f"delete_{path}")
    return router


def _changes(payload: BaseModel, body: type[BaseModel]) -> dict[str, Any]:
    """The fields the caller sent; an explicit null clears an optional field and is ignored for a required one."""
    sent = payload.model_dump(exclude_unset=True)
    return {name: value for name, value in sent.items() if value is not None or body.model_fields[name].default is None}
