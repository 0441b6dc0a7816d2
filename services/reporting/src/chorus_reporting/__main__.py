"""`python -m chorus_reporting api|worker|migrate`."""

from pathlib import Path

from chorus_reporting.settings import ReportingSettings
from chorus_reporting.worker import build_worker
from chorus_shared.runtime.entrypoint import ServiceSpec, main

SPEC = ServiceSpec(
    name="reporting",
    settings=ReportingSettings,
    app_factory="chorus_reporting.main:create_app",
    migrations=Path(__file__).parent / "migrations",
    worker=build_worker,
)

if __name__ == "__main__":
    main(SPEC)
