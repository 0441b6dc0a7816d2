"""Where a local Chorus keeps its state (`.chorus/` by default): data, secrets, logs, and the running ports."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from chorus_shared.db.provision import ServiceDatabase


def default_data_dir() -> Path:
    return Path(os.environ.get("CHORUS_DATA_DIR", ".chorus")).resolve()


@dataclass(frozen=True)
class LocalSecrets:
    """Generated once per data directory so a restart keeps working with the same database passwords."""

    database: str
    internal_token: str
    user_token: str

    @classmethod
    def load_or_create(cls, data_dir: Path) -> LocalSecrets:
        path = data_dir / "secrets.json"
        if path.exists():
            return cls(**json.loads(path.read_text()))
        data_dir.mkdir(parents=True, exist_ok=True)
        made = cls(secrets.token_hex(12), secrets.token_urlsafe(48), secrets.token_urlsafe(48))
        path.write_text(json.dumps(asdict(made)))
        path.chmod(0o600)
        return made


@dataclass(frozen=True)
class RunningChorus:
    """Written by `chorus up` so that other commands (`admin create-agency`) find the database and ports."""

    host: str
    pg_port: int
    port_base: int
    kafka_bootstrap: str

    @classmethod
    def read(cls, data_dir: Path) -> RunningChorus:
        path = data_dir / "running.json"
        if not path.exists():
            raise FileNotFoundError(f"no Chorus has run from {data_dir}: start it with `chorus up` first")
        return cls(**json.loads(path.read_text()))

    def write(self, data_dir: Path) -> None:
        (data_dir / "running.json").write_text(json.dumps(asdict(self)))

    def database(self, service: str, secrets_: LocalSecrets) -> ServiceDatabase:
        return ServiceDatabase.for_service(service, secret=secrets_.database)
