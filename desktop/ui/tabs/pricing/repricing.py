"""Repricing the desk: the form read on the GUI thread, the engine's board priced in the TaskRunner, then shown.

A mixin of :class:`~desktop.ui.tabs.pricing.tab.PricingTab`. The form is read into a structure at once, so a
mistyped field is named before anything is priced; the three deals, two grids, the menu and the requests' local
prices are one :class:`~desktop.domain.desking.board.Board`, priced in a worker (7-15 ms that left a keystroke's
turn no room to paint) and shown if no newer edit superseded it. Until then the desk shows the last deal priced.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from desktop.domain.deal import PricingInputError
from desktop.domain.desking import DEAL_TYPES, DealStructure, DeskDeal
from desktop.domain.desking.board import BoardOrder
from desktop.ui.errors import sentence
from desktop.ui.tabs.pricing.deal_display import DeskBoard, price_desk
from desktop.ui.tabs.pricing.field_lines import field_words, form_key
from desktop.ui.tabs.pricing.programs_tree import program_rows
from desktop.ui.widgets.staggered import held

PRICING_LABEL = "Pricing the deal"  # the engine's job, as the status bar names it


class Repricing:
    """Form → board → screen for the pricing tab."""

    deals: dict[str, DeskDeal | None]
    structure: DealStructure | None
    requests: dict[str, dict[str, Any]]

    def _clear_messages(self: Any) -> None:
        """Hide the messages shown under the fields (each reprice does): only those shown are told, as hiding one
        runs its Python ``setVisible`` (which un-marks its field), some thirty calls a keystroke for nothing."""
        for key, label in self.field_messages.items():
            # the vehicle's line is the VIN field's and the cache read's, not a reprice's
            if key != "vehicle.vin" and not label.isHidden():
                label.hide()

    def field_name(self: Any, field: str, deal_type: str = "") -> str:
        """The words the form gives the request field ``field`` (of ``deal_type``'s deal), e.g. "Cash down / due"."""
        return field_words(self.lines.names, field, deal_type)

    def _show_field(self: Any, field: str, message: str, deal_type: str = "") -> bool:
        label = self.field_messages.get(form_key(field, deal_type))
        if label is None:
            return False
        label.setText(message)
        label.show()
        return True

    def recompute(self: Any) -> None:
        """Reprice: the form is read now (a mistyped field is named at once); the engine prices it in the
        TaskRunner and the board is shown when it comes back, unless a newer edit superseded it. Until then the
        desk keeps showing the last deal priced: nothing blanks or flickers while the manager types.

        Not while a rooftop switch is still to be followed: the dealer's fees would be the last rooftop's."""
        if self._filling or self.when_shown.pending():
            return
        self._generation += 1
        self.check_timer.stop()
        self.runner.cancel(self._price_job)
        self.structure = None
        self.requests = {}
        if self.dealer_config is None or self.vehicle is None:
            why = "Loading the dealer's fees and markups…" if self.vehicle else "Choose a vehicle to price."
            try:
                self.check_typed()
            except PricingInputError as exc:  # outlined now, not only once a vehicle is chosen
                self._unpriced(why, exc)
                return
            self._unpriced(why)
            return
        try:
            structure = self.read_structure()
            order = self.board_order(structure)
        except PricingInputError as exc:
            self.requests = {}
            self._unpriced(f"Fix the field outlined in red. {self.field_name(exc.field)}: {exc.message}", exc)
            return
        self.structure = structure
        generation = self._generation
        self._price_job = self.runner.submit(
            partial(price_desk, order, self.manager_view),
            lambda priced: self._on_priced(generation, order, priced),
            lambda exc: self._on_price_failed(generation, exc),
            label=PRICING_LABEL,
            owner=self,
            local=True,
        )
        self.structure_changed.emit(structure)

    def board_order(self: Any, structure: DealStructure) -> BoardOrder:
        """Everything the engine needs for ``structure``, taken from the form and the catalog now."""
        make, today = structure.vehicle.make, date.today()
        requests = self.build_requests(structure)
        return BoardOrder(
            structure,
            self.context(make),
            self.grid_amounts(),
            self.packages,
            self.menu_order(),
            requests,
            self.programs_for(make, today),
        )

    def _on_priced(self: Any, generation: int, order: BoardOrder, priced: DeskBoard) -> None:
        """Show a board, all in this turn (the panes' painting is spread over the next ones); its columns come
        worded from the job."""
        if generation != self._generation:
            return  # a newer edit is being priced: this board is of a form no longer on screen
        structure, board = order.structure, priced.board
        self.deals = {kind: _deal(board.deals.get(kind)) for kind in DEAL_TYPES}
        self.request_deals = board.request_deals
        self._clear_messages()
        self.banner.clear_message()
        self.paint_later.hold([*self.columns.values(), *self.grid_views.values()])
        for kind in DEAL_TYPES:
            self._show_column(kind, board.deals[kind], priced.columns.get(kind))
        self._fill_programs(board)
        self._update_grids(structure, board)
        self._show_trade(structure)
        self.recompute_menu(board, order)
        if self.server_programs is None:
            self._show_programs(program_rows(board.programs_shown), "local programs (not yet confirmed)")
        for column in self.columns.values():
            column.set_check("Checking with the server…", False)
        self.set_printing_enabled(True)
        self.check_timer.start()
        self.priced.emit()

    def _on_price_failed(self: Any, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._unpriced(f"The deal could not be priced: {sentence(exc)}")

    def _unpriced(self: Any, why: str, problem: PricingInputError | None = None) -> None:
        """Say why nothing is priced, on the field that stops it when one does."""
        self.deals = dict.fromkeys(DEAL_TYPES)
        self._clear_messages()
        if problem is not None and not self._show_field(problem.field, problem.message):
            self.banner.show_error(f"{self.field_name(problem.field)}: {problem.message}")
        self._not_priced(why)
        self.priced.emit()

    def _not_priced(self: Any, why: str) -> None:
        self.paint_later.hold([*self.columns.values(), *self.grid_views.values()])
        for column in self.columns.values():
            column.show_problem(why)
            column.set_check("Not checked with the server: nothing to check yet.", False)
        self.finance_grid.clear(later=held(self.grid_views["finance"]))
        self.lease_grid.clear(later=held(self.grid_views["lease"]))
        self.menu.clear()  # nothing priced: no menu to show or present (the last rooftop's was presentable)
        self.menu_page.show_menu(None)
        self.menu_page.status.setText(f"No menu until the deal is priced. {why}")
        self.set_printing_enabled(False)


def _deal(priced: DeskDeal | PricingInputError | None) -> DeskDeal | None:
    return priced if isinstance(priced, DeskDeal) else None
