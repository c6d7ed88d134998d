"""The deal jacket's fields, as the form lays them out, and the sentence it shows for the deal's structure."""

from __future__ import annotations

from typing import Any

PERSON_FIELDS = (
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("street", "Street"),
    ("city", "City"),
    ("state", "State"),
    ("zip_code", "ZIP code"),
)
PII_LABELS = (("licence_number", "Licence no."), ("birth_date", "Date of birth"), ("ssn", "SSN"))
VEHICLE_FIELDS = (
    ("vin", "VIN"),
    ("stock_number", "Stock #"),
    ("year", "Year"),
    ("make", "Make"),
    ("model", "Model"),
    ("trim", "Trim"),
    ("odometer", "Odometer"),
)
HINT_MARGIN = 8  # a line edit's frame and text margins on each side, around its placeholder
TRADE_FIELDS = (
    ("vin", "VIN"),
    ("year", "Year"),
    ("make", "Make"),
    ("model", "Model"),
    ("mileage", "Mileage"),
    ("offer_value", "Offer value"),
    ("payoff", "Payoff"),
    ("lienholder", "Lienholder"),
)


def structure_text(deal: Any) -> str:
    """The deal's structure in a sentence, as the jacket shows it."""
    s = deal.structure
    parts = []
    if s.deal_type is not None:
        parts.append(str(s.deal_type.value).capitalize())
    if s.selling_price is not None:
        parts.append(f"selling price ${s.selling_price:,.2f}")
    if s.cash_down is not None:
        parts.append(f"cash down ${s.cash_down:,.2f}")
    if s.months:
        parts.append(f"{s.months} months")
    if s.products:
        parts.append("products: " + ", ".join(p.name for p in s.products))
    if s.products_declined:
        parts.append("declined: " + ", ".join(s.products_declined))
    return "; ".join(parts) or "Not priced yet (Deal Pricing fills this in)."
