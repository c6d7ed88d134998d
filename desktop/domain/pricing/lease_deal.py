"""The closed-end lease as priced: :class:`LeaseDeal` with every figure and :class:`LeaseTax`, and its
``to_api`` in the reference's ``deals.lease`` shape (289.11 a month in the reference's example)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.domain.deal import (
    LEASE_ONLY_FEES,
    DealInput,
    Product,
)
from desktop.domain.money import HUNDRED, ZERO, json_number, round_cents
from desktop.domain.payments import (
    lease_charges,
    lease_payment,
    money_factor_to_apr,
)
from desktop.domain.pricing.lease_solver import LeaseSolver
from desktop.domain.pricing.payment_terms import PaymentEquivalents, _before_taxes_and_fees_terms, _cost_terms
from desktop.domain.pricing.purchase import (
    _CAPITALIZED_FEE_KEYS,
    _SIGNING_FEE_KEYS,
    Lines,
    Purchase,
    _data,
    _fee_lines,
    _incentive_terms,
    _number,
    _tax_label,
    _tax_rate_terms,
    _trade_lines,
)
from desktop.domain.programs import (
    LeaseProgram,
)
from desktop.domain.tax import NO_TAX, LeaseTaxMethod, TaxRule


@dataclass(frozen=True, slots=True)
class LeaseTax:
    """Tax on a lease under the state's method.

    Attributes:
        rule: the state's rule in force on the deal's date.
        monthly: tax on each payment (monthly-payment states).
        at_signing: tax paid at signing other than the first payment's: on the fees due at signing, taxable
            incentives and the cap cost reduction. The reduction's tax is what is left of the customer's cash
            once the reduction is backed out, so the items due at signing add up to the cash exactly; it is
            within a cent of the reduction times the rate.
        capitalized: upfront tax added to the cap cost (selling-price and total-of-payments states).
    """

    rule: TaxRule
    monthly: Decimal
    at_signing: Decimal
    capitalized: Decimal


@dataclass(frozen=True, slots=True)
class LeaseDeal(PaymentEquivalents):
    """A closed-end lease: cap cost, residual, money factor, and what is due at signing.

    Attributes:
        inp: what was priced.
        program: the lease program chosen (lowest money factor for the customer's tier).
        purchase: the price build-up.
        tax: tax under the state's lease method.
        term: months.
        money_factor: the program's buy rate plus the dealer's markup.
        markup: the dealer's money-factor markup.
        residual_percent: residual as a percent of ``residual_msrp``, for the term and mileage tier.
        residual_msrp: MSRP plus residualized products.
        residual: lender's residual value, whole dollars.
        excess_miles: miles bought upfront beyond the highest residual tier, over the whole term.
        excess_mileage_charge: their price, capitalized.
        cap_cost: the amount the lease finances.
        down_payment: the cap cost reduction from customer cash (negative: items due at signing the cash did
            not cover, capitalized instead).
        base_payment: monthly payment before tax.
        customer_cash: cash at signing, which the items due at signing add up to.
        solver: the payment's fixed-point problem, kept for what-ifs such as the maximum customer cash.
    """

    inp: DealInput
    program: LeaseProgram
    purchase: Purchase
    tax: LeaseTax
    term: int
    money_factor: Decimal
    markup: Decimal
    residual_percent: Decimal
    residual_msrp: Decimal
    residual: Decimal
    excess_miles: int
    excess_mileage_charge: Decimal
    cap_cost: Decimal
    down_payment: Decimal
    base_payment: Decimal
    customer_cash: Decimal
    solver: LeaseSolver

    @property
    def payment_before_taxes_and_fees(self) -> Decimal:
        """The payment on a cap cost without capitalized fees and tax (269.04 in the reference)."""
        return lease_payment(self.net_purchase_price, self.residual, self.money_factor, self.term)

    @property
    def maximum_customer_cash(self) -> Decimal:
        """The customer cash that would bring the cap cost down to the residual, leaving no depreciation."""
        return self.solver.maximum_cash() + self.customer_cash - self.solver.before_payment

    @property
    def monthly_payment(self) -> Decimal:
        """Payment with monthly tax."""
        return self.base_payment + self.tax.monthly

    @property
    def first_payment(self) -> Decimal:
        """The first month's payment, due at signing."""
        return self.monthly_payment

    @property
    def capitalized_fees(self) -> Decimal:
        """Fees added to the cap cost (the acquisition fee)."""
        return self.purchase.fee_schedule.capitalized

    @property
    def fees_due_at_signing(self) -> Decimal:
        """Every fee not capitalized."""
        return self.purchase.total_fees - self.capitalized_fees

    @property
    def net_purchase_price(self) -> Decimal:
        """Cap cost without capitalized fees and tax (21,074.36 in the reference)."""
        return self.cap_cost - self.capitalized_fees - self.tax.capitalized

    @property
    def depreciation(self) -> Decimal:
        """Monthly depreciation ``(cap - residual) / n``, to the cent."""
        return round_cents((self.cap_cost - self.residual) / self.term)

    @property
    def rent_charge(self) -> Decimal:
        """Monthly rent charge: the base payment less depreciation, so the two add up to the payment."""
        return self.base_payment - self.depreciation

    @property
    def security_deposit(self) -> Decimal:
        """Refundable deposit due at signing, as the program requires."""
        return self.program.security_deposit

    @property
    def tax_due_at_signing(self) -> Decimal:
        """Tax paid at signing, the first payment's included."""
        return self.tax.at_signing + self.tax.monthly

    @property
    def effective_monthly_tax(self) -> Decimal:
        """Monthly tax plus what capitalized upfront tax adds to the payment: how much of it is tax."""
        untaxed = lease_payment(self.cap_cost - self.tax.capitalized, self.residual, self.money_factor, self.term)
        return self.monthly_payment - untaxed

    @property
    def trade_tax_credit(self) -> Decimal:
        """Tax the trade equity would have cost at signing, saved where the state credits it on a lease."""
        equity, rule = self.purchase.trade_equity, self.tax.rule
        if equity <= ZERO or not rule.lease_trade_credit or self.solver.method is LeaseTaxMethod.NONE:
            return ZERO
        return rule.tax(equity).total

    @property
    def total_cost_of_ownership(self) -> Decimal:
        """Cash at signing and the remaining payments, with the trade equity given up, less the deposit."""
        remaining = self.monthly_payment * (self.term - 1)
        return self.customer_cash + remaining + self.purchase.trade_equity - self.security_deposit

    def add_on_payment(self, *, taxable: bool, residualize: bool) -> Decimal:
        """The part of the monthly payment the deal's products of one kind account for, with monthly tax."""
        share = ZERO
        for product in self.purchase.products:
            if product.taxable == taxable and product.residualize == residualize:
                share += _product_share(product, self.residual_percent, self.money_factor, self.term)
        if taxable and self.tax.rule.lease_method is LeaseTaxMethod.MONTHLY_PAYMENT and self.tax.monthly:
            share += share * self.tax.rule.combined_rate
        return round_cents(share)

    @property
    def lines(self) -> Lines:
        """The explanation, in order, built on access: grids and the API never need it.

        The lines add up: after the MSRP (shown for reference) the price lines to the cap cost, depreciation
        and rent charge to the payment before tax, and the "due at signing" lines to the customer cash.
        """
        purchase, tax, rule = self.purchase, self.tax, self.tax.rule
        lines = purchase.lines()
        lines += _trade_lines(purchase.trade)
        lines += _fee_lines(purchase.fees, _CAPITALIZED_FEE_KEYS, " (capitalized)")
        if self.excess_mileage_charge:
            lines.append((f"Prepaid miles ({self.excess_miles:,} mi)", self.excess_mileage_charge))
        if tax.capitalized:
            lines.append((_tax_label(rule, "Upfront tax, capitalized"), tax.capitalized))
        if self.down_payment >= ZERO:
            lines.append(("Cap cost reduction", -self.down_payment))
        else:
            lines.append(("Due at signing not covered by cash (capitalized)", -self.down_payment))
        lines.append(("Capitalized cost", self.cap_cost))
        lines.append((f"Residual ({_number(self.residual_percent)} % of {self.residual_msrp:,.2f})", self.residual))
        lines.append((f"Depreciation ({self.term} months)", self.depreciation))
        apr = _number(money_factor_to_apr(self.money_factor).quantize(Decimal("0.01")))
        lines.append((f"Rent charge (money factor {_number(self.money_factor)}, {apr} % APR)", self.rent_charge))
        if tax.monthly:
            lines.append((_tax_label(rule, "Monthly tax"), tax.monthly))
        lines.append(("Monthly payment", self.monthly_payment))
        lines.append(("Due at signing: first payment", self.first_payment))
        lines += _fee_lines(purchase.fees, _SIGNING_FEE_KEYS, " (due at signing)")
        if tax.at_signing:
            lines.append(("Due at signing: tax", tax.at_signing))
        if self.security_deposit:
            lines.append(("Due at signing: security deposit", self.security_deposit))
        if self.down_payment > ZERO:
            lines.append(("Due at signing: cap cost reduction", self.down_payment))
        lines.append(("Total due at signing", self.customer_cash))
        return lines

    def to_api(self) -> dict[str, Any]:
        """The reference's ``deals.lease`` object.

        ``base_residual_percent`` is the program's residual at its base mileage for the term and
        ``residual_adjustment`` the points the customer's mileage tier adds to it. ``initial_tax`` is the tax
        at signing besides the first payment's.
        """
        purchase, program, tax, rule = self.purchase, self.program, self.tax, self.tax.rule
        base_before = self.payment_before_taxes_and_fees
        base_residual = program.residuals[self.term].get(program.base_annual_mileage, self.residual_percent)
        split = rule.tax(tax.at_signing / rule.combined_rate) if tax.at_signing else NO_TAX
        terms: dict[str, Any] = {
            "term": self.term,
            "money_factor": json_number(self.money_factor),
            "cap_cost": json_number(self.cap_cost),
            "residual_value": json_number(self.residual),
            "base_residual_percent": json_number(base_residual),
            "residual_adjustment": json_number(self.residual_percent - base_residual),
            "annual_mileage": self.inp.annual_mileage,
            "excess_mileage": self.excess_miles,
            "excess_mileage_charge": json_number(self.excess_mileage_charge),
            "lender": program.lender,
            "lender_name": program.lender_name,
            "program_name": program.name,
            "msrp": json_number(purchase.msrp),
            "residual_msrp": json_number(self.residual_msrp),
            "price": json_number(purchase.selling_price),
            "net_purchase_price": json_number(self.net_purchase_price),
            "total_residualizable_add_ons": json_number(self.residual_msrp - purchase.msrp),
            "base_price_before_taxes_and_fees": json_number(purchase.price_before_taxes_and_fees),
            "base_price_after_fees": json_number(purchase.price_before_taxes_and_fees + self.capitalized_fees),
            "total_add_ons": json_number(purchase.products_total),
            "total_plans": json_number(purchase.products_total),
            "total_accessories": 0.0,
            "total_purchase_price": json_number(purchase.price_before_taxes_and_fees),
            "total_purchase_price_before_taxes_and_fees": json_number(purchase.price_before_taxes_and_fees),
            **_tax_rate_terms(rule),
            "tax_method": rule.lease_method.value,
            "initial_tax": json_number(tax.at_signing),
            "initial_primary_tax": json_number(tax.at_signing - split.secondary - split.local),
            "initial_secondary_tax": json_number(split.secondary),
            "local_tax": json_number(split.local),
            "tax_surcharge": 0.0,
            "monthly_tax": json_number(tax.monthly),
            "tax_due_at_signing": json_number(self.tax_due_at_signing),
            "total_tax_capitalized": json_number(tax.capitalized),
            "effective_monthly_tax": json_number(self.effective_monthly_tax),
            "default_tax_bonus": True,
            **_incentive_terms(purchase),
            "trade_equity": json_number(purchase.trade_equity),
            "trade_tax_credit": json_number(self.trade_tax_credit),
            "monthly_payment": json_number(self.monthly_payment),
            "biweekly_payment": json_number(self.biweekly_payment),
            "weekly_payment": json_number(self.weekly_payment),
            "first_payment": json_number(self.first_payment),
            "first_payment_waiver": 0.0,
            "payment_frequency": "month",
            "base_payment": json_number(self.base_payment),
            **_before_taxes_and_fees_terms(base_before),
            **{
                f"normalized_monthly_payment_for_{'' if taxable else 'non'}taxable_"
                f"{'' if residualize else 'non'}residualizable_add_ons": json_number(
                    self.add_on_payment(taxable=taxable, residualize=residualize)
                )
                for taxable in (False, True)
                for residualize in (False, True)
            },
            "customer_cash": json_number(self.customer_cash),
            "due_at_signing": json_number(self.customer_cash),
            "due_to_customer_at_signing": 0.0,
            "desired_customer_cash": json_number(self.customer_cash),
            "security_deposit_due_at_signing": json_number(self.security_deposit),
            "down_from_customer_cash": json_number(self.down_payment),
            "minimum_customer_cash": 0.0,
            "maximum_customer_cash": json_number(self.maximum_customer_cash),
            **_cost_terms(self.total_cost_of_ownership, purchase),
            "fees": {key: json_number(value) for key, value in purchase.fees.items()},
            "fees_to_tax_at_signing": sorted(k for k in rule.taxable_fees if k not in LEASE_ONLY_FEES),
            "fees_to_capitalize": list(_CAPITALIZED_FEE_KEYS),
            "overage_charge": json_number(program.overage_per_mile),
            "purchase_charge": 0.0,
            "total_fees_due_at_signing_except_acquisition_fee": json_number(self.fees_due_at_signing),
            "total_fees_due_at_signing": json_number(self.fees_due_at_signing),
            "total_fees_capitalized": json_number(self.capitalized_fees),
        }
        return {"deal_type": "lease", "terms": terms, "data": _data(self.inp, purchase)}


def _product_share(product: Product, residual_percent: Decimal, money_factor: Decimal, term: int) -> Decimal:
    """The exact part of a lease's monthly payment before tax that ``product`` accounts for."""
    residual = product.price * residual_percent / HUNDRED if product.residualize else ZERO
    depreciation, rent = lease_charges(product.price, residual, money_factor, term)
    return depreciation + rent
