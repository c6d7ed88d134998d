"""The window's first paint starts its work (tabs, keyring, connection) once, and then asks no more of Python."""

from __future__ import annotations

import sys
from types import FrameType

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.widgets import when_shown
from desktop.ui.widgets.when_shown import FirstPaint


def test_then_runs_once_after_the_first_paint_and_the_filter_goes(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    QVBoxLayout(window).addWidget(QLabel("Dealer Desk", window))
    ran: list[bool] = []
    FirstPaint(window, lambda: ran.append(window.isVisible()))
    qtbot.wait(20)
    assert ran == []  # not shown, not painted
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: ran == [True])
    called: list[str] = []

    def watch(frame: FrameType, event: str, _arg: object) -> None:
        if event == "call" and frame.f_code.co_filename == when_shown.__file__:
            called.append(frame.f_code.co_name)

    sys.setprofile(watch)
    try:
        window.repaint()
        window.resize(window.width() + 10, window.height())
        window.hide()
        window.show()
        qtbot.wait(20)
    finally:
        sys.setprofile(None)
    assert called == [] and ran == [True]  # later events never reach Python, and it ran once
