"""A table's column titles kept in a model of Qt's own, so painting the header asks no Python.

A header view asks its model for each section's title, font, alignment, colours and more every time it paints or
measures, and a model written in Python answers each from Python: 77-99 calls a switch to the Inventory, Deals,
Customers or Binder tab (``bench/bench_tabs_gui.py --profile``), each taking the interpreter lock, which a busy
worker then holds for up to the switch interval. The desk's tables have fixed columns, so their titles are read
once and the header is given a ``QStandardItemModel`` holding them; sorting, resizing and hiding sections still
act on the table's own model (the view connects the header's clicks to it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView


def header_in_qt(view: QTableView) -> QStandardItemModel:
    """Give ``view``'s column header its model's titles in Qt's own model. Call right after ``view.setModel``
    (the header's sections are laid out anew) and before setting the header's resize modes or sizes."""
    model = view.model()
    horizontal = Qt.Orientation.Horizontal
    titles = [str(model.headerData(c, horizontal) or "") for c in range(model.columnCount())]
    header = view.horizontalHeader()
    labels = QStandardItemModel(0, len(titles), header)
    labels.setHorizontalHeaderLabels(titles)
    header.setModel(labels)
    return labels
