"""Publishing service settings (`CHORUS_PUBLISHING_*`)."""

from pydantic_settings import SettingsConfigDict

from chorus_shared.settings import ChorusSettings


class PublishingSettings(ChorusSettings):
    model_config = SettingsConfigDict(env_prefix="CHORUS_PUBLISHING_", extra="ignore", populate_by_name=True)

    service_name: str = "publishing"
    port: int = 8102
    database_url: str = "postgresql+asyncpg://chorus_publishing_app:chorus@127.0.0.1:55432/chorus_publishing"
