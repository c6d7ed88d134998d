"""The sandbox's dealer group: fixed identities (the reference's example dealers first) and seeded pricing
choices (markups, price unlock mode)."""

from __future__ import annotations

import random
from typing import Any, NamedTuple

_FINANCE_NEW_MARKUPS = (1.0, 1.5, 2.0)
_FINANCE_USED_MARKUPS = (1.5, 2.0, 2.5)
_LEASE_MARKUPS = (0.0002, 0.0003, 0.0004)
_UNLOCK_MODES = ("lock", "unlock", "soft_lock")


class DealerSpec(NamedTuple):
    name: str
    dpid: str
    address: str
    city: str
    state: str
    zip_code: str
    phone: str
    status: str
    partner_id: str
    makes: tuple[str, ...]
    fees: dict[str, float]
    make_markups: tuple[str, ...]


# The first three are the dealers the partner documentation uses in its examples; the rest spread the group
# over states whose fee rules differ (CA and NY cap the doc fee, GA does not, IL indexes its cap every year).
DEALER_SPECS = (
    DealerSpec(
        name="Hyundai Demo",
        dpid="hyundaidemo",
        address="5300 Wible Rd",
        city="Bakersfield",
        state="CA",
        zip_code="93313",
        phone="310-949-1234",
        status="Demo",
        partner_id="CA317",
        makes=("Hyundai",),
        fees={
            "doc_fee": 85,
            "filing_fee": 30,
            "handling_fee": 0,
            "lease_acquisition_fee": 200,
            "tire_fee": 8.75,
        },
        make_markups=(),
    ),
    DealerSpec(
        name="University Mazda Subaru",
        dpid="umazda",
        address="2850 Erie Blvd E",
        city="Syracuse",
        state="NY",
        zip_code="13224",
        phone="315-555-0148",
        status="live",
        partner_id="NY204",
        makes=("Mazda", "Subaru"),
        fees={
            "doc_fee": 175,
            "filing_fee": 50,
            "handling_fee": 0,
            "lease_acquisition_fee": 650,
            "inspection_fee": 21,
        },
        make_markups=("Subaru",),
    ),
    DealerSpec(
        name="Bellevue Toyota",
        dpid="toyotademo",
        address="13555 NE Bel-Red Rd",
        city="Bellevue",
        state="WA",
        zip_code="98005",
        phone="425-555-0162",
        status="Demo",
        partner_id="WA233",
        makes=("Toyota",),
        fees={"doc_fee": 200, "filing_fee": 68, "handling_fee": 0, "lease_acquisition_fee": 650},
        make_markups=(),
    ),
    DealerSpec(
        name="Lone Star Honda",
        dpid="lonestarhonda",
        address="9800 N Lamar Blvd",
        city="Austin",
        state="TX",
        zip_code="78753",
        phone="512-555-0127",
        status="live",
        partner_id="TX118",
        makes=("Honda",),
        fees={
            "doc_fee": 225,
            "filing_fee": 33,
            "handling_fee": 150,
            "lease_acquisition_fee": 595,
            "inspection_fee": 7.5,
        },
        make_markups=(),
    ),
    DealerSpec(
        name="Prairie Ford",
        dpid="prairieford",
        address="1507 W Ogden Ave",
        city="Naperville",
        state="IL",
        zip_code="60540",
        phone="630-555-0183",
        status="live",
        partner_id="IL452",
        makes=("Ford",),
        fees={"doc_fee": 377.92, "filing_fee": 165, "handling_fee": 0, "lease_acquisition_fee": 645},
        make_markups=("Ford",),
    ),
    DealerSpec(
        name="Gwinnett Kia",
        dpid="gwinnettkia",
        address="3400 Satellite Blvd",
        city="Duluth",
        state="GA",
        zip_code="30096",
        phone="770-555-0139",
        status="live",
        partner_id="GA391",
        makes=("Kia",),
        fees={"doc_fee": 799, "filing_fee": 18, "handling_fee": 299, "lease_acquisition_fee": 650},
        make_markups=(),
    ),
)


def _rate(standard: float, special: float | None = None) -> dict[str, dict[str, float | None]]:
    return {"global": {"standard": standard, "special": special}}


def _markups(spec: DealerSpec, rng: random.Random) -> list[dict[str, Any]]:
    if spec.dpid == "hyundaidemo":
        # Exactly the reference's example, so the docs and the sandbox agree figure for figure.
        return [
            {
                "make": "All",
                "finance": {"new": _rate(1), "used": {}},
                "lease": {"new": _rate(0.0004), "used": {}},
            }
        ]
    markups: list[dict[str, Any]] = [
        {
            "make": "All",
            "finance": {
                "new": _rate(rng.choice(_FINANCE_NEW_MARKUPS)),
                "used": _rate(rng.choice(_FINANCE_USED_MARKUPS)),
            },
            "lease": {"new": _rate(rng.choice(_LEASE_MARKUPS)), "used": {}},
        }
    ]
    # Captive lenders cap the markup on subvented (special) rates; a make entry overrides "All" for its brand.
    markups.extend(
        {
            "make": make,
            "finance": {"new": _rate(rng.choice(_FINANCE_NEW_MARKUPS), 0.5), "used": {}},
            "lease": {"new": _rate(rng.choice(_LEASE_MARKUPS), 0.0001), "used": {}},
        }
        for make in spec.make_markups
    )
    return markups


def generate_dealers(seed: int) -> list[dict[str, Any]]:
    """The sandbox's dealer group, in the order the dealer list endpoint returns it.

    Identity (names, dpids, addresses, partner ids, makes, fees) never changes, so a dpid in a saved setting
    keeps meaning the same store; only the desk's pricing choices (markups, price unlock mode) follow the
    seed, which is enough for tests to tell two seeds apart. ``hyundaidemo`` is the reference's example dealer
    verbatim.

    Args:
        seed: Any integer; the same seed always yields an equal list of fresh dicts.

    Returns:
        One dict per dealer in the shape of the partner API's dealer detail, plus ``makes`` (main make first).
    """
    rng = random.Random(seed)
    dealers: list[dict[str, Any]] = []
    for spec in DEALER_SPECS:
        unlock_mode = "lock" if spec.dpid == "hyundaidemo" else rng.choice(_UNLOCK_MODES)
        dealers.append(
            {
                "name": spec.name,
                "dpid": spec.dpid,
                "address": spec.address,
                "city": spec.city,
                "state": spec.state,
                "zip_code": spec.zip_code,
                "phone": spec.phone,
                "status": spec.status,
                "partner_id": spec.partner_id,
                "makes": list(spec.makes),
                "configuration": {
                    "price_unlock_mode": unlock_mode,
                    "fees": dict(spec.fees),
                    "markups": _markups(spec, rng),
                },
            }
        )
    return dealers
