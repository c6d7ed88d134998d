"""The deal's structure as the finance manager desks it: one plain record the deal jacket stores.

A :class:`DealStructure` holds what a person decides (selling price, accessories, rebates claimed, cash down,
trade, tax source, program, sell rate, products chosen and declined) and nothing computed, so that saving and
reopening a deal reproduces every figure from the engine. The deal jacket maps it onto its own record; this
module knows nothing of storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from desktop.domain.deal import PricingInputError, Product, TradeIn
from desktop.domain.money import HUNDRED, ZERO

DealType = Literal["cash", "finance", "lease"]
DEAL_TYPES: tuple[DealType, ...] = ("cash", "finance", "lease")
MAX_TYPED_TAX_RATE = Decimal("0.20")


class TaxSource(StrEnum):
    """Where the buyer's tax rate comes from; the screen and the worksheet name it beside the rate."""

    SERVER_QUOTE = "server quote for the ZIP"
    ROOFTOP_DISTRICT = "rooftop's district rate"
    TYPED = "rate typed for this deal"
    STATE_AVERAGE = "state average (no district rate known)"


@dataclass(frozen=True, slots=True)
class JurisdictionRate:
    """The combined sales-tax rate for the buyer's jurisdiction and where it came from.

    Attributes:
        source: which of the sources gave it; ``STATE_AVERAGE`` carries no rate (the table's is used) and is
            shown as such, never silently.
        rate: combined rate as a fraction (0.0925 for 9.25 %); ``None`` only with ``STATE_AVERAGE``.
    """

    source: TaxSource = TaxSource.STATE_AVERAGE
    rate: Decimal | None = None

    def __post_init__(self) -> None:
        if self.source is TaxSource.STATE_AVERAGE:
            if self.rate is not None:
                raise PricingInputError("tax.rate", "a state average takes the table's rate; choose another source.")
            return
        if self.rate is None:
            raise PricingInputError("tax.rate", f"a rate is required for the {self.source.value}.")
        if not ZERO <= self.rate <= MAX_TYPED_TAX_RATE:
            raise PricingInputError(
                "tax.rate", f"{self.rate * HUNDRED:f} % is not a sales-tax rate; type e.g. 8.875 for 8.875 %."
            )


@dataclass(frozen=True, slots=True)
class Accessory:
    """A dealer add-on or accessory sold with the vehicle (floor mats, tint, a hitch), taxed with the price.

    Attributes:
        name: shown on the worksheet.
        price: what the customer pays.
        cost: what it costs the dealer, for the front gross; ``None`` when unknown.
    """

    name: str
    price: Decimal
    cost: Decimal | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise PricingInputError("accessories.name", "an accessory needs a name.")
        if self.price < ZERO:
            raise PricingInputError("accessories.price", f"{self.name}: a price cannot be negative.")

    def to_product(self) -> Product:
        """The engine's line for it: taxable like the vehicle, never residualized."""
        return Product(f"Accessory: {self.name}", self.price, taxable=True, residualize=False, dealer_cost=self.cost)


@dataclass(frozen=True, slots=True)
class DeskProduct:
    """An F&I product on the deal: a catalog tier or a Chaiz service contract, priced for this deal.

    Attributes:
        code: catalog product code ("VSC", "GAP") or ``"CHAIZ:<plan id>"``.
        name: product and tier, as the customer reads it.
        price: selling price.
        cost: dealer cost (``None`` unknown), for the back-end profit.
        taxable: taxed with the purchase.
        residualize: on a lease, added to the residual MSRP.
        deal_types: deal types it can be sold on (GAP never on cash).
        provider: the vendor or Chaiz provider.
        tier: the tier code chosen.
        term_months: coverage months; 0 when not a coverage term.
        miles: coverage miles; 0 unlimited or not applicable.
        deductible: per-visit deductible for a service contract.
    """

    code: str
    name: str
    price: Decimal
    cost: Decimal | None
    taxable: bool
    residualize: bool
    deal_types: frozenset[str] = frozenset(DEAL_TYPES)
    provider: str = ""
    tier: str = ""
    term_months: int = 0
    miles: int = 0
    deductible: Decimal = ZERO

    def offered_on(self, deal_type: str) -> bool:
        """Whether the product can be sold on a ``deal_type`` deal."""
        return deal_type in self.deal_types

    @property
    def profit(self) -> Decimal:
        """Price less cost; zero where the cost is not known (never guessed)."""
        return ZERO if self.cost is None else self.price - self.cost

    def to_product(self) -> Product:
        """The engine's product line."""
        return Product(self.name, self.price, self.taxable, self.residualize, self.cost)


@dataclass(frozen=True, slots=True)
class DeskVehicle:
    """What the engine needs of the vehicle, from the inventory cache or a typed VIN."""

    vin: str
    year: int
    make: str
    model: str
    msrp: Decimal
    used: bool = False
    trim: str = ""
    stock_number: str = ""
    cost: Decimal | None = None

    @property
    def title(self) -> str:
        """ "2026 Mazda CX-5 Touring", as the documents head the vehicle."""
        return " ".join(str(part) for part in (self.year, self.make, self.model, self.trim) if part)


@dataclass(frozen=True, slots=True)
class DealStructure:
    """Every decision behind one deal's figures, for every deal type at once.

    Attributes:
        vehicle: the vehicle sold.
        deal_type: the deal on the desk.
        selling_price: the vehicle's selling price before rebates and dealer cash.
        credit_score: the buyer's score, which picks programs and tiers.
        zip_code: the buyer's ZIP.
        tax: the buyer's jurisdiction rate and its source.
        finance_term: months.
        lease_term: months.
        cash_down: finance: down payment; lease: total due at signing; cash: ignored.
        annual_mileage: lease miles a year.
        rebates: incentive codes the buyer claims ("loyalty", "military").
        accessories: dealer add-ons.
        trade: the trade-in (negative equity is rolled in).
        no_taxes_or_fees: price without tax and fees (out-of-state buyers who register elsewhere).
        finance_program: the finance program's name, or ``None`` for the lowest rate.
        lease_program: the lease program's name, or ``None`` for the lowest money factor.
        sell_rate: finance APR in percent; ``None`` for the buy rate plus the dealer's maximum markup.
        sell_money_factor: lease money factor; ``None`` for the buy rate plus the maximum markup.
        products: F&I products chosen, each sold only on the deal types it allows.
        declined: names of products offered and declined, for the acknowledgment.
    """

    vehicle: DeskVehicle
    selling_price: Decimal
    credit_score: int
    zip_code: str
    deal_type: DealType = "finance"
    tax: JurisdictionRate = field(default_factory=JurisdictionRate)
    finance_term: int = 60
    lease_term: int = 36
    cash_down: Decimal = ZERO
    annual_mileage: int = 12_000
    rebates: tuple[str, ...] = ()
    accessories: tuple[Accessory, ...] = ()
    trade: TradeIn | None = None
    no_taxes_or_fees: bool = False
    finance_program: str | None = None
    lease_program: str | None = None
    sell_rate: Decimal | None = None
    sell_money_factor: Decimal | None = None
    products: tuple[DeskProduct, ...] = ()
    declined: tuple[str, ...] = ()

    @property
    def discount(self) -> Decimal:
        """MSRP less the selling price: what the desk took off the sticker (negative: a markup)."""
        return self.vehicle.msrp - self.selling_price

    def with_discount(self, discount: Decimal) -> DealStructure:
        """The same deal sold ``discount`` under MSRP."""
        return replace(self, selling_price=self.vehicle.msrp - discount)

    def products_for(self, deal_type: str) -> tuple[DeskProduct, ...]:
        """The chosen products a ``deal_type`` deal can carry (no GAP on a cash deal)."""
        return tuple(p for p in self.products if p.offered_on(deal_type))

    def term_for(self, deal_type: str) -> int:
        """The term of ``deal_type`` (a cash deal uses the finance term only where the API needs one)."""
        return self.lease_term if deal_type == "lease" else self.finance_term

    def choose_products(self, chosen: tuple[DeskProduct, ...], offered: tuple[DeskProduct, ...]) -> DealStructure:
        """The deal with ``chosen`` sold and every other ``offered`` product recorded as declined."""
        names = {p.name for p in chosen}
        codes = {p.code for p in chosen}
        declined = tuple(dict.fromkeys(p.name for p in offered if p.code not in codes and p.name not in names))
        return replace(self, products=chosen, declined=declined)
