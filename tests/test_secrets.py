"""Keys in the keyring, or in memory with a notice when there is none -- never on disk."""

from __future__ import annotations

from pathlib import Path

import keyring.backend
import keyring.errors
import keyrings.alt.file_base
import pytest
from keyring.backends import chainer, fail, null
from keyrings.alt.file import EncryptedKeyring, PlaintextKeyring

from desktop.config import KEY_ROADSTER, AppPaths, Settings, settings_file
from desktop.secrets import SERVICE, KeyFileRefused, SecretStore, read_key_file, refusal, unattended_secret
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


@pytest.mark.parametrize("backend_class", [PlaintextKeyring, null.Keyring, fail.Keyring])
def test_file_and_null_backends_are_refused_for_the_session_store(
    backend_class: type[keyring.backend.KeyringBackend], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """keyrings.alt wrote the Roadster key and the queue's AES key into one file; now nothing reaches it."""
    monkeypatch.setattr(keyrings.alt.file_base.FileBacked, "file_path", str(tmp_path / "keyring_pass.cfg"))
    store = SecretStore(backend_class())
    assert store.memory_only and "memory" in store.notice and store.backend_name.startswith("memory")
    store.set("Production", KEY_ROADSTER, "live-key-123")
    assert store.get("Production", KEY_ROADSTER) == "live-key-123"
    assert not (tmp_path / "keyring_pass.cfg").exists()
    if backend_class is PlaintextKeyring:
        assert "keeps keys in a file" in store.notice


def test_the_encrypted_file_backend_is_refused_too() -> None:
    """Its password file sits beside the data; made without its crypto package, which only its methods need."""
    assert "keeps keys in a file" in refusal(object.__new__(EncryptedKeyring))


def test_a_chain_keeps_its_real_keyring_and_drops_the_file_one(
    memory_keyring: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyrings.alt.file_base.FileBacked, "file_path", str(tmp_path / "keyring_pass.cfg"))
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [PlaintextKeyring(), memory_keyring])
    store = SecretStore(chainer.ChainerBackend())
    store.set("Production", KEY_ROADSTER, "live-key-123")
    assert not store.memory_only and memory_keyring.store[(SERVICE, f"Production:{KEY_ROADSTER}")] == "live-key-123"
    assert not (tmp_path / "keyring_pass.cfg").exists()


def test_key_file_must_be_readable_by_its_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = tmp_path / "roadster.key"
    key.write_text("live-key-123\n")
    for mode in (0o644, 0o640, 0o604):
        key.chmod(mode)
        with pytest.raises(KeyFileRefused, match="chmod 600"):
            read_key_file(key)
    key.chmod(0o600)
    assert read_key_file(key) == "live-key-123"
    assert unattended_secret(key, "DEALER_DESK_TEST_KEY") == "live-key-123"
    with pytest.raises(KeyFileRefused, match="Cannot read"):
        read_key_file(tmp_path / "missing.key")
    (tmp_path / "empty.key").touch(mode=0o600)
    with pytest.raises(KeyFileRefused, match="empty"):
        read_key_file(tmp_path / "empty.key")
    monkeypatch.setenv("DEALER_DESK_TEST_KEY", "from-env")
    assert unattended_secret(None, "DEALER_DESK_TEST_KEY") == "from-env"
    monkeypatch.delenv("DEALER_DESK_TEST_KEY")
    assert unattended_secret(None, "DEALER_DESK_TEST_KEY") is None
