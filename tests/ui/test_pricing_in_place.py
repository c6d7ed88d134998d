"""Deal Pricing shows a re-priced catalog in the widgets it has, and spreads a reprice's painting over turns."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.sandbox.server import SandboxServer
from desktop.ui.amounts import money
from desktop.ui.tabs.pricing import PricingTab
from desktop.ui.tabs.pricing.products_model import TiersRole
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.choice_delegate import ChosenRole
from desktop.ui.widgets.staggered import StaggeredPaint
from desktop.ui.workspace import Workspace
from tests.ui.pricing_helpers import pricing_tab


@pytest.fixture
def tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> PricingTab:
    return pricing_tab(qtbot, runner, workspace, sandbox)


def test_a_repriced_catalog_keeps_its_widgets_and_shows_the_new_prices(
    tab: PricingTab, qtbot: QtBot, runner: TaskRunner
) -> None:
    model = tab.products.model
    rows_moved: list[object] = []
    for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
        signal.connect(lambda *_a, s=signal: rows_moved.append(s))
    table = tab.products.table
    widgets = [table.indexWidget(model.index(row, model.COL_TIER)) for row in range(model.rowCount())]
    assert widgets and not any(widgets)  # no widget of its own in any row: the tiers are painted
    tab.menu_page.edit_packages.click()  # filled as it opens, and again while open when the catalog comes anew
    editor = tab.menu_page.editor
    assert editor.rowCount() > 0
    cells = [editor.cellWidget(row, 1) for row in range(editor.rowCount())]
    before = {p.code: [t.price for t in p.tiers] for p in tab.products.products}
    with qtbot.waitSignal(tab.catalog_loaded, timeout=15_000):
        tab.finance_term.setValue(84)  # GAP is rated by the term: the catalog comes again, priced anew
        tab.check_with_server()
    runner.wait_idle()
    after = {p.code: [t.price for t in p.tiers] for p in tab.products.products}
    assert after.keys() == before.keys() and after != before
    assert not rows_moved  # the same rows, their prices changed in place
    for row, product in enumerate(tab.products.products):
        tiers = model.index(row, model.COL_TIER).data(TiersRole)
        assert tiers == [(f"{tier.title} — {money(tier.price)}", tier.code) for tier in product.tiers]
        tier = next(t for t in product.tiers if t.code == model.index(row, model.COL_TIER).data(ChosenRole))
        assert model.index(row, model.COL_PRICE).data() == money(tier.price)
    assert [editor.cellWidget(row, 1) for row in range(editor.rowCount())] == cells


def test_held_panes_are_painted_again_one_turn_after_another(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    panes = [QLabel(f"pane {i}", window) for i in range(3)]
    layout = QVBoxLayout(window)
    for pane in panes:
        layout.addWidget(pane)
    window.show()
    qtbot.waitExposed(window)
    hidden = QLabel("not on screen")
    qtbot.addWidget(hidden)
    painter = StaggeredPaint(window)
    painter.hold([*panes, hidden])
    assert [pane.updatesEnabled() for pane in panes] == [False, False, False]
    assert hidden.updatesEnabled()  # what is not on screen has nothing to paint now
    qtbot.waitUntil(lambda: all(pane.updatesEnabled() for pane in panes), timeout=2_000)
    painter.hold(panes)
    painter.release_all()
    assert all(pane.updatesEnabled() for pane in panes)
