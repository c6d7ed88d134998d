"""The pricing request's reference fields priced end to end over real HTTP: the trade-in's mileage and
``is_offer``, the vehicle's codes, a seeded rebate, and the lease deal's own plan catalog (issue 15)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from desktop.api.roadster import pricing as api
from desktop.api.roadster.client import RoadsterClient
from desktop.sandbox.server import SandboxServer


@pytest.fixture(scope="module")
def client(sandbox: SandboxServer) -> Iterator[RoadsterClient]:
    from tests.conftest import roadster_for

    c = roadster_for(sandbox)
    yield c
    c.close()


def find(client: RoadsterClient, dpid: str, wanted: Any) -> dict[str, Any]:
    """The first in-stock vehicle of ``dpid`` for which ``wanted(vehicle)`` holds."""
    vehicles, _ = client.inventory_page(dpid, size=300, in_stock=True)
    return next(v for v in vehicles if wanted(v))


@pytest.fixture(scope="module")
def mazda(client: RoadsterClient) -> dict[str, Any]:
    return find(client, "umazda", lambda v: v["make"] == "Mazda" and v["exterior_color"]["msrp"] == 0)


def request(vin: str, dpid: str = "umazda", deal_type: str = "cash", **sections: Any) -> dict[str, Any]:
    return {
        "customer": {"credit_score": 750, "incentives": [], "zip_code": 13224},
        "dealer": {"dpid": dpid},
        "vehicle": {"vin": vin},
        "payment": {"deal_type": deal_type, "customer_cash": 2000, "term": 36, "annual_mileage": 12000},
        **sections,
    }


TRADE: dict[str, Any] = {"value": 5000, "payoff": 0, "ownership": "owned", "mileage": 98000}


class TestTradeIn:
    def priced(self, client: RoadsterClient, vin: str, trade: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        cash = api.quote(client, request(vin, trade_in=trade)).deals["cash"]
        return cash["terms"], cash["data"]["trade"]["valuation"]["valuation"]

    def test_an_offer_is_priced_as_given(self, client: RoadsterClient, mazda: dict[str, Any]) -> None:
        terms, valuation = self.priced(client, mazda["vin"], TRADE | {"is_offer": True})
        assert terms["trade_equity"] == 5000.0
        assert valuation["trade_in_value"] == 5000 and valuation["trade_in_is_offer"] is True
        assert "trade_in_estimate" not in valuation and valuation["trade_in_mileage"] == 98000

    def test_an_estimate_is_appraised_for_mileage_to_the_cent(
        self, client: RoadsterClient, mazda: dict[str, Any]
    ) -> None:
        # 98,000 miles on a trade of unknown year: 26,000 over the 72,000 average, 2,600 bounded to 1,250
        terms, valuation = self.priced(client, mazda["vin"], TRADE)
        assert terms["trade_equity"] == 3750.0
        assert (valuation["trade_in_value"], valuation["trade_in_estimate"]) == (3750, 5000)
        # a three-year-old trade at 30,123 miles: 5,877 under the 36,000 average, +587.70
        year = date.today().year - 3
        terms, valuation = self.priced(
            client, mazda["vin"], TRADE | {"mileage": 30123, "year": year, "is_offer": False}
        )
        assert terms["trade_equity"] == 5587.7 and valuation["trade_in_value"] == 5587.7


class TestVehicleCodes:
    def test_known_codes_are_priced_into_the_answer(self, client: RoadsterClient, mazda: dict[str, Any]) -> None:
        vehicle = {"vin": mazda["vin"], "exterior_color_code": "46V", "option_codes": ["RBS", "PF5"]}
        plain = api.quote(client, request(mazda["vin"], deal_type="lease"))
        coded = api.quote(client, request(mazda["vin"], deal_type="lease", vehicle=vehicle))
        data = coded.deals["lease"]["data"]["vehicle"]
        before = plain.deals["lease"]["data"]["vehicle"]
        assert data["msrp"] == mazda["msrp"] + 595 + 125
        assert data["invoice"] == mazda["invoice"] + 548 + 100
        assert data["prices"]["colors"] == before["prices"]["colors"] + 595
        assert data["prices"]["options"] == before["prices"]["options"] + 125
        assert data["premium_colors"] == [
            {
                "code": "46V",
                "name": "Soul Red Crystal Metallic",
                "msrp": 595.0,
                "residual": 595.0,
                "invoice_price": 548.0,
                "kind": "exterior_color",
                "rgb": "9B1B1E",
            }
        ]
        assert data["options"][-1] == {
            "code": "RBS",
            "name": "Rear Bumper Step Guard",
            "msrp": 125.0,
            "residual": 125.0,
            "invoice_price": 100.0,
        }
        assert data["exterior_color"]["label"] == "Soul Red Crystal Metallic"
        assert data["option_codes"] == ["RBS", "PF5"] and data["unpriced_codes"] == ["PF5"]
        lease, base = coded.deals["lease"]["terms"], plain.deals["lease"]["terms"]
        assert lease["residual_msrp"] == base["residual_msrp"] + 720
        percent = Decimal(lease["base_residual_percent"] + lease["residual_adjustment"])
        expected = (Decimal(str(lease["residual_msrp"])) * percent / 100).quantize(Decimal(1), ROUND_HALF_UP)
        assert lease["residual_value"] == float(expected) > base["residual_value"]

    def test_a_known_trim_code_of_another_trim_is_refused(self, client: RoadsterClient, mazda: dict[str, Any]) -> None:
        from desktop.api.errors import BadRequest

        other = "S25X" if mazda["trim"] != "2.5 S Premium" else "S25P"
        with pytest.raises(BadRequest) as caught:
            api.quote(client, request(mazda["vin"], vehicle={"vin": mazda["vin"], "trim_code": other}))
        assert caught.value.field == "vehicle.trim_code"


class TestRebate:
    def test_the_tucson_rebate_reaches_the_clients_models_and_the_deal(self, client: RoadsterClient) -> None:
        tucson = find(client, "hyundaidemo", lambda v: v["model"] == "Tucson")
        other = find(client, "hyundaidemo", lambda v: v["model"] != "Tucson")
        quote = api.quote(client, request(tucson["vin"], dpid="hyundaidemo"))
        (rebate,) = quote.rebates()
        assert (rebate.program_id, rebate.recipient, rebate.cash) == ("H24-TUC-CC-Q", "Customer", 1000)
        assert rebate.id > 0 and rebate.name == "Tucson Customer Cash"
        assert quote.programs["cash"]["rebate"] == 1000
        assert quote.deals["cash"]["terms"]["rebate"] == 1000.0
        assert quote.deals["cash"]["terms"]["nontaxable_rebate"] == 1000.0
        assert api.quote(client, request(other["vin"], dpid="hyundaidemo")).rebates() == []


class TestLeaseCatalog:
    def test_a_lease_deal_gets_the_lease_catalog(self, client: RoadsterClient, mazda: dict[str, Any]) -> None:
        terms = {"deal_rate": 7.44, "deal_term": 36, "amount_financed": 30000}
        lease = api.protection_plans(client, "NY204", mazda["vin"], "lease", **terms)
        finance = api.protection_plans(client, "NY204", mazda["vin"], "finance", **terms)
        assert "Lease-End Protection" in {p.category for p in lease}
        assert "Lease-End Protection" not in {p.category for p in finance}
        assert all("lease" in p.deal_types for p in lease)


@pytest.mark.parametrize("dealer", [{"dpid": "umazda", "partner_id": "NY204"}, {}])
def test_the_dealer_is_named_by_exactly_one_of_dpid_and_partner_id(
    client: RoadsterClient, mazda: dict[str, Any], dealer: dict[str, Any]
) -> None:
    from desktop.api.errors import BadRequest

    body = request(mazda["vin"])
    body["dealer"] = dealer
    with pytest.raises(BadRequest) as caught:
        api.quote(client, body)
    assert caught.value.field == "dealer"
    by_partner = request(mazda["vin"]) | {"dealer": {"partner_id": "NY204"}}
    assert api.quote(client, by_partner).deals["cash"]["terms"]["msrp"] == mazda["msrp"]
