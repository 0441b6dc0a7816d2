"""Gateway settings: `CHORUS_GATEWAY_*` variables, plus the deployment-wide ones from ChorusSettings."""

from __future__ import annotations

from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from chorus_shared.settings import ChorusSettings


class GatewaySettings(ChorusSettings):
    model_config = SettingsConfigDict(env_prefix="CHORUS_GATEWAY_", extra="ignore", populate_by_name=True)

    service_name: str = "gateway"
    database_url: str = "postgresql+asyncpg://chorus_gateway_app:chorus_gateway_app@127.0.0.1:5432/chorus_gateway"
    # Signs the JWTs users get at login (distinct from the internal token secret services share).
    user_token_secret: SecretStr = SecretStr("dev-only-user-token-secret-change-me-0123456789")
    user_token_hours: int = 12
    internal_token_seconds: int = 60
    planning_url: str = "http://127.0.0.1:8001"
    publishing_url: str = "http://127.0.0.1:8002"
    listening_url: str = "http://127.0.0.1:8003"
    reporting_url: str = "http://127.0.0.1:8004"
    service_timeout_seconds: float = 5.0
    # GraphQL protection; see graphql/protections.py.
    max_query_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    max_query_cost: int = 5000

    def service_url(self, service: str) -> str:
        urls = {
            "planning": self.planning_url,
            "publishing": self.publishing_url,
            "listening": self.listening_url,
            "reporting": self.reporting_url,
        }
        if service not in urls:
            raise KeyError(f"unknown service {service!r}; known: {sorted(urls)}")
        return urls[service]
