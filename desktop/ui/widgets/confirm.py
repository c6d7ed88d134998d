"""A question before something that cannot be undone: the safe answer is the default, the dialog never blocks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget


def ask(
    parent: QWidget,
    title: str,
    text: str,
    *,
    on_answer: Callable[[bool], None],
    accept: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes,
    accept_text: str = "Delete",
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
) -> QMessageBox:
    """Open a window-modal question; ``on_answer(True)`` when ``accept`` (renamed ``accept_text``) was chosen.

    Cancel is the default button, so Enter never deletes or duplicates anything by accident. ``open()`` rather than
    ``exec()``: the event loop keeps turning. The caller keeps the box (tests click its buttons).
    """
    box = QMessageBox(icon, title, text, accept | QMessageBox.StandardButton.Cancel, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.button(accept).setText(accept_text)
    box.finished.connect(lambda result: on_answer(result == accept))
    box.open()
    return box
