"""The inventory table's own delegate draws exactly what Qt's would, in half the time (see delegate.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QApplication, QStyledItemDelegate
from pytestqt.qtbot import QtBot

from desktop.store.inventory_cache import ROW_IN_STOCK
from desktop.ui.models import inventory_columns as cols
from desktop.ui.style import STYLE
from desktop.ui.tabs.inventory import InventoryTab
from desktop.ui.tabs.inventory.delegate import InventoryDelegate
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.ui.test_models import rows


def painted(qtbot: QtBot, tab: InventoryTab, delegate: QStyledItemDelegate) -> QImage:
    tab.table.setItemDelegate(delegate)
    return tab.table.viewport().grab().toImage()


def shown_tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, data: list[Any]) -> InventoryTab:
    """The Inventory tab on screen, wide enough for every column, listing ``data``."""
    tab = InventoryTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.resize(1900, 600)
    tab.show()
    qtbot.waitExposed(tab)
    tab.model.set_rows(data)
    return tab


def test_the_cells_look_as_qt_draws_them(qtbot: QtBot, runner: TaskRunner, workspace: Workspace) -> None:
    """Pixel for pixel: selected rows, a sold vehicle's status in its colour, right-aligned prices and years, texts
    elided in narrow columns, the colour swatch and the focused cell."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyleSheet(STYLE)
    try:
        data = rows(60)
        assert {r[ROW_IN_STOCK] for r in data} == {0, 1}
        tab = shown_tab(qtbot, runner, workspace, data)
        table, flags = tab.table, QItemSelectionModel.SelectionFlag
        for column, width in ((cols.COL_VIN, 80), (cols.COL_MODEL, 45), (cols.COL_TRIM, 50), (cols.COL_MSRP, 40)):
            table.setColumnWidth(column, width)
        qtbot.waitUntil(lambda: not tab.collapser._later.isActive())  # the columns fitted to the window
        assert not table.horizontalHeader().isSectionHidden(cols.COL_COLOR)  # the swatches are drawn too
        table.selectionModel().select(tab.model.index(2, 0), flags.Select | flags.Rows)
        table.setFocus()
        table.selectionModel().setCurrentIndex(tab.model.index(5, 3), flags.Select | flags.Rows)
        ours = table.itemDelegate()
        assert isinstance(ours, InventoryDelegate)
        qt = QStyledItemDelegate(table)
        assert painted(qtbot, tab, qt) == painted(qtbot, tab, ours)
        table.setFont(QFont(table.font().family(), table.font().pointSize() + 3))  # texts are elided anew
        assert painted(qtbot, tab, qt) == painted(qtbot, tab, ours)
        # ... learnt from the table's paint: no event filter, which Qt would call for every event of the table
        assert InventoryDelegate.eventFilter is QStyledItemDelegate.eventFilter
    finally:
        app.setStyleSheet("")


def test_a_page_is_painted_in_one_call_and_only_the_cells_qt_must_draw_reach_the_delegate(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace
) -> None:
    """Each cell through the delegate copied its style option and index across the binding: the table paints its
    plain cells itself, and hands the delegate only the focused cell and a selected row's swatch."""
    tab = shown_tab(qtbot, runner, workspace, rows(60))
    table, flags = tab.table, QItemSelectionModel.SelectionFlag
    qtbot.waitUntil(lambda: not tab.collapser._later.isActive())
    table.setFocus()
    table.selectionModel().setCurrentIndex(tab.model.index(1, cols.COL_VIN), flags.Select | flags.Rows)
    delegate = table.itemDelegate()
    assert isinstance(delegate, InventoryDelegate)
    called: list[tuple[int, int]] = []
    original = delegate.paint

    def counted(painter: object, option: object, index: object) -> None:
        called.append((index.row(), index.column()))  # type: ignore[attr-defined]
        original(painter, option, index)  # type: ignore[arg-type]

    delegate.paint = counted  # type: ignore[method-assign]
    table.viewport().repaint()
    assert sorted(called) == [(1, cols.COL_VIN), (1, cols.COL_COLOR)]
