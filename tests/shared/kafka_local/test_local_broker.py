"""The local Kafka broker: start, status, idempotent restart, clean stop, and clear errors when it cannot start."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from chorus_shared.kafka_local import KafkaLocalError, broker_status, start_broker, stop_broker
from chorus_shared.kafka_local.probe import broker_count
from chorus_shared.testing.kafka import free_ports

pytestmark = pytest.mark.kafka


@pytest.fixture
def ports() -> tuple[int, int]:
    port, controller = free_ports(2)
    return port, controller


@pytest.fixture
def data_dir(tmp_path: Path, ports: tuple[int, int]) -> Iterator[Path]:
    yield tmp_path
    stop_broker(ports[0], data_dir=tmp_path, timeout=5)  # whatever a failing test left running


def test_a_started_broker_answers_reports_running_and_stops(data_dir: Path, ports: tuple[int, int]) -> None:
    port, controller = ports
    broker = start_broker(port, controller_port=controller, data_dir=data_dir)

    assert broker.bootstrap == f"127.0.0.1:{port}"
    assert broker_count("127.0.0.1", port) == 1
    status = broker_status(port, data_dir=data_dir)
    assert (status.running, status.ready, status.pid) == (True, True, broker.pid)
    assert start_broker(port, controller_port=controller, data_dir=data_dir).pid == broker.pid, "started twice"

    assert stop_broker(port, data_dir=data_dir) is True
    assert broker_status(port, data_dir=data_dir).running is False
    assert stop_broker(port, data_dir=data_dir) is False
    with pytest.raises(ConnectionRefusedError):
        broker_count("127.0.0.1", port, timeout=1.0)


def test_a_taken_port_is_reported_before_anything_starts(data_dir: Path, ports: tuple[int, int]) -> None:
    port, controller = ports
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", port))
        squatter.listen()
        with pytest.raises(KafkaLocalError, match=f"127.0.0.1:{port} is already in use"):
            start_broker(port, controller_port=controller, data_dir=data_dir)
    assert broker_status(port, data_dir=data_dir).running is False


def test_a_broker_that_dies_at_start_up_shows_its_log(data_dir: Path, ports: tuple[int, int]) -> None:
    port, controller = ports
    # Storage that claims to be formatted but is not: Kafka refuses to start and says why in its log.
    (data_dir / "logs").mkdir()
    (data_dir / "logs" / "meta.properties").write_text("version=1\nnode.id=99\ncluster.id=x\n")

    with pytest.raises(KafkaLocalError, match="exited during start-up") as failure:
        start_broker(port, controller_port=controller, data_dir=data_dir, timeout=60)

    assert "log tail" in str(failure.value)
    assert "node.id" in str(failure.value) or "meta.properties" in str(failure.value)
