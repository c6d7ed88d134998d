"""Customers, agents, trade-ins, links and the browser link: the client against the sandbox over real HTTP."""

from __future__ import annotations

import sqlite3
import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from desktop.api import errors, mem_token
from desktop.api.roadster import customers as api
from desktop.api.roadster.client import RoadsterClient
from desktop.api.roadster.schema import (
    CustomerContact,
    CustomerRequest,
    DealerRef,
    PaymentPreference,
    PlanChoice,
    TradeInRequest,
    VehicleRequest,
)
from desktop.sandbox.server import SandboxServer
from tests.conftest import admin, fast_retry, roadster_for
from tests.lossy_transport import LossyTransport

VALID_VIN_ELSEWHERE = "1HGCM82633A004352"  # valid check digit, in nobody's inventory


def unique_email(tag: str = "c") -> str:
    return f"{tag}.{uuid.uuid4().hex[:10]}@example.com"


@pytest.fixture(scope="module")
def umazda_vin(sandbox: SandboxServer) -> str:
    client = RoadsterClient(sandbox.url + "/v1", sandbox.config.api_key, retry=fast_retry())
    try:
        vehicles, _ = client.inventory_page("umazda", size=3, in_stock=True)
    finally:
        client.close()
    return str(vehicles[0]["vin"])


def post(server: SandboxServer, path: str, body: Any, method: str = "POST") -> httpx.Response:
    headers = {"Authorization": f"Bearer {server.config.api_key}"}
    return httpx.request(method, server.url + "/v1" + path, json=body, headers=headers)


def full_request(email: str, vin: str, **kw: Any) -> CustomerRequest:
    return CustomerRequest(
        customer=CustomerContact(
            first_name="Steve", last_name="McQueen", email=email, phone="+14155556666", partner_id="P-1"
        ),
        dealer=DealerRef(dpid="umazda"),
        vehicle=VehicleRequest(vin=vin),
        payment=PaymentPreference(
            deal_type="lease", lease_down=1500, lease_months=36, lease_miles=10000, finance_down=3000, finance_months=48
        ),
        plans=[PlanChoice(id=6160, code="RBX301", tier="5R")],
        analytics={"utm_source": "roadster-api", "utm_medium": "email", "utm_campaign": "2021 retargeting"},
        **kw,
    )


def test_create_customer_with_every_field(roadster: RoadsterClient, umazda_vin: str) -> None:
    created = api.create_customer(roadster, full_request(unique_email(), umazda_vin))
    assert created.status == "ok" and not created.duplicate
    assert created.customer.id >= 12345 and created.customer.dpid == "umazda"
    url = urlsplit(created.customer.redirect_url)
    assert (url.scheme, url.netloc, url.path) == ("https", "express.umazda.com", f"/express/{umazda_vin}")
    assert parse_qs(url.query) == {
        "utm_source": ["roadster-api"],
        "utm_medium": ["email"],
        "utm_campaign": ["2021 retargeting"],
    }
    assert created.customer.order_id is not None


def test_checkout_lands_on_the_checkout_flow(roadster: RoadsterClient, umazda_vin: str) -> None:
    created = api.create_customer(roadster, full_request(unique_email(), umazda_vin, checkout=True))
    assert urlsplit(created.customer.redirect_url).path == f"/express/{umazda_vin}/checkout"


def test_customer_and_order_rows_are_recorded(
    sandbox: SandboxServer, roadster: RoadsterClient, umazda_vin: str
) -> None:
    created = api.create_customer(roadster, full_request(unique_email(), umazda_vin))
    with sqlite3.connect(sandbox.config.db_path) as conn:
        order = conn.execute(
            "SELECT customer_id, dpid, vin, payment FROM orders WHERE id = ?", (created.customer.order_id,)
        ).fetchone()
    assert order[:3] == (created.customer.id, "umazda", umazda_vin)
    assert '"deal_type": "lease"' in order[3]


def test_same_email_at_the_same_dealer_is_a_duplicate(roadster: RoadsterClient, umazda_vin: str) -> None:
    email = unique_email()
    first = api.create_customer(roadster, full_request(email, umazda_vin))
    again = api.create_customer(roadster, full_request(email.upper(), umazda_vin))
    assert again.duplicate and again.customer.id == first.customer.id
    elsewhere = api.create_customer(
        roadster,
        CustomerRequest(
            customer=CustomerContact(first_name="Steve", last_name="McQueen", email=email),
            dealer=DealerRef(partner_id="CA317"),
        ),
    )
    assert not elsewhere.duplicate and elsewhere.customer.id != first.customer.id
    assert elsewhere.customer.dpid == "hyundaidemo"
    assert urlsplit(elsewhere.customer.redirect_url).path == "/inventory/new"


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda b: b["customer"].pop("email"), "customer.email"),
        (lambda b: b["customer"].update(email="not-an-email"), "customer.email"),
        (lambda b: b["customer"].update(first_name=""), "customer.first_name"),
        (lambda b: b["customer"].pop("last_name"), "customer.last_name"),
        (lambda b: b["customer"].update(phone="12"), "customer.phone"),
        (lambda b: b.pop("customer"), "customer"),
        (lambda b: b["dealer"].update(partner_id="NY204"), "dealer"),
        (lambda b: b.update(dealer={}), "dealer"),
        (lambda b: b.pop("dealer"), "dealer"),
        (lambda b: b["vehicle"].update(vin="1HGCM82633A004353"), "vehicle.vin"),
        (lambda b: b["vehicle"].update(year="20"), "vehicle.year"),
        (lambda b: b["payment"].update(deal_type="cash"), "payment.deal_type"),
        (lambda b: b["payment"].update(lease_down=-1), "payment.lease_down"),
        (lambda b: b["payment"].update(lease_months=0), "payment.lease_months"),
        (lambda b: b["payment"].update(finance_down="lots"), "payment.finance_down"),
        (lambda b: b.update(plans=[{"code": "X"}]), "plans[0].id"),
        (lambda b: b.update(accessories=[{}]), "accessories[0].code"),
        (lambda b: b.update(analytics={"campaign": "x"}), "analytics.campaign"),
        (lambda b: b.update(checkout="yes"), "checkout"),
    ],
)
def test_invalid_create_is_400_naming_the_field(sandbox: SandboxServer, umazda_vin: str, mutate, field: str) -> None:
    body = full_request(unique_email(), umazda_vin).model_dump(exclude_none=True)
    mutate(body)
    response = post(sandbox, "/customers", body)
    assert response.status_code == 400
    answer = response.json()
    assert answer["status"] == "error" and answer["field"] == field
    assert field.split(".")[-1].split("[")[0] in answer["error"]


def test_bad_request_raises_bad_request_with_the_field(roadster: RoadsterClient) -> None:
    request = CustomerRequest(
        customer=CustomerContact(first_name="A", last_name="B", email="a@b"), dealer=DealerRef(dpid="umazda")
    )
    with pytest.raises(errors.BadRequest) as caught:
        api.create_customer(roadster, request)
    assert caught.value.field == "customer.email"


def test_unknown_dealer_is_404(sandbox: SandboxServer, roadster: RoadsterClient) -> None:
    request = CustomerRequest(
        customer=CustomerContact(first_name="A", last_name="B", email=unique_email()), dealer=DealerRef(dpid="nope")
    )
    with pytest.raises(errors.NotFound, match="Dealer not found"):
        api.create_customer(roadster, request)
    assert post(sandbox, "/customers", "not an object").status_code == 400


def test_a_create_whose_answer_was_lost_is_repeated_and_makes_one_customer(sandbox: SandboxServer) -> None:
    lossy = LossyTransport("/customers", lose=1)
    client = roadster_for(sandbox, transport=lossy)
    retries: list[int] = []
    address = unique_email()
    request = CustomerRequest(
        customer=CustomerContact(first_name="Ann", last_name="Lee", email=address), dealer=DealerRef(dpid="umazda")
    )
    try:
        outcome = api.create_customer_once(client, request, on_retry=retries.append)
    finally:
        client.close()
    # The first attempt made the customer; the repeat found it (duplicate), which is not an existing customer.
    assert retries == [1] and lossy.delivered == 1
    assert outcome.retried and outcome.created.duplicate and not outcome.matched_existing
    with sqlite3.connect(sandbox.config.db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM customers WHERE email = ?", (address,)).fetchone()[0] == 1


def test_a_create_stalled_past_the_timeout_is_repeated(fresh_sandbox: SandboxServer) -> None:
    admin(fresh_sandbox, "POST", "/faults", json={"path_prefix": "/v1/customers", "status": 0, "delay": 1.0})
    client = RoadsterClient(
        fresh_sandbox.url + "/v1", fresh_sandbox.config.api_key, timeout=httpx.Timeout(0.4), retry=fast_retry()
    )
    request = CustomerRequest(
        customer=CustomerContact(first_name="Ann", last_name="Lee", email=unique_email()),
        dealer=DealerRef(dpid="umazda"),
    )
    try:
        outcome = api.create_customer_once(client, request)
        again = api.create_customer(client, request)
    finally:
        client.close()
    assert outcome.retried
    assert again.duplicate and again.customer.id == outcome.created.customer.id


def test_assign_and_change_agent(roadster: RoadsterClient, umazda_vin: str) -> None:
    email = unique_email()
    created = api.create_customer(roadster, full_request(email, umazda_vin))
    answer = api.assign_agent(
        roadster, created.customer.id, DealerRef(dpid="umazda"), agent_id="ID9876", agent_email="natalie@example.com"
    )
    assert answer.customer.model_dump(include={"first_name", "last_name", "email", "phone"}) == {
        "first_name": "Steve",
        "last_name": "McQueen",
        "email": email,
        "phone": "+14155556666",
    }
    again = api.assign_agent(roadster, created.customer.id, DealerRef(partner_id="NY204"), agent_id="ID1")
    assert again.status == "ok"


def test_agent_errors(sandbox: SandboxServer, roadster: RoadsterClient, umazda_vin: str) -> None:
    created = api.create_customer(roadster, full_request(unique_email(), umazda_vin))
    with pytest.raises(errors.NotFound, match="Customer not found"):
        api.assign_agent(roadster, 999_999_999, DealerRef(dpid="umazda"), agent_id="A")
    with pytest.raises(errors.NotFound, match="Customer not found"):  # another dealer's customer
        api.assign_agent(roadster, created.customer.id, DealerRef(dpid="hyundaidemo"), agent_id="A")
    path = f"/customers/{created.customer.id}/agent"
    cases = [
        ({"agent": {}, "dealer": {"dpid": "umazda"}}, "agent"),
        ({"agent": {"email": "x@"}, "dealer": {"dpid": "umazda"}}, "agent.email"),
        ({"agent": {"id": "A"}}, "dealer"),
        ({"dealer": {"dpid": "umazda"}}, "agent"),
    ]
    for body, field in cases:
        response = post(sandbox, path, body, method="PUT")
        assert (response.status_code, response.json()["field"]) == (400, field)
    assert post(sandbox, "/customers/abc/agent", cases[0][0], method="PUT").json()["field"] == "id"


def test_tradein_create_then_update(sandbox: SandboxServer, roadster: RoadsterClient) -> None:
    email = unique_email()
    offer = TradeInRequest(
        dpid="umazda", email=email, vin=VALID_VIN_ELSEWHERE, value=1500, year=2012, make="Honda", mileage=95000
    )
    first = api.save_tradein_offer(roadster, offer)
    assert first.status == "ok" and not first.updated
    assert first.customer.redirect_url.endswith(f"/express/{VALID_VIN_ELSEWHERE}?ucid={first.customer.id}")
    second = api.save_tradein_offer(roadster, offer.model_copy(update={"value": 2100, "email": email.upper()}))
    assert second.updated and second.customer.id == first.customer.id
    with sqlite3.connect(sandbox.config.db_path) as conn:
        rows = conn.execute("SELECT value, mileage FROM tradein_offers WHERE email = ?", (email,)).fetchall()
    assert rows == [(2100, 95000)]


@pytest.mark.parametrize(
    ("change", "field", "status"),
    [
        ({"value": None}, "value", 400),
        ({"value": -5}, "value", 400),
        ({"email": ""}, "email", 400),
        ({"vin": "SHORT"}, "vin", 400),
        ({"dpid": None}, "dpid", 400),
        ({"mileage": -1}, "mileage", 400),
        ({"year": 3000}, "year", 400),
        ({"dpid": "nowhere"}, None, 404),
    ],
)
def test_tradein_errors(sandbox: SandboxServer, change: dict[str, Any], field: str | None, status: int) -> None:
    body = {"dpid": "umazda", "email": unique_email(), "vin": VALID_VIN_ELSEWHERE, "value": 100, **change}
    response = post(sandbox, "/create_tradein_offer", {k: v for k, v in body.items() if v is not None})
    assert response.status_code == status
    assert response.json().get("field") == field


def test_vehicle_link(roadster: RoadsterClient, umazda_vin: str) -> None:
    link = api.create_link(
        roadster, DealerRef(dpid="umazda"), VehicleRequest(vin=umazda_vin), {"utm_source": "desk", "utm_medium": "sms"}
    )
    assert link.vehicle.in_stock is True and link.vehicle.grade == "new"
    assert isinstance(link.vehicle.price_locked, bool)
    assert link.link.dpid == "umazda"
    assert link.link.redirect_url == (f"https://express.umazda.com/express/{umazda_vin}?utm_source=desk&utm_medium=sms")
    with pytest.raises(errors.NotFound, match="Vehicle not found"):
        api.create_link(roadster, DealerRef(dpid="umazda"), VehicleRequest(vin=VALID_VIN_ELSEWHERE), None)
    with pytest.raises(errors.BadRequest) as caught:
        api.create_link(roadster, DealerRef(dpid="umazda", partner_id="NY204"), None, None)
    assert caught.value.field == "dealer"


def express(server: SandboxServer, vin: str, **params: str) -> httpx.Response:
    return httpx.get(server.url + f"/v1/express/{vin}", params=params)  # public: no bearer


def test_browser_link_creates_then_matches_and_records_a_lead(sandbox: SandboxServer, umazda_vin: str) -> None:
    email = unique_email("link")
    token = mem_token.encode_token(
        {"fname": "Testing", "lname": "Bot", "email": email, "phone": "800-505-1000", "custid": "X1"},
        sandbox.config.link_key,
    )
    url = mem_token.express_url("umazda", umazda_vin, token, sandbox_base=sandbox.url + "/v1")
    first = httpx.get(url)  # exactly the URL the app hands out: the token escaped once, as CGI.escape does
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["customer"]["duplicate"] is False and body["link"]["dpid"] == "umazda"
    # The same token unescaped (httpx escapes it for the query) and without newlines must work too.
    plain = mem_token.token_bytes(token)
    second = express(sandbox, umazda_vin, mem=mem_token.encode64(plain).replace("\n", ""), dpid="umazda").json()
    assert second["customer"] == {"id": body["customer"]["id"], "duplicate": True}
    with sqlite3.connect(sandbox.config.db_path) as conn:
        leads = conn.execute(
            "SELECT type, vin, custid FROM leads WHERE customer_id = ?", (body["customer"]["id"],)
        ).fetchall()
        names = conn.execute("SELECT first_name, last_name FROM customers WHERE email = ?", (email,)).fetchone()
    assert leads == [("Unlock Inquiry", umazda_vin, "X1")] * 2
    assert names == ("Testing", "Bot")


def test_browser_link_errors(sandbox: SandboxServer, umazda_vin: str) -> None:
    good = mem_token.encode_token({"email": unique_email()}, sandbox.config.link_key)
    wrong_key = mem_token.encode_token({"email": unique_email()}, "someone-else")
    no_email = mem_token.cgi_escape(mem_token.encode64(mem_token.encrypt(b"fname=A", sandbox.config.link_key)))
    cases = [
        ({"mem": wrong_key, "dpid": "umazda"}, umazda_vin, 400, "mem", "does not decrypt"),
        ({"mem": no_email, "dpid": "umazda"}, umazda_vin, 400, "mem", "no email"),
        ({"mem": "%%%", "dpid": "umazda"}, umazda_vin, 400, "mem", "base64"),
        ({"dpid": "umazda"}, umazda_vin, 400, "mem", "required"),
        ({"mem": good}, umazda_vin, 400, "dpid", "required"),
        ({"mem": good, "dpid": "umazda"}, "BADVIN", 400, "vin", "17"),
        ({"mem": good, "dpid": "nowhere"}, umazda_vin, 404, None, "Dealer not found"),
    ]
    for params, vin, status, field, words in cases:
        query = "&".join(f"{k}={v}" for k, v in params.items())
        response = httpx.get(sandbox.url + f"/v1/express/{vin}?{query}")
        assert response.status_code == status, (params, response.text)
        assert response.json().get("field") == field
        assert words in response.json()["error"]
