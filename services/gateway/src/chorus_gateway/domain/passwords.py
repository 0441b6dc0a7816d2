"""Password hashing with argon2id (argon2-cffi defaults, which follow RFC 9106's recommendations)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verified against when the email is unknown, so a wrong email costs as much time as a wrong password.
_DECOY_HASH = _hasher.hash("decoy password that nobody has")


def hash_password(password: str) -> str:
    return str(_hasher.hash(password))


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return bool(_hasher.verify(password_hash or _DECOY_HASH, password)) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
