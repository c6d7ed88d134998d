"""Chaiz input rules (from the live-flow guide): user details, mileage, and which state a ZIP code belongs to.

Shared by the sandbox (which answers the documented error) and the app (which refuses bad input before sending).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

MIN_MILEAGE = 1
MAX_MILEAGE = 250_000
REREGISTER_MILES = 5_000  # a mileage this far from the registered one needs a new registration
CACHE_DAYS = 30
CACHE_SECONDS = CACHE_DAYS * 24 * 3600
# The guide's advice for batch registration: 5-10 concurrent requests.
MIN_CONCURRENCY = 5
MAX_CONCURRENCY = 10
DEFAULT_CONCURRENCY = 8

NAME_RE = re.compile(r"^[A-Za-z' .-]{2,32}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ZIP_RE = re.compile(r"^\d{5}(-\d{4})?$")

# First three ZIP digits -> state (USPS sectional centres), as inclusive ranges.
_ZIP3_RANGES: tuple[tuple[int, int, str], ...] = (
    (5, 5, "NY"), (6, 7, "PR"), (8, 8, "VI"), (9, 9, "PR"), (10, 27, "MA"), (28, 29, "RI"), (30, 38, "NH"),
    (39, 49, "ME"), (50, 54, "VT"), (55, 55, "MA"), (56, 59, "VT"), (60, 69, "CT"), (70, 89, "NJ"),
    (100, 149, "NY"), (150, 196, "PA"), (197, 199, "DE"), (200, 200, "DC"), (201, 201, "VA"), (202, 205, "DC"),
    (206, 219, "MD"), (220, 246, "VA"), (247, 268, "WV"), (270, 289, "NC"), (290, 299, "SC"), (300, 319, "GA"),
    (320, 339, "FL"), (341, 349, "FL"), (350, 369, "AL"), (370, 385, "TN"), (386, 397, "MS"), (398, 399, "GA"),
    (400, 427, "KY"), (430, 459, "OH"), (460, 479, "IN"), (480, 499, "MI"), (500, 528, "IA"), (530, 549, "WI"),
    (550, 567, "MN"), (569, 569, "DC"), (570, 577, "SD"), (580, 588, "ND"), (590, 599, "MT"), (600, 629, "IL"),
    (630, 658, "MO"), (660, 679, "KS"), (680, 693, "NE"), (700, 714, "LA"), (716, 729, "AR"), (730, 732, "OK"),
    (733, 733, "TX"), (734, 749, "OK"), (750, 799, "TX"), (800, 816, "CO"), (820, 831, "WY"), (832, 838, "ID"),
    (840, 847, "UT"), (850, 865, "AZ"), (870, 884, "NM"), (885, 885, "TX"), (889, 898, "NV"), (900, 961, "CA"),
    (967, 968, "HI"), (969, 969, "GU"), (970, 979, "OR"), (980, 994, "WA"), (995, 999, "AK"),
)  # fmt: skip

STATES = frozenset(state for _lo, _hi, state in _ZIP3_RANGES)


def state_for_zip(zip_code: str) -> str | None:
    """The state a ZIP code belongs to, or ``None`` for a malformed or unassigned one."""
    text = zip_code.strip()
    if not ZIP_RE.match(text):
        return None
    prefix = int(text[:3])
    for lo, hi, state in _ZIP3_RANGES:
        if lo <= prefix <= hi:
            return state
    return None


def mileage_problem(mileage: object) -> str | None:
    if not isinstance(mileage, int) or isinstance(mileage, bool):
        return "Mileage must be a whole number of miles."
    if not MIN_MILEAGE <= mileage <= MAX_MILEAGE:
        return f"Mileage must be between {MIN_MILEAGE:,} and {MAX_MILEAGE:,}; got {mileage:,}."
    return None


def user_details_problems(details: Mapping[str, object]) -> list[tuple[str, str]]:
    """Every problem of a live-flow ``userDetails``, as ``(field, sentence)``; empty when they are acceptable."""
    problems: list[tuple[str, str]] = []

    def text(name: str) -> str:
        value = details.get(name)
        return value.strip() if isinstance(value, str) else ""

    for name, label in (("firstName", "First name"), ("lastName", "Last name")):
        if not NAME_RE.match(text(name)):
            problems.append((name, f"{label} must be 2-32 letters, spaces, apostrophes, dots or hyphens."))
    if not EMAIL_RE.match(text("email")):
        problems.append(("email", "Email must look like name@example.com."))
    if not 5 <= len(text("address")) <= 60:
        problems.append(("address", "Address must be 5-60 characters."))
    if not 3 <= len(text("city")) <= 32:
        problems.append(("city", "City must be 3-32 characters."))
    state = text("state").upper()
    zip_state = state_for_zip(text("zip"))
    if zip_state is None:
        problems.append(("zip", "ZIP must be a valid 5-digit US ZIP code."))
    if state not in STATES:
        problems.append(("state", "State must be a two-letter US state code."))
    elif zip_state is not None and zip_state != state:
        problems.append(("state", f"State {state} does not match ZIP {text('zip')}, which is in {zip_state}."))
    return problems
