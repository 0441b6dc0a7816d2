"""A dispatcher replica in its own process, for the SIGKILL test: `python dispatch_worker_process.py DB_URL SANDBOX`."""

from __future__ import annotations

import asyncio
import sys

from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.domain.rate_limits import NetworkLimits
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.dispatcher import Dispatcher
from chorus_publishing.testing.dispatch_kit import SandboxChannels
from chorus_shared.db.engine import make_engine, make_sessions


async def main(database_url: str, sandbox_url: str) -> None:
    config = DispatchConfig(lease_s=2.0, poll_s=0.05, sweep_s=3600, limits={"sandbox": NetworkLimits(1000, 60.0)})
    dispatcher = Dispatcher(
        make_sessions(make_engine(database_url)),
        connectors={"sandbox": SandboxConnector(sandbox_url, timeout=120.0)},
        channels=SandboxChannels(),
        config=config,
        worker_id="doomed-worker",
    )
    await dispatcher.run(asyncio.Event())


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
