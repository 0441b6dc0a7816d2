"""The `--write` / `--check` command line shared by the generators of committed event documentation."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path


def run_generator(
    *,
    description: str,
    default_target: Path,
    write: Callable[[Path], list[Path]],
    check: Callable[[Path], list[str]],
    argv: Sequence[str] | None = None,
) -> int:
    """Parse `--write | --check [--target PATH]`, run it, and return the process exit code."""
    parser = argparse.ArgumentParser(description=description)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="regenerate the committed files")
    mode.add_argument("--check", action="store_true", help="fail if the committed files are not what the code says")
    parser.add_argument("--target", type=Path, default=default_target, help=f"default: {default_target}")
    args = parser.parse_args(argv)
    if args.write:
        for path in write(args.target):
            sys.stdout.write(f"wrote {path}\n")
        return 0
    problems = check(args.target)
    for problem in problems:
        sys.stderr.write(f"- {problem}\n")
    if problems:
        sys.stderr.write(f"{len(problems)} problem(s) in {args.target}\n")
        return 1
    sys.stdout.write(f"{args.target} is up to date\n")
    return 0
