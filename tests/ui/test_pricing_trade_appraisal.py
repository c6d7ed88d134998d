"""Deal Pricing on a deal whose trade the jacket describes (mileage, year, firm offer), against the sandbox: the
request carries the description, the desk prices and shows the appraised value, and the server's figures are the
desk's to the cent (issue 15)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.api.roadster import pricing as api
from desktop.domain.deals import Deal, Ownership, Person, TradeIn
from desktop.domain.deals.desk_mapping import apply_vehicle
from desktop.sandbox.server import SandboxServer
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.tabs.pricing import PricingTab
from desktop.ui.tabs.pricing.server_check import differences
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.ui.conftest import current_deal
from tests.ui.layout_check import cut_off
from tests.ui.pricing_helpers import DPID, pricing_tab

D = Decimal
FIVE_YEARS_OLD = date.today().year - 5  # 60,000 miles expected


@pytest.fixture
def current(qtbot: QtBot, runner: TaskRunner, tmp_path: Path) -> Iterator[CurrentDeal]:
    with current_deal(runner, tmp_path, "fi.manager") as deal:
        yield deal


@pytest.fixture
def tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> PricingTab:
    return pricing_tab(qtbot, runner, workspace, sandbox)


def open_deal(qtbot: QtBot, tab: PricingTab, current: CurrentDeal, trade: TradeIn) -> Deal:
    """A saved deal on the desk's vehicle with ``trade``, opened on the desk and checked with the server."""
    assert current.store is not None and tab.structure is not None
    deal = Deal(DPID, buyer=Person(first_name="Rosa", last_name="Quintero", zip_code="03101"))
    apply_vehicle(deal, tab.structure.vehicle)
    deal.trade_ins.append(trade)
    deal = current.store.create(deal, "ann.agent", "UM")
    tab.bind_deal(current)
    with qtbot.waitSignal(tab.server_checked, timeout=15_000):
        current.open(current.store.get(deal.id))
    return deal


def assert_server_prices_the_desk(tab: PricingTab, trade_in_value: Decimal) -> None:
    """Every column agrees with the server, and the server's answer to the very request is the desk's figures."""
    connection = tab.workspace.connection
    assert connection is not None
    for kind in ("cash", "finance", "lease"):
        assert tab.columns[kind].check.text() == "Server agrees to the cent.", kind
        answer = api.quote(connection.roadster, tab.requests[kind]).deals[kind]
        desk = tab.deals[kind]
        assert desk is not None
        assert differences(desk.deal.to_api(), answer) == [], kind
        assert desk.deal.inp.trade_in is not None and desk.deal.inp.trade_in.value == trade_in_value


def test_an_estimate_with_mileage_is_sent_priced_and_shown_appraised(
    qtbot: QtBot, runner: TaskRunner, tab: PricingTab, current: CurrentDeal
) -> None:
    tab.resize(1280, 720)
    tab.show()
    qtbot.waitExposed(tab)
    form_width = tab.trade_value.width()
    trade = TradeIn(year=FIVE_YEARS_OLD, mileage=90_000, offer_value=D(10_000))  # 30,000 over: a quarter off
    open_deal(qtbot, tab, current, trade)
    assert tab.requests["finance"]["trade_in"] == {
        "value": 10_000.0,
        "payoff": 0.0,
        "ownership": "owned",
        "is_offer": False,
        "mileage": 90_000,
        "year": FIVE_YEARS_OLD,
    }
    assert tab.trade_value.text() == "10000"  # the estimate as typed stays in the field
    assert tab.trade_equity.text() == (
        "$7,500.00 appraised from the $10,000.00 estimate at 90,000 mi\nTrade equity $7,500.00"
    )
    assert_server_prices_the_desk(tab, D("7500.00"))
    assert tab.trade_equity.isVisible() and tab.trade_value.width() == form_width  # wrapped: the form no wider
    assert [line for line in cut_off(tab, hints=False) if "tradeEquity" in line] == []
    runner.wait_idle()


def test_editing_the_trade_on_the_desk_keeps_the_jackets_description(
    qtbot: QtBot, runner: TaskRunner, tab: PricingTab, current: CurrentDeal
) -> None:
    trade = TradeIn(year=FIVE_YEARS_OLD, mileage=55_555, offer_value=D(10_000))
    open_deal(qtbot, tab, current, trade)
    assert tab.trade_equity.text().startswith("$10,444.50 appraised from the $10,000.00 estimate at 55,555 mi")
    tab.trade_ownership.setCurrentText("financed")
    tab.trade_payoff.setText("13000")
    with qtbot.waitSignal(tab.server_checked, timeout=15_000):
        tab.trade_value.setText("12000")  # 4,445 under at 10 cents a mile: +444.50
    assert tab.structure is not None and tab.structure.trade is not None
    priced = tab.structure.trade
    assert (priced.value, priced.payoff, priced.mileage, priced.year, priced.is_offer) == (
        D("12000"),
        D("13000"),
        55_555,
        FIVE_YEARS_OLD,
        False,
    )
    assert tab.requests["lease"]["trade_in"]["mileage"] == 55_555
    assert tab.trade_equity.text() == (
        "$12,444.50 appraised from the $12,000.00 estimate at 55,555 mi\nNegative equity $555.50, rolled into the deal"
    )
    assert_server_prices_the_desk(tab, D("12444.50"))
    assert current.deal is not None
    written = current.deal.trade_ins[0]
    assert (written.offer_value, written.payoff, written.ownership, written.mileage, written.year) == (
        D("12000"),
        D("13000"),
        Ownership.FINANCED,
        55_555,
        FIVE_YEARS_OLD,
    )
    runner.wait_idle()


def test_a_firm_offer_or_a_new_mileage_typed_in_the_jacket_reprices_the_desk(
    qtbot: QtBot, runner: TaskRunner, tab: PricingTab, current: CurrentDeal
) -> None:
    trade = TradeIn(
        year=FIVE_YEARS_OLD, mileage=90_000, offer_value=D(10_000), payoff=D(4000), ownership=Ownership.FINANCED
    )
    open_deal(qtbot, tab, current, trade)
    with qtbot.waitSignal(tab.server_checked, timeout=15_000):
        current.update(lambda d: setattr(d.trade_ins[0], "firm_offer", True))
    assert tab.requests["cash"]["trade_in"]["is_offer"] is True
    assert tab.trade_equity.text() == "$10,000.00 firm offer, priced as given\nTrade equity $6,000.00"
    assert_server_prices_the_desk(tab, D("10000"))
    current.update(lambda d: setattr(d.trade_ins[0], "firm_offer", False))
    with qtbot.waitSignal(tab.server_checked, timeout=15_000):
        current.edit("trade_ins[0].mileage", "70000")  # 10,000 over: $1,000 off
    assert tab.trade_equity.text() == (
        "$9,000.00 appraised from the $10,000.00 estimate at 70,000 mi\nTrade equity $5,000.00"
    )
    assert_server_prices_the_desk(tab, D("9000.00"))
    runner.wait_idle()


def test_an_estimate_without_mileage_is_priced_as_typed(
    qtbot: QtBot, runner: TaskRunner, tab: PricingTab, current: CurrentDeal
) -> None:
    open_deal(qtbot, tab, current, TradeIn(offer_value=D(8000), payoff=D(9500), ownership=Ownership.FINANCED))
    assert "mileage" not in tab.requests["finance"]["trade_in"]
    assert tab.trade_equity.text() == "Negative equity $1,500.00, rolled into the deal"
    assert_server_prices_the_desk(tab, D("8000"))
    runner.wait_idle()
