"""The whole window: title, tabs, rooftop selector driving the tabs, remembered state, status bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.composition import connect
from desktop.config import AppPaths, Settings
from desktop.secrets import SecretStore
from desktop.ui.main_window import TAB_INVENTORY, MainWindow, plain_title
from desktop.ui.tasks import TaskRunner


@pytest.fixture
def window(qtbot: QtBot, runner: TaskRunner, app_home: Path) -> MainWindow:
    w = MainWindow(AppPaths.default(), Settings(), runner, SecretStore, connect)
    qtbot.addWidget(w)
    w.show()
    return w


def test_window_opens_on_the_sandbox_and_lists_rooftops(qtbot: QtBot, window: MainWindow) -> None:
    assert "Dealer Desk" in window.windowTitle()
    assert [plain_title(window.tabs.tabText(i)) for i in range(window.tabs.count())] == [
        "Dealers",
        "Inventory",
        "Customers",
        "Deal Pricing",
        "Document Binder",
        "Templates & Packets",
    ]
    qtbot.waitUntil(lambda: window.inventory_tab is not None, timeout=30_000)
    qtbot.waitUntil(lambda: window.workspace.connected, timeout=120_000)
    assert window.rooftop.count() >= 5
    assert "Connected" in window.profile_label.text()
    qtbot.waitUntil(lambda: not window.inventory_tab.is_syncing(), timeout=60_000)
    window.rooftop.setCurrentIndex(window.rooftop.findData("umazda"))
    assert window.workspace.dpid == "umazda"
    window.close()


def test_state_is_remembered(qtbot: QtBot, runner: TaskRunner, app_home: Path) -> None:
    paths = AppPaths.default()
    first = MainWindow(paths, Settings(), runner, SecretStore, connect, autoconnect=False)
    qtbot.addWidget(first)
    first.tabs.setCurrentIndex(TAB_INVENTORY)
    first.workspace.set_dealers([{"dpid": "umazda", "name": "Mazda", "state": "CA"}, {"dpid": "b", "name": "B"}])
    first.rooftop.setCurrentIndex(first.rooftop.findData("b"))
    first.close()
    second = MainWindow(paths, Settings(), runner, SecretStore, connect, autoconnect=False)
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == TAB_INVENTORY
    second.workspace.set_dealers([{"dpid": "umazda", "name": "Mazda"}, {"dpid": "b", "name": "B"}])
    assert second.workspace.dpid == "b"
    second.close()


def test_failed_connection_is_a_sentence_not_a_crash(qtbot: QtBot, runner: TaskRunner, app_home: Path) -> None:
    settings = Settings()
    settings.active = "Production"
    w = MainWindow(AppPaths.default(), settings, runner, SecretStore, connect)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: bool(w.workspace.connection_error), timeout=10_000)
    assert "no Roadster API key" in w.workspace.connection_error
    assert "Offline" in w.profile_label.text()
    qtbot.waitUntil(lambda: w.inventory_tab is not None, timeout=30_000)
    assert "no Roadster API key" in w.inventory_tab.banner.text()
    w.close()


def test_a_profile_switch_clears_the_old_status_message(qtbot: QtBot, runner: TaskRunner, app_home: Path) -> None:
    settings = Settings()
    settings.active = "Production"
    w = MainWindow(AppPaths.default(), settings, runner, SecretStore, connect)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: "no Roadster API key" in w.statusBar().currentMessage(), timeout=10_000)
    w._on_profile_activated("Sandbox")
    assert w.statusBar().currentMessage() == ""
    qtbot.waitUntil(lambda: w.workspace.connected, timeout=120_000)
    assert "Connected" in w.profile_label.text() and "no Roadster API key" not in w.statusBar().currentMessage()
    w.close()
