"""The receiver probed as an attacker would (issue 18): out-of-range ids, bad cursors, idle sockets, log floods,
and the data it keeps on disk."""

from __future__ import annotations

import io
import logging
import socket
import stat
import threading
import time
from pathlib import Path

import httpx
import pytest

from desktop.server import serve
from desktop.server.events import EventRefusedByDatabase, Incoming, Stored
from desktop.server.limits import RateLimit
from desktop.webhooks.server import WebhookServer
from tests.conftest import HOOK_KEY as KEY
from tests.webhooks.events_factory import make_event

AUTH = {"Authorization": f"Bearer {KEY}"}


def test_an_id_beyond_64_bits_gets_400_and_good_events_sent_with_it_are_stored(receiver: WebhookServer) -> None:
    bad = make_event(1, customer_id=2**63)
    answers: list[int] = []
    lock = threading.Lock()

    def send(body: dict[str, object]) -> None:
        with httpx.Client(timeout=30) as c:
            code = c.post(receiver.events_url, json=body, headers=AUTH).status_code
        with lock:
            answers.append(code)

    good = [make_event(n) for n in range(100)]
    threads = [threading.Thread(target=send, args=(b,)) for b in [bad, *good, bad]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(answers) == [200] * 100 + [400] * 2
    refused = httpx.post(receiver.events_url, json=bad, headers=AUTH).json()
    assert refused["field"] == "customer.id"
    assert receiver.store is not None and receiver.store.count() == 100


def test_an_event_the_database_refuses_is_rolled_back_alone(receiver: WebhookServer) -> None:
    """Past the schema (a future bound that drifts), the database's refusal costs that one event only."""
    store = receiver.store
    assert store is not None
    results: list[Stored | BaseException] = []
    done = threading.Event()

    def collect(result: Stored | BaseException) -> None:
        results.append(result)
        if len(results) == 21:
            done.set()

    items = [Incoming(f"ok-{n}", "customer_requested_price", "toyotademo", 5 + n, None, "{}") for n in range(20)]
    items.insert(10, Incoming("too-big", "customer_requested_price", "toyotademo", 2**63, None, "{}"))
    for item in items:  # queued together: written as one group
        store.submit(item, collect)
    assert done.wait(30)
    refused = [r for r in results if isinstance(r, BaseException)]
    assert len(refused) == 1 and isinstance(refused[0], EventRefusedByDatabase)
    assert store.count() == 20


@pytest.mark.parametrize(
    "params",
    [{"since": "²"}, {"limit": "¹"}, {"since": "-1"}, {"since": "9" * 30}, {"limit": "0"}, {"limit": "1001"}],
)
def test_every_malformed_feed_query_is_a_400(receiver: WebhookServer, params: dict[str, str]) -> None:
    answer = httpx.get(receiver.url + "/events", params=params, headers=AUTH)
    assert answer.status_code == 400
    assert answer.json()["field"] in params


def test_good_events_are_served_while_1100_idle_connections_are_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cap (here 200, below the attack) evicts idle sockets, so senders are never shut out."""
    monkeypatch.setattr(serve, "MAX_CONNECTIONS", 200)
    server = WebhookServer(tmp_path / "hooks", api_key=KEY).start()
    idle: list[socket.socket] = []
    try:
        for _ in range(1100):
            idle.append(socket.create_connection((server.host, server.port), timeout=5))
        with httpx.Client(timeout=10) as c:
            codes = [c.post(server.events_url, json=make_event(n), headers=AUTH).status_code for n in range(50)]
        assert codes == [200] * 50
        assert server.store is not None and server.store.count() == 50
    finally:
        for s in idle:
            s.close()
        server.stop()


def test_a_connection_that_sends_nothing_is_closed_after_the_read_timeout(
    receiver: WebhookServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serve, "READ_TIMEOUT", 0.5)
    with socket.create_connection((receiver.host, receiver.port), timeout=10) as s:
        s.settimeout(10)
        started = time.monotonic()
        assert s.recv(1) == b""  # closed by the server
        assert time.monotonic() - started < 5


def test_a_flood_of_identical_errors_logs_a_few_lines_not_megabytes() -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(RateLimit(burst=20, window=60))
    logger = logging.getLogger("test.flood")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        for _ in range(20_000):
            try:
                raise OSError(24, "Too many open files")
            except OSError:
                logger.exception("socket.accept() out of system resource")
    finally:
        logger.removeHandler(handler)
    assert out.getvalue().count("OSError: [Errno 24]") == 20
    assert len(out.getvalue()) < 20_000


def test_personal_data_is_sealed_on_disk_and_files_are_owner_only(receiver: WebhookServer, tmp_path: Path) -> None:
    event = make_event(3)
    event["customer"].update(ssn="123-45-6789", drivers_license_number="D7654321", birth_date="1977-07-07")
    assert httpx.post(receiver.events_url, json=event, headers=AUTH).status_code == 200
    back = httpx.get(receiver.url + "/events", headers=AUTH).json()["events"]
    assert back[0]["customer"]["ssn"] == "123-45-6789"  # served exactly as received

    data = tmp_path / "hooks"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    files = [p for p in data.iterdir() if p.is_file()]
    assert {p.name for p in files} >= {"server.sqlite3", "server.key"}
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f.name
    raw = b"".join(f.read_bytes() for f in files if f.name != "server.key")
    for secret in (b"123-45-6789", b"D7654321", b"1977-07-07", b"shopper3@example.com"):
        assert secret not in raw


def test_retention_deletes_events_older_than_the_setting(receiver: WebhookServer) -> None:
    for n in range(5):
        assert httpx.post(receiver.events_url, json=make_event(n), headers=AUTH).status_code == 200
    services = receiver.services
    assert services is not None
    services.retention_days = 1
    assert services.forget_old() == 0  # nothing is a day old
    assert services.events.forget_before(time.time() + 1) == 5
    assert httpx.get(receiver.url + "/events", headers=AUTH).json()["events"] == []
