"""What the app sets before it paints: the raster engine's helper threads off, a short interpreter switch interval."""

from __future__ import annotations

import os
import sys

import pytest

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
