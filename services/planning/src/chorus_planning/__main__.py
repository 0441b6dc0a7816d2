"""`python -m chorus_planning api|worker|migrate`."""

from pathlib import Path

from chorus_planning.settings import PlanningSettings
from chorus_planning.worker import build_worker
from chorus_shared.runtime.entrypoint import ServiceSpec, main

SPEC = ServiceSpec(
    name="planning",
    settings=PlanningSettings,
    app_factory="chorus_planning.main:create_app",
    migrations=Path(__file__).parent / "migrations",
    worker=build_worker,
)

if __name__ == "__main__":
    main(SPEC)
