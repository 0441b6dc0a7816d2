"""Channels tests: publishing on a migrated database, with X's OAuth endpoints pointed at a local fake."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import chorus_publishing
from chorus_publishing.adapters.oauth.config import FacebookOAuth, InstagramOAuth, XOAuth
from chorus_publishing.main import create_app
from chorus_publishing.settings import PublishingSettings
from chorus_publishing.testing.channel_kit import CLIENT_ID, CLIENT_SECRET, KEY_A, REDIRECT, FakeOAuth
from chorus_publishing.testing.fake_networks.common import serve
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.messaging.embedded_schema import bootstrap_bus_schema
from chorus_shared.testing.http import TEST_INTERNAL_SECRET, app_client
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase


@pytest.fixture
async def fake_oauth() -> AsyncIterator[tuple[FakeOAuth, str]]:
    fake = FakeOAuth()
    async with serve(fake.app()) as base_url:
        yield fake, base_url


@pytest.fixture(scope="module")
def publishing_db(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("publishing", migrations=Path(chorus_publishing.__file__).parent / "migrations")


@pytest.fixture(scope="module")
def bus_url(service_database: MakeDatabase) -> str:
    bus = service_database("bus")
    bootstrap_bus_schema(bus.owner_url)
    return bus.app_url


@pytest.fixture
def settings(publishing_db: MigratedDatabase, bus_url: str, fake_oauth: tuple[FakeOAuth, str]) -> PublishingSettings:
    base = fake_oauth[1]
    return PublishingSettings(
        database_url=publishing_db.app_url,
        bus_database_url=bus_url,
        internal_token_secret=TEST_INTERNAL_SECRET,
        token_keys=KEY_A,
        oauth_redirect_url=REDIRECT,
        oauth_x=XOAuth(
            authorize_url="https://x.example/i/oauth2/authorize",
            token_url=f"{base}/2/oauth2/token",
            identity_url=f"{base}/2/users/me",
            client_id=CLIENT_ID,
            client_secret=SecretStr(CLIENT_SECRET),
        ),
        oauth_facebook=FacebookOAuth(**_meta(base)),
        oauth_instagram=InstagramOAuth(**_meta(base)),
    )


def _meta(base: str) -> dict[str, Any]:
    """Facebook and Instagram sign in against the same fake network, which also extends their sign-in to a long-lived
    one and lists the user's pages."""
    return {
        "authorize_url": "https://facebook.example/v21.0/dialog/oauth",
        "token_url": f"{base}/v21.0/oauth/access_token",
        "identity_url": f"{base}/2/users/me",
        "identity_id_field": "data.id",
        "identity_name_field": "data.name",
        "accounts_url": f"{base}/v21.0/me/accounts",
        "client_id": CLIENT_ID,
        "client_secret": SecretStr(CLIENT_SECRET),
        "basic_auth": True,
    }


@pytest.fixture
async def client(settings: PublishingSettings) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(create_app(settings)) as http:
        yield http


@pytest.fixture
async def sessions(publishing_db: MigratedDatabase) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = make_engine(publishing_db.app_url)
    yield make_sessions(engine)
    await engine.dispose()
