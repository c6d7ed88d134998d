"""The inventory table: sorted by VIN, whole rows selected, and the columns the detail pane repeats give way first.

Its page is painted in one Python call. Qt's table paints a page of ~25 rows x 12 columns by calling the item
delegate once per cell, and each call through the binding copies the cell's style option and index into Python:
that crossing, not the drawing, was most of a page turn's paint. The table walks the page itself and hands each
plain cell to its delegate's drawing (:meth:`InventoryDelegate.draw_row`) as Qt's table would: the same cells,
rectangles, selection and grid lines. The focused cell and a selected row's swatch, and any table laid out
otherwise (rows hidden or moved, right-to-left), are painted by Qt.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QStyleOptionViewItem, QTableView, QWidget

from desktop.ui.models import inventory_columns as cols
from desktop.ui.models.inventory import InventoryModel
from desktop.ui.narrow import ColumnCollapser
from desktop.ui.tabs.inventory.delegate import InventoryDelegate
from desktop.ui.widgets.qt_header import header_in_qt

WIDTHS = ((cols.COL_VIN, 170), (cols.COL_MODEL, 120), (cols.COL_TRIM, 150), (cols.COL_COLOR, 170))
# On a laptop the columns the detail pane repeats give way first; the VIN, trim, price and status stay.
COLLAPSE = [cols.COL_UPDATED, cols.COL_BODY, cols.COL_MAKE, cols.COL_YEAR, cols.COL_COLOR, cols.COL_CHAIZ]
_SELECTED = QStyle.StateFlag.State_Selected
_FOCUSED = QStyle.StateFlag.State_HasFocus
_ROW_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewRow


class InventoryTable(QTableView):
    """A table view whose page of plain cells is painted in one Python call (see the module's docstring)."""

    def __init__(self, model: InventoryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def paintEvent(self, e: QPaintEvent) -> None:
        delegate = self.itemDelegate()
        if isinstance(delegate, InventoryDelegate):
            delegate.follow_font(self.font())
        rows = self.verticalHeader()
        if (
            not isinstance(delegate, InventoryDelegate)
            or self.model() is not self._model
            or rows.sectionsHidden()
            or rows.sectionsMoved()
            or self.isRightToLeft()
        ):
            super().paintEvent(e)
            return
        header = self.horizontalHeader()
        area = e.rect()  # the system clip keeps the painting inside the event's region
        area.setBottom(min(area.bottom(), rows.length() - rows.offset() - 1))
        area.setRight(min(area.right(), header.length() - header.offset() - 1))
        if not area.isValid():
            return
        top = rows.visualIndexAt(area.top())
        bottom = rows.visualIndexAt(area.bottom())
        if bottom == -1:
            bottom = rows.count() - 1
        if top == -1 or top > bottom:
            return
        grid = 1 if self.showGrid() else 0
        columns = self._columns(area, grid)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        colours = delegate.colours_of(option.palette, option.state.value)  # type: ignore[attr-defined]
        current = self.currentIndex()
        focus_at = (-1, -1)
        if current.isValid() and (self.hasFocus() or self.viewport().hasFocus()):
            focus_at = (current.row(), current.column())
        picked = self._selected(top, bottom)
        lines: list[int] = []
        painter = QPainter(self.viewport())
        for row in range(top, bottom + 1):
            y = rows.sectionViewportPosition(row)
            height = rows.sectionSize(row) - grid
            lines.append(y + height)
            focused = focus_at[1] if focus_at[0] == row else -1
            chosen = picked.get(row, ())
            for column, x, width in delegate.draw_row(painter, row, y, height, columns, chosen, focused, colours):
                cell = QStyleOptionViewItem(option)
                cell.rect = QRect(x, y, width, height)  # type: ignore[attr-defined]
                if column in chosen:
                    cell.state |= _SELECTED  # type: ignore[attr-defined]
                if column == focused:
                    cell.state |= _FOCUSED  # type: ignore[attr-defined]
                self.style().drawPrimitive(_ROW_PANEL, cell, painter, self)
                delegate.paint(painter, cell, self._model.index(row, column))
        if grid:
            hint = self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self)
            painter.setPen(QPen(QColor.fromRgba(hint & 0xFFFFFFFF), 1, self.gridStyle()))
            for y in lines:
                painter.drawLine(QLineF(area.left(), y, area.right(), y).translated(0.5, 0.5))
            for _column, x, width in columns:
                painter.drawLine(QLineF(x + width, area.top(), x + width, area.bottom()).translated(0.5, 0.5))
        painter.end()

    def _columns(self, area: QRect, grid: int) -> list[tuple[int, int, int]]:
        """The shown columns the area crosses, in their visual order: (column, x, cell width)."""
        header = self.horizontalHeader()
        left = header.visualIndexAt(area.left())
        right = header.visualIndexAt(area.right())
        left = 0 if left == -1 else left
        right = header.count() - 1 if right == -1 else right
        found = []
        for visual in range(left, right + 1):
            column = header.logicalIndex(visual)
            if not header.isSectionHidden(column):
                found.append((column, header.sectionViewportPosition(column), header.sectionSize(column) - grid))
        return found

    def _selected(self, top: int, bottom: int) -> dict[int, set[int] | range]:
        """The selected columns of each selected row from ``top`` to ``bottom``, from the selection's ranges."""
        picked: dict[int, set[int] | range] = {}
        for span in self.selectionModel().selection():  # type: ignore[attr-defined]
            first, last = max(span.top(), top), min(span.bottom(), bottom)
            across = range(span.left(), span.right() + 1)
            for row in range(first, last + 1):
                had = picked.get(row)
                picked[row] = across if had is None else {*had, *across}
        return picked


def inventory_table(model: InventoryModel, parent: QWidget) -> tuple[QTableView, ColumnCollapser]:
    """The table over ``model`` and the collapser that hides its repeated columns when the tab is narrow."""
    table = InventoryTable(model, parent)
    table.setObjectName("inventoryTable")
    table.setModel(model)
    header_in_qt(table)  # its titles painted without Python
    table.setSortingEnabled(True)
    table.sortByColumn(cols.COL_VIN, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    table.setWordWrap(False)  # one line per cell, elided: what the delegate draws (a 24 px row shows one line)
    table.setItemDelegate(InventoryDelegate(table, model))  # half the paint of Qt's (see delegate.py)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for col, width in WIDTHS:
        table.setColumnWidth(col, width)
    header.setStretchLastSection(True)
    return table, ColumnCollapser(table, COLLAPSE, "select a vehicle to see them in the pane beside.")
