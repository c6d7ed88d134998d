"""The deal form's entry hands Ctrl+Z to the form (a signal), keeps every other key, and keeps its text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.ui.tabs.deals.entry import DealEntry


def test_undo_is_asked_of_the_form_and_the_text_stays(qtbot: QtBot) -> None:
    entry = DealEntry()
    qtbot.addWidget(entry)
    entry.show()
    qtbot.waitExposed(entry)
    entry.setFocus()
    qtbot.keyClicks(entry, "12")
    asked: list[bool] = []
    entry.undo_requested.connect(lambda: asked.append(True))
    qtbot.keyClick(entry, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert asked == [True]
    assert entry.text() == "12"  # the entry's own undo did not run
    qtbot.keyClick(entry, Qt.Key.Key_3)
    assert entry.text() == "123" and asked == [True]
