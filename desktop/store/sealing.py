"""Field-level AES-256-GCM for personal data at rest, with its key in the OS keyring.

Each value is sealed with a fresh 96-bit nonce and bound to where it belongs (the row's id and the field's name
as associated data), so a sealed value copied into another row does not open. The key never sits beside the data:
a copy of the data folder alone opens nothing. Without a keyring the key lives in this process only (the
SecretStore's memory fallback): what was sealed cannot be opened after a restart, and each store says so.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.secrets import SecretStore

KEY_PROFILE = "local"  # the keyring "profile" of keys that belong to this install, not to a server
NONCE_BYTES = 12

__all__ = ["KEY_PROFILE", "InvalidTag", "Sealer", "data_key"]


class Sealer:
    """Seals and opens values under one key; thread-safe (AESGCM keeps no state between calls)."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def seal(self, row_id: str, part: str, plain: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plain, f"{row_id}:{part}".encode())

    def open(self, row_id: str, part: str, sealed: bytes) -> bytes:
        """The clear bytes; raises :class:`InvalidTag` for another key, another row or a changed byte."""
        return self._aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], f"{row_id}:{part}".encode())


def data_key(secrets: SecretStore, name: str) -> bytes:
    """The install's key called ``name``: read from the keyring, or made and stored there on first use.

    Blocks on the keyring (an unlock prompt), so it runs in a worker.
    """
    stored = secrets.get(KEY_PROFILE, name)
    if stored is not None:
        return base64.b64decode(stored)
    key = AESGCM.generate_key(bit_length=256)
    secrets.set(KEY_PROFILE, name, base64.b64encode(key).decode())
    return key
