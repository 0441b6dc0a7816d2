"""Committed JSON Schemas of the event contracts, one file per event type under docs/events/schemas.

    python -m chorus_shared.messaging.contracts.schemas --write   # after changing a contract on purpose
    python -m chorus_shared.messaging.contracts.schemas --check   # fails on drift, breaking change or bad name

Removing a committed file retires an event type; do it only once no producer or consumer uses it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from chorus_shared.messaging.contracts import catalog
from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.compatibility import breaking_changes
from chorus_shared.messaging.contracts.generated_docs import run_generator
from chorus_shared.messaging.contracts.naming import naming_problem

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
DEFAULT_SCHEMA_DIR = Path("docs/events/schemas")

Contracts = Mapping[str, type[EventPayload]]


def contract_schema(contract: type[EventPayload]) -> dict[str, Any]:
    """The schema of what a consumer accepts (validation mode: fields with defaults are optional)."""
    return {"$schema": JSON_SCHEMA_DIALECT, **contract.model_json_schema(mode="validation")}


def current_schemas(contracts: Contracts | None = None) -> dict[str, dict[str, Any]]:
    """Every registered contract's schema, by event type, in name order."""
    contracts = catalog.registry() if contracts is None else contracts
    return {event_type: contract_schema(contracts[event_type]) for event_type in sorted(contracts)}


def render_schema(schema: Mapping[str, Any]) -> str:
    """Stable text: sorted keys, two-space indent, final newline, so diffs show only real changes."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_file(directory: Path, event_type: str) -> Path:
    return directory / f"{event_type}.json"


def committed_schemas(directory: Path) -> dict[str, dict[str, Any]]:
    return {path.stem: json.loads(path.read_text()) for path in sorted(directory.glob("*.json"))}


def write_schemas(directory: Path, contracts: Contracts | None = None) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for event_type, schema in current_schemas(contracts).items():
        path = schema_file(directory, event_type)
        path.write_text(render_schema(schema))
        written.append(path)
    return written


def check_schemas(directory: Path, contracts: Contracts | None = None) -> list[str]:
    """What is wrong between the committed schemas and the code, one line per problem; empty when all is well."""
    current = current_schemas(contracts)
    committed = committed_schemas(directory) if directory.is_dir() else {}
    problems = [problem for event_type in current if (problem := naming_problem(event_type))]
    for event_type, schema in current.items():
        path = schema_file(directory, event_type)
        if event_type not in committed:
            problems.append(f"{event_type}: no committed schema at {path} (run --write and commit it)")
        elif path.read_text() != render_schema(schema):
            problems += _drift(event_type, committed[event_type], schema)
    problems += [
        f"{event_type}: committed schema has no contract any more; removing an event type breaks its consumers"
        for event_type in sorted(committed.keys() - current.keys())
    ]
    return problems


def _drift(event_type: str, committed: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    changes = breaking_changes(committed, current)
    if not changes:
        return [f"{event_type}: committed schema is out of date, the change is compatible (run --write and commit)"]
    hint = "publish a new version type instead"
    return [f"{event_type}: breaking change at {change} ({hint})" for change in changes]


def main(argv: Sequence[str] | None = None) -> int:
    return run_generator(
        description="Export or check the committed JSON Schemas of the event contracts.",
        default_target=DEFAULT_SCHEMA_DIR,
        write=write_schemas,
        check=check_schemas,
        argv=argv,
    )


if __name__ == "__main__":
    sys.exit(main())
