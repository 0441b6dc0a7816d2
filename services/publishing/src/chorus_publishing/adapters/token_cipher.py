"""Channel tokens encrypted at rest: AES-GCM, a fresh 96-bit nonce each time, bound to tenant, channel and purpose.

A ciphertext reads `<key id>:<base64url(nonce || ciphertext+tag)>`: the key id lets any key of the ring decrypt it,
so keys rotate without downtime (new writes use the first key; `reencrypt` moves old rows to it). The associated
data names tenant, channel and purpose: a ciphertext copied into another row or column fails to decrypt.
"""

from __future__ import annotations

import base64
import binascii
import os
import uuid
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12
KEY_BYTES = 32
_SEPARATOR = ":"


class TokenKeyError(ValueError):
    """The key ring is misconfigured. The message never contains key material."""


class TokenDecryptionFailed(Exception):
    """The ciphertext is unknown to the ring, damaged, or belongs to another row. It says which key id, nothing else."""


@dataclass(frozen=True)
class TokenKey:
    key_id: str
    secret: bytes = field(repr=False)


@dataclass(frozen=True)
class KeyRing:
    """Ordered keys: the first encrypts, any of them decrypts."""

    keys: tuple[TokenKey, ...]

    def __post_init__(self) -> None:
        if not self.keys:
            raise TokenKeyError("the token key ring is empty")
        ids = [key.key_id for key in self.keys]
        if len(set(ids)) != len(ids):
            raise TokenKeyError("token key ids must be unique")

    @classmethod
    def parse(cls, text: str) -> KeyRing:
        """`id:base64key,id:base64key`, newest first (CHORUS_PUBLISHING_TOKEN_KEYS)."""
        keys = []
        for number, entry in enumerate(part.strip() for part in text.split(",") if part.strip()):
            key_id, _, encoded = entry.partition(_SEPARATOR)
            if not key_id or not encoded or not key_id.replace("-", "").replace("_", "").isalnum():
                raise TokenKeyError(f"token key #{number + 1} must read id:base64key (id of letters, digits, - or _)")
            try:
                secret = base64.b64decode(encoded, validate=True)
            except binascii.Error:
                raise TokenKeyError(f"token key {key_id!r} is not valid base64") from None
            if len(secret) != KEY_BYTES:
                raise TokenKeyError(f"token key {key_id!r} must be {KEY_BYTES} bytes")
            keys.append(TokenKey(key_id, secret))
        return cls(tuple(keys))

    @property
    def current(self) -> TokenKey:
        return self.keys[0]

    def find(self, key_id: str) -> TokenKey | None:
        return next((key for key in self.keys if key.key_id == key_id), None)


def associated_data(tenant_id: uuid.UUID, channel_id: uuid.UUID, purpose: str) -> bytes:
    return f"chorus.publishing.channel-token|{tenant_id}|{channel_id}|{purpose}".encode()


class TokenCipher:
    def __init__(self, ring: KeyRing) -> None:
        self._ring = ring

    def encrypt(self, plaintext: str, *, tenant_id: uuid.UUID, channel_id: uuid.UUID, purpose: str) -> str:
        key = self._ring.current
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(key.secret).encrypt(nonce, plaintext.encode(), associated_data(tenant_id, channel_id, purpose))
        return key.key_id + _SEPARATOR + base64.urlsafe_b64encode(nonce + sealed).decode()

    def decrypt(self, ciphertext: str, *, tenant_id: uuid.UUID, channel_id: uuid.UUID, purpose: str) -> str:
        key_id, _, encoded = ciphertext.partition(_SEPARATOR)
        key = self._ring.find(key_id)
        if key is None:
            raise TokenDecryptionFailed(f"no key {key_id!r} in the token key ring")
        try:
            raw = base64.urlsafe_b64decode(encoded)
            aad = associated_data(tenant_id, channel_id, purpose)
            plain = AESGCM(key.secret).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad)
        except (InvalidTag, ValueError, binascii.Error):
            raise TokenDecryptionFailed(f"a token under key {key_id!r} failed to decrypt for this channel") from None
        return plain.decode()

    def is_current(self, ciphertext: str) -> bool:
        return ciphertext.partition(_SEPARATOR)[0] == self._ring.current.key_id

    def reencrypt(self, ciphertext: str, *, tenant_id: uuid.UUID, channel_id: uuid.UUID, purpose: str) -> str:
        """The same token under the current key (unchanged if it already is)."""
        if self.is_current(ciphertext):
            return ciphertext
        plain = self.decrypt(ciphertext, tenant_id=tenant_id, channel_id=channel_id, purpose=purpose)
        return self.encrypt(plain, tenant_id=tenant_id, channel_id=channel_id, purpose=purpose)
