"""Errors clients see: expected failures keep their message and a stable code; anything else is masked and logged.

No stack trace, SQL text or exception name reaches a client; the correlation id lets an operator find the log.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from chorus_shared.errors import ChorusError
from chorus_shared.observability.context import correlation_id

logger = logging.getLogger(__name__)


class ChorusErrorMasking(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [_visible(error) for error in result.errors]


def _visible(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return error  # syntax, validation and limit errors: written by GraphQL for the client
    if isinstance(original, ChorusError):
        fields = [{"field": f.field, "message": f.message, "code": f.code} for f in original.field_errors]
        extensions: dict[str, object] = {"code": original.code.upper()}
        if fields:
            extensions["fields"] = fields
        return _rebuilt(error, original.message, extensions)
    logger.error("unexpected error in a GraphQL resolver", exc_info=original)
    message = f"Unexpected error (correlation id {correlation_id.get()})."
    return _rebuilt(error, message, {"code": "INTERNAL_ERROR"})


def _rebuilt(error: GraphQLError, message: str, extensions: dict[str, object]) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )
