"""One value of a customers request, checked: every 400 names the field and says what to send instead."""

from __future__ import annotations

import math
from typing import Any

from desktop.domain.contact import PhoneError, email_problem, phone_e164
from desktop.domain.vin import normalize_vin, vin_problem
from desktop.sandbox.errors import bad_request

MAX_TEXT = 200
MAX_WHOLE = 10**12  # past any price, mileage or year; far below what SQLite and float can hold exactly


def json_object(value: Any, name: str, *, required: bool = False) -> dict[str, Any]:
    if value is None:
        if required:
            raise bad_request(f"'{name}' is required.", name)
        return {}
    if not isinstance(value, dict):
        raise bad_request(f"'{name}' must be an object.", name)
    return value


def text(obj: dict[str, Any], key: str, name: str, *, required: bool = False) -> str:
    value = obj.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise bad_request(f"'{name}' is required.", name)
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise bad_request(f"'{name}' must be a string.", name)
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise bad_request(f"'{name}' is longer than {MAX_TEXT} characters.", name)
    return text


def whole(obj: dict[str, Any], key: str, name: str, *, required: bool = False, minimum: int = 0) -> int | None:
    value = obj.get(key)
    if value is None or value == "":
        if required:
            raise bad_request(f"'{name}' is required.", name)
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise bad_request(f"'{name}' must be a whole number.", name)
    if isinstance(value, str) and not (value.strip().isascii() and value.strip().lstrip("-").isdigit()):
        # "1e999", "NaN", "١٢٣" and "²" all convert somewhere in Python; none is a number a partner sends as text.
        raise bad_request(f"'{name}' must be a whole number, not {value[:24]!r}.", name)
    try:
        number = float(value)
    except ValueError:
        raise bad_request(f"'{name}' must be a whole number, not {value!r}.", name) from None
    if not math.isfinite(number) or number != int(number) or abs(number) > MAX_WHOLE:
        raise bad_request(f"'{name}' must be a whole number within range, not {str(value)[:24]!r}.", name)
    if number < minimum:
        raise bad_request(f"'{name}' must be at least {minimum}; got {int(number)}.", name)
    return int(number)


def email(obj: dict[str, Any], key: str, name: str) -> str:
    value = text(obj, key, name, required=True)
    problem = email_problem(value)
    if problem:
        raise bad_request(f"'{name}': {problem}", name)
    return value.lower()


def phone(obj: dict[str, Any], key: str, name: str) -> str:
    value = text(obj, key, name)
    if not value:
        return ""
    try:
        return phone_e164(value)
    except PhoneError as exc:
        raise bad_request(f"'{name}': {exc}", name) from None


def vin(value: str, name: str) -> str:
    problem = vin_problem(value)
    if problem:
        raise bad_request(f"'{name}': {problem}", name)
    return normalize_vin(value)


def flag(value: Any, name: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise bad_request(f"'{name}' must be true or false.", name)
    return value
