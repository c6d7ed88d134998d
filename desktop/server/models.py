"""The JSON of the server's API (``/api/v1``), as pydantic models: FastAPI validates with them and publishes them.

Every bound matches its column (:mod:`desktop.server.schema`) so that any request the schema accepts can be
stored. Names accept every script (letters, combining marks, apostrophes, hyphens, spaces); a phone or an
e-mail is checked only for length and control characters -- the desktop formats them, the server keeps them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal, get_args
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from desktop.server.schema import DPID_MAX, INT64_MAX

Stage = Literal["lead", "working", "priced", "menu_presented", "contracted", "delivered", "lost"]
STAGES: tuple[str, ...] = get_args(Stage)
PERSONAL_FIELDS = ("ssn", "licence_number", "birth_date")


def _printable(value: str) -> str:
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("must not contain control characters")
    return value


Text = Annotated[str, Field(max_length=200), AfterValidator(_printable)]
Dpid = Annotated[str, Field(min_length=1, max_length=DPID_MAX, pattern=r"^[A-Za-z0-9_.\-]+$")]
RoadsterId = Annotated[int, Field(ge=1, le=INT64_MAX)]
Money = Annotated[Decimal, Field(max_digits=12, decimal_places=2, allow_inf_nan=False)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Person(_Model):
    """A buyer or co-buyer: every field optional in a ``PUT``, which changes only the fields it names."""

    first_name: Text = ""
    last_name: Text = ""
    email: Text = ""
    phone: Annotated[str, Field(max_length=40), AfterValidator(_printable)] = ""
    roadster_customer_id: RoadsterId | None = None


class Vehicle(_Model):
    vin: Annotated[str, Field(pattern=r"^[A-HJ-NPR-Z0-9]{17}$")] | None = None
    stock_number: Annotated[str, Field(max_length=40), AfterValidator(_printable)] | None = None
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    make: Text | None = None
    model: Text | None = None
    odometer: Annotated[int, Field(ge=0, le=2_000_000)] | None = None


class Finance(_Model):
    """What the dealership earns on the deal: only finance managers and admins see or change it."""

    reserve: Money | None = None
    profit: Money | None = None


class Personal(_Model):
    """A buyer's or co-buyer's personal data: sealed at rest, masked in every answer, revealed one field at a time
    (audited)."""

    ssn: Annotated[str, Field(pattern=r"^[0-9]{3}-?[0-9]{2}-?[0-9]{4}$")] | None = None
    licence_number: Annotated[str, Field(min_length=1, max_length=40), AfterValidator(_printable)] | None = None
    birth_date: Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] | None = None


Structure = Annotated[dict[str, Any], Field(max_length=200)]
Notes = Annotated[str, Field(max_length=20_000)]


class DealCreate(_Model):
    """``POST /api/v1/deals``: ``dpid`` and ``buyer`` are required. ``id`` lets a desk create a deal offline
    and send it later: a repeated id answers the deal already stored instead of making a second one."""

    id: UUID | None = None
    dpid: Dpid
    buyer: Person
    stage: Stage = "lead"
    lost_reason: Text | None = None
    owner_id: Annotated[int, Field(ge=1, le=2**31 - 1)] | None = None
    co_buyer: Person | None = None
    vehicle: Vehicle | None = None
    structure: Structure | None = None
    finance: Finance | None = None
    personal: Personal | None = None
    co_buyer_personal: Personal | None = None
    notes: Notes = ""


class DealUpdate(_Model):
    """``PUT /api/v1/deals/{id}``: the ``version`` the deal was read at, and the fields to change."""

    version: Annotated[int, Field(ge=1, le=2**31 - 1)]
    buyer: Person | None = None
    stage: Stage | None = None
    lost_reason: Text | None = None
    owner_id: Annotated[int, Field(ge=1, le=2**31 - 1)] | None = None
    co_buyer: Person | None = None
    vehicle: Vehicle | None = None
    structure: Structure | None = None
    finance: Finance | None = None
    personal: Personal | None = None
    co_buyer_personal: Personal | None = None
    notes: Notes | None = None

    @field_validator("buyer", "version", "stage", "notes")
    @classmethod
    def _kept(cls, value: object) -> object:
        if value is None:
            raise ValueError("cannot be removed from a deal")
        return value


class Deal(BaseModel):
    """A deal as answered: personal data masked, ``finance`` present only for finance managers and admins."""

    id: str
    number: str
    version: int
    dpid: str
    stage: str
    lost_reason: str | None = None
    owner_id: int | None = None
    buyer: Person
    co_buyer: Person | None = None
    vehicle: Vehicle | None = None
    structure: dict[str, Any] | None = None
    finance: Finance | None = None
    personal: dict[str, str] = {}
    co_buyer_personal: dict[str, str] = {}
    notes: str = ""
    created_at: float
    created_by: str
    updated_at: float
    updated_by: str


class DealList(BaseModel):
    deals: list[Deal]


class Conflict(BaseModel):
    """409: the deal changed since the version given; ``current`` is the deal as it is now."""

    error: str
    current: Deal


class HistoryRow(BaseModel):
    version: int
    at: float
    user: str
    field: str
    old: Any = None
    new: Any = None


class Reveal(_Model):
    """Which personal value to reveal: the buyer's (``personal``) or the co-buyer's (``co_buyer_personal``)."""

    field: Literal["ssn", "licence_number", "birth_date"]
    party: Literal["buyer", "co_buyer"] = "buyer"


class Revealed(BaseModel):
    field: str
    value: str | None


class CustomerCreate(_Model):
    id: UUID | None = None
    dpid: Dpid
    person: Person
    personal: Personal | None = None


class CustomerUpdate(_Model):
    version: Annotated[int, Field(ge=1, le=2**31 - 1)]
    person: Person | None = None
    personal: Personal | None = None


class Customer(BaseModel):
    id: str
    dpid: str
    version: int
    person: Person
    personal: dict[str, str] = {}
    updated_at: float


class CustomerConflict(BaseModel):
    """409: the customer changed since the version given; ``current`` is the customer as it is now."""

    error: str
    current: Customer


class EventStoredAnswer(BaseModel):
    """200 to Roadster: our ids for the event's customer, lead, agent and dealer (the same for a repeated event)."""

    customer_id: str
    lead_id: str
    agent_id: str | None
    dealer_id: str


class Change(BaseModel):
    seq: int
    kind: str
    id: str
    dpid: str
    version: int
    at: float


class Changes(BaseModel):
    changes: list[Change]
    cursor: str


class AuditRow(BaseModel):
    seq: int
    at: float
    user: str
    action: str
    entity: str
    entity_id: str
    field: str
    hash: str


class Audit(BaseModel):
    entries: list[AuditRow]
    intact: bool


class AuditCheck(BaseModel):
    """The whole chain walked: ``broken_at`` is the first entry that does not follow, ``reason`` says how."""

    intact: bool
    entries: int
    broken_at: int | None = None
    reason: str = ""


class StaffMember(BaseModel):
    id: int
    name: str
    role: str
    rooftops: list[str]


class Roster(BaseModel):
    people: list[StaffMember]


class ErrorBody(BaseModel):
    status: str = "error"
    error: str
    field: str | None = None


def mask(field: str, value: str | None) -> str:
    """What a screen may show of a personal value: enough to recognise it, never enough to use it."""
    if not value:
        return ""
    if field == "ssn":
        return "***-**-" + value.replace("-", "")[-4:]
    if field == "birth_date":
        return "****-**-**"
    return "*" * max(len(value) - 4, 0) + value[-4:] if len(value) > 4 else "****"
