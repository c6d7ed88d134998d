"""The mouse wheel scrolls the page; it changes a drop-down's or a number box's value only once it has the focus.

Qt's combo and spin boxes take every wheel notch that passes over them. Walked at the desk: scrolling Deal Pricing's
left column changed the lease term under the pointer (36 -> 29, "No lease deal"), one notch over the Deals tab's
stage moved the deal to Contracted and saved it, one over the rooftop picker switched rooftops and closed the deal,
and one over the Binder's customer id sent the next upload to another customer's binder. As most desktop apps do,
an unfocused box now hands the notch to the scroll area it sits in (or to nothing), and a click or Tab into the
box lets the wheel change it.

The desk's boxes are these classes, which answer the wheel themselves, rather than plain boxes watched by an event
filter: a filter written in Python is called for every event its boxes get (shows, hides, paints: about 35 a tab
switch), each a call from Qt into Python that waits for the interpreter lock while a worker runs Python. A class's
own ``wheelEvent`` is called for wheel events alone; Qt asks no Python for a box's other events.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QSpinBox,
    QWidget,
)


class WheelGuarded:
    """A box that takes the wheel only when focused; unfocused, the notch goes to the scroll area it sits in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)  # type: ignore[call-arg]
        assert isinstance(self, QWidget)
        if self.focusPolicy() == Qt.FocusPolicy.WheelFocus:  # a passing notch gave it the focus, then the value
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        assert isinstance(self, QWidget)
        if self.hasFocus():
            super().wheelEvent(event)  # type: ignore[misc]
            return
        event.accept()  # never the box's, and not passed on as well: the page scrolls once
        area = scroll_area_of(self)
        if area is None:
            return
        # Handed on by hand: Qt passes an ignored wheel event to the parents only when the window system sent it.
        viewport = area.viewport()
        at = QPointF(viewport.mapFromGlobal(event.globalPosition().toPoint()))
        scroll = QWheelEvent(
            at,
            event.globalPosition(),
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
        )
        QApplication.sendEvent(viewport, scroll)


class ComboBox(WheelGuarded, QComboBox):
    """The desk's drop-down (see the module)."""


class SpinBox(WheelGuarded, QSpinBox):
    """The desk's whole-number box (see the module)."""


class DoubleSpinBox(WheelGuarded, QDoubleSpinBox):
    """The desk's decimal box (see the module)."""


def unguarded_boxes(root: QWidget) -> list[QWidget]:
    """The drop-downs and number boxes under ``root`` (itself included) that a passing wheel notch would change."""
    boxes: list[QWidget] = [*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)]
    if isinstance(root, QComboBox | QAbstractSpinBox):
        boxes.append(root)
    return [box for box in boxes if not isinstance(box, WheelGuarded)]


def scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area ``widget`` sits in, if any."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None
