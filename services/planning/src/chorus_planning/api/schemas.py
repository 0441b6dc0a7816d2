"""REST shapes of planning's resources (`XCreate`, `XUpdate` with every field optional, `XRead`)."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from chorus_planning.api.brand_voice_schemas import GuidelinesBody, PoliciesBody
from chorus_planning.domain.brand import Brand


class BrandCreate(BaseModel):
    name: str = Field(max_length=500)
    timezone: str = Field(examples=["Europe/Paris"])
    languages: list[str] = Field(examples=[["fr", "en"]], max_length=20)
    client_name: str | None = Field(default=None, max_length=1000, examples=["Lumière SAS"])


class BrandUpdate(BaseModel):
    name: str | None = Field(default=None, max_length=500)
    timezone: str | None = None
    languages: list[str] | None = Field(default=None, max_length=20)
    client_name: str | None = Field(default=None, max_length=1000, description="An empty string clears it.")


class BrandRead(BaseModel):
    id: uuid.UUID
    name: str
    timezone: str
    languages: list[str]
    archived: bool
    version: int
    client_name: str | None
    guidelines: GuidelinesBody
    policies: PoliciesBody

    @classmethod
    def of(cls, brand: Brand) -> BrandRead:
        return cls(
            id=brand.id,
            name=brand.name,
            timezone=brand.timezone,
            languages=brand.languages,
            archived=brand.archived,
            version=brand.version,
            client_name=brand.client_name,
            guidelines=GuidelinesBody.of(brand.guidelines),
            policies=PoliciesBody.of(brand.policies),
        )


class BrandPage(BaseModel):
    items: list[BrandRead]
    next_after: uuid.UUID | None
