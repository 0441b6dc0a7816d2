"""Runs pytest and refuses a run that collected nothing: exit code 5 must not pass as green."""

from __future__ import annotations

import sys

import pytest


def main(argv: list[str]) -> int:
    code = int(pytest.main(argv))
    if code == pytest.ExitCode.NO_TESTS_COLLECTED:
        sys.stderr.write("pytest collected no tests: failing the run on purpose\n")
        return 1
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
