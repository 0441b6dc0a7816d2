"""Reporting service settings (`CHORUS_REPORTING_*`)."""

from pydantic_settings import SettingsConfigDict

from chorus_shared.settings import ChorusSettings


class ReportingSettings(ChorusSettings):
    model_config = SettingsConfigDict(env_prefix="CHORUS_REPORTING_", extra="ignore", populate_by_name=True)

    service_name: str = "reporting"
    port: int = 8004
    database_url: str = "postgresql+asyncpg://chorus_reporting_app:chorus@127.0.0.1:55432/chorus_reporting"
