"""The payment grid: the terms the programs write for this buyer x the cash amounts the manager picks.

A pencil grid answers "what if we go longer, or you put more down": rows are terms some program actually
writes for the buyer's score (not a fixed list), columns the amounts the manager typed. Each cell carries the
monthly payment and the reference's weekly and biweekly equivalents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.deal import PricingInputError
from desktop.domain.desking.desk import DeskContext, desk_input, offered_terms
from desktop.domain.desking.structure import DealStructure, DealType
from desktop.domain.money import ZERO, typed_amount
from desktop.domain.pricing import biweekly, price_finance_at, price_lease_at, weekly

MAX_GRID_AMOUNTS = 8


@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell: a term and a cash amount, and what it costs a month (``None``: no program writes it)."""

    term: int
    cash: Decimal
    monthly: Decimal | None

    @property
    def weekly(self) -> Decimal | None:
        """Monthly x 12 / 52, truncated, as the reference defines it."""
        return None if self.monthly is None else weekly(self.monthly)

    @property
    def biweekly(self) -> Decimal | None:
        """Monthly x 12 / 26, truncated."""
        return None if self.monthly is None else biweekly(self.monthly)


@dataclass(frozen=True, slots=True)
class PaymentGrid:
    """Rows of cells, one row per term, one cell per cash amount, in the order given."""

    deal_type: DealType
    terms: tuple[int, ...]
    cash: tuple[Decimal, ...]
    cells: tuple[tuple[GridCell, ...], ...]

    def cell(self, term: int, cash: Decimal) -> GridCell | None:
        """The cell at ``term`` and ``cash``, if the grid has it."""
        if term not in self.terms or cash not in self.cash:
            return None
        return self.cells[self.terms.index(term)][self.cash.index(cash)]


def parse_amounts(text: str) -> tuple[Decimal, ...]:
    """The manager's column amounts ("0, 1000, 2,500 5000"): sorted, without repeats.

    Raises:
        PricingInputError: naming ``grid.cash`` for anything that is not a non-negative amount, or too many.
    """
    amounts: set[Decimal] = set()
    for raw in text.replace(";", " ").replace(", ", " ").split():
        try:
            value = Decimal(typed_amount(raw))
        except ArithmeticError:
            raise PricingInputError("grid.cash", f"{raw!r} is not an amount; type amounts like 0 1000 2500.") from None
        if not value.is_finite() or value < ZERO:
            raise PricingInputError("grid.cash", f"{raw!r} is not an amount of cash down.")
        amounts.add(value)
    if not amounts:
        raise PricingInputError("grid.cash", "type at least one cash amount, such as 0 1000 2500.")
    if len(amounts) > MAX_GRID_AMOUNTS:
        raise PricingInputError("grid.cash", f"at most {MAX_GRID_AMOUNTS} amounts fit a grid.")
    return tuple(sorted(amounts))


def desk_grid(structure: DealStructure, ctx: DeskContext, deal_type: DealType, cash: Iterable[Decimal]) -> PaymentGrid:
    """The grid for ``deal_type`` (finance or lease); the deal's program and markup hold in every cell.

    Raises:
        PricingInputError: what stops the structure itself from being priced.
    """
    amounts = tuple(cash)
    terms = offered_terms(structure, ctx, deal_type)
    inp, programs, _offer = desk_input(structure, ctx, deal_type)
    price = price_lease_at if deal_type == "lease" else price_finance_at
    rows = []
    for term in terms:
        row = []
        for amount in amounts:
            try:
                monthly: Decimal | None = price(inp, programs, term, amount).monthly_payment
            except PricingInputError:
                monthly = None
            row.append(GridCell(term, amount, monthly))
        rows.append(tuple(row))
    return PaymentGrid(deal_type, terms, amounts, tuple(rows))
