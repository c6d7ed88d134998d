"""The Deal Pricing tab against the sandbox: local repricing, the F&I menu, the server check, field messages, PDF."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from desktop.domain.deal import DealerConfig
from desktop.domain.pricing import FinanceDeal, LeaseDeal
from desktop.sandbox.server import SandboxServer
from desktop.services import inventory_sync
from desktop.ui.tabs.pricing import DealLinesModel, PaymentGridModel, PricingTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.ui.conftest import connection_to

DPID = "umazda"


@pytest.fixture
def tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> PricingTab:
    connection = connection_to(sandbox)
    dealers = [d.model_dump() for d in connection.roadster.dealers()]
    workspace.cache.save_dealers(dealers)
    inventory_sync.refresh_dealer_detail(connection.roadster, workspace.cache, DPID)
    vehicles, _ = connection.roadster.inventory_page(DPID, size=40, in_stock=True)
    workspace.cache.upsert_vehicles(DPID, vehicles)
    workspace.set_dealers(dealers)
    workspace.set_connection(connection)
    workspace.set_rooftop(DPID)
    widget = PricingTab(runner, workspace)
    qtbot.addWidget(widget)
    mazda = next(v for v in vehicles if v["make"] == "Mazda")
    with qtbot.waitSignal(widget.server_checked, timeout=15_000):
        assert widget.select_vehicle(mazda["vin"])
    qtbot.waitUntil(lambda: bool(widget.catalog), timeout=15_000)
    runner.wait_idle()
    return widget


def finance(tab: PricingTab) -> FinanceDeal:
    deal = tab.deals["finance"]
    assert isinstance(deal, FinanceDeal)
    return deal


def lease(tab: PricingTab) -> LeaseDeal:
    deal = tab.deals["lease"]
    assert isinstance(deal, LeaseDeal)
    return deal


def test_prices_the_vehicle_and_server_agrees(tab: PricingTab) -> None:
    assert tab.zip_code.text() == "13224"  # the rooftop's ZIP
    assert finance(tab).term == 60 and lease(tab).term == 36
    for column in tab.columns.values():
        assert not column.differs, column.check.text()
        assert "agrees" in column.check.text()
        assert column.model.rowCount() > 3
    assert "/mo" in tab.columns["finance"].headline.text()
    assert tab.finance_grid.rowCount() == 6 and tab.finance_grid.columnCount() == 5
    assert tab.programs.topLevelItemCount() == 3


def test_inputs_change_payments_at_once(tab: PricingTab) -> None:
    before = (finance(tab).monthly_payment, lease(tab).monthly_payment)
    tab.customer_cash.setText("4000")
    after = (finance(tab).monthly_payment, lease(tab).monthly_payment)
    assert after[0] < before[0] and after[1] < before[1]
    assert tab.finance_grid.payment(60, Decimal(4000)) == after[0]
    tab.finance_term.setValue(72)
    assert finance(tab).term == 72
    tab.trade_value.setText("5000")
    assert finance(tab).monthly_payment < after[0]


def test_adding_a_product_updates_every_payment(tab: PricingTab, qtbot: QtBot) -> None:
    before = (finance(tab).monthly_payment, lease(tab).monthly_payment, tab.finance_grid.payment(48, Decimal(0)))
    vsc = next(p for p in tab.catalog if p.category == "Vehicle Service Contract")
    with qtbot.waitSignal(tab.server_checked, timeout=15_000):
        tab.set_product(vsc.id, vsc.tiers[-1].code)
    after = (finance(tab).monthly_payment, lease(tab).monthly_payment, tab.finance_grid.payment(48, Decimal(0)))
    assert all(a is not None and b is not None and a > b for a, b in zip(after, before, strict=True))
    assert any(vsc.title in label for label, _ in tab.columns["finance"].model.lines())
    assert not tab.columns["finance"].differs, tab.columns["finance"].check.text()


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
    ("widget", "value", "field", "words"),
    [
        ("customer_cash", "-500", "payment.customer_cash", "negative"),
        ("customer_cash", "lots", "payment.customer_cash", "not an amount"),
        ("zip_code", "99999", "customer.zip_code", "outside"),
        ("credit_score", 250, "customer.credit_score", "300"),
        ("finance_term", 66, "finance.payment.term", "choose one of"),
        ("lease_term", 60, "lease.payment.term", "choose one of"),
    ],
)
def test_field_messages(tab: PricingTab, widget: str, value: Any, field: str, words: str) -> None:
    control = getattr(tab, widget)
    if isinstance(value, str):
        control.setText(value)
    else:
        control.setValue(value)
    message = tab.field_messages[field]
    assert message.isVisibleTo(tab) and words in message.text()
    if isinstance(value, str):
        assert control.text() == value  # what the user typed is kept


def test_worksheet_pdf(tab: PricingTab, tmp_path: Path) -> None:
    path = tmp_path / "worksheet.pdf"
    tab.save_worksheet(path)
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert f"{finance(tab).monthly_payment:,.2f}" in text
    assert tab.vehicle is not None and tab.vehicle["vin"] in text


def test_models(tab: PricingTab, qtmodeltester: Any) -> None:
    model = tab.columns["lease"].model
    assert isinstance(model, DealLinesModel)
    qtmodeltester.check(model)
    grid = tab.lease_grid
    assert isinstance(grid, PaymentGridModel)
    qtmodeltester.check(grid)
