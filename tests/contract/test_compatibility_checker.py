"""The backward-compatibility checker on synthetic schemas: it catches each kind of break and lets safe changes pass."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from chorus_shared.messaging.contracts.compatibility import breaking_changes

BASE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "brand_id": {"type": "string", "format": "uuid"},
        "name": {"type": "string", "maxLength": 100},
        "severity": {"$ref": "#/$defs/Severity"},
        "count": {"type": "integer", "minimum": 0},
        "note": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None},
        "tags": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["brand_id", "name", "severity", "count"],
    "$defs": {"Severity": {"type": "string", "enum": ["low", "high"]}},
}


def changed(edit: Any) -> dict[str, Any]:
    schema = copy.deepcopy(BASE)
    edit(schema)
    return schema


def kinds(new: dict[str, Any]) -> list[str]:
    return [change.kind for change in breaking_changes(BASE, new)]


def test_an_identical_schema_breaks_nothing() -> None:
    assert breaking_changes(BASE, copy.deepcopy(BASE)) == []


def test_an_added_optional_field_is_compatible() -> None:
    new = changed(lambda s: s["properties"].update(channel={"type": "string", "default": "x"}))
    assert breaking_changes(BASE, new) == []


@pytest.mark.parametrize(
    "widening",
    [
        pytest.param(lambda s: s["$defs"]["Severity"]["enum"].append("critical"), id="enum value added"),
        pytest.param(lambda s: s["required"].remove("count"), id="required field became optional"),
        pytest.param(lambda s: s["properties"]["count"].update(type="number"), id="integer widened to number"),
        pytest.param(lambda s: s["properties"]["name"].pop("maxLength"), id="constraint relaxed"),
        pytest.param(
            lambda s: s["properties"].update(name={"anyOf": [{"type": "string"}, {"type": "null"}]}),
            id="field became nullable",
        ),
    ],
)
def test_widening_changes_are_compatible(widening: Any) -> None:
    assert breaking_changes(BASE, changed(widening)) == []


def test_a_new_required_field_breaks_old_events() -> None:
    new = changed(lambda s: (s["properties"].update(channel={"type": "string"}), s["required"].append("channel")))
    changes = breaking_changes(BASE, new)
    assert [(c.kind, c.path) for c in changes] == [("required_field_added", "channel")]


def test_a_removed_field_breaks_consumers() -> None:
    new = changed(lambda s: s["properties"].pop("note"))
    assert [(c.kind, c.path) for c in breaking_changes(BASE, new)] == [("field_removed", "note")]


def test_an_optional_field_becoming_required_breaks_old_events() -> None:
    new = changed(lambda s: s["required"].append("note"))
    assert [(c.kind, c.path) for c in breaking_changes(BASE, new)] == [("field_became_required", "note")]


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        pytest.param(lambda s: s["properties"].update(count={"type": "string"}), "count", id="integer to string"),
        pytest.param(lambda s: s["properties"]["count"].update(type="boolean"), "count", id="integer to boolean"),
        pytest.param(lambda s: s["properties"].update(note={"type": "string"}), "note", id="null no longer accepted"),
        pytest.param(lambda s: s["properties"]["brand_id"].update(format="email"), "brand_id", id="format changed"),
        pytest.param(lambda s: s["properties"]["tags"]["items"].update(type="integer"), "tags[]", id="item type"),
    ],
)
def test_a_changed_or_narrowed_type_is_breaking(edit: Any, path: str) -> None:
    changes = breaking_changes(BASE, changed(edit))
    assert [(c.kind, c.path) for c in changes] == [("type_changed", path)]


def test_a_removed_enum_value_is_breaking_even_behind_a_ref() -> None:
    changes = breaking_changes(BASE, changed(lambda s: s["$defs"]["Severity"]["enum"].remove("low")))
    assert [(c.kind, c.path) for c in changes] == [("enum_value_removed", "severity")]
    assert "'low'" in str(changes[0])


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda s: s["properties"]["name"].update(maxLength=10), id="shorter max length"),
        pytest.param(lambda s: s["properties"]["count"].update(minimum=1), id="higher minimum"),
        pytest.param(lambda s: s["properties"]["name"].update(pattern="^[a-z]+$"), id="new pattern"),
        pytest.param(lambda s: s["properties"]["name"].update(enum=["a", "b"]), id="open string became an enum"),
    ],
)
def test_a_narrowed_constraint_is_breaking(edit: Any) -> None:
    assert kinds(changed(edit)) == ["constraint_narrowed"]


def test_changes_in_nested_objects_are_found_with_their_path() -> None:
    window = {"$ref": "#/$defs/Window"}
    nested: dict[str, Any] = {"type": "object", "properties": {"window": window}, "required": ["window"]}
    nested["$defs"] = {"Window": {"type": "object", "properties": {"start": {"type": "string"}}, "required": []}}
    new = copy.deepcopy(nested)
    new["$defs"]["Window"]["required"] = ["start"]
    assert [(c.kind, c.path) for c in breaking_changes(nested, new)] == [("field_became_required", "window.start")]


def test_a_recursive_model_is_compared_without_looping() -> None:
    children = {"type": "array", "items": {"$ref": "#/$defs/Node"}}
    node: dict[str, Any] = {"type": "object", "properties": {"children": children}}
    schema: dict[str, Any] = {"$ref": "#/$defs/Node", "$defs": {"Node": node}}
    new = copy.deepcopy(schema)
    new["$defs"]["Node"]["properties"]["label"] = {"type": "string"}
    assert breaking_changes(schema, new) == []
    new["$defs"]["Node"]["required"] = ["label"]
    assert [c.kind for c in breaking_changes(schema, new)] == ["required_field_added"]
