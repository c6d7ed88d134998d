"""The deal's trade-in box on the real sandbox: mileage and Firm offer typed in the jacket, and the value the
server prices the deal with shown beside them, to the cent (issue 15)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from desktop.domain.deals import DealVehicle
from desktop.sandbox.server import SandboxServer
from desktop.secrets import SecretStore
from desktop.store.deals import SqliteDealStore
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.tabs.deals import DealsTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.ui.conftest import connection_to

DPID = "umazda"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteDealStore]:
    s = SqliteDealStore(tmp_path / "deals.sqlite3", SecretStore())
    yield s
    s.close()


@pytest.fixture
def tab(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, store: SqliteDealStore, sandbox: SandboxServer
) -> Iterator[DealsTab]:
    workspace.set_connection(connection_to(sandbox))
    workspace.set_dealers([{"dpid": DPID, "name": "Umazda", "zip_code": "03101"}])
    current = CurrentDeal(runner, who="ann.agent")
    current.set_rooftop(DPID, "Umazda")
    workspace.set_rooftop(DPID)
    t = DealsTab(runner, workspace)
    qtbot.addWidget(t)
    t.bind_deal(current)
    current.set_store(store)
    t.resize(1280, 620)  # the tab's share of a 1280x720 window: the jacket's four boxes side by side fit it
    t.show()
    yield t
    current.flush()
    runner.wait_idle()


def deal_with_a_trade(qtbot: QtBot, tab: DealsTab, vehicle: DealVehicle | None = None) -> tuple[CurrentDeal, Any]:
    """A new deal open in ``tab``'s jacket (on ``vehicle``), its trade-in box added: the deal and the form."""
    current, form = tab.current, tab.form
    assert current is not None and form is not None
    current.start(vehicle=vehicle)
    qtbot.waitUntil(lambda: current.deal is not None)
    qtbot.mouseClick(form.add_trade, Qt.MouseButton.LeftButton)
    return current, form


def type_into(qtbot: QtBot, entry: object, text: str) -> None:
    entry.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(entry, text)  # type: ignore[arg-type]


def test_the_trade_box_takes_mileage_and_firm_offer_and_shows_the_servers_value(
    qtbot: QtBot, tab: DealsTab, store: SqliteDealStore, workspace: Workspace
) -> None:
    assert workspace.connection is not None
    vehicles, _ = workspace.connection.roadster.inventory_page(DPID, size=20, in_stock=True)
    current, form = deal_with_a_trade(qtbot, tab, DealVehicle(vin=str(vehicles[0]["vin"])))
    assert form.appraisal.text() == "—"
    type_into(qtbot, form.entries["trade_ins[0].year"], str(date.today().year - 5))  # 60,000 miles expected
    type_into(qtbot, form.entries["trade_ins[0].offer_value"], "10000")
    type_into(qtbot, form.entries["trade_ins[0].mileage"], "90,000")  # 30,000 over: held to a quarter off
    qtbot.waitUntil(
        lambda: form.appraisal.text() == "$7,500.00: the $10,000.00 estimate appraised for 90,000 miles.", timeout=5000
    )
    type_into(qtbot, form.entries["trade_ins[0].mileage"], "55555")  # 4,445 under at 10 cents a mile
    qtbot.waitUntil(
        lambda: form.appraisal.text() == "$10,444.50: the $10,000.00 estimate appraised for 55,555 miles.", timeout=5000
    )

    type_into(qtbot, form.entries["trade_ins[0].mileage"], "1000000")
    assert "Trade-in 1 mileage must be between 0 and 999,999 miles." in form.banner.text()
    assert form.entries["trade_ins[0].mileage"].text() == "1000000"  # kept to be corrected
    assert current.deal is not None and current.deal.trade_ins[0].mileage == 100_000  # the last good value

    firm = form.checks["trade_ins[0].firm_offer"]
    assert not firm.isChecked()
    box = QPoint(6, firm.height() // 2)  # on its box (the check box is as wide as the column, its words are not)
    qtbot.mouseClick(firm, Qt.MouseButton.LeftButton, pos=box)
    qtbot.waitUntil(lambda: form.appraisal.text() == "$10,000.00: a firm offer, priced as given.", timeout=5000)
    deal_id = current.deal.id
    qtbot.waitUntil(lambda: not current.dirty, timeout=5000)
    saved = store.get(deal_id).trade_ins[0]
    assert (saved.offer_value, saved.mileage, saved.firm_offer) == (Decimal("10000"), 100_000, True)
    form.undo()  # the flag goes back like any other field, and the estimate is valued again
    assert not firm.isChecked()
    qtbot.waitUntil(
        lambda: form.appraisal.text() == "$7,500.00: the $10,000.00 estimate appraised for 100,000 miles.", timeout=5000
    )


def test_without_a_connection_or_a_vehicle_the_box_says_what_is_missing(
    qtbot: QtBot, tab: DealsTab, workspace: Workspace
) -> None:
    current, form = deal_with_a_trade(qtbot, tab)
    type_into(qtbot, form.entries["trade_ins[0].offer_value"], "9000")
    assert form.appraisal.text() == "Choose the vehicle to have Roadster value the trade."
    connection = workspace.connection
    workspace.set_connection(None)
    assert connection is not None
    connection.close()
    current.update(lambda deal: setattr(deal.vehicle, "vin", "JM3KFBCM1R0000001"))
    assert form.appraisal.text() == "Not connected: the trade is valued once the connection is up."


def test_a_payoff_typed_on_the_jacket_marks_the_trade_financed_and_owned_is_refused_while_it_has_one(
    qtbot: QtBot, tab: DealsTab
) -> None:
    """Walked: a trade with a payoff, left "Owned" (the default), was saved here and refused on Deal Pricing."""
    current, form = deal_with_a_trade(qtbot, tab)
    ownership = form.combos["trade_ins[0].ownership"]
    assert ownership.currentData() == "owned"
    type_into(qtbot, form.entries["trade_ins[0].payoff"], "8200")
    assert ownership.currentData() == "financed"
    assert current.deal is not None and current.deal.trade_ins[0].ownership.value == "financed"
    ownership.setCurrentIndex(ownership.findData("owned"))
    ownership.activated.emit(ownership.currentIndex())  # as a pick from the list
    assert "Trade-in 1 ownership: an owned trade-in has no payoff; clear the payoff first." in form.banner.text()
    assert current.deal.trade_ins[0].ownership.value == "financed"
    assert ownership.currentData() == "financed"  # the box says what the deal holds
    assert form.entries["trade_ins[0].payoff"].text() == "8200"  # nothing typed is lost


def test_with_the_co_buyer_and_a_trade_shown_a_vin_and_the_private_fields_hints_show_whole(
    qtbot: QtBot, tab: DealsTab, workspace: Workspace
) -> None:
    """At 1280x720 the buyer's and co-buyer's boxes took the row, and the vehicle's VIN showed its last 15
    characters, the private fields "ty…": neither is cut now."""
    assert workspace.connection is not None
    vehicles, _ = workspace.connection.roadster.inventory_page(DPID, size=1, in_stock=True)
    vin = str(vehicles[0]["vin"])
    _current, form = deal_with_a_trade(qtbot, tab, DealVehicle(vin=vin))
    form.has_co_buyer.setChecked(True)
    qtbot.waitUntil(lambda: form.co_buyer_box.isVisible() and form.trade_box.isVisible())
    qtbot.wait(50)  # laid out
    entry = form.entries["vehicle.vin"]
    assert entry.text() == vin
    assert entry.width() >= entry.fontMetrics().horizontalAdvance(vin) + 8  # the text and the frame's margins
    for field in form.pii.values():
        hint = field.edit.fontMetrics().horizontalAdvance(field.edit.placeholderText())
        assert field.edit.width() >= hint, field.path
    assert form.width() <= tab.width()  # the row still fits the tab
