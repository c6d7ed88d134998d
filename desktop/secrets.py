"""Credentials in the OS keyring, with an explicit memory-only fallback.

When no usable keyring exists (a headless Linux box without Secret Service), secrets are held in this process
until it quits and ``memory_only`` is set so the window can say so. Nothing is ever written to disk in clear,
logged, or put in an exception message.

A backend that keeps keys in a file is no keyring for this purpose: ``keyrings.alt``'s PlaintextKeyring writes
them in clear, its EncryptedKeyring beside the data they protect (so the sealed upload queue opened from the disk
alone); the null and fail backends keep nothing. Those are refused and the memory fallback is used instead.

Unattended commands (cron) have no keyring unlock prompt: they read a key from a file only its owner can read, or
from an environment variable -- never from an argument, which every user sees in ``ps``.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import chainer

log = logging.getLogger(__name__)

SERVICE = "dealer-desk"


# Modules whose backends keep keys in files or nowhere; matched on the class hierarchy, so keyrings.alt need not be
# installed for the check (it is the package that brings the file backends).
_REFUSED_MODULES = ("keyrings.alt", "keyring.backends.null", "keyring.backends.fail")


def refusal(backend: keyring.backend.KeyringBackend) -> str:
    """Why ``backend`` may not hold keys ("" when it may): the reason reads after "Keys are kept in memory (…)"."""
    if isinstance(backend, chainer.ChainerBackend):
        reasons = [refusal(b) for b in backend.backends] or ["no system keyring is available"]
        return next((r for r in reasons if r), "")
    for cls in type(backend).__mro__:
        if cls.__module__.startswith(_REFUSED_MODULES):
            if cls.__module__.startswith("keyrings.alt"):
                return f"the keyring backend {type(backend).__name__} keeps keys in a file, which Dealer Desk refuses"
            return "no system keyring is available"
    return ""


def choose_backend(backend: keyring.backend.KeyringBackend) -> tuple[keyring.backend.KeyringBackend | None, str]:
    """The backend to keep keys in, or ``None`` and why not.

    A chain that mixes a real keyring with a file backend (both installed) keeps its first acceptable member, so
    installing keyrings.alt beside GNOME Keyring does not cost the real keyring.
    """
    if isinstance(backend, chainer.ChainerBackend):
        usable = [b for b in backend.backends if not refusal(b)]
        if usable:
            return usable[0], ""
    reason = refusal(backend)
    return (None, reason) if reason else (backend, "")


class SecretStore:
    """Get and set a profile's secrets; every call may block (unlock prompt) so the UI calls it off-thread."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        offered = backend or keyring.get_keyring()
        chosen, self.reason = choose_backend(offered)
        self._backend = chosen or offered  # never called while memory_only
        self._memory: dict[str, str] = {}
        self._lock = threading.Lock()
        self.memory_only = chosen is None
        if self.memory_only:
            log.warning("keys kept in memory for this session: %s", self.reason)

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


class KeyFileRefused(Exception):
    """A key file that could leak its key (or is missing): the message names the file and what to do."""


def read_key_file(path: Path) -> str:
    """The key in ``path`` (surrounding whitespace dropped), if the file is a regular file only its owner can read.

    Raises:
        KeyFileRefused: the file is missing, empty, not the caller's, or readable by its group or by others.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise KeyFileRefused(f"Cannot read the key file {path}: {exc.strerror}.") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise KeyFileRefused(f"The key file {path} is not a regular file.")
        if info.st_uid != os.getuid():
            raise KeyFileRefused(f"The key file {path} belongs to another user; use a file of your own.")
        if info.st_mode & 0o077:
            raise KeyFileRefused(
                f"The key file {path} can be read by other users (mode {stat.S_IMODE(info.st_mode):o}); "
                f"run: chmod 600 {path}"
            )
        value = handle.read().decode("utf-8").strip()
    if not value:
        raise KeyFileRefused(f"The key file {path} is empty.")
    return value


def unattended_secret(key_file: Path | None, env_var: str) -> str | None:
    """A key for a command run without a keyring prompt: ``key_file`` if given, else the environment variable."""
    if key_file is not None:
        return read_key_file(key_file)
    return os.environ.get(env_var) or None
