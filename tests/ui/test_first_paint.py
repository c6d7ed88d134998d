"""The window's first paint starts its work (tabs, keyring, connection) once, and then asks no more of Python."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.widgets.first_paint import FirstPaint


def test_then_runs_once_after_the_first_paint_and_the_filter_goes(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []  # every event the filter was asked about (a call from Qt into Python each)
    real = FirstPaint.eventFilter

    def counted(self: FirstPaint, watched: QObject, event: QEvent) -> Any:
        seen.append(event.type().value)
        return real(self, watched, event)

    monkeypatch.setattr(FirstPaint, "eventFilter", counted)
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
    assert seen and seen[-1] == QEvent.Type.Paint.value  # watched up to its first paint
    asked = len(seen)
    window.repaint()
    window.resize(window.width() + 10, window.height())
    window.hide()
    window.show()
    qtbot.wait(20)
    assert len(seen) == asked and ran == [True]  # no event reaches Python any more, and it ran once
