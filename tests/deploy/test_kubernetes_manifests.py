"""deploy/k8s/base is a complete kustomize base: every service's workloads, probes, limits, non-root, config."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from chorus_shared.runtime.services import ALL, GATEWAY, SERVICES, ServiceProcessSpec

REPO = Path(__file__).resolve().parents[2]
BASE = REPO / "deploy" / "k8s" / "base"
KUSTOMIZATION: dict[str, Any] = yaml.safe_load((BASE / "kustomization.yaml").read_text())


def load_manifests() -> list[dict[str, Any]]:
    return [doc for path in KUSTOMIZATION["resources"] for doc in yaml.safe_load_all((BASE / path).read_text()) if doc]


MANIFESTS = load_manifests()
BY_KIND_AND_NAME = {(doc["kind"], doc["metadata"]["name"]): doc for doc in MANIFESTS}
WORKLOADS = [doc for doc in MANIFESTS if doc["kind"] in ("Deployment", "Job")]
DEPLOYMENTS = [doc for doc in MANIFESTS if doc["kind"] == "Deployment"]


def containers(workload: dict[str, Any]) -> list[dict[str, Any]]:
    return list(workload["spec"]["template"]["spec"]["containers"])


def workload_id(workload: dict[str, Any]) -> str:
    return f"{workload['kind']}/{workload['metadata']['name']}"


def test_the_kustomization_lists_every_manifest_file_and_only_existing_ones() -> None:
    on_disk = {str(path.relative_to(BASE)) for path in BASE.rglob("*.yaml") if path.name != "kustomization.yaml"}
    assert sorted(KUSTOMIZATION["resources"]) == sorted(on_disk)


def test_every_manifest_parses_into_a_named_kubernetes_object() -> None:
    assert MANIFESTS
    for doc in MANIFESTS:
        assert doc["apiVersion"]
        assert doc["kind"]
        assert doc["metadata"]["name"]
    assert len(BY_KIND_AND_NAME) == len(MANIFESTS), "two objects share a kind and a name"


@pytest.mark.parametrize("spec", ALL, ids=lambda spec: spec.name)
def test_each_service_has_its_api_worker_service_job_config_and_secret(spec: ServiceProcessSpec) -> None:
    for kind, name in [
        ("Deployment", f"{spec.name}-api"),
        ("Service", f"{spec.name}-api"),
        ("Job", f"{spec.name}-migrate"),
        ("ConfigMap", f"chorus-{spec.name}-config"),
        ("Secret", f"chorus-{spec.name}-secrets"),
    ]:
        assert (kind, name) in BY_KIND_AND_NAME, f"{kind} {name} is missing"
    assert (("Deployment", f"{spec.name}-worker") in BY_KIND_AND_NAME) == spec.has_worker


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=workload_id)
def test_every_deployment_has_probes_and_resource_limits(deployment: dict[str, Any]) -> None:
    for container in containers(deployment):
        assert container.get("readinessProbe"), "no readiness probe"
        assert container.get("livenessProbe"), "no liveness probe"
        assert {"cpu", "memory"} <= set(container["resources"]["limits"])
        assert {"cpu", "memory"} <= set(container["resources"]["requests"])


@pytest.mark.parametrize("spec", ALL, ids=lambda spec: spec.name)
def test_the_api_is_live_on_healthz_and_ready_on_readyz(spec: ServiceProcessSpec) -> None:
    (api,) = containers(BY_KIND_AND_NAME[("Deployment", f"{spec.name}-api")])
    assert api["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert api["readinessProbe"]["httpGet"]["path"] == "/readyz"


@pytest.mark.parametrize("workload", WORKLOADS, ids=workload_id)
def test_every_workload_runs_as_non_root_without_privileges(workload: dict[str, Any]) -> None:
    pod = workload["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    for container in containers(workload):
        assert container["securityContext"]["allowPrivilegeEscalation"] is False
        assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]


@pytest.mark.parametrize("workload", WORKLOADS, ids=workload_id)
def test_every_command_runs_a_service_module_that_exists(workload: dict[str, Any]) -> None:
    for container in containers(workload):
        command = container["command"]
        assert command[:2] == ["python", "-m"]
        module, role = command[2], command[3]
        assert role == container["name"]
        main = REPO / "services" / module.removeprefix("chorus_") / "src" / module / "__main__.py"
        assert main.is_file(), f"{workload_id(workload)} runs `python -m {module}` but {main} does not exist"
        for word in [*command, *_probe_commands(container)]:
            if word.startswith("/app/"):
                assert (REPO / word.removeprefix("/app/")).is_file(), word


@pytest.mark.parametrize("workload", WORKLOADS, ids=workload_id)
def test_every_referenced_config_map_and_secret_is_in_the_base(workload: dict[str, Any]) -> None:
    for container in containers(workload):
        for source in container["envFrom"]:
            kind, ref = (
                ("ConfigMap", source["configMapRef"]) if "configMapRef" in source else ("Secret", source["secretRef"])
            )
            assert (kind, ref["name"]) in BY_KIND_AND_NAME


@pytest.mark.parametrize("spec", ALL, ids=lambda spec: spec.name)
def test_the_service_selects_the_api_pods_and_the_database_urls_are_in_its_secret(spec: ServiceProcessSpec) -> None:
    service = BY_KIND_AND_NAME[("Service", f"{spec.name}-api")]
    api = BY_KIND_AND_NAME[("Deployment", f"{spec.name}-api")]
    assert service["spec"]["selector"] == api["spec"]["template"]["metadata"]["labels"]
    secret = BY_KIND_AND_NAME[("Secret", f"chorus-{spec.name}-secrets")]["stringData"]
    assert {f"{spec.env_prefix}DATABASE_URL", f"{spec.env_prefix}MIGRATION_DATABASE_URL"} <= set(secret)


def test_shared_settings_and_gateway_routes_are_configured() -> None:
    shared = BY_KIND_AND_NAME[("ConfigMap", "chorus-config")]["data"]
    assert {"CHORUS_ENV", "CHORUS_KAFKA_BOOTSTRAP"} <= set(shared)
    assert "CHORUS_INTERNAL_TOKEN_SECRET" in BY_KIND_AND_NAME[("Secret", "chorus-secrets")]["stringData"]
    gateway = BY_KIND_AND_NAME[("ConfigMap", f"chorus-{GATEWAY.name}-config")]["data"]
    for spec in SERVICES:
        assert gateway[f"CHORUS_GATEWAY_{spec.name.upper()}_URL"] == f"http://{spec.name}-api:8000"


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")
def test_kustomize_renders_the_base() -> None:
    rendered = subprocess.run(
        ["kubectl", "kustomize", str(BASE)], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    kinds = [doc["kind"] for doc in yaml.safe_load_all(rendered) if doc]
    assert len(kinds) == len(MANIFESTS)


def _probe_commands(container: dict[str, Any]) -> list[str]:
    probes = [container.get(name, {}) for name in ("readinessProbe", "livenessProbe", "startupProbe")]
    return [word for probe in probes for word in probe.get("exec", {}).get("command", [])]
