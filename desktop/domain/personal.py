"""How personal data reads on a screen: enough for a person at the desk to recognise it, never enough to use it.

An SSN or a licence number keeps its last four characters (what a customer is asked to confirm). A birth date
keeps its year alone, written as a date with the month and day hidden: "••/••/1984". The last four characters of
a birth date would be its month and day (or, for the API's ``1980-11-23T00:00:00.000Z``, the "000Z" of a
midnight that means nothing to anyone).
"""

from __future__ import annotations

import re

MASK = "••••"
BIRTH_DATE_KEYS = frozenset({"birth_date", "date_of_birth", "dob", "birthday"})

# 1984-03-05, 1984-03-05T00:00:00.000Z, 1984-03-05 00:00 ...; and 03/05/1984 as typed in the US.
_ISO = re.compile(r"(\d{4})-\d{1,2}-\d{1,2}(?:[T ][\d:.]*(?:Z|[+-]\d{2}:?\d{2})?)?")
_US = re.compile(r"\d{1,2}/\d{1,2}/(\d{4})")


def mask_last_four(value: str) -> str:
    """``123-45-6789`` → ``•••• 6789``: the last four letters or digits; a short value is masked whole."""
    chars = [c for c in value if c.isalnum()]
    if not chars:
        return ""
    return f"{MASK} {''.join(chars[-4:])}" if len(chars) > 4 else MASK


def mask_birth_date(value: str) -> str:
    """``1984-03-05`` (or the API's ``1984-03-05T00:00:00.000Z``, or ``03/05/1984``) → ``••/••/1984``.

    Anything that is not a date of those shapes shows no digit at all.
    """
    text = value.strip()
    if not text:
        return ""
    found = _ISO.fullmatch(text) or _US.fullmatch(text)
    year = found.group(1) if found is not None and 1900 <= int(found.group(1)) <= 2100 else "••••"
    return f"••/••/{year}"


def mask_personal(key: str, value: str) -> str:
    """``value`` of the field named ``key`` (``birth_date``, ``buyer.ssn``...) as a screen may show it."""
    name = key.rsplit(".", 1)[-1].lower()
    return mask_birth_date(value) if name in BIRTH_DATE_KEYS else mask_last_four(value)
