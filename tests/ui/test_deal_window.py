"""The current deal in the whole window: Deals first, the strip, and nothing typed lost on quit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.composition import connect
from desktop.config import AppPaths, Settings
from desktop.secrets import SecretStore
from desktop.store.deals import SqliteDealStore, deals_file
from desktop.ui.main_window import TAB_DEALS, TAB_INVENTORY, MainWindow
from desktop.ui.tasks import TaskRunner


def test_strip_follows_the_deal_and_quit_loses_nothing_typed(qtbot: QtBot, runner: TaskRunner, app_home: Path) -> None:
    paths = AppPaths.default()
    window = MainWindow(paths, Settings(), runner, SecretStore, connect, autoconnect=False)
    qtbot.addWidget(window)
    window.show()
    window.workspace.set_dealers([{"dpid": "hdown", "name": "Honda of Downtown", "state": "CA"}])
    qtbot.waitUntil(lambda: window.tab_widgets.get("Deals") is not None and window.current_deal.store is not None)
    deals = window.tab_widgets["Deals"]
    assert window.tabs.indexOf(deals) == TAB_DEALS == 0
    assert window.deal_strip.number.text() == "No deal open"
    qtbot.mouseClick(deals.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_deal.deal is not None)
    deal_id = window.current_deal.deal.id
    assert "HD-1001" in window.deal_strip.number.text()
    qtbot.keyClicks(deals.form.entries["buyer.first_name"], "Dana")
    assert window.deal_strip.buyer.text() == "Dana"
    window.tabs.setCurrentIndex(TAB_INVENTORY)
    qtbot.mouseClick(window.deal_strip, Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == TAB_DEALS
    qtbot.keyClicks(deals.form.entries["buyer.last_name"], "Reyes")
    window.close()  # at once: before the autosave timer has fired
    secrets = window.secrets
    store = SqliteDealStore(deals_file(paths.data, window.workspace.profile.name), secrets)
    saved = store.get(deal_id)
    assert (saved.buyer.first_name, saved.buyer.last_name) == ("Dana", "Reyes")
    store.close()
