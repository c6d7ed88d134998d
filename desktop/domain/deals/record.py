"""The deal jacket: one record the three roles hand to each other, from the first greeting to the signed packet.

Plain dataclasses with no Qt and no I/O, so the local store, the team server's JSON and the tabs share them.
Money is :class:`~decimal.Decimal`; ``None`` means "not known yet", which is different from zero (no cash down
typed is not the same as a deal with no cash down). The top-level keys (``id``, ``number``, ``version``, ``dpid``,
``stage``, ``buyer`` with ``first_name``/``last_name``/``email``/``phone``, ``vehicle`` with ``vin``, ``notes``)
are the team server's deal JSON, so :mod:`.codec` maps one onto the other without a translation table.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum

from desktop.domain.deals.stage import Stage, check_move

PII_FIELDS = ("licence_number", "birth_date", "ssn")


def new_deal_id() -> str:
    """A random 128-bit id: two desktops creating deals offline never pick the same one."""
    return uuid.uuid4().hex


def now() -> datetime:
    return datetime.now(UTC)


class DealType(StrEnum):
    CASH = "cash"
    FINANCE = "finance"
    LEASE = "lease"


class Condition(StrEnum):
    EXCELLENT = "excellent"
    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"


class Ownership(StrEnum):
    OWNED = "owned"
    FINANCED = "financed"
    LEASED = "leased"


@dataclass
class Person:
    """A buyer or co-buyer. ``licence_number``, ``birth_date`` and ``ssn`` are sealed at rest and masked on screen."""

    customer_id: int | None = None  # the Roadster customer id, once created there
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    street: str = ""
    city: str = ""
    state: str = ""
    zip_code: str = ""
    licence_number: str = ""
    birth_date: str = ""  # ISO date as typed and checked; a date of birth is never computed with
    ssn: str = ""
    # What the team server shows of each personal value it holds (``ssn`` -> ``***-**-6789``), also one typed at
    # another desk that this desk has never seen in clear: the form shows it and reveals it through the server's
    # audited endpoint. Only masks, never a clear value; empty on a deal that lives on this desk alone.
    server_masks: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass
class DealVehicle:
    vin: str = ""
    stock_number: str = ""
    year: int | None = None
    make: str = ""
    model: str = ""
    trim: str = ""
    odometer: int | None = None
    msrp: Decimal | None = None

    @property
    def description(self) -> str:
        return " ".join(str(p) for p in (self.year, self.make, self.model, self.trim) if p)


@dataclass
class TradeIn:
    vin: str = ""
    year: int | None = None
    make: str = ""
    model: str = ""
    mileage: int | None = None
    condition: Condition = Condition.GOOD
    offer_value: Decimal | None = None
    firm_offer: bool = False  # a written buy bid taken as given; otherwise an estimate, appraised for its mileage
    payoff: Decimal | None = None
    lienholder: str = ""
    ownership: Ownership = Ownership.OWNED

    @property
    def equity(self) -> Decimal | None:
        """Offer minus payoff; negative equity is rolled into the deal, so it stays negative here."""
        if self.offer_value is None:
            return None
        return self.offer_value - (self.payoff or Decimal(0))


@dataclass
class DealAccessory:
    """A dealer add-on sold with the vehicle; ``cost`` (``None`` unknown) is for the front gross only."""

    name: str = ""
    price: Decimal = Decimal(0)
    cost: Decimal | None = None


@dataclass
class DealProduct:
    """An F&I product sold on the deal, as it was sold: a catalog tier or a Chaiz contract with its provider.

    Kept whole (price, cost, term, miles, deductible, provider) so a reopened deal shows what the customer bought
    even when the catalog or the Chaiz plan has changed since.
    """

    code: str = ""  # catalog product code ("VSC", "GAP") or "CHAIZ:<plan id>"
    name: str = ""
    price: Decimal = Decimal(0)
    cost: Decimal | None = None
    taxable: bool = False
    residualize: bool = False
    deal_types: list[str] = field(default_factory=lambda: [t.value for t in DealType])
    provider: str = ""
    tier: str = ""
    term_months: int = 0
    miles: int = 0
    deductible: Decimal = Decimal(0)


@dataclass
class Structure:
    """How the deal is put together: every decision the finance manager makes on the desk, nothing computed.

    ``None`` (or ``""``) means "not decided": the desk then prices with its default (MSRP, the lowest-rate program,
    the dealer's maximum markup). ``term`` is the finance term (the one the contract of a financed deal carries);
    ``months`` gives the term of the deal's own type. ``tax_source`` is the name of
    :class:`~desktop.domain.desking.TaxSource` in lower case. :mod:`.desk_mapping` is the one place that maps this
    onto the desk's :class:`~desktop.domain.desking.DealStructure` and back.
    """

    deal_type: DealType | None = None
    selling_price: Decimal | None = None
    accessories: list[DealAccessory] = field(default_factory=list)
    rebates: list[str] = field(default_factory=list)
    cash_down: Decimal | None = None
    term: int | None = None
    lease_term: int | None = None
    annual_mileage: int | None = None
    credit_score: int | None = None
    tax_source: str = ""
    tax_rate: Decimal | None = None
    no_taxes_or_fees: bool = False
    program: str = ""
    lease_program: str = ""
    sell_rate: Decimal | None = None
    sell_money_factor: Decimal | None = None
    products: list[DealProduct] = field(default_factory=list)
    products_declined: list[str] = field(default_factory=list)

    @property
    def months(self) -> int | None:
        """The term of the deal's own type: the lease term on a lease, none on a cash deal, else the finance term."""
        if self.deal_type is DealType.CASH:
            return None
        return self.lease_term if self.deal_type is DealType.LEASE else self.term


@dataclass
class DealDocument:
    """A file in the customer's binder that belongs to this deal."""

    document_id: str
    kind: str = ""
    name: str = ""


@dataclass
class Packet:
    """A form packet made for the deal, against the Roadster order it was made for."""

    packet_id: str
    order_id: str = ""
    name: str = ""
    created_at: datetime = field(default_factory=now)


@dataclass
class Deal:
    """One deal. ``version`` grows by one on every save; a save on an older version is a conflict."""

    dpid: str
    number: str = ""
    id: str = field(default_factory=new_deal_id)
    agent: str = ""
    created_by: str = ""
    created_at: datetime = field(default_factory=now)
    updated_by: str = ""
    updated_at: datetime = field(default_factory=now)
    stage: Stage = Stage.LEAD
    lost_reason: str = ""
    buyer: Person = field(default_factory=Person)
    co_buyer: Person | None = None
    vehicle: DealVehicle = field(default_factory=DealVehicle)
    trade_ins: list[TradeIn] = field(default_factory=list)
    structure: Structure = field(default_factory=Structure)
    order_id: str = ""  # the Roadster order, from a customer event or typed
    documents: list[DealDocument] = field(default_factory=list)
    packets: list[Packet] = field(default_factory=list)
    notes: str = ""
    version: int = 0

    @property
    def title(self) -> str:
        """What the deal strip and the window say: number, buyer, vehicle."""
        parts = [self.number or "New deal", self.buyer.name or "no buyer yet", self.vehicle.description]
        return " · ".join(p for p in parts if p)

    def server_mask(self, path: str) -> str:
        """What the team server shows of the personal value at ``path`` (``co_buyer.ssn``); ``""``: it holds none."""
        party, _, name = path.partition(".")
        person = self.co_buyer if party == "co_buyer" else self.buyer
        return "" if person is None else person.server_masks.get(name, "")

    def move_to(self, stage: Stage, lost_reason: str = "") -> None:
        """Change the stage if the move is allowed (raises :class:`~.stage.StageError` otherwise)."""
        check_move(self.stage, stage, lost_reason)
        self.stage = stage
        self.lost_reason = lost_reason.strip() if stage is Stage.LOST else ""
