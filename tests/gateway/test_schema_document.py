"""The committed GraphQL schema document is the schema the gateway serves."""

from __future__ import annotations

from pathlib import Path

from chorus_gateway.graphql.sdl import DEFAULT_TARGET, current_sdl, main


def test_the_committed_sdl_matches_the_served_schema() -> None:
    assert DEFAULT_TARGET.read_text() == current_sdl(), "run: python -m chorus_gateway.graphql.sdl --write"


def test_check_fails_on_a_stale_document(tmp_path: Path) -> None:
    stale = tmp_path / "schema.graphql"
    stale.write_text("type Query { old: String }\n")
    assert main(["--check", "--target", str(stale)]) == 1
    assert main(["--write", "--target", str(stale)]) == 0
    assert main(["--check", "--target", str(stale)]) == 0
