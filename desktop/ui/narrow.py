"""Forms that fit a narrow panel: long labels wrap, and a row whose field is too wide puts it under its label.

A panel beside the deal (Deal Pricing's form) has about 360 px on a 1280 px laptop. Qt lays a form out at the
width of its widest row; one long note or check box would make the whole panel wider than its scroll area and cut
every field at the right edge. This is applied once, after a panel is built.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget


def fit_narrow(panel: QWidget) -> None:
    """Let `panel` shrink to its fields' width: labels that say something wrap, long rows wrap under their label."""
    forms = panel.findChildren(QFormLayout)
    row_labels: set[int] = set()
    for form in forms:
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and item.widget() is not None:
                row_labels.add(id(item.widget()))
    for label in panel.findChildren(QLabel):
        if id(label) not in row_labels:
            label.setWordWrap(True)
