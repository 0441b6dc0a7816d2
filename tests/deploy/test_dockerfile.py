"""deploy/Dockerfile builds from files that exist, with the project's own tools, into a non-root image."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "deploy" / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, line continuations joined and comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def of(kind: str) -> list[str]:
    return [arguments for instruction, arguments in instructions() if instruction == kind]


def runtime_stage() -> list[tuple[str, str]]:
    steps = instructions()
    last_from = max(i for i, (instruction, _) in enumerate(steps) if instruction == "FROM")
    return steps[last_from:]


def test_the_base_image_is_python_3_11_slim_in_both_stages() -> None:
    assert of("ARG") == ["PYTHON_IMAGE=python:3.11-slim"]
    assert [arguments.split()[0] for arguments in of("FROM")] == ["${PYTHON_IMAGE}", "${PYTHON_IMAGE}"]


def test_every_copy_source_from_the_build_context_exists() -> None:
    for arguments in of("COPY"):
        words = shlex.split(arguments)
        if any(word.startswith("--from=") for word in words):
            continue
        sources = [word for word in words if not word.startswith("--")][:-1]
        for source in sources:
            assert (REPO / source).exists(), f"COPY {source}: not in the repository"


def test_every_workspace_member_manifest_is_copied_before_the_dependency_layer() -> None:
    copied = {shlex.split(arguments)[0] for arguments in of("COPY")}
    members = {str(path.relative_to(REPO)) for path in REPO.glob("services/*/pyproject.toml")}
    assert members | {"shared/pyproject.toml"} <= copied


def test_uv_is_installed_from_pip_at_the_version_the_makefile_pins() -> None:
    makefile_pin = re.search(r'"uv==([0-9.]+)"', (REPO / "Makefile").read_text())
    assert makefile_pin is not None
    assert f'pip install --no-cache-dir "uv=={makefile_pin[1]}"' in of("RUN")


def test_dependencies_are_installed_from_the_lock_without_dev_tools() -> None:
    syncs = [run for run in of("RUN") if run.startswith("uv sync")]
    assert syncs[-1] == "uv sync --frozen --all-packages --no-dev"
    assert all("--frozen" in sync and "--no-dev" in sync for sync in syncs)
    assert (REPO / "uv.lock").is_file()


def test_the_image_runs_as_a_non_root_user() -> None:
    users = [arguments for instruction, arguments in runtime_stage() if instruction == "USER"]
    assert users
    assert users[-1].split(":")[0] not in ("0", "root")


def test_the_default_command_runs_a_service_module_that_exists() -> None:
    command = json.loads(of("CMD")[-1])
    assert command[:2] == ["python", "-m"]
    module = command[2]
    assert (REPO / "services" / module.removeprefix("chorus_") / "src" / module / "__main__.py").is_file()


def test_files_copied_into_app_exist_and_the_dockerignore_keeps_them() -> None:
    ignored = [line for line in (REPO / "deploy" / "Dockerfile.dockerignore").read_text().splitlines() if line]
    needed = [shlex.split(arguments)[0] for arguments in of("COPY") if "--from=" not in arguments]
    for source in needed:
        assert not any(source == pattern or source.startswith(pattern + "/") for pattern in ignored), source
