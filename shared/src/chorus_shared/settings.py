"""Settings base: every service has one pydantic-settings class with its own `CHORUS_<SERVICE>_` prefix."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class ChorusSettings(BaseSettings):
    """What every Chorus process needs to know; a service subclasses it with its own prefix.

    Values shared by the whole deployment (environment, bus, internal token key) are read with the
    plain `CHORUS_` prefix through `validation_alias`, so one variable configures every service.
    """

    model_config = SettingsConfigDict(env_prefix="CHORUS_", extra="ignore", populate_by_name=True)

    service_name: str = "chorus"
    env: Literal["dev", "test", "production"] = Field(default="dev", validation_alias="CHORUS_ENV")
    # Database of this service; the runtime role, which owns nothing and cannot bypass RLS.
    database_url: str = "postgresql+asyncpg://chorus_app:chorus_app@127.0.0.1:5432/chorus"
    # Migration role: owns the tables. Only `migrate` uses it.
    migration_database_url: str | None = None
    # Kafka bootstrap servers; empty means the embedded PostgreSQL bus.
    kafka_bootstrap: str = Field(default="", validation_alias="CHORUS_KAFKA_BOOTSTRAP")
    bus_database_url: str = Field(
        default="postgresql+asyncpg://chorus_bus:chorus_bus@127.0.0.1:5432/chorus_bus",
        validation_alias="CHORUS_BUS_DATABASE_URL",
    )
    internal_token_secret: SecretStr = Field(
        default=SecretStr("dev-only-internal-secret-change-me-0123456789"),
        validation_alias="CHORUS_INTERNAL_TOKEN_SECRET",
    )
    log_level: str = Field(default="INFO", validation_alias="CHORUS_LOG_LEVEL")
    host: str = "127.0.0.1"
    port: int = 8000

    @property
    def is_production(self) -> bool:
        return self.env == "production"
