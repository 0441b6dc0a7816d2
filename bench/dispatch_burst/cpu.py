"""CPU time and peak memory of the benchmark's processes, read from /proc: where the two cores went during a run."""

from __future__ import annotations

import os
from pathlib import Path

TICK_S = 1 / os.sysconf("SC_CLK_TCK")


def process_cpu_s(pid: int) -> float:
    """User + system time of one live process (0 if it is gone)."""
    fields = _stat(pid)
    return (fields[11] + fields[12]) * TICK_S if fields else 0.0


def tree_cpu_s(pid: int) -> float:
    """A process and its children, live or reaped: PostgreSQL's postmaster with every backend it started."""
    total = 0.0
    for child in [pid, *_children(pid)]:
        fields = _stat(child)
        if fields:
            total += sum(fields[11:15]) * TICK_S  # utime, stime, and the reaped children's cutime, cstime
    return total


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields and fields[1] == pid:
                found.append(int(entry.name))
    return found


def _stat(pid: int) -> list[int] | None:
    """/proc/<pid>/stat's numeric fields after the command name, indexed from `state` = 0 (ppid = 1, utime = 11)."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    rest = raw[raw.rindex(")") + 2 :].split()
    return [0 if not value.lstrip("-").isdigit() else int(value) for value in rest]


def peak_memory_mb(pid: int) -> float:
    """The most resident memory a live process has had (VmHWM), in MB; 0 if it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0
