"""A :class:`DealStructure` priced by the engine: programs chosen, sell rate within limits, reserve, gross.

The engine (:mod:`desktop.domain.pricing`) prices what the partner API's request can say. A desk says more —
a chosen program rather than the lowest rate, a sell rate under the dealer's markup ceiling, the buyer's own
tax rate — and this module expresses each decision in the engine's own terms (a program set holding only the
chosen program, a dealer configuration whose markup is the one chosen, the state's rule at the chosen rate), so
every figure still comes from one engine and nothing is priced twice in two ways.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.domain.deal import DealerConfig, DealInput, Markup, PricingInputError
from desktop.domain.desking.structure import DealStructure, DealType
from desktop.domain.desking.tax_choice import describe, jurisdiction_rule, state_rule
from desktop.domain.money import ZERO, round_cents
from desktop.domain.pricing import (
    CashDeal,
    FinanceDeal,
    LeaseDeal,
    biweekly,
    money_factor_to_apr,
    price_cash,
    price_finance,
    price_lease,
    weekly,
)
from desktop.domain.programs import FinanceProgram, LeaseProgram, ProgramSet
from desktop.domain.tax import state_for_zip
from desktop.domain.trade_appraisal import appraised_trade

Priced = CashDeal | FinanceDeal | LeaseDeal
# The lender's customary share of the rate markup paid to the dealer as reserve; a lender's own figure replaces it.
DEFAULT_RESERVE_SHARE = Decimal("0.75")


@dataclass(frozen=True, slots=True)
class ProgramOffer:
    """A program that can write this deal, with its buy rate and the sell-rate ceiling the dealer allows.

    Attributes:
        name: the program's title.
        lender_name: the lender.
        buy_rate: finance APR in percent, or lease money factor.
        max_markup: the dealer's markup ceiling for it (APR points, or money-factor units).
        dealer_cash: manufacturer money that comes with the program.
        expires_on: last day it can be written.
        special: a subvented rate.
    """

    name: str
    lender_name: str
    buy_rate: Decimal
    max_markup: Decimal
    dealer_cash: Decimal
    expires_on: date
    special: bool

    @property
    def max_sell_rate(self) -> Decimal:
        """The highest rate the dealer may sell at."""
        return self.buy_rate + self.max_markup


@dataclass(eq=False)
class DeskContext:
    """What prices a structure besides the structure: the rooftop's fees and markups, the make's programs, the day.

    Attributes:
        dealer: the rooftop's configuration (fees, markup ceilings).
        programs: the make's lender programs and incentives.
        as_of: the pricing day (programs and tax law as of it).
        reserve_share: the lender's share of the finance-charge markup paid to the dealer.
    """

    dealer: DealerConfig
    programs: ProgramSet
    as_of: date
    reserve_share: Decimal = DEFAULT_RESERVE_SHARE
    _cache: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False)

    def remember(self, key: tuple[Any, ...], make: Any) -> Any:
        """Memoize ``make()`` under ``key``: restricted program sets and markup configurations repeat per keystroke."""
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) > 512:
                self._cache.clear()
            found = self._cache[key] = make()
        return found


@dataclass(frozen=True, slots=True)
class DeskDeal:
    """One deal type of a structure, priced, with the manager's figures.

    Attributes:
        structure: what was priced.
        deal_type: cash, finance or lease.
        deal: the engine's deal.
        offer: the program written (``None`` for cash).
        sell_rate: APR in percent or money factor the customer pays (``None`` for cash).
        reserve: dealer reserve in money (manager view only).
        tax_label: the rate and its source, as the screen and worksheet name it.
    """

    structure: DealStructure
    deal_type: DealType
    deal: Priced
    offer: ProgramOffer | None
    sell_rate: Decimal | None
    reserve: Decimal
    tax_label: str

    @property
    def monthly_payment(self) -> Decimal | None:
        """The monthly payment (``None`` on a cash deal)."""
        return None if isinstance(self.deal, CashDeal) else self.deal.monthly_payment

    @property
    def weekly_payment(self) -> Decimal | None:
        """The reference's weekly equivalent (monthly x 12 / 52, truncated)."""
        monthly = self.monthly_payment
        return None if monthly is None else weekly(monthly)

    @property
    def biweekly_payment(self) -> Decimal | None:
        """The reference's biweekly equivalent (monthly x 12 / 26, truncated)."""
        monthly = self.monthly_payment
        return None if monthly is None else biweekly(monthly)

    @property
    def due_at_signing(self) -> Decimal:
        """What the customer pays at signing: the total on cash, the down payment, the lease's total."""
        return self.deal.due_at_signing if isinstance(self.deal, CashDeal) else self.deal.customer_cash

    @property
    def apr_equivalent(self) -> Decimal | None:
        """The lease's money factor as an APR in percent, for customers comparing it with a loan."""
        if isinstance(self.deal, LeaseDeal):
            return money_factor_to_apr(self.deal.money_factor)
        return None

    @property
    def trade_equity(self) -> Decimal:
        """Trade value less payoff: negative equity is rolled into what the customer owes."""
        return self.deal.purchase.trade_equity

    @property
    def products_profit(self) -> Decimal:
        """F&I products' price less cost (accessories count in the front gross)."""
        return sum((p.profit for p in self.structure.products_for(self.deal_type)), ZERO)

    @property
    def front_gross(self) -> Decimal | None:
        """Selling price less the vehicle's cost, plus accessories' profit; ``None`` when the cost is unknown."""
        cost = self.structure.vehicle.cost
        if cost is None:
            return None
        accessories = sum((a.price - a.cost for a in self.structure.accessories if a.cost is not None), ZERO)
        return self.structure.selling_price - cost + accessories

    @property
    def back_gross(self) -> Decimal:
        """Products' profit plus the dealer reserve."""
        return self.products_profit + self.reserve


def offers(structure: DealStructure, ctx: DeskContext, deal_type: DealType) -> tuple[ProgramOffer, ...]:
    """Every program that writes this buyer's score at the deal's term, lowest rate first.

    Raises:
        PricingInputError: naming ``payment.term`` or ``customer.credit_score`` when none does.
    """
    v, as_of, term = structure.vehicle, ctx.as_of, structure.term_for(deal_type)
    found: list[ProgramOffer] = []
    if deal_type == "finance":
        age = as_of.year - v.year
        for fp in ctx.programs.finance:
            if not fp.covers(v.used, age, as_of):
                continue
            rate = fp.buy_rate(structure.credit_score, term)
            if rate is not None:
                found.append(_offer(fp, rate, ctx.dealer.rate_markup("finance", v.make, v.used, v.model, fp.special)))
    elif deal_type == "lease" and not v.used:
        for lp in ctx.programs.lease:
            mf = lp.buy_money_factor(structure.credit_score)
            if as_of <= lp.expires_on and term in lp.residuals and mf is not None:
                found.append(_offer(lp, mf, ctx.dealer.rate_markup("lease", v.make, v.used, v.model, lp.special)))
    if not found and deal_type != "cash":
        # The engine's own selection says precisely why (term, score, age or deal type).
        if deal_type == "finance":
            ctx.programs.finance_program(structure.credit_score, term, v.used, as_of.year - v.year, as_of)
        else:
            ctx.programs.lease_program(structure.credit_score, term, v.used, as_of)
    return tuple(sorted(found, key=lambda o: (o.buy_rate, -o.dealer_cash)))


def _offer(program: FinanceProgram | LeaseProgram, rate: Decimal, markup: Decimal) -> ProgramOffer:
    return ProgramOffer(
        program.name, program.lender_name, rate, markup, program.dealer_cash, program.expires_on, program.special
    )


def offered_terms(structure: DealStructure, ctx: DeskContext, deal_type: DealType) -> tuple[int, ...]:
    """The terms some program writes for this buyer and vehicle: the rows of the payment grid."""
    v, as_of = structure.vehicle, ctx.as_of
    terms: set[int] = set()
    if deal_type == "finance":
        age = as_of.year - v.year
        for fp in ctx.programs.finance:
            if fp.covers(v.used, age, as_of):
                terms.update(t for t in fp.rates if fp.buy_rate(structure.credit_score, t) is not None)
    elif deal_type == "lease" and not v.used:
        for lp in ctx.programs.lease:
            if as_of <= lp.expires_on and lp.buy_money_factor(structure.credit_score) is not None:
                terms.update(lp.residuals)
    return tuple(sorted(terms))


def _chosen(structure: DealStructure, ctx: DeskContext, deal_type: DealType) -> ProgramOffer | None:
    if deal_type == "cash":
        return None
    found = offers(structure, ctx, deal_type)
    wanted = structure.finance_program if deal_type == "finance" else structure.lease_program
    if wanted is None:
        return found[0]
    for offer in found:
        if offer.name == wanted:
            return offer
    raise PricingInputError(
        f"{deal_type}.program",
        f"{wanted} does not write a score of {structure.credit_score} for {structure.term_for(deal_type)} months; "
        f"choose one of: {'; '.join(o.name for o in found)}.",
    )


def _markup(structure: DealStructure, deal_type: DealType, offer: ProgramOffer) -> Decimal:
    sell = structure.sell_rate if deal_type == "finance" else structure.sell_money_factor
    if sell is None:
        return offer.max_markup
    if not offer.buy_rate <= sell <= offer.max_sell_rate:
        unit = "% APR" if deal_type == "finance" else "(money factor)"
        raise PricingInputError(
            f"{deal_type}.sell_rate",
            f"{sell:f} {unit} is outside what {offer.lender_name} and the dealer allow: "
            f"from the buy rate {offer.buy_rate:f} to {offer.max_sell_rate:f}.",
        )
    return sell - offer.buy_rate


def _programs(ctx: DeskContext, finance: ProgramOffer | None, lease: ProgramOffer | None) -> ProgramSet:
    base = ctx.programs
    if finance is None and lease is None:
        return base

    def restrict() -> ProgramSet:
        f = tuple(p for p in base.finance if finance is None or p.name == finance.name)
        le = tuple(p for p in base.lease if lease is None or p.name == lease.name)
        return ProgramSet(base.make, f, le, base.incentives, base.cash_dealer_cash)

    key = ("programs", id(base), None if finance is None else finance.name, None if lease is None else lease.name)
    found: ProgramSet = ctx.remember(key, restrict)
    return found


def _dealer(ctx: DeskContext, structure: DealStructure, deal_type: DealType, markup: Decimal) -> DealerConfig:
    """The rooftop's configuration with ``markup`` as the deal's markup: how the engine learns the sell rate."""
    make = structure.vehicle.make

    def build() -> DealerConfig:
        rates: dict[tuple[str, str, str, str], Decimal] = {
            (deal_type, condition, "global", kind): markup
            for condition in ("new", "used")
            for kind in ("standard", "special")
        }
        markups = (Markup(make, rates),)
        return DealerConfig(ctx.dealer.fees, markups, ctx.dealer.price_unlock_mode)

    found: DealerConfig = ctx.remember(("dealer", id(ctx.dealer), make, deal_type, markup), build)
    return found


def desk_input(
    structure: DealStructure, ctx: DeskContext, deal_type: DealType, *, markup: Decimal | None = None
) -> tuple[DealInput, ProgramSet, ProgramOffer | None]:
    """The engine's input and program set for one deal type of ``structure``, with the program it writes.

    ``markup`` overrides the structure's sell rate (the reserve prices the buy rate with 0).

    Raises:
        PricingInputError: naming the field that cannot be priced.
    """
    v = structure.vehicle
    offer = _chosen(structure, ctx, deal_type)
    dealer = ctx.dealer
    programs = ctx.programs
    if offer is not None:
        named = structure.finance_program if deal_type == "finance" else structure.lease_program
        chosen_markup = _markup(structure, deal_type, offer) if markup is None else markup
        if chosen_markup != offer.max_markup:
            dealer = _dealer(ctx, structure, deal_type, chosen_markup)
        if named is not None:
            programs = _programs(
                ctx, offer if deal_type == "finance" else None, offer if deal_type == "lease" else None
            )
    rule = None
    if structure.tax.rate is not None:
        try:
            state = state_for_zip(structure.zip_code)
        except ValueError as exc:
            raise PricingInputError("customer.zip_code", str(exc)) from None
        rule = ctx.remember(
            ("tax", state, ctx.as_of, structure.tax), lambda: jurisdiction_rule(state, ctx.as_of, structure.tax)
        )
    products = tuple(p.to_product() for p in structure.products_for(deal_type))
    inp = DealInput(
        msrp=v.msrp,
        price=structure.selling_price,
        make=v.make,
        year=v.year,
        used=v.used,
        model=v.model,
        dealer=dealer,
        credit_score=structure.credit_score,
        zip_code=structure.zip_code,
        term=structure.term_for(deal_type),
        as_of=ctx.as_of,
        customer_cash=ZERO if deal_type == "cash" else structure.cash_down,
        annual_mileage=structure.annual_mileage,
        incentives=structure.rebates,
        no_taxes_or_fees=structure.no_taxes_or_fees,
        trade_in=None if structure.trade is None else appraised_trade(structure.trade, ctx.as_of),
        products=tuple(a.to_product() for a in structure.accessories) + products,
        tax_rule_override=rule,
    )
    return inp, programs, offer


def price_type(structure: DealStructure, ctx: DeskContext, deal_type: DealType) -> Priced:
    """Just the engine's deal for one type: what the menu and the solver need, without the reserve."""
    inp, programs, _ = desk_input(structure, ctx, deal_type)
    if deal_type == "cash":
        return price_cash(inp, programs)
    if deal_type == "finance":
        return price_finance(inp, programs)
    return price_lease(inp, programs)


def price_desk(structure: DealStructure, ctx: DeskContext, deal_type: DealType | None = None) -> DeskDeal:
    """``structure`` priced as ``deal_type`` (its own by default), with reserve and the tax source named.

    Raises:
        PricingInputError: naming the field that cannot be priced.
    """
    kind: DealType = structure.deal_type if deal_type is None else deal_type
    inp, programs, offer = desk_input(structure, ctx, kind)
    deal: Priced
    reserve = ZERO
    sell: Decimal | None = None
    if kind == "cash":
        deal = price_cash(inp, programs)
    elif kind == "finance":
        deal = price_finance(inp, programs)
        sell = deal.apr
        if deal.markup:
            at_buy = price_finance(desk_input(structure, ctx, kind, markup=ZERO)[0], programs)
            reserve = round_cents((deal.total_interest - at_buy.total_interest) * ctx.reserve_share)
    else:
        deal = price_lease(inp, programs)
        sell = deal.money_factor
        reserve = round_cents(deal.markup * (deal.cap_cost + deal.residual) * deal.term * ctx.reserve_share)
    rule = inp.tax_rule_override or state_rule(inp.state, ctx.as_of)
    return DeskDeal(structure, kind, deal, offer, sell, reserve, describe(rule, structure.tax, kind == "lease"))
