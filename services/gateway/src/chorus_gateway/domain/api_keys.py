"""API key format `chorus_<prefix>_<secret>`: the prefix is public and indexed, only the secret's hash is kept."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

KEY_PREFIX = "chorus_"
_FORMAT = re.compile(r"^chorus_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$")


@dataclass(frozen=True)
class IssuedApiKey:
    """A new key: `plaintext` is shown once to its creator and never stored."""

    prefix: str
    secret_hash: str
    plaintext: str


@dataclass(frozen=True)
class PresentedApiKey:
    prefix: str
    secret: str


def issue_api_key() -> IssuedApiKey:
    prefix = "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(12))
    secret = secrets.token_urlsafe(32)
    return IssuedApiKey(prefix=prefix, secret_hash=hash_secret(secret), plaintext=f"{KEY_PREFIX}{prefix}_{secret}")


def hash_secret(secret: str) -> str:
    # The secret carries 256 random bits: a fast hash is enough, a slow one would only tax every request.
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_api_key(value: str) -> PresentedApiKey | None:
    match = _FORMAT.match(value)
    return None if match is None else PresentedApiKey(prefix=match.group(1), secret=match.group(2))


def looks_like_api_key(value: str) -> bool:
    return value.startswith(KEY_PREFIX)


def secret_matches(presented: PresentedApiKey, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_secret(presented.secret), stored_hash)
