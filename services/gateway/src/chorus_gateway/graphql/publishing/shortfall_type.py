"""What did not go out after a post was live, in GraphQL: shown on its variant and on the attempt that sent it."""

from __future__ import annotations

from collections.abc import Sequence

import strawberry

from chorus_gateway.graphql.publishing.rest import PublishingShortfall


@strawberry.type(
    description="A step after the post went live that did not go out (first comment, a later thread item): add it "
    "by hand; the post is never sent again for it."
)
class Shortfall:
    step: str = strawberry.field(description="What is missing: first comment, thread item 2, thread items 3-4, ...")
    reason: str = strawberry.field(description="The network's answer.")

    @classmethod
    def all_of(cls, shortfalls: Sequence[PublishingShortfall]) -> list[Shortfall]:
        return [cls(step=s.step, reason=s.reason) for s in shortfalls]
