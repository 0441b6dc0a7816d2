"""The committed JSON Schemas under docs/events/schemas are exactly the code's, and every change is compatible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chorus_shared.messaging.contracts import schemas
from chorus_shared.messaging.contracts.compatibility import breaking_changes

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "docs" / "events" / "schemas"
CURRENT = schemas.current_schemas()
COMMITTED = schemas.committed_schemas(SCHEMA_DIR)


def test_every_contract_has_a_committed_schema_and_every_schema_a_contract() -> None:
    assert sorted(COMMITTED) == sorted(CURRENT)


@pytest.mark.parametrize("event_type", sorted(CURRENT))
def test_the_committed_schema_is_the_one_the_code_produces(event_type: str) -> None:
    committed_text = schemas.schema_file(SCHEMA_DIR, event_type).read_text()
    assert committed_text == schemas.render_schema(CURRENT[event_type]), (
        "contract changed: run `python -m chorus_shared.messaging.contracts.schemas --write` and commit it"
    )


@pytest.mark.parametrize("event_type", sorted(COMMITTED))
def test_the_code_is_backward_compatible_with_the_committed_schema(event_type: str) -> None:
    current = CURRENT.get(event_type)
    assert current is not None, f"{event_type} was removed: its consumers would break"
    assert [str(change) for change in breaking_changes(COMMITTED[event_type], current)] == []


def test_the_check_command_passes_on_the_repository() -> None:
    assert schemas.check_schemas(SCHEMA_DIR) == []


def test_the_check_command_lists_a_breaking_change_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schemas.write_schemas(tmp_path)
    path = schemas.schema_file(tmp_path, "chorus.planning.brand.renamed.v1")
    committed = json.loads(path.read_text())
    committed["properties"]["renamed_by"] = {"type": "string"}  # a field the code no longer has
    path.write_text(schemas.render_schema(committed))

    exit_code = schemas.main(["--check", "--target", str(tmp_path)])

    assert exit_code == 1
    assert "chorus.planning.brand.renamed.v1: breaking change at renamed_by: field removed" in capsys.readouterr().err


def test_the_check_command_flags_a_retired_event_type_and_a_missing_schema(tmp_path: Path) -> None:
    schemas.write_schemas(tmp_path)
    schemas.schema_file(tmp_path, "chorus.planning.brand.archived.v1").unlink()
    schemas.schema_file(tmp_path, "chorus.planning.brand.deleted.v1").write_text("{}\n")

    problems = schemas.check_schemas(tmp_path)

    assert any(p.startswith("chorus.planning.brand.archived.v1: no committed schema") for p in problems)
    assert any(p.startswith("chorus.planning.brand.deleted.v1: committed schema has no contract") for p in problems)


def test_a_compatible_drift_asks_for_a_regeneration(tmp_path: Path) -> None:
    schemas.write_schemas(tmp_path)
    path = schemas.schema_file(tmp_path, "chorus.planning.brand.created.v1")
    committed = json.loads(path.read_text())
    committed["required"].append("archived")  # the code made it optional since: compatible
    path.write_text(schemas.render_schema(committed))

    assert schemas.check_schemas(tmp_path) == [
        "chorus.planning.brand.created.v1: committed schema is out of date, the change is compatible "
        "(run --write and commit)"
    ]


def test_write_then_check_round_trips(tmp_path: Path) -> None:
    written = schemas.write_schemas(tmp_path)
    assert len(written) == len(CURRENT)
    assert schemas.main(["--check", "--target", str(tmp_path)]) == 0
