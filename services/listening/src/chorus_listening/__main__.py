"""`python -m chorus_listening api|worker|migrate`."""

from pathlib import Path

from chorus_listening.settings import ListeningSettings
from chorus_listening.worker import build_worker
from chorus_shared.runtime.entrypoint import ServiceSpec, main

SPEC = ServiceSpec(
    name="listening",
    settings=ListeningSettings,
    app_factory="chorus_listening.main:create_app",
    migrations=Path(__file__).parent / "migrations",
    worker=build_worker,
)

if __name__ == "__main__":
    main(SPEC)
