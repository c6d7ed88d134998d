"""Credentials in the OS keyring, with an explicit memory-only fallback.

When no usable keyring exists (a headless Linux box without Secret Service), secrets are held in this process
until it quits and ``memory_only`` is set so the window can say so. Nothing is ever written to disk in clear,
logged, or put in an exception message.
"""

from __future__ import annotations

import logging
import threading

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import chainer, fail

log = logging.getLogger(__name__)

SERVICE = "dealer-desk"


def _usable(backend: keyring.backend.KeyringBackend) -> bool:
    if isinstance(backend, fail.Keyring):
        return False
    return not (isinstance(backend, chainer.ChainerBackend) and not backend.backends)


class SecretStore:
    """Get and set a profile's secrets; every call may block (unlock prompt) so the UI calls it off-thread."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend or keyring.get_keyring()
        self._memory: dict[str, str] = {}
        self._lock = threading.Lock()
        self.memory_only = not _usable(self._backend)
        self.reason = "" if not self.memory_only else "no system keyring is available"

    @property
    def backend_name(self) -> str:
        return "memory (this session only)" if self.memory_only else type(self._backend).__name__

    @property
    def notice(self) -> str:
        """The sentence the window shows while keys are held in memory only."""
        if not self.memory_only:
            return ""
        return (
            f"Keys are kept in memory until Dealer Desk quits ({self.reason}); "
            "they are never written to disk. Install a keyring (e.g. GNOME Keyring) to keep them."
        )

    @staticmethod
    def _user(profile: str, name: str) -> str:
        return f"{profile}:{name}"

    def get(self, profile: str, name: str) -> str | None:
        user = self._user(profile, name)
        with self._lock:
            if self.memory_only:
                return self._memory.get(user)
        try:
            return self._backend.get_password(SERVICE, user)
        except keyring.errors.KeyringError as exc:
            self._fall_back(exc)
            return None

    def set(self, profile: str, name: str, value: str) -> None:
        user = self._user(profile, name)
        if not self.memory_only:
            try:
                self._backend.set_password(SERVICE, user, value)
                return
            except keyring.errors.KeyringError as exc:
                self._fall_back(exc)
        with self._lock:
            self._memory[user] = value

    def delete(self, profile: str, name: str) -> None:
        user = self._user(profile, name)
        with self._lock:
            self._memory.pop(user, None)
        if not self.memory_only:
            try:
                self._backend.delete_password(SERVICE, user)
            except keyring.errors.PasswordDeleteError:
                pass
            except keyring.errors.KeyringError as exc:
                self._fall_back(exc)

    def _fall_back(self, exc: Exception) -> None:
        # The exception text of a backend never includes the secret; log only its type.
        log.warning("keyring backend failed (%s); keeping keys in memory for this session", type(exc).__name__)
        with self._lock:
            self.memory_only = True
            self.reason = f"the system keyring failed ({type(exc).__name__})"
