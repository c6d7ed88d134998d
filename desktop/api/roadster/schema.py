"""Typed request/response models of the Roadster API, shared by the client and the sandbox.

Models ignore unknown fields (``extra="allow"`` keeps them round-trippable) so a partner adding a field never
breaks the app.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class ErrorBody(_Model):
    status: Literal["error"] = "error"
    error: str


class Dealer(_Model):
    name: str
    dpid: str
    address: str = ""
    city: str = ""
    state: str = ""
    zip_code: str = ""
    phone: str = ""
    status: str = ""
    partner_id: str = ""

    @classmethod
    def coerce(cls, raw: dict[str, Any]) -> Dealer:
        """Build from an API dict; the reference sends zip_code as a number in one place and a string in another."""
        data = dict(raw)
        if data.get("zip_code") is not None:
            data["zip_code"] = str(data["zip_code"]).zfill(5)
        if data.get("partner_id") is not None:
            data["partner_id"] = str(data["partner_id"])
        return cls.model_validate(data)


class RateMarkup(_Model):
    standard: float | None = None
    special: float | None = None


class Markup(_Model):
    make: str = "All"
    finance: dict[str, dict[str, RateMarkup]] = Field(default_factory=dict)
    lease: dict[str, dict[str, RateMarkup]] = Field(default_factory=dict)


class DealerConfiguration(_Model):
    price_unlock_mode: str = ""
    fees: dict[str, float] = Field(default_factory=dict)
    markups: list[Markup] = Field(default_factory=list)


class DealerDetail(Dealer):
    configuration: DealerConfiguration = Field(default_factory=DealerConfiguration)


class Labelled(_Model):
    label: str = ""
    type: str = ""


class Color(_Model):
    label: str = ""
    rgb: str = ""
    generic: str = ""
    msrp: float = 0


class PricedItem(_Model):
    name: str
    msrp: float = 0


class Vehicle(_Model):
    vin: str
    make: str = ""
    model: str = ""
    year: int = 0
    trim: str = ""
    body: str = ""
    drivetrain: str = ""
    stock_number: str = ""
    in_stock: bool = True
    reserved: bool = False
    engine: Labelled = Field(default_factory=Labelled)
    transmission: Labelled = Field(default_factory=Labelled)
    exterior_color: Color = Field(default_factory=Color)
    interior_color: Color = Field(default_factory=Color)
    packages: list[PricedItem] = Field(default_factory=list)
    options: list[PricedItem] = Field(default_factory=list)
    dealer_options: list[PricedItem] = Field(default_factory=list)
    msrp: float | None = None
    invoice: float | None = None
    updated_at: int | None = None


class InventoryPage(_Model):
    vehicles: list[Vehicle]
    total: int


class VehicleInfo(_Model):
    make: str = ""
    model: str = ""
    year: int = 0
    trim: str = ""
    city_mpg: int | None = None
    highway_mpg: int | None = None
    ev_range: int | None = None


class CustomerDocument(_Model):
    """One row of a customer's binder (issue 6); the file itself comes from the contents call.

    Times are ISO 8601 strings in the reference's sample (``"2024-02-26T17:35:43.741Z"``), read as aware datetimes.
    """

    id: int
    document_type: str
    relationship: str | None = None
    name: str = ""
    file_name: str = ""
    created_at: datetime
    updated_at: datetime


# Customers, agents, trade-ins and links (issue 3). Requests dump with ``exclude_none`` so an unset field is absent.
class DealerRef(_Model):
    """Exactly one of the two names a dealer."""

    dpid: str | None = None
    partner_id: str | None = None


class CustomerContact(_Model):
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str | None = None
    partner_id: str | None = None


class VehicleRequest(_Model):
    """The reference sends ``year`` as an integer (``"year": 2020``, lines 72 and 112)."""

    vin: str | None = None
    make: str | None = None
    model: str | None = None
    trim: str | None = None
    year: int | None = None


class PaymentPreference(_Model):
    deal_type: Literal["lease", "finance"] | None = None
    lease_down: int | None = None
    lease_months: int | None = None
    lease_miles: int | None = None
    finance_down: int | None = None
    finance_months: int | None = None


class PlanChoice(_Model):
    id: int
    code: str | None = None
    tier: str | None = None


class AccessoryChoice(_Model):
    code: str


class CustomerRequest(_Model):
    customer: CustomerContact
    dealer: DealerRef
    vehicle: VehicleRequest | None = None
    payment: PaymentPreference | None = None
    plans: list[PlanChoice] | None = None
    accessories: list[AccessoryChoice] | None = None
    analytics: dict[str, str] | None = None
    checkout: bool | None = None


class CustomerRef(_Model):
    id: int
    dpid: str = ""
    redirect_url: str = ""
    order_id: int | None = None


class CustomerCreated(_Model):
    status: str = "ok"
    customer: CustomerRef
    duplicate: bool = False


class AgentRef(_Model):
    id: str | None = None
    email: str | None = None


class AgentAssigned(_Model):
    status: str = "ok"
    customer: CustomerContact


class TradeInRequest(_Model):
    dpid: str
    email: str
    vin: str
    value: int
    year: int | None = None
    make: str | None = None
    model: str | None = None
    trim: str | None = None
    mileage: int | None = None


class TradeInSaved(_Model):
    status: str = "ok"
    customer: CustomerRef
    updated: bool = False


class LinkVehicle(_Model):
    price_locked: bool | None = None
    in_stock: bool | None = None
    grade: str = ""


class LinkTarget(_Model):
    dpid: str = ""
    redirect_url: str = ""


class LinkCreated(_Model):
    status: str = "ok"
    vehicle: LinkVehicle = Field(default_factory=LinkVehicle)
    link: LinkTarget


# Document templates and form packets (issue 7)
class DocumentTemplate(_Model):
    """A dealer's template; ``form_definition`` is checked by :mod:`desktop.domain.form_fields`."""

    id: int
    name: str
    file_name: str
    description: str = ""
    form_definition: dict[str, Any] = Field(default_factory=lambda: {"pages": []})
    doc_identifier: str = ""
    created_at: str = ""
    updated_at: str = ""
    is_deleted: bool = False
    order_id: int | None = None


class TemplateStored(_Model):
    """The storage metadata a template create answers; ``id`` is given by the sandbox only."""

    etag: str
    expiration: str | None = None
    checksum_crc32: str | None = None
    checksum_crc32c: str | None = None
    checksum_sha1: str | None = None
    checksum_sha256: str | None = None
    server_side_encryption: str | None = None
    version_id: str | None = None
    id: int | None = None


class PacketForm(_Model):
    template_id: int
    name: str = ""


class FormPacketCreated(_Model):
    """The reference answers ``{}``; the sandbox adds the packet id and its forms."""

    status: str = "ok"
    packet_id: int | None = None
    forms: list[PacketForm] = Field(default_factory=list)


class ProtectionPlanTier(_Model):
    """One tier of an F&I product (``GET /service_protection_plans``); ``offer`` is the price quoted."""

    title: str = ""
    msrp: float = 0
    invoice_price: float = 0
    offer: float = 0
    code: str = ""
    state: str = ""
    term: int = 0
    mileage: int = 0


class ProtectionPlan(_Model):
    """An F&I product of the dealer's catalog, with its tiers priced for the deal asked about."""

    id: int
    title: str = ""
    subtitle: str = ""
    category: str = ""
    description: str = ""
    vendor: str = ""
    code: str = ""
    taxable: bool = False
    residualize: bool = False
    deal_types: list[str] = Field(default_factory=list)
    tiers: list[ProtectionPlanTier] = Field(default_factory=list)
    default_tier_index: int = 0
    price_is_offline: bool = True
    grades: list[str] = Field(default_factory=list)
    dpid: str = ""
    msrp: float = 0
    invoice_price: float = 0
    offer: float = 0
    cash_feature_rank: int | None = None
    backend_profit: bool = False
    tier_is_selectable: bool = True


class DealPlan(_Model):
    """A protection product inside a priced deal's ``data.plans`` (reference lines 320-335)."""

    retail_add_on_id: int
    title: str = ""
    price: float = 0
    taxable: bool = False
    residualize: bool = False
    backend_profit: bool = False
    pricing_source: str = ""
    product_code: str | None = None
    tier_code: str = ""
    tier_mileage: int | None = None
    tier_term: int | None = None
    tier_title: str = ""
    surcharges: Any = None


class DealData(_Model):
    """What a deal was priced from: its plans, accessories, the vehicle's attributes and the trade valuation."""

    plans: list[DealPlan] = Field(default_factory=list)
    accessories: Any = None
    vehicle: dict[str, Any] = Field(default_factory=dict)
    trade: dict[str, Any] | None = None  # null when the deal has no trade-in


class PricedDeal(_Model):
    """One of ``deals.cash`` / ``deals.finance`` / ``deals.lease``; ``terms`` keeps every figure as sent."""

    id: int
    deal_type: str
    terms: dict[str, Any] = Field(default_factory=dict)
    data: DealData = Field(default_factory=DealData)


class Rebate(_Model):
    """A manufacturer rebate of ``programs.<type>.rebates`` (reference lines 805-813): every buyer of an eligible
    vehicle gets it, paid to the ``recipient`` under the manufacturer's ``program_id``."""

    id: int
    program_id: str
    name: str
    cash: float
    recipient: str
    expires_at: str = ""
    display_name: str = ""


class PricingQuote(_Model):
    """``POST /pricing``: the reference's ``deals`` and ``programs``; the sandbox adds ``unavailable``
    (deal type → ``{field, error}``) for the deal types no program could price.

    ``deals`` keeps each deal as the JSON object it came as (the pricing tab compares them figure by figure), but
    every one is checked against :class:`PricedDeal` on arrival, so a deal without its ``id``, ``terms`` or with a
    malformed ``data`` block fails here, once; :meth:`priced` gives the typed view.
    """

    deals: dict[str, dict[str, Any]] = Field(default_factory=dict)
    programs: dict[str, Any] = Field(default_factory=dict)
    unavailable: dict[str, dict[str, str]] = Field(default_factory=dict)

    @field_validator("deals")
    @classmethod
    def _each_deal_has_the_reference_shape(cls, deals: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        for deal in deals.values():
            PricedDeal.model_validate(deal)
        return deals

    def rebates(self) -> list[Rebate]:
        """The rebates offered on a cash deal of this vehicle (``programs.cash.rebates``), typed."""
        cash = self.programs.get("cash") or {}
        return [Rebate.model_validate(r) for r in cash.get("rebates") or []]

    def priced(self, deal_type: str) -> PricedDeal:
        """The typed ``deals.<deal_type>``; ``KeyError`` when that deal type was not priced."""
        return PricedDeal.model_validate(self.deals[deal_type])
