"""The server's audit log on both engines: views, lists and downloads recorded beside reveals, one hash chain
that stays whole under concurrent writers, and a tampered row found by the endpoint and by the admin command."""

from __future__ import annotations

import threading

import httpx
import pytest
from sqlalchemy import text

from desktop.cli_commands import dispatch
from tests.server.conftest import WEBHOOK_KEY, Team
from tests.webhooks.events_factory import make_event

DPID = "hyundai-demo"


def _log(admin) -> list[dict]:  # type: ignore[no-untyped-def]
    answer = admin.get("/api/v1/audit", params={"limit": 1000}).json()
    assert answer["intact"] is True
    return answer["entries"]


def test_views_lists_and_downloads_are_audited_with_who_and_what(team: Team) -> None:
    fiona = team.desk("fiona", "finance", (DPID,))
    admin = team.desk("root", "admin")
    deal = fiona.post("/api/v1/deals", json={"dpid": DPID, "buyer": {"first_name": "Ana"}}).json()
    customer = fiona.post("/api/v1/customers", json={"dpid": DPID, "person": {"first_name": "Bo"}}).json()
    event = make_event(1)
    event["dealer"] = {"dpid": DPID, "name": "Hyundai Demo"}
    sent = httpx.post(
        team.server.url + "/roadster/events", json=event, headers={"Authorization": f"Bearer {WEBHOOK_KEY}"}
    )
    assert sent.status_code == 200
    assert _log(admin) == []  # writing is not viewing

    assert fiona.get(f"/api/v1/deals/{deal['id']}").status_code == 200
    assert fiona.get(f"/api/v1/deals/{deal['id']}/history").status_code == 200
    assert fiona.get("/api/v1/deals", params={"dpid": DPID}).status_code == 200
    assert fiona.get(f"/api/v1/customers/{customer['id']}").status_code == 200
    assert fiona.get("/api/v1/customers", params={"dpid": DPID}).status_code == 200
    page = fiona.get("/events").json()
    assert len(page["events"]) == 1
    assert fiona.get("/events", params={"since": page["cursor"]}).json()["events"] == []  # nothing served: no entry
    assert fiona.get("/api/v1/deals/not-a-deal").status_code == 404  # nothing shown: no entry

    seen = [(e["user"], e["action"], e["entity"], e["entity_id"], e["field"]) for e in _log(admin)]
    assert seen == [
        ("fiona", "view", "deal", deal["id"], "deal"),
        ("fiona", "view", "deal", deal["id"], "history"),
        ("fiona", "list", "deal", DPID, "1 deals"),
        ("fiona", "view", "customer", customer["id"], "customer"),
        ("fiona", "list", "customer", DPID, "1 customers"),
        ("fiona", "download", "events", page["cursor"], "1 after 0"),
    ]
    check = admin.get("/api/v1/audit/verify").json()
    assert check == {"intact": True, "entries": 6, "broken_at": None, "reason": ""}
    assert fiona.get("/api/v1/audit/verify").status_code == 403


def test_concurrent_views_and_reveals_keep_one_unbroken_chain(team: Team) -> None:
    desks = [team.desk(f"desk{i}", "finance", (DPID,)) for i in range(6)]
    admin = team.desk("root", "admin")
    deal = (
        desks[0]
        .post("/api/v1/deals", json={"dpid": DPID, "buyer": {"first_name": "Ana"}, "personal": {"ssn": "123-45-6789"}})
        .json()
    )

    def work(desk) -> None:  # type: ignore[no-untyped-def]
        for n in range(15):
            if n % 5 == 0:
                assert desk.post(f"/api/v1/deals/{deal['id']}/reveal", json={"field": "ssn"}).status_code == 200
            else:
                assert desk.get(f"/api/v1/deals/{deal['id']}").status_code == 200

    threads = [threading.Thread(target=work, args=(d,)) for d in desks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    log = _log(admin)
    assert len(log) == 6 * 15 and [e["seq"] for e in log] == list(range(1, 91))
    assert sum(e["action"] == "reveal" for e in log) == 18


@pytest.fixture
def tampered(team: Team):  # type: ignore[no-untyped-def]
    """A log of five views, then the triggers dropped and entry 3 rewritten by hand, as someone with psql might."""
    fiona = team.desk("fiona", "finance", (DPID,))
    deal = fiona.post("/api/v1/deals", json={"dpid": DPID, "buyer": {"first_name": "Ana"}}).json()
    for _ in range(5):
        fiona.get(f"/api/v1/deals/{deal['id']}")
    services = team.server.services
    assert services is not None
    services.audit.flush()  # views are committed just after their answers
    with services.db.write() as conn:
        if services.db.is_postgresql:
            conn.execute(text("DROP TRIGGER audit_log_append_only ON audit_log"))
        else:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        conn.execute(text("UPDATE audit_log SET user_name = 'someone-else' WHERE seq = 3"))
    return services


def test_a_row_changed_by_hand_is_found_by_the_endpoint_and_the_admin_command(
    team: Team, tampered, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    admin = team.desk("root", "admin")
    check = admin.get("/api/v1/audit/verify").json()
    assert check["intact"] is False and check["broken_at"] == 3 and "changed after it was written" in check["reason"]
    assert admin.get("/api/v1/audit").json()["intact"] is False

    assert dispatch(["server", "verify-audit", "--database", database_url]) == 1
    assert "entry 3 was changed" in capsys.readouterr().err
    with tampered.db.write() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq = 3"))
    assert dispatch(["server", "verify-audit", "--database", database_url]) == 1
    assert "entry 3 is missing" in capsys.readouterr().err


def test_the_admin_command_says_an_untouched_log_is_intact(
    team: Team, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fiona = team.desk("fiona", "finance", (DPID,))
    deal = fiona.post("/api/v1/deals", json={"dpid": DPID, "buyer": {"first_name": "Ana"}}).json()
    fiona.get(f"/api/v1/deals/{deal['id']}")
    assert team.server.services is not None
    team.server.services.audit.flush()
    assert dispatch(["server", "verify-audit", "--database", database_url]) == 0
    assert "intact: 1 entries" in capsys.readouterr().out
    assert dispatch(["server", "verify-audit"]) == 2


def test_views_queued_when_the_server_stops_are_committed(database_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop.server import audit
    from desktop.server.context import open_services

    services = open_services(tmp_path / "data", WEBHOOK_KEY, database_url)
    for n in range(50):
        services.audit.record("fiona", audit.VIEW, "deal", f"d{n}", "deal")
    services.close()
    again = open_services(tmp_path / "data", WEBHOOK_KEY, database_url)
    try:
        check = audit.verify(again.db)
        assert check.intact and check.entries == 50
    finally:
        again.close()
