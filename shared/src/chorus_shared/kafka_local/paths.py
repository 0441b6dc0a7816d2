"""Where the local Kafka keeps its jars and its data: a cache outside the repository, overridable by env."""

from __future__ import annotations

import os
from pathlib import Path

KAFKA_VERSION = "4.0.1"
SCALA_VERSION = "2.13"
DEFAULT_PORT = 19092


def cache_root() -> Path:
    """`CHORUS_KAFKA_HOME` if set, else `~/.cache/chorus/kafka`."""
    override = os.environ.get("CHORUS_KAFKA_HOME")
    return Path(override) if override else Path.home() / ".cache" / "chorus" / "kafka"


def lib_dir(version: str = KAFKA_VERSION) -> Path:
    return cache_root() / version / "lib"


def default_data_dir(port: int) -> Path:
    """One data dir per port, so several local brokers (dev, tests) never share a log."""
    return Path.home() / ".cache" / "chorus" / "kafka-data" / str(port)
