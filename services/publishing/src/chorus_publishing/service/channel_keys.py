"""The token key ring from settings, refusing the dev key in production."""

from __future__ import annotations

from functools import lru_cache

from chorus_publishing.adapters.token_cipher import KeyRing, TokenCipher, TokenKeyError
from chorus_publishing.settings import DEV_TOKEN_KEYS, PublishingSettings


def key_ring(settings: PublishingSettings) -> KeyRing:
    text = settings.token_keys.get_secret_value()
    ring = KeyRing.parse(text)
    if settings.is_production and ring.find(KeyRing.parse(DEV_TOKEN_KEYS).current.key_id) is not None:
        raise TokenKeyError("set CHORUS_PUBLISHING_TOKEN_KEYS: the dev-only token key is refused in production")
    return ring


@lru_cache(maxsize=1)
def default_key_ring() -> KeyRing:
    """The ring of this process's settings, for callers that hold no settings (the dispatcher)."""
    return key_ring(PublishingSettings())


def cipher(ring: KeyRing) -> TokenCipher:
    return TokenCipher(ring)
