"""The command line every service module shares: `api` (HTTP), `worker` (relay + consumers), `migrate`."""

from __future__ import annotations

import argparse
import asyncio
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from chorus_shared.db.migrate import run_migrations
from chorus_shared.observability.logging import configure_logging
from chorus_shared.runtime import event_loop, gc_tuning
from chorus_shared.settings import ChorusSettings

Worker = Callable[[asyncio.Event], Awaitable[None]]


@dataclass(frozen=True)
class ServiceSpec:
    """What the shared entrypoint needs to know about a service, without importing it."""

    name: str
    settings: Callable[[], ChorusSettings]
    app_factory: str  # "chorus_planning.main:create_app"
    migrations: Path
    worker: Callable[[], Worker] | None = None


def main(spec: ServiceSpec, argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog=f"python -m chorus_{spec.name}")
    sub = parser.add_subparsers(dest="command", required=True)
    api = sub.add_parser("api", help="serve the REST API")
    api.add_argument("--host")
    api.add_argument("--port", type=int)
    sub.add_parser("worker", help="run the outbox relay and the event consumers")
    sub.add_parser("migrate", help="apply database migrations (as the migration role)")
    args = parser.parse_args(argv)
    settings = spec.settings()
    configure_logging(spec.name, settings.log_level)
    if args.command == "migrate":
        run_migrations(spec.migrations, settings.migration_database_url or settings.database_url)
    elif args.command == "api":
        uvicorn.run(
            spec.app_factory,
            factory=True,
            host=args.host or settings.host,
            port=args.port or settings.port,
            log_config=None,
            access_log=False,
        )
    else:
        if spec.worker is None:
            parser.error(f"the {spec.name} service has no worker")
        worker = spec.worker()
        gc_tuning.tune_for_worker()
        event_loop.run(_run_until_signalled(worker))


async def _run_until_signalled(worker: Worker) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await worker(stop)
