"""The `info` type every resolver annotates, and typed decorators for documented fields and mutations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import strawberry

from chorus_gateway.graphql.context import GatewayContext

GatewayInfo = strawberry.Info[GatewayContext, None]

ResolverT = TypeVar("ResolverT", bound=Callable[..., Any])


def documented_field(description: str) -> Callable[[ResolverT], ResolverT]:
    """`@strawberry.field(description=...)` keeps mypy's view of the resolver (the bare call returns Any)."""
    return cast(Callable[[ResolverT], ResolverT], strawberry.field(description=description))


def documented_mutation(description: str) -> Callable[[ResolverT], ResolverT]:
    return cast(Callable[[ResolverT], ResolverT], strawberry.mutation(description=description))
