"""VIN rules (ISO 3779 / 49 CFR 565): characters, check digit and model-year code.

The check digit is what catches a mistyped VIN at the counter, so the UI refuses a VIN whose ninth character
does not match before anything is sent.
"""

from __future__ import annotations

_TRANSLITERATION = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
# Position 10 cycles every 30 years; 2010-2039 use the same letters as 1980-2009.
_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"
VIN_LENGTH = 17


def check_digit(vin: str) -> str:
    """The check digit (position 9) that the other 16 characters of ``vin`` require."""
    total = sum(_TRANSLITERATION[ch] * w for ch, w in zip(vin.upper(), _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def year_code(year: int) -> str:
    """The model-year character (position 10) for ``year`` (1980-2039)."""
    if not 1980 <= year <= 2039:
        raise ValueError(f"model year {year} has no VIN code")
    return _YEAR_CODES[(year - 1980) % 30]


def model_years(vin: str) -> tuple[int, int]:
    """The two model years (30 years apart) that position 10 of ``vin`` can mean."""
    first = 1980 + _YEAR_CODES.index(vin[9].upper())
    return first, first + 30


def normalize_vin(text: str) -> str:
    """Strip blanks and upper-case, as a person pasting a VIN expects."""
    return "".join(text.split()).upper()


def vin_problem(text: str) -> str | None:
    """Why ``text`` is not a valid VIN, as a sentence; ``None`` when it is valid."""
    vin = normalize_vin(text)
    if not vin:
        return "VIN is empty."
    if len(vin) != VIN_LENGTH:
        return f"VIN must be 17 characters; this one has {len(vin)}."
    bad = sorted({ch for ch in vin if ch not in _TRANSLITERATION})
    if bad:
        shown = ", ".join(bad)
        hint = " (I, O and Q are never used in a VIN)" if set(bad) & set("IOQ") else ""
        return f"VIN contains characters that are not allowed: {shown}{hint}."
    if vin[9] not in _YEAR_CODES:
        return f"VIN position 10 ({vin[9]!r}) is not a model-year code."
    expected = check_digit(vin)
    if vin[8] != expected:
        return f"VIN check digit (9th character) is {vin[8]!r} but should be {expected!r}; check for a typo."
    return None


def with_check_digit(vin16_or_17: str) -> str:
    """``vin`` with position 9 replaced by its correct check digit (for generating valid VINs)."""
    vin = vin16_or_17.upper()
    if len(vin) != VIN_LENGTH:
        raise ValueError("need 17 characters (position 9 is replaced)")
    return vin[:8] + check_digit(vin) + vin[9:]
