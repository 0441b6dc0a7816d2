"""Listening service settings (`CHORUS_LISTENING_*`)."""

from pydantic_settings import SettingsConfigDict

from chorus_shared.settings import ChorusSettings


class ListeningSettings(ChorusSettings):
    model_config = SettingsConfigDict(env_prefix="CHORUS_LISTENING_", extra="ignore", populate_by_name=True)

    service_name: str = "listening"
    port: int = 8003
    database_url: str = "postgresql+asyncpg://chorus_listening_app:chorus@127.0.0.1:55432/chorus_listening"
