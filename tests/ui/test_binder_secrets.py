"""The Binder's upload queue takes its key from the window's keyring store, as the deals and the logs do."""

from __future__ import annotations

from pathlib import Path

from keyring.backends import fail
from pytestqt.qtbot import QtBot

from desktop.config import AppPaths, Profile
from desktop.secrets import SecretStore
from desktop.store.inventory_cache import InventoryCache
from desktop.ui.tabs.binder import BinderTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.conftest import MemoryKeyring


def test_the_queue_is_sealed_where_the_window_keeps_its_keys(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """The window found no keyring and says "Keys in memory only": the queue says so too, and asks no keyring of
    its own (it made its own store, which went to the system keyring the window had refused)."""
    window_store = SecretStore(fail.Keyring())
    cache = InventoryCache(tmp_path / "cache.sqlite3")
    profile = Profile("Sandbox", "sandbox", "", "")
    workspace = Workspace(AppPaths.default(), profile, cache, secrets=lambda: window_store)
    tab = BinderTab(runner, workspace)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.binder is not None)
    assert tab.binder is not None
    assert tab.binder.queue.memory_only
    assert "kept in memory only" in tab.queue_notice.text()
    assert memory_keyring.store == {}  # the system keyring was not asked for a key
    assert workspace.secrets() is window_store  # one store: the audit and event logs take theirs from it too
    runner.wait_idle()
    tab.binder.queue.close()
    cache.close()
