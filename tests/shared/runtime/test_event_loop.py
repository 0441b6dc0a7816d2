"""Long-running processes (service workers, dispatcher replicas) run on uvloop, as uvicorn already runs the APIs."""

from __future__ import annotations

import asyncio

import pytest
import uvloop

from chorus_shared.runtime import event_loop


async def _which_loop() -> type[asyncio.AbstractEventLoop]:
    await asyncio.sleep(0)
    return type(asyncio.get_running_loop())


def test_a_worker_runs_on_uvloop_and_gets_its_coroutines_result() -> None:
    assert event_loop.run(_which_loop()) is uvloop.Loop


def test_an_error_in_the_worker_comes_out_of_run() -> None:
    async def fails() -> None:
        raise LookupError("gone")

    with pytest.raises(LookupError, match="gone"):
        event_loop.run(fails())
