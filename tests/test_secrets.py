"""Keys in the keyring, or in memory with a notice when there is none -- never on disk."""

from __future__ import annotations

from pathlib import Path

import keyring.errors
from keyring.backends import fail

from desktop.config import KEY_ROADSTER, AppPaths, Settings, settings_file
from desktop.secrets import SERVICE, SecretStore
from tests.conftest import MemoryKeyring


def test_keys_go_to_the_keyring(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    assert not store.memory_only and store.notice == ""
    store.set("Production", KEY_ROADSTER, "live-key-123")
    assert memory_keyring.store[(SERVICE, f"Production:{KEY_ROADSTER}")] == "live-key-123"
    assert store.get("Production", KEY_ROADSTER) == "live-key-123"
    store.delete("Production", KEY_ROADSTER)
    assert store.get("Production", KEY_ROADSTER) is None


def test_no_keyring_falls_back_to_memory_with_a_notice() -> None:
    store = SecretStore(fail.Keyring())
    assert store.memory_only
    assert "memory" in store.notice and "never written to disk" in store.notice
    store.set("Production", KEY_ROADSTER, "live-key-123")
    assert store.get("Production", KEY_ROADSTER) == "live-key-123"
    assert SecretStore(fail.Keyring()).get("Production", KEY_ROADSTER) is None  # gone with the session


class BrokenKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("locked")


def test_a_failing_keyring_switches_to_memory() -> None:
    store = SecretStore(BrokenKeyring())
    store.set("Production", KEY_ROADSTER, "live-key-123")
    assert store.memory_only and "KeyringLocked" in store.notice
    assert store.get("Production", KEY_ROADSTER) == "live-key-123"


def test_settings_file_never_holds_keys(app_home: Path) -> None:
    paths = AppPaths.default()
    store = SecretStore()
    store.set("Production", KEY_ROADSTER, "live-key-123")
    settings = Settings()
    settings.save(settings_file(paths))
    for f in app_home.rglob("*"):
        if f.is_file():
            assert b"live-key-123" not in f.read_bytes()
    assert Settings.load(settings_file(paths)).profile("Production").roadster_url.startswith("https://")
