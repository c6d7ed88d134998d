"""The real Roadster client against the reference's own samples (issue 15).

Each test calls one endpoint of :mod:`desktop.api.roadster` on the replay server, which answers with the
reference's sample response; the client must parse it into its models with the sample's values, and the request
it built must have the reference sample request's field names, types and nesting.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest

from desktop.api import errors
from desktop.api.roadster import customers, documents, paths, pricing, templates
from desktop.api.roadster.client import RoadsterClient
from desktop.api.roadster.schema import (
    CustomerRequest,
    DealerRef,
    TradeInRequest,
    VehicleRequest,
)
from tests.conformance.replay import ROOT, ReplayServer
from tests.conformance.samples import load, shape_mismatches

pytestmark = pytest.mark.usefixtures("replay")


def sample(name: str) -> Any:
    return load("roadster", name).body()


def assert_request_like(name: str, sent: Any) -> None:
    """``sent`` has every field of the reference's sample request, with its type and nesting, and no other."""
    problems = shape_mismatches(sample(name), sent, extra_ok=False)
    assert not problems, f"request differs from {load('roadster', name).where}: {problems}"


def test_dealers_list_is_a_bare_array(replayed: RoadsterClient) -> None:
    dealers = replayed.dealers()
    assert [(d.dpid, d.zip_code, d.partner_id, d.status) for d in dealers] == [
        ("hyundaidemo", "94103", "12345", "live")
    ]


def test_dealer_detail_with_numeric_zip_and_markups(replayed: RoadsterClient) -> None:
    detail = replayed.dealer("hyundaidemo")
    assert detail.zip_code == "93313"  # the sample sends a number here and a string in the list
    assert detail.configuration.price_unlock_mode == "lock"
    assert detail.configuration.fees == {
        "doc_fee": 85,
        "filing_fee": 30,
        "handling_fee": 0,
        "lease_acquisition_fee": 200,
    }
    markup = detail.configuration.markups[0]
    assert markup.finance["new"]["global"].standard == 1
    assert markup.finance["new"]["global"].special is None


def test_link_request_and_answer(replayed: RoadsterClient, replay: ReplayServer) -> None:
    request = sample("links.request")
    link = customers.create_link(
        replayed,
        DealerRef(**request["dealer"]),
        VehicleRequest(**request["vehicle"]),
        request["analytics"],
    )
    assert link.link.dpid == "umazda"
    assert link.vehicle.price_locked is True and link.vehicle.grade == "new"
    assert_request_like("links.request", replay.last("POST", ROOT + paths.LINKS).body)


def test_customer_create_request_and_answer(replayed: RoadsterClient, replay: ReplayServer) -> None:
    created = customers.create_customer(replayed, CustomerRequest.model_validate(sample("customers_create.request")))
    assert created.customer.id == 12345 and created.customer.dpid == "umazda"
    assert created.duplicate is False
    assert_request_like("customers_create.request", replay.last("POST", ROOT + paths.CUSTOMERS).body)


def test_agent_assignment_request_and_answer(replayed: RoadsterClient, replay: ReplayServer) -> None:
    request = sample("customer_agent.request")
    answer = customers.assign_agent(
        replayed,
        12345,
        DealerRef(**request["dealer"]),
        agent_id=request["agent"]["id"],
        agent_email=request["agent"]["email"],
    )
    assert answer.customer.first_name == "string"
    sent = replay.last("PUT", ROOT + "/customers/12345/agent").body
    assert_request_like("customer_agent.request", sent)


def test_tradein_offer_request_and_answer(replayed: RoadsterClient, replay: ReplayServer) -> None:
    saved = customers.save_tradein_offer(replayed, TradeInRequest.model_validate(sample("tradein_offer.request")))
    assert saved.customer.id == 1650260
    assert_request_like("tradein_offer.request", replay.last("POST", ROOT + paths.TRADEIN_OFFER).body)


def test_pricing_answer_parses_every_deal(replayed: RoadsterClient, replay: ReplayServer) -> None:
    quote = pricing.quote(replayed, sample("pricing.request"))
    assert set(quote.deals) == {"cash", "finance", "lease"}
    assert {quote.priced(kind).id for kind in quote.deals} == {4550}
    finance = quote.priced("finance")
    assert finance.terms["monthly_payment"] == 337.35
    assert finance.data.plans[0].retail_add_on_id == 1619
    assert finance.data.plans[0].tier_code == "B67"
    assert finance.data.vehicle["stock_number"] == "NP10C107"
    assert finance.data.trade is not None and finance.data.trade["valuation"]["valuation"]["trade_in_mileage"] == 98000
    rebate = quote.programs["finance"][0]["rebates"][0]
    assert (rebate["id"], rebate["program_id"], rebate["recipient"]) == (910999, "X202-210803-WE2-01", "Dealer")
    (typed,) = quote.rebates()  # the reference's programs.cash.rebates, in the client's model
    assert (typed.id, typed.program_id, typed.recipient, typed.cash) == (910999, "X202-210803-WE2-01", "Dealer", 1500)
    assert quote.priced("lease").terms["base_residual_percent"] == 61
    assert_request_like("pricing.request", replay.last("POST", ROOT + paths.PRICING).body)


def test_protection_plans_answer_and_query(replayed: RoadsterClient, replay: ReplayServer) -> None:
    plans = pricing.protection_plans(
        replayed, "CA317", "4T1C11AK0LU322811", "lease", deal_rate=3.9, deal_term=36, amount_financed=21724.36
    )
    assert [(p.id, p.title, p.tiers[0].code, p.tiers[0].offer) for p in plans] == [
        (6160, "Hyundai Protection Plan", "JBH", 1849)
    ]
    assert plans[0].grades == ["new"] and plans[0].dpid == "hyundaidemo"
    query = replay.last("GET", ROOT + paths.PROTECTION_PLANS).query
    assert set(query) == {"dealer[partner_id]", "vin", "deal_type", "deal_rate", "deal_term", "amount_financed"}
    assert query["amount_financed"] == "21724"  # "amount_financed | integer" (reference line 879)
    assert query["deal_term"] == "36" and float(query["deal_rate"]) == 3.9


def test_document_upload_request_and_answer(replayed: RoadsterClient, replay: ReplayServer) -> None:
    request = sample("documents_upload.request")
    upload = documents.UploadRequest(
        dpid=request["dealer"]["dpid"],
        document_name=request["document_name"],
        document_type=request["document_type"],
        file_name=request["file_name"],
        relationship=request["relationship"],
        co_app_email_id=request["co_app_email_id"],
    )
    assert documents.upload(replayed, 77, upload, b"\x89PNG\r\n\x1a\n") == 1602287
    sent = replay.last("POST", ROOT + "/customers/77/documents").body
    assert_request_like("documents_upload.request", sent)
    assert base64.b64decode(sent["contents"]) == b"\x89PNG\r\n\x1a\n"


def test_document_list_is_a_bare_array_with_iso_times(replayed: RoadsterClient, replay: ReplayServer) -> None:
    listed = documents.list_documents(replayed, 77, "user_docs", dpid="umazda")
    assert [(d.id, d.document_type, d.name, d.file_name) for d in listed] == [
        (1602273, "license", "dl front", "image.png")
    ]
    assert listed[0].created_at.isoformat() == "2024-02-26T17:35:43.741000+00:00"
    assert listed[0].created_at.utcoffset() is not None
    assert_request_like("documents_list.request", replay.last("GET", ROOT + "/customers/77/documents").body)


def test_document_delete_sends_the_dealer(replayed: RoadsterClient, replay: ReplayServer) -> None:
    assert documents.delete_documents(replayed, 77, [1], dpid="umazda") == "Successfully deleted document"
    assert_request_like("documents_delete.request", replay.last("DELETE", ROOT + "/customers/77/documents").body)


def test_document_contents_sends_the_dealer(replayed: RoadsterClient, replay: ReplayServer) -> None:
    # The sample's contents are the placeholder "Base64 content", which is not base64: the client must say so
    # as a bad answer, not crash with a binascii error deep in a worker.
    with pytest.raises(errors.BadAnswer, match="base64"):
        documents.contents(replayed, 77, 1602273, dpid="umazda")
    assert_request_like("document_contents.request", replay.last("GET", ROOT + "/customers/77/documents/").body)


def test_inventory_page(replayed: RoadsterClient, replay: ReplayServer) -> None:
    vehicles, total = replayed.inventory_page("hyundaidemo", size=10, updated_since=1678812101, in_stock=True)
    assert total == 0 and vehicles[0]["make"] == "Hyundai"
    query = replay.last("GET", ROOT + paths.INVENTORY).query
    assert query == {"dpid": "hyundaidemo", "size": "10", "updated_since": "1678812101", "in_stock": "true"}
    typed = list(replayed.iter_inventory("hyundaidemo", size=10))
    assert typed[0].engine.type == "Hybrid" and typed[0].exterior_color.generic == "silver"


def test_vehicle_info(replayed: RoadsterClient, replay: ReplayServer) -> None:
    info = replayed.vehicle_info("4T1C11AK0LU322811", "CA317")
    assert (info.make, info.city_mpg, info.highway_mpg, info.ev_range) == ("Hyundai", 31, 41, 256)
    assert replay.last("GET", ROOT + "/vehicles/").query == {"dealer[partner_id]": "CA317"}


def test_templates_list_get_and_file(replayed: RoadsterClient) -> None:
    listed = templates.list_templates(replayed, "hyundaidemo")
    assert [(t.id, t.doc_identifier, t.order_id) for t in listed] == [
        (278, "7b9b99ba-2bb7-4e63-b238-7ba7a5f03fce", None)
    ]
    assert listed[0].form_definition["pages"][0]["fields"][0]["type"] == "vehicleYear"
    one = templates.get_template(replayed, "hyundaidemo", 278)
    assert one.name == "Insurance Acknowledgement" and one.updated_at == "2022-03-11T18:49:50.245Z"
    pdf = templates.template_file(replayed, "hyundaidemo", 278)
    assert pdf.startswith(b"%PDF-1.5")  # a bare JSON string, cut short in the reference but still base64


def test_template_create_request_and_answer(replayed: RoadsterClient, replay: ReplayServer) -> None:
    form_data = sample("template_create.request")["form_data"]
    request = templates.TemplateRequest(
        name=form_data["name"],
        file_name=form_data["file_name"],
        description=form_data["description"],
        form_definition=form_data["form_definition"],
    )
    stored = templates.create_template(replayed, "hyundaidemo", request, b"%PDF-1.4\n%%EOF\n")
    assert stored.etag == "e9feaffe16bb3a6fad362a99294ad2d0" and stored.id is None
    sent = replay.last("POST", ROOT + "/dealers/hyundaidemo/templates").body
    assert_request_like("template_create.request", sent)
    assert sent["file_stream"].startswith("data:application/pdf;charset=utf-8;base64,")


def test_order_forms_request_and_empty_answer(replayed: RoadsterClient, replay: ReplayServer) -> None:
    request = sample("order_forms.request")
    created = templates.create_forms(replayed, 367146, request["title"], request["template_ids"])
    assert created.packet_id is None and created.forms == []
    assert_request_like("order_forms.request", replay.last("POST", ROOT + "/orders/367146/forms").body)


def test_every_request_carries_the_bearer_key(replayed: RoadsterClient, replay: ReplayServer) -> None:
    replayed.dealers()
    assert replay.last("GET", ROOT + paths.DEALERS).headers["authorization"] == "Bearer replay-key"
