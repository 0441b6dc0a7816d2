"""Container health check, standard library only (the slim image has no curl).

    python /app/deploy/healthcheck.py http http://127.0.0.1:8000/healthz
    python /app/deploy/healthcheck.py worker planning
    python /app/deploy/healthcheck.py database planning

A worker has no HTTP port to ask, so `worker` checks what it cannot work without: its process is the
container's main one, and its database and the Kafka bootstrap servers accept connections. `database` is for
the one-shot migrate container: healthy while the database it migrates is reachable.
"""

from __future__ import annotations

import os
import socket
import sys
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

TIMEOUT_SECONDS = 3.0


def check_http(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
            return None if response.status == 200 else f"{url} answered {response.status}"
    except OSError as error:
        return f"{url}: {error}"


def check_worker(service: str, environ: dict[str, str], proc: Path = Path("/proc/1/cmdline")) -> str | None:
    if proc.exists() and b"worker" not in proc.read_bytes():
        return "the container's main process is not a worker"
    kafka = [server.strip() for server in environ.get("CHORUS_KAFKA_BOOTSTRAP", "").split(",") if server.strip()]
    return check_database(service, environ) or _reachable([_host_port(server) for server in kafka])


def check_database(service: str, environ: dict[str, str]) -> str | None:
    variable = f"CHORUS_{service.upper()}_DATABASE_URL"
    database = urlsplit(environ.get(variable, ""))
    if not database.hostname:
        return f"{variable} is not set"
    return _reachable([(database.hostname, database.port or 5432)])


def _host_port(server: str) -> tuple[str, int]:
    host, _, port = server.rpartition(":")
    return host, int(port)


def _reachable(targets: list[tuple[str, int]]) -> str | None:
    for host, port in targets:
        try:
            socket.create_connection((host, port), timeout=TIMEOUT_SECONDS).close()
        except OSError as error:
            return f"cannot reach {host}:{port}: {error}"
    return None


def main(argv: list[str]) -> int:
    checks: dict[str, Callable[[str], str | None]] = {
        "http": check_http,
        "worker": lambda service: check_worker(service, dict(os.environ)),
        "database": lambda service: check_database(service, dict(os.environ)),
    }
    if len(argv) != 2 or argv[0] not in checks:
        sys.stderr.write("usage: healthcheck.py http URL | worker SERVICE | database SERVICE\n")
        return 2
    mode, target = argv
    problem = checks[mode](target)
    if problem:
        sys.stderr.write(f"unhealthy: {problem}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
