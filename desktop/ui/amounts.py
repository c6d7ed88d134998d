"""How the desk writes money, rates and counts, and reads amounts, percentages and accessories typed into it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from desktop.domain.deal import PricingInputError
from desktop.domain.desking.structure import Accessory
from desktop.domain.money import AmountOutOfRange, to_money, typed_amount


def money(value: Decimal | float | None) -> str:
    """ "$1,234.50", "-$80.00", or a dash for nothing."""
    if value is None:
        return "—"
    amount = Decimal(str(value))
    return f"-${-amount:,.2f}" if amount < 0 else f"${amount:,.2f}"


def counted(count: int, thing: str) -> str:
    """ "1 vehicle", "2,000 vehicles": a count in words, never "vehicle(s)"."""
    return f"{count:,} {thing}{'' if count == 1 else 's'}"


def number(value: Decimal) -> str:
    """``value`` without trailing zeros (0.00310 → "0.0031")."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_money(text: str, field: str) -> Decimal:
    """A typed amount ("1,500", "$2000.5", "3k", "" for zero); a field error names ``field`` otherwise."""
    cleaned = typed_amount(text)
    if not cleaned:
        return Decimal(0)
    try:
        return to_money(cleaned)
    except AmountOutOfRange as exc:
        raise PricingInputError(field, str(exc)) from None
    except (ValueError, InvalidOperation):
        said = f"{text.strip()!r} is not an amount; type digits such as 2500 (or 2.5k)."
        raise PricingInputError(field, said) from None


def parse_percent(text: str, field: str) -> Decimal | None:
    """A typed percentage ("9.25", "9.25 %") as a fraction (0.0925); ``None`` when left empty."""
    cleaned = text.strip().rstrip("%").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise PricingInputError(field, f"{text.strip()!r} is not a percentage; type e.g. 9.25.") from None
    if not value.is_finite() or len(cleaned) > 20 or abs(value) > 100:
        raise PricingInputError(
            field, f"{text.strip()[:24]!r} is not a percentage between -100 and 100; type e.g. 9.25."
        )
    return value / 100


def parse_accessories(text: str) -> tuple[Accessory, ...]:
    """ "Floor mats 200/80; Tint 399": name, price and optional dealer cost after a slash, ``;``-separated."""
    found = []
    for raw in text.split(";"):
        entry = raw.strip()
        if not entry:
            continue
        name, _, amounts = entry.rpartition(" ")
        price_text, _, cost_text = amounts.partition("/")
        if not name.strip():
            raise PricingInputError("accessories", f"{entry!r}: write the name, then the price: Floor mats 200/80.")
        price = parse_money(price_text, "accessories")
        cost = parse_money(cost_text, "accessories") if cost_text.strip() else None
        found.append(Accessory(name.strip(), price, cost))
    return tuple(found)


def parse_rate(text: str, field: str) -> Decimal | None:
    """A typed rate as written (APR percent "6.79", or a money factor "0.0031"); ``None`` when left empty."""
    cleaned = text.strip().rstrip("%").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise PricingInputError(field, f"{text.strip()!r} is not a rate; type e.g. 6.79 (APR) or 0.0031.") from None
    if not value.is_finite() or value < 0 or value > 100 or len(cleaned) > 20:
        raise PricingInputError(field, f"{text.strip()[:24]!r} is not a rate; type e.g. 6.79 (APR) or 0.0031.")
    return value
