"""Starts, checks and stops a local single-node Kafka broker (KRaft) for development, tests and benchmarks."""

from __future__ import annotations

import logging
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from chorus_shared.kafka_local.config import BrokerLayout, format_storage, write_config
from chorus_shared.kafka_local.errors import KafkaLocalError
from chorus_shared.kafka_local.jars import ensure_jars
from chorus_shared.kafka_local.java import java_command
from chorus_shared.kafka_local.paths import DEFAULT_PORT, KAFKA_VERSION, default_data_dir
from chorus_shared.kafka_local.probe import broker_count
from chorus_shared.kafka_local.process import last_error, log_tail, running_pid, terminate

log = logging.getLogger(__name__)
HOST = "127.0.0.1"


@dataclass(frozen=True)
class LocalBroker:
    """A running local broker."""

    port: int
    pid: int
    data_dir: Path

    @property
    def bootstrap(self) -> str:
        return f"{HOST}:{self.port}"

    @property
    def log_file(self) -> Path:
        return BrokerLayout(self.data_dir).log_file


@dataclass(frozen=True)
class BrokerStatus:
    """What `broker_status` found: whether the JVM runs and whether it answers the Kafka protocol."""

    port: int
    data_dir: Path
    pid: int | None
    ready: bool

    @property
    def running(self) -> bool:
        return self.pid is not None

    @property
    def bootstrap(self) -> str:
        return f"{HOST}:{self.port}"


def start_broker(
    port: int = DEFAULT_PORT,
    *,
    controller_port: int | None = None,
    data_dir: Path | None = None,
    timeout: float = 90.0,
    version: str = KAFKA_VERSION,
) -> LocalBroker:
    """Starts a detached broker on 127.0.0.1:`port` (controller on `port + 1`) and waits until it answers.

    Idempotent: if the broker of this data dir already runs, it is returned as is.
    """
    layout = BrokerLayout(data_dir or default_data_dir(port))
    pid = running_pid(layout)
    if pid is None:
        controller = controller_port if controller_port is not None else port + 1
        pid = _launch(layout, port=port, controller_port=controller, version=version)
    _wait_until_ready(layout, port=port, pid=pid, timeout=timeout)
    return LocalBroker(port=port, pid=pid, data_dir=layout.data_dir)


def stop_broker(port: int = DEFAULT_PORT, *, data_dir: Path | None = None, timeout: float = 30.0) -> bool:
    """Stops the broker of this data dir (SIGTERM, then SIGKILL after `timeout`). False if none was running."""
    layout = BrokerLayout(data_dir or default_data_dir(port))
    pid = running_pid(layout)
    if pid is None:
        return False
    log.info("stopping Kafka broker pid %s", pid)
    terminate(pid, timeout=timeout)
    layout.pid_file.unlink(missing_ok=True)
    return True


def broker_status(port: int = DEFAULT_PORT, *, data_dir: Path | None = None) -> BrokerStatus:
    layout = BrokerLayout(data_dir or default_data_dir(port))
    pid = running_pid(layout)
    return BrokerStatus(port=port, data_dir=layout.data_dir, pid=pid, ready=pid is not None and _answers(port))


def _launch(layout: BrokerLayout, *, port: int, controller_port: int, version: str) -> int:
    for taken in (port, controller_port):
        if not _port_is_free(taken):
            raise KafkaLocalError(f"cannot start Kafka: 127.0.0.1:{taken} is already in use by another process")
    lib = ensure_jars(version)
    write_config(layout, port=port, controller_port=controller_port)
    format_storage(layout, lib)
    command = java_command(lib, "kafka.Kafka", str(layout.properties))
    with layout.log_file.open("ab") as log_stream:
        process = subprocess.Popen(
            command,
            cwd=layout.data_dir,
            stdin=subprocess.DEVNULL,
            stdout=log_stream,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # detached: Ctrl-C in the caller's terminal does not kill the broker
        )
    layout.pid_file.write_text(str(process.pid))
    log.info("started Kafka broker pid %s on %s:%s, log %s", process.pid, HOST, port, layout.log_file)
    return process.pid


def _wait_until_ready(layout: BrokerLayout, *, port: int, pid: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if running_pid(layout) != pid:
            raise KafkaLocalError(
                f"Kafka broker exited during start-up ({last_error(layout.log_file)}); "
                f"log tail:\n{log_tail(layout.log_file)}"
            )
        if _answers(port):
            return
        time.sleep(0.25)
    terminate(pid, timeout=10.0)
    layout.pid_file.unlink(missing_ok=True)
    raise KafkaLocalError(
        f"Kafka broker did not answer on {HOST}:{port} within {timeout:.0f} s; log tail:\n{log_tail(layout.log_file)}"
    )


def _answers(port: int) -> bool:
    try:
        return broker_count(HOST, port) > 0
    except OSError:
        return False


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True
