"""Typing into a deal: every field a person edits is a dotted path, checked and converted before it is applied.

The forms bind each widget to a path (``buyer.phone``, ``trade_ins[0].payoff``) and call :func:`set_field`; a
bad value raises :class:`FieldError` naming the field, and the deal is left as it was, so nothing is sent or saved
with a value the partner API would refuse, and the text stays in the widget for the person to correct.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from desktop.domain.contact import email_problem, phone_problem
from desktop.domain.deal import payoff_marks_financed
from desktop.domain.deals.codec import field_types
from desktop.domain.deals.record import Deal, Ownership, TradeIn
from desktop.domain.deals.wmi import make_from_vin
from desktop.domain.money import typed_amount
from desktop.domain.vin import model_years, normalize_vin, vin_problem

_STEP = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?$")
_LABELS = {
    "agent": "Salesperson",
    "order_id": "Roadster order",  # as the jacket labels it
    "vin": "VIN",
    "ssn": "SSN",
    "zip_code": "ZIP code",
    "licence_number": "Licence number",
    "birth_date": "Date of birth",
    "msrp": "MSRP",
    "term": "finance term",
    "program": "finance program",
    "firm_offer": "firm offer",
}
# Rates are fractions or percentages with more places than money (a money factor is 0.00125).
_RATE_FIELDS = frozenset({"tax_rate", "sell_rate", "sell_money_factor"})
_RATE_PLACES = 6
_TERM_FIELDS = frozenset({"term", "lease_term"})
_MILES_FIELDS = frozenset({"mileage", "odometer"})
MAX_MILES = 999_999  # six odometer digits; more is a typo the server would appraise to nothing
MAX_YEAR_AHEAD = 1


class FieldError(ValueError):
    """A typed value the deal cannot take; ``field`` is its dotted path, the message names it in words."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def label(path: str) -> str:
    """``trade_ins[0].offer_value`` → ``Trade-in 1 offer value``: how a message names a field."""
    parts = []
    for step in path.split("."):
        if step == "structure":  # "Cash down", not "Structure cash down": the structure is the deal itself
            continue
        m = _STEP.match(step)
        name, index = (m.group(1), m.group(2)) if m else (step, None)
        word = _LABELS.get(name, name.replace("_", " ").replace("trade ins", "trade-in"))
        parts.append(f"{word} {int(index) + 1}" if index is not None else word)
    text = " ".join(parts)
    return text[0].upper() + text[1:]


def _resolve(deal: Deal, path: str) -> tuple[Any, str]:
    """The object holding the last step of ``path``, and that step's attribute name."""
    node: Any = deal
    steps = path.split(".")
    for step in steps[:-1]:
        m = _STEP.match(step)
        if m is None or not hasattr(node, m.group(1)):
            raise FieldError(path, f"{path} is not a field of a deal")
        node = getattr(node, m.group(1))
        if m.group(2) is not None:
            index = int(m.group(2))
            node = node[index] if index < len(node) else None
        if node is None:
            raise FieldError(path, f"{label(path)}: there is no {step.replace('_', ' ')} on this deal")
    last = steps[-1]
    if not dataclasses.is_dataclass(node) or last not in {f.name for f in dataclasses.fields(node)}:
        raise FieldError(path, f"{path} is not a field of a deal")
    return node, last


def parse_field(path: str, text: str, hint: Any) -> Any:
    """``text`` converted for the field at ``path`` whose type is ``hint``; :class:`FieldError` if it cannot be."""
    text = text.strip()
    name = path.rsplit(".", 1)[-1]
    what = label(path)
    optional = type(None) in typing.get_args(hint)
    base = next((a for a in typing.get_args(hint) if a is not type(None)), hint)
    if not text and (optional or base is str):
        return None if optional else ""
    if not text:
        raise FieldError(path, f"{what} is required.")
    problem = _text_problem(name, text)
    if problem:
        raise FieldError(path, f"{what}: {problem}")
    if isinstance(base, type) and issubclass(base, Enum):
        try:
            return base(text.lower())
        except ValueError:
            choices = ", ".join(str(m.value) for m in base)
            raise FieldError(path, f"{what} must be one of {choices}.") from None
    if base is bool:
        return _yes_no(path, what, text)
    if base is Decimal and name in _RATE_FIELDS:
        return _rate(path, what, text)
    if base is Decimal:
        return _money(path, what, text)
    if base is int:
        return _whole(path, name, what, text)
    if name == "vin":
        return normalize_vin(text)
    return text


def _text_problem(name: str, text: str) -> str | None:
    if name == "vin":
        problem = vin_problem(text)
        return problem[len("VIN ") :] if problem and problem.startswith("VIN ") else problem
    if name == "email":
        return email_problem(text)
    if name == "phone":
        return phone_problem(text)
    if name == "order_id" and not re.fullmatch(r"[0-9]{1,18}", text):
        # Walked at the desk: "RO-778812" was saved, then the packet silently offered no order for the deal.
        return "digits only, as Roadster numbers its orders (e.g. 367146)."
    if name == "zip_code" and not re.fullmatch(r"\d{5}(-\d{4})?", text):
        return "expected five digits (or ZIP+4)."
    if name == "ssn" and len(re.sub(r"\D", "", text)) != 9:
        return "expected nine digits (123-45-6789)."
    if name == "birth_date":
        try:
            born = date.fromisoformat(text)
        except ValueError:
            return "expected a date as YYYY-MM-DD."
        if not date(1900, 1, 1) <= born <= date.today():
            return "is not a plausible date of birth."
    return None


def _money(path: str, what: str, text: str) -> Decimal:
    try:
        value = Decimal(typed_amount(text))
    except InvalidOperation:
        raise FieldError(path, f"{what}: {text!r} is not an amount.") from None
    if not value.is_finite() or value < 0:
        raise FieldError(path, f"{what} must be zero or more.")
    if value != value.quantize(Decimal("0.01")):
        raise FieldError(path, f"{what} has more than two decimals.")
    return value


def _yes_no(path: str, what: str, text: str) -> bool:
    answer = text.lower()
    if answer in ("yes", "true", "on", "1"):
        return True
    if answer in ("no", "false", "off", "0"):
        return False
    raise FieldError(path, f"{what} must be yes or no.")


def _rate(path: str, what: str, text: str) -> Decimal:
    try:
        value = Decimal(text.rstrip("%").strip())
    except InvalidOperation:
        raise FieldError(path, f"{what}: {text!r} is not a rate.") from None
    if not value.is_finite() or value < 0:
        raise FieldError(path, f"{what} must be zero or more.")
    if value != round(value, _RATE_PLACES):
        raise FieldError(path, f"{what} has more than {_RATE_PLACES} decimals.")
    return value


def _whole(path: str, name: str, what: str, text: str) -> int:
    try:
        value = int(text.replace(",", ""))
    except ValueError:
        raise FieldError(path, f"{what}: {text!r} is not a whole number.") from None
    if name == "year" and not 1980 <= value <= date.today().year + MAX_YEAR_AHEAD:
        raise FieldError(path, f"{what} must be between 1980 and {date.today().year + MAX_YEAR_AHEAD}.")
    if name == "credit_score" and not 300 <= value <= 850:
        raise FieldError(path, f"{what} must be between 300 and 850.")
    if name in _TERM_FIELDS and not 1 <= value <= 96:
        raise FieldError(path, f"{what} must be between 1 and 96 months.")
    if name in _MILES_FIELDS and not 0 <= value <= MAX_MILES:
        raise FieldError(path, f"{what} must be between 0 and {MAX_MILES:,} miles.")
    if value < 0:
        raise FieldError(path, f"{what} must be zero or more.")
    return value


def set_field(deal: Deal, path: str, text: str) -> Any:
    """Check ``text`` and store it at ``path``; returns the stored value. The deal is untouched on error.

    A trade-in's payoff is owed to a lender: typed on a trade still marked owned (the default), it marks the trade
    financed, as Deal Pricing would otherwise refuse to price it; marking a trade with a payoff owned is refused.
    """
    node, name, value = _parsed(deal, path, text)
    if isinstance(node, TradeIn) and name == "ownership" and value is Ownership.OWNED and node.payoff:
        raise FieldError(path, f"{label(path)}: an owned trade-in has no payoff; clear the payoff first.")
    setattr(node, name, value)
    if isinstance(node, TradeIn) and name == "vin" and value:
        fill_from_vin(node)
    if isinstance(node, TradeIn) and name == "payoff" and payoff_marks_financed(node.ownership, value):
        node.ownership = Ownership.FINANCED
    return value


def check_field(deal: Deal, path: str, text: str) -> Any:
    """``text`` checked for ``path`` as :func:`set_field` checks it, the deal untouched: its value, or FieldError."""
    return _parsed(deal, path, text)[2]


def _parsed(deal: Deal, path: str, text: str) -> tuple[Any, str, Any]:
    node, name = _resolve(deal, path)
    return node, name, parse_field(path, text, field_types(type(node))[name])


def get_text(deal: Deal, path: str) -> str:
    """The field's value as a form shows it (``""`` for unknown)."""
    node, name = _resolve(deal, path)
    value = getattr(node, name)
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def fill_from_vin(trade: TradeIn) -> None:
    """Year and make from the VIN where it can be read, without overwriting what the agent typed."""
    if trade.year is None:
        early, late = model_years(trade.vin)
        trade.year = late if late <= date.today().year + MAX_YEAR_AHEAD else early
    if not trade.make:
        trade.make = make_from_vin(trade.vin)
