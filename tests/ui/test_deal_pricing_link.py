"""Deal Pricing on the current deal, against the sandbox: the deal fills the desk, the desk writes the deal."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from desktop.domain.deal import Ownership
from desktop.domain.deal import TradeIn as DeskTrade
from desktop.domain.deals import Deal, DealType, DealVehicle, Person, Stage
from desktop.domain.deals.desk_mapping import apply_desk
from desktop.domain.desking import Accessory, DealStructure, JurisdictionRate, TaxSource
from desktop.sandbox.server import SandboxServer
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.tabs.pricing import PricingTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.ui.conftest import current_deal
from tests.ui.pricing_helpers import DPID, menu_priced, no_check_pending, pricing_tab, repriced, settled

D = Decimal


@pytest.fixture
def current(qtbot: QtBot, runner: TaskRunner, tmp_path: Path) -> Iterator[CurrentDeal]:
    with current_deal(runner, tmp_path, "fi.manager") as deal:
        yield deal


@pytest.fixture
def tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> PricingTab:
    return pricing_tab(qtbot, runner, workspace, sandbox)


def desked(tab: PricingTab) -> DealStructure:
    """A lease desked in every respect: discount, add-on, negative equity, typed tax, mileage, a product."""
    assert tab.structure is not None
    product = tab.products.products[0]
    return DealStructure(
        vehicle=tab.structure.vehicle,
        selling_price=tab.structure.vehicle.msrp - D(1500),
        credit_score=702,
        zip_code="94107",
        deal_type="lease",
        tax=JurisdictionRate(TaxSource.TYPED, D("0.09125")),
        finance_term=72,
        lease_term=39,
        cash_down=D(3000),
        annual_mileage=10_000,
        accessories=(Accessory("Floor mats", D(200), D(80)),),
        trade=DeskTrade(D(9000), D(12_000), Ownership.FINANCED),
        products=(product.product(product.tiers[-1].code),),
        declined=("Tire & Wheel",),
    )


def saved_deal(current: CurrentDeal, structure: DealStructure) -> Deal:
    assert current.store is not None
    deal = Deal(DPID, buyer=Person(first_name="Rosa", last_name="Quintero", city="San Francisco"))
    apply_desk(deal, structure)
    return current.store.create(deal, "ann.agent", "UM")


def test_opening_a_deal_fills_the_desk_and_writes_nothing_back(
    qtbot: QtBot, runner: TaskRunner, tab: PricingTab, current: CurrentDeal
) -> None:
    structure = desked(tab)
    deal = saved_deal(current, structure)
    tab.bind_deal(current)
    current.open(current.store.get(deal.id) if current.store else None)
    assert tab.structure is not None
    assert replace(tab.structure, deal_type="lease") == structure  # every decision, nothing typed
    assert tab.deal_link.deal_type.currentData() == "lease" and tab.menu_page.current_type() == "lease"
    assert (tab.buyer["first_name"].text(), tab.buyer["city"].text(), tab.deal_number) == (
        "Rosa",
        "San Francisco",
        deal.number,
    )
    assert (tab.trade_value.text(), tab.desking.accessories.text()) == ("9000", "Floor mats 200/80")
    assert tab.columns["lease"].isEnabled()
    with qtbot.waitSignal(tab.server_checked, timeout=15_000):
        pass
    runner.wait_idle()
    assert not current.can_undo and not current.dirty  # the desk priced the deal without changing it


def test_the_desk_writes_the_deal_and_the_menu_moves_its_stage(
    qtbot: QtBot, tab: PricingTab, current: CurrentDeal, tmp_path: Path
) -> None:
    tab.bind_deal(current)
    tab.customer_cash.setText("7777")  # the last customer's cash down, still on the desk
    current.start(buyer=Person(first_name="Rosa", last_name="Quintero", street="12 Elm St", zip_code="94107"))
    qtbot.waitUntil(lambda: current.deal is not None)
    assert current.deal is not None
    assert tab.vehicle is None  # a deal without a vehicle: the last one's is not priced as this deal's
    assert tab.buyer["address"].text() == "12 Elm St" and tab.zip_code.text() == "94107"
    qtbot.waitUntil(lambda: tab.vehicle_picker.model.rowCount() > 0, timeout=10_000)
    vin = tab.vehicle_picker.model.choice(0).vin
    assert tab.select_vehicle(vin)
    msrp = current.deal.vehicle.msrp
    assert current.deal.vehicle.vin == vin and msrp is not None
    assert tab.customer_cash.text() == "0" and current.deal.structure.cash_down is None  # not the last deal's
    with repriced(qtbot, tab):
        qtbot.keyClicks(tab.desking.discount, "2000")
    assert current.deal.structure.selling_price == msrp - D(2000)  # each reprice is written
    steps = len(current._undo)
    with repriced(qtbot, tab):
        current.undo()
    assert tab.structure is not None and tab.structure.selling_price == msrp - D(200)
    assert len(current._undo) == steps - 1  # undo put the deal on the desk; the desk wrote nothing back

    tab.deal_link.use_button.click()
    assert current.deal.stage is Stage.PRICED and current.deal.structure.deal_type is DealType.FINANCE
    qtbot.waitUntil(lambda: bool(tab.products.products), timeout=15_000)  # this vehicle's catalog
    menu_priced(qtbot, tab)  # and its menu, priced in the TaskRunner
    tab.menu_page.deal_type.setCurrentIndex(tab.menu_page.deal_type.findData("lease"))
    tab.menu_page.choose_buttons["Silver"].click()
    structure = current.deal.structure
    silver = next(p for p in tab.packages if p.name == "Silver")
    assert structure.deal_type is DealType.LEASE and tab.deal_link.deal_type.currentData() == "lease"
    assert {p.code for p in structure.products} == {i.code for i in silver.items}
    assert structure.products_declined and structure.products_declined == list(tab.declined)
    assert current.deal.stage is Stage.MENU_PRESENTED

    path = tmp_path / "worksheet.pdf"
    tab.save_document("worksheet", path)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())
    assert current.deal.number in text and "Rosa Quintero" in text and "12 Elm St" in text


def test_a_sync_or_a_rooftop_round_trip_keeps_the_deal_and_its_price_on_the_desk(
    qtbot: QtBot, runner: TaskRunner, tab: PricingTab, current: CurrentDeal, workspace: Workspace
) -> None:
    tab.bind_deal(current)
    vin = str(tab.vehicle["vin"]) if tab.vehicle else ""
    current.start(buyer=Person(first_name="Rosa", last_name="Quintero", zip_code="94107"))
    qtbot.waitUntil(lambda: current.deal is not None)
    assert current.deal is not None and tab.select_vehicle(vin)
    msrp = current.deal.vehicle.msrp
    assert msrp is not None
    with repriced(qtbot, tab):
        qtbot.keyClicks(tab.desking.discount, "2000")
    assert current.deal.structure.selling_price == msrp - D(2000)
    workspace.inventory_changed.emit(DPID)  # a sync: the desk drops the vehicle; the deal puts it back
    assert tab.vehicle is None
    qtbot.waitUntil(lambda: tab.vehicle is not None and tab.vehicle["vin"] == vin)
    assert tab.desking.discount.text() == "2000" and current.deal.structure.selling_price == msrp - D(2000)
    other = next(d["dpid"] for d in workspace.dealers if d["dpid"] != DPID)
    workspace.set_rooftop(other)  # nothing of that rooftop is cached: no vehicle, and the deal is untouched
    qtbot.waitUntil(lambda: vin in tab.banner.text())
    runner.wait_idle()
    assert tab.vehicle is None and tab.vin_edit.edit.text() == ""
    workspace.set_rooftop(DPID)
    qtbot.waitUntil(lambda: tab.vehicle is not None and tab.vehicle["vin"] == vin)
    assert tab.structure is not None and tab.structure.selling_price == msrp - D(2000)  # the deal, back on the desk
    assert current.deal.vehicle.vin == vin and current.deal.structure.selling_price == msrp - D(2000)
    runner.wait_idle()


def test_presenting_the_menu_moves_the_deal_to_menu_presented(
    qtbot: QtBot, tab: PricingTab, current: CurrentDeal
) -> None:
    tab.bind_deal(current)
    assert tab.vehicle is not None
    current.start(vehicle=DealVehicle(vin=str(tab.vehicle["vin"])), buyer=Person(first_name="Ann"))
    qtbot.waitUntil(lambda: current.deal is not None)
    qtbot.waitUntil(lambda: tab.structure is not None and "Gold" in tab.menu_page.choose_buttons, timeout=15_000)
    tab.menu_page.present.click()
    assert tab.presentation is not None and tab.presentation.isVisible()
    assert current.deal is not None and current.deal.stage is Stage.MENU_PRESENTED
    tab.presentation.close()


def test_a_trade_described_in_the_jacket_does_not_reload_the_desk_on_every_change(
    qtbot: QtBot, runner: TaskRunner, tab: PricingTab, current: CurrentDeal, monkeypatch: pytest.MonkeyPatch
) -> None:
    deal = saved_deal(current, desked(tab))
    assert current.store is not None
    deal.trade_ins[0].mileage, deal.trade_ins[0].year, deal.trade_ins[0].firm_offer = 88_000, 2020, True
    deal = current.store.save(deal, deal.version, "ann.agent")
    tab.bind_deal(current)
    current.open(current.store.get(deal.id))
    assert tab.structure is not None and tab.trade_value.text() == "9000"
    qtbot.keyClicks(tab.desking.discount, "2000")  # a reprice on the desk, written to the deal
    assert current.deal is not None and current.deal.structure.selling_price == tab.structure.vehicle.msrp - D(2000)
    loads: list[DealStructure] = []
    monkeypatch.setattr(tab, "load_structure", loads.append)
    current.edit("buyer.phone", "415-555-0101")  # typed in the jacket: nothing the desk shows changed
    current.edit("notes", "wants the blue one")
    assert loads == []
    assert current.deal is not None and current.deal.trade_ins[0].mileage == 88_000  # the desk kept the jacket's
    with qtbot.waitSignal(tab.server_checked, timeout=15_000):
        pass
    runner.wait_idle()


def test_a_printed_document_is_offered_under_the_deals_number(
    qtbot: QtBot, tab: PricingTab, current: CurrentDeal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walked at the desk: the recap was offered as recap-5NMJB3DE0TH000865.pdf; the binder and the deal say HD-1001."""
    from PySide6.QtWidgets import QFileDialog

    deal = saved_deal(current, desked(tab))
    tab.bind_deal(current)
    current.open(current.store.get(deal.id) if current.store else None)
    offered: list[str] = []

    def cancel(_parent: object, _caption: str, suggested: str, _filter: str) -> tuple[str, str]:
        offered.append(suggested)
        return "", ""  # the user cancels: nothing is written

    monkeypatch.setattr(QFileDialog, "getSaveFileName", cancel)
    tab._on_save_document("recap")
    assert [Path(path).name for path in offered] == [f"recap-{deal.number}.pdf"]


def test_the_ask_to_open_a_deal_goes_when_a_deal_is_opened(tab: PricingTab, current: CurrentDeal) -> None:
    """Walked at the desk: "Open or start a deal first" stayed above the desk with HD-1001 open in the strip."""
    assert current.store is not None
    deal = current.store.create(Deal(DPID, buyer=Person(first_name="Maria")), "ann.agent", "UM")  # no car yet
    tab.bind_deal(current)
    tab.deal_link.use_button.click()
    assert tab.banner.text().startswith("Open or start a deal first")
    current.open(current.store.get(deal.id))
    assert tab.banner.text() == ""


def test_using_the_desk_on_a_deal_without_a_vehicle_asks_for_one(
    qtbot: QtBot, tab: PricingTab, current: CurrentDeal
) -> None:
    """Seen under Xvfb: a new deal without a car cleared the desk, and "Use for the deal" said "fix the highlighted
    fields first" with no field highlighted."""
    assert current.store is not None
    deal = current.store.create(Deal(DPID, buyer=Person(first_name="Maria")), "ann.agent", "UM")  # no car yet
    tab.bind_deal(current)
    current.open(current.store.get(deal.id))
    qtbot.waitUntil(lambda: tab.vehicle is None)
    tab.deal_link.use_button.click()
    assert tab.banner.text().endswith("price yet: choose a vehicle first.")


def test_using_the_structure_on_a_deal_past_priced_says_where_the_deal_is(
    qtbot: QtBot, tab: PricingTab, current: CurrentDeal
) -> None:
    """Walked at the desk: with the menu presented, "Use for the deal" said "the deal is priced" beside a strip
    saying "Menu presented" (the stage, rightly, does not move back)."""
    assert current.store is not None
    deal = Deal(DPID, buyer=Person(first_name="Rosa"), stage=Stage.MENU_PRESENTED)
    apply_desk(deal, desked(tab))
    deal = current.store.create(deal, "ann.agent", "UM")
    tab.bind_deal(current)
    current.open(current.store.get(deal.id))
    qtbot.waitUntil(lambda: tab.deals.get("lease") is not None, timeout=10_000)
    tab.deal_link.use_button.click()
    assert tab.banner.text().endswith("structure saved; the deal is menu presented.")
    assert current.deal is not None and current.deal.stage is Stage.MENU_PRESENTED


def test_a_buyer_without_a_zip_is_priced_with_the_rooftops_and_keeps_none(
    qtbot: QtBot, tab: PricingTab, current: CurrentDeal
) -> None:
    """Walked at the desk: the rooftop's ZIP the desk prices with was saved as the buyer's, and printed as theirs."""
    tab.bind_deal(current)
    current.start(buyer=Person(first_name="Rosa", last_name="Quintero"))
    qtbot.waitUntil(lambda: current.deal is not None)
    qtbot.waitUntil(lambda: tab.vehicle_picker.model.rowCount() > 0, timeout=10_000)
    assert tab.select_vehicle(tab.vehicle_picker.model.choice(0).vin)
    qtbot.waitUntil(lambda: tab.deals.get("finance") is not None, timeout=10_000)
    rooftop_zip = tab.zip_code.text()
    assert rooftop_zip  # priced with the rooftop's own ZIP meanwhile
    tab.deal_link.use_button.click()
    assert current.deal is not None and current.deal.stage is Stage.PRICED
    assert current.deal.buyer.zip_code == ""
    tab.zip_code.setFocus()
    tab.zip_code.clear()
    qtbot.keyClicks(tab.zip_code, "94107")
    qtbot.waitUntil(lambda: current.deal is not None and current.deal.buyer.zip_code == "94107", timeout=10_000)


def test_the_worksheet_and_the_recap_name_the_deals_salesperson(
    qtbot: QtBot, tab: PricingTab, current: CurrentDeal, tmp_path: Path
) -> None:
    """Walked at the desk: the printed recap had no salesperson; a DMS recap names who sold the car (the deal
    jacket's Salesperson), and a dash while none is assigned."""
    assert current.store is not None
    deal = Deal(DPID, agent="Dana Morales", buyer=Person(first_name="Rosa", last_name="Quintero"))
    apply_desk(deal, desked(tab))
    deal = current.store.create(deal, "ann.agent", "UM")
    tab.bind_deal(current)
    current.open(current.store.get(deal.id))
    qtbot.waitUntil(lambda: tab.deals.get("lease") is not None, timeout=10_000)

    def printed(kind: str) -> str:
        path = tmp_path / f"{kind}.pdf"
        tab.save_document(kind, path)
        return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)

    for kind in ("recap", "worksheet"):
        assert "Salesperson Dana Morales" in printed(kind), kind
    unassigned = current.store.create(
        replace(deal, id=Deal(DPID).id, number="", agent="", version=0), "ann.agent", "UM"
    )
    current.open(current.store.get(unassigned.id))
    qtbot.waitUntil(lambda: tab.salesperson == "", timeout=10_000)
    recap = printed("recap")
    assert "Dana Morales" not in recap and "Salesperson —" in recap


def test_a_rooftop_round_trip_behind_another_tab_keeps_the_deals_products(
    qtbot: QtBot, runner: TaskRunner, tab: PricingTab, current: CurrentDeal, workspace: Workspace
) -> None:
    """Walked at the desk: a deal's sold products were dropped from it when Deal Pricing, hidden, followed a switch
    to another rooftop and back on being shown again (the desk emptied, and the deal taken as still on it)."""
    tab.bind_deal(current)
    vin = str(tab.vehicle["vin"]) if tab.vehicle else ""
    current.start(buyer=Person(first_name="Rosa", last_name="Quintero", zip_code="94107"))
    qtbot.waitUntil(lambda: current.deal is not None)
    assert current.deal is not None and tab.select_vehicle(vin)
    qtbot.waitUntil(lambda: bool(tab.products.products), timeout=15_000)
    codes = [p.code for p in tab.products.products[:2]]
    for code in codes:
        with repriced(qtbot, tab):
            tab.products.set_product(code)
    assert {p.code for p in current.deal.structure.products} == set(codes)
    runner.wait_idle()

    tab.hide()  # the desk is behind another tab: it follows a rooftop switch when next shown
    other = next(d["dpid"] for d in workspace.dealers if d["dpid"] != DPID)
    workspace.set_rooftop(other)
    workspace.set_rooftop(DPID)
    tab.show()
    qtbot.waitUntil(lambda: tab.vehicle is not None and tab.vehicle["vin"] == vin, timeout=10_000)
    qtbot.waitUntil(lambda: bool(tab.products.products), timeout=15_000)
    settled(qtbot, tab)
    runner.wait_idle()
    assert {p.code for p in current.deal.structure.products} == set(codes)  # the deal keeps what was sold
    assert set(tab.products.selected) == set(codes)  # and the desk shows it ticked again


def test_a_deal_closed_by_a_rooftop_switch_leaves_none_of_its_figures_on_the_desk(
    qtbot: QtBot, runner: TaskRunner, tab: PricingTab, current: CurrentDeal, workspace: Workspace
) -> None:
    """Walked at the desk: with no deal open, a Toyota desk still held the last Hyundai buyer's selling price and
    California ZIP, to price the next deal with."""
    tab.bind_deal(current)
    vin = str(tab.vehicle["vin"]) if tab.vehicle else ""
    current.start(buyer=Person(first_name="Maria", last_name="Gonzalez", zip_code="95112"))
    qtbot.waitUntil(lambda: current.deal is not None)
    assert tab.select_vehicle(vin)
    with repriced(qtbot, tab):
        tab.desking.selling_price.setText("37500")
    with repriced(qtbot, tab):
        tab.customer_cash.setText("4000")
    with repriced(qtbot, tab):
        tab.trade_value.setText("9500")
    assert tab.zip_code.text() == "95112" and tab.buyer["first_name"].text() == "Maria"
    assert "Trade equity" in tab.trade_equity.text()
    no_check_pending(qtbot, tab)
    assert "Priced on this desk only" in tab.independence.text()  # the selling price typed
    tab.deal_link.use_button.click()
    qtbot.waitUntil(lambda: "structure saved" in tab.banner.text(), timeout=5_000)
    runner.wait_idle()
    other = next(d for d in workspace.dealers if d["dpid"] != DPID)
    workspace.set_rooftop(other["dpid"])
    current.set_rooftop(other["dpid"], other["name"])  # as the window does: another rooftop's deal closes
    assert current.deal is None
    assert tab.desking.selling_price.text() == "" and tab.customer_cash.text() == "0"
    assert tab.buyer["first_name"].text() == "" and tab.zip_code.text() == str(other.get("zip_code") or "")
    assert tab.vehicle is None and tab.products.selected == {}
    # Nothing said of the closed deal stays: its saved structure, its trade's equity, its desk-only decisions.
    assert tab.banner.text() == "" and tab.trade_equity.text() == ""
    assert "Priced on this desk only" not in tab.independence.text()
    runner.wait_idle()
