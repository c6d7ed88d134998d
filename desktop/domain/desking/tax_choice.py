"""The buyer's jurisdiction rate applied to the state's dated tax law.

A state's table rule carries a representative local rate; a contract needs the buyer's own district's. The
desk keeps the state's *method* (what is taxed, trade credit, lease method, Florida's local cap) from the rule in
force on the deal's date and replaces only the combined rate, so a typed 9.5 % in Los Angeles still taxes a
California lease monthly and gives no trade credit.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from desktop.domain.deal import PricingInputError
from desktop.domain.desking.structure import JurisdictionRate, TaxSource
from desktop.domain.money import HUNDRED, ZERO
from desktop.domain.tax import LeaseTaxMethod, TaxRule, tax_rule

# How the screen and the printed worksheet say a state's lease method (its API value is plumbing: "monthly_payment").
LEASE_WORDS = {
    LeaseTaxMethod.NONE: "leases not taxed",
    LeaseTaxMethod.MONTHLY_PAYMENT: "a lease is taxed on each monthly payment",
    LeaseTaxMethod.TOTAL_OF_PAYMENTS: "a lease is taxed on the total of its payments, up front",
    LeaseTaxMethod.SELLING_PRICE: "a lease is taxed on the selling price, up front",
}


def state_rule(state: str, as_of: date) -> TaxRule:
    """The state's rule in force on ``as_of``.

    Raises:
        PricingInputError: no law on file for that date (field ``as_of``).
    """
    rule = tax_rule(state, as_of)
    if rule is None:
        raise PricingInputError("as_of", f"no {state} tax law on file for {as_of.isoformat()}.")
    return rule


def rule_at_rate(rule: TaxRule, rate: Decimal) -> TaxRule:
    """``rule`` with its combined rate set to ``rate``: state and secondary levies kept, local made up to it.

    A rate below the state's own levies (a typed special rate) replaces them, as a single state rate.
    """
    fixed = rule.state_rate + rule.secondary_rate
    if rate >= fixed:
        return replace(rule, local_rate=rate - fixed)
    return replace(rule, state_rate=rate, secondary_rate=ZERO, local_rate=ZERO)


def jurisdiction_rule(state: str, as_of: date, chosen: JurisdictionRate) -> TaxRule | None:
    """The rule to price with, or ``None`` when the state's table average is the (declared) choice."""
    if chosen.source is TaxSource.STATE_AVERAGE or chosen.rate is None:
        return None
    return rule_at_rate(state_rule(state, as_of), chosen.rate)


def describe(rule: TaxRule, chosen: JurisdictionRate, lease: bool = True) -> str:
    """ "CA 9.25 %, rooftop's district rate; a lease is taxed on each monthly payment", as the screen and
    worksheet say it; how a lease is taxed only for a lease (on a cash or finance deal's card and worksheet it was a
    line of words about another deal)."""
    percent = f"{rule.combined_rate * HUNDRED:.4f}".rstrip("0").rstrip(".")
    said = f"{rule.state} {percent} %, {chosen.source.value}"
    return f"{said}; {LEASE_WORDS[rule.lease_method]}" if lease else said
