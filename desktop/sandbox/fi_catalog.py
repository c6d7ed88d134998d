"""The sandbox's F&I product catalog: six products per dealer, seeded once into SQLite, priced per request.

Prices follow how the vendors price: a service contract by its coverage term and miles (and the brand's
repair costs), GAP by the amount financed and the loan's term (the vendor's exposure), tire & wheel,
maintenance, key replacement and appearance by the tier alone. Each dealer's retail markup over the vendor's
cost is seeded per dealer, so two rooftops quote different prices for the same tier.
"""

from __future__ import annotations

import json
import random
import zlib
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any

from desktop.sandbox.db import SandboxDB

SCHEMA = """
CREATE TABLE IF NOT EXISTS fi_products (
    dpid TEXT NOT NULL,
    id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (dpid, id)
);
"""

# Vendor cost relative to the Mazda/Toyota baseline: brands whose repairs cost more pay more for coverage.
_BRAND_RISK = {"hyundai": "0.95", "kia": "0.95", "ford": "1.10", "honda": "0.95", "toyota": "0.90", "subaru": "1.05"}
_VSC_TIERS = (  # (code, years, miles)
    ("VSC36", 3, 36_000),
    ("VSC60", 5, 60_000),
    ("VSC75", 6, 75_000),
    ("VSC100", 7, 100_000),
    ("VSC120", 10, 100_000),
)
_GAP_TIERS = (("GAP125", "Standard (up to 125% LTV)", Decimal(0)), ("GAP150", "Plus (up to 150% LTV)", Decimal(150)))
# (code, title, category, vendor, taxable, residualize, deal types, tiers: (code, title, months, miles, cost))
_FLAT_PRODUCTS = (
    (
        "TW",
        "Tire & Wheel Protection",
        "Tire & Wheel",
        "Road Hazard Guard",
        True,
        False,
        ("cash", "finance", "lease"),
        (("TW3", "3 years", 36, 0, 260), ("TW5", "5 years", 60, 0, 380), ("TW7", "7 years", 84, 0, 470)),
    ),
    (
        "PPM",
        "Prepaid Maintenance",
        "Maintenance",
        "Dealer Service Department",
        True,
        True,
        ("cash", "finance", "lease"),
        (
            ("PPM2", "2 years / 25K miles, 4 visits", 24, 25_000, 230),
            ("PPM3", "3 years / 36K miles, 6 visits", 36, 36_000, 340),
            ("PPM5", "5 years / 60K miles, 10 visits", 60, 60_000, 540),
        ),
    ),
    (
        "KEY",
        "Key Replacement",
        "Key Replacement",
        "KeyCare",
        False,
        False,
        ("cash", "finance", "lease"),
        (("KEY1", "One key, 5 years", 60, 0, 120), ("KEY2", "Two keys, 5 years", 60, 0, 190)),
    ),
    (
        "APP",
        "Appearance Protection",
        "Appearance",
        "ShieldPro",
        True,
        False,
        ("cash", "finance", "lease"),
        (("APP3", "3 years", 36, 0, 280), ("APP5", "5 years", 60, 0, 410), ("APP7", "7 years", 84, 0, 500)),
    ),
    (  # lease only: it waives the lease-end charges for wear, so only a lease catalog offers it
        "EWU",
        "Excess Wear & Use Protection",
        "Lease-End Protection",
        "LeaseGuard",
        False,
        False,
        ("lease",),
        (("EWU3", "Up to $5,000 of charges", 36, 0, 240), ("EWU5", "Up to $7,500 of charges", 48, 0, 310)),
    ),
)
DEAL_TYPES = ("cash", "finance", "lease")


@dataclass(frozen=True)
class DealTerms:
    """What dynamic prices depend on: the deal's type, term and amount financed (``None`` for cash)."""

    deal_type: str
    term: int | None = None
    amount_financed: Decimal | None = None


def _dollars(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def ensure_schema(db: SandboxDB) -> None:
    db.ensure_tables("fi_catalog", SCHEMA)


def _seed_products(dealer: dict[str, Any]) -> list[dict[str, Any]]:
    """The catalog stored for a dealer: titles, tiers and vendor costs; retail prices come from :func:`price`."""
    dpid = str(dealer["dpid"])
    rng = random.Random(zlib.crc32(dpid.encode()))
    markup = str(Decimal(rng.randrange(160, 221)) / 100)  # retail = cost x 1.60..2.20
    make = str((dealer.get("makes") or ["Dealer"])[0])
    base_id = 6000 + 100 * (zlib.crc32(dpid.encode()) % 90)
    products: list[dict[str, Any]] = [
        {
            "id": base_id + 1,
            "code": "VSC",
            "title": f"{make} Protection Plan",
            "subtitle": f"{make} Financial",
            "category": "Vehicle Service Contract",
            "description": "Mechanical breakdown coverage beyond the factory warranty, with roadside assistance and "
            "rental reimbursement. Term ends at the years or miles shown, whichever comes first.",
            "vendor": f"{make} Financial",
            "taxable": True,
            "residualize": True,
            "deal_types": list(DEAL_TYPES),
            "pricing": "term_miles",
            "risk": _BRAND_RISK.get(make.casefold(), "1.00"),
            "markup": markup,
            "tiers": [
                {"code": code, "title": f"{years} years / {miles // 1000}K miles", "term": years * 12, "mileage": miles}
                for code, years, miles in _VSC_TIERS
            ],
            "default_tier_index": 2,
        },
        {
            "id": base_id + 2,
            "code": "GAP",
            "title": "GAP Protection",
            "subtitle": "Guaranteed Asset Protection",
            "category": "GAP",
            "description": "Pays the difference between the insurer's settlement and the balance owed if the "
            "vehicle is stolen or totalled.",
            "vendor": "Allied Asset Protection",
            "taxable": False,
            "residualize": False,
            "deal_types": ["finance", "lease"],
            "pricing": "amount_financed",
            "markup": markup,
            "tiers": [
                {"code": code, "title": title, "term": 0, "mileage": 0, "extra": str(extra)}
                for code, title, extra in _GAP_TIERS
            ],
            "default_tier_index": 0,
        },
    ]
    for offset, (code, title, category, vendor, taxable, residualize, deal_types, tiers) in enumerate(_FLAT_PRODUCTS):
        products.append(
            {
                "id": base_id + 3 + offset,
                "code": code,
                "title": title,
                "subtitle": vendor,
                "category": category,
                "description": f"{title} from {vendor}.",
                "vendor": vendor,
                "taxable": taxable,
                "residualize": residualize,
                "deal_types": list(deal_types),
                "pricing": "flat",
                "markup": markup,
                "tiers": [
                    {"code": t_code, "title": t_title, "term": months, "mileage": miles, "cost": str(cost)}
                    for t_code, t_title, months, miles, cost in tiers
                ],
                "default_tier_index": min(1, len(tiers) - 1),
            }
        )
    return products


def stored_products(db: SandboxDB, dealer: dict[str, Any]) -> list[dict[str, Any]]:
    """The dealer's catalog, seeded on first use (so an edited catalog would survive restarts)."""
    ensure_schema(db)
    dpid = str(dealer["dpid"])
    rows = db.connect().execute("SELECT body FROM fi_products WHERE dpid = ? ORDER BY position", (dpid,)).fetchall()
    if rows:
        return [json.loads(r[0]) for r in rows]
    products = _seed_products(dealer)
    with db.write() as conn:
        conn.executemany(
            "INSERT OR IGNORE INTO fi_products (dpid, id, position, body) VALUES (?, ?, ?, ?)",
            [(dpid, p["id"], i, json.dumps(p)) for i, p in enumerate(products)],
        )
    return products


def tier_cost(product: dict[str, Any], tier: dict[str, Any], terms: DealTerms) -> Decimal:
    """The vendor's cost of one tier for this deal."""
    kind = product["pricing"]
    if kind == "term_miles":
        months, miles = Decimal(tier["term"]), Decimal(tier["mileage"])
        return _dollars((Decimal(180) + months * Decimal("7.5") + miles * Decimal("0.0042")) * Decimal(product["risk"]))
    if kind == "amount_financed":
        financed = terms.amount_financed or Decimal(0)
        term = terms.term or 60
        # Vendors rate GAP by the balance at risk, in 5,000 bands, and by how long it stays at risk.
        band = (financed / 5000).to_integral_value(rounding=ROUND_CEILING)
        term_load = Decimal(0) if term <= 60 else Decimal(40) if term <= 72 else Decimal(80)
        return Decimal(210) + band * Decimal(18) + term_load + Decimal(tier["extra"])
    return Decimal(tier["cost"])


def price(product: dict[str, Any], tier: dict[str, Any], terms: DealTerms) -> tuple[Decimal, Decimal]:
    """(retail, vendor cost) of one tier for this deal; retail is the dealer's markup over cost, in dollars."""
    cost = tier_cost(product, tier, terms)
    retail = _dollars(cost * Decimal(product["markup"]))
    return retail, cost


def offered(product: dict[str, Any], terms: DealTerms) -> bool:
    return terms.deal_type in product["deal_types"]


def to_api(dpid: str, product: dict[str, Any], terms: DealTerms, rank: int) -> dict[str, Any]:
    """The reference's ``plans[]`` entry with this deal's prices."""
    tiers = []
    for tier in product["tiers"]:
        retail, cost = price(product, tier, terms)
        tiers.append(
            {
                "title": tier["title"],
                "msrp": float(retail),
                "invoice_price": float(cost),
                "offer": float(retail),
                "code": tier["code"],
                "state": "live",
                "term": tier["term"],
                "mileage": tier["mileage"],
            }
        )
    return {
        "grades": ["new"],
        "dpid": dpid,
        "title": product["title"],
        "subtitle": product["subtitle"],
        "category": product["category"],
        "description": product["description"],
        "taxable": product["taxable"],
        "residualize": product["residualize"],
        "vendor": product["vendor"],
        "deal_types": product["deal_types"],
        "msrp": 0,
        "invoice_price": 0,
        "offer": 0,
        "cash_feature_rank": rank,
        "tiers": tiers,
        "backend_profit": True,
        "default_tier_index": product["default_tier_index"],
        "id": product["id"],
        "code": product["code"],
        "tier_is_selectable": True,
        "price_is_offline": product["pricing"] != "amount_financed",
    }
