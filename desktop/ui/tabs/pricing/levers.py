"""The desk's levers: the payment grid (double-click applies a cell) and solving for a target payment.

A mixin of :class:`~desktop.ui.tabs.pricing.tab.PricingTab`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex

from desktop.domain.deal import PricingInputError
from desktop.domain.desking import DealStructure
from desktop.domain.desking.board import Board
from desktop.domain.desking.grid import parse_amounts
from desktop.domain.desking.solve import Lever, Solution, Target, solve
from desktop.ui.amounts import money, parse_money
from desktop.ui.models.common import ObjectRole
from desktop.ui.tabs.pricing.models import FREQUENCIES
from desktop.ui.widgets.staggered import held


class Levers:
    """Grid and solver for the pricing tab."""

    solution: Solution | None

    def grid_amounts(self: Any) -> tuple[Decimal, ...] | None:
        """The grid's cash amounts as typed; ``None`` (the field's message says why) when they are mistyped."""
        try:
            return parse_amounts(self.grid_cash.text())
        except PricingInputError as exc:
            self._show_field(exc.field, exc.message)
            return None

    def _update_grids(self: Any, structure: DealStructure, board: Board) -> None:
        """The board's grids; mistyped cash amounts leave the grids as they were."""
        if not board.grids:
            self.grid_amounts()  # says which amount is mistyped on the field's line
            return
        for kind, model in (("finance", self.finance_grid), ("lease", self.lease_grid)):
            current = (structure.term_for(kind), structure.cash_down)
            moved = current != model.current
            model.set_grid(board.grids.get(kind), current, later=held(self.grid_views[kind]))
            if moved:  # the deal's cell in sight (walked: a 72-month deal's row was below a grid showing two)
                index = model.current_index()
                if index.isValid():
                    self.grid_views[kind].scrollTo(index)

    def _on_frequency(self: Any, index: int) -> None:
        for model in (self.finance_grid, self.lease_grid):
            model.set_frequency(FREQUENCIES[index])

    def _on_grid_picked(self: Any, kind: str, index: QModelIndex) -> None:
        picked = index.data(ObjectRole)
        if picked is None:  # a blank cell of a grid cleared while the deal is not priced
            return
        term, cash, _value = picked
        (self.lease_term if kind == "lease" else self.finance_term).setValue(term)
        self.customer_cash.setText(f"{cash:f}")

    # --- solve for a target -------------------------------------------------------------------------------------

    def _on_solve(self: Any) -> None:
        """Solve by the chosen lever (which Apply sets) and say how far each of the other levers would move."""
        form = self.desking
        form.field_messages["target"].hide()
        if self.structure is None:
            form.solve_result.setText("Price a deal first.")
            return
        chosen = Lever(form.lever.currentData())
        try:
            wanted = parse_money(form.target_amount.text(), "target")
            self.solution = self._solve_by(chosen, wanted)
        except PricingInputError as exc:
            self.solution = None
            self._show_field(exc.field, exc.message)
            form.apply_solution.setEnabled(False)
            return
        lines = [_describe(self.solution)]
        for lever in Lever:
            if lever is not chosen:
                try:
                    lines.append(f"or: {_describe(self._solve_by(lever, wanted))}")
                except PricingInputError as exc:
                    lines.append(f"or: {lever.value} cannot: {exc.message}")
        form.solve_result.setText("\n".join(lines))
        form.apply_solution.setEnabled(True)

    def _solve_by(self: Any, lever: Lever, wanted: Any) -> Solution:
        form = self.desking
        structure = self.structure
        return solve(
            structure,
            self.context(structure.vehicle.make),
            form.target_deal.currentData(),
            Target(form.target_kind.currentData()),
            wanted,
            lever,
        )

    def _on_apply_solution(self: Any) -> None:
        if self.solution is None:
            return
        solved = self.solution.structure
        lever = self.solution.lever
        if lever is Lever.CASH_DOWN:
            self.customer_cash.setText(f"{solved.cash_down:f}")
        elif lever is Lever.SELLING_PRICE:
            self.desking.discount.clear()
            self.desking.selling_price.setText(f"{solved.selling_price:f}")
        else:
            self.finance_term.setValue(solved.finance_term)
            self.lease_term.setValue(solved.lease_term)
        self.desking.apply_solution.setEnabled(False)


def _describe(s: Solution) -> str:
    """ "Cash down $3,200.00 (+2,200.00) gives $450.00 monthly payment: reaches it." """
    value = f"{s.value:.0f} months" if s.lever is Lever.TERM else money(s.value)
    moved = f"{s.moved_by:+.0f} months" if s.lever is Lever.TERM else f"{s.moved_by:+,.2f}"
    verdict = "reaches it" if s.reached else f"comes closest ({s.note})"
    return f"{s.lever.value.capitalize()} {value} ({moved}) gives {money(s.achieved)} {s.target.value}: {verdict}."
