"""The GraphQL schema in SDL, committed as docs/graphql/schema.graphql so front-end teams can read and diff it.

python -m chorus_gateway.graphql.sdl --write   # regenerate after a schema change
python -m chorus_gateway.graphql.sdl --check   # exit 1 if the committed file is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chorus_gateway.graphql.schema import build_schema
from chorus_gateway.settings import GatewaySettings

DEFAULT_TARGET = Path(__file__).resolve().parents[5] / "docs" / "graphql" / "schema.graphql"


def current_sdl() -> str:
    return build_schema(GatewaySettings()).as_str() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true")
    action.add_argument("--check", action="store_true")
    parser.add_argument("--target", type=Path, default=DEFAULT_TARGET)
    args = parser.parse_args(argv)
    sdl = current_sdl()
    if args.write:
        args.target.parent.mkdir(parents=True, exist_ok=True)
        args.target.write_text(sdl)
        return 0
    if not args.target.exists() or args.target.read_text() != sdl:
        sys.stderr.write(f"{args.target} is out of date: run python -m chorus_gateway.graphql.sdl --write\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
