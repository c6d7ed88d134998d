"""The reserved message line: a message never moves the controls below it, and errors can be dismissed."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.widgets.banner import Banner


def test_messages_never_move_the_controls_below(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    banner = Banner(page)
    button = QPushButton("Tick the rebate", page)
    layout = QVBoxLayout(page)
    layout.addWidget(banner)
    layout.addWidget(button)
    layout.addStretch(1)
    page.resize(500, 300)
    page.show()
    qtbot.waitExposed(page)
    where = button.geometry()
    banner.show_error("The Roadster API refused the key for profile Production (401). Check the key in Settings. " * 5)
    layout.activate()  # lay out now, as the next event-loop turn would
    assert button.geometry() == where and banner.isVisible()
    assert banner.label.text().endswith("…") and banner.toolTip() == banner.text()  # cut to two lines, whole in tip
    banner.show_info("Saved.")
    layout.activate()
    assert button.geometry() == where and banner.label.text() == "Saved." and banner.toolTip() == ""
    banner.clear_message()
    layout.activate()
    assert button.geometry() == where and not banner.isVisible()


def test_errors_are_dismissable_notices_are_not(qtbot: QtBot) -> None:
    banner = Banner()
    qtbot.addWidget(banner)
    banner.resize(400, banner.height())
    banner.show_info("Loading…")
    assert banner.dismiss_button.isHidden()
    banner.show_error("Could not load the templates.")
    assert not banner.dismiss_button.isHidden()
    height = banner.height()
    banner.dismiss_button.click()
    assert banner.text() == "" and not banner.isVisible() and banner.height() == height


def test_a_field_message_never_moves_the_rows_below(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit

    from desktop.ui.widgets.field_message import FieldMessage

    page = QWidget()
    qtbot.addWidget(page)
    form = QFormLayout(page)
    score = QLineEdit(page)
    box = QWidget(page)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(score)
    message = FieldMessage(box)
    column.addWidget(message)
    rebate = QCheckBox("Owner Loyalty Cash $500.00", page)
    form.addRow("Credit score", box)
    form.addRow("Rebates claimed", rebate)
    page.resize(300, 200)
    page.show()
    qtbot.waitExposed(page)
    where = rebate.geometry()
    message.setText("Credit score must be between 300 and 850; the lenders' tiers start at 300 and end at 850.")
    message.show()
    form.activate()  # lay out now, as the next event-loop turn would
    assert rebate.geometry() == where
    assert message.text().startswith("Credit score must be") and message.toolTip() == message.text()
    message.hide()
    form.activate()
    assert rebate.geometry() == where
