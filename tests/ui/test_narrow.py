"""Narrow panels: columns give way in order and come back, long form rows wrap under their label."""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QScrollArea, QTableView, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.narrow import ColumnCollapser, fit_narrow
from tests.ui.layout_check import cut_off


def test_columns_collapse_in_order_and_come_back(qtbot: QtBot) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    model = QStandardItemModel(3, 5, view)
    view.setModel(model)
    view.horizontalHeader().setStretchLastSection(True)
    for column in range(5):
        view.setColumnWidth(column, 100)
    collapser = ColumnCollapser(view, [4, 1, 3], "the pane beside shows them.")
    view.resize(620, 200)
    view.show()
    qtbot.waitExposed(view)
    assert collapser.hidden() == []
    view.resize(380, 200)
    qtbot.waitUntil(lambda: collapser.hidden() == [4, 1])
    view.resize(250, 200)
    qtbot.waitUntil(lambda: collapser.hidden() == [4, 1, 3])  # as many as the order allows; the rest scrolls
    view.resize(700, 200)
    qtbot.waitUntil(lambda: collapser.hidden() == [])
    assert "the pane beside shows them" in view.horizontalHeader().toolTip()


def test_a_long_row_wraps_under_its_label_inside_a_narrow_scroll_area(qtbot: QtBot) -> None:
    area = QScrollArea()
    qtbot.addWidget(area)
    panel = QWidget()
    form = QFormLayout(panel)
    note = QLabel("Buy 0.9, sell at most 0.9 (Hyundai Motor Finance standard rates, 24 to 72 months)")
    form.addRow("Finance program", note)
    form.addRow("Sell rate", QLineEdit())
    fit_narrow(panel)
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.resize(300, 300)
    area.show()
    qtbot.waitExposed(area)
    assert note.wordWrap() and not form.labelForField(note).wordWrap()  # "Finance program" itself stays whole
    assert cut_off(area) == []


def test_a_stretched_last_column_does_not_hide_the_lack_of_room(qtbot: QtBot) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(QStandardItemModel(3, 5, view))
    view.horizontalHeader().setStretchLastSection(True)
    for column in range(5):
        view.setColumnWidth(column, 100)
    collapser = ColumnCollapser(view, [1, 3], "the pane beside shows them.")
    view.resize(480, 200)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: collapser.hidden() == [1])
    view.resize(200, 200)
    qtbot.waitUntil(lambda: collapser.hidden() == [1, 3])


def test_a_squeezed_column_wraps_in_the_room_left_and_grows_back(qtbot: QtBot) -> None:
    from PySide6.QtGui import QStandardItem

    view = QTableView()
    qtbot.addWidget(view)
    model = QStandardItemModel(0, 3, view)
    view.setModel(model)
    sentence = "Carlos Silva saved a vehicle: 2025 Land Rover Range Rover Sport Autobiography Dynamic Black"
    model.appendRow([QStandardItem("2026-11-23 19:40"), QStandardItem(sentence), QStandardItem("Natalie Wood")])
    collapser = ColumnCollapser(view, [2], "the details below show them.", squeeze=1)
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: collapser.hidden() == [] and header.sectionSize(1) >= view.sizeHintForColumn(1))
    view.resize(330, 300)
    qtbot.waitUntil(lambda: collapser.hidden() == [2] and not cut_off(view))
    assert view.rowHeight(0) > view.fontMetrics().height() * 2  # the sentence wraps over taller rows
    model.appendRow([QStandardItem("2026-11-23 19:41"), QStandardItem(sentence + " with a sunroof"), QStandardItem()])
    qtbot.waitUntil(lambda: not cut_off(view))
    view.resize(1000, 300)
    qtbot.waitUntil(lambda: collapser.hidden() == [] and header.sectionSize(1) >= view.sizeHintForColumn(1))


def test_a_table_sized_to_its_contents_is_measured_once_a_fit(qtbot: QtBot) -> None:
    """A fit after every reload (the binder's list after each upload) re-measured every row of every column after
    each section it showed or hid: 17-38 ms of the GUI thread at 20 documents."""
    from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
    from PySide6.QtGui import QStandardItem
    from PySide6.QtWidgets import QHeaderView

    class Counting(QStandardItemModel):
        asked = 0

        def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            if role == Qt.ItemDataRole.DisplayRole:
                self.asked += 1
            return super().data(index, role)

    view = QTableView()
    qtbot.addWidget(view)
    model = Counting(0, 5, view)
    for row in range(10):
        model.appendRow([QStandardItem(f"cell {row}-{column} " + "x" * column * 4) for column in range(5)])
    view.setModel(model)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    collapser = ColumnCollapser(view, [4, 1, 3], "the pane beside shows them.")
    view.resize(1200, 200)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: collapser.hidden() == [])
    header = view.horizontalHeader()
    natural = sum(max(view.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(5))
    view.resize(natural + view.width() - view.viewport().width() - 20, 200)  # the columns no longer all fit
    qtbot.waitUntil(lambda: collapser.hidden() == [4])
    model.asked = 0
    collapser.fit()
    assert collapser.hidden() == [4]
    assert model.asked < 10 * 5  # less than one pass over every cell
    view.resize(1200, 200)
    qtbot.waitUntil(lambda: collapser.hidden() == [])
