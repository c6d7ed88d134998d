"""Helpers the links share: placing a widget beside one a tab already has, and quiet two-way text binding."""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import QBoxLayout, QLayout, QLineEdit, QWidget

from desktop.domain.deals import FieldError, get_text
from desktop.ui.current_deal import CurrentDeal


def _find(layout: QLayout, anchor: QWidget) -> tuple[QBoxLayout, int] | None:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        if item.widget() is anchor and isinstance(layout, QBoxLayout):
            return layout, i
        child = item.layout()
        if child is not None and (found := _find(child, anchor)) is not None:
            return found
    return None


def insert_beside(anchor: QWidget, widget: QWidget) -> None:
    """Put ``widget`` right after ``anchor`` in the box layout that holds it (so a tab's file need not change)."""
    parent = anchor.parentWidget()
    while parent is not None:
        layout = parent.layout()
        found = _find(layout, anchor) if layout is not None else None
        if found is not None:
            box, index = found
            box.insertWidget(index + 1, widget)
            return
        parent = parent.parentWidget()
    raise LookupError("the anchor widget is in no box layout")


def show_text(current: CurrentDeal, path: str, entry: QLineEdit, *, empty: str | None = None) -> None:
    """Put the deal's value at ``path`` in ``entry`` unless the user is typing there (their text wins).

    An unknown value leaves the entry as it is, unless ``empty`` says what to show instead (another deal was
    opened: the last deal's values must not stay on screen as if they were this one's).
    """
    deal = current.deal
    if deal is None or entry.hasFocus():
        return
    try:
        text = get_text(deal, path)
    except FieldError:
        text = ""
    if not text and empty is not None:
        text = empty
    if (text or empty is not None) and entry.text() != text:
        entry.setText(text)


def write_text(current: CurrentDeal, path: str, text: str) -> None:
    """Store typed text in the deal when it is valid; the tab's own form names a bad value when it is submitted."""
    if current.deal is None:
        return
    with contextlib.suppress(FieldError):  # half-typed: the tab's own checks (and the Deals form) name the field
        current.edit(path, text)
