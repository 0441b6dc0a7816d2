"""The environment each child process gets: its database URLs, port, the bus and the shared secrets."""

from __future__ import annotations

import os

from chorus_shared.cli.layout import LocalSecrets, RunningChorus
from chorus_shared.runtime.services import ALL, BUS_DATABASE, GATEWAY, SERVICES, ServiceProcessSpec


def base_environment(running: RunningChorus, secrets: LocalSecrets) -> dict[str, str]:
    bus = running.database(BUS_DATABASE, secrets)
    env = dict(os.environ)
    env.setdefault("CHORUS_ENV", "dev")
    env["CHORUS_INTERNAL_TOKEN_SECRET"] = secrets.internal_token
    env["CHORUS_BUS_DATABASE_URL"] = bus.app_url(running.host, running.pg_port)
    env["CHORUS_KAFKA_BOOTSTRAP"] = running.kafka_bootstrap
    env["CHORUS_GATEWAY_USER_TOKEN_SECRET"] = secrets.user_token
    for spec in ALL:
        db = running.database(spec.name, secrets)
        env[f"{spec.env_prefix}DATABASE_URL"] = db.app_url(running.host, running.pg_port)
        env[f"{spec.env_prefix}MIGRATION_DATABASE_URL"] = db.owner_url(running.host, running.pg_port)
        env[f"{spec.env_prefix}PORT"] = str(running.port_base + spec.port_offset)
        env[f"{spec.env_prefix}HOST"] = running.host
    for spec in SERVICES:
        env[f"{GATEWAY.env_prefix}{spec.name.upper()}_URL"] = service_url(running, spec)
    return env


def service_url(running: RunningChorus, spec: ServiceProcessSpec) -> str:
    return f"http://{running.host}:{running.port_base + spec.port_offset}"
