"""The mouse wheel scrolls the page; it changes a drop-down's or a number box's value only once it has the focus.

Qt's combo and spin boxes take every wheel notch that passes over them. Walked at the desk: scrolling Deal Pricing's
left column changed the lease term under the pointer (36 -> 29, "No lease deal"), one notch over the Deals tab's
stage moved the deal to Contracted and saved it, one over the rooftop picker switched rooftops and closed the deal,
and one over the Binder's customer id sent the next upload to another customer's binder. As most desktop apps do,
an unfocused box now hands the notch to the scroll area it sits in (or to nothing), and a click or Tab into the box
lets the wheel change it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget

_GUARDED = "wheelGuarded"  # a dynamic property: a box is guarded once however often its tab is guarded


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget) or watched.hasFocus():
            return False
        assert isinstance(event, QWheelEvent)
        area = scroll_area_of(watched)
        if area is not None:
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
        return True  # never the box's: its value stays


_guard: _WheelGuard | None = None


def scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area ``widget`` sits in, if any."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def guard_wheel(root: QWidget) -> None:
    """Guard ``root`` (if a box) and every combo and spin box under it; a wheel no longer gives them the focus."""
    global _guard
    if _guard is None:
        _guard = _WheelGuard(QApplication.instance())
    boxes: list[QWidget] = [*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)]
    if isinstance(root, QComboBox | QAbstractSpinBox):
        boxes.append(root)
    for box in boxes:
        if box.property(_GUARDED):
            continue
        box.setProperty(_GUARDED, True)
        if box.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        box.installEventFilter(_guard)
