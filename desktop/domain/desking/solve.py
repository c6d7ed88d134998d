"""Solve for a target: the cash down, term or selling price that brings a payment (or due at signing) to it.

"Get me to 450 a month" is the desk's most common question. Every figure is a non-increasing (cash down) or
non-decreasing (selling price) step function of the lever in cents, so a binary search over whole cents finds
the lever's value whose figure is the closest at or under the target; on a loan or lease one cent of a lever
moves a payment by a small fraction of a cent, so that figure lands within one cent of any reachable target.
A term is not continuous: the solver names the shortest term at or under the target and how far it is off.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from desktop.domain.deal import PricingInputError
from desktop.domain.desking.desk import DeskContext, offered_terms, price_type
from desktop.domain.desking.structure import DealStructure, DealType
from desktop.domain.money import CENT, ZERO
from desktop.domain.pricing import CashDeal, FinanceDeal, LeaseDeal

_PRICE_CEILING = Decimal(3)  # a selling price is searched up to three times the MSRP
_ROUNDING_CENTS = 100  # how far below the lender's stated maximum cash its rounding can refuse a figure


class Lever(StrEnum):
    """What the desk may move to reach the target."""

    CASH_DOWN = "cash down"
    TERM = "term"
    SELLING_PRICE = "selling price"


class Target(StrEnum):
    """Which figure the target is."""

    MONTHLY = "monthly payment"
    DUE_AT_SIGNING = "due at signing"


@dataclass(frozen=True, slots=True)
class Solution:
    """The lever's value that reaches (or comes closest to) the target.

    Attributes:
        lever: what moved.
        target: the figure aimed at.
        wanted: the target amount.
        value: the lever's new value (an amount, or months for the term).
        moved_by: how far the lever moved from the structure's value.
        achieved: the figure at that value.
        reached: ``achieved`` is within one cent of ``wanted``.
        structure: the structure with the lever set, ready to apply.
        note: why the target was not reached, when it was not.
    """

    lever: Lever
    target: Target
    wanted: Decimal
    value: Decimal
    moved_by: Decimal
    achieved: Decimal
    reached: bool
    structure: DealStructure
    note: str = ""


def figure(structure: DealStructure, ctx: DeskContext, deal_type: DealType, target: Target) -> Decimal:
    """The target figure of ``structure`` priced as ``deal_type``."""
    deal = price_type(structure, ctx, deal_type)
    if target is Target.MONTHLY:
        if isinstance(deal, CashDeal):
            raise PricingInputError("target", "a cash deal has no monthly payment; aim at the amount due instead.")
        return deal.monthly_payment
    if isinstance(deal, CashDeal):
        return deal.due_at_signing
    return deal.customer_cash


def solve(
    structure: DealStructure,
    ctx: DeskContext,
    deal_type: DealType,
    target: Target,
    wanted: Decimal,
    lever: Lever,
) -> Solution:
    """Move ``lever`` so that ``deal_type``'s ``target`` figure is ``wanted``, or as close under it as it goes.

    Raises:
        PricingInputError: naming ``target`` for a combination that has no answer (a cash deal's payment; a
            finance or lease deal's due at signing by the selling price, which does not move it), or the field
            that stops the structure from being priced at all.
    """
    if wanted < ZERO:
        raise PricingInputError("target", "a target cannot be negative.")
    if lever is Lever.TERM:
        return _solve_term(structure, ctx, deal_type, target, wanted)
    if target is Target.DUE_AT_SIGNING and deal_type != "cash":
        if lever is Lever.SELLING_PRICE:
            raise PricingInputError("target", f"on a {deal_type} deal the amount due is the cash down; move that.")
        at = replace(structure, cash_down=wanted)
        return _solution(structure, at, ctx, deal_type, target, wanted, lever, wanted, "")
    if lever is Lever.CASH_DOWN:
        if deal_type == "cash":
            raise PricingInputError("target", "a cash deal has no cash down to move; move the selling price.")
        most = _maximum_cash(structure, ctx, deal_type)
        value = _search(
            lambda cents: figure(replace(structure, cash_down=cents), ctx, deal_type, target) <= wanted,
            ZERO,
            most,
            smallest=True,
        )
        note = "" if value is not None else f"even {most:,.2f} down does not reach it"
        chosen = most if value is None else value
        return _solution(
            structure, replace(structure, cash_down=chosen), ctx, deal_type, target, wanted, lever, chosen, note
        )
    ceiling = structure.vehicle.msrp * _PRICE_CEILING
    value = _search(
        lambda price: figure(replace(structure, selling_price=price), ctx, deal_type, target) <= wanted,
        CENT,
        ceiling,
        smallest=False,
    )
    note = "" if value is not None else "no selling price above zero reaches it"
    chosen = CENT if value is None else value
    try:
        price_type(replace(structure, selling_price=chosen), ctx, deal_type)
    except PricingInputError:
        # Below some price the structure cannot be priced at all (a lease whose cash down would bring the cap cost
        # under the residual): the search counted those prices as reaching the target. The answer is the lowest
        # price the structure takes, which does not reach it.
        lowest = _search(
            lambda price: bool(price_type(replace(structure, selling_price=price), ctx, deal_type)),
            CENT,
            ceiling,
            smallest=True,
        )
        if lowest is None:
            raise
        chosen = lowest
        note = f"the lowest selling price this {deal_type} deal takes with its cash down is {lowest:,.2f}"
    at = replace(structure, selling_price=chosen)
    return _solution(structure, at, ctx, deal_type, target, wanted, lever, chosen, note)


def _maximum_cash(structure: DealStructure, ctx: DeskContext, deal_type: DealType) -> Decimal:
    """The most cash down the lender takes, to the cent: its own figure, less what its rounding refuses."""
    deal = price_type(replace(structure, cash_down=ZERO), ctx, deal_type)
    if not isinstance(deal, FinanceDeal | LeaseDeal):
        return ZERO
    most = deal.maximum_customer_cash
    for _ in range(_ROUNDING_CENTS):
        if most <= ZERO:
            break
        try:
            price_type(replace(structure, cash_down=most), ctx, deal_type)
        except PricingInputError:
            most -= CENT
            continue
        return most
    if most <= ZERO:
        return ZERO
    # Further off than rounding (the cash down also moves what is taxed and capitalised): the largest cash down
    # the engine accepts, searched, since a maximum it refuses would fail the solution that lands on it.
    found = _search(
        lambda cash: _accepts(replace(structure, cash_down=cash), ctx, deal_type), ZERO, most, smallest=False
    )
    return ZERO if found is None else found


def _accepts(structure: DealStructure, ctx: DeskContext, deal_type: DealType) -> bool:
    try:
        price_type(structure, ctx, deal_type)
    except PricingInputError:
        return False
    return True


def _search(ok: Callable[[Decimal], bool], low: Decimal, high: Decimal, *, smallest: bool) -> Decimal | None:
    """The smallest (or largest) whole-cent value in [low, high] where ``ok`` holds; ``ok`` is monotone.

    A value the engine refuses (a cash down beyond what the lender books) counts as not ``ok`` on the side of
    the search it lies.
    """

    def test(cents: int) -> bool:
        try:
            return ok(Decimal(cents) / 100)
        except PricingInputError:
            return not smallest

    lo, hi = int(low * 100), int(high * 100)
    if smallest:
        if not test(hi):
            return None
        while lo < hi:
            mid = (lo + hi) // 2
            if test(mid):
                hi = mid
            else:
                lo = mid + 1
        return Decimal(lo) / 100
    if not test(lo):
        return None
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if test(mid):
            lo = mid
        else:
            hi = mid - 1
    return Decimal(lo) / 100


def _solve_term(
    structure: DealStructure, ctx: DeskContext, deal_type: DealType, target: Target, wanted: Decimal
) -> Solution:
    if deal_type == "cash" or target is Target.DUE_AT_SIGNING:
        raise PricingInputError("target", "only a monthly payment moves with the term.")
    best: tuple[int, Decimal] | None = None
    closest: tuple[int, Decimal] | None = None
    for term in offered_terms(structure, ctx, deal_type):
        at = _with_term(structure, deal_type, term)
        try:
            payment = figure(at, ctx, deal_type, target)
        except PricingInputError:
            continue
        if closest is None or abs(payment - wanted) < abs(closest[1] - wanted):
            closest = (term, payment)
        if payment <= wanted and best is None:
            best = (term, payment)
    chosen = best or closest
    if chosen is None:
        raise PricingInputError("payment.term", "no program writes this deal at any term.")
    term, payment = chosen
    note = "" if abs(payment - wanted) <= CENT else f"the nearest term is {payment - wanted:+,.2f} a month off"
    current = Decimal(structure.term_for(deal_type))
    return Solution(
        Lever.TERM,
        target,
        wanted,
        Decimal(term),
        Decimal(term) - current,
        payment,
        abs(payment - wanted) <= CENT,
        _with_term(structure, deal_type, term),
        note,
    )


def _with_term(structure: DealStructure, deal_type: DealType, term: int) -> DealStructure:
    return replace(structure, lease_term=term) if deal_type == "lease" else replace(structure, finance_term=term)


def _solution(
    before: DealStructure,
    after: DealStructure,
    ctx: DeskContext,
    deal_type: DealType,
    target: Target,
    wanted: Decimal,
    lever: Lever,
    value: Decimal,
    note: str,
) -> Solution:
    achieved = figure(after, ctx, deal_type, target)
    current = before.cash_down if lever is Lever.CASH_DOWN else before.selling_price
    reached = abs(achieved - wanted) <= CENT
    if not reached and not note:
        note = f"the closest reachable is {achieved:,.2f}"
    return Solution(lever, target, wanted, value, value - current, achieved, reached, after, note)
