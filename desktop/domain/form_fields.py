"""Template fields: what a form packet can be filled with, who signs, and the rules a form_definition must meet.

Coordinate convention (decided from the reference's example, a ``vehicleYear`` box at ``x 96, y 555``, 40 x 12, on
a US-letter page of 612 x 792 points): positions are PDF points measured from the **top-left corner of the page as
it is shown** (its crop box, after its ``/Rotate``), ``y`` growing downward, and ``(x, y)`` is the top-left corner of
the field's box. That is how a drag-and-drop designer working on a rendered page records a box, and the reference's
numbers put the year on the lower third of the page, where a vehicle block sits on a dealer form. A box must lie
entirely inside its page.

Nothing here touches a PDF or Qt: the app checks a drawing with these rules before sending it, and the sandbox checks
what it receives with the same rules, so both refuse the same definitions with the same sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

SIGNEES: dict[str, str] = {
    "__customer__": "Buyer",
    "__co_buyer__": "Co-buyer",
    "__dealer__": "Dealer",
}

FIELD_TYPES: dict[str, str] = {
    "customerFirstName": "Buyer first name",
    "customerLastName": "Buyer last name",
    "customerFullName": "Buyer full name",
    "customerAddress": "Buyer street address",
    "customerCity": "Buyer city",
    "customerState": "Buyer state",
    "customerZip": "Buyer ZIP code",
    "customerEmail": "Buyer email",
    "customerPhone": "Buyer phone",
    "coBuyerFullName": "Co-buyer full name",
    "coBuyerAddress": "Co-buyer street address",
    "vehicleYear": "Vehicle year",
    "vehicleMake": "Vehicle make",
    "vehicleModel": "Vehicle model",
    "vehicleTrim": "Vehicle trim",
    "vehicleVin": "VIN",
    "vehicleOdometer": "Odometer (miles)",
    "vehicleStockNumber": "Stock number",
    "vehiclePrice": "Vehicle price",
    "fees": "Dealer fees",
    "taxes": "Taxes",
    "downPayment": "Down payment",
    "amountFinanced": "Amount financed",
    "apr": "APR",
    "term": "Term (months)",
    "monthlyPayment": "Monthly payment",
    "dealType": "Deal type",
    "lenderName": "Lender",
    "dealerName": "Dealer name",
    "dealerAddress": "Dealer address",
    "dealerPhone": "Dealer phone",
    "date": "Date",
    "text": "Free text (filled by an agent)",
    "signature": "Signature",
    "initials": "Initials",
}
SIGNATURE_TYPES = frozenset({"signature", "initials"})


def type_label(kind: str) -> str:
    """What a person reads for a field type; one we do not know is shown, and filled, as text."""
    return FIELD_TYPES.get(kind) or f"{kind} (filled as text)"


def signee_label(signee: str) -> str:
    """What a person reads for a signee; one we do not know is shown as it is named."""
    return SIGNEES.get(signee) or signee


"""Boxes left empty by filling: they are signed electronically afterwards."""

DEFAULT_FONT_SIZE = 10.0
MIN_FONT_SIZE = 4.0
MAX_FONT_SIZE = 72.0
MIN_BOX = 2.0  # points; a smaller box is a slip of the mouse, not a field
MAX_NAME = 100
EDGE_TOLERANCE = 0.5  # points: a box drawn flush with the page edge may round past it


class FormDefinitionError(ValueError):
    """A form_definition the API would refuse; ``field`` is the JSON path, the message names the template field."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class PageSize:
    """A page as shown, in points."""

    width: float
    height: float


@dataclass(frozen=True)
class FormField:
    """One box on one page (0-based ``page``); geometry in points, top-left origin (see the module docstring)."""

    page: int
    name: str
    type: str
    x: float
    y: float
    width: float
    height: float
    signee: str = "__customer__"
    font_size: float = DEFAULT_FONT_SIZE
    label: str = ""
    agent_filled_required: bool = False

    @property
    def is_signature(self) -> bool:
        return self.type in SIGNATURE_TYPES

    def to_json(self) -> dict[str, Any]:
        """The reference's field object (without the page, which is the field's position in ``pages``)."""
        return {
            "x": _number(self.x),
            "y": _number(self.y),
            "name": self.name,
            "type": self.type,
            "width": _number(self.width),
            "height": _number(self.height),
            "signee": self.signee,
            "fontSize": _number(self.font_size),
            "formLabel": self.label,
            "agentFilledRequired": self.agent_filled_required,
        }


def _number(value: float) -> float | int:
    """Whole points stay integers, as in the reference; others keep two decimals."""
    rounded = round(float(value), 2)
    return int(rounded) if rounded == int(rounded) else rounded


def to_definition(fields: Sequence[FormField], page_count: int | None = None) -> dict[str, Any]:
    """The form_definition of ``fields``, in their order, with pages up to the last used one or ``page_count``."""
    last = max((f.page for f in fields), default=-1)
    count = max(last + 1, page_count or 0)
    pages: list[dict[str, Any]] = [{"fields": []} for _ in range(count)]
    for f in fields:
        pages[f.page]["fields"].append(f.to_json())
    return {"pages": pages}


def _where(page: int, index: int, key: str | None = None) -> str:
    path = f"form_definition.pages[{page}].fields[{index}]"
    return f"{path}.{key}" if key else path


def _float(raw: dict[str, Any], key: str, who: str, where: str, default: float | None = None) -> float:
    value = raw.get(key, default)
    if value is None:
        raise FormDefinitionError(f"Field {who}: '{key}' is required.", where)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FormDefinitionError(f"Field {who}: '{key}' must be a number of points, not {value!r}.", where)
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise FormDefinitionError(f"Field {who}: '{key}' must be a finite number.", where)
    return number


def parse_field(raw: Any, page: int, index: int) -> FormField:
    """One field object of the reference's shape, checked on its own (page bounds are checked by the caller)."""
    where = _where(page, index)
    if not isinstance(raw, dict):
        raise FormDefinitionError(f"Field {index + 1} on page {page + 1} must be an object.", where)
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise FormDefinitionError(f"Field {index + 1} on page {page + 1} needs a name.", _where(page, index, "name"))
    name = name.strip()
    if len(name) > MAX_NAME:
        raise FormDefinitionError(
            f"Field '{name[:20]}...': the name is longer than {MAX_NAME} characters.", _where(page, index, "name")
        )
    who = f"'{name}'"
    # A type or signee outside our lists is kept as the dealer's template has it and treated as text: a real
    # template made elsewhere must never block a packet. Only a value that is not a name at all is refused.
    kind = raw.get("type")
    if not isinstance(kind, str) or not kind.strip() or len(kind) > MAX_NAME:
        raise FormDefinitionError(
            f"Field {who}: 'type' must be a field type such as {', '.join(list(FIELD_TYPES)[:3])}, not {kind!r}.",
            _where(page, index, "type"),
        )
    signee = raw.get("signee", "__customer__")
    if not isinstance(signee, str) or not signee.strip() or len(signee) > MAX_NAME:
        raise FormDefinitionError(
            f"Field {who}: 'signee' must be one of {', '.join(SIGNEES)}, not {signee!r}.", _where(page, index, "signee")
        )
    x = _float(raw, "x", who, _where(page, index, "x"))
    y = _float(raw, "y", who, _where(page, index, "y"))
    width = _float(raw, "width", who, _where(page, index, "width"))
    height = _float(raw, "height", who, _where(page, index, "height"))
    for key, size in (("width", width), ("height", height)):
        if size < MIN_BOX:
            raise FormDefinitionError(
                f"Field {who}: '{key}' must be at least {MIN_BOX:g} points; got {size:g}.", _where(page, index, key)
            )
    font_size = _float(raw, "fontSize", who, _where(page, index, "fontSize"), DEFAULT_FONT_SIZE)
    if not MIN_FONT_SIZE <= font_size <= MAX_FONT_SIZE:
        raise FormDefinitionError(
            f"Field {who}: font size must be between {MIN_FONT_SIZE:g} and {MAX_FONT_SIZE:g} points;"
            f" got {font_size:g}.",
            _where(page, index, "fontSize"),
        )
    label = raw.get("formLabel", "")
    if label is None:
        label = ""
    if not isinstance(label, str):
        raise FormDefinitionError(f"Field {who}: 'formLabel' must be text.", _where(page, index, "formLabel"))
    required = raw.get("agentFilledRequired", False)
    if not isinstance(required, bool):
        raise FormDefinitionError(
            f"Field {who}: 'agentFilledRequired' must be true or false.", _where(page, index, "agentFilledRequired")
        )
    return FormField(page, name, kind, x, y, width, height, signee, font_size, label, required)


def check_in_page(field: FormField, size: PageSize, index: int) -> None:
    """Refuse a box that is not entirely on its page, saying by how much and where."""
    where = _where(field.page, index)
    tol = EDGE_TOLERANCE
    if field.x < -tol or field.y < -tol:
        key = "x" if field.x < -tol else "y"
        raise FormDefinitionError(
            f"Field '{field.name}' is outside page {field.page + 1}: '{key}' is negative.", f"{where}.{key}"
        )
    if field.x + field.width > size.width + tol:
        raise FormDefinitionError(
            f"Field '{field.name}' is outside page {field.page + 1}: it ends at x {field.x + field.width:g} "
            f"but the page is {size.width:g} points wide.",
            f"{where}.x",
        )
    if field.y + field.height > size.height + tol:
        raise FormDefinitionError(
            f"Field '{field.name}' is outside page {field.page + 1}: it ends at y {field.y + field.height:g} "
            f"but the page is {size.height:g} points tall.",
            f"{where}.y",
        )


def parse_definition(definition: Any, pages: Sequence[PageSize] | None = None) -> list[FormField]:
    """Every field of ``definition``, refused with :class:`FormDefinitionError` at the first problem.

    With ``pages`` (the PDF's page sizes, in order) boxes are checked against their page and a definition that
    reaches past the last page is refused.
    """
    if not isinstance(definition, dict):
        raise FormDefinitionError("'form_definition' must be an object with a list of pages.", "form_definition")
    raw_pages = definition.get("pages")
    if not isinstance(raw_pages, list):
        raise FormDefinitionError("'form_definition.pages' must be a list.", "form_definition.pages")
    fields: list[FormField] = []
    seen: dict[str, int] = {}
    for page, raw_page in enumerate(raw_pages):
        if not isinstance(raw_page, dict):
            raise FormDefinitionError(f"Page {page + 1} must be an object.", f"form_definition.pages[{page}]")
        raw_fields = raw_page.get("fields", [])
        if not isinstance(raw_fields, list):
            raise FormDefinitionError(
                f"Page {page + 1}: 'fields' must be a list.", f"form_definition.pages[{page}].fields"
            )
        for index, raw in enumerate(raw_fields):
            field = parse_field(raw, page, index)
            if field.name in seen:
                raise FormDefinitionError(
                    f"Field '{field.name}' is defined twice (pages {seen[field.name] + 1} and {page + 1}); "
                    "field names must be unique.",
                    _where(page, index, "name"),
                )
            seen[field.name] = page
            if pages is not None:
                if page >= len(pages):
                    raise FormDefinitionError(
                        f"Field '{field.name}' is on page {page + 1} but the document has "
                        f"{len(pages)} page{'s' if len(pages) != 1 else ''}.",
                        _where(page, index),
                    )
                check_in_page(field, pages[page], index)
            fields.append(field)
    if pages is not None and len(raw_pages) > len(pages):
        raise FormDefinitionError(
            f"'form_definition' describes {len(raw_pages)} pages but the document has {len(pages)}.",
            f"form_definition.pages[{len(pages)}]",
        )
    return fields


def check_fields(fields: Sequence[FormField], pages: Sequence[PageSize]) -> None:
    """The same rules for fields drawn in the app (before they become a definition)."""
    parse_definition(to_definition(fields), pages)


def money_text(value: Any) -> str:
    """``$19,785.25``; an empty string for no value."""
    if value is None or value == "":
        return ""
    return f"${Decimal(str(value)).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def order_values(order: Mapping[str, Any]) -> dict[str, str]:
    """The text each field type receives, from an order as the sandbox lists it.

    ``order`` has ``customer``, ``co_buyer`` (optional), ``vehicle``, ``dealer`` and ``deal`` objects and a ``date``
    (ISO). A value the order lacks is an empty string: the box stays blank rather than saying "None".
    """
    customer = dict(order.get("customer") or {})
    co_buyer = dict(order.get("co_buyer") or {})
    vehicle = dict(order.get("vehicle") or {})
    dealer = dict(order.get("dealer") or {})
    deal = dict(order.get("deal") or {})

    def text(obj: Mapping[str, Any], key: str) -> str:
        value = obj.get(key)
        return "" if value is None else str(value).strip()

    def full(obj: Mapping[str, Any]) -> str:
        return " ".join(p for p in (text(obj, "first_name"), text(obj, "last_name")) if p)

    def place(obj: Mapping[str, Any]) -> str:
        city_line = " ".join(p for p in (text(obj, "state"), text(obj, "zip_code")) if p)
        parts = [text(obj, "address"), text(obj, "city"), city_line]
        return ", ".join(p for p in parts if p)

    odometer = vehicle.get("odometer")
    apr = deal.get("apr")
    term = deal.get("term")
    values = {
        "customerFirstName": text(customer, "first_name"),
        "customerLastName": text(customer, "last_name"),
        "customerFullName": full(customer),
        "customerAddress": text(customer, "address"),
        "customerCity": text(customer, "city"),
        "customerState": text(customer, "state"),
        "customerZip": text(customer, "zip_code"),
        "customerEmail": text(customer, "email"),
        "customerPhone": text(customer, "phone"),
        "coBuyerFullName": full(co_buyer),
        "coBuyerAddress": place(co_buyer),
        "vehicleYear": text(vehicle, "year"),
        "vehicleMake": text(vehicle, "make"),
        "vehicleModel": text(vehicle, "model"),
        "vehicleTrim": text(vehicle, "trim"),
        "vehicleVin": text(vehicle, "vin"),
        "vehicleOdometer": f"{int(odometer):,}" if isinstance(odometer, int | float) else "",
        "vehicleStockNumber": text(vehicle, "stock_number"),
        "vehiclePrice": money_text(deal.get("price")),
        "fees": money_text(deal.get("fees")),
        "taxes": money_text(deal.get("taxes")),
        "downPayment": money_text(deal.get("down_payment")),
        "amountFinanced": money_text(deal.get("amount_financed")),
        "apr": f"{Decimal(str(apr)):.2f}%" if apr not in (None, "") else "",
        "term": f"{int(term)} months" if isinstance(term, int | float) and term else "",
        "monthlyPayment": money_text(deal.get("monthly_payment")),
        "dealType": text(deal, "deal_type").capitalize(),
        "lenderName": text(deal, "lender"),
        "dealerName": text(dealer, "name"),
        "dealerAddress": place(dealer),
        "dealerPhone": text(dealer, "phone"),
        "date": _us_date(text(order, "date")),
        "text": "",
    }
    return values


def _us_date(iso: str) -> str:
    try:
        return date.fromisoformat(iso[:10]).strftime("%m/%d/%Y")
    except ValueError:
        return iso
