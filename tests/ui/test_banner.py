"""The reserved message line: a message never moves the controls below it, and errors can be dismissed."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.widgets.banner import Banner


def test_messages_never_move_the_controls_below(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    banner = Banner(page)
    button = QPushButton("Tick the rebate", page)
    layout = QVBoxLayout(page)
    layout.addWidget(banner)
    layout.addWidget(button)
    layout.addStretch(1)
    page.resize(500, 300)
    page.show()
    qtbot.waitExposed(page)
    where = button.geometry()
    banner.show_error("The Roadster API refused the key for profile Production (401). Check the key in Settings. " * 5)
    assert button.geometry() == where and banner.isVisible()
    assert banner.label.text().endswith("…") and banner.toolTip() == banner.text()  # cut to two lines, whole in tip
    banner.show_info("Saved.")
    assert button.geometry() == where and banner.label.text() == "Saved." and banner.toolTip() == ""
    banner.clear_message()
    assert button.geometry() == where and not banner.isVisible()


def test_errors_are_dismissable_notices_are_not(qtbot: QtBot) -> None:
    banner = Banner()
    qtbot.addWidget(banner)
    banner.resize(400, banner.height())
    banner.show_info("Loading…")
    assert banner.dismiss_button.isHidden()
    banner.show_error("Could not load the templates.")
    assert not banner.dismiss_button.isHidden()
    height = banner.height()
    banner.dismiss_button.click()
    assert banner.text() == "" and not banner.isVisible() and banner.height() == height
