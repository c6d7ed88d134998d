"""Personal data sealed at rest with AES-256-GCM, field by field, under the server's key.

The key is read, in this order, from ``DEALER_DESK_SERVER_KEY`` (base64 of 32 bytes), from the file named by
``--key-file`` or ``DEALER_DESK_SERVER_KEY_FILE``, or from ``server.key`` in the data folder, created on first
start with mode 0600. A server is unattended, so there is no keyring prompt to answer; keep the key file on
another volume than the database (or in the service manager's credentials) so a copied database alone reveals
nothing. Each value is bound to its row and field (associated data), so a sealed SSN cannot be pasted into
another customer's row and still open.
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_ENV = "DEALER_DESK_SERVER_KEY"
KEY_FILE_ENV = "DEALER_DESK_SERVER_KEY_FILE"
KEY_FILE_NAME = "server.key"


class KeyProblem(Exception):
    """The configured key cannot be used; the message says where it came from, never the key."""


def _decode(text: str, origin: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise KeyProblem(f"The server key in {origin} is not base64.") from None
    if len(key) != 32:
        raise KeyProblem(f"The server key in {origin} must be 32 bytes (base64 of 32 random bytes).")
    return key


def load_key(data_dir: Path, key_file: Path | None = None) -> bytes:
    """The server's sealing key (see the module docstring for where it is looked for)."""
    from_env = os.environ.get(KEY_ENV)
    if from_env:
        return _decode(from_env, f"${KEY_ENV}")
    named = key_file or (Path(os.environ[KEY_FILE_ENV]) if os.environ.get(KEY_FILE_ENV) else None)
    path = named or data_dir / KEY_FILE_NAME
    if path.exists():
        if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise KeyProblem(f"The server key file {path} is readable by others; run: chmod 600 {path}")
        return _decode(path.read_text(encoding="ascii"), str(path))
    if named is not None:
        raise KeyProblem(f"The server key file {path} does not exist.")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = AESGCM.generate_key(bit_length=256)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(base64.b64encode(key).decode("ascii") + "\n")
    return key


CHECK_TEXT = "dealer-desk sealing key check"


class Sealer:
    """Seal and open text values; the output is ASCII (base64) so it fits a TEXT column on both engines."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def seal(self, context: str, plain: str) -> str:
        nonce = os.urandom(12)
        sealed = nonce + self._aead.encrypt(nonce, plain.encode("utf-8"), context.encode("utf-8"))
        return base64.b64encode(sealed).decode("ascii")

    def opens(self, context: str, sealed: str) -> bool:
        """Whether ``sealed`` was sealed with this key (the start-up check that all processes share one key)."""
        try:
            self.open(context, sealed)
        except (InvalidTag, ValueError):
            return False
        return True

    def open(self, context: str, sealed: str) -> str:
        raw = base64.b64decode(sealed)
        return self._aead.decrypt(raw[:12], raw[12:], context.encode("utf-8")).decode("utf-8")
