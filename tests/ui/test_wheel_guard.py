"""A wheel notch over a drop-down or a number box scrolls the page unless the box has the focus (walked at the desk:
scrolling Deal Pricing changed the lease term, a notch over the deal's stage moved the deal to Contracted)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QSpinBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.widgets import wheel_guard
from desktop.ui.widgets.wheel_guard import ComboBox, DoubleSpinBox, SpinBox, WheelGuarded, unguarded_boxes


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
    combo, spin = ComboBox(), SpinBox()
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
    area.setFocus()
    notch(combo)
    assert combo.currentIndex() == 0  # the stage stays
    assert area.verticalScrollBar().value() > 0  # the page scrolled instead
    area.ensureWidgetVisible(spin)
    notch(spin)
    assert spin.value() == 12_345
    assert not combo.hasFocus() and not spin.hasFocus()  # a wheel does not focus a box either


def test_a_focused_box_takes_the_wheel(qtbot: QtBot) -> None:
    _area, combo, _spin = page(qtbot)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    notch(combo)
    assert combo.currentIndex() == 1


def test_a_plain_box_is_found_unguarded(qtbot: QtBot) -> None:
    """What the window's test walks every tab with: a box made as Qt's own would take a passing notch."""
    root = QWidget()
    qtbot.addWidget(root)
    guarded, plain = ComboBox(root), QSpinBox(root)
    decimals = DoubleSpinBox(root)
    assert unguarded_boxes(root) == [plain]
    assert isinstance(guarded, WheelGuarded) and isinstance(decimals, WheelGuarded)
    assert guarded.focusPolicy() == Qt.FocusPolicy.StrongFocus  # a notch does not give it the focus either
    plain.setValue(5)
    notch(plain)
    assert plain.value() == 4  # the defect the guard is for


def test_a_box_asks_python_for_wheel_events_alone() -> None:
    """The guard is the boxes' own ``wheelEvent``, not an event filter: Qt calls a filter written in Python for
    every event of every box it watches (each call waiting for the interpreter lock beside a worker), while a class's
    Python method is called for its own event only (PySide notes, per object, the virtuals with no Python override)."""
    own = [name for name in vars(WheelGuarded) if not name.startswith("__")]
    assert own == ["wheelEvent"]
    for box in (ComboBox, SpinBox, DoubleSpinBox):
        own = [name for name in vars(box) if not name.startswith("__") and name != "staticMetaObject"]  # PySide's
        assert own == []  # only __init__
    filters = [
        value
        for value in vars(wheel_guard).values()
        if isinstance(value, type)
        and value.__module__ == wheel_guard.__name__
        and issubclass(value, QObject)
        and "eventFilter" in vars(value)
    ]
    assert filters == []
