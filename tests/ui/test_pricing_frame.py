"""Deal Pricing within a frame: the engine in a worker, grids refilled in place, a tab switch painted whole,
the package editor filled when opened."""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.desking import board
from desktop.domain.desking.grid import GridCell, PaymentGrid
from desktop.sandbox.server import SandboxServer
from desktop.ui.tabs.pricing import PaymentGridModel, PricingTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.ui.pricing_helpers import pricing_tab, repriced

real_price_desk = board.price_desk


@pytest.fixture
def tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> PricingTab:
    return pricing_tab(qtbot, runner, workspace, sandbox)


def grid(terms: tuple[int, ...], cash: tuple[int, ...], base: int = 400) -> PaymentGrid:
    amounts = tuple(Decimal(c) for c in cash)
    cells = tuple(tuple(GridCell(t, c, Decimal(base + t) - c / 100) for c in amounts) for t in terms)
    return PaymentGrid("finance", terms, amounts, cells)


def resets_of(*models: PaymentGridModel) -> list[str]:
    seen: list[str] = []
    for model in models:
        model.modelAboutToBeReset.connect(lambda: seen.append("reset"))
    return seen


def test_a_reprice_to_unpriced_and_back_refills_the_grids_without_a_reset(tab: PricingTab, qtbot: QtBot) -> None:
    resets = resets_of(tab.finance_grid, tab.lease_grid)
    shape = (tab.finance_grid.terms, tab.finance_grid.cash)
    payment = tab.finance_grid.payment(60, Decimal(0))
    assert payment is not None
    with qtbot.waitSignal(tab.finance_grid.dataChanged, timeout=5_000):
        tab.customer_cash.setText("lots")  # not an amount: the deal is not priced
    assert tab.finance_grid.payment(60, Decimal(0)) is None
    assert (tab.finance_grid.terms, tab.finance_grid.cash) == shape  # the rows and columns stay, blank
    assert tab.finance_grid.index(0, 0).data() == ""
    tab._on_grid_picked("finance", tab.finance_grid.index(0, 0))  # a blank cell double-clicked: nothing to apply
    assert tab.customer_cash.text() == "lots"
    with qtbot.waitSignal(tab.finance_grid.dataChanged, timeout=5_000):
        tab.customer_cash.setText("0")
    qtbot.waitUntil(lambda: tab.finance_grid.payment(60, Decimal(0)) == payment, timeout=5_000)
    assert resets == []


def test_a_grid_of_another_shape_moves_rows_and_columns_at_the_end(qtbot: QtBot, qtmodeltester: Any) -> None:
    model = PaymentGridModel()
    resets = resets_of(model)
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.set_grid(grid((36, 48, 60), (0, 1000)), (48, Decimal(0)))
    assert inserted == [(0, 2)] and model.columnCount() == 2
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, _r: changed.append((a.row(), a.column(), b.row(), b.column())))
    model.set_grid(grid((36, 48, 60), (0, 1000)), (60, Decimal(0)))  # only the bold cell moved
    assert changed == [(1, 0, 2, 0)]
    model.set_grid(grid((36, 48), (0, 1000, 2500)), None)
    assert model.terms == (36, 48) and model.cash == (Decimal(0), Decimal(1000), Decimal(2500))
    assert model.headerData(2, Qt.Orientation.Horizontal) == "$2,500 cash"
    model.clear()
    assert model.rowCount() == 2 and model.payment(36, Decimal(0)) is None
    qtmodeltester.check(model)
    assert resets == []


def test_the_desks_tables_paint_without_asking_python() -> None:
    """Every cell a view paints asks its model for about eight roles. Answered from Python, each answer took the
    interpreter lock again, and a worker running Python at the time took it back in between: a deal column's
    repaint took 4.2 ms of CPU and 7.8 ms instead of 1.6 and 2.3 (bench/bench_gil_models.py). The desk's models keep
    their cells in Qt's item model and override none of the virtuals a view calls."""
    from desktop.ui.tabs.pricing import DealLinesModel

    virtuals = {"data", "headerData", "rowCount", "columnCount", "flags", "index", "parent", "roleNames", "span"}
    for model in (DealLinesModel, PaymentGridModel):
        assert virtuals.isdisjoint(vars(model)), model


def test_the_grids_cells_say_the_payment_its_tip_and_the_deals_cell_in_bold(qtbot: QtBot) -> None:
    model = PaymentGridModel()
    model.set_grid(grid((36, 48), (0, 1000)), (48, Decimal(1000)))
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(2)] == ["36 mo", "48 mo"]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == ["$0 cash", "$1,000 cash"]
    deal = model.index(1, 1)
    assert deal.data() == "$438.00" and deal.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None
    assert model.current_index() == deal
    assert deal.data(Qt.ItemDataRole.ToolTipRole).startswith("48 months, $1,000.00 cash: $438.00 a month")
    model.set_grid(grid((36, 48), (0, 1000)), (36, Decimal(0)))  # the deal moved: its old cell is plain again
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 1).data(Qt.ItemDataRole.FontRole) is None
    model.set_grid(grid((36, 48), (0, 1000)), (48, Decimal(1000)))
    model.set_frequency("weekly")
    assert deal.data() == model.index(1, 1).data() != "$438.00"  # the weekly figure, the cell still bold
    assert deal.data(Qt.ItemDataRole.FontRole).bold()
    model.clear()
    assert deal.data() == "" and deal.data(Qt.ItemDataRole.ToolTipRole) is None


def test_a_tab_switch_paints_the_desk_whole_not_over_the_last_tabs_pixels(tab: PricingTab, qtbot: QtBot) -> None:
    """Panes held on a switch kept the previous tab's pixels on screen (the Inventory's rows under the deals)."""
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    other = QWidget()
    tabs.addTab(other, "Other")
    tabs.addTab(tab, "Deal Pricing")
    tabs.resize(1280, 720)
    tabs.show()
    qtbot.waitExposed(tabs)
    panes = [tab.form_pane, *tab.columns.values(), tab.sections]
    qtbot.waitUntil(lambda: all(pane.updatesEnabled() for pane in panes), timeout=2_000)
    tabs.setCurrentWidget(other)
    tabs.setCurrentWidget(tab)
    assert all(pane.updatesEnabled() for pane in panes)  # painted in the switch's own paint
    tabs.removeTab(1)
    tab.setParent(None)  # the fixture's tab is closed on its own after the test, not deleted with the tab widget


def test_the_engine_prices_in_a_worker_and_the_desk_shows_the_last_edit(
    tab: PricingTab, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []

    def price_desk(*args: Any) -> Any:
        threads.append(threading.current_thread())
        return real_price_desk(*args)

    monkeypatch.setattr(board, "price_desk", price_desk)
    shown: list[str] = []
    tab.priced.connect(lambda: shown.append(tab.customer_cash.text()))
    headline = tab.columns["finance"].headline.text()
    with repriced(qtbot, tab):
        tab.customer_cash.setText("4000")
        assert tab.columns["finance"].headline.text() == headline  # the last deal stays until the new one is shown
        tab.customer_cash.setText("1000")  # supersedes the 4000 being priced
    assert threads and threading.main_thread() not in threads
    assert shown == ["1000"]  # the 4000's board, had it come back, was dropped
    desk = tab.deals["finance"]
    assert desk is not None and desk.structure.cash_down == 1000
    assert tab.columns["finance"].headline.text() != headline
    assert tab.customer_cash.text() == "1000"


def test_a_mistyped_field_is_named_at_once_and_a_late_board_does_not_hide_it(tab: PricingTab, qtbot: QtBot) -> None:
    tab.customer_cash.setText("2500")  # priced in a worker...
    tab.customer_cash.setText("lots")  # ...and superseded before it came back
    message = tab.field_messages["payment.customer_cash"]
    assert message.isVisibleTo(tab) and "not an amount" in message.text()
    assert all(desk is None for desk in tab.deals.values())
    qtbot.waitUntil(lambda: not tab.runner.running(), timeout=15_000)
    assert message.isVisibleTo(tab) and tab.finance_grid.payment(60, Decimal(0)) is None
    assert tab.customer_cash.text() == "lots"


def test_the_package_editor_is_filled_when_it_opens_not_at_each_catalog(tab: PricingTab) -> None:
    page = tab.menu_page
    assert page.products and page.editor.rowCount() == 0  # catalogs came while it was closed: nothing built for it
    page.edit_packages.click()
    assert page.editor.rowCount() == len(page.products) and page.editor.cellWidget(0, 1) is not None
    page.editor_window.reject()


def test_the_deals_cell_is_scrolled_into_the_grid_when_its_term_or_cash_moves(tab: PricingTab, qtbot: QtBot) -> None:
    """Walked at the desk: a grid two rows high showed 24 and 36 months; the 72-month deal's bold cell was below."""
    view = tab.grid_views["finance"]
    view.setFixedHeight(view.horizontalHeader().height() + 2 * view.rowHeight(0) + 4)  # two rows in sight
    tab.window().show()
    qtbot.waitExposed(tab.window())
    terms = tab.finance_grid.terms
    assert len(terms) > 3
    longest = max(terms)
    with qtbot.waitSignal(tab.finance_grid.dataChanged, timeout=5_000):
        tab.finance_term.setValue(longest)
    qtbot.waitUntil(lambda: tab.finance_grid.current == (longest, tab.finance_grid.current[1]), timeout=5_000)
    index = tab.finance_grid.current_index()
    assert index.isValid() and index.row() == terms.index(longest)
    assert view.viewport().rect().contains(view.visualRect(index)), (view.visualRect(index), view.viewport().rect())


def test_the_term_arrows_step_through_the_terms_programs_offer(tab: PricingTab, qtbot: QtBot) -> None:
    """Walked at the desk: the lease term's up arrow went 36 -> 37, no program's term, and the lease side went blank."""
    offered = sorted(tab.lease_grid.terms)
    assert len(offered) > 2
    box = tab.lease_term
    box.setValue(offered[1])
    with qtbot.waitSignal(tab.lease_grid.dataChanged, timeout=5_000):
        box.stepUp()
    assert box.value() == offered[2]
    box.stepDown()
    box.stepDown()
    assert box.value() == offered[0]
    box.stepDown()  # below the shortest offered: it stays
    assert box.value() == offered[0]
    box.setValue(offered[0] + 1)  # any term can still be typed
    box.stepUp()
    assert box.value() == offered[1]


def test_a_blank_grid_cleared_again_looks_at_no_cell(qtbot: QtBot) -> None:
    """A rooftop switch clears the grids as its vehicles, fees and settings arrive: a grid blank already is not
    walked cell by cell again (a 20 x 12 grid's cells were read and compared three times a switch)."""
    model = PaymentGridModel()
    model.set_grid(grid((36, 48, 60), (0, 1000)), (48, Decimal(0)))
    model.clear()
    assert model.rowCount() == 3 and model.payment(48, Decimal(0)) is None  # blank, its shape kept
    looked: list[int] = []
    original = model._shown_cells
    model._shown_cells = lambda: (looked.append(1), original())[1]  # type: ignore[method-assign]
    model.clear()
    assert looked == []
