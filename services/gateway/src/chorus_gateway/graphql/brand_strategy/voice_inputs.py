"""Inputs of a brand's voice: the guidelines and the publishing policies, each replaced whole."""

from __future__ import annotations

import strawberry

from chorus_gateway.graphql.brand_strategy.enums import ApprovalPolicy, LatePostMode


@strawberry.input
class BannedTopicInput:
    name: str
    keywords: list[str] = strawberry.field(default_factory=list)


@strawberry.input(description="The whole guidelines: what is left out is emptied.")
class BrandGuidelinesInput:
    tone: str = ""
    dos: list[str] = strawberry.field(default_factory=list)
    donts: list[str] = strawberry.field(default_factory=list)
    banned_words: list[str] = strawberry.field(default_factory=list)
    banned_topics: list[BannedTopicInput] = strawberry.field(default_factory=list)
    mandatory_disclaimers: list[str] = strawberry.field(default_factory=list)


@strawberry.input
class BrandPoliciesInput:
    approval_policy: ApprovalPolicy
    late_post_mode: LatePostMode
    late_window_minutes: int | None = strawberry.field(
        default=None, description="Required with PUBLISH_LATE (1 to 1440); left out with MARK_MISSED."
    )
