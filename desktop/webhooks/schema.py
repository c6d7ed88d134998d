"""The Roadster ``CustomerEvent`` payload, written by hand from ``components.schemas.CustomerEvent`` (OpenAPI 1.0.0).

Every model keeps fields it does not know (``extra="allow"``): Roadster adds fields over time and the receiver
stores each event exactly as received. Only what the schema marks required is required; optional fields accept
``null`` because the reference's own examples send ``null`` for missing strings.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

EventType = Literal[
    "agent_cancelled_purchase",
    "agent_cancelled_reservation",
    "agent_checked_in_customer",
    "agent_created_note",
    "agent_made_trade_valuation",
    "agent_sent_message",
    "agent_sent_share_details",
    "co_applicant_completed_credit_application",
    "customer_accepted_trade_valuation",
    "customer_cancelled_purchase",
    "customer_checked_in",
    "customer_completed_credit_application",
    "customer_completed_soft_credit_pull",
    "customer_completed_trade",
    "customer_made_trade_valuation",
    "customer_partially_completed_trade",
    "customer_referred",
    "customer_rejected_trade_valuation",
    "customer_requested_help",
    "customer_requested_price",
    "customer_requested_test_drive",
    "customer_requested_vehicle_info",
    "customer_reserved_vehicle",
    "customer_saved_vehicle",
    "customer_started_credit_application",
    "customer_started_purchase",
    "customer_unlocked_pricing",
    "service_made_trade_valuation",
    "service_made_credit_decision",
]
EVENT_TYPES: tuple[str, ...] = get_args(EventType)

CreditStatus = Literal[
    "pushed", "waiting", "approved", "accepted", "submitted", "conditional", "denied", "canceled", "error", "unknown"
]
Number = int | float
# Ids the receiver stores must fit the database's BIGINT (signed 64 bits); a larger one is refused here with a 400
# naming the field, not by the database after the event was accepted.
INT64_MAX = 2**63 - 1
StoredId = Annotated[int, Field(ge=0, le=INT64_MAX)]


def _no_control(value: str) -> str:
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("must not contain control characters")
    return value


StoredKey = Annotated[str, AfterValidator(_no_control)]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class CustomerAddress(_Open):
    # The reference's own sample sends null for parts of an address it does not know.
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None


class EventCustomer(_Open):
    id: StoredId
    email: str
    first_name: str
    last_name: str | None = None
    middle_name: str | None = None
    mobile: str | None = None
    phone: str | None = None
    communication_preference: Literal["text", "email", "phone"] | None = None
    in_showroom: bool | None = None
    address: CustomerAddress | None = None


class DealerAddress(_Open):
    city: str
    state: str
    zip: str
    street: str | None = None


class EventDealer(_Open):
    dpid: StoredKey = Field(min_length=1, max_length=100)
    name: str | None = None
    address: DealerAddress | None = None


class EventMessage(_Open):
    body: str | None = None
    channels: list[Literal["email", "sms"]]
    from_: str = Field(alias="from")
    from_email: str
    subject: str
    to: str
    to_email: str


class EventVehicle(_Open):
    vin: str | None = Field(default=None, min_length=1)
    make: str | None = Field(default=None, min_length=1)
    model: str | None = Field(default=None, min_length=1)
    year: int | None = None
    stock_number: str | None = None
    trim: str | None = None
    type: Literal["Used", "New", "Cpo"] | None = None


class Financing(_Open):
    type: str
    term: str | int | None
    doc_fee: Number | None = None
    down_payment: Number | None = None
    license_fee: Number | None = None
    monthly_payment: str | Number | None = None
    msrp: Number | None = None
    purchase_price: Number | None = None
    rebate: Number | None = None


class TradeIn(EventVehicle):
    value: Number
    is_offer: bool | None = None


class Plan(_Open):
    backend_profit: bool | None = None
    price: Number | None = None
    residualize: bool | None = None
    retail_add_on_id: int | None = None
    taxable: bool | None = None
    tier_code: str | None = None
    tier_mileage: str | int | None = None
    tier_term: int | None = None
    tier_title: str | None = None
    title: str | None = None


class Accessory(_Open):
    retail_accessory_id: int | None = None
    taxable: bool | None = None
    title: str | None = None
    installed_price: Number | None = None
    residual_amount: Number | None = None
    labor_calc: str | None = None
    backend_profit: bool | None = None
    residualize: bool | None = None


class Order(_Open):
    id: int
    financing: Financing
    trade_in: TradeIn | None = None
    plans: list[Plan] | None = None
    accessories: list[Accessory] | None = None


class CreditDecision(_Open):
    status: CreditStatus
    finance_company: str
    application_number: str | None = None
    term: int | None = None
    rate: Number | None = None
    customer_money_factor: Number | None = None
    lender_money_factor: Number | None = None
    payment: Number | None = None
    residual: Number | None = None
    approved_amount: Number | None = None
    min_down_payment: Number | None = None
    stipulations: str | None = None
    comments: str | None = None
    max_loan: Number | None = None
    min_loan: Number | None = None
    expires_at: datetime | None = None
    received_at: datetime | None = None


class EventAgent(_Open):
    id: StoredId
    full_name: str
    email: str


class ApiPartner(_Open):
    name: str
    customer_id: str | None = None
    lead_id: str | None = None
    agent_id: str | None = None
    dealer_id: str | None = None


class CustomerEvent(_Open):
    # Roadster adds event types over time: a type outside EVENT_TYPES is stored as received and shown as "other".
    event_type: Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[a-z][a-z0-9_]*$")]
    event_id: StoredKey = Field(min_length=1, max_length=50)
    event_time: datetime
    api_partner: ApiPartner
    customer: EventCustomer
    dealer: EventDealer
    message: EventMessage | None = None
    vehicle: EventVehicle | None = None
    order: Order | None = None
    credit_decision: CreditDecision | None = None
    agent: EventAgent | None = None


class EventRejected(ValueError):
    """An event body that is not a valid ``CustomerEvent``; the message names the field."""

    def __init__(self, reason: str, field: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field


def validate_event(payload: Any) -> CustomerEvent:
    """Check a decoded JSON body; raise :class:`EventRejected` with the first problem, its field named."""
    if not isinstance(payload, dict):
        raise EventRejected("The body must be a JSON object (a CustomerEvent).")
    try:
        return CustomerEvent.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join("from" if p == "from_" else str(p) for p in first["loc"]) or "body"
        if first["type"] == "missing":
            raise EventRejected(f"Missing required field '{name}'.", name) from None
        raise EventRejected(f"Invalid field '{name}': {first['msg']}.", name) from None
