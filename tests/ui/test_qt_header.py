"""A table's column titles are painted from Qt's own model: a header repaint asks no Python, and a click on a title
still sorts the table's model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop.ui.models.common import Index, RowsTableModel
from desktop.ui.widgets.qt_header import header_in_qt


class Names(RowsTableModel[tuple[str, int]]):
    HEADERS = ("Name", "Age")
    asked = 0  # headerData calls: each one from Qt into Python

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        Names.asked += 1
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_object(index)
        return None if row is None or role != Qt.ItemDataRole.DisplayRole else str(row[index.column()])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=lambda r: r[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


def test_the_header_paints_from_qt_and_sorts_the_tables_model(qtbot: QtBot) -> None:
    model = Names()
    model.set_rows([("Rosa", 41), ("Ann", 29), ("Zed", 35)])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    header_in_qt(view)
    view.setSortingEnabled(True)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    assert [header.model().headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == ["Name", "Age"]
    assert header.count() == 2 and view.model() is model
    Names.asked = 0
    header.viewport().repaint()
    header.resizeSections(header.ResizeMode.ResizeToContents)
    assert Names.asked == 0
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(1) + 5, 5))
    assert [model.index(r, 0).data() for r in range(3)] == ["Ann", "Zed", "Rosa"]  # by age, in the table's model
    assert header.sortIndicatorSection() == 1
