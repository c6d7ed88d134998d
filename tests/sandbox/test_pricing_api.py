"""Deal pricing and the F&I catalog: the client against the sandbox over real HTTP, and the local engine."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

import httpx
import pytest

from desktop.api import errors
from desktop.api.roadster import pricing as api
from desktop.api.roadster.client import RoadsterClient
from desktop.api.roadster.schema import ProtectionPlan
from desktop.domain.deal import DealerConfig, Product
from desktop.domain.deal_request import parse_pricing_request, product_for
from desktop.domain.pricing import price_all
from desktop.domain.programs import default_programs
from desktop.sandbox.server import SandboxServer

VALID_VIN_ELSEWHERE = "1HGCM82633A004352"  # valid check digit, in nobody's inventory
CATEGORIES = {"Vehicle Service Contract", "GAP", "Tire & Wheel", "Maintenance", "Key Replacement", "Appearance"}


@pytest.fixture(scope="module")
def client(sandbox: SandboxServer) -> Iterator[RoadsterClient]:
    from tests.conftest import roadster_for

    c = roadster_for(sandbox)
    yield c
    c.close()


@pytest.fixture(scope="module")
def umazda(client: RoadsterClient) -> dict[str, Any]:
    vehicles, _ = client.inventory_page("umazda", size=50, in_stock=True)
    return next(v for v in vehicles if v["make"] == "Mazda")


def request(vin: str, **payment: Any) -> dict[str, Any]:
    return {
        "customer": {"credit_score": 750, "incentives": ["loyalty"], "zip_code": 13224},
        "dealer": {"dpid": "umazda"},
        "vehicle": {"vin": vin},
        "payment": {"deal_type": "finance", "customer_cash": 2000, "term": 60, "annual_mileage": 12000, **payment},
    }


def local_quote(
    client: RoadsterClient, body: dict[str, Any], vehicle: dict[str, Any], catalog: list[ProtectionPlan]
) -> dict[str, Any]:
    config = DealerConfig.from_api(client.dealer("umazda").configuration.model_dump())

    def resolve(index: int, plan: Mapping[str, Any]) -> Product:
        found = next(p for p in catalog if p.id == plan["id"])
        tier = next(t for t in found.tiers if t.code == plan["tier"])
        return product_for(found.model_dump(), tier.model_dump(), plan.get("price"))

    today = date.today()
    inp = parse_pricing_request(body, config, vehicle, today, resolve)
    return price_all(inp, default_programs(inp.make, today)).to_api()["deals"]


class TestPricing:
    def test_quote_has_every_deal_and_programs(self, client: RoadsterClient, umazda: dict[str, Any]) -> None:
        quote = api.quote(client, request(umazda["vin"], term=48))
        assert set(quote.deals) == {"cash", "finance", "lease"}
        finance = quote.deals["finance"]["terms"]
        assert finance["term"] == 48 == quote.deals["lease"]["terms"]["term"]
        assert finance["monthly_payment"] > 0
        assert quote.deals["finance"]["data"]["vehicle"]["msrp"] == umazda["msrp"]
        assert quote.priced("finance").data.vehicle["stock_number"] == umazda["stock_number"]
        assert quote.programs["finance"] and quote.programs["lease"]
        assert all(row["expires_at"].endswith("Z") for row in quote.programs["finance"])
        assert {i["name"] for i in quote.programs["cash"]["incentives"]} >= {"loyalty", "military"}

    def test_server_quote_equals_local_engine(self, client: RoadsterClient, umazda: dict[str, Any]) -> None:
        catalog = api.protection_plans(
            client, "NY204", umazda["vin"], "finance", deal_rate=0.9, deal_term=60, amount_financed=25000
        )
        vsc = next(p for p in catalog if p.category == "Vehicle Service Contract")
        gap = next(p for p in catalog if p.category == "GAP")
        body = request(umazda["vin"], customer_cash=3500)
        body["trade_in"] = {"value": 6000, "payoff": 2500, "ownership": "financed"}
        body["plans"] = [
            {"id": vsc.id, "code": vsc.code, "tier": vsc.tiers[1].code, "price": vsc.tiers[1].offer},
            {"id": gap.id, "code": gap.code, "tier": gap.tiers[0].code, "price": gap.tiers[0].offer},
        ]
        server = api.quote(client, body).deals
        local = local_quote(client, body, umazda, catalog)
        assert {k: d["terms"] for k, d in server.items()} == {k: d["terms"] for k, d in local.items()}
        plans = api.quote(client, body).priced("finance").data.plans
        assert [(p.retail_add_on_id, p.title, p.tier_code) for p in plans] == [
            (vsc.id, "Vehicle Service Contract", vsc.tiers[1].code),
            (gap.id, "GAP", gap.tiers[0].code),
        ]
        assert [p.price for p in plans] == [p["price"] for p in local["finance"]["data"]["plans"]]
        lease_body = {**body, "payment": {**body["payment"], "deal_type": "lease", "term": 36}}
        lease_local = local_quote(client, lease_body, umazda, catalog)
        assert {k: d["terms"] for k, d in api.quote(client, lease_body).deals.items()} == {
            k: d["terms"] for k, d in lease_local.items()
        }

    def test_plan_without_price_takes_the_catalog_price(self, client: RoadsterClient, umazda: dict[str, Any]) -> None:
        catalog = api.protection_plans(client, "NY204", umazda["vin"], "cash")
        tw = next(p for p in catalog if p.category == "Tire & Wheel")
        body = request(umazda["vin"], deal_type="cash")
        body["plans"] = [{"id": tw.id, "tier": tw.tiers[0].code}]
        plans = api.quote(client, body).priced("cash").data.plans
        assert plans[0].price == tw.tiers[0].offer

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"customer": {"credit_score": 250, "zip_code": 13224}}, "customer.credit_score"),
            ({"customer": {"credit_score": 700, "zip_code": "99999"}}, "customer.zip_code"),
            ({"customer": {"credit_score": 700}}, "customer.zip_code"),
            ({"payment": {"deal_type": "finance", "term": 66}}, "payment.term"),
            ({"payment": {"deal_type": "lease", "term": 60}}, "payment.term"),
            ({"payment": {"deal_type": "finance", "customer_cash": -5}}, "payment.customer_cash"),
            ({"payment": {"deal_type": "barter"}}, "payment.deal_type"),
            ({"trade_in": {"value": 1000, "payoff": 500, "ownership": "owned"}}, "trade_in.payoff"),
            ({"plans": [{"id": 1, "tier": "X"}]}, "plans[0].id"),
            ({"vehicle": {"vin": "12345"}}, "vehicle.vin"),
            ({"dealer": {"dpid": "umazda", "partner_id": "NY204"}}, "dealer"),
        ],
    )
    def test_bad_input_names_the_field(
        self, client: RoadsterClient, umazda: dict[str, Any], change: dict[str, Any], field: str
    ) -> None:
        body = {**request(umazda["vin"]), **change}
        with pytest.raises(errors.BadRequest) as caught:
            api.quote(client, body)
        assert caught.value.field == field

    def test_error_body(self, sandbox: SandboxServer, umazda: dict[str, Any]) -> None:
        body = request(umazda["vin"], term=66)
        headers = {"Authorization": f"Bearer {sandbox.config.api_key}"}
        with httpx.Client() as http:
            answer = http.post(sandbox.url + "/v1/pricing", json=body, headers=headers)
        assert answer.status_code == 400
        payload = answer.json()
        assert payload["status"] == "error" and payload["field"] == "payment.term"
        assert "72" in payload["error"] and "choose one of" in payload["error"]

    def test_unknown_plan_tier(self, client: RoadsterClient, umazda: dict[str, Any]) -> None:
        plan = api.protection_plans(client, "NY204", umazda["vin"], "cash")[0]
        body = {**request(umazda["vin"]), "plans": [{"id": plan.id, "tier": "NOPE"}]}
        with pytest.raises(errors.BadRequest) as caught:
            api.quote(client, body)
        assert caught.value.field == "plans[0].tier"

    def test_unknown_dealer_and_vehicle(self, client: RoadsterClient, umazda: dict[str, Any]) -> None:
        with pytest.raises(errors.NotFound):
            api.quote(client, {**request(umazda["vin"]), "dealer": {"dpid": "nosuchdealer"}})
        with pytest.raises(errors.NotFound):
            api.quote(client, request(VALID_VIN_ELSEWHERE))

    def test_unavailable_deal_types_are_reported(self, client: RoadsterClient, umazda: dict[str, Any]) -> None:
        quote = api.quote(client, request(umazda["vin"], term=84))
        assert "lease" not in quote.deals
        assert quote.unavailable["lease"]["field"] == "payment.term"


class TestProtectionPlans:
    def test_catalog_has_six_products_with_tiers(self, client: RoadsterClient, umazda: dict[str, Any]) -> None:
        plans = api.protection_plans(
            client, "NY204", umazda["vin"], "finance", deal_rate=4.5, deal_term=60, amount_financed=30000
        )
        assert {p.category for p in plans} == CATEGORIES
        assert all(p.tiers and all(t.offer > 0 and t.code for t in p.tiers) for p in plans)
        vsc = next(p for p in plans if p.category == "Vehicle Service Contract")
        offers = [t.offer for t in vsc.tiers]
        assert offers == sorted(offers) and len(set(offers)) == len(offers)  # longer coverage costs more

    def test_cash_has_no_gap(self, client: RoadsterClient, umazda: dict[str, Any]) -> None:
        plans = api.protection_plans(client, "NY204", umazda["vin"], "cash")
        assert "GAP" not in {p.category for p in plans}
        assert len(plans) == len(CATEGORIES) - 1

    def test_gap_depends_on_amount_financed_and_term(self, client: RoadsterClient, umazda: dict[str, Any]) -> None:
        def gap(amount: int, term: int) -> float:
            plans = api.protection_plans(
                client, "NY204", umazda["vin"], "finance", deal_rate=4.5, deal_term=term, amount_financed=amount
            )
            return next(p for p in plans if p.category == "GAP").tiers[0].offer

        assert gap(15000, 60) < gap(45000, 60) < gap(45000, 84)

    def test_dealers_price_differently(self, client: RoadsterClient, umazda: dict[str, Any]) -> None:
        vehicles, _ = client.inventory_page("hyundaidemo", size=1)
        mazda = api.protection_plans(client, "NY204", umazda["vin"], "cash")
        hyundai = api.protection_plans(client, "CA317", vehicles[0]["vin"], "cash")
        assert next(p.title for p in hyundai if p.code == "VSC") == "Hyundai Protection Plan"
        assert [t.offer for p in mazda for t in p.tiers] != [t.offer for p in hyundai for t in p.tiers]

    @pytest.mark.parametrize("missing", ["deal_rate", "deal_term", "amount_financed"])
    def test_finance_needs_rate_term_and_amount(
        self, client: RoadsterClient, umazda: dict[str, Any], missing: str
    ) -> None:
        given = {"deal_rate": 4.5, "deal_term": 60, "amount_financed": 20000.0, missing: None}
        with pytest.raises(errors.BadRequest) as caught:
            api.protection_plans(client, "NY204", umazda["vin"], "lease", **given)
        assert caught.value.field == missing

    def test_bad_parameters(self, sandbox: SandboxServer, umazda: dict[str, Any]) -> None:
        headers = {"Authorization": f"Bearer {sandbox.config.api_key}"}
        url = sandbox.url + "/v1/service_protection_plans"
        with httpx.Client(headers=headers) as http:
            no_dealer = http.get(url, params={"vin": umazda["vin"], "deal_type": "cash"})
            bad_type = http.get(url, params={"dealer[partner_id]": "NY204", "vin": umazda["vin"], "deal_type": "x"})
            bad_term = http.get(
                url,
                params={
                    "dealer[partner_id]": "NY204",
                    "vin": umazda["vin"],
                    "deal_type": "finance",
                    "deal_rate": "4",
                    "deal_term": "six",
                    "amount_financed": "1000",
                },
            )
            unknown = http.get(url, params={"dealer[partner_id]": "ZZ999", "vin": umazda["vin"], "deal_type": "cash"})
            no_vehicle = http.get(
                url, params={"dealer[partner_id]": "NY204", "vin": VALID_VIN_ELSEWHERE, "deal_type": "cash"}
            )
        assert (no_dealer.status_code, no_dealer.json()["field"]) == (400, "dealer[partner_id]")
        assert (bad_type.status_code, bad_type.json()["field"]) == (400, "deal_type")
        assert (bad_term.status_code, bad_term.json()["field"]) == (400, "deal_term")
        assert unknown.status_code == 404 and unknown.json() == {"status": "error", "error": "Dealer not found."}
        assert no_vehicle.status_code == 404
