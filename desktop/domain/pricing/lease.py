"""Pricing a lease: the program, residual, excess miles, tax method and the solved payment.

A lease customer's cash pays the first payment, the fees due at signing and their tax; the rest reduces the
cap cost, which moves the payment, so the payment is a fixed point (:mod:`.lease_solver`).
"""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.deal import (
    LEASE_ONLY_FEES,
    DealInput,
    PricingInputError,
)
from desktop.domain.money import HUNDRED, ZERO, round_dollars
from desktop.domain.pricing.lease_deal import LeaseDeal, LeaseTax, _product_share
from desktop.domain.pricing.lease_solver import LeaseSolver
from desktop.domain.pricing.purchase import _MONTHS_PER_YEAR, _purchase, _rule_for
from desktop.domain.programs import (
    ProgramSet,
)
from desktop.domain.tax import LeaseTaxMethod


def price_lease(inp: DealInput, programs: ProgramSet) -> LeaseDeal:
    """Price ``inp`` as a lease at ``inp.term`` months, ``inp.annual_mileage`` miles a year.

    ``inp.customer_cash`` is the total due at signing: the first payment, the fees due at signing, taxes at
    signing and the security deposit come out of it and the rest reduces the cap cost; cash short of those
    items is capitalized instead. The first payment depends on the cap cost reduction and vice versa, so the
    payment is found as a fixed point to the cent (see :class:`LeaseSolver`).

    Raises:
        PricingInputError: naming ``payment.term``, ``customer.credit_score`` or ``payment.deal_type`` when no
            program fits, ``payment.annual_mileage`` beyond what the lender writes, or
            ``payment.customer_cash`` beyond what would bring the cap cost below the residual.
    """
    return _price_lease(inp, programs, inp.term, inp.customer_cash)


def price_lease_at(inp: DealInput, programs: ProgramSet, term: int, cash: Decimal) -> LeaseDeal:
    """``inp`` leased at another term and cash due at signing without building a new input: a grid's cell.

    Raises:
        PricingInputError: as :func:`price_lease`.
    """
    return _price_lease(inp, programs, term, cash)


def _price_lease(inp: DealInput, programs: ProgramSet, term: int, cash: Decimal) -> LeaseDeal:
    rule = _rule_for(inp)
    program, buy_mf = programs.lease_program(inp.credit_score, term, inp.used, inp.as_of)
    if inp.annual_mileage > program.max_annual_mileage:
        raise PricingInputError(
            "payment.annual_mileage",
            f"{program.lender_name} leases at most {program.max_annual_mileage:,} miles a year.",
        )
    markup = inp.dealer.rate_markup("lease", inp.make, inp.used, inp.model, program.special)
    mf = buy_mf + markup
    tier_miles, percent = program.residual_tier(term, inp.annual_mileage)
    extra_miles = inp.annual_mileage - tier_miles
    half_year = _MONTHS_PER_YEAR // 2
    excess_miles = (extra_miles * term + half_year) // _MONTHS_PER_YEAR if extra_miles > 0 else 0  # half-up
    excess_charge = excess_miles * program.prepaid_per_mile

    incentives = programs.incentives_for("lease", inp.incentives, inp.used, inp.as_of, inp.model)
    purchase = _purchase(inp, inp.dealer.lease_fees, program.dealer_cash, incentives)
    residual_msrp = inp.msrp
    nontaxable_share = ZERO
    for product in inp.products:
        if product.residualize:
            residual_msrp += product.price
        if not product.taxable:
            nontaxable_share += _product_share(product, percent, mf, term)
    residual = round_dollars(residual_msrp * percent / HUNDRED)
    fees = purchase.fees
    equity = purchase.trade_equity
    method = LeaseTaxMethod.NONE if inp.no_taxes_or_fees else rule.lease_method
    taxed_at_signing = ZERO
    fixed_signing_tax = upfront_fixed = ZERO
    if method is not LeaseTaxMethod.NONE:
        taxed_at_signing = (
            sum((fees[key] for key in rule.taxable_fees if key not in LEASE_ONLY_FEES), ZERO)
            + incentives.taxable
            + (ZERO if rule.lease_trade_credit else max(equity, ZERO))
        )
    if method is LeaseTaxMethod.MONTHLY_PAYMENT:
        fixed_signing_tax = rule.tax(taxed_at_signing).total
    elif method is LeaseTaxMethod.SELLING_PRICE:
        upfront_fixed = rule.tax(
            purchase.selling_price
            + purchase.taxable_products
            + sum((fees[key] for key in rule.taxable_fees), ZERO)
            - incentives.nontaxable
            - (max(equity, ZERO) if rule.lease_trade_credit else ZERO)
        ).total
    signing_deductions = purchase.total_fees - purchase.fee_schedule.capitalized + fixed_signing_tax
    signing_deductions += program.security_deposit
    solver = LeaseSolver(
        rule=rule,
        method=method,
        gross_cap=purchase.price_before_taxes_and_fees + purchase.fee_schedule.capitalized + excess_charge - equity,
        residual=residual,
        money_factor=mf,
        term=term,
        before_payment=cash - signing_deductions,
        upfront_fixed=upfront_fixed,
        taxed_at_signing=taxed_at_signing,
        nontaxable_share=nontaxable_share,
    )
    payment, monthly_tax, down, upfront, cap = solver.solve()
    if cap < residual:
        maximum_cash = solver.maximum_cash() + signing_deductions
        raise PricingInputError(
            "payment.customer_cash",
            f"at most {maximum_cash:,.2f} on this lease; more would bring the cap cost below the residual "
            f"({residual:,.0f}). Consider a finance or cash deal.",
        )
    down_tax = solver.before_payment - payment - monthly_tax - down
    return LeaseDeal(
        inp=inp,
        program=program,
        purchase=purchase,
        tax=LeaseTax(rule, monthly_tax, fixed_signing_tax + down_tax, upfront),
        term=term,
        money_factor=mf,
        markup=markup,
        residual_percent=percent,
        residual_msrp=residual_msrp,
        residual=residual,
        excess_miles=excess_miles,
        excess_mileage_charge=excess_charge,
        cap_cost=cap,
        down_payment=down,
        base_payment=payment,
        customer_cash=cash,
        solver=solver,
    )
