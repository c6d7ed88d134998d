"""Contact rules a person can get wrong at the counter: names, email syntax, phone numbers in E.164.

Each check returns the sentence to show beside the field, or ``None``; the sandbox and the UI use the same ones,
so a value the form accepts is one the API accepts.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

# Practical email syntax: one @, a dot in the domain, no blanks; the full RFC 5322 grammar accepts addresses no
# mail system delivers to.
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
MAX_NAME = 60
# Besides letters and combining marks: spaces, apostrophes (typed ' or typographic ’ ʼ), hyphens (ASCII and the
# Unicode hyphens a phone keyboard inserts), dots, and the zero-width (non-)joiners Persian and Indic spellings need.
_NAME_PUNCTUATION = frozenset(" '\u2019\u02bc-\u2010\u2011.\u200c\u200d")
MAX_EMAIL = 254


def email_problem(text: str) -> str | None:
    value = text.strip()
    if not value:
        return "Email is required."
    if len(value) > MAX_EMAIL or not _EMAIL.match(value) or ".." in value:
        return f"Email {value!r} is not a valid address (expected name@example.com)."
    return None


def _is_name(value: str) -> bool:
    """Letters of any script with their combining marks (Arabic vowel marks, Devanagari vowel signs, Vietnamese
    tones typed decomposed), starting with a letter; no digits, symbols or control characters."""
    if not unicodedata.category(value[0]).startswith("L"):
        return False
    return all(unicodedata.category(ch)[0] in "LM" or ch in _NAME_PUNCTUATION for ch in value)


def name_problem(text: str, label: str = "Name") -> str | None:
    # NFC first: "Nguyễn" typed decomposed is 9 code points, composed 6; the limit counts what a person sees.
    value = unicodedata.normalize("NFC", text.strip())
    if not value:
        return f"{label} is required."
    if len(value) > MAX_NAME:
        return f"{label} is longer than {MAX_NAME} characters."
    if not _is_name(value):
        return f"{label} may hold letters, spaces, apostrophes, dots and hyphens only."
    return None


class PhoneError(ValueError):
    """A phone number that cannot be dialled; the message says why."""


def phone_e164(text: str, region: str = "US") -> str:
    """``text`` as E.164 (``+14155556666``); a number without ``+`` is read as one of ``region``."""
    value = text.strip()
    if not value:
        raise PhoneError("Phone is empty.")
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        raise PhoneError(f"Phone {value!r} is not a phone number.") from None
    if not phonenumbers.is_valid_number(number):
        raise PhoneError(f"Phone {value!r} is not a valid number (check the area code and the digit count).")
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def phone_shown(value: str, region: str = "US") -> str:
    """A stored number as a person reads it: one of ``region`` as "(661) 555-0142", another country's in its
    international form, one that does not parse as it is (the Customers list showed "+16615550142" where the
    deal showed "(661) 555-0142")."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return value
    if not phonenumbers.is_valid_number(number):
        return value
    national = phonenumbers.region_code_for_number(number) == region
    style = phonenumbers.PhoneNumberFormat.NATIONAL if national else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return str(phonenumbers.format_number(number, style))


def phone_problem(text: str, region: str = "US") -> str | None:
    try:
        phone_e164(text, region)
    except PhoneError as exc:
        return str(exc)
    return None
