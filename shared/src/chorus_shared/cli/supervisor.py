"""Starts the service processes, watches them, and stops them all together."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO


@dataclass
class Child:
    label: str
    process: subprocess.Popen[bytes]
    log_path: Path
    log: IO[bytes]

    def log_tail(self, lines: int = 25) -> str:
        if not self.log.closed:
            self.log.flush()
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])


class StartupFailed(RuntimeError):
    """A service did not come up; the message names it and shows the end of its log."""


@dataclass
class Supervisor:
    log_dir: Path
    env: dict[str, str]
    children: list[Child] = field(default_factory=list)

    def spawn(self, label: str, *args: str) -> Child:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log_path = self.log_dir / f"{label}.log"
        log = log_path.open("ab")
        process = subprocess.Popen([sys.executable, *args], env=self.env, stdout=log, stderr=subprocess.STDOUT)
        child = Child(label, process, log_path, log)
        self.children.append(child)
        return child

    def run_to_completion(self, label: str, *args: str, timeout: float = 120) -> None:
        child = self.spawn(label, *args)
        self.children.remove(child)
        try:
            code = child.process.wait(timeout)
        finally:
            child.log.close()
        if code != 0:
            raise StartupFailed(f"{label} failed (exit {code}):\n{child.log_tail()}")

    def wait_ready(self, child: Child, url: str, *, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if child.process.poll() is not None:
                raise StartupFailed(f"{child.label} exited with {child.process.returncode}:\n{child.log_tail()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise StartupFailed(f"{child.label} was not ready at {url} after {timeout:.0f} s:\n{child.log_tail()}")

    def first_exited(self) -> Child | None:
        return next((c for c in self.children if c.process.poll() is not None), None)

    def stop_all(self, *, timeout: float = 15) -> None:
        for child in self.children:
            if child.process.poll() is None:
                child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for child in self.children:
            try:
                child.process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.process.kill()
                child.process.wait()
            child.log.close()
        self.children.clear()
