"""Reading JSON Schemas as consumers see them: local `$ref`s resolved, unions split into the shapes they accept."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Schema = Mapping[str, Any]

_UNION_KEYWORDS = ("anyOf", "oneOf")
_MAX_REF_HOPS = 32


@dataclass(frozen=True)
class Shape:
    """One alternative a schema accepts; `origin` is the `$ref` it came through (to stop on recursive models)."""

    schema: Schema
    origin: str | None

    @property
    def json_type(self) -> str | None:
        """The JSON type of the values this shape accepts; None means any value."""
        declared = self.schema.get("type")
        if isinstance(declared, str):
            return declared
        if "const" in self.schema:
            return value_type(self.schema["const"])
        values = self.schema.get("enum")
        if values:
            types = {value_type(value) for value in values}
            return types.pop() if len(types) == 1 else None
        if "properties" in self.schema:
            return "object"
        if "items" in self.schema:
            return "array"
        return None

    @property
    def allowed_values(self) -> list[Any] | None:
        """The closed list of values the shape allows (enum or const), or None when it is open."""
        if "const" in self.schema:
            return [self.schema["const"]]
        values = self.schema.get("enum")
        return list(values) if values is not None else None


def value_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def type_accepts(new_type: str | None, old_type: str | None) -> bool:
    """Whether every value of `old_type` is still a value of `new_type` (None = any value)."""
    if new_type is None or new_type == old_type:
        return True
    return new_type == "number" and old_type == "integer"


def resolve(schema: Schema, root: Schema) -> tuple[Schema, str | None]:
    """Follow local `$ref`s (and single-element `allOf` wrappers); siblings of a `$ref` override the target."""
    origin: str | None = None
    for _ in range(_MAX_REF_HOPS):
        if "$ref" in schema:
            origin = schema["$ref"]
            siblings = {key: value for key, value in schema.items() if key != "$ref"}
            schema = {**_pointer(root, schema["$ref"]), **siblings}
        elif isinstance(schema.get("allOf"), list) and len(schema["allOf"]) == 1:
            siblings = {key: value for key, value in schema.items() if key != "allOf"}
            schema = {**schema["allOf"][0], **siblings}
        else:
            return schema, origin
    raise ValueError(f"$ref chain too long at {origin}")


def shapes(schema: Schema, root: Schema) -> list[Shape]:
    """Every alternative `schema` accepts, unions flattened and `type: [a, b]` split."""
    resolved, origin = resolve(schema, root)
    for keyword in _UNION_KEYWORDS:
        if isinstance(resolved.get(keyword), list):
            return [shape for branch in resolved[keyword] for shape in shapes(branch, root)]
    declared = resolved.get("type")
    if isinstance(declared, list):
        return [Shape({**resolved, "type": one}, origin) for one in declared]
    return [Shape(resolved, origin)]


def _pointer(root: Schema, ref: str) -> Schema:
    if not ref.startswith("#"):
        raise ValueError(f"only local $refs are supported, got {ref!r}")
    node: Any = root
    for token in [part for part in ref[1:].split("/") if part]:
        node = node[token.replace("~1", "/").replace("~0", "~")]
    if not isinstance(node, Mapping):
        raise ValueError(f"$ref {ref!r} does not point at a schema")
    return node
