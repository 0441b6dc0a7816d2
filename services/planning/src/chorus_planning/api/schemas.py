"""REST shapes of planning's resources (`XCreate`, `XUpdate` with every field optional, `XRead`)."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from chorus_planning.domain.brand import Brand


class BrandCreate(BaseModel):
    name: str = Field(max_length=500)
    timezone: str = Field(examples=["Europe/Paris"])
    languages: list[str] = Field(examples=[["fr", "en"]], max_length=20)


class BrandUpdate(BaseModel):
    name: str | None = Field(default=None, max_length=500)
    timezone: str | None = None
    languages: list[str] | None = Field(default=None, max_length=20)


class BrandRead(BaseModel):
    id: uuid.UUID
    name: str
    timezone: str
    languages: list[str]
    archived: bool
    version: int

    @classmethod
    def of(cls, brand: Brand) -> BrandRead:
        return cls(
            id=brand.id,
            name=brand.name,
            timezone=brand.timezone,
            languages=brand.languages,
            archived=brand.archived,
            version=brand.version,
        )


class BrandPage(BaseModel):
    items: list[BrandRead]
    next_after: uuid.UUID | None
