"""GraphQL types of a brand's voice: guidelines, publishing policies, and a text checked against the guidelines."""

from __future__ import annotations

import strawberry

from chorus_gateway.graphql.brand_strategy.enums import ApprovalPolicy, GuidelineViolationKind, LatePostMode
from chorus_gateway.graphql.brand_strategy.rest import PlanningGuidelineCheck, PlanningGuidelines, PlanningPolicies


@strawberry.type(description="A topic the brand never talks about, recognised by its keywords.")
class BannedTopic:
    name: str
    keywords: list[str]


@strawberry.type(description="The brand's voice: publishing flags content that breaks it.")
class BrandGuidelines:
    tone: str
    dos: list[str]
    donts: list[str]
    banned_words: list[str]
    banned_topics: list[BannedTopic]
    mandatory_disclaimers: list[str] = strawberry.field(description="Texts every post must carry, e.g. #ad.")

    @classmethod
    def of(cls, guidelines: PlanningGuidelines) -> BrandGuidelines:
        return cls(
            tone=guidelines.tone,
            dos=guidelines.dos,
            donts=guidelines.donts,
            banned_words=guidelines.banned_words,
            banned_topics=[BannedTopic(name=t.name, keywords=t.keywords) for t in guidelines.banned_topics],
            mandatory_disclaimers=guidelines.mandatory_disclaimers,
        )


@strawberry.type(description="Who approves the brand's posts, and what happens to a post that missed its time.")
class BrandPolicies:
    approval_policy: ApprovalPolicy
    late_post_mode: LatePostMode
    late_window_minutes: int | None = strawberry.field(description="How late a post may still go out.")

    @classmethod
    def of(cls, policies: PlanningPolicies) -> BrandPolicies:
        return cls(
            approval_policy=ApprovalPolicy(policies.approval_policy),
            late_post_mode=LatePostMode(policies.late_post_mode),
            late_window_minutes=policies.late_window_minutes,
        )


@strawberry.type(description="One rule of the guidelines a text breaks.")
class GuidelineViolation:
    kind: GuidelineViolationKind
    rule: str = strawberry.field(description="The banned word, topic name or disclaimer concerned.")
    message: str
    start: int | None = strawberry.field(description="Where the offending words start in the text; null: missing.")
    end: int | None


@strawberry.type(description="A text checked against the brand's guidelines.")
class GuidelineCheck:
    on_brand: bool
    violations: list[GuidelineViolation]

    @classmethod
    def of(cls, check: PlanningGuidelineCheck) -> GuidelineCheck:
        violations = [
            GuidelineViolation(
                kind=GuidelineViolationKind(v.kind), rule=v.rule, message=v.message, start=v.start, end=v.end
            )
            for v in check.violations
        ]
        return cls(on_brand=check.on_brand, violations=violations)
