"""Brand mutations: create, rename or change settings, archive. Failures come back as union members."""

from __future__ import annotations

from typing import Annotated

import strawberry

from chorus_gateway.graphql.brands.queries import parse_id
from chorus_gateway.graphql.brands.rest import PlanningBrand
from chorus_gateway.graphql.brands.types import Brand
from chorus_gateway.graphql.info import GatewayInfo
from chorus_gateway.graphql.problems import (
    ConflictProblem,
    NotAllowed,
    NotFoundProblem,
    ValidationErrors,
    problem_from,
)
from chorus_shared.errors import ChorusError

BrandResult = Annotated[
    Brand | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("BrandResult"),
]


@strawberry.input
class CreateBrandInput:
    name: str
    timezone: str = strawberry.field(description="IANA timezone, e.g. Europe/Paris.")
    languages: list[str] = strawberry.field(description="Language tags, e.g. fr, en-GB.")
    client_name: str | None = strawberry.field(default=None, description="The agency's client who owns the brand.")


@strawberry.input
class UpdateBrandInput:
    id: strawberry.ID
    name: str | None = None
    timezone: str | None = None
    languages: list[str] | None = None
    client_name: str | None = strawberry.field(default=None, description="An empty string clears it.")


@strawberry.type
class BrandMutation:
    @strawberry.mutation
    async def create_brand(self, info: GatewayInfo, input: CreateBrandInput) -> BrandResult:
        body = {
            "name": input.name,
            "timezone": input.timezone,
            "languages": input.languages,
            "client_name": input.client_name,
        }
        try:
            created = await info.context.service("planning").post("/brands", PlanningBrand, json=body)
        except ChorusError as error:
            return problem_from(error)
        return Brand.of(created)

    @strawberry.mutation
    async def update_brand(self, info: GatewayInfo, input: UpdateBrandInput) -> BrandResult:
        changes = {
            "name": input.name,
            "timezone": input.timezone,
            "languages": input.languages,
            "client_name": input.client_name,
        }
        body = {key: value for key, value in changes.items() if value is not None}
        try:
            brand_id = parse_id(input.id, "id")
            updated = await info.context.service("planning").patch(f"/brands/{brand_id}", PlanningBrand, json=body)
        except ChorusError as error:
            return problem_from(error)
        return Brand.of(updated)

    @strawberry.mutation
    async def archive_brand(self, info: GatewayInfo, id: strawberry.ID) -> BrandResult:
        try:
            brand_id = parse_id(id, "id")
            archived = await info.context.service("planning").post(f"/brands/{brand_id}/archive", PlanningBrand)
        except ChorusError as error:
            return problem_from(error)
        return Brand.of(archived)
