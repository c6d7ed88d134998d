"""Where the reference's pricing sample contradicts itself: each contradiction named, with the reading the code follows.

Each test first proves the contradiction from the sample itself (so it fails if the fixture changes), then holds
the sandbox's answer to the reading chosen.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from desktop.api.roadster import pricing as api
from desktop.api.roadster.client import RoadsterClient
from desktop.sandbox.server import SandboxServer
from tests.conformance.samples import load


@pytest.fixture(scope="module")
def sample() -> Any:
    return load("roadster", "pricing.response").body()


@pytest.fixture(scope="module")
def quote(sandbox: SandboxServer) -> Iterator[Any]:
    from tests.conftest import roadster_for

    client: RoadsterClient = roadster_for(sandbox)
    vehicle = next(v for v in client.inventory_page("umazda", size=20)[0] if v.get("msrp"))
    request = load("roadster", "pricing.request").body()
    request["vehicle"] = {"vin": vehicle["vin"]}
    request["customer"]["zip_code"] = 13224
    request["plans"] = []
    yield api.quote(client, request)
    client.close()


def test_fee_total_is_the_sum_of_every_fee(sample: Any, quote: Any) -> None:
    terms = sample["deals"]["cash"]["terms"]
    fees = terms["fees"]
    # The sample's fees add up to 270.25, but its total_fees is 235.25: doc + filing + license only, leaving out
    # acquisition (10), handling (20) and tire (5) with no rule saying why (lines 285-297).
    assert sum(Decimal(str(v)) for v in fees.values()) == Decimal("270.25")
    assert Decimal(str(terms["total_fees"])) == Decimal("235.25") == Decimal("85") + Decimal("30") + Decimal("120.25")
    # Reading followed: total_fees is every fee charged on the deal (the lease states its fees by when they are due).
    for kind in ("cash", "finance"):
        ours = quote.deals[kind]["terms"]
        assert Decimal(str(ours["total_fees"])) == sum(Decimal(str(v)) for v in ours["fees"].values()), kind


def test_residual_value_follows_the_residual_percent(sample: Any, quote: Any) -> None:
    terms = sample["deals"]["lease"]["terms"]
    # The sample's residual 15,467 is 63 % of its residual MSRP 24,550, while base_residual_percent is 61 with a
    # residual_adjustment of 0 (lines 603-605, 613): the percent and the value disagree by two points.
    assert round(Decimal(terms["residual_value"]) / Decimal(terms["residual_msrp"]) * 100) == 63
    assert terms["base_residual_percent"] + terms["residual_adjustment"] == 61
    # Reading followed: residual value = residual MSRP x (base percent + adjustment), rounded to the dollar.
    ours = quote.deals["lease"]["terms"]
    percent = Decimal(str(ours["base_residual_percent"])) + Decimal(str(ours["residual_adjustment"]))
    expected = (Decimal(str(ours["residual_msrp"])) * percent / 100).quantize(Decimal(1), ROUND_HALF_UP)
    assert Decimal(str(ours["residual_value"])) == expected


def test_normalized_add_on_price_is_a_thousand_with_the_combined_tax(sample: Any, quote: Any) -> None:
    terms = sample["deals"]["cash"]["terms"]
    # The sample's normalized taxable add-on price is 1,081 for 1,000 of add-ons at a combined rate of 8 % (1,080),
    # and its three rates (0.05 + 0.01 + 0.01) do not add up to that combined 0.08 (lines 272-277).
    assert terms["normalized_taxable_add_on_price"] == 1081
    assert Decimal("1000") * (1 + Decimal(str(terms["combined_tax_rate"]))) == Decimal("1080.00")
    assert Decimal("0.05") + Decimal("0.01") + Decimal("0.01") != Decimal(str(terms["combined_tax_rate"]))
    # Reading followed: 1,000 x (1 + combined rate), to the cent; the non-taxable one is 1,000.
    ours = quote.deals["cash"]["terms"]
    rate = Decimal(str(ours["combined_tax_rate"]))
    assert Decimal(str(ours["normalized_taxable_add_on_price"])) == (1000 * (1 + rate)).quantize(Decimal("0.01"))
    assert ours["normalized_nontaxable_add_on_price"] == 1000


def test_program_units_and_labels(sample: Any, quote: Any) -> None:
    programs = sample["programs"]
    # programs.cash says "deal_type": "finance" (line 796); the code labels the cash programs "cash".
    assert programs["cash"]["deal_type"] == "finance"
    assert quote.programs["cash"]["deal_type"] == "cash"
    # The lease program's money_factor is 3.1 (line 849) where the deal's is 0.0031 (line 601): the program states
    # it in thousandths. The code follows the program's unit for programs and the deal's for deals.
    assert programs["lease"][0]["money_factor"] == 3.1 and sample["deals"]["lease"]["terms"]["money_factor"] == 0.0031
    ours = quote.programs["lease"][0]["money_factor"]
    assert ours >= 0.1, "programs state the money factor in thousandths, as the sample's 3.1"
    assert quote.deals["lease"]["terms"]["money_factor"] < 0.01
