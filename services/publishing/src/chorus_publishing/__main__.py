"""`python -m chorus_publishing api|worker|migrate`."""

from pathlib import Path

from chorus_publishing.settings import PublishingSettings
from chorus_publishing.worker import build_worker
from chorus_shared.runtime.entrypoint import ServiceSpec, main

SPEC = ServiceSpec(
    name="publishing",
    settings=PublishingSettings,
    app_factory="chorus_publishing.main:create_app",
    migrations=Path(__file__).parent / "migrations",
    worker=build_worker,
)

if __name__ == "__main__":
    main(SPEC)
