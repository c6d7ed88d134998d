"""The lease payment's fixed point (payment → cap cost reduction → cap cost → payment), solved to the cent."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.money import ONE, ZERO, round_cents
from desktop.domain.payments import (
    lease_payment,
)
from desktop.domain.pricing.purchase import _MAX_FIXED_POINT_STEPS
from desktop.domain.tax import LeaseTaxMethod, TaxRule


@dataclass(frozen=True, slots=True)
class LeaseSolver:
    """The lease's fixed point: payment → cap cost reduction → cap cost → payment.

    Each step is nondecreasing in the trial payment (a higher payment leaves less cash for the reduction,
    which raises the cap cost) with a slope near ``1/n + MF``, well under one even with New York's tax on the
    total of payments, so iterating converges and cannot oscillate. It starts from the exact closed form, so
    one step nearly always just confirms it, which keeps a lease as cheap to price as a loan.

    Attributes:
        rule: the state's tax rule.
        method: the lease tax method in effect (``NONE`` when the deal excludes taxes and fees).
        gross_cap: cap cost before the reduction and before upfront tax.
        residual: residual value.
        money_factor: the customer's money factor.
        term: months.
        before_payment: customer cash less the fees due at signing, their tax and the security deposit.
        upfront_fixed: selling-price states' upfront tax, which does not depend on the payment.
        taxed_at_signing: what the state taxes at signing besides the payments and the reduction.
        nontaxable_share: the part of the payment that non-taxable products account for.
    """

    rule: TaxRule
    method: LeaseTaxMethod
    gross_cap: Decimal
    residual: Decimal
    money_factor: Decimal
    term: int
    before_payment: Decimal
    upfront_fixed: Decimal
    taxed_at_signing: Decimal
    nontaxable_share: Decimal

    def step(self, payment: Decimal) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal]:
        """For a trial base payment: (next payment, monthly tax, reduction, upfront tax, cap cost)."""
        monthly = self.method is LeaseTaxMethod.MONTHLY_PAYMENT
        monthly_tax = self.rule.tax(payment - self.nontaxable_share).total if monthly else ZERO
        left = self.before_payment - payment - monthly_tax
        down = self.rule.untaxed_part(left) if monthly else left
        upfront = self.upfront_fixed
        if self.method is LeaseTaxMethod.TOTAL_OF_PAYMENTS:
            upfront = self.rule.tax(payment * self.term + max(down, ZERO) + self.taxed_at_signing).total
        cap = self.gross_cap + upfront - down
        return (
            lease_payment(cap, self.residual, self.money_factor, self.term),
            monthly_tax,
            down,
            upfront,
            cap,
        )

    def solve(self) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal]:
        """(base payment, monthly tax, reduction, upfront tax, cap cost) at the fixed point."""
        payment = self._closed_form()
        for _ in range(_MAX_FIXED_POINT_STEPS):
            following, monthly_tax, down, upfront, cap = self.step(payment)
            if following == payment:
                return payment, monthly_tax, down, upfront, cap
            payment = following
        raise ArithmeticError(f"lease payment did not settle: {self!r}")

    def _closed_form(self) -> Decimal:
        """The payment solved exactly, ignoring rounding and caps, so that one step usually confirms it.

        The payment is ``k x cap + R x (MF - 1/n)`` with ``k = 1/n + MF``, and under every tax method the
        cap cost reduction ``a - b x payment`` and the upfront tax ``u0 + u1 x payment`` are affine in the
        payment (one set of coefficients when the cash covers the signing items, another when it falls short),
        so the fixed point is ``(k (gross cap + u0 - a) + R (MF - 1/n)) / (1 - k (u1 + b))``.
        """
        k = ONE / self.term + self.money_factor
        constant = self.residual * (self.money_factor - ONE / self.term)
        rate, cash, signing = self.rule.combined_rate, self.before_payment, self.taxed_at_signing
        monthly = self.method is LeaseTaxMethod.MONTHLY_PAYMENT
        total_of_payments = self.method is LeaseTaxMethod.TOTAL_OF_PAYMENTS
        payment = ZERO
        for covered in (True, False):
            a, b, u0, u1 = cash, ONE, self.upfront_fixed, ZERO
            if monthly:
                a = cash + rate * self.nontaxable_share
                if covered:
                    a /= ONE + rate
                else:
                    b += rate
            elif total_of_payments:
                u0 = rate * (signing + (cash if covered else ZERO))
                u1 = rate * (self.term - 1 if covered else self.term)
            payment = (k * (self.gross_cap + u0 - a) + constant) / (ONE - k * (u1 + b))
            if a - b * payment >= ZERO:
                break
        return round_cents(payment)

    def maximum_cash(self) -> Decimal:
        """The cash, beyond the fees, tax and deposit deducted at signing, that brings the cap cost down to
        the residual; to the cent.
        """
        down = self.gross_cap + self.upfront_fixed - self.residual
        payment = lease_payment(self.residual, self.residual, self.money_factor, self.term)
        taxes = ZERO
        if self.method is LeaseTaxMethod.MONTHLY_PAYMENT:
            taxes = self.rule.tax(payment - self.nontaxable_share).total + self.rule.tax(down).total
        return max(down + payment + taxes, ZERO)
