"""A Mazda deal on the demo programs, desked the way the finance manager's screen does."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.domain.deal import DealerConfig
from desktop.domain.desking import DealStructure, DeskContext, DeskProduct, DeskVehicle
from desktop.domain.desking.menu import CatalogProduct, CatalogTier
from desktop.domain.programs import default_programs

D = Decimal
TODAY = date(2026, 5, 15)
DEALER = DealerConfig.from_api(
    {
        "fees": {"doc_fee": 85, "filing_fee": 30, "license_fee": 120.25, "lease_acquisition_fee": 650},
        "markups": [
            {
                "make": "All",
                "finance": {"new": {"global": {"standard": 2, "special": None}}, "used": {}},
                "lease": {"new": {"global": {"standard": 0.0004, "special": None}}},
            }
        ],
    }
)
VEHICLE = DeskVehicle("JM3KFBCM1R0000001", 2026, "Mazda", "CX-5", D(32_000), trim="Touring", cost=D(29_500))
GAP = DeskProduct("GAP", "GAP Protection — Standard", D(895), D(300), False, False, frozenset({"finance", "lease"}))
VSC = DeskProduct("VSC", "Service Contract — 6 years/75K", D(1915), D(1100), True, True)


def catalog() -> tuple[CatalogProduct, ...]:
    """Four products the way the sandbox's catalog shapes them, GAP not sold on cash."""
    every = frozenset({"cash", "finance", "lease"})
    return (
        CatalogProduct(
            "VSC",
            "Service Contract",
            "Vehicle Service Contract",
            "Mazda",
            True,
            True,
            every,
            (
                CatalogTier("VSC36", "3 years/36K", D(1200), D(700), 36, 36_000),
                CatalogTier("VSC60", "5 years/60K", D(1650), D(950), 60, 60_000),
                CatalogTier("VSC75", "6 years/75K", D(1915), D(1100), 72, 75_000),
            ),
        ),
        CatalogProduct(
            "GAP",
            "GAP Protection",
            "GAP",
            "Ally",
            False,
            False,
            frozenset({"finance", "lease"}),
            (CatalogTier("GAP125", "Standard", D(895), D(300)),),
        ),
        CatalogProduct(
            "TW",
            "Tire & Wheel",
            "Tire & Wheel",
            "RHG",
            True,
            False,
            every,
            (CatalogTier("TW3", "3 years", D(699), D(260)),),
        ),
        CatalogProduct(
            "KEY",
            "Key Replacement",
            "Key",
            "KeyCare",
            False,
            False,
            every,
            (CatalogTier("KEY1", "One key", D(399), D(120)),),
        ),
    )


@pytest.fixture
def ctx() -> DeskContext:
    return DeskContext(DEALER, default_programs("Mazda", TODAY), TODAY)


@pytest.fixture
def structure() -> DealStructure:
    return DealStructure(vehicle=VEHICLE, selling_price=D(31_000), credit_score=700, zip_code="94113")
