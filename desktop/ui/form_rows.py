"""Labelled field rows: the one way a form in this app is laid out from (label, field) pairs."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QFormLayout, QWidget

Row = tuple[str, QWidget]


def form_rows(rows: Iterable[Row], parent: QWidget | None = None) -> QFormLayout:
    """A form with one row per (label, field), laid on ``parent`` when given (a group box), else to be nested."""
    form = QFormLayout(parent) if parent is not None else QFormLayout()
    for label, field in rows:
        form.addRow(label, field)
    return form
