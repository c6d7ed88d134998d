"""What the app sets before it paints: the raster engine's helper threads off, a short interpreter switch interval."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.ui.app import GUI_SWITCH_INTERVAL_S, qt_environment, share_the_interpreter


def test_the_raster_thread_pool_is_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_NO_GUI_THREADPOOL", raising=False)
    qt_environment()
    assert os.environ["QT_NO_GUI_THREADPOOL"] == "1"


def test_a_variable_set_by_the_user_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_NO_GUI_THREADPOOL", "0")
    qt_environment()
    assert os.environ["QT_NO_GUI_THREADPOOL"] == "0"


def test_the_gui_thread_takes_the_interpreter_back_within_a_millisecond() -> None:
    default = sys.getswitchinterval()
    try:
        share_the_interpreter()
        assert sys.getswitchinterval() == pytest.approx(GUI_SWITCH_INTERVAL_S)
        assert GUI_SWITCH_INTERVAL_S <= 0.001
    finally:
        sys.setswitchinterval(default)


def test_a_crash_last_time_is_said_in_a_note_that_stays_and_does_not_block(qtbot: QtBot, tmp_path: Path) -> None:
    """Said in the status bar, the note was gone under the sync's own message before anyone read it."""
    from typing import cast

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMainWindow, QMessageBox

    from desktop.ui.app import _say_last_crash
    from desktop.ui.main_window import MainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    where = tmp_path / "crash.log"
    _say_last_crash(cast(MainWindow, window), where)
    [note] = [box for box in window.findChildren(QMessageBox) if box.objectName() == "lastCrashNote"]
    assert note.isVisible() and note.windowModality() == Qt.WindowModality.NonModal
    assert str(where) in note.text() and "no customer data" in note.text()
