"""The desk's board: everything Deal Pricing shows for one structure, priced in one call (in a worker)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from desktop.domain.deal import PricingInputError
from desktop.domain.desking import DealStructure, DeskContext, DeskDeal, price_desk
from desktop.domain.desking.board import BoardOrder, price_board
from desktop.domain.desking.grid import desk_grid
from desktop.domain.desking.menu import default_packages, price_menu
from tests.domain.desking.conftest import catalog

D = Decimal
CASH = (D(0), D(1000), D(2500))


def order(structure: DealStructure, ctx: DeskContext, grid_cash: tuple[Decimal, ...] | None = CASH) -> BoardOrder:
    products = catalog()
    menu = {"finance": products, "lease": products}
    return BoardOrder(structure, ctx, grid_cash, default_packages(products), menu, {}, ctx.programs)


def test_the_board_is_what_the_engine_prices_part_by_part(structure: DealStructure, ctx: DeskContext) -> None:
    board = price_board(order(structure, ctx))
    for kind in ("cash", "finance", "lease"):
        desk = board.deals[kind]
        assert isinstance(desk, DeskDeal) and desk == price_desk(structure, ctx, kind)  # type: ignore[arg-type]
    assert board.grids["finance"] == desk_grid(structure, ctx, "finance", CASH)
    packages = default_packages(catalog())
    assert board.menu["lease"] == price_menu(structure, ctx, packages, catalog(), ("lease",))["lease"]
    assert board.offers["finance"] and board.lease_terms is not None
    assert "finance" in board.programs_shown


def test_a_part_that_cannot_be_priced_keeps_its_error_and_the_rest_is_priced(
    structure: DealStructure, ctx: DeskContext
) -> None:
    board = price_board(order(replace(structure, lease_term=60), ctx, grid_cash=None))  # no lease writes 60 months
    lease = board.deals["lease"]
    assert isinstance(lease, PricingInputError) and lease.field == "payment.term"
    assert isinstance(board.deals["finance"], DeskDeal) and board.lease_terms is None
    assert board.grids == {}  # mistyped cash amounts: no grids
