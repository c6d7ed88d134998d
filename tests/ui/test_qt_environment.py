"""The Qt environment the app sets before it paints: the raster engine's helper threads are off."""

from __future__ import annotations

import os

import pytest

from desktop.ui.app import qt_environment


def test_the_raster_thread_pool_is_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_NO_GUI_THREADPOOL", raising=False)
    qt_environment()
    assert os.environ["QT_NO_GUI_THREADPOOL"] == "1"


def test_a_variable_set_by_the_user_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_NO_GUI_THREADPOOL", "0")
    qt_environment()
    assert os.environ["QT_NO_GUI_THREADPOOL"] == "0"
