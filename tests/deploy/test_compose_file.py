"""docker-compose.yml is a valid Compose file that runs every service's api, worker and migrations, wired together."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from chorus_shared.db.provision import ServiceDatabase
from chorus_shared.runtime.services import ALL, GATEWAY, SERVICES, ServiceProcessSpec

REPO = Path(__file__).resolve().parents[2]
COMPOSE: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text())
CONTAINERS: dict[str, Any] = COMPOSE["services"]
SHARED_VARIABLES = ("CHORUS_ENV", "CHORUS_KAFKA_BOOTSTRAP", "CHORUS_INTERNAL_TOKEN_SECRET")
INFRASTRUCTURE = ("postgres", "kafka")


def chorus_containers() -> list[str]:
    return [name for name in CONTAINERS if name not in INFRASTRUCTURE]


def module_command(command: list[str]) -> tuple[str, str]:
    """(`chorus_planning`, `api`) out of `python -m chorus_planning api ...`."""
    assert command[:2] == ["python", "-m"], command
    return command[2], command[3]


def test_the_file_validates_against_the_compose_specification() -> None:
    schema = json.loads((Path(__file__).parent / "compose-spec.json").read_text())
    errors = [f"{e.json_path}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(COMPOSE)]
    assert errors == []


def test_every_container_has_a_healthcheck() -> None:
    assert [name for name, container in CONTAINERS.items() if not container.get("healthcheck", {}).get("test")] == []


@pytest.mark.parametrize("spec", ALL, ids=lambda spec: spec.name)
def test_each_service_has_its_migrate_api_and_worker_containers(spec: ServiceProcessSpec) -> None:
    expected = {f"{spec.name}-migrate": "migrate", f"{spec.name}-api": "api"}
    if spec.has_worker:
        expected[f"{spec.name}-worker"] = "worker"
    for name, role in expected.items():
        assert module_command(CONTAINERS[name]["command"]) == (spec.module, role)
    assert (f"{spec.name}-worker" in CONTAINERS) == spec.has_worker


@pytest.mark.parametrize("name", chorus_containers())
def test_every_command_runs_a_service_module_that_exists(name: str) -> None:
    module, role = module_command(CONTAINERS[name]["command"])
    assert role in ("api", "worker", "migrate")
    main = REPO / "services" / module.removeprefix("chorus_") / "src" / module / "__main__.py"
    assert main.is_file(), f"{name} runs `python -m {module}` but {main.relative_to(REPO)} does not exist"


@pytest.mark.parametrize("name", chorus_containers())
def test_every_container_is_configured_for_its_service(name: str) -> None:
    container = CONTAINERS[name]
    service = name.rsplit("-", 1)[0]
    spec = ServiceDatabase.for_service(service)
    environment = container["environment"]
    for variable in SHARED_VARIABLES:
        assert environment.get(variable), f"{name} lacks {variable}"
    app_url = environment[f"CHORUS_{service.upper()}_DATABASE_URL"]
    owner_url = environment[f"CHORUS_{service.upper()}_MIGRATION_DATABASE_URL"]
    assert re.fullmatch(rf"postgresql\+asyncpg://{spec.app_role}:.+@postgres:5432/{spec.database}", app_url)
    assert re.fullmatch(rf"postgresql\+asyncpg://{spec.owner_role}:.+@postgres:5432/{spec.database}", owner_url)
    assert environment["CHORUS_KAFKA_BOOTSTRAP"] == "kafka:9092"
    assert container["build"]["dockerfile"] == "deploy/Dockerfile"


def test_the_gateway_knows_every_service_api() -> None:
    environment = CONTAINERS[f"{GATEWAY.name}-api"]["environment"]
    for spec in SERVICES:
        assert environment[f"CHORUS_GATEWAY_{spec.name.upper()}_URL"] == f"http://{spec.name}-api:8000"
        assert f"{spec.name}-api" in CONTAINERS


@pytest.mark.parametrize("name", chorus_containers())
def test_containers_start_only_once_what_they_need_is_ready(name: str) -> None:
    depends_on = CONTAINERS[name]["depends_on"]
    assert all(target in CONTAINERS for target in depends_on)
    if name.endswith("-migrate"):
        assert depends_on == {"postgres": {"condition": "service_healthy"}}
    else:
        migrate = f"{name.rsplit('-', 1)[0]}-migrate"
        assert depends_on[migrate] == {"condition": "service_completed_successfully"}
        assert depends_on["kafka"] == {"condition": "service_healthy"}


def test_postgres_creates_every_service_database_with_the_urls_password_scheme() -> None:
    postgres = CONTAINERS["postgres"]
    assert int(postgres["image"].split(":")[1].split("-")[0]) >= 16
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    mounts = [volume.split(":") for volume in postgres["volumes"]]
    init_scripts = [REPO / source for source, target, *_ in mounts if target.startswith("/docker-entrypoint-initdb.d/")]
    assert init_scripts == [REPO / "deploy" / "compose" / "init-databases.sh"]
    script = init_scripts[0].read_text()
    default_services = re.search(r"CHORUS_SERVICES:-([a-z ]+)\}", script)
    assert default_services is not None
    assert sorted(default_services[1].split()) == sorted(spec.name for spec in ALL)
    secret = postgres["environment"]["CHORUS_DATABASE_SECRET"]
    for spec in ALL:
        database = ServiceDatabase.for_service(spec.name, secret=secret)
        api_env = CONTAINERS[f"{spec.name}-api"]["environment"]
        assert api_env[f"CHORUS_{spec.name.upper()}_DATABASE_URL"] == database.app_url("postgres", 5432)


def test_kafka_runs_in_kraft_mode_with_a_healthcheck() -> None:
    kafka = CONTAINERS["kafka"]
    assert kafka["image"].startswith("apache/kafka:")
    assert kafka["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert "kafka-broker-api-versions.sh" in " ".join(kafka["healthcheck"]["test"])


def test_healthcheck_scripts_named_in_the_file_exist_in_the_image() -> None:
    for name, container in CONTAINERS.items():
        for word in container["healthcheck"]["test"]:
            if isinstance(word, str) and word.startswith("/app/"):
                assert (REPO / word.removeprefix("/app/")).is_file(), f"{name}: {word}"
