"""The F&I products table: ticked and tiered from the keyboard or the mouse, as with a box per row."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QTableView
from pytestqt.qtbot import QtBot

from desktop.domain.desking.menu import CatalogProduct
from desktop.sandbox.server import SandboxServer
from desktop.ui.amounts import money
from desktop.ui.tabs.pricing import PricingTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.ui.pricing_helpers import pricing_tab, repriced

TIER, PRICE = 1, 2


@pytest.fixture
def tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> PricingTab:
    shown = pricing_tab(qtbot, runner, workspace, sandbox)
    shown.resize(1400, 900)
    shown.show()
    qtbot.waitExposed(shown)
    shown.sections.setCurrentWidget(shown.products)
    return shown


def tiered(tab: PricingTab) -> tuple[int, CatalogProduct]:
    """A product with several tiers, and its row."""
    return next((row, p) for row, p in enumerate(tab.products.products) if len(p.tiers) > 1)


def cell(table: QTableView, row: int, column: int) -> QModelIndex:
    return table.model().index(row, column)


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")  # a tier's popup, if opened
def test_space_ticks_a_product_and_the_arrows_pick_its_tier(tab: PricingTab, qtbot: QtBot) -> None:
    row, product = tiered(tab)
    table = tab.products.table
    table.setFocus()
    table.setCurrentIndex(cell(table, row, 0))
    with repriced(qtbot, tab):
        qtbot.keyClick(table, Qt.Key.Key_Space)
    first = product.product().tier
    assert [(p.code, p.tier) for p in tab.products.chosen()] == [(product.code, first)]
    qtbot.keyClick(table, Qt.Key.Key_Right)  # the tier's drop-down takes the keys, as the row's box did
    box = table.focusWidget()
    assert isinstance(box, QComboBox) and box.currentData() == first
    following = product.tiers[box.currentIndex() + 1]
    payment = tab.deals["finance"]
    with repriced(qtbot, tab):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert [(p.code, p.tier) for p in tab.products.chosen()] == [(product.code, following.code)]
    assert cell(table, row, PRICE).data() == money(following.price)
    assert tab.deals["finance"] != payment
    table.setFocus()
    table.setCurrentIndex(cell(table, row, 0))
    with repriced(qtbot, tab):
        qtbot.keyClick(table, Qt.Key.Key_Space)
    assert tab.products.chosen() == ()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")  # the tiers' popup
def test_a_click_on_a_tier_opens_its_list_and_an_unticked_product_keeps_the_tier_picked(
    tab: PricingTab, qtbot: QtBot
) -> None:
    row, product = tiered(tab)
    table = tab.products.table
    rect = table.visualRect(cell(table, row, TIER))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    box = table.focusWidget()
    assert isinstance(box, QComboBox)
    qtbot.waitUntil(box.view().isVisible)  # one click shows the tiers, as a click on a drop-down does
    last = product.tiers[-1]
    box.hidePopup()
    box.setCurrentIndex(box.findData(last.code))
    assert cell(table, row, PRICE).data() == money(last.price)
    assert tab.products.chosen() == ()  # picking a tier ticks nothing
    with repriced(qtbot, tab):
        tab.products.set_product(product.code)
    assert [(p.code, p.tier) for p in tab.products.chosen()] == [(product.code, last.code)]


def test_the_products_model_is_a_sound_model(tab: PricingTab, qtmodeltester: Any) -> None:
    assert tab.products.model.rowCount() == len(tab.products.products) > 0
    qtmodeltester.check(tab.products.model)
