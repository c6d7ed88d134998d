"""The F&I menu: packages of protection products side by side, each with its payment and what it adds a day.

A menu presents three or four packages (Platinum down to Basic) built from the rooftop's catalog tiers and any
Chaiz service contract added to the deal, for the deal's finance or lease structure. Each package shows its
payment, the difference per month and per day against the same deal with no products, and the price of each
product in it. The customer's choice sets the deal's products; every product offered and not chosen is recorded
as declined, for the acknowledgment the customer signs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from desktop.domain.deal import PricingInputError
from desktop.domain.desking.desk import DeskContext, price_type
from desktop.domain.desking.structure import DEAL_TYPES, DealStructure, DealType, DeskProduct
from desktop.domain.money import ZERO, round_cents, to_money
from desktop.domain.pricing import CashDeal

PACKAGE_NAMES = ("Platinum", "Gold", "Silver", "Basic")
_MONTHS_PER_YEAR = 12
_DAYS_PER_YEAR = 365


@dataclass(frozen=True, slots=True)
class CatalogTier:
    """One tier of a catalog product, priced for this deal (``offer``) with the dealer's cost."""

    code: str
    title: str
    price: Decimal
    cost: Decimal | None = None
    term_months: int = 0
    miles: int = 0
    deductible: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class CatalogProduct:
    """A product the rooftop sells from the menu: a catalog plan or a Chaiz service contract."""

    code: str
    title: str
    category: str
    provider: str
    taxable: bool
    residualize: bool
    deal_types: frozenset[str]
    tiers: tuple[CatalogTier, ...]
    default_tier: int = 0

    def product(self, tier_code: str | None = None) -> DeskProduct:
        """This product at ``tier_code`` (the default tier when ``None`` or no longer offered)."""
        tier = next(
            (t for t in self.tiers if t.code == tier_code), self.tiers[min(self.default_tier, len(self.tiers) - 1)]
        )
        return DeskProduct(
            code=self.code,
            name=f"{self.title} — {tier.title}" if tier.title else self.title,
            price=tier.price,
            cost=tier.cost,
            taxable=self.taxable,
            residualize=self.residualize,
            deal_types=self.deal_types,
            provider=self.provider,
            tier=tier.code,
            term_months=tier.term_months,
            miles=tier.miles,
            deductible=tier.deductible,
        )


def catalog_product(plan: Mapping[str, Any]) -> CatalogProduct:
    """A ``GET /service_protection_plans`` plan (as a dict) read for the menu; ``invoice_price`` is the cost."""
    tiers = tuple(
        CatalogTier(
            code=str(t.get("code") or ""),
            title=str(t.get("title") or ""),
            price=to_money(t.get("offer") or t.get("msrp") or 0),
            cost=None if not t.get("invoice_price") else to_money(t["invoice_price"]),
            term_months=int(t.get("term") or 0),
            miles=int(t.get("mileage") or 0),
        )
        for t in plan.get("tiers") or ()
    )
    if not tiers:
        raise PricingInputError("plans", f"{plan.get('title', 'a plan')} has no tier to sell.")
    return CatalogProduct(
        code=str(plan.get("code") or plan.get("id")),
        title=str(plan.get("title") or ""),
        category=str(plan.get("category") or ""),
        provider=str(plan.get("vendor") or ""),
        taxable=bool(plan.get("taxable")),
        residualize=bool(plan.get("residualize")),
        deal_types=frozenset(plan.get("deal_types") or DEAL_TYPES),
        tiers=tiers,
        default_tier=int(plan.get("default_tier_index") or 0),
    )


@dataclass(frozen=True, slots=True)
class PackageItem:
    """A product in a package, at a tier (``""``: the product's default tier)."""

    code: str
    tier: str = ""


@dataclass(frozen=True, slots=True)
class MenuPackage:
    """A named package the manager built for the rooftop."""

    name: str
    items: tuple[PackageItem, ...]

    def products(self, catalog: Iterable[CatalogProduct], deal_type: str) -> tuple[DeskProduct, ...]:
        """The package's products this deal type can carry, priced from ``catalog`` (missing ones left out)."""
        by_code = {p.code: p for p in catalog}
        found = []
        for item in self.items:
            product = by_code.get(item.code)
            if product is not None and deal_type in product.deal_types:
                found.append(product.product(item.tier or None))
        return tuple(found)

    def to_json(self) -> dict[str, Any]:
        """What the rooftop's menu store keeps."""
        return {"name": self.name, "items": [{"code": i.code, "tier": i.tier} for i in self.items]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MenuPackage:
        """The inverse of :meth:`to_json`."""
        items = tuple(PackageItem(str(i["code"]), str(i.get("tier") or "")) for i in data.get("items") or ())
        return cls(str(data["name"]), items)


def default_packages(catalog: Iterable[CatalogProduct]) -> tuple[MenuPackage, ...]:
    """Four packages from the catalog, in the dealer's ranking order: everything at the best tier (Platinum),
    the first four at the middle tier (Gold), the first two at the first tier (Silver), the first alone (Basic).
    """
    products = list(catalog)

    def items(count: int, pick: str) -> tuple[PackageItem, ...]:
        chosen = []
        for p in products[:count]:
            index = {"best": len(p.tiers) - 1, "middle": len(p.tiers) // 2, "first": 0}[pick]
            chosen.append(PackageItem(p.code, p.tiers[index].code))
        return tuple(chosen)

    shapes = ((len(products), "best"), (4, "middle"), (2, "first"), (1, "first"))
    return tuple(
        MenuPackage(name, items(count, pick)) for name, (count, pick) in zip(PACKAGE_NAMES, shapes, strict=True)
    )


@dataclass(frozen=True, slots=True)
class PackageQuote:
    """One package on one deal type.

    Attributes:
        package: the package.
        products: its products this deal type carries, with their prices.
        monthly: the deal's payment with them (due at signing on a cash deal).
        per_month: the difference against no products.
        per_day: ``per_month`` x 12 / 365, to the cent: "less than a coffee a day".
        profit: the products' price less cost (manager view).
    """

    package: MenuPackage
    products: tuple[DeskProduct, ...]
    monthly: Decimal
    per_month: Decimal
    per_day: Decimal
    profit: Decimal


@dataclass(frozen=True, slots=True)
class MenuQuote:
    """The menu for one deal type: the payment without products, and each package's."""

    deal_type: DealType
    baseline: Decimal
    packages: tuple[PackageQuote, ...]


def per_day(per_month: Decimal) -> Decimal:
    """A monthly difference as a daily one: x 12 / 365, rounded half-up to the cent."""
    return round_cents(per_month * _MONTHS_PER_YEAR / _DAYS_PER_YEAR)


def _headline(structure: DealStructure, ctx: DeskContext, deal_type: DealType) -> Decimal:
    deal = price_type(structure, ctx, deal_type)
    return deal.due_at_signing if isinstance(deal, CashDeal) else deal.monthly_payment


def price_menu(
    structure: DealStructure,
    ctx: DeskContext,
    packages: Iterable[MenuPackage],
    catalog: Iterable[CatalogProduct],
    deal_types: Iterable[DealType] = ("finance", "lease"),
) -> dict[DealType, MenuQuote | PricingInputError]:
    """Every package priced on every deal type; a deal type that cannot be priced carries its error."""
    catalog = tuple(catalog)
    packages = tuple(packages)
    bare = replace(structure, products=())
    result: dict[DealType, MenuQuote | PricingInputError] = {}
    for deal_type in deal_types:
        try:
            baseline = _headline(bare, ctx, deal_type)
            quotes = []
            for package in packages:
                products = package.products(catalog, deal_type)
                amount = _headline(replace(bare, products=products), ctx, deal_type)
                difference = amount - baseline
                profit = sum((p.profit for p in products), ZERO)
                quotes.append(PackageQuote(package, products, amount, difference, per_day(difference), profit))
            result[deal_type] = MenuQuote(deal_type, baseline, tuple(quotes))
        except PricingInputError as exc:
            result[deal_type] = exc
    return result


def choose(
    structure: DealStructure,
    package: MenuPackage | None,
    catalog: Iterable[CatalogProduct],
    deal_type: DealType,
    presented: Iterable[MenuPackage] = (),
) -> DealStructure:
    """The deal with ``package``'s products (none for ``None``) and every other product the menu presented declined,
    at the tier the customer saw it (the last package showing it: the richest, as packages go up the menu).

    The customer signs the declined list: it names what the menu showed, not the catalog's default tier of it
    (walked at the desk: "Appearance Protection — 5 years" was declined where the menu offered 7 years only), and
    not a product no package showed. With no packages presented every product offered is declined.
    """
    catalog = tuple(catalog)
    shown = {p.code: p for menu_package in presented for p in menu_package.products(catalog, deal_type)}
    if shown:
        offered = tuple(shown[p.code] for p in catalog if p.code in shown)
    else:
        offered = tuple(p.product() for p in catalog if deal_type in p.deal_types)
    chosen = () if package is None else package.products(catalog, deal_type)
    return replace(structure, deal_type=deal_type).choose_products(chosen, offered)
