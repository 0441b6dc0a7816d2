"""Fetches the Apache Kafka broker jars (and an slf4j binding) from Maven Central into the local cache, once."""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

from chorus_shared.kafka_local.errors import KafkaLocalError
from chorus_shared.kafka_local.paths import KAFKA_VERSION, SCALA_VERSION, lib_dir

log = logging.getLogger(__name__)

# Kafka's jars depend on slf4j-api 1.7.36; a binding of the same line makes the broker log to its log file
# (a 2.x binding would be silently ignored by a 1.7 api).
SLF4J_VERSION = "1.7.36"
_COMPLETE_MARKER = ".complete"

_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.chorus.local</groupId>
  <artifactId>kafka-broker-jars</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_{scala}</artifactId>
      <version>{kafka}</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-simple</artifactId>
      <version>{slf4j}</version>
    </dependency>
  </dependencies>
</project>
"""


def ensure_jars(version: str = KAFKA_VERSION) -> Path:
    """The directory holding every jar the broker needs, fetched with Maven if not cached yet."""
    target = lib_dir(version)
    if (target / _COMPLETE_MARKER).exists():
        return target
    mvn = shutil.which("mvn")
    if mvn is None:
        raise KafkaLocalError("Maven (`mvn`) is needed once to fetch the Kafka jars, and it is not on PATH")
    work = target.parent
    work.mkdir(parents=True, exist_ok=True)
    (work / "pom.xml").write_text(_POM.format(scala=SCALA_VERSION, kafka=version, slf4j=SLF4J_VERSION))
    log.info("fetching Kafka %s jars into %s", version, target)
    _run_maven(mvn, work, target)
    (target / _COMPLETE_MARKER).write_text(version)
    return target


def _run_maven(mvn: str, work: Path, target: Path) -> None:
    command = [
        mvn,
        "-B",
        "-q",
        "dependency:copy-dependencies",
        f"-DoutputDirectory={target}",
        "-DincludeScope=runtime",
    ]
    result = subprocess.run(command, cwd=work, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()[-4000:]
        raise KafkaLocalError(f"fetching the Kafka jars with Maven failed:\n{output}")
