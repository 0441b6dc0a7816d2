"""Finds, signals and reaps a detached broker JVM through its pid file, without touching any other process."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from chorus_shared.kafka_local.config import BrokerLayout


def running_pid(layout: BrokerLayout) -> int | None:
    """The pid of the broker started from this data dir, if it still runs (a stale pid file is ignored)."""
    try:
        pid = int(layout.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    if is_alive(pid) and _runs_this_broker(pid, layout):
        return pid
    return None


def is_alive(pid: int) -> bool:
    """True while the process runs; reaps it when it is our exited child so it does not linger as a zombie."""
    try:
        waited, _status = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            return False
    except ChildProcessError:
        pass  # not our child: the signal check below decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _is_zombie(pid)


def terminate(pid: int, *, timeout: float) -> None:
    """SIGTERM (Kafka shuts down cleanly and flushes its logs), then SIGKILL if it is still up after `timeout`."""
    _signal(pid, signal.SIGTERM)
    if _wait_gone(pid, timeout):
        return
    _signal(pid, signal.SIGKILL)
    _wait_gone(pid, 10.0)


def log_tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(errors="replace")
    except FileNotFoundError:
        return f"(no log at {path})"
    return "\n".join(text.splitlines()[-lines:])


def last_error(path: Path) -> str:
    """The last ERROR line of the log, so a one-line report (e.g. a pytest skip reason) says what went wrong."""
    try:
        lines = path.read_text(errors="replace").splitlines()
    except FileNotFoundError:
        return "no log written"
    for index in reversed(range(len(lines))):
        if " ERROR " in lines[index]:
            # Kafka logs "Exiting Kafka due to fatal exception" and puts the actual exception on the next line.
            return " / ".join(part.strip() for part in lines[index : index + 2])
    return "no ERROR line in the log"


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_alive(pid):
            return True
        time.sleep(0.1)
    return not is_alive(pid)


def _signal(pid: int, signum: signal.Signals) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


def _runs_this_broker(pid: int, layout: BrokerLayout) -> bool:
    """Guards against pid reuse: the process must be Kafka started with this data dir's properties."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return True  # no /proc (e.g. macOS): trust the pid file
    return "kafka.Kafka" in cmdline and str(layout.properties) in cmdline


def _is_zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    # The state letter follows the parenthesised command name, which may itself contain spaces.
    return stat.rpartition(")")[2].split()[0] == "Z"
