"""Events about a brand's voice, guidelines and publishing policies, on `chorus.planning`.

Publishing keeps the latest guidelines to flag off-brand content and the policies to decide whether a post needs
approval and what to do with a post that missed its time.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from chorus_shared.messaging.contracts.base import EventPayload


class ApprovalPolicy(StrEnum):
    NONE = "none"  # posts go out as soon as they are scheduled
    INTERNAL = "internal"  # a social media manager of the agency approves
    CLIENT = "client"  # the brand's client approves (after the agency)


class LatePostMode(StrEnum):
    PUBLISH_LATE = "publish_late"  # publish if still within `late_window_minutes` of the planned time
    MARK_MISSED = "mark_missed"  # never publish late: the post is marked missed


class BannedTopicData(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    name: str = Field(description="The topic, e.g. politics; also matched as a phrase.")
    keywords: list[str] = Field(default_factory=list, description="Words that signal the topic.")


class GuidelinesData(BaseModel):
    """The full guidelines: consumers replace what they kept, they never merge."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    tone: str = ""
    dos: list[str] = Field(default_factory=list)
    donts: list[str] = Field(default_factory=list)
    banned_words: list[str] = Field(default_factory=list, description="Matched whole-word, ignoring case and accents.")
    banned_topics: list[BannedTopicData] = Field(default_factory=list)
    mandatory_disclaimers: list[str] = Field(default_factory=list, description="Every post must contain each one.")


class BrandGuidelinesChangedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.planning.brand.guidelines_changed.v1"

    brand_id: uuid.UUID
    guidelines: GuidelinesData
    version: int = Field(ge=1, description="The brand's version after the change; consumers drop older ones.")


class BrandPoliciesChangedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.planning.brand.policies_changed.v1"

    brand_id: uuid.UUID
    approval_policy: ApprovalPolicy
    late_post_mode: LatePostMode
    late_window_minutes: int | None = Field(default=None, ge=1, description="Set when late_post_mode is publish_late.")
    version: int = Field(ge=1, description="The brand's version after the change; consumers drop older ones.")
