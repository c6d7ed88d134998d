"""Labels whose size does not follow every new text, so that what sits beside or under them stays still.

:class:`SteadyLabel` is as wide as the widest text it will show: a count ("2,000 vehicles · 12 match") or a time
beside buttons made the buttons shift a few pixels with every keystroke in a filter; a person aiming at one clicked
beside it. The width follows the label's current font, so a style sheet or a zoom applied later still fits.
:class:`TallestLabel` wraps, and is as tall as the tallest text it has shown at its width.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget


class SteadyLabel(QLabel):
    """A plain-text label whose size hints are at least as wide as ``widest`` (a longer text still fits).

    Every digit of ``widest`` counts as the font's widest digit: not every font draws "1" as wide as "8".
    """

    def __init__(self, widest: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._widest = widest

    def _steady(self, hint: QSize) -> QSize:
        margins = self.contentsMargins()
        metrics = self.fontMetrics()
        digit = max("0123456789", key=metrics.horizontalAdvance)
        widest = "".join(digit if c.isdigit() else c for c in self._widest)
        width = metrics.boundingRect(widest).right() + 2 + 2 * self.margin()  # QLabel's own rounding, and one px
        return QSize(max(hint.width(), width + margins.left() + margins.right()), hint.height())

    def sizeHint(self) -> QSize:
        return self._steady(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._steady(super().minimumSizeHint())


class TallestLabel(QLabel):
    """A word-wrapped label as tall, at a width, as the tallest text it has shown at that width.

    What sits under it stays where it is while its text changes between one line and two: the deal columns'
    tables were moved, and painted whole with their headers, each time a headline, a tax or a check sentence
    wrapped differently after a reprice, or the sentence under them grew a clause (three columns, 3-5 ms of the
    turn that paints them). A new width (the window or a splitter resized) starts again from the text shown then.
    """

    KEPT_WIDTHS = 8  # the widths a layout asks about while one width settles

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # the room kept is left below
        self._tallest: dict[int, int] = {}

    def heightForWidth(self, width: int) -> int:
        height = super().heightForWidth(width)
        kept = self._tallest.get(width, 0)
        if height > kept:
            if len(self._tallest) >= self.KEPT_WIDTHS and width not in self._tallest:
                self._tallest.clear()
            self._tallest[width] = height
            return height
        return kept

    def forget(self) -> None:
        """Keep no room from the texts shown so far: the next text's own height, from now on."""
        if self._tallest:
            self._tallest.clear()
            self.updateGeometry()
