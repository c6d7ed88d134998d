"""The desks' API over real HTTP, on SQLite and on PostgreSQL: deals, versions, roles, reveals, the feed."""

from __future__ import annotations

import threading
import time

import httpx

from tests.server.conftest import Team

BUYER = {"first_name": "Ana", "last_name": "Núñez", "email": "ana@example.com", "phone": "+1 650 555 0101"}


def _new_deal(desk, dpid: str = "hyundai-demo", **extra: object) -> dict:  # type: ignore[no-untyped-def]
    answer = desk.post("/api/v1/deals", json={"dpid": dpid, "buyer": BUYER, **extra})
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_a_deal_is_created_read_listed_and_saved_at_its_version(team: Team) -> None:
    agent = team.desk("judy", "agent", ("hyundai-demo",))
    deal = _new_deal(agent, vehicle={"vin": "KMHLM4AG3PU123456"})
    assert deal["number"] == "HD-1001" and deal["version"] == 1 and deal["stage"] == "lead"
    assert deal["buyer"]["last_name"] == "Núñez" and deal["vehicle"]["vin"] == "KMHLM4AG3PU123456"
    assert _new_deal(agent)["number"] == "HD-1002"

    read = agent.get(f"/api/v1/deals/{deal['id']}").json()
    assert read == deal
    listed = agent.get("/api/v1/deals", params={"dpid": "hyundai-demo"}).json()["deals"]
    assert {d["number"] for d in listed} == {"HD-1001", "HD-1002"}

    saved = agent.put(
        f"/api/v1/deals/{deal['id']}", json={"version": 1, "stage": "working", "buyer": {"phone": "+1 650 555 0199"}}
    )
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert body["version"] == 2 and body["stage"] == "working"
    assert body["buyer"]["phone"] == "+1 650 555 0199" and body["buyer"]["first_name"] == "Ana"  # others kept

    stale = agent.put(f"/api/v1/deals/{deal['id']}", json={"version": 1, "notes": "typed on an old copy"})
    assert stale.status_code == 409
    assert stale.json()["current"]["version"] == 2 and stale.json()["current"]["notes"] == ""

    history = agent.get(f"/api/v1/deals/{deal['id']}/history").json()
    fields = [(h["version"], h["field"], h["old"], h["new"]) for h in history]
    assert (2, "stage", "lead", "working") in fields
    assert (2, "buyer.phone", "+1 650 555 0101", "+1 650 555 0199") in fields
    assert all(h["user"] == "judy" for h in history)


def test_post_needs_dpid_and_buyer_and_bad_fields_are_named(team: Team) -> None:
    agent = team.desk("judy", "agent")
    missing = agent.post("/api/v1/deals", json={"buyer": BUYER})
    assert missing.status_code == 400 and missing.json()["field"] == "dpid"
    assert agent.post("/api/v1/deals", json={"dpid": "x"}).json()["field"] == "buyer"
    bad_vin = agent.post("/api/v1/deals", json={"dpid": "x", "buyer": BUYER, "vehicle": {"vin": "123"}})
    assert bad_vin.status_code == 400 and bad_vin.json()["field"] == "vehicle.vin"
    deal = _new_deal(agent, "x")
    no_version = agent.put(f"/api/v1/deals/{deal['id']}", json={"stage": "working"})
    assert no_version.status_code == 400 and no_version.json()["field"] == "version"
    assert agent.get("/api/v1/deals", params={"limit": "¹"}).status_code == 400
    assert agent.get("/api/v1/changes", params={"since": "²"}).status_code == 400


def test_tokens_roles_and_rooftops(team: Team, server) -> None:  # type: ignore[no-untyped-def]
    judy = team.desk("judy", "agent", ("hyundai-demo",))
    mark = team.desk("mark", "agent", ("hyundai-demo",))
    fiona = team.desk("fiona", "finance", ("hyundai-demo",))
    dora = team.desk("dora", "documents", ("toyota-demo",))
    admin = team.desk("root", "admin")

    assert httpx.get(server.url + "/api/v1/deals").status_code == 401
    wrong = httpx.get(server.url + "/api/v1/deals", headers={"Authorization": "Bearer ddt_nope"})
    assert wrong.status_code == 401

    own = _new_deal(judy)
    lead = _new_deal(fiona)  # finance starts an unassigned lead
    assert lead["owner_id"] is None
    assert mark.get(f"/api/v1/deals/{own['id']}").status_code == 403  # another agent's deal
    assert mark.get(f"/api/v1/deals/{lead['id']}").status_code == 200  # an unassigned lead
    assert {d["id"] for d in mark.get("/api/v1/deals").json()["deals"]} == {lead["id"]}
    assert judy.post("/api/v1/deals", json={"dpid": "toyota-demo", "buyer": BUYER}).status_code == 403
    assert dora.get("/api/v1/deals", params={"dpid": "hyundai-demo"}).status_code == 403
    assert dora.get(f"/api/v1/deals/{own['id']}").status_code == 403
    assert fiona.get(f"/api/v1/deals/{own['id']}").status_code == 200
    assert admin.get(f"/api/v1/deals/{own['id']}").status_code == 200

    priced = fiona.put(f"/api/v1/deals/{own['id']}", json={"version": 1, "finance": {"reserve": "412.50"}})
    assert priced.status_code == 200 and priced.json()["finance"]["reserve"] == "412.50"
    assert "finance" not in judy.get(f"/api/v1/deals/{own['id']}").json()
    assert admin.get(f"/api/v1/deals/{own['id']}").json()["finance"]["reserve"] == "412.50"
    refused = judy.put(f"/api/v1/deals/{own['id']}", json={"version": 2, "finance": {"profit": "1"}})
    assert refused.status_code == 403
    hidden = [h for h in judy.get(f"/api/v1/deals/{own['id']}/history").json() if h["field"].startswith("finance")]
    assert hidden and all(h["new"] is None for h in hidden)
    assert judy.get("/api/v1/audit").status_code == 403


def test_personal_data_is_masked_and_every_reveal_is_audited(team: Team, server) -> None:  # type: ignore[no-untyped-def]
    fiona = team.desk("fiona", "finance", ("hyundai-demo",))
    admin = team.desk("root", "admin")
    personal = {"ssn": "123-45-6789", "licence_number": "D1234567", "birth_date": "1988-02-29"}
    deal = _new_deal(fiona, personal=personal)
    assert deal["personal"] == {"ssn": "***-**-6789", "licence_number": "****4567", "birth_date": "****-**-**"}
    assert "123-45" not in fiona.get(f"/api/v1/deals/{deal['id']}").text

    shown = fiona.post(f"/api/v1/deals/{deal['id']}/reveal", json={"field": "ssn"})
    assert shown.json() == {"field": "ssn", "value": "123-45-6789"}
    log = admin.get("/api/v1/audit").json()
    assert log["intact"] is True
    assert [(e["user"], e["action"], e["entity_id"], e["field"]) for e in log["entries"]] == [
        ("fiona", "view", deal["id"], "deal"),  # the GET above
        ("fiona", "reveal", deal["id"], "ssn"),
    ]
    history = fiona.get(f"/api/v1/deals/{deal['id']}/history").json()
    assert "6789" not in str(history)


def test_customers_register_and_agents_roster(team: Team) -> None:
    judy = team.desk("judy", "agent", ("hyundai-demo",))
    team.desk("fiona", "finance", ("hyundai-demo",))
    made = judy.post(
        "/api/v1/customers",
        json={
            "dpid": "hyundai-demo",
            "person": {"first_name": "Nguyễn", "last_name": "Thị"},
            "personal": {"ssn": "123456789"},
        },
    )
    assert made.status_code == 201, made.text
    customer = made.json()
    assert customer["personal"] == {"ssn": "***-**-6789"}
    found = judy.get("/api/v1/customers", params={"dpid": "hyundai-demo", "q": "nguyễn"}).json()
    assert [c["id"] for c in found] == [customer["id"]]
    stale = judy.put(f"/api/v1/customers/{customer['id']}", json={"version": 7, "person": {"phone": "1"}})
    assert stale.status_code == 409
    people = judy.get("/api/v1/agents", params={"dpid": "hyundai-demo"}).json()["people"]
    assert [(p["name"], p["role"]) for p in people] == [("fiona", "finance"), ("judy", "agent")]


def test_changes_feed_wakes_a_waiting_desk_within_a_second(team: Team) -> None:
    judy = team.desk("judy", "agent", ("hyundai-demo",))
    fiona = team.desk("fiona", "finance", ("hyundai-demo",))
    deal = _new_deal(judy)
    start = fiona.get("/api/v1/changes").json()
    cursor = start["cursor"]
    assert [c["id"] for c in start["changes"]] == [deal["id"]]

    got: dict[str, object] = {}

    def wait() -> None:
        t0 = time.monotonic()
        got["answer"] = fiona.get("/api/v1/changes", params={"since": cursor, "wait": 20}).json()
        got["seconds"] = time.monotonic() - t0

    waiter = threading.Thread(target=wait)
    waiter.start()
    time.sleep(0.3)
    assert judy.put(f"/api/v1/deals/{deal['id']}", json={"version": 1, "stage": "working"}).status_code == 200
    waiter.join(30)
    answer = got["answer"]
    assert isinstance(answer, dict)
    assert [(c["id"], c["version"]) for c in answer["changes"]] == [(deal["id"], 2)]
    assert float(got["seconds"]) < 5  # type: ignore[arg-type]


def test_openapi_is_served_and_versioned(server) -> None:  # type: ignore[no-untyped-def]
    spec = httpx.get(server.url + "/api/v1/openapi.json").json()
    assert spec["info"]["version"] == "1.0.0"
    assert "/api/v1/deals/{deal_id}" in spec["paths"] and "/roadster/events" in spec["paths"]
    assert "EventCustomer" in spec["components"]["schemas"]
