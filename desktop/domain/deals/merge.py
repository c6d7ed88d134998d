"""Two people saved the same deal: what each changed, and a deal that keeps both where they do not collide.

``base`` is the deal as this desk read it, ``mine`` what is on screen, ``theirs`` what the store holds now. A field
only one side changed takes that side's value; a field both changed is a collision, shown with both values so the
person chooses. "Keep mine" takes my value for collisions and theirs everywhere I changed nothing -- nobody's
change to another field is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.domain.deals.codec import deal_from_dict, deal_to_dict
from desktop.domain.deals.history import flatten, is_pii, mask
from desktop.domain.deals.record import Deal

_BOOKKEEPING = frozenset({"version", "updated_at", "updated_by", "created_at", "created_by", "number"})


@dataclass(frozen=True)
class Collision:
    """One field both sides changed: ``mine`` and ``theirs`` as a person reads them (personal data masked)."""

    field: str
    mine: str
    theirs: str


def collisions(base: Deal, mine: Deal, theirs: Deal) -> list[Collision]:
    """The fields both sides changed to different values (what the person must choose between)."""
    b, m, t = flatten(base), flatten(mine), flatten(theirs)
    out = []
    for path in sorted(m.keys() | t.keys()):
        if path in _BOOKKEEPING or path.rsplit(".", 1)[-1] in _BOOKKEEPING:
            continue
        mv, tv, bv = m.get(path, ""), t.get(path, ""), b.get(path, "")
        if mv != tv and mv != bv and tv != bv:
            out.append(Collision(path, mask(path, mv) if is_pii(path) else mv, mask(path, tv) if is_pii(path) else tv))
    return out


def _merge(base: Any, mine: Any, theirs: Any) -> Any:
    if mine == base:
        return theirs
    if isinstance(mine, dict) and isinstance(theirs, dict) and isinstance(base, dict):
        return {k: _merge(base.get(k), mine.get(k), theirs.get(k)) for k in mine.keys() | theirs.keys()}
    return mine


def keep_mine(base: Deal, mine: Deal, theirs: Deal) -> Deal:
    """``theirs`` with every field I changed since ``base`` set to my value, at ``theirs``' version."""
    merged = _merge(deal_to_dict(base), deal_to_dict(mine), deal_to_dict(theirs))
    deal = deal_from_dict(merged)
    deal.version, deal.number = theirs.version, theirs.number
    return deal
