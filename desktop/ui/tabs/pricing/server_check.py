"""Comparing the desk's quote with the server's: like with like, field by field, and honest about the check.

The partner's request carries the buyer, the vehicle, cash, term, mileage, trade and the products for that deal
type — not the desk's selling price, typed tax rate, chosen program or sell rate. So the comparison is between
the server's answer and the local engine's price of *the very request sent*, one request per deal type with the
products that deal type carries; the desk's own structure is shown beside it, never mixed into the check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.ui.errors import sentence
from desktop.ui.tabs.pricing.field_lines import field_words
from desktop.ui.tabs.pricing.programs_tree import ProgramRows, program_rows

# What a manager reads first when the server disagrees.
KEY_FIGURES = ("monthly_payment", "due_at_signing", "total_purchase_price", "total_financed", "interest_rate")


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": 1}}`` → ``{"a.b": 1}``, so two answers compare key by key."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}{key}."))
        return out
    return {prefix.rstrip("."): value}


def differences(local: dict[str, Any] | None, server: dict[str, Any] | None) -> list[tuple[str, Any, Any]]:
    """(key, local value, server value) for every term where the two answers disagree."""
    if local is None or server is None:
        if local is server:
            return []
        return [("deal", "priced" if local else "not priced", "priced" if server else "not priced")]
    mine, theirs = flatten(local.get("terms", {})), flatten(server.get("terms", {}))
    keys = sorted(set(mine) | set(theirs), key=lambda k: (KEY_FIGURES.index(k) if k in KEY_FIGURES else 99, k))
    return [(k, mine.get(k), theirs.get(k)) for k in keys if mine.get(k) != theirs.get(k)]


def describe_differences(diffs: list[tuple[str, Any, Any]], shown: int = 4) -> str:
    """ "Server differs — monthly_payment: 412.10 here, 415.00 on the server; …" naming field and both values."""
    text = "; ".join(f"{key}: {fmt(mine)} here, {fmt(theirs)} on the server" for key, mine, theirs in diffs[:shown])
    more = f" (and {len(diffs) - shown} more)" if len(diffs) > shown else ""
    return f"Server differs — {text}{more}."


def fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1 else f"{value:,.2f}"
    return "missing" if value is None else str(value)


def independence(is_sandbox: bool) -> str:
    """What the check can prove, said on screen."""
    if is_sandbox:
        # Walked at the desk: "Server agrees to the cent" above "…not that the arithmetic is right" read as a
        # contradiction. Said for the F&I manager: what a match means here, in one plain sentence.
        return (
            "Practice server: it prices with this desk's own rules, so a match means the deal reached it whole "
            "(programs, fees, products), not a second opinion on the figures."
        )
    return "The partner prices the deal on its own: a match confirms the figures as well as what was sent."


def desk_only(decisions: list[str]) -> str:
    """Which desk decisions the partner's request cannot carry, so the check left them out."""
    if not decisions:
        return ""
    return f" Priced on this desk only (the partner's request has no place for it): {', '.join(decisions)}."


@dataclass(frozen=True)
class Verdict:
    """One deal type's check as its column says it: the sentence, red when it differs, green when it agrees."""

    text: str
    differs: bool
    agrees: bool = False


@dataclass(frozen=True)
class CheckOutcome:
    """The server's answers judged in the worker, so the GUI thread only sets the sentences that changed.

    Comparing three answers field by field and wording the differences took the check's callback past a frame
    on a busy machine (the soak ranked it first of Deal Pricing's result callbacks).
    """

    verdicts: dict[str, Verdict]
    rates: dict[str, Decimal]  # the server's combined tax rate by ZIP
    programs: dict[str, Any] | None  # the finance answer's programs, when it lists some
    program_rows: ProgramRows = ()


def refusal(kind: str, answer: Exception, names: Mapping[str, str]) -> str:
    """ "The server refused the lease deal: Lease term — <its reason>.": the field by the words the form gives it (the
    API's path, "payment.term", is the partner's name, not the desk's), the reason as the server gave it."""
    field = getattr(answer, "field", None)
    reason = str(getattr(answer, "message", "") or sentence(answer)).strip().rstrip(".")
    if field:
        return f"The server refused the {kind} deal: {field_words(names, field, kind)} — {reason}."
    return f"The server refused the {kind} deal: {reason}."


def judge(
    answers: dict[str, Any], local_deals: dict[str, Any], zips: dict[str, str], names: Mapping[str, str]
) -> CheckOutcome:
    """Each deal type's answer (or refusal) against the local price of the very request sent.

    Args:
        answers: deal type -> the server's quote, or the exception it refused the request with.
        local_deals: deal type -> the engine's deal of that request (``None`` when it cannot be priced).
        zips: deal type -> the request's ZIP, under which the server's tax rate is kept.
        names: the form's words for its fields (:attr:`FieldLines.names`), to name a refused one by.
    """
    verdicts: dict[str, Verdict] = {}
    rates: dict[str, Decimal] = {}
    for kind in ("cash", "finance", "lease"):
        answer = answers.get(kind)
        local_deal = local_deals.get(kind)
        local = None if local_deal is None else local_deal.to_api()
        if isinstance(answer, Exception):
            verdicts[kind] = Verdict(refusal(kind, answer, names), local is not None)
            continue
        server = None if answer is None else answer.deals.get(kind)
        if server is not None:
            rate = server.get("terms", {}).get("combined_tax_rate")
            if isinstance(rate, int | float) and kind in zips:
                rates[zips[kind]] = Decimal(repr(rate))
        diffs = differences(local, server)
        if diffs:
            verdicts[kind] = Verdict(describe_differences(diffs), True)
        elif local is not None:
            verdicts[kind] = Verdict("Server agrees to the cent.", False, agrees=True)
        else:
            verdicts[kind] = Verdict("The server cannot price it either.", False)
    finance = answers.get("finance")
    programs = None
    if finance is not None and not isinstance(finance, Exception) and finance.programs:
        programs = finance.programs
    return CheckOutcome(verdicts, rates, programs, () if programs is None else program_rows(programs))
