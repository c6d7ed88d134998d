"""The inventory table's cells, drawn from text laid out once.

A page of the table is ~25 rows x 12 columns. Qt's own delegate asks the model for seven roles per cell through the
binding and lays each text out again (font shaping, then eliding) on every paint: about 5.5 ms of GUI-thread CPU a
page turn alone, far more under load. Most cells repeat a few texts (make, model, trim, body, status, year); this
delegate keeps each text, elided to its column's width, as a ``QStaticText`` laid out once, and only draws glyphs.
The focused cell's frame and the swatches of selected rows (tinted by the style) are a few cells: they keep Qt's
own drawing.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPalette, QStaticText
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.ui.models.inventory import SOLD, InventoryModel
from desktop.ui.models.inventory_columns import COL_COLOR, COL_MSRP, COL_STATUS, COL_YEAR

TEXT_MARGIN = 3  # Qt's item text margin: the style's focus-frame margin + 1, each side
SWATCH = 16  # the colour column's swatch: Qt's small icon size, a text margin each side
TEXTS_KEPT = 4_000  # laid-out texts kept: a few hundred distinct texts and the VINs of some pages; cleared when full
_RIGHT_ALIGNED = frozenset((COL_YEAR, COL_MSRP))
# The state bits as plain ints: a Python enum flag's "&" costs microseconds, and a page paints ~300 cells.
_SELECTED = QStyle.StateFlag.State_Selected.value
_FOCUSED = QStyle.StateFlag.State_HasFocus.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_ENABLED = QStyle.StateFlag.State_Enabled.value

Index = QModelIndex | QPersistentModelIndex
Colours = tuple[QBrush, QColor, QColor]  # selection background, selected text, text


class InventoryDelegate(QStyledItemDelegate):
    """Paints a plain cell as its selection background and one laid-out text; elided, aligned and coloured as Qt's
    delegate does, from the column (the model answers alignment and colour for fixed columns only)."""

    def __init__(self, view: QWidget, model: InventoryModel) -> None:
        super().__init__(view)
        self._model = model
        self._texts: dict[tuple[str, int], QStaticText] = {}
        self._font = view.font()  # what Qt's delegate draws with (the viewport's own font may differ)
        self._metrics = QFontMetrics(self._font)
        self._colours: dict[tuple[int, int], Colours] = {}  # (palette cache key, state bits) -> colours

    def follow_font(self, font: QFont) -> None:
        """The view's font, from its paint: when it changed, the texts are elided anew. (An event filter on the
        view would hear of it too, but Qt would call Python for every event of the view to tell it.)"""
        if font != self._font:
            self._texts.clear()
            self._font = QFont(font)
            self._metrics = QFontMetrics(self._font)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        state = option.state.value  # type: ignore[attr-defined]
        column = index.column()
        if state & _FOCUSED or (column == COL_COLOR and state & _SELECTED):  # a tinted swatch: Qt's own
            super().paint(painter, option, index)
            return
        rect = option.rect  # type: ignore[attr-defined]
        colours = self.colours_of(option.palette, state)  # type: ignore[attr-defined]
        chosen = (column,) if state & _SELECTED else ()
        self.draw_row(
            painter, index.row(), rect.y(), rect.height(), [(column, rect.x(), rect.width())], chosen, -1, colours
        )

    def draw_row(
        self,
        painter: QPainter,
        row: int,
        y: int,
        height: int,
        cells: list[tuple[int, int, int]],
        chosen: Collection[int],
        focused: int,
        colours: Colours,
    ) -> list[tuple[int, int, int]]:
        """The plain cells of ``row`` (``cells``: column, x, width), drawn as Qt's delegate draws them: the
        selection background of the ``chosen`` columns, the status of a sold vehicle in its colour, the swatch,
        one laid-out text each. The ``focused`` column's frame and a selected swatch (the style tints it) are not
        plain: those cells are returned for Qt to draw."""
        texts, in_stock, swatch = self._model.row_texts(row)
        background, selected_text, text_colour = colours
        painter.setFont(self._font)
        pen: QColor | None = None
        others = []
        for column, x, width in cells:
            selected = column in chosen
            if column == focused or (selected and column == COL_COLOR):
                others.append((column, x, width))
                continue
            left = x + TEXT_MARGIN
            colour = text_colour
            if selected:
                painter.fillRect(x, y, width, height, background)
                colour = selected_text
            elif column == COL_STATUS and not in_stock:
                colour = SOLD
            elif column == COL_COLOR and swatch is not None:
                painter.fillRect(left, y + (height - SWATCH) // 2, SWATCH, SWATCH, swatch)
                left += SWATCH + 2 * TEXT_MARGIN
            if colour is not pen:
                painter.setPen(colour)
                pen = colour
            laid = self._laid_out(texts[column], x + width - TEXT_MARGIN - left)
            size = laid.size()
            at: float = x + width - TEXT_MARGIN - size.width() if column in _RIGHT_ALIGNED else left
            painter.drawStaticText(QPointF(at, y + (height - round(size.height())) // 2), laid)  # as Qt rounds
        return others

    def colours_of(self, palette: QPalette, state: int) -> Colours:
        """The colours Qt's style picks for a cell in ``state`` (active, inactive or disabled window)."""
        key = (palette.cacheKey(), state & (_ACTIVE | _ENABLED))
        colours = self._colours.get(key)
        if colours is None:
            group = QPalette.ColorGroup.Active if state & _ACTIVE else QPalette.ColorGroup.Inactive
            if not state & _ENABLED:
                group = QPalette.ColorGroup.Disabled
            colours = self._colours[key] = (
                palette.brush(group, QPalette.ColorRole.Highlight),
                palette.color(group, QPalette.ColorRole.HighlightedText),
                palette.color(group, QPalette.ColorRole.Text),
            )
        return colours

    def _laid_out(self, text: str, width: int) -> QStaticText:
        """``text`` elided to ``width`` as Qt elides it, laid out once for the view's font."""
        laid = self._texts.get((text, width))
        if laid is None:
            if len(self._texts) >= TEXTS_KEPT:
                self._texts.clear()
            laid = self._static(text)
            if laid.size().width() > width:  # rare: most texts fit, and eliding lays the text out once more
                laid = self._static(self._metrics.elidedText(text, Qt.TextElideMode.ElideRight, width))
            self._texts[(text, width)] = laid
        return laid

    def _static(self, text: str) -> QStaticText:
        laid = QStaticText(text)
        laid.setTextFormat(Qt.TextFormat.PlainText)
        laid.prepare(font=self._font)  # its size (for alignment) is then the drawn one
        return laid
