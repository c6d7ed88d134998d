"""A wheel notch over a drop-down or a number box scrolls the page unless the box has the focus (walked at the desk:
scrolling Deal Pricing changed the lease term, a notch over the deal's stage moved the deal to Contracted)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QSpinBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.widgets.wheel_guard import guard_wheel


def notch(widget: QWidget, down: bool = True) -> None:
    """One wheel notch over the middle of ``widget``, as the window system delivers it."""
    at = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        at,
        QPointF(widget.mapToGlobal(at.toPoint())),
        QPoint(),
        QPoint(0, -120 if down else 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def page(qtbot: QtBot) -> tuple[QScrollArea, QComboBox, QSpinBox]:
    area = QScrollArea()
    qtbot.addWidget(area)
    inner = QWidget()
    column = QVBoxLayout(inner)
    combo, spin = QComboBox(), QSpinBox()
    combo.addItems(["Lead", "Working", "Priced", "Contracted"])
    spin.setRange(0, 99_999)
    spin.setValue(12_345)
    column.addWidget(combo)
    column.addSpacing(2_000)  # a page taller than its window: it scrolls
    column.addWidget(spin)
    area.setWidget(inner)
    area.resize(300, 300)
    area.show()
    qtbot.waitExposed(area)
    return area, combo, spin


def test_an_unfocused_box_hands_the_notch_to_the_page(qtbot: QtBot) -> None:
    area, combo, spin = page(qtbot)
    guard_wheel(area)
    area.setFocus()
    notch(combo)
    assert combo.currentIndex() == 0  # the stage stays
    assert area.verticalScrollBar().value() > 0  # the page scrolled instead
    area.ensureWidgetVisible(spin)
    notch(spin)
    assert spin.value() == 12_345
    assert not combo.hasFocus() and not spin.hasFocus()  # a wheel does not focus a box either


def test_a_focused_box_takes_the_wheel(qtbot: QtBot) -> None:
    area, combo, _spin = page(qtbot)
    guard_wheel(area)
    guard_wheel(area)  # guarding again changes nothing
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    notch(combo)
    assert combo.currentIndex() == 1
