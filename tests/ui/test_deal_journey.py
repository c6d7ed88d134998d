"""Three roles hand one deal to each other on one desktop, against the sandbox; every value is typed once.

The sales agent starts the deal from Inventory, creates the customer and a trade-in on Customers; the finance
manager opens it from Deals, prices it, picks a product and marks it contracted; the document clerk opens it,
uploads the licence in the Binder and makes the packet. Each value below is typed exactly once: what the next
screen needs, it takes from the deal.
"""

from __future__ import annotations

import itertools
import shutil
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desktop.api.roadster.templates import sandbox_orders
from desktop.composition import connect
from desktop.config import AppPaths, Settings
from desktop.domain.deals import DealType, Ownership, Stage
from desktop.sandbox.server import SandboxServer
from desktop.secrets import SecretStore
from desktop.services import inventory_sync
from desktop.ui.main_window import (
    TAB_BINDER,
    TAB_CUSTOMERS,
    TAB_DEALS,
    TAB_INVENTORY,
    TAB_PRICING,
    TAB_SPECS,
    TAB_TEMPLATES,
    MainWindow,
)
from desktop.ui.tasks import TaskRunner
from tests.binder_helpers import SMILE_PNG
from tests.ui.conftest import connection_to
from tests.ui.pricing_helpers import settled

DPID = "umazda"
TRADE_VIN = "1HGCM82633A004352"
_serial = itertools.count(1)


def type_once(qtbot: QtBot, entry: QLineEdit, text: str) -> None:
    """Type into an entry as a person does (select what is there, type over it)."""
    entry.setFocus()
    entry.selectAll()
    qtbot.keyClicks(entry, text)
    entry.clearFocus()


def test_agent_finance_and_documents_share_one_deal(
    qtbot: QtBot, runner: TaskRunner, app_home: Path, sandbox: SandboxServer, tmp_path: Path
) -> None:
    connection = connection_to(sandbox)
    window = MainWindow(AppPaths.default(), Settings(), runner, SecretStore, connect, autoconnect=False)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    cache = window.workspace.cache
    dealers = [d.model_dump() for d in connection.roadster.dealers()]
    cache.save_dealers(dealers)
    inventory_sync.refresh_dealer_detail(connection.roadster, cache, DPID)
    vehicles, _ = connection.roadster.inventory_page(DPID, size=40, in_stock=True)
    cache.upsert_vehicles(DPID, vehicles)
    qtbot.waitUntil(lambda: len(window.tab_widgets) == len(TAB_SPECS) and window.current_deal.store is not None)
    window.workspace.set_dealers(dealers)
    window.rooftop.setCurrentIndex(window.rooftop.findData(DPID))
    window.workspace.set_connection(connection)
    current = window.current_deal
    deals, inventory = window.tab_widgets["Deals"], window.tab_widgets["Inventory"]
    customers, pricing = window.tab_widgets["Customers"], window.tab_widgets["Deal Pricing"]
    binder, templates = window.tab_widgets["Document Binder"], window.tab_widgets["Templates & Packets"]

    # The sales agent: a vehicle on the lot, then the customer and the trade.
    window.tabs.setCurrentIndex(TAB_INVENTORY)
    vehicle = next(v for v in vehicles if v["make"] == "Mazda")
    qtbot.waitUntil(lambda: inventory.model.row_of_vin(vehicle["vin"]) >= 0, timeout=15_000)
    inventory.table.setCurrentIndex(inventory.model.index(inventory.model.row_of_vin(vehicle["vin"]), 0))
    qtbot.mouseClick(inventory.deal_link.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: current.deal is not None, timeout=10_000)
    assert current.deal is not None
    deal_id, number = current.deal.id, current.deal.number
    assert (current.deal.vehicle.vin, current.deal.stage) == (vehicle["vin"], Stage.LEAD)
    assert vehicle["model"] in window.deal_strip.vehicle.text()

    window.tabs.setCurrentIndex(TAB_CUSTOMERS)
    assert customers.create_vehicle.vin_edit.edit.text() == vehicle["vin"]  # from the deal, not retyped
    email = f"rosa.journey{next(_serial)}@example.com"
    type_once(qtbot, customers.first_name, "Rosa")
    type_once(qtbot, customers.last_name, "Quintero")
    type_once(qtbot, customers.email, email)
    type_once(qtbot, customers.phone, "(415) 555-6666")
    customers.deal_type.setCurrentIndex(customers.deal_type.findData("finance"))
    assert current.deal.buyer.name == "Rosa Quintero" and window.deal_strip.buyer.text() == "Rosa Quintero"
    qtbot.mouseClick(customers.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: current.deal is not None and current.deal.buyer.customer_id is not None, timeout=20_000)
    customer_id = current.deal.buyer.customer_id
    assert current.deal.stage is Stage.WORKING

    customers.pages.setCurrentIndex(2)
    type_once(qtbot, customers.trade_vin.edit, TRADE_VIN)
    type_once(qtbot, customers.trade_value, "11250")
    type_once(qtbot, customers.trade_mileage, "84000")
    trade = current.deal.trade_ins[0]
    assert (trade.vin, trade.offer_value, trade.mileage, trade.year, trade.make) == (
        TRADE_VIN,
        Decimal(11250),
        84000,
        2003,
        "Honda",
    )
    assert customers.trade_make.text() == "Honda"  # read from the VIN through the deal
    qtbot.mouseClick(customers.trade_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Trade-in offer" in customers.trade_result.text(), timeout=20_000)
    qtbot.waitUntil(lambda: not current.dirty, timeout=10_000)

    # The finance manager: finds the deal in Deals, prices it, sells a product, contracts it.
    current.open(None)
    window.tabs.setCurrentIndex(TAB_DEALS)
    type_once(qtbot, deals.search, "quintero")
    assert deals.model.rowCount() == 1 and deals.model.row_at(0).number == number
    deals.table.selectRow(0)
    qtbot.mouseClick(deals.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: current.deal is not None and current.deal.id == deal_id, timeout=10_000)

    window.tabs.setCurrentIndex(TAB_PRICING)
    assert pricing.vehicle is not None and pricing.vehicle["vin"] == vehicle["vin"]
    assert pricing.trade_value.text() == "11250" and pricing.buyer["last_name"].text() == "Quintero"
    assert pricing.deal_number == number
    qtbot.waitUntil(lambda: bool(pricing.products.products), timeout=20_000)
    type_once(qtbot, pricing.customer_cash, "2000")
    product = next(p for p in pricing.products.products if "finance" in p.deal_types)
    pricing.products.set_product(product.code)
    assert current.deal.structure.cash_down == Decimal(2000)  # written as the desk reprices
    pricing.deal_link.deal_type.setCurrentIndex(pricing.deal_link.deal_type.findData("finance"))
    qtbot.waitUntil(lambda: pricing.deals.get("finance") is not None, timeout=10_000)
    qtbot.mouseClick(pricing.deal_link.use_button, Qt.MouseButton.LeftButton)
    structure = current.deal.structure
    assert (structure.deal_type, structure.cash_down, structure.term) == (DealType.FINANCE, Decimal(2000), 60)
    assert structure.selling_price is not None and structure.selling_price > 0
    assert [p.code for p in structure.products] == [product.code]
    assert current.deal.stage is Stage.PRICED
    assert current.deal.trade_ins[0].ownership is Ownership.OWNED

    pricing.sections.setCurrentIndex(2)  # the menu: the customer takes a package, the rest is declined
    qtbot.waitUntil(lambda: len(pricing.menu_page.choose_buttons) > 1, timeout=10_000)
    settled(qtbot, pricing)  # the menu is priced in the TaskRunner: a menu about to be replaced takes no click
    package = pricing.packages[0]
    qtbot.mouseClick(pricing.menu_page.choose_buttons[package.name], Qt.MouseButton.LeftButton)
    structure = current.deal.structure
    assert {p.code for p in structure.products} == {i.code for i in package.items}
    assert structure.products_declined == list(pricing.declined)
    assert current.deal.stage is Stage.MENU_PRESENTED
    sold = [(p.code, p.price) for p in structure.products]

    window.tabs.setCurrentIndex(TAB_DEALS)
    contracted = deals.form.stage.findData("contracted")
    deals.form.stage.setCurrentIndex(contracted)
    deals.form.stage.activated.emit(contracted)
    assert current.deal.stage is Stage.CONTRACTED
    qtbot.waitUntil(lambda: not current.dirty, timeout=10_000)

    # The document clerk: opens the deal, types the Roadster order number, uploads the licence, makes the packet.
    current.open(None)
    deals.search.clear()
    type_once(qtbot, deals.search, number)
    deals.table.selectRow(0)
    qtbot.mouseClick(deals.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: current.deal is not None and current.deal.id == deal_id, timeout=10_000)
    assert pricing.structure is not None and [(p.code, p.price) for p in pricing.structure.products] == sold
    order = next(o for o in sandbox_orders(connection.roadster, DPID) if o["customer"]["email"] == email)
    type_once(qtbot, deals.form.entries["order_id"], str(order["id"]))

    window.tabs.setCurrentIndex(TAB_BINDER)
    qtbot.waitUntil(lambda: binder.customer_id == customer_id, timeout=10_000)
    licence = tmp_path / "rosa_licence_front.png"
    shutil.copy(SMILE_PNG, licence)
    binder.add_files([licence])
    assert binder.upload_dialog is not None
    with qtbot.waitSignal(binder.documents_loaded, timeout=20_000):
        binder.upload_dialog.accept()
    qtbot.waitUntil(lambda: len(current.deal.documents) == 1, timeout=20_000)
    assert current.deal.documents[0].kind.startswith("license")

    window.tabs.setCurrentIndex(TAB_TEMPLATES)
    qtbot.waitUntil(lambda: templates.list.count() > 0, timeout=20_000)
    qtbot.waitUntil(lambda: (templates.order_combo.currentData() or {}).get("id") == order["id"], timeout=10_000)
    assert number in templates.order_combo.currentText()
    templates.list.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(templates.packet_created, timeout=20_000):
        templates.create_packet()
    assert [p.order_id for p in current.deal.packets] == [str(order["id"])]
    qtbot.waitUntil(lambda: not current.dirty, timeout=10_000)

    saved = current.store.get(deal_id)
    assert (saved.buyer.customer_id, saved.stage, saved.order_id) == (customer_id, Stage.CONTRACTED, str(order["id"]))
    assert (len(saved.documents), len(saved.packets), saved.trade_ins[0].vin) == (1, 1, TRADE_VIN)
    fields = {h.field for h in current.store.history(deal_id)}
    assert {"buyer.customer_id", "structure.selling_price", "stage", "packets[0].packet_id"} <= fields
    assert [(p.code, p.price) for p in saved.structure.products] == sold
    window.close()
