"""`chorus up`: PostgreSQL, databases and roles, migrations, every service and the gateway, until Ctrl-C."""

from __future__ import annotations

import os
import signal
import threading
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from rich.console import Console
from rich.table import Table

from chorus_shared.cli.environment import base_environment
from chorus_shared.cli.layout import LocalSecrets, RunningChorus
from chorus_shared.cli.supervisor import StartupFailed, Supervisor
from chorus_shared.db.cluster import SERVING_SETTINGS, EmbeddedCluster
from chorus_shared.db.provision import provision
from chorus_shared.messaging.embedded_schema import bootstrap_bus_schema
from chorus_shared.runtime.services import ALL, BUS_DATABASE, GATEWAY

console = Console(stderr=True)


@dataclass(frozen=True)
class UpOptions:
    data_dir: Path
    port_base: int
    pg_port: int
    host: str = "127.0.0.1"


def up(options: UpOptions) -> None:
    secrets = LocalSecrets.load_or_create(options.data_dir)
    cluster = EmbeddedCluster(
        options.data_dir / "postgres", port=options.pg_port, host=options.host, settings=SERVING_SETTINGS
    )
    with console.status("Starting PostgreSQL"):
        cluster.start()
    running = RunningChorus(
        options.host, options.pg_port, options.port_base, os.environ.get("CHORUS_KAFKA_BOOTSTRAP", "")
    )
    running.write(options.data_dir)
    supervisor = Supervisor(options.data_dir / "logs", base_environment(running, secrets))
    stopping = threading.Event()
    _on_signals(stopping)
    try:
        _prepare_databases(cluster, running, secrets, supervisor)
        _start_services(running, supervisor)
        _print_urls(running, options.data_dir)
        while not stopping.wait(0.5):
            if exited := supervisor.first_exited():
                raise StartupFailed(f"{exited.label} stopped unexpectedly:\n{exited.log_tail()}")
    except StartupFailed as failure:
        console.print(f"[red]Chorus could not keep running:[/red] {failure}")
        raise SystemExit(1) from failure
    finally:
        with console.status("Stopping Chorus"):
            supervisor.stop_all()
            cluster.stop()
        console.print("Chorus stopped. Data kept in", str(options.data_dir))


def _prepare_databases(
    cluster: EmbeddedCluster, running: RunningChorus, secrets: LocalSecrets, supervisor: Supervisor
) -> None:
    with console.status("Creating databases and roles"):
        for name in (*(spec.name for spec in ALL), BUS_DATABASE):
            provision(cluster.admin_dsn, running.database(name, secrets))
    if not running.kafka_bootstrap:
        with console.status("Preparing the embedded event bus"):
            bus = running.database(BUS_DATABASE, secrets)
            bootstrap_bus_schema(bus.owner_url(running.host, running.pg_port))
    for spec in ALL:
        with console.status(f"Migrating {spec.name}"):
            supervisor.run_to_completion(f"{spec.name}-migrate", "-m", spec.module, "migrate")


def _start_services(running: RunningChorus, supervisor: Supervisor) -> None:
    apis = []
    for spec in ALL:
        apis.append((spec, supervisor.spawn(f"{spec.name}-api", "-m", spec.module, "api")))
        if spec.has_worker:
            supervisor.spawn(f"{spec.name}-worker", "-m", spec.module, "worker")
    with console.status("Waiting for every service to be ready"):
        for spec, child in apis:
            supervisor.wait_ready(child, f"http://{running.host}:{running.port_base + spec.port_offset}/readyz")


def _print_urls(running: RunningChorus, data_dir: Path) -> None:
    table = Table(title="Chorus is up", show_header=True)
    table.add_column("service")
    table.add_column("URL")
    gateway = f"http://{running.host}:{running.port_base + GATEWAY.port_offset}"
    table.add_row("GraphQL (GraphiQL in dev)", f"{gateway}/graphql")
    for spec in ALL:
        if spec is not GATEWAY:
            table.add_row(f"{spec.name} REST", f"http://{running.host}:{running.port_base + spec.port_offset}/docs")
    table.add_row("PostgreSQL", f"{running.host}:{running.pg_port}")
    table.add_row("bus", running.kafka_bootstrap or "embedded (PostgreSQL)")
    table.add_row("logs", str(data_dir / "logs"))
    Console().print(table)
    Console().print("First time? Create your agency: chorus admin create-agency --help. Stop with Ctrl-C.")
    # A stable line that scripts (and the end-to-end test) wait for.
    print(f"CHORUS READY {gateway}/graphql", flush=True)  # noqa: T201


def _on_signals(stopping: threading.Event) -> None:
    def handler(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
