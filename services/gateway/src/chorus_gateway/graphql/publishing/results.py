"""The unions publishing's mutations (and validatePost) return: the success type or an expected problem."""

from __future__ import annotations

from typing import Annotated

import strawberry

from chorus_gateway.graphql.problems import ConflictProblem, NotAllowed, NotFoundProblem, ValidationErrors
from chorus_gateway.graphql.publishing.channel_types import Channel, ChannelConnectStart
from chorus_gateway.graphql.publishing.check_types import PostCheck
from chorus_gateway.graphql.publishing.post_types import Post, PostComment
from chorus_gateway.graphql.publishing.publication_types import Publication

PostResult = Annotated[
    Post | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem, strawberry.union("PostResult")
]
PostCommentResult = Annotated[
    PostComment | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("PostCommentResult"),
]
PostCheckResult = Annotated[
    PostCheck | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem, strawberry.union("PostCheckResult")
]
PublicationResult = Annotated[
    Publication | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("PublicationResult"),
]
ChannelResult = Annotated[
    Channel | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem, strawberry.union("ChannelResult")
]
ChannelConnectStartResult = Annotated[
    ChannelConnectStart | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("ChannelConnectStartResult"),
]
