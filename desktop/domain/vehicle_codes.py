"""The vehicle codes of a pricing request (trim, colours, factory options) priced against a code catalog.

The reference's request names the vehicle by VIN and may add ``trim_code``, ``exterior_color_code``,
``interior_color_code`` and ``option_codes``; its answer splits the sticker into ``prices.colors`` and
``prices.options`` and lists ``options[]`` and ``premium_colors``. A desk prices the configuration asked for:
a known colour or option the inventory vehicle does not already carry is added to its MSRP and its invoice,
and so to the lease's residual MSRP (captive lenders residualize factory colours and options in full, unlike
dealer-installed accessories); one it already carries is not charged twice, and a colour asked for replaces the
vehicle's own (its premium, if it had one, is taken off).

Codes the catalog does not know are echoed and ignored, never refused: the reference defines no error for
them, its own sample sends codes of another make's catalog (``"PF5"``, ``218``), and a partner's code list is
larger than any seeded table. A known trim code that names another trim than the vehicle's is refused naming
``vehicle.trim_code``, because the price of a VIN is the price of its own trim.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.domain.deal import PricingInputError
from desktop.domain.money import ZERO

KINDS = ("trim", "exterior_color", "interior_color", "option")


@dataclass(frozen=True, slots=True)
class CodedItem:
    """One entry of a make's code catalog.

    Attributes:
        code: the manufacturer's code as a request sends it.
        kind: ``trim``, ``exterior_color``, ``interior_color`` or ``option``.
        name: the label on the window sticker ("Soul Red Crystal Metallic", the trim's name for a trim).
        msrp: what it adds to the sticker (0 for a trim, whose price is the vehicle's).
        invoice: what it adds to the dealer's invoice.
        rgb: hex colour of a paint or trim colour.
    """

    code: str
    kind: str
    name: str
    msrp: Decimal
    invoice: Decimal
    rgb: str = ""


@dataclass(frozen=True, slots=True)
class PricedCodes:
    """What the request's codes did to the vehicle: items added, codes echoed unpriced, the trim named, and the
    premium of the vehicle's own colours that an added colour replaces."""

    added: tuple[CodedItem, ...] = ()
    unknown: tuple[str, ...] = ()
    trim: CodedItem | None = None
    replaced: Decimal = ZERO

    @property
    def msrp(self) -> Decimal:
        """Added to the vehicle's MSRP and selling price (net of the replaced colours' premium)."""
        return sum((i.msrp for i in self.added), ZERO) - self.replaced

    @property
    def invoice(self) -> Decimal:
        """Added to the vehicle's invoice."""
        return sum((i.invoice for i in self.added), ZERO)

    def of_kind(self, *kinds: str) -> list[CodedItem]:
        """The added items of ``kinds``, in request order."""
        return [i for i in self.added if i.kind in kinds]


def _text(code: Any) -> str | None:
    if code is None or isinstance(code, bool):
        return None
    return str(code).strip() or None


def _carried(vehicle: Mapping[str, Any]) -> set[str]:
    """Names of the colours and options the inventory vehicle already has, case-folded."""
    names = {str(vehicle.get(k, {}).get("label", "")).casefold() for k in ("exterior_color", "interior_color")}
    for key in ("options", "packages"):
        names.update(str(o.get("name", "")).casefold() for o in vehicle.get(key, []) if isinstance(o, Mapping))
    return names


def price_codes(asked: Mapping[str, Any], vehicle: Mapping[str, Any], catalog: Mapping[str, CodedItem]) -> PricedCodes:
    """Price the codes of the request's ``vehicle`` object against ``catalog`` (code → item).

    Raises:
        PricingInputError: a known trim code for another trim (``vehicle.trim_code``), or a known code of
            the wrong kind for its field (a paint code sent as ``interior_color_code``).
    """
    added: list[CodedItem] = []
    unknown: list[str] = []
    carried = _carried(vehicle)
    trim = None
    replaced = ZERO
    options = asked.get("option_codes")
    wanted: list[tuple[str, str, Any]] = [
        ("vehicle.trim_code", "trim", asked.get("trim_code")),
        ("vehicle.exterior_color_code", "exterior_color", asked.get("exterior_color_code")),
        ("vehicle.interior_color_code", "interior_color", asked.get("interior_color_code")),
    ]
    options_list: Sequence[Any] = options if isinstance(options, list) else []
    wanted += [(f"vehicle.option_codes[{i}]", "option", code) for i, code in enumerate(options_list)]
    for field, kind, raw in wanted:
        code = _text(raw)
        if code is None:
            continue
        item = catalog.get(code)
        if item is None:
            unknown.append(code)
            continue
        if item.kind != kind:
            raise PricingInputError(field, f"{code!r} is a {item.kind.replace('_', ' ')} code ({item.name}).")
        if kind == "trim":
            if item.name.casefold() != str(vehicle.get("trim", "")).casefold():
                raise PricingInputError(
                    field, f"{code!r} is the {item.name} trim; this vehicle is a {vehicle.get('trim', '')}."
                )
            trim = item
        elif item.name.casefold() not in carried and item not in added:
            added.append(item)
            if kind != "option":
                replaced += Decimal(str(vehicle.get(kind, {}).get("msrp") or 0))
    return PricedCodes(tuple(added), tuple(unknown), trim, replaced)
