"""The priced deals on screen, from a board priced in the TaskRunner: each column's headline, lines, tax source and
manager figures; programs and lease terms in the form; the trade's appraised value and equity.

A mixin of :class:`~desktop.ui.tabs.pricing.tab.PricingTab`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QComboBox

from desktop.domain.deal import PricingInputError, TradeIn
from desktop.domain.desking import DealStructure, DeskDeal
from desktop.domain.desking.board import Board, BoardOrder, price_board
from desktop.domain.pricing import LeaseDeal
from desktop.domain.trade_appraisal import appraised_trade
from desktop.ui.amounts import money, number
from desktop.ui.tabs.pricing.desking_form import AUTO_PROGRAM


class DealDisplay:
    """Showing the structure's deals for the pricing tab."""

    def _show_column(self: Any, kind: str, desk: DeskDeal | PricingInputError, text: ColumnText | None) -> None:
        """Show ``kind``'s deal as the job worded it (``text``), or the field that stops it being priced."""
        column = self.columns[kind]
        if text is None:
            assert isinstance(desk, PricingInputError)  # a priced deal always comes worded (price_desk)
            self._show_field(desk.field, desk.message, kind)
            column.show_problem(f"No {kind} deal. {self.field_name(desk.field, kind)}: {desk.message}")
            return
        column.show_deal(text.headline, text.equivalents, text.lines, text.tax, text.manager)

    def _fill_programs(self: Any, board: Board) -> None:
        form = self.desking
        for kind, combo, limits in (
            ("finance", form.finance_program, form.finance_limits),
            ("lease", form.lease_program, form.lease_limits),
        ):
            items = [(AUTO_PROGRAM, "")]
            for offer in board.offers.get(kind, ()):
                rate = f"{number(offer.buy_rate)} %" if kind == "finance" else f"MF {number(offer.buy_rate)}"
                items.append((f"{offer.name} — buy {rate}, until {offer.expires_on:%b %d}", offer.name))
            _offer_items(combo, items)
            desk = self.deals.get(kind)
            if desk is not None and desk.offer is not None:
                offer = desk.offer
                limits.setText(
                    f"Buy {number(offer.buy_rate)}, sell at most {number(offer.max_sell_rate)} "
                    f"({offer.lender_name}); selling at {number(desk.sell_rate or Decimal(0))}."
                )
            else:
                limits.setText("")
        terms = board.lease_terms
        if terms is not None:
            signing = "; ".join(f"{label} {money(amount)}" for label, amount in terms.signing)
            form.lease_terms.setText(
                f"Residual {number(terms.residual_percent)} % = {money(terms.residual_value)} "
                f"(base {number(terms.base_residual_percent)} %, {terms.mileage_adjustment:+} points for "
                f"{terms.annual_mileage:,} mi/yr). Due at signing: {signing} = {money(terms.total_due_at_signing)}."
            )
        else:
            form.lease_terms.setText("")

    def _show_trade(self: Any, structure: DealStructure) -> None:
        """The trade's value as the deal is priced with it (an estimate appraised for its mileage) and its equity."""
        trade = structure.trade
        if trade is None:
            self.trade_equity.clear()
        else:
            self.trade_equity.setText(describe_trade(trade, self.context(structure.vehicle.make).as_of))
        incentives = {i.code: i for i in self.context(structure.vehicle.make).programs.incentives if i.code}
        for code, box in self.incentives.items():
            found = incentives.get(code)
            if found is not None:
                box.setText(f"{found.name} {money(found.amount)}")
                box.setToolTip(f"Until {found.expires_on.isoformat()}")


@dataclass(frozen=True)
class ColumnText:
    """What a deal column says, worded in the pricing job: formatting some hundred amounts and sentences for
    three columns was a share of the reprice's turn on the GUI thread."""

    headline: str
    equivalents: str
    lines: list[tuple[str, Any]]
    tax: str
    manager: str


@dataclass(frozen=True)
class DeskBoard:
    """A priced board and its columns' words: what the pricing job hands the GUI thread."""

    board: Board
    columns: dict[str, ColumnText]


def price_desk(order: BoardOrder, manager_view: bool) -> DeskBoard:
    """Price ``order``'s board and word its columns (in the TaskRunner: pure, no widget touched)."""
    board = price_board(order)
    columns = {
        kind: column_text(kind, order.structure, desk, manager_view)
        for kind, desk in board.deals.items()
        if isinstance(desk, DeskDeal)
    }
    return DeskBoard(board, columns)


def column_text(kind: str, structure: DealStructure, desk: DeskDeal, manager_view: bool) -> ColumnText:
    """A priced deal's column: its payment (or what is due) as the headline, its lines, tax and manager figures."""
    deal = desk.deal
    equivalents = ""
    if desk.monthly_payment is None:
        headline = f"{money(desk.due_at_signing)} due"
    else:
        rate = f"{number(desk.sell_rate or Decimal(0))} % APR" if kind == "finance" else ""
        if isinstance(deal, LeaseDeal):
            rate = f"MF {number(deal.money_factor)} ({desk.apr_equivalent:.2f} % APR)"
        headline = f"{money(desk.monthly_payment)}/mo · {structure.term_for(kind)} mo · {rate}"
        equivalents = f"{money(desk.biweekly_payment)} biweekly · {money(desk.weekly_payment)} weekly"
    lines = list(deal.lines)
    if desk.trade_equity < 0:
        lines.append(("Negative equity rolled in", -desk.trade_equity))
    front = "unknown (no vehicle cost)" if desk.front_gross is None else money(desk.front_gross)
    manager = (
        f"Manager only: front gross {front} · reserve {money(desk.reserve)} · back gross {money(desk.back_gross)}"
        if manager_view
        else ""
    )
    return ColumnText(headline, equivalents, lines, desk.tax_label, manager)


def _offer_items(combo: QComboBox, items: list[tuple[str, str]]) -> None:
    """Offer ``items`` (text, program name) keeping the choice; untouched when the offers did not change.

    Most keystrokes leave the programs a buyer qualifies for as they were: refilling the combo each time cost a
    relayout of the form for nothing.
    """
    shown = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
    if shown == items:
        return
    wanted = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, name in items:
        combo.addItem(text, name)
    combo.setCurrentIndex(max(0, combo.findData(wanted)))
    combo.blockSignals(False)


def describe_trade(trade: TradeIn, as_of: date) -> str:
    """Two short lines: where the priced value comes from (when it is not simply the typed one) and the equity.

    The desk prices the appraised value, as the server does, so the equity shown is the appraised value's.
    """
    priced = appraised_trade(trade, as_of)
    if trade.is_offer:
        source = f"{money(trade.value)} firm offer, priced as given\n"
    elif trade.mileage is not None and trade.value >= 0:
        source = f"{money(priced.value)} appraised from the {money(trade.value)} estimate at {trade.mileage:,} mi\n"
    else:
        source = ""
    if priced.equity < 0:
        return f"{source}Negative equity {money(-priced.equity)}, rolled into the deal"
    return f"{source}Trade equity {money(priced.equity)}"
