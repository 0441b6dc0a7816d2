"""Service workers run on uvloop with the collector tuned for many short-lived objects, as the entrypoint sets up."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

# A service whose worker reports how it is run; in a process of its own, as `python -m chorus_<svc> worker` is.
PROBE = textwrap.dedent(
    """
    import asyncio, gc, json, sys
    from pathlib import Path
    from chorus_shared.runtime.entrypoint import ServiceSpec, main
    from chorus_shared.settings import ChorusSettings

    async def worker(stop: asyncio.Event) -> None:
        loop = type(asyncio.get_running_loop())
        report = {"loop": f"{loop.__module__}.{loop.__name__}", "thresholds": gc.get_threshold(),
                  "frozen": gc.get_freeze_count()}
        print(json.dumps(report), file=sys.stdout, flush=True)

    main(ServiceSpec("probe", ChorusSettings, "probe:app", Path("."), worker=lambda: worker), ["worker"])
    """
)


def test_a_service_worker_runs_on_uvloop_with_rare_young_collections_and_frozen_start_up_objects() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])

    assert report["loop"] == "uvloop.Loop"
    assert report["thresholds"] == [100_000, 50, 10]
    assert report["frozen"] > 1000  # modules, settings, the service's set-up: never walked by a collection again
