"""Backward compatibility of an event contract: what a new JSON Schema breaks for the events and consumers of the old.

A change is compatible when every event valid under the old schema is still valid under the new one (replayed and
in-flight events keep being read) and no field a consumer may read disappears. Adding an optional field is fine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from chorus_shared.messaging.contracts.schema_shapes import Schema, Shape, shapes, type_accepts

BreakingKind = Literal[
    "required_field_added",
    "field_removed",
    "type_changed",
    "enum_value_removed",
    "field_became_required",
    "constraint_narrowed",
]

_LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
_UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")


@dataclass(frozen=True)
class BreakingChange:
    kind: BreakingKind
    path: str
    detail: str

    def __str__(self) -> str:
        return f"{self.path or '(payload)'}: {self.detail} [{self.kind}]"


def breaking_changes(old: Schema, new: Schema) -> list[BreakingChange]:
    """Every change from `old` to `new` that breaks a consumer or an already published event."""
    return _Comparison(old, new).compare(old, new, "")


class _Comparison:
    def __init__(self, old_root: Schema, new_root: Schema) -> None:
        self._old_root = old_root
        self._new_root = new_root
        self._seen: set[tuple[str, str]] = set()

    def compare(self, old: Schema, new: Schema, path: str) -> list[BreakingChange]:
        new_shapes = shapes(new, self._new_root)
        changes: list[BreakingChange] = []
        for old_shape in shapes(old, self._old_root):
            candidates = [shape for shape in new_shapes if type_accepts(shape.json_type, old_shape.json_type)]
            if not candidates:
                accepted = sorted({_type_name(shape) for shape in new_shapes})
                detail = f"no longer accepts {_type_name(old_shape)} (now: {', '.join(accepted)})"
                changes.append(BreakingChange("type_changed", path, detail))
                continue
            # Keep the reading under which the change breaks the least: a union may match in several ways.
            readings = [self._compare_shape(old_shape, shape, path) for shape in candidates]
            least: list[BreakingChange] = min(readings, key=len)
            changes += least
        return changes

    def _compare_shape(self, old: Shape, new: Shape, path: str) -> list[BreakingChange]:
        if old.origin is not None and new.origin is not None:
            # A recursive model meets itself again: the first visit already compares it.
            if (old.origin, new.origin) in self._seen:
                return []
            self._seen.add((old.origin, new.origin))
        changes = _value_changes(old, new, path) + _format_and_bound_changes(old.schema, new.schema, path)
        if old.json_type == "object" or new.json_type == "object":
            changes += self._object_changes(old.schema, new.schema, path)
        if "items" in old.schema or "items" in new.schema:
            changes += self.compare(old.schema.get("items", {}), new.schema.get("items", {}), f"{path}[]")
        return changes

    def _object_changes(self, old: Schema, new: Schema, path: str) -> list[BreakingChange]:
        old_fields: dict[str, Schema] = dict(old.get("properties", {}))
        new_fields: dict[str, Schema] = dict(new.get("properties", {}))
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        changes: list[BreakingChange] = []
        for name, old_field in old_fields.items():
            field_path = f"{path}.{name}" if path else name
            if name not in new_fields:
                changes.append(BreakingChange("field_removed", field_path, "field removed"))
            else:
                changes += self.compare(old_field, new_fields[name], field_path)
        for name in sorted(new_required - old_required):
            field_path = f"{path}.{name}" if path else name
            if name in old_fields:
                changes.append(BreakingChange("field_became_required", field_path, "optional field became required"))
            else:
                changes.append(BreakingChange("required_field_added", field_path, "new field is required"))
        if new.get("additionalProperties") is False and old.get("additionalProperties") is not False:
            changes.append(BreakingChange("constraint_narrowed", path, "no longer accepts unknown fields"))
        return changes


def _value_changes(old: Shape, new: Shape, path: str) -> list[BreakingChange]:
    new_values = new.allowed_values
    if new_values is None:
        return []
    old_values = old.allowed_values
    if old_values is None:
        return [BreakingChange("constraint_narrowed", path, f"now restricted to {new_values!r}")]
    return [
        BreakingChange("enum_value_removed", path, f"value {value!r} no longer allowed")
        for value in old_values
        if value not in new_values
    ]


def _format_and_bound_changes(old: Schema, new: Schema, path: str) -> list[BreakingChange]:
    changes: list[BreakingChange] = []
    if new.get("format") is not None and new.get("format") != old.get("format"):
        detail = f"format changed from {old.get('format')!r} to {new['format']!r}"
        changes.append(BreakingChange("type_changed", path, detail))
    for keyword in _LOWER_BOUNDS + _UPPER_BOUNDS:
        if keyword in new and _is_tighter(keyword, old.get(keyword), new[keyword]):
            detail = f"{keyword} tightened from {old.get(keyword)!r} to {new[keyword]!r}"
            changes.append(BreakingChange("constraint_narrowed", path, detail))
    if new.get("pattern") is not None and new.get("pattern") != old.get("pattern"):
        detail = f"pattern changed from {old.get('pattern')!r} to {new['pattern']!r}"
        changes.append(BreakingChange("constraint_narrowed", path, detail))
    return changes


def _is_tighter(keyword: str, old_bound: Any, new_bound: Any) -> bool:
    if old_bound is None:
        return True
    return bool(new_bound > old_bound) if keyword in _LOWER_BOUNDS else bool(new_bound < old_bound)


def _type_name(shape: Shape) -> str:
    json_type = shape.json_type or "any value"
    fmt = shape.schema.get("format")
    return f"{json_type} ({fmt})" if fmt else json_type
