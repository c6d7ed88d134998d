"""Ids taken from a path or a body, read the one way SQLite can hold them."""

from __future__ import annotations

LARGEST_ID = 2**63 - 1


def path_id(raw: str) -> int | None:
    """A positive id as SQLite's INTEGER holds it, or ``None``.

    ``str.isdigit`` and ``int`` accept "²" (which ``int`` then refuses), "١٢" and 10**30 (which SQLite refuses);
    an id is ASCII digits below 2**63, nothing else.
    """
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19:
        return None
    number = int(raw)
    return number if 0 < number <= LARGEST_ID else None
