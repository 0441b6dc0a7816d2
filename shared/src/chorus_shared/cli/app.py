"""`chorus`: up, migrate, admin create-agency, kafka start|stop|status."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from chorus_shared.cli.environment import base_environment
from chorus_shared.cli.layout import LocalSecrets, RunningChorus
from chorus_shared.cli.up import UpOptions, up
from chorus_shared.kafka_local import DEFAULT_PORT, KafkaLocalError, broker_status, start_broker, stop_broker

app = typer.Typer(help="Chorus: the open-source backend for social media agencies.", no_args_is_help=True)
admin = typer.Typer(help="Administration of a local Chorus.", no_args_is_help=True)
kafka = typer.Typer(help="The local Apache Kafka broker (KRaft, from Maven Central jars).", no_args_is_help=True)
app.add_typer(admin, name="admin")
app.add_typer(kafka, name="kafka")
console = Console(stderr=True)

DataDir = Annotated[Path, typer.Option(help="Where data, secrets and logs live.", envvar="CHORUS_DATA_DIR")]


@app.command("up")
def up_command(
    data_dir: DataDir = Path(".chorus"),
    port_base: Annotated[int, typer.Option(help="Gateway port; services use the next four.")] = 8000,
    pg_port: Annotated[int, typer.Option(help="Port of the embedded PostgreSQL.")] = 55432,
) -> None:
    """Start PostgreSQL, migrate, and run every service and the gateway until Ctrl-C."""
    up(UpOptions(data_dir=data_dir.resolve(), port_base=port_base, pg_port=pg_port))


@app.command("migrate")
def migrate_command(service: Annotated[str, typer.Argument(help="planning, publishing, ...")]) -> None:
    """Apply one service's migrations using its CHORUS_<SERVICE>_MIGRATION_DATABASE_URL."""
    _run_or_exit([sys.executable, "-m", f"chorus_{service}", "migrate"], dict(os.environ))


@admin.command("create-agency")
def create_agency(
    name: Annotated[str, typer.Option(help="The agency's name.")],
    owner_email: Annotated[str, typer.Option(help="The first owner's e-mail (their login).")],
    owner_password: Annotated[str, typer.Option(prompt=True, hide_input=True, help="At least 12 characters.")],
    data_dir: DataDir = Path(".chorus"),
) -> None:
    """Create the first agency, its owner and an API key (shown once) on the Chorus started from DATA_DIR."""
    data_dir = data_dir.resolve()
    try:
        running = RunningChorus.read(data_dir)
    except FileNotFoundError as missing:
        console.print(f"[red]{missing}[/red]")
        raise typer.Exit(2) from missing
    env = base_environment(running, LocalSecrets.load_or_create(data_dir))
    command = [sys.executable, "-m", "chorus_gateway", "create-agency", "--name", name]
    command += ["--owner-email", owner_email, "--owner-password", owner_password]
    _run_or_exit(command, env)


@kafka.command("start")
def kafka_start(port: int = DEFAULT_PORT) -> None:
    """Fetch Kafka's jars if needed, format storage and start a broker on 127.0.0.1."""
    try:
        with console.status("Starting Kafka (the first run fetches its jars with Maven)"):
            broker = start_broker(port)
    except KafkaLocalError as failure:
        console.print(f"[red]{failure}[/red]")
        raise typer.Exit(1) from failure
    console.print(f"Kafka is up: CHORUS_KAFKA_BOOTSTRAP={broker.bootstrap} (pid {broker.pid})")


@kafka.command("stop")
def kafka_stop(port: int = DEFAULT_PORT) -> None:
    """Stop the local broker cleanly."""
    console.print("Kafka stopped." if stop_broker(port) else "No local Kafka broker was running.")


@kafka.command("status")
def kafka_status(port: int = DEFAULT_PORT) -> None:
    status = broker_status(port)
    state = "ready" if status.ready else ("starting or unhealthy" if status.running else "stopped")
    console.print(f"Kafka on {status.bootstrap}: {state}")


def _run_or_exit(command: list[str], env: dict[str, str]) -> None:
    code = subprocess.call(command, env=env)
    if code != 0:
        raise typer.Exit(code)


def main() -> None:
    app()
