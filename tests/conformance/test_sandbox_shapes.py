"""The sandbox's answers have the reference samples' shapes: field names, types and nesting (issue 15).

The sandbox and the clients were written together; the replay tests hold the clients to the reference, these hold
the sandbox to it. Each request is the reference's sample request with only the dealer, VIN and ids changed to
the sandbox's seeded ones; every field the sample response shows must be in the sandbox's answer with its type.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pypdf
import pytest

from desktop.domain.programs import Incentive
from desktop.sandbox.server import SandboxServer
from tests.binder_helpers import make_customer
from tests.conformance.samples import load, shape_mismatches


def blank_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sample(name: str) -> Any:
    return load("roadster", name).body()


def assert_shaped_like(name: str, answer: Any) -> None:
    problems = shape_mismatches(sample(name), answer)
    assert not problems, f"the sandbox's answer differs from {load('roadster', name).where}: {problems}"


@pytest.fixture(scope="module")
def raw(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {sandbox.config.api_key}"}
    with httpx.Client(base_url=sandbox.url + "/v1", headers=headers, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def vehicle(raw: httpx.Client) -> dict[str, Any]:
    vehicles = raw.get("/inventory", params={"dpid": "umazda", "size": 20, "in_stock": "true"}).json()["vehicles"]
    return dict(next(v for v in vehicles if v.get("msrp")))


def ok(response: httpx.Response) -> Any:
    assert response.is_success, response.text
    return response.json()


def test_dealers(raw: httpx.Client) -> None:
    assert_shaped_like("dealers_list.response", ok(raw.get("/dealers")))
    answer = ok(raw.get("/dealers/umazda"))
    # zip_code is a number in this sample and a string in the list: a string is the reading the code follows.
    answer["zip_code"] = int(answer["zip_code"])
    assert_shaped_like("dealer_detail.response", answer)


def test_link_customer_agent_and_tradein(raw: httpx.Client, vehicle: dict[str, Any], sandbox: SandboxServer) -> None:
    link = sample("links.request")
    link["vehicle"]["vin"] = vehicle["vin"]
    assert_shaped_like("links.response", ok(raw.post("/links", json=link)))
    create = sample("customers_create.request")
    create["vehicle"]["vin"] = vehicle["vin"]
    create["customer"]["email"] = "shape.check@example.com"
    create["plans"] = []
    create["accessories"] = []
    created = ok(raw.post("/customers", json=create))
    assert_shaped_like("customers_create.response", created)
    customer_id = created["customer"]["id"]
    assert_shaped_like(
        "customer_agent.response", ok(raw.put(f"/customers/{customer_id}/agent", json=sample("customer_agent.request")))
    )
    trade = sample("tradein_offer.request")
    trade["email"] = "shape.check@example.com"
    trade["value"] = 9000
    assert_shaped_like("tradein_offer.response", ok(raw.post("/create_tradein_offer", json=trade)))


def test_pricing_answer(raw: httpx.Client, vehicle: dict[str, Any]) -> None:
    request = sample("pricing.request")
    request["vehicle"] = {"vin": vehicle["vin"]}
    request["customer"]["zip_code"] = 13224
    partner_id = ok(raw.get("/dealers/umazda"))["partner_id"]
    params = {"dealer[partner_id]": partner_id, "vin": vehicle["vin"], "deal_type": "lease"}
    params |= {"deal_rate": "3.9", "deal_term": "36", "amount_financed": "21724"}
    offered = ok(raw.get("/service_protection_plans", params=params))["plans"][0]
    request["plans"] = [{"id": offered["id"], "code": offered["code"], "tier": offered["tiers"][-1]["code"]}]
    request["accessories"] = sample("customers_create.request")["accessories"]
    answer = ok(raw.post("/pricing", json=request))
    expected = sample("pricing.response")
    # Named contradiction: the sample's data.accessories is "string", while the same reference sends accessories
    # as an array of objects (create customer, line 126; the webhook's order, line 1025). The code follows the
    # array; so the sample's placeholder is read as an array here.
    for deal in expected["deals"].values():
        deal["data"]["accessories"] = [{"code": "MAX900"}]
        # Named contradiction: interior_color.rgb is 191919 (a number), exterior_color.rgb "E0E2E1" (a string);
        # a hex colour can only be a string, which the code follows.
        deal["data"]["vehicle"]["interior_color"]["rgb"] = "191919"
    for kind in ("cash", "finance", "lease"):
        data = answer["deals"][kind]["data"]
        assert data["plans"][0]["retail_add_on_id"] == offered["id"]
        assert data["trade"]["valuation"]["valuation"]["trade_in_mileage"] == 98000
        assert data["vehicle"]["stock_number"] == vehicle["stock_number"]
        assert answer["deals"][kind]["id"] == answer["deals"]["cash"]["id"]
        problems = shape_mismatches(expected["deals"][kind]["data"], data)
        problems += shape_mismatches(expected["deals"][kind], answer["deals"][kind])
        assert not problems, f"deals.{kind}: {problems}"
    assert not shape_mismatches(expected["programs"]["finance"][0], answer["programs"]["finance"][0])


def test_a_rebate_carries_its_id_program_and_recipient() -> None:
    rebate = sample("pricing.response")["programs"]["finance"][0]["rebates"][0]
    ours = Incentive(
        "Manufacturer Rebate", Decimal(1500), False, date(2021, 3, 31), program_id="X202", recipient="Dealer"
    )
    answer = ours.to_api()
    assert not shape_mismatches(rebate, answer)
    assert (answer["program_id"], answer["recipient"]) == ("X202", "Dealer")
    bonus = Incentive("Military", Decimal(500), False, date(2021, 3, 31), code="military").to_api()
    assert "recipient" not in bonus and "program_id" not in bonus


def test_protection_plans_for_every_deal_type(raw: httpx.Client, vehicle: dict[str, Any]) -> None:
    partner_id = ok(raw.get("/dealers/umazda"))["partner_id"]
    for deal_type in ("cash", "finance", "lease"):
        params = {"dealer[partner_id]": partner_id, "vin": vehicle["vin"], "deal_type": deal_type}
        if deal_type != "cash":
            params |= {"deal_rate": "3.9", "deal_term": "36", "amount_financed": "21724"}
        assert_shaped_like("protection_plans.response", ok(raw.get("/service_protection_plans", params=params)))


def test_documents(raw: httpx.Client, sandbox: SandboxServer) -> None:
    customer = make_customer(sandbox)
    upload = sample("documents_upload.request")
    upload["dealer"] = {"dpid": "hyundaidemo"}
    upload["relationship"] = "self"
    upload["file_name"] = "licence.pdf"
    del upload["co_app_email_id"]
    upload["contents"] = base64.b64encode(blank_pdf()).decode()  # a real PDF: uploads are parsed
    stored = ok(raw.post(f"/customers/{customer}/documents", json=upload))
    assert_shaped_like("documents_upload.response", stored)
    listing = sample("documents_list.request") | {"dealer": {"dpid": "hyundaidemo"}}
    answer = ok(raw.request("GET", f"/customers/{customer}/documents", json=listing))
    assert_shaped_like("documents_list.response", answer)
    assert answer[0]["created_at"].endswith("Z")
    contents = ok(raw.request("GET", f"/customers/{customer}/documents/{stored['document_id']}", json=listing))
    assert_shaped_like("document_contents.response", contents)
    delete = {"dealer": {"dpid": "hyundaidemo"}, "doc_ids": [stored["document_id"]]}
    assert_shaped_like(
        "documents_delete.response", ok(raw.request("DELETE", f"/customers/{customer}/documents", json=delete))
    )


def test_inventory_and_vehicle_info(raw: httpx.Client, vehicle: dict[str, Any]) -> None:
    assert_shaped_like("inventory.response", ok(raw.get("/inventory", params={"dpid": "umazda", "size": 5})))
    partner_id = ok(raw.get("/dealers/umazda"))["partner_id"]
    info = ok(raw.get(f"/vehicles/{vehicle['vin']}", params={"dealer[partner_id]": partner_id}))
    assert_shaped_like("vehicle_info.response", info)


def test_templates(raw: httpx.Client) -> None:
    listed = ok(raw.get("/dealers/hyundaidemo/templates"))
    assert_shaped_like("templates_list.response", listed)
    create = sample("template_create.request")
    create["file_stream"] = "data:application/pdf;charset=utf-8;base64," + base64.b64encode(blank_pdf()).decode()
    assert_shaped_like("template_create.response", ok(raw.post("/dealers/hyundaidemo/templates", json=create)))
    first = listed[0]["id"]
    assert_shaped_like("template_get.response", ok(raw.get(f"/dealers/hyundaidemo/templates/{first}")))
    assert isinstance(ok(raw.get(f"/dealers/hyundaidemo/templates/{first}/file")), str)


@pytest.mark.parametrize(
    ("section", "change", "field"),
    [
        ("trade_in", {"mileage": "lots"}, "trade_in.mileage"),
        ("trade_in", {"is_offer": "yes"}, "trade_in.is_offer"),
        ("vehicle", {"trim_code": 4308}, "vehicle.trim_code"),
        ("vehicle", {"option_codes": "PF5"}, "vehicle.option_codes"),
        ("vehicle", {"interior_color_code": True}, "vehicle.interior_color_code"),
    ],
)
def test_pricing_refuses_a_bad_reference_field_by_name(
    raw: httpx.Client, vehicle: dict[str, Any], section: str, change: dict[str, Any], field: str
) -> None:
    request = sample("pricing.request")
    request["vehicle"]["vin"] = vehicle["vin"]
    request[section].update(change)
    answer = raw.post("/pricing", json=request)
    assert answer.status_code == 400 and answer.json()["field"] == field


def test_pricing_takes_the_samples_codes_and_refuses_a_vehicle_not_in_inventory(
    raw: httpx.Client, vehicle: dict[str, Any]
) -> None:
    request = sample("pricing.request")  # trim_code, colour codes (218 is a number), option_codes, is_offer
    request["vehicle"]["vin"] = vehicle["vin"]
    request["plans"] = []  # plan 6160 is the reference's dealer's, not in a sandbox catalog
    lease = ok(raw.post("/pricing", json=request))["deals"]["lease"]["data"]["vehicle"]
    assert (lease["trim_code"], lease["option_codes"], lease["interior_color"]["id"]) == ("C4308", ["PF5"], "218")
    request["vehicle"]["vin"] = "4T1C11AK0LU322811"  # the reference's own VIN: in no sandbox inventory
    answer = raw.post("/pricing", json=request)
    assert answer.status_code == 404
    assert answer.json() == {"status": "error", "error": "Vehicle not found."}


def test_express_browser_link(raw: httpx.Client, vehicle: dict[str, Any], sandbox: SandboxServer) -> None:
    from urllib.parse import quote

    from desktop.api import mem_token

    fields = {"fname": "Testing", "lname": "Bot", "email": "testing@example.com", "phone": "800-505-1000"}
    token = mem_token.encode_token(fields, sandbox.config.link_key)  # the reference's own example data (line 180)
    answer = raw.get(f"/express/{vehicle['vin']}?mem={token}&dpid={quote('umazda')}")
    assert_shaped_like("express.response", ok(answer))
