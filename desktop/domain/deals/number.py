"""Deal numbers a person can say on the phone: the rooftop's initials and a sequence, e.g. ``HD-1042``."""

from __future__ import annotations

import re

FIRST_SEQUENCE = 1001
_SMALL_WORDS = frozenset({"of", "the", "and", "at", "on", "in", "&"})


def rooftop_prefix(name: str, dpid: str = "") -> str:
    """Initials of the rooftop's name (``Honda of Downtown`` → ``HD``), two to four letters.

    Falls back to the dpid's letters, then ``D``, so every rooftop has a prefix even before its name is known.
    """
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in _SMALL_WORDS]
    initials = "".join(w[0] for w in words).upper()[:4]
    if len(initials) >= 2:
        return initials
    letters = "".join(ch for ch in dpid if ch.isalpha()).upper()[:3]
    return (initials + letters)[:4] or "D"


def deal_number(prefix: str, sequence: int) -> str:
    return f"{prefix}-{sequence}"
