"""Query cost limit: every field costs 1, and a list field asked for `first: N` multiplies its subtree by N.

It runs in the validation step, after the document passed the validation rules (depth, aliases, ...), when
variables are known, so `first: $n` is costed at the value actually sent.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from chorus_gateway.graphql.connection import DEFAULT_PAGE_SIZE

PAGE_ARGUMENT = "first"


class QueryCostLimiter(SchemaExtension):
    def __init__(self, *, max_cost: int) -> None:
        self.max_cost = max_cost

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.pre_execution_errors is None:
            # Validate first (strawberry then skips its own pass): a malformed query deserves its real error.
            errors = validate_document(context.schema._schema, document, context.validation_rules)
            context.pre_execution_errors = errors or self._cost_errors(document, context.variables or {})
        yield

    def _cost_errors(self, document: DocumentNode, variables: Mapping[str, Any]) -> list[GraphQLError]:
        fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        calculator = _CostCalculator(fragments, variables)
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        cost = max((calculator.cost(op.selection_set) for op in operations), default=0)
        if cost <= self.max_cost:
            return []
        message = f"Query cost {cost} exceeds the limit of {self.max_cost}: ask for fewer items with `first`."
        return [GraphQLError(message, extensions={"code": "QUERY_TOO_COSTLY"})]


class _CostCalculator:
    def __init__(self, fragments: Mapping[str, FragmentDefinitionNode], variables: Mapping[str, Any]) -> None:
        self.fragments = fragments
        self.variables = variables

    def cost(self, selection_set: SelectionSetNode | None, visiting: frozenset[str] = frozenset()) -> int:
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += 1 + self._multiplier(selection) * self.cost(selection.selection_set, visiting)
            elif isinstance(selection, InlineFragmentNode):
                total += self.cost(selection.selection_set, visiting)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                # A fragment cycle is a validation error reported later; here it must only not loop forever.
                if name in self.fragments and name not in visiting:
                    total += self.cost(self.fragments[name].selection_set, visiting | {name})
        return total

    def _multiplier(self, field: FieldNode) -> int:
        if field.selection_set is None:
            return 1
        for argument in field.arguments or ():
            if argument.name.value != PAGE_ARGUMENT:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return max(int(value.value), 1)
            if isinstance(value, VariableNode):
                sent = self.variables.get(value.name.value)
                return max(sent, 1) if isinstance(sent, int) else DEFAULT_PAGE_SIZE
        return DEFAULT_PAGE_SIZE if _is_connection(field) else 1


def _is_connection(field: FieldNode) -> bool:
    """A field selecting `edges` or `nodes` is a connection even when `first` is left to its default."""
    selections = field.selection_set.selections if field.selection_set else ()
    return any(isinstance(s, FieldNode) and s.name.value in {"edges", "nodes"} for s in selections)
