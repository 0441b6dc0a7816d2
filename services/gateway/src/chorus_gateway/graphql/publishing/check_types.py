"""What validatePost answers: per-variant length and problems, blocking errors, the brand guidelines' warnings."""

from __future__ import annotations

import strawberry

from chorus_gateway.graphql.problems import FieldProblem, camel_path
from chorus_gateway.graphql.publishing.enums import SocialNetwork
from chorus_gateway.graphql.publishing.rest import PublishingPostCheck, PublishingProblem, PublishingVariantCheck


@strawberry.type(description="A brand guideline the text goes against (banned word or topic, missing disclaimer).")
class GuidelineFlag:
    field: str
    kind: str = strawberry.field(description="banned_word, banned_topic or missing_disclaimer.")
    rule: str
    message: str
    start: int | None = strawberry.field(description="Where in the field's text, when it is a span.")
    end: int | None


@strawberry.type(description="One variant as its network counts it, and what would stop it.")
class VariantCheck:
    index: int
    network: SocialNetwork
    channel_id: strawberry.ID | None
    length: int = strawberry.field(description="Counted the network's way (weighted characters, graphemes, ...).")
    max_length: int
    problems: list[FieldProblem]

    @classmethod
    def of(cls, check: PublishingVariantCheck) -> VariantCheck:
        return cls(
            index=check.index,
            network=SocialNetwork(check.network),
            channel_id=None if check.channel_id is None else strawberry.ID(str(check.channel_id)),
            length=check.length,
            max_length=check.max_length,
            problems=_problems(check.problems),
        )


@strawberry.type(description="The networks' and guidelines' verdict on content being typed; nothing is saved.")
class PostCheck:
    valid: bool
    errors: list[FieldProblem] = strawberry.field(description="Everything that would stop the post, by field.")
    variants: list[VariantCheck]
    guideline_flags: list[GuidelineFlag] = strawberry.field(description="Warnings from the brand's guidelines.")

    @classmethod
    def of(cls, check: PublishingPostCheck) -> PostCheck:
        return cls(
            valid=check.valid,
            errors=_problems(check.errors),
            variants=[VariantCheck.of(v) for v in check.variants],
            guideline_flags=[
                GuidelineFlag(
                    field=camel_path(f.field), kind=f.kind, rule=f.rule, message=f.message, start=f.start, end=f.end
                )
                for f in check.guideline_flags
            ],
        )


def _problems(problems: list[PublishingProblem]) -> list[FieldProblem]:
    return [FieldProblem(field=camel_path(p.field), message=p.message, code=p.code) for p in problems]
