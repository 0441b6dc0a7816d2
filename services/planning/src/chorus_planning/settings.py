"""Planning service settings (`CHORUS_PLANNING_*`)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from chorus_shared.settings import ChorusSettings


class PlanningSettings(ChorusSettings):
    model_config = SettingsConfigDict(env_prefix="CHORUS_PLANNING_", extra="ignore", populate_by_name=True)

    service_name: str = "planning"
    port: int = 8001
    database_url: str = "postgresql+asyncpg://chorus_planning_app:chorus@127.0.0.1:55432/chorus_planning"
    # The worker's routine generator: how many local days ahead each active routine has its tasks, and how often.
    routine_horizon_days: int = Field(default=14, ge=1, le=90)
    routine_generation_interval_s: float = Field(default=3600.0, gt=0)
