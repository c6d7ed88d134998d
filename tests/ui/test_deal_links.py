"""The tabs' links to the current deal, one by one: customer events, the order offered for packets, the binder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.deals import Deal, Person, Stage
from desktop.store.customers import CustomerRecord, CustomerRegister, register_file
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.tabs.customers import CustomersTab
from desktop.ui.tabs.templates import TemplatesTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.ui.conftest import current_deal
from tests.ui.test_vehicle_picker import fill, vin_for

DPID = "umazda"


@pytest.fixture
def current(qtbot: QtBot, runner: TaskRunner, tmp_path: Path) -> Iterator[CurrentDeal]:
    with current_deal(runner, tmp_path, "ann.agent") as deal:
        yield deal


def event(kind: str, customer_id: int, email: str, **extra: Any) -> dict[str, Any]:
    return {"event_type": kind, "dealer": {"dpid": DPID}, "customer": {"id": customer_id, "email": email}, **extra}


def customers_tab_and_bos_deal(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, current: CurrentDeal
) -> tuple[CustomersTab, Any, Deal]:
    """The Customers tab bound to the current deal at DPID, and another deal in the store, Bo's."""
    tab = CustomersTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.bind_deal(current)
    workspace.set_rooftop(DPID)
    store = current.store
    assert store is not None
    bo = store.create(Deal(DPID, buyer=Person(first_name="Bo", email="bo@example.com")), "bo", "UM")
    return tab, store, bo


def test_customer_events_update_the_open_deal_and_the_others_in_the_store(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, current: CurrentDeal
) -> None:
    tab, store, other = customers_tab_and_bos_deal(qtbot, runner, workspace, current)
    current.start(buyer=Person(first_name="Ann", email="ann@example.com"))
    qtbot.waitUntil(lambda: current.deal is not None)
    assert tab.first_name.text() == "Ann" and tab.email.text() == "ann@example.com"  # the deal's customer
    with qtbot.waitSignal(workspace.data_changed, timeout=5000) as changed:  # the Deals list reloads on this
        tab.events_arrived.emit(
            [
                event("customer_requested_price", 41, "ANN@example.com", order={"id": 300041}),
                event("service_made_credit_decision", 42, "bo@example.com"),
            ]
        )
        assert current.deal is not None
        assert (current.deal.buyer.customer_id, current.deal.order_id, current.deal.stage) == (
            41,
            "300041",
            Stage.WORKING,
        )
    assert changed.args == ["deals", DPID]
    assert store.get(other.id).stage is Stage.PRICED  # announced once it was saved
    assert store.get(other.id).buyer.customer_id == 42
    qtbot.waitUntil(lambda: not current.dirty, timeout=5000)
    assert store.get(current.deal.id).order_id == "300041"


def test_a_deal_opened_while_its_customers_event_waits_takes_the_event_without_a_conflict(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, current: CurrentDeal
) -> None:
    """The event job was told at submit that no deal was open; the deal was opened (and typed in) before it ran.
    It saved the deal behind the desk, and the desk's next save met its own event as a conflict."""
    import threading

    tab, store, bo = customers_tab_and_bos_deal(qtbot, runner, workspace, current)
    hold = threading.Event()
    runner.submit(hold.wait, write=True)  # the write slot is busy: the event's job waits behind it
    conflicts: list[Any] = []
    current.conflict.connect(conflicts.append)
    tab.events_arrived.emit([event("customer_requested_price", 42, "bo@example.com", order={"id": 300042})])
    current.open(store.get(bo.id))  # opened before the event's job runs
    current.edit("buyer.phone", "(415) 555-0142")
    hold.set()
    qtbot.waitUntil(lambda: current.deal is not None and current.deal.order_id == "300042", timeout=5000)
    qtbot.waitUntil(lambda: not current.dirty, timeout=5000)
    runner.wait_idle()
    stored = store.get(bo.id)
    assert conflicts == []
    assert (stored.order_id, stored.buyer.customer_id, stored.stage) == ("300042", 42, Stage.WORKING)
    assert stored.buyer.phone == current.deal.buyer.phone != ""  # what was typed is saved too


def test_a_vehicle_picked_from_the_list_is_the_deals_vehicle(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, current: CurrentDeal
) -> None:
    fill(workspace.cache, DPID, 4)
    tab = CustomersTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.bind_deal(current)
    workspace.set_rooftop(DPID)
    current.start(buyer=Person(first_name="Ann", email="ann@example.com"))
    qtbot.waitUntil(lambda: current.deal is not None and tab.create_vehicle.model.rowCount() > 0)
    vin = tab.create_vehicle.model.choice(0).vin
    tab.create_vehicle.completer.activated.emit(vin)  # as choosing the row in the list does: no keystroke
    assert tab.create_vehicle.vin_edit.edit.text() == vin
    assert current.deal is not None and current.deal.vehicle.vin == vin  # it was typed-only before


def test_start_deal_for_a_customer_created_with_a_car_starts_on_that_car(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, current: CurrentDeal
) -> None:
    register = CustomerRegister(register_file(workspace.paths.data, workspace.profile.name))
    register.upsert(CustomerRecord(DPID, 51, "Ann", "Lee", "ann@example.com", vin="JM3KFBCM1R0123456"))
    register.close()
    tab = CustomersTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.bind_deal(current)
    workspace.set_rooftop(DPID)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    tab.table.selectRow(0)
    tab.deal_link.start_or_open()
    qtbot.waitUntil(lambda: current.deal is not None, timeout=5000)
    assert current.deal is not None and current.deal.buyer.customer_id == 51
    assert (current.deal.vehicle.vin, current.deal.vehicle.make) == ("JM3KFBCM1R0123456", "Mazda")  # not empty
    number = current.deal.number
    assert tab.banner.text() == f"Deal {number} is open: the strip above shows it on every tab."
    tab.banner.clear_message()
    runner.wait_idle()
    tab.deal_link.start_or_open()  # her deal is open already: nothing on the tab changes, so it is said again
    qtbot.waitUntil(lambda: tab.banner.text().startswith(f"Deal {number} is open"), timeout=5000)
    runner.wait_idle()
    tab.close_register()


def test_typing_a_new_customer_beside_a_deal_whose_customer_exists_leaves_that_deal_alone(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, current: CurrentDeal
) -> None:
    """Walked at the desk: with Maria's deal open, New customer then "Ravi" renamed her deal "Ravi Lopez" and the
    deal refilled the other entries with her surname and email, so "Shah" was typed after "Lopez"."""
    tab = CustomersTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.bind_deal(current)
    workspace.set_rooftop(DPID)
    maria = Person(customer_id=12345, first_name="Maria", last_name="Lopez", email="maria@example.com")
    current.start(buyer=maria)
    qtbot.waitUntil(lambda: current.deal is not None and tab.last_name.text() == "Lopez")
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.first_name, "Ravi")
    tab.last_name.setFocus()
    qtbot.keyClicks(tab.last_name, "Shah")
    tab.email.setFocus()
    qtbot.keyClicks(tab.email, "ravi@example.com")
    current.edit("notes", "called back")  # the deal changes meanwhile (a save, an event): the form is not refilled
    tab.first_name.setFocus()
    assert (tab.first_name.text(), tab.last_name.text(), tab.email.text()) == ("Ravi", "Shah", "ravi@example.com")
    assert current.deal is not None
    buyer = current.deal.buyer
    assert (buyer.first_name, buyer.last_name, buyer.email) == ("Maria", "Lopez", "maria@example.com")


def customers_tab_with_a_new_deal(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, current: CurrentDeal
) -> CustomersTab:
    """The Customers tab bound to a deal just started at DPID, with no customer yet."""
    tab = CustomersTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.bind_deal(current)
    workspace.set_rooftop(DPID)
    current.start()
    qtbot.waitUntil(lambda: current.deal is not None)
    return tab


def test_a_deal_without_a_customer_yet_is_filled_from_the_new_customer_form(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, current: CurrentDeal
) -> None:
    tab = customers_tab_with_a_new_deal(qtbot, runner, workspace, current)
    qtbot.keyClicks(tab.first_name, "Ravi")
    assert current.deal is not None and current.deal.buyer.first_name == "Ravi"


def test_the_new_customers_payment_is_the_structure_desked_on_the_deal(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, current: CurrentDeal
) -> None:
    """Walked: a finance deal desked with $3,000 down went to Roadster as a customer with no preference and no
    payment. The form takes the deal's structure; what the agent types there instead is kept."""
    tab = customers_tab_with_a_new_deal(qtbot, runner, workspace, current)
    edits = tab.payment_edits
    assert tab.deal_type.currentData() == "" and all(not e.text() for e in edits.values())
    current.edit("structure.deal_type", "finance")
    current.edit("structure.cash_down", "3000")
    current.edit("structure.term", "72")
    assert tab.deal_type.currentData() == "finance"
    assert (edits["finance_down"].text(), edits["finance_months"].text(), edits["lease_down"].text()) == (
        "3000",
        "72",
        "3000",
    )
    qtbot.keyClicks(edits["finance_months"], "0")  # the agent's own: "720" is not what the deal said
    edits["finance_months"].clearFocus()
    current.edit("structure.term", "60")
    current.edit("structure.cash_down", "2500")
    assert edits["finance_months"].text() == "720" and edits["finance_down"].text() == "2500"
    tab.deal_type.setCurrentIndex(tab.deal_type.findData("lease"))  # chosen by the agent: kept
    current.edit("structure.deal_type", "cash")
    assert tab.deal_type.currentData() == "lease"


def test_packets_are_offered_the_deals_order_without_an_order_listing(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, current: CurrentDeal
) -> None:
    tab = TemplatesTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.bind_deal(current)
    current.start(buyer=Person(first_name="Ann", last_name="Lee"))
    qtbot.waitUntil(lambda: current.deal is not None)
    assert not any(isinstance(tab.order_combo.itemData(i), dict) for i in range(tab.order_combo.count()))
    from desktop.ui.tabs.templates.packets import NO_ORDER

    tab.banner.show_error(NO_ORDER)  # a preview asked before the deal had its order
    current.edit("order_id", "300041")
    assert tab.banner.text() == ""  # answered: it does not stay beside the order
    assert tab.order_combo.currentData()["id"] == 300041
    assert tab.order_combo.currentData()["customer"]["last_name"] == "Lee"
    assert "Ann Lee" in tab.order_combo.currentText()
    edit = tab.order_combo.lineEdit()
    assert edit is None or edit.cursorPosition() == 0  # its start shows: the deal's number
    current.edit("order_id", "300042")  # retyped: the offer follows, never two offers
    offers = [tab.order_combo.itemData(i) for i in range(tab.order_combo.count())]
    assert [o["id"] for o in offers if isinstance(o, dict)] == [300042]


def test_a_deal_on_a_sold_vehicle_or_one_already_on_a_deal_is_asked_first(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, current: CurrentDeal
) -> None:
    """Walked at the desk: deals were started on a "Sold / gone" vehicle and on the VIN of a deal being worked."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.domain.deals import DealVehicle
    from desktop.store.inventory_cache import ROW_IN_STOCK, ROW_VIN
    from desktop.ui.tabs.inventory import InventoryTab

    fill(workspace.cache, DPID, 5)  # vehicle 0 is not in stock
    with workspace.cache.db.write() as conn:  # and vehicle 4 is held for a customer
        conn.execute("UPDATE vehicles SET reserved = 1 WHERE vin = ?", (vin_for(4),))
    tab = InventoryTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.bind_deal(current)
    workspace.set_rooftop(DPID)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 5, timeout=10_000)
    rows = {tab.model.row_at(r)[ROW_VIN]: r for r in range(5)}
    sold = next(vin for vin, r in rows.items() if not tab.model.row_at(r)[ROW_IN_STOCK])
    taken, free = [vin for vin, r in rows.items() if tab.model.row_at(r)[ROW_IN_STOCK] and vin != vin_for(4)][:2]
    assert current.store is not None
    on_the_taken = Deal(DPID, buyer=Person(first_name="Maria"), vehicle=DealVehicle(vin=taken))
    worked = current.store.create(on_the_taken, "bo", "UM")

    def start_on(vin: str) -> None:
        tab.table.setCurrentIndex(tab.model.index(rows[vin], 0))
        tab.deal_link.start()

    start_on(sold)
    qtbot.waitUntil(lambda: tab.deal_link.confirm_box is not None)
    assert "no longer in stock" in tab.deal_link.confirm_box.text()
    tab.deal_link.confirm_box.button(QMessageBox.StandardButton.Cancel).click()
    assert current.deal is None  # nothing started
    start_on(vin_for(4))
    qtbot.waitUntil(lambda: tab.deal_link.confirm_box is not None)
    assert "is reserved" in tab.deal_link.confirm_box.text()
    tab.deal_link.confirm_box.button(QMessageBox.StandardButton.Cancel).click()
    assert current.deal is None

    start_on(taken)
    qtbot.waitUntil(lambda: tab.deal_link.confirm_box is not None)
    box = tab.deal_link.confirm_box
    assert f"already on deal {worked.number} (Maria" in box.text() and "in stock" not in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()  # "Start the deal": the desk decided
    qtbot.waitUntil(lambda: current.deal is not None)
    assert current.deal.vehicle.vin == taken and current.deal.id != worked.id

    first = current.deal
    start_on(free)  # nothing to ask
    qtbot.waitUntil(lambda: current.deal is not None and current.deal is not first)
    assert current.deal.vehicle.vin == free and tab.deal_link.confirm_box is None


def test_a_packet_filled_from_the_deal_has_its_date_dealer_and_terms() -> None:
    """Walked at the desk: filled from the deal, the forms' date and the privacy notice's dealership were blank."""
    import datetime
    from decimal import Decimal

    from desktop.domain.deals import DealType, DealVehicle
    from desktop.domain.form_fields import order_values
    from desktop.ui.deal_links.templates import order_of

    deal = Deal(DPID, buyer=Person(first_name="Maria", last_name="Gonzalez"), order_id="5001")
    deal.vehicle = DealVehicle(vin="KM8JBDD13TU000001", year=2026, make="Hyundai", model="Tucson", trim="Limited")
    deal.structure.deal_type = DealType.FINANCE
    deal.structure.selling_price, deal.structure.cash_down = Decimal("36900"), Decimal("3000")
    deal.structure.term, deal.structure.sell_rate = 72, Decimal("6.49")
    dealer = {"dpid": DPID, "name": "University Mazda", "address": "1 College Ave", "city": "Syracuse", "state": "NY"}
    values = order_values(order_of(deal, dealer, datetime.date(2026, 12, 3)))
    assert values["date"] == "12/03/2026"
    assert values["dealerName"] == "University Mazda" and values["dealerAddress"].startswith("1 College Ave")
    assert (values["vehiclePrice"], values["downPayment"], values["apr"], values["term"]) == (
        "$36,900.00",
        "$3,000.00",
        "6.49%",
        "72 months",
    )
    assert values["customerFullName"] == "Maria Gonzalez" and values["dealType"] == "Finance"
