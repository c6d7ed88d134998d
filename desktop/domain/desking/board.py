"""Everything the desk shows for one structure, priced in one call: the work Deal Pricing hands to a worker.

The three deals, the programs each deal type qualifies for, the two payment grids, the menu's packages and the
engine's price of each partner request take 7-15 ms together on the machines measured: on the GUI thread that
left a keystroke's turn no room to paint in a 16 ms frame. The desk reads its form (cheap, and where a mistyped
field is named), hands an :class:`BoardOrder` to the TaskRunner and shows the :class:`Board` that comes back, if
no newer edit has superseded it. Pure and Qt-free; the caches it fills (the context's, the program set's) only
memoize, so two boards priced at once on two workers at worst compute an answer twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop.domain.deal import DealInput, PricingInputError
from desktop.domain.desking.desk import DeskContext, DeskDeal, ProgramOffer, offers, price_desk
from desktop.domain.desking.grid import PaymentGrid, desk_grid
from desktop.domain.desking.lease_terms import LeaseTerms, lease_terms
from desktop.domain.desking.menu import CatalogProduct, MenuPackage, MenuQuote, price_menu
from desktop.domain.desking.structure import DEAL_TYPES, DealStructure, DealType
from desktop.domain.pricing import CashDeal, FinanceDeal, LeaseDeal, ProgramSet, price_cash, price_finance, price_lease

GRID_TYPES: tuple[DealType, ...] = ("finance", "lease")
PricedRequest = CashDeal | FinanceDeal | LeaseDeal
_PRICERS: dict[str, Callable[[DealInput, ProgramSet], PricedRequest]] = {
    "cash": price_cash,
    "finance": price_finance,
    "lease": price_lease,
}


@dataclass(frozen=True)
class BoardOrder:
    """What to price, captured on the GUI thread: nothing in it is a widget or changes after it is made.

    Attributes:
        structure: the desk's form as read.
        ctx: the dealer's configuration and the make's programs for today.
        grid_cash: the grid's cash amounts; ``None`` when the manager's amounts are mistyped (no grids then).
        packages: the menu's packages.
        menu_products: per deal type the menu prices, the products its catalog offers.
        requests: the partner requests as parsed (the engine's price of each is what the server is compared to).
        programs: the make's programs the requests are priced with.
    """

    structure: DealStructure
    ctx: DeskContext
    grid_cash: tuple[Decimal, ...] | None
    packages: tuple[MenuPackage, ...]
    menu_products: Mapping[DealType, tuple[CatalogProduct, ...]]
    requests: Mapping[str, DealInput]
    programs: ProgramSet


@dataclass(frozen=True)
class Board:
    """The desk priced: each deal or why it cannot be, offers, lease terms, grids, menu and the requests' prices."""

    deals: dict[str, DeskDeal | PricingInputError]
    offers: dict[str, tuple[ProgramOffer, ...]]
    lease_terms: LeaseTerms | None
    grids: dict[str, PaymentGrid | None] = field(default_factory=dict)  # empty: the cash amounts are mistyped
    menu: dict[DealType, MenuQuote | PricingInputError] = field(default_factory=dict)
    request_deals: dict[str, PricedRequest | None] = field(default_factory=dict)
    programs_shown: dict[str, Any] = field(default_factory=dict)


def price_board(order: BoardOrder) -> Board:
    """Price everything ``order`` asks for; an error of one part is kept with that part, never raised."""
    structure, ctx = order.structure, order.ctx
    deals: dict[str, DeskDeal | PricingInputError] = {}
    for kind in DEAL_TYPES:
        try:
            deals[kind] = price_desk(structure, ctx, kind)
        except PricingInputError as exc:
            deals[kind] = exc
    found: dict[str, tuple[ProgramOffer, ...]] = {}
    for kind in GRID_TYPES:
        try:
            found[kind] = offers(structure, ctx, kind)
        except PricingInputError:
            found[kind] = ()
    lease = deals.get("lease")
    terms = lease_terms(lease.deal) if isinstance(lease, DeskDeal) and isinstance(lease.deal, LeaseDeal) else None
    grids: dict[str, PaymentGrid | None] = {}
    if order.grid_cash is not None:
        for kind in GRID_TYPES:
            try:
                grids[kind] = desk_grid(structure, ctx, kind, order.grid_cash)
            except PricingInputError:
                grids[kind] = None
    menu: dict[DealType, MenuQuote | PricingInputError] = {}
    if order.packages:
        for kind, products in order.menu_products.items():  # each deal type's packages hold its catalog's products
            menu.update(price_menu(structure, ctx, order.packages, products, (kind,)))
    request_deals: dict[str, PricedRequest | None] = {}
    for request_type, inp in order.requests.items():
        try:
            request_deals[request_type] = _PRICERS[request_type](inp, order.programs)
        except PricingInputError:
            request_deals[request_type] = None
    used, model = structure.vehicle.used, structure.vehicle.model
    shown = ctx.remember(("programs shown", used, model), lambda: ctx.programs.to_api(ctx.as_of, used, model))
    return Board(deals, found, terms, grids, menu, request_deals, shown)
