"""Money as :class:`~decimal.Decimal`: coercion, the reference's rounding rules, and JSON numbers.

Every figure a customer signs for is a whole number of cents, so binary floats never enter deal math: a
payment that is off by a cent is a compliance problem, not a display glitch. Rounding happens only where the
Roadster reference rounds (see ``reference/api-contract.md``): cents, half-up; the weekly and biweekly
equivalents truncate; lender residuals are whole dollars.

Every helper passes its rounding mode explicitly instead of installing a :mod:`decimal` context, so the engine
never pays for ``localcontext`` churn and cannot be broken by a caller's context; positionally, because the C
``quantize`` parses a ``rounding=`` keyword at twice the cost of the rounding itself. The default context's 28
significant digits are ample: the largest deal is nine digits before the point.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal(0)
ONE = Decimal(1)
CENT = Decimal("0.01")
DOLLAR = Decimal(1)
HUNDRED = Decimal(100)
THOUSAND = Decimal(1000)

MoneyLike = Decimal | int | str | float

# Every amount read from outside (a form, a JSON body) is bounded before any arithmetic: a 31-digit figure
# overflowed the 28-digit context in ``quantize`` and escaped as ``decimal.InvalidOperation``. Nine digits of
# dollars is ten times the dearest deal; the text limit stops a megabyte of digits before Decimal parses it.
MAX_AMOUNT = Decimal("999999999.99")
MAX_AMOUNT_TEXT = 40


class AmountOutOfRange(ValueError):
    """A number too large (or too long) to be an amount in a deal; the message says the limit."""


# "3k", "12.5K", "-2.25k": a desk's shorthand for thousands, to the dollar (three decimals at most).
_THOUSANDS = re.compile(r"(-?\d{1,9}(?:\.\d{1,3})?)[kK]")


def typed_amount(text: str) -> str:
    """An amount as a person types it, as digits to parse: "$2,500.50" → "2500.50", "3k" → "3000", "12.5K" →
    "12500". Anything else comes back stripped, for the parser to refuse in its own words.

    Without the shorthand, "3k" typed into a field saved as you type was saved as the "3" typed before the "k"."""
    cleaned = text.strip().replace(",", "").replace("$", "").strip()
    found = _THOUSANDS.fullmatch(cleaned)
    if found is None:
        return cleaned
    return str((Decimal(found.group(1)) * 1000).quantize(Decimal(1)))


def to_money(value: MoneyLike) -> Decimal:
    """``value`` as a Decimal, reading floats through their shortest repr.

    JSON payloads (the sandbox, the partner API) carry numbers as floats; ``Decimal(0.1)`` would keep the
    binary error (0.1000000000000000055...), whereas ``Decimal(repr(0.1))`` is the 0.1 a person typed.

    Raises:
        ValueError: ``value`` is not a finite number (``"abc"``, NaN, infinity, a bool).
        AmountOutOfRange: its size is beyond :data:`MAX_AMOUNT` either way, or its text is absurdly long.
    """
    if isinstance(value, str) and len(value) > MAX_AMOUNT_TEXT:
        raise AmountOutOfRange(f"{value[:12]}… is too long for an amount ({MAX_AMOUNT_TEXT} characters at most).")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise ValueError(f"{value!r} is not an amount")
    elif isinstance(value, float):
        result = Decimal(repr(value))
    else:
        try:
            result = Decimal(value)
        except InvalidOperation:
            raise ValueError(f"{value!r} is not an amount") from None
    if not result.is_finite():
        raise ValueError(f"{value!r} is not a finite amount")
    if abs(result) > MAX_AMOUNT:
        raise AmountOutOfRange(f"{value!r} is larger than any deal amount (at most {MAX_AMOUNT:,}).")
    return result


def round_cents(value: Decimal) -> Decimal:
    """``value`` to the cent, half-up: the reference's rule for every money figure it shows."""
    return value.quantize(CENT, ROUND_HALF_UP)


def truncate_cents(value: Decimal) -> Decimal:
    """``value`` cut to the cent toward zero: the reference's rule for weekly and biweekly equivalents.

    The reference shows 289.11 a month as 66.71 a week (66.7176...), so these figures are never rounded up:
    quoting a weekly amount that, paid 52 times, exceeds the monthly contract would overstate the deal.
    """
    return value.quantize(CENT, ROUND_DOWN)


def round_dollars(value: Decimal) -> Decimal:
    """``value`` to the whole dollar, half-up, as lenders publish residuals (63 % of 24,550 → 15,467)."""
    return value.quantize(DOLLAR, ROUND_HALF_UP)


def json_number(value: Decimal) -> float:
    """``value`` as a JSON number, the type the reference's example uses for every figure.

    Callers round money to cents first; a two-decimal Decimal converts to the float whose repr is the same
    digits, so ``json.dumps`` writes ``337.35``, never ``337.35000000000002``.
    """
    return float(value)
