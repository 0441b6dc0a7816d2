"""PKCE (RFC 7636): a random code verifier and its S256 challenge, and the opaque `state`."""

from __future__ import annotations

import base64
import hashlib
import secrets

VERIFIER_BYTES = 32  # 43 base64url characters, RFC 7636's recommendation


def new_verifier() -> str:
    return _b64url(secrets.token_bytes(VERIFIER_BYTES))


def s256_challenge(verifier: str) -> str:
    """BASE64URL(SHA256(ASCII(code_verifier))), without padding."""
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


def new_state() -> str:
    return secrets.token_urlsafe(32)


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
