"""Builds the `java` command line for Kafka's main classes with a modest heap."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from chorus_shared.kafka_local.errors import KafkaLocalError

_JVM_OPTIONS = [
    "-Xms256m",
    "-Xmx512m",
    "-XX:+UseG1GC",
    "-Djava.awt.headless=true",
    "-Dorg.slf4j.simpleLogger.showDateTime=true",
    "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
    "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn",
]


def java_executable() -> str:
    """`$JAVA_HOME/bin/java` when JAVA_HOME is set, else `java` from PATH (Java 17 or later)."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise KafkaLocalError("Java 17 or later is needed to run the local Kafka broker, and `java` is not on PATH")
    return found


def java_command(lib: Path, main_class: str, *args: str) -> list[str]:
    return [java_executable(), *_JVM_OPTIONS, "-cp", f"{lib}/*", main_class, *args]
