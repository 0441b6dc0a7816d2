"""deploy/healthcheck.py, the containers' probe: healthy only when the endpoint or the dependencies answer."""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "healthcheck.py"


class _Health(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/healthz" else 503)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def health_server() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Health)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def listening_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def probe(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=30, env=env or {}, check=False
    )


def test_an_api_answering_200_is_healthy(health_server: str) -> None:
    assert probe("http", f"{health_server}/healthz").returncode == 0


def test_an_api_answering_an_error_is_unhealthy(health_server: str) -> None:
    result = probe("http", f"{health_server}/readyz")
    assert result.returncode == 1
    assert "unhealthy" in result.stderr


def test_an_api_that_does_not_listen_is_unhealthy() -> None:
    assert probe("http", f"http://127.0.0.1:{closed_port()}/healthz").returncode == 1


def test_a_migrate_container_is_healthy_while_its_database_answers(listening_port: int) -> None:
    env = {"CHORUS_PLANNING_DATABASE_URL": f"postgresql+asyncpg://u:p@127.0.0.1:{listening_port}/chorus_planning"}
    assert probe("database", "planning", env=env).returncode == 0
    env = {"CHORUS_PLANNING_DATABASE_URL": f"postgresql+asyncpg://u:p@127.0.0.1:{closed_port()}/chorus_planning"}
    assert probe("database", "planning", env=env).returncode == 1


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("chorus_deploy_healthcheck", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_worker_is_healthy_only_when_its_database_and_every_kafka_server_answer(
    listening_port: int, tmp_path: Path
) -> None:
    script = load_script()
    main_process = tmp_path / "cmdline"
    main_process.write_bytes(b"python\0-m\0chorus_planning\0worker\0")
    database = f"postgresql+asyncpg://u:p@127.0.0.1:{listening_port}/chorus_planning"
    healthy = {"CHORUS_PLANNING_DATABASE_URL": database, "CHORUS_KAFKA_BOOTSTRAP": f"127.0.0.1:{listening_port}"}
    kafka_down = healthy | {"CHORUS_KAFKA_BOOTSTRAP": f"127.0.0.1:{listening_port},127.0.0.1:{closed_port()}"}

    assert script.check_worker("planning", healthy, main_process) is None
    assert "cannot reach" in script.check_worker("planning", kafka_down, main_process)


def test_a_container_whose_main_process_is_not_the_worker_is_unhealthy(listening_port: int, tmp_path: Path) -> None:
    main_process = tmp_path / "cmdline"
    main_process.write_bytes(b"python\0-m\0chorus_planning\0api\0")
    database = f"postgresql+asyncpg://u:p@127.0.0.1:{listening_port}/chorus_planning"
    problem = load_script().check_worker("planning", {"CHORUS_PLANNING_DATABASE_URL": database}, main_process)
    assert problem == "the container's main process is not a worker"


def test_a_worker_without_a_database_url_is_unhealthy() -> None:
    result = probe("worker", "planning", env={"CHORUS_KAFKA_BOOTSTRAP": "127.0.0.1:9"})
    assert result.returncode == 1


def test_an_unknown_mode_is_a_usage_error() -> None:
    assert probe("ping", "planning").returncode == 2
