"""Planning service settings (`CHORUS_PLANNING_*`)."""

from pydantic_settings import SettingsConfigDict

from chorus_shared.settings import ChorusSettings


class PlanningSettings(ChorusSettings):
    model_config = SettingsConfigDict(env_prefix="CHORUS_PLANNING_", extra="ignore", populate_by_name=True)

    service_name: str = "planning"
    port: int = 8001
    database_url: str = "postgresql+asyncpg://chorus_planning_app:chorus@127.0.0.1:55432/chorus_planning"
