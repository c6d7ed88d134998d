"""The strip under the toolbar that says which deal every tab is working on: number, buyer, vehicle, stage.

Clicking it goes to the Deals tab. It also carries the deal's save state ("Saved", "Saving…", a failure) and, when
someone else saved the deal meanwhile, the choice between the values on screen and theirs: nothing is overwritten
in silence and nothing typed is dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.ui.current_deal import CurrentDeal

SAVING, SAVED = "Saving…", "Saved"
FAILED_PX = 320  # a save's failure, cut to this on the strip: the deal's number, buyer and stage keep theirs


def conflict_text(collisions: list[Any]) -> str:
    """One line per field both desks changed ("Phone: yours 555-0100 · theirs 555-0199"); "Keep my values" keeps
    yours for these and their changes to every other field."""
    from desktop.domain.deals import label

    if not collisions:
        return "No field was changed on both sides: keeping yours also keeps their changes."
    lines = (f"{label(c.field)}: yours {c.mine or '(empty)'} · theirs {c.theirs or '(empty)'}" for c in collisions)
    return "\n".join(lines)


class DealStrip(QFrame):
    clicked = Signal()

    def __init__(self, current: CurrentDeal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dealStrip")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("The current deal; click to go to Deals")
        self.current = current
        self._conflict: Any = None
        self.number = QLabel(self)
        self.number.setObjectName("dealNumber")
        self.buyer = QLabel(self)
        self.vehicle = QLabel(self)
        self.stage = QLabel(self)
        self.stage.setObjectName("dealStage")
        self.state = QLabel(self)
        self.state.setObjectName("dealSaveState")
        # "Saving…" and "Saved" alternate at every edit: as wide as the wider, right-aligned where the text ended
        # anyway, the label keeps its size and the window is not laid out again twice an edit.
        self.state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.state.setMinimumWidth(max(self.state.fontMetrics().horizontalAdvance(t) for t in (SAVING, SAVED)))
        self.both = QLabel(self)  # each field both desks changed: yours, then theirs
        self.both.setObjectName("dealConflictFields")
        self.both.setTextFormat(Qt.TextFormat.PlainText)
        self.keep_mine = QPushButton("Keep my values", self)
        self.take_theirs = QPushButton("Take theirs", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        for widget in (self.number, self.buyer, self.vehicle, self.stage):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.state)
        layout.addWidget(self.both)
        layout.addWidget(self.keep_mine)
        layout.addWidget(self.take_theirs)
        self.keep_mine.clicked.connect(self._on_keep_mine)
        self.take_theirs.clicked.connect(self._on_take_theirs)
        current.changed.connect(self._on_changed)
        current.saved.connect(self._on_saved)
        current.save_failed.connect(self._on_save_failed)
        current.conflict.connect(self._on_conflict)
        self._show_conflict(None)
        self._on_changed()

    def _on_changed(self) -> None:
        deal = self.current.deal
        if deal is None:
            self.number.setText("No deal open")
            for label in (self.buyer, self.vehicle, self.stage, self.state):
                label.clear()
            self._show_conflict(None)
            return
        self.number.setText(f"<b>{deal.number}</b>")
        self.buyer.setText(deal.buyer.name or "no buyer yet")
        self.vehicle.setText(deal.vehicle.description or deal.vehicle.vin or "no vehicle yet")
        self.stage.setText(deal.stage.label + (f" ({deal.lost_reason})" if deal.lost_reason else ""))
        if self.current.dirty:
            self._say(SAVING)

    def _on_saved(self, saved: Any) -> None:
        deal = self.current.deal
        if deal is not None and deal.id == saved.id and not self.current.dirty:
            self._say(SAVED)

    def _on_save_failed(self, message: str) -> None:
        """Why the deal was not saved, on the strip's one line: cut to fit it, whole in the tooltip (a conflict's
        sentence ran 1,000 px wide and cut the strip at 1280x720)."""
        self._say(self.state.fontMetrics().elidedText(message, Qt.TextElideMode.ElideRight, FAILED_PX), message)

    def _say(self, text: str, whole: str = "") -> None:
        self.state.setText(text)
        self.state.setToolTip(whole if whole != text else "")

    def _on_conflict(self, current: Any) -> None:
        who = f" by {current.updated_by}" if current.updated_by else ""
        self._say(f"Changed{who} since you opened it:")
        self._show_conflict(current)
        self.both.setText(conflict_text(self.current.collisions(current)))

    def _show_conflict(self, current: Any) -> None:
        self._conflict = current
        self.both.setVisible(current is not None)
        self.keep_mine.setVisible(current is not None)
        self.take_theirs.setVisible(current is not None)

    def _on_keep_mine(self) -> None:
        current, self._conflict = self._conflict, None
        self._show_conflict(None)
        if current is not None:
            self.current.keep_mine(current)

    def _on_take_theirs(self) -> None:
        current = self._conflict
        self._show_conflict(None)
        if current is not None:
            self.current.take_theirs(current)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(e)
