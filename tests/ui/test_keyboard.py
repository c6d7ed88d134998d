"""The keyboard at the desk: Ctrl+Enter runs each tab's main action, Tab follows the layout, Enter submits."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.composition import connect
from desktop.config import AppPaths, Settings
from desktop.secrets import SecretStore
from desktop.ui.keys import MAIN_ACTIONS, follow_layout, layout_order, main_button
from desktop.ui.main_window import MainWindow
from desktop.ui.tabs.customers import CustomersTab
from desktop.ui.tabs.templates import TemplatesTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace


@pytest.fixture
def window(qtbot: QtBot, runner: TaskRunner, app_home: Path) -> MainWindow:
    w = MainWindow(AppPaths.default(), Settings(), runner, SecretStore, connect, autoconnect=False)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.tabs_ready, timeout=30_000):
        w.show()
    w.activateWindow()
    qtbot.waitActive(w)
    return w


def focus_chain(start: QWidget, members: list[QWidget]) -> list[QWidget]:
    """The members in the order Tab visits them, from `start`."""
    wanted = {id(w) for w in members}
    chain, widget = [start], start.nextInFocusChain()
    while widget is not start and len(chain) < len(members):
        if id(widget) in wanted:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def test_every_tab_has_its_main_action_on_ctrl_enter(qtbot: QtBot, window: MainWindow) -> None:
    assert set(MAIN_ACTIONS) == {type(w).__name__ for w in window.tab_widgets.values()}
    for title, tab in window.tab_widgets.items():
        button = main_button(tab)
        assert button is not None, title
        assert button.toolTip().endswith("(Ctrl+Enter)"), (title, button.toolTip())

    customers = window.tab_widgets["Customers"]
    window.tabs.setCurrentWidget(customers)
    customers.first_name.setText("Ann")
    customers.phone.setFocus()
    qtbot.waitUntil(customers.phone.hasFocus)
    assert customers.banner.text() == ""
    qtbot.keyClick(customers.phone, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert customers.banner.text() == "Pick a rooftop first (toolbar)."  # Create customer ran, and said why not
    # On another page of the tab, that page's action runs (it did nothing: New customer's button was hidden).
    customers.banner.clear_message()
    customers.pages.setCurrentIndex(4)
    field = customers.link_utm["utm_campaign"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert customers.banner.text() == "Pick a rooftop first (toolbar)."  # Create vehicle link ran, and said why not
    assert customers.link_button.toolTip().endswith("(Ctrl+Enter)")


def test_enter_submits_the_form_in_focus(qtbot: QtBot, runner: TaskRunner, workspace: Workspace) -> None:
    customers = CustomersTab(runner, workspace)
    templates = TemplatesTab(runner, workspace)
    for tab in (customers, templates):
        qtbot.addWidget(tab)
        tab.show()
    workspace.set_rooftop("umazda")
    customers.first_name.setText("Ann")
    qtbot.keyClick(customers.email, Qt.Key.Key_Return)
    assert customers.banner.text() == "Last name is required."  # Create customer ran and named the empty field
    assert customers.first_name.text() == "Ann"
    customers.pages.setCurrentIndex(4)
    qtbot.keyClick(customers.link_utm["utm_campaign"], Qt.Key.Key_Return)
    assert customers.banner.text().startswith("Not connected yet.")  # Create vehicle page link ran
    templates.name_edit.setText("Odometer")
    templates.banner.clear_message()
    qtbot.keyClick(templates.name_edit, Qt.Key.Key_Return)
    assert templates.banner.text() == "Connect to a profile to see templates."  # Save template ran, and said why not
    customers.close_register()


def test_tab_follows_the_layout_not_the_order_widgets_were_made(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    button = QPushButton("Save", page)  # made first, shown last
    second, first = QLineEdit(page), QLineEdit(page)
    form = QFormLayout()
    form.addRow("First", first)
    form.addRow("Second", second)
    layout = QVBoxLayout(page)
    layout.addLayout(form)
    layout.addWidget(button)
    assert layout_order(page) == [first, second, button]
    assert focus_chain(button, [button, first, second]) != [button, first, second]  # Qt's default: made order
    follow_layout(page)
    assert focus_chain(first, [first, second, button]) == [first, second, button]


def test_the_customer_form_tabs_from_top_to_bottom(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.tab_widgets["Customers"]
    fields = [tab.first_name, tab.last_name, tab.email, tab.phone, tab.partner_customer_id]
    fields += [tab.create_vehicle.vin_edit.edit, tab.deal_type]
    fields += [*tab.payment_edits.values(), tab.plans, tab.accessories, *tab.create_utm.values()]
    fields += [tab.checkout, tab.create_button]
    assert focus_chain(tab.first_name, fields) == fields


def test_the_deal_jacket_tabs_from_left_to_right_then_down(qtbot: QtBot, window: MainWindow) -> None:
    """Walked at the desk: Tab in the jacket followed the order its widgets were made (the jacket is built when the
    deal is bound, after the tab's Tab order was set), jumping from Salesperson past Stage to Mark lost; each box is
    then gone through top to bottom."""
    tab = window.tab_widgets["Deals"]
    form = tab.form
    fields = [form.salesperson, form.stage, form.lost_reason, form.mark_lost, form.undo_button]
    fields += [form.entries["buyer.first_name"], form.entries["buyer.last_name"], form.entries["buyer.email"]]
    assert focus_chain(form.salesperson, fields) == fields
    customers = window.tab_widgets["Customers"]
    bar = [customers.search, customers.new_button, customers.deal_link.button]
    assert focus_chain(customers.search, bar) == bar  # the deal link's button, added beside New customer
