"""`chorus up` as a user runs it: real processes, GraphQL over HTTP, Ctrl-C, and a restart that keeps the data."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from chorus_shared.db.cluster import free_port

CHORUS = [sys.executable, "-m", "chorus_shared.cli"]
PASSWORD = "correct-horse-battery-staple"


class RunningChorus:
    def __init__(self, data_dir: Path, port_base: int, pg_port: int) -> None:
        self.data_dir, self.port_base, self.pg_port = data_dir, port_base, pg_port
        self.graphql = f"http://127.0.0.1:{port_base}/graphql"
        self.output = data_dir.parent / f"up-{time.monotonic_ns()}.log"
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        command = [*CHORUS, "up", "--data-dir", str(data_dir), "--port-base", str(port_base)]
        self.process = subprocess.Popen(
            [*command, "--pg-port", str(pg_port)],
            stdout=subprocess.PIPE,
            stderr=self.output.open("wb"),
            text=True,
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 180) -> None:
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        for line in self.process.stdout:
            if line.startswith("CHORUS READY"):
                return
            if time.monotonic() > deadline:
                break
        self.process.kill()
        raise AssertionError(f"chorus up never got ready:\n{self.output.read_text()[-3000:]}")

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=60)


def _free_port_block(size: int) -> int:
    for _ in range(50):
        base = free_port()
        if base + size < 65000 and all(_port_free(base + offset) for offset in range(size)):
            return base
    raise RuntimeError("no block of free ports")


def _port_free(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture
def layout() -> Iterator[tuple[Path, int, int]]:
    # Not pytest's tmp_path: the PostgreSQL server runs as another user and must reach its data directory.
    with tempfile.TemporaryDirectory(prefix="chorus-up-") as tmp:
        yield Path(tmp) / "chorus-data", _free_port_block(5), free_port()


def _graphql(url: str, key: str, query: str) -> dict[str, Any]:
    response = httpx.post(url, json={"query": query}, headers={"Authorization": f"Bearer {key}"}, timeout=30)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body["data"]  # type: ignore[no-any-return]


def _create_agency(data_dir: Path) -> str:
    result = subprocess.run(
        [*CHORUS, "admin", "create-agency", "--name", "Agence Lumière", "--owner-email", "owner@lumiere.example"],
        env={**os.environ, "CHORUS_DATA_DIR": str(data_dir)},
        input=f"{PASSWORD}\n{PASSWORD}\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # stdout also carries the password prompt; the key is the one `chorus_...` token.
    keys = re.findall(r"chorus_[A-Za-z0-9_-]+", result.stdout)
    assert len(keys) == 1, result.stdout
    return str(keys[0])


BRANDS = "{ brands(first: 10) { edges { node { id name knownToPublishing { name syncedAt } } } } }"


def test_up_serves_graphql_carries_the_brand_to_publishing_and_keeps_data_across_restarts(
    layout: tuple[Path, int, int],
) -> None:
    data_dir, port_base, pg_port = layout
    chorus = RunningChorus(data_dir, port_base, pg_port)
    try:
        key = _create_agency(data_dir)
        assert key.startswith("chorus_")
        created = _graphql(
            chorus.graphql,
            key,
            'mutation { createBrand(input: {name: "Maison Lumière", timezone: "Europe/Paris", languages: ["fr"]})'
            " { __typename ... on Brand { id } } }",
        )
        assert created["createBrand"]["__typename"] == "Brand"
        node: dict[str, Any] = {}
        for _ in range(100):
            node = _graphql(chorus.graphql, key, BRANDS)["brands"]["edges"][0]["node"]
            if node["knownToPublishing"] is not None:
                break
            time.sleep(0.2)
        assert node["knownToPublishing"]["name"] == "Maison Lumière", node
        refused = httpx.post(chorus.graphql, json={"query": BRANDS}, headers={"Authorization": "Bearer chorus_x_y"})
        assert refused.status_code == 401
    finally:
        assert chorus.stop() == 0

    again = RunningChorus(data_dir, port_base, pg_port)
    try:
        node = _graphql(again.graphql, key, BRANDS)["brands"]["edges"][0]["node"]
        assert (node["name"], node["knownToPublishing"]["name"]) == ("Maison Lumière", "Maison Lumière")
    finally:
        assert again.stop() == 0
