"""Lists refresh themselves when what they show changes, in the background, keeping the selection."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot

from desktop.sandbox.server import SandboxServer
from desktop.store.customers import CustomerRecord
from desktop.ui.tabs.binder import BinderTab
from desktop.ui.tabs.customers import CustomersTab
from desktop.ui.tabs.templates import TemplatesTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import DOCUMENTS, TEMPLATES, Workspace
from tests.binder_helpers import SMILE_PNG, make_customer
from tests.conftest import roadster_for
from tests.ui.conftest import connection_to
from tests.ui.test_binder_tab import open_customer, upload_direct


@dataclass
class Desk:
    customers: CustomersTab
    binder: BinderTab
    templates: TemplatesTab


@pytest.fixture
def desk(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, fresh_sandbox: SandboxServer) -> Iterator[Desk]:
    workspace.set_rooftop("hyundaidemo")
    tabs = Desk(CustomersTab(runner, workspace), BinderTab(runner, workspace), TemplatesTab(runner, workspace))
    for widget in (tabs.customers, tabs.binder, tabs.templates):
        qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: tabs.binder.binder is not None)
    with qtbot.waitSignal(tabs.templates.templates_loaded, timeout=10_000):
        workspace.set_connection(connection_to(fresh_sandbox))
    yield tabs
    runner.wait_idle()
    tabs.customers.close_register()
    if tabs.binder.binder is not None:
        tabs.binder.binder.queue.close()


def test_a_new_customer_shows_in_the_binder_and_its_order_in_templates(
    qtbot: QtBot, desk: Desk, fresh_sandbox: SandboxServer
) -> None:
    client = roadster_for(fresh_sandbox)
    try:
        [vehicle], _ = client.inventory_page("hyundaidemo", size=1, in_stock=True)
    finally:
        client.close()
    assert not any(
        "Lena Live" in desk.templates.order_combo.itemText(i) for i in range(desk.templates.order_combo.count())
    )
    address = f"live.{uuid.uuid4().hex[:8]}@example.com"
    tab = desk.customers
    tab.first_name.setText("Lena")
    tab.last_name.setText("Live")
    tab.email.setText(address)
    tab.create_vehicle.vin_edit.edit.setText(str(vehicle["vin"]))
    tab.deal_type.setCurrentIndex(tab.deal_type.findData("finance"))
    tab.payment_edits["finance_down"].setText("2000")
    tab.payment_edits["finance_months"].setText("60")
    with qtbot.waitSignal(desk.templates.orders_loaded, timeout=20_000):
        tab.create_button.click()
    combo = desk.binder.customer_combo
    qtbot.waitUntil(lambda: any(address in combo.itemText(i) for i in range(combo.count())), timeout=10_000)
    assert any("Lena Live" in desk.templates.order_combo.itemText(i) for i in range(desk.templates.order_combo.count()))


def test_reloads_keep_what_was_selected(
    qtbot: QtBot, desk: Desk, workspace: Workspace, fresh_sandbox: SandboxServer
) -> None:
    desk.templates.list.setCurrentRow(1)
    with qtbot.waitSignal(desk.templates.templates_loaded, timeout=10_000):
        workspace.announce(TEMPLATES)
    assert desk.templates.list.currentRow() == 1

    customer = make_customer(fresh_sandbox)
    upload_direct(fresh_sandbox, customer, SMILE_PNG)
    open_customer(qtbot, desk.binder, customer)
    desk.binder.table.selectRow(0)
    [chosen] = desk.binder.selected_documents()
    second = upload_direct(fresh_sandbox, customer, SMILE_PNG)
    with qtbot.waitSignal(desk.binder.documents_loaded, timeout=10_000):
        workspace.announce(DOCUMENTS)  # another part of the desk uploaded a file
    assert desk.binder.model.rowCount() == 2 and second in {d.id for d in desk.binder.model.documents()}
    assert [d.id for d in desk.binder.selected_documents()] == [chosen.id]


def test_the_binder_reads_the_customers_tabs_register_and_opens_none_of_its_own(
    qtbot: QtBot, desk: Desk, runner: TaskRunner
) -> None:
    """The soak's "customers-soak.sqlite3 +1": the Binder's picker opened a register of its own for each read and
    closed it, but SQLite keeps a closed connection's file open while another connection (the Customers tab's)
    holds the file's locks. The picker reads the one register of the profile instead."""
    register = desk.customers.register()
    saved: list[object] = []
    record = CustomerRecord("hyundaidemo", 41, "Ann", "Binder", "ann.binder@example.com")
    runner.submit(lambda: register.upsert(record), saved.append, label="Saving", write=True)
    qtbot.waitUntil(lambda: len(saved) == 1)
    runner.wait_idle()
    register.close()  # no connection left: the picker's read must open one in this register
    combo = desk.binder.customer_combo
    combo.clear()
    desk.binder._load_register()  # what showing the tab, or a customer saved elsewhere, does
    qtbot.waitUntil(lambda: combo.findData(41) >= 0, timeout=10_000)
    runner.wait_idle()
    assert register.db.open_connections == 1
