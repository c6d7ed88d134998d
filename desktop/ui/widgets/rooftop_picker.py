"""The toolbar's rooftop combo: the dealer every tab works on."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from desktop.ui.widgets.wheel_guard import ComboBox


class RooftopPicker(ComboBox):
    """One item per rooftop, "Name (dpid) — State", its dpid as the item's data.

    As wide as the longest name within reason: at a fixed 260 px, "University Mazda Subaru (umazda) — N…" was cut at
    1366 px. Each item's tooltip is its whole text, for a name longer than the cap.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rooftopCombo")
        self.setMinimumWidth(260)
        self.setMaximumWidth(480)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setToolTip("The rooftop (dealer) every tab works on")

    def set_rooftops(self, dealers: Iterable[Mapping[str, Any]], current: str | None) -> None:
        """Replace the items, keeping ``current`` picked (else the first), without emitting a change."""
        self.blockSignals(True)
        self.clear()
        for d in dealers:
            text = f"{d.get('name', '')} ({d.get('dpid', '')}) — {d.get('state', '')}"
            self.addItem(text, d["dpid"])
            self.setItemData(self.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(max(self.findData(current), 0))
        self.blockSignals(False)
