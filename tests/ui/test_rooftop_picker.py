"""The toolbar's rooftop combo shows a long rooftop name whole, and keeps the pick across a reload."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.ui.widgets.rooftop_picker import RooftopPicker

DEALERS = [
    {"dpid": "hyundaidemo", "name": "Hyundai Demo", "state": "CA"},
    {"dpid": "umazda", "name": "University Mazda Subaru", "state": "NY"},
]


def test_the_combo_is_as_wide_as_the_longest_name(qtbot: QtBot) -> None:
    """Sized at its first show, before the dealers arrived, the combo stayed at its 260 px minimum and cut
    "University Mazda Subaru (umazda) — N…" at 1366 px."""
    picker = RooftopPicker()
    qtbot.addWidget(picker)
    picker.show()  # the window is shown before the dealers' list comes back
    picker.sizeHint()  # the toolbar lays it out then, empty
    picker.set_rooftops(DEALERS, "hyundaidemo")
    longest = picker.fontMetrics().horizontalAdvance("University Mazda Subaru (umazda) — NY")
    assert picker.sizeHint().width() > longest
    assert picker.itemData(1, Qt.ItemDataRole.ToolTipRole) == "University Mazda Subaru (umazda) — NY"


def test_a_reload_keeps_the_pick_and_says_nothing(qtbot: QtBot) -> None:
    picker = RooftopPicker()
    qtbot.addWidget(picker)
    picked: list[int] = []
    picker.currentIndexChanged.connect(picked.append)
    picker.set_rooftops(DEALERS, "umazda")
    assert picker.currentData() == "umazda"
    picker.set_rooftops([*DEALERS, {"dpid": "zeta", "name": "Zeta", "state": "TX"}], "umazda")
    assert picker.currentData() == "umazda" and picker.count() == 3
    picker.set_rooftops(DEALERS, "gone")
    assert picker.currentData() == "hyundaidemo"
    assert picked == []  # the window acts on the pick itself after a reload
