"""REST shapes of a brand's voice: guidelines, publishing policies, and the result of checking a text."""

from __future__ import annotations

from pydantic import BaseModel, Field

from chorus_planning.domain.brand_guidelines import BrandGuidelines
from chorus_planning.domain.brand_policies import BrandPolicies
from chorus_planning.domain.guideline_check import GuidelineViolation

# Generous transport limits: the domain gives the precise, field-level answer.
_LIST = 1000
_TEXT = 10_000


class BannedTopicBody(BaseModel):
    name: str = Field(max_length=_TEXT, examples=["politics"])
    keywords: list[str] = Field(default_factory=list, max_length=_LIST, examples=[["election", "vote"]])


class GuidelinesBody(BaseModel):
    tone: str = Field(default="", max_length=_TEXT, examples=["Warm, witty, never sarcastic."])
    dos: list[str] = Field(default_factory=list, max_length=_LIST)
    donts: list[str] = Field(default_factory=list, max_length=_LIST)
    banned_words: list[str] = Field(default_factory=list, max_length=_LIST, examples=[["cheap", "pas cher"]])
    banned_topics: list[BannedTopicBody] = Field(default_factory=list, max_length=_LIST)
    mandatory_disclaimers: list[str] = Field(default_factory=list, max_length=_LIST, examples=[["#ad"]])

    def to_domain(self) -> BrandGuidelines:
        return BrandGuidelines.parse(
            tone=self.tone,
            dos=self.dos,
            donts=self.donts,
            banned_words=self.banned_words,
            banned_topics=[(topic.name, topic.keywords) for topic in self.banned_topics],
            mandatory_disclaimers=self.mandatory_disclaimers,
        )

    @classmethod
    def of(cls, guidelines: BrandGuidelines) -> GuidelinesBody:
        return cls.model_validate(guidelines.to_data().model_dump())


class PoliciesBody(BaseModel):
    approval_policy: str = Field(examples=["internal"], description="none, internal or client.")
    late_post_mode: str = Field(examples=["publish_late"], description="publish_late or mark_missed.")
    late_window_minutes: int | None = Field(
        default=None, examples=[30], description="How late a post may still go out; only with publish_late."
    )

    def to_domain(self) -> BrandPolicies:
        return BrandPolicies.parse(
            approval=self.approval_policy,
            late_post_mode=self.late_post_mode,
            late_window_minutes=self.late_window_minutes,
        )

    @classmethod
    def of(cls, policies: BrandPolicies) -> PoliciesBody:
        return cls(
            approval_policy=policies.approval.value,
            late_post_mode=policies.late_post_mode.value,
            late_window_minutes=policies.late_window_minutes,
        )


class GuidelineCheckRequest(BaseModel):
    text: str = Field(max_length=100_000)


class GuidelineViolationRead(BaseModel):
    kind: str = Field(description="banned_word, banned_topic or missing_disclaimer.")
    rule: str = Field(description="The banned word, topic name or disclaimer concerned.")
    message: str
    start: int | None = Field(description="Where the offending words start in the text (None: missing).")
    end: int | None

    @classmethod
    def of(cls, violation: GuidelineViolation) -> GuidelineViolationRead:
        return cls(
            kind=violation.kind.value,
            rule=violation.rule,
            message=violation.message,
            start=violation.start,
            end=violation.end,
        )


class GuidelineCheckResult(BaseModel):
    on_brand: bool
    violations: list[GuidelineViolationRead]
