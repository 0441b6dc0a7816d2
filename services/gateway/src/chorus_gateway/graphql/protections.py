"""The schema's guard rails against abusive queries, configured from GatewaySettings.

Extensions are given as factories: strawberry builds fresh ones per operation, so no state crosses requests.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from chorus_gateway.graphql.cost import QueryCostLimiter
from chorus_gateway.graphql.error_masking import ChorusErrorMasking
from chorus_gateway.settings import GatewaySettings

ExtensionFactory = type[SchemaExtension] | Callable[[], SchemaExtension]


def protections(settings: GatewaySettings) -> list[ExtensionFactory]:
    extensions: list[ExtensionFactory] = [
        ChorusErrorMasking,
        partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        partial(QueryDepthLimiter, max_depth=settings.max_query_depth),
        partial(MaxAliasesLimiter, max_alias_count=settings.max_aliases),
        partial(QueryCostLimiter, max_cost=settings.max_query_cost),
    ]
    if settings.is_production:
        # Clients of a production gateway learn the schema from its published SDL, not from the live server.
        extensions.append(DisableIntrospection)
    return extensions
