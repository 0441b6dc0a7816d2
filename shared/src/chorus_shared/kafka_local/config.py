"""Writes a single-node KRaft `server.properties` and formats the broker's storage once."""

from __future__ import annotations

import base64
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

from chorus_shared.kafka_local.errors import KafkaLocalError
from chorus_shared.kafka_local.java import java_command


@dataclass(frozen=True)
class BrokerLayout:
    """The files of one local broker, all under its data dir."""

    data_dir: Path

    @property
    def properties(self) -> Path:
        return self.data_dir / "server.properties"

    @property
    def log_dirs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "kafka.pid"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "kafka.log"

    @property
    def is_formatted(self) -> bool:
        return (self.log_dirs / "meta.properties").exists()


def server_properties(*, port: int, controller_port: int, log_dirs: Path) -> str:
    """A one-node cluster (broker and controller in one JVM) that only listens on 127.0.0.1."""
    settings = {
        "process.roles": "broker,controller",
        "node.id": "1",
        "controller.quorum.voters": f"1@127.0.0.1:{controller_port}",
        "listeners": f"PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}",
        "advertised.listeners": f"PLAINTEXT://127.0.0.1:{port}",
        "controller.listener.names": "CONTROLLER",
        "inter.broker.listener.name": "PLAINTEXT",
        "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs": str(log_dirs),
        "auto.create.topics.enable": "true",
        "num.partitions": "6",
        "default.replication.factor": "1",
        "min.insync.replicas": "1",
        "offsets.topic.replication.factor": "1",
        # Fewer offset partitions than the default 50: the first group join on a fresh broker is much faster.
        "offsets.topic.num.partitions": "6",
        "transaction.state.log.replication.factor": "1",
        "transaction.state.log.min.isr": "1",
        "share.coordinator.state.topic.replication.factor": "1",
        "share.coordinator.state.topic.min.isr": "1",
        "group.initial.rebalance.delay.ms": "0",
        # On restart the controller keeps the previous incarnation's registration until its session expires,
        # and the broker cannot register before that: a short session makes restarts fast (default 9 s).
        "broker.session.timeout.ms": "3000",
        "broker.heartbeat.interval.ms": "500",
    }
    return "".join(f"{name}={value}\n" for name, value in settings.items())


def write_config(layout: BrokerLayout, *, port: int, controller_port: int) -> None:
    layout.log_dirs.mkdir(parents=True, exist_ok=True)
    text = server_properties(port=port, controller_port=controller_port, log_dirs=layout.log_dirs)
    layout.properties.write_text(text)


def format_storage(layout: BrokerLayout, lib: Path) -> None:
    """Formats the log dir with a fresh cluster id; a dir formatted before keeps its id and its data."""
    if layout.is_formatted:
        return
    command = java_command(lib, "kafka.tools.StorageTool", "format", "-t", new_cluster_id())
    command += ["-c", str(layout.properties)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()[-4000:]
        raise KafkaLocalError(f"formatting Kafka storage in {layout.log_dirs} failed:\n{output}")


def new_cluster_id() -> str:
    """Kafka's cluster id format: 16 random bytes, URL-safe base64 without padding."""
    return base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
