"""GraphQL types of brands."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from chorus_gateway.graphql.brand_freeze.loaders import brand_freezes
from chorus_gateway.graphql.brand_freeze.types import BrandFreeze
from chorus_gateway.graphql.brand_strategy.brand_fields import BrandStrategyFields
from chorus_gateway.graphql.brand_strategy.voice_types import BrandGuidelines, BrandPolicies
from chorus_gateway.graphql.brands.loaders import publishing_brands
from chorus_gateway.graphql.brands.rest import PlanningBrand
from chorus_gateway.graphql.info import GatewayInfo, documented_field
from chorus_gateway.graphql.publishing.brand_fields import PublishingBrandFields


@strawberry.type(description="Publishing's own copy of the brand, kept from planning's events.")
class PublishingBrandView:
    name: str
    timezone: str
    archived: bool
    synced_at: datetime


@strawberry.type(description="A client's brand the agency manages.")
class Brand(BrandStrategyFields, PublishingBrandFields):
    id: strawberry.ID
    name: str
    timezone: str = strawberry.field(description="IANA timezone the brand's calendar lives in.")
    languages: list[str]
    archived: bool
    version: int
    client_name: str | None = strawberry.field(description="The agency's client who owns the brand.")
    guidelines: BrandGuidelines
    policies: BrandPolicies

    @documented_field("Whether publishing holds the brand's posts; null when publishing does not answer for it.")
    async def freeze(self, info: GatewayInfo) -> BrandFreeze | None:
        found = await brand_freezes(info).load(uuid.UUID(self.id))
        return None if found is None else BrandFreeze.of(found)

    @documented_field("Null until publishing has received the brand from planning's events.")
    async def known_to_publishing(self, info: GatewayInfo) -> PublishingBrandView | None:
        found = await publishing_brands(info).load(uuid.UUID(self.id))
        if found is None:
            return None
        return PublishingBrandView(
            name=found.name, timezone=found.timezone, archived=found.archived, synced_at=found.synced_at
        )

    @classmethod
    def of(cls, brand: PlanningBrand) -> Brand:
        return cls(
            id=strawberry.ID(str(brand.id)),
            name=brand.name,
            timezone=brand.timezone,
            languages=brand.languages,
            archived=brand.archived,
            version=brand.version,
            client_name=brand.client_name,
            guidelines=BrandGuidelines.of(brand.guidelines),
            policies=BrandPolicies.of(brand.policies),
        )
