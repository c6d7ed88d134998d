"""The three deal columns side by side, and the check's independence sentence under them, placed by hand.

Each reprice sets new texts in the columns' wrapped labels. A label given a new text asks its column's layout again,
and a column laid out again tells its parent its size may have changed. In a layout that went on up the window: the
row, both splitters, the tab, the tab widget and the window were laid out again at every edit (about 3 ms of the
GUI thread an edit in ``bench/bench_pricing_edits.py --events``, most of it in the splitters asking every pane for its
size). The columns' sizes do not depend on
their texts (they share the row by equal stretch, and their tables scroll), so this row, which has no layout, places
them itself: a column's news stops here, and only a window or splitter resize, or a new independence sentence,
places them again.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRect, QSize
from PySide6.QtWidgets import QLabel, QStyle, QWidget

from desktop.ui.tabs.pricing.column import DealColumn

MINIMUM_HEIGHT = 240  # a headline, a few lines and the check: what the splitter leaves the deals at least


class DealsRow(QWidget):
    """``columns`` in equal shares of the width, ``note`` (a wrapped label) across the foot."""

    def __init__(self, columns: Sequence[DealColumn], note: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.note = note
        for child in (*self.columns, note):
            child.setParent(self)
        self._placed: tuple[int, int, int] = (-1, -1, -1)  # width, height, the note's height they were placed for
        self._note_measured: tuple[str, int, int] = ("", -1, 0)  # the note's text, a width, its height at it
        self._hints: tuple[QSize, QSize] | None = None  # minimum and preferred, until the style or font changes

    def _spacing(self) -> int:
        return max(0, self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing, None, self))

    def _note_height(self, width: int) -> int:
        """The note's height at ``width``; measured again only for a new sentence or width (each column's news
        reaches the row as a layout request, every edit)."""
        text = self.note.text()
        if (text, width) != self._note_measured[:2]:
            self._note_measured = (text, width, self.note.heightForWidth(width) if text else 0)
        return self._note_measured[2]

    def minimumSizeHint(self) -> QSize:
        return self._size_hints()[0]

    def sizeHint(self) -> QSize:
        return self._size_hints()[1]

    def _size_hints(self) -> tuple[QSize, QSize]:
        """Not from the columns' own hints: a layout above asking (the deal strip's, a splitter's) had all three
        columns measure their wrapped texts again, a few milliseconds of every edit's turn. Their tables scroll,
        so a column is usable at its minimum width and this height. Kept: the splitters ask some 60 times a switch
        to the desk, and each answer worked out again asked the style for its spacing."""
        if self._hints is None:
            spacing = self._spacing()
            width = sum(c.minimumWidth() for c in self.columns) + spacing * (len(self.columns) - 1)
            self._hints = (QSize(width, MINIMUM_HEIGHT), QSize(max(width, 3 * 320), 480))
        return self._hints

    def resizeEvent(self, event: object) -> None:
        self._place()

    def event(self, event: QEvent) -> bool:
        # A column's or the note's "my size may have changed": only the note's height can move anything.
        if event.type() == QEvent.Type.LayoutRequest:
            self._place()
            return True
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._note_measured = ("", -1, 0)  # the note wraps differently now: measured again as it is placed
            self._hints = None  # the style's spacing may differ
        return super().event(event)

    def _place(self) -> None:
        width, height = self.width(), self.height()
        note = self._note_height(width)
        if (width, height, note) == self._placed:
            return
        self._placed = (width, height, note)
        spacing = self._spacing()
        rows_height = max(0, height - (note + spacing if note else 0))
        count = len(self.columns)
        share = max(0, width - spacing * (count - 1))
        left = 0
        for i, column in enumerate(self.columns):
            right = (share * (i + 1)) // count + spacing * i  # equal shares, the odd pixels spread
            column.setGeometry(QRect(left, 0, right - left, rows_height))
            left = right + spacing
        # Not hidden when empty: a hidden label given a text would not say so, and would stay at no height.
        self.note.setGeometry(QRect(0, height - note, width, note))
