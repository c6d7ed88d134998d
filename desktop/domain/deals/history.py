"""What changed in a deal, field by field: the append-only history a person reads ("who changed the price?").

A deal is flattened to dotted paths (``buyer.phone``, ``trade_ins[0].payoff``) so one entry is one field a
person typed. Personal data never enters the history in clear: a change to a licence number, a birth date or an
SSN is recorded with masked values, because the history is shown to everyone who opens the deal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.domain.deals.codec import deal_to_dict
from desktop.domain.deals.fields import label
from desktop.domain.deals.record import PII_FIELDS, Deal
from desktop.domain.deals.stage import Stage
from desktop.domain.personal import mask_personal

# Bookkeeping that changes on every save; recording it would bury the changes a person made.
_NOT_HISTORY = frozenset({"version", "updated_at", "updated_by"})
# What a new deal is given rather than typed: its creation is one line ("created deal HD-1001"), not these.
_SET_AT_CREATION = frozenset({"id", "dpid", "created_by", "created_at", "number", "stage"})
# What the team server says it holds (its masks of personal data) is not a change anyone typed, nor one to choose.
_NOT_TYPED = frozenset({"server_masks"})
# A product on the deal is read by its name (which carries its tier: "GAP Protection — Plus"); its code, tier code,
# flags and terms are catalog plumbing. What the dealer pays (a product's or an add-on's cost) is the manager's,
# and the history is read by everyone who opens the deal (walked at the desk: "Products 3 cost — → 380.0").
_PRODUCT_PART = re.compile(r"^structure\.products\[\d+\]\.(\w+)$")


@dataclass(frozen=True)
class HistoryEntry:
    deal_id: str
    field: str
    old: str
    new: str
    who: str
    when: datetime


def mask(path: str, value: str) -> str:
    """The personal field at ``path`` as everyone who opens the deal may read it: an SSN or a licence number by its
    last four (``•••• 6789``), a birth date by its year (``••/••/1984``)."""
    return mask_personal(path, value)


def is_pii(path: str) -> bool:
    return path.rsplit(".", 1)[-1] in PII_FIELDS


def flatten(deal: Deal) -> dict[str, str]:
    """Every leaf a person types, as ``path → text`` (empty values are ``""``)."""
    out: dict[str, str] = {}
    _flatten(deal_to_dict(deal), "", out)
    return out


def _flatten(node: Any, prefix: str, out: dict[str, str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _NOT_TYPED:
                continue
            _flatten(value, f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(node, list) and not all(isinstance(v, str) for v in node):
        for i, value in enumerate(node):
            _flatten(value, f"{prefix}[{i}]", out)
    elif isinstance(node, list):
        out[prefix] = ", ".join(node)
    else:
        out[prefix] = "" if node is None else str(node)


def diff(old: Deal | None, new: Deal, who: str, when: datetime) -> list[HistoryEntry]:
    """The history entries that take ``old`` to ``new`` (``old`` is ``None`` for a new deal)."""
    before = flatten(old) if old is not None else {}
    after = flatten(new)
    entries = []
    for path in sorted(before.keys() | after.keys()):
        if path in _NOT_HISTORY:
            continue
        was, now = before.get(path, ""), after.get(path, "")
        if was == now or (old is None and not now):
            continue
        if is_pii(path):
            was, now = mask(path, was), mask(path, now)
        entries.append(HistoryEntry(new.id, path, was, now, who, when))
    return entries


def history_lines(entries: list[HistoryEntry]) -> list[str]:
    """The history as a person reads it, newest first: "Cash down $2,000 → $3,000" under the field's label, the
    deal's creation as one line, and none of the record's plumbing (its id, rooftop code, defaults)."""
    lines = []
    for e in reversed(entries):
        stamp = f"{e.when.astimezone():%Y-%m-%d %H:%M} {e.who}"
        if e.old == "" and e.field in _SET_AT_CREATION:
            if e.field == "number":
                lines.append(f"{stamp}: created deal {e.new}")
            continue
        if e.old == "" and e.new in ("False", "0"):
            continue  # a default a new deal starts with, not something anyone typed
        if not _read_by_everyone(e.field):
            continue
        lines.append(f"{stamp}: {label(e.field)} {_words(e.field, e.old)} → {_words(e.field, e.new)}")
    return lines


def _read_by_everyone(path: str) -> bool:
    if path.rsplit(".", 1)[-1] == "cost":
        return False
    product = _PRODUCT_PART.match(path)
    return product is None or product.group(1) == "name"


def _words(path: str, value: str) -> str:
    if not value:
        return "—"
    if path == "stage" and value in Stage.__members__.values():
        return Stage(value).label
    return {"True": "yes", "False": "no"}.get(value, value)
