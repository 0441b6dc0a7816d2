"""Tokens at rest: AES-GCM round trip, a fresh nonce each time, bound to tenant, channel and purpose, key rotation."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest

from chorus_publishing.adapters.token_cipher import KeyRing, TokenCipher, TokenDecryptionFailed, TokenKeyError

KEY_A = "key-a:" + base64.b64encode(b"A" * 32).decode()
KEY_B = "key-b:" + base64.b64encode(b"B" * 32).decode()
TENANT, CHANNEL = uuid.uuid4(), uuid.uuid4()
TOKEN = "ya29.secret-access-token"
HERE: dict[str, Any] = {"tenant_id": TENANT, "channel_id": CHANNEL, "purpose": "access"}


def test_a_token_round_trips_and_never_appears_in_its_ciphertext() -> None:
    cipher = TokenCipher(KeyRing.parse(KEY_A))
    sealed = cipher.encrypt(TOKEN, **HERE)
    assert sealed.startswith("key-a:")
    assert TOKEN not in sealed
    assert cipher.decrypt(sealed, **HERE) == TOKEN


def test_each_encryption_uses_a_fresh_nonce() -> None:
    cipher = TokenCipher(KeyRing.parse(KEY_A))
    first, second = cipher.encrypt(TOKEN, **HERE), cipher.encrypt(TOKEN, **HERE)
    raw = [base64.urlsafe_b64decode(s.partition(":")[2]) for s in (first, second)]
    assert raw[0][:12] != raw[1][:12]
    assert first != second


@pytest.mark.parametrize(
    "elsewhere",
    [
        {"tenant_id": uuid.uuid4(), "channel_id": CHANNEL, "purpose": "access"},
        {"tenant_id": TENANT, "channel_id": uuid.uuid4(), "purpose": "access"},
        {"tenant_id": TENANT, "channel_id": CHANNEL, "purpose": "refresh"},
    ],
    ids=["other tenant", "other channel", "other column"],
)
def test_a_ciphertext_moved_to_another_row_or_column_fails(elsewhere: dict[str, Any]) -> None:
    cipher = TokenCipher(KeyRing.parse(KEY_A))
    sealed = cipher.encrypt(TOKEN, **HERE)
    with pytest.raises(TokenDecryptionFailed) as failed:
        cipher.decrypt(sealed, **elsewhere)
    assert TOKEN not in str(failed.value)


def test_a_tampered_ciphertext_or_an_unknown_key_fails() -> None:
    cipher = TokenCipher(KeyRing.parse(KEY_A))
    sealed = cipher.encrypt(TOKEN, **HERE)
    flipped = sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1]
    with pytest.raises(TokenDecryptionFailed):
        cipher.decrypt(flipped, **HERE)
    with pytest.raises(TokenDecryptionFailed, match="key-a"):
        TokenCipher(KeyRing.parse(KEY_B)).decrypt(sealed, **HERE)


def test_rotation_reads_old_tokens_and_reseals_them_under_the_new_key() -> None:
    old = TokenCipher(KeyRing.parse(KEY_A)).encrypt(TOKEN, **HERE)
    rotated = TokenCipher(KeyRing.parse(f"{KEY_B},{KEY_A}"))
    assert rotated.decrypt(old, **HERE) == TOKEN
    assert not rotated.is_current(old)
    resealed = rotated.reencrypt(old, **HERE)
    assert resealed.startswith("key-b:")
    assert rotated.is_current(resealed)
    assert TokenCipher(KeyRing.parse(KEY_B)).decrypt(resealed, **HERE) == TOKEN
    assert rotated.reencrypt(resealed, **HERE) == resealed


@pytest.mark.parametrize(
    "keys",
    [
        "",
        "no-separator",
        "k1:not base64!",
        "k1:" + base64.b64encode(b"short").decode(),
        f"{KEY_A},{KEY_A}",
        "bad id:" + base64.b64encode(b"A" * 32).decode(),
    ],
)
def test_a_misconfigured_key_ring_is_refused_without_showing_key_material(keys: str) -> None:
    with pytest.raises(TokenKeyError) as refused:
        KeyRing.parse(keys)
    assert base64.b64encode(b"A" * 32).decode() not in str(refused.value)
    assert "not base64!" not in str(refused.value)
