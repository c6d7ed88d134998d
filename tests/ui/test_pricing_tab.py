"""The Deal Pricing tab against the sandbox: desking, grid, products per deal type, the server check, field messages."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.deal import DealerConfig
from desktop.domain.desking import TaxSource
from desktop.domain.pricing import CashDeal, FinanceDeal, LeaseDeal
from desktop.sandbox.server import SandboxServer
from desktop.ui.tabs.pricing import DealLinesModel, PaymentGridModel, PricingTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.ui.pricing_helpers import DPID, pricing_tab, repriced, rooftop_tab


@pytest.fixture
def tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> PricingTab:
    return pricing_tab(qtbot, runner, workspace, sandbox)


def finance(tab: PricingTab) -> FinanceDeal:
    desk = tab.deals["finance"]
    assert desk is not None and isinstance(desk.deal, FinanceDeal)
    return desk.deal


def lease(tab: PricingTab) -> LeaseDeal:
    desk = tab.deals["lease"]
    assert desk is not None and isinstance(desk.deal, LeaseDeal)
    return desk.deal


def cash(tab: PricingTab) -> CashDeal:
    desk = tab.deals["cash"]
    assert desk is not None and isinstance(desk.deal, CashDeal)
    return desk.deal


def test_prices_the_vehicle_and_server_agrees(tab: PricingTab) -> None:
    assert tab.zip_code.text() == "13224"  # the rooftop's ZIP
    assert finance(tab).term == 60 and lease(tab).term == 36
    for column in tab.columns.values():
        assert not column.differs, column.check.text()
        assert "agrees" in column.check.text()
        assert column.model.rowCount() > 3
    assert "/mo" in tab.columns["finance"].headline.text()
    assert "biweekly" in tab.columns["finance"].equivalents.text()
    assert "state average" in tab.columns["finance"].tax.text()
    assert "Manager only" in tab.columns["finance"].manager.text()
    assert "own rules" in tab.independence.text() and "not a second opinion" in tab.independence.text()
    # rows: the terms the programs write for a 750 score; columns: the manager's amounts
    assert tab.finance_grid.terms == (24, 36, 48, 60, 72, 84) and tab.finance_grid.columnCount() == 4
    assert tab.lease_grid.terms == (24, 36, 39, 48)
    assert tab.programs.topLevelItemCount() == 3


def test_inputs_change_payments_at_once(tab: PricingTab, qtbot: QtBot) -> None:
    before = (finance(tab).monthly_payment, lease(tab).monthly_payment)
    with repriced(qtbot, tab):
        tab.customer_cash.setText("4000")
    after = (finance(tab).monthly_payment, lease(tab).monthly_payment)
    assert after[0] < before[0] and after[1] < before[1]
    with repriced(qtbot, tab):
        tab.grid_cash.setText("0 2000 4000")
    assert tab.finance_grid.payment(60, Decimal(4000)) == after[0]
    with repriced(qtbot, tab):
        tab.finance_term.setValue(72)
    assert finance(tab).term == 72
    with repriced(qtbot, tab):
        tab.trade_value.setText("5000")
    assert finance(tab).monthly_payment < after[0]
    with repriced(qtbot, tab):  # "3k" typed key by key: the desk's shorthand, not the "3" before the "k"
        tab.customer_cash.clear()
        QTest.keyClicks(tab.customer_cash, "3k")
    assert finance(tab).customer_cash == 3000 and tab.customer_cash.text() == "3k"
    assert not tab.field_messages["payment.customer_cash"].isVisibleTo(tab)


def test_adding_a_product_updates_every_payment(tab: PricingTab, qtbot: QtBot) -> None:
    before = (finance(tab).monthly_payment, lease(tab).monthly_payment, tab.finance_grid.payment(48, Decimal(0)))
    vsc = next(p for p in tab.products.products if p.category == "Vehicle Service Contract")
    with qtbot.waitSignal(tab.server_checked, timeout=15_000):
        tab.products.set_product(vsc.code, vsc.tiers[-1].code)
    after = (finance(tab).monthly_payment, lease(tab).monthly_payment, tab.finance_grid.payment(48, Decimal(0)))
    assert all(a is not None and b is not None and a > b for a, b in zip(after, before, strict=True))
    assert any(vsc.title in label for label, _ in tab.columns["finance"].model.lines())
    assert not tab.columns["finance"].differs, tab.columns["finance"].check.text()


def test_gap_stays_off_the_cash_deal_and_every_check_agrees(tab: PricingTab, qtbot: QtBot) -> None:
    gap = next(p for p in tab.products.products if "cash" not in p.deal_types)
    cash_before = cash(tab).due_at_signing
    with qtbot.waitSignal(tab.server_checked, timeout=15_000):
        tab.products.set_product(gap.code)
    assert cash(tab).due_at_signing == cash_before
    assert any(gap.title in p.name for p in finance(tab).purchase.products)
    assert "plans" in tab.requests["cash"] and tab.requests["cash"]["plans"] == []
    for column in tab.columns.values():
        assert not column.differs, column.check.text()
        assert "agrees" in column.check.text()


def test_desk_decisions_price_locally_and_are_named_as_unchecked(tab: PricingTab, qtbot: QtBot) -> None:
    msrp_payment = finance(tab).monthly_payment
    with repriced(qtbot, tab):
        tab.desking.discount.setText("1500")
        tab.desking.tax_source.setCurrentIndex(tab.desking.tax_source.findData(TaxSource.TYPED))
        tab.desking.tax_rate.setText("8.875")
    with qtbot.waitSignal(tab.server_checked, timeout=15_000):
        tab.desking.sell_rate.setText(str(tab.deals["finance"].offer.buy_rate))  # type: ignore[union-attr]
    desk = tab.deals["finance"]
    assert desk is not None and desk.reserve == 0
    assert finance(tab).purchase.vehicle_price == finance(tab).purchase.msrp - 1500
    assert finance(tab).monthly_payment < msrp_payment
    assert "CA" not in tab.columns["finance"].tax.text() and "8.875 %, rate typed" in tab.columns["finance"].tax.text()
    text = tab.independence.text()
    assert "selling price" in text and "tax rate" in text and "sell rate" in text
    for column in tab.columns.values():  # the request as sent still agrees with its local price
        assert not column.differs, column.check.text()


def test_a_grid_double_click_applies_the_cell(tab: PricingTab, qtbot: QtBot) -> None:
    row = tab.finance_grid.terms.index(72)
    with repriced(qtbot, tab):
        tab._on_grid_picked("finance", tab.finance_grid.index(row, 2))
    assert tab.finance_term.value() == 72 and Decimal(tab.customer_cash.text()) == Decimal(2500)
    assert finance(tab).term == 72 and finance(tab).customer_cash == 2500


def test_solve_for_a_payment_and_apply_it(tab: PricingTab, qtbot: QtBot) -> None:
    target = finance(tab).monthly_payment - 40
    tab.desking.target_amount.setText(f"{target}")
    tab.desking.solve.click()
    result = tab.desking.solve_result.text().splitlines()
    assert "reaches it" in result[0] and result[0].startswith("Cash down")
    assert result[1].startswith("or: Term") and result[2].startswith("or: Selling price")  # how far each lever moves
    with repriced(qtbot, tab):
        tab.desking.apply_solution.click()
    assert abs(finance(tab).monthly_payment - target) <= Decimal("0.01")


def test_server_check_flags_a_difference(tab: PricingTab, qtbot: QtBot) -> None:
    detail = tab.workspace.cache.dealer_detail(DPID)
    assert detail is not None
    changed = dict(detail["configuration"])
    changed["fees"] = {**changed["fees"], "doc_fee": 999}
    with qtbot.waitSignal(tab.server_checked, timeout=15_000):
        tab.set_dealer_config(DealerConfig.from_api(changed))
    for kind in ("cash", "finance", "lease"):
        column = tab.columns[kind]
        assert column.differs
        first = "due_at_signing" if kind == "cash" else "monthly_payment"
        assert column.check.text().startswith(f"Server differs — {first}:")


@pytest.mark.parametrize(
    ("widget", "value", "field", "words", "name"),
    [
        ("customer_cash", "-500", "payment.customer_cash", "negative", "Cash down / due"),
        ("customer_cash", "lots", "payment.customer_cash", "not an amount", "Cash down / due"),
        ("customer_cash", "9" * 31, "payment.customer_cash", "larger than any deal amount", "Cash down / due"),
        ("customer_cash", "1e30", "payment.customer_cash", "larger than any deal amount", "Cash down / due"),
        ("trade_payoff", "1" * 45, "trade_in.payoff", "too long for an amount", "Payoff"),
        ("zip_code", "99999", "customer.zip_code", "outside", "ZIP"),
        ("credit_score", 250, "customer.credit_score", "300", "Credit score"),
        ("finance_term", 66, "finance.payment.term", "choose one of", "Finance term"),
        ("lease_term", 60, "lease.payment.term", "choose one of", "Lease term"),
        ("grid_cash", "0 lots", "grid.cash", "not an amount", ""),  # the deals are priced: only the grid waits
    ],
)
def test_field_messages(
    tab: PricingTab, qtbot: QtBot, widget: str, value: Any, field: str, words: str, name: str
) -> None:
    """The refused field says why on its own line, and each deal it stops names it as its row does."""
    control = getattr(tab, widget)
    with repriced(qtbot, tab):
        if isinstance(value, str):
            control.setText(value)
        else:
            control.setValue(value)
    message = tab.field_messages[field]
    assert message.isVisibleTo(tab) and words in message.text()
    said = [column.problem.text() for column in tab.columns.values() if column.problem.isVisibleTo(tab)]
    assert all(f"{name}: " in text and words in text for text in said) and bool(said) == bool(name), said
    if isinstance(value, str):
        assert control.text() == value  # what the user typed is kept
        assert control.property("invalid") is True  # "Fix the field outlined in red": it is
    if widget in ("customer_cash", "trade_payoff"):  # an amount left empty is none: the outline goes
        with repriced(qtbot, tab):
            control.setText("")
        assert not message.isVisibleTo(tab) and control.property("invalid") is False


def test_worksheet_pdf(tab: PricingTab, tmp_path: Path) -> None:
    path = tmp_path / "worksheet.pdf"
    tab.save_worksheet(path)
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert f"{finance(tab).monthly_payment:,.2f}" in text
    assert tab.vehicle is not None and tab.vehicle["vin"] in text


def test_models(tab: PricingTab, qtmodeltester: Any) -> None:
    model = tab.columns["lease"].model
    assert isinstance(model, DealLinesModel)
    qtmodeltester.check(model)
    grid = tab.lease_grid
    assert isinstance(grid, PaymentGridModel)
    qtmodeltester.check(grid)


def test_the_rooftops_district_rate_is_set_once_and_named(tab: PricingTab, runner: TaskRunner, qtbot: QtBot) -> None:
    with repriced(qtbot, tab):
        tab.desking.tax_rate.setText("8.75")
        tab.desking.save_district.click()
    runner.wait_idle()
    assert tab.desking.tax_source.currentData() == TaxSource.ROOFTOP_DISTRICT
    assert "8.75 %, rooftop's district rate" in tab.columns["cash"].tax.text()
    with repriced(qtbot, tab):
        tab.desking.tax_rate.clear()  # the saved rate stays the source's rate
    assert "8.75 %, rooftop's district rate" in tab.columns["cash"].tax.text()
    assert tab.rooftop_store().district_rate(DPID) == Decimal("0.0875")


def test_a_saved_structure_reloads_into_the_form(tab: PricingTab, qtbot: QtBot) -> None:
    gap = next(p for p in tab.products.products if "cash" not in p.deal_types)
    tab.products.set_product(gap.code)
    tab.desking.discount.setText("750")
    tab.desking.accessories.setText("Floor mats 200/80; Tint 399")
    tab.trade_value.setText("6000")
    tab.trade_payoff.setText("8500")
    tab.trade_ownership.setCurrentText("financed")
    tab.lease_term.setValue(39)
    with qtbot.waitSignal(tab.structure_changed) as saved, repriced(qtbot, tab):
        tab.customer_cash.setText("1500")
    structure = saved.args[0]
    assert structure == tab.structure and structure.trade.equity == -2500
    assert "Negative equity" in tab.trade_equity.text()
    tab.desking.discount.clear()
    tab.customer_cash.setText("0")
    tab.products.set_product(gap.code, on=False)
    assert tab.structure != structure
    assert tab.load_structure(structure)
    assert tab.structure == structure


def test_a_role_without_profit_sees_no_reserve_gross_or_recap(tab: PricingTab, qtbot: QtBot) -> None:
    assert "reserve" in tab.columns["finance"].manager.text()
    with repriced(qtbot, tab):
        tab.set_manager_view(False)  # what the deal link does when the team server withholds profit from the role
    assert all(column.manager.text() == "" for column in tab.columns.values())
    assert tab.print_buttons_by_kind["recap"].isHidden()
    with repriced(qtbot, tab):
        tab.set_manager_view(True)
    assert "reserve" in tab.columns["finance"].manager.text() and not tab.print_buttons_by_kind["recap"].isHidden()


def test_the_form_runs_in_the_order_a_desk_is_worked(tab: PricingTab) -> None:
    """Walked at the desk: the selling price sat below the buyer's name and address, the rebates, the terms and the
    trade. The vehicle and what prices it come first, then its price, the money and terms, the lender, and the
    buyer's details (for the documents) last."""
    inputs = tab.form_pane.widget()

    def top(widget: QWidget) -> int:
        return widget.mapTo(inputs, QPoint(0, 0)).y()

    order = [
        tab.vin_edit,
        tab.credit_score,
        tab.desking.selling_price,
        tab.customer_cash,
        tab.finance_term,
        tab.trade_value,
        tab.desking.sell_rate,
        tab.buyer["first_name"],
    ]
    tops = [top(widget) for widget in order]
    assert tops == sorted(tops), tops


def test_a_payoff_typed_on_an_owned_trade_marks_it_financed_and_the_deal_is_priced(
    tab: PricingTab, qtbot: QtBot
) -> None:
    """As the deal's jacket does: "Owned" is only the default, and an owned trade with a payoff is refused."""
    tab.trade_value.setText("6000")
    assert tab.trade_ownership.currentText() == "owned"
    with repriced(qtbot, tab):
        tab.trade_payoff.setText("8500")
    assert tab.trade_ownership.currentText() == "financed"
    assert tab.structure is not None and tab.structure.trade is not None
    assert (tab.structure.trade.payoff, tab.structure.trade.ownership.value) == (8500, "financed")
    assert all(deal is not None for deal in tab.deals.values())
    with repriced(qtbot, tab):
        tab.trade_ownership.setCurrentText("owned")  # chosen by hand: still refused, under the field
    assert tab.structure is None
    assert "an owned trade-in has no payoff" in tab.field_messages["trade_in.payoff"].text()


@pytest.mark.parametrize(
    ("widget", "typed", "field", "words"),
    [
        ("customer_cash", "03x", "payment.customer_cash", "not an amount"),
        ("trade_value", "lots", "trade_in.value", "not an amount"),
    ],
)
def test_a_mistyped_field_is_outlined_before_a_vehicle_is_chosen(
    qtbot: QtBot,
    runner: TaskRunner,
    workspace: Workspace,
    sandbox: SandboxServer,
    widget: str,
    typed: str,
    field: str,
    words: str,
) -> None:
    """Walked on Xvfb: "03x" in Cash down with no vehicle chosen said nothing until a vehicle was picked."""
    tab, _vehicles = rooftop_tab(qtbot, runner, workspace, sandbox, DPID, 5)
    qtbot.waitUntil(lambda: tab.dealer_config is not None, timeout=15_000)
    control = getattr(tab, widget)
    control.setText(typed)
    message = tab.field_messages[field]
    qtbot.waitUntil(lambda: message.isVisibleTo(tab), timeout=5_000)
    assert words in message.text() and control.property("invalid") is True
    assert control.text() == typed, "what the user typed is kept"
    assert all("Choose a vehicle to price." in c.problem.text() for c in tab.columns.values())
    control.setText("")
    qtbot.waitUntil(lambda: not message.isVisibleTo(tab), timeout=5_000)
