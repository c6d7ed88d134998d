"""Customer events the sandbox sends to the partner's receiver, as Roadster does (issue 8).

- ``POST /sandbox/webhook`` {url, api_key} sets the receiver (sandbox-only; Roadster configures it by hand).
- :func:`emit_event` builds a ``CustomerEvent``, checks it against the schema and puts it in an outbox table in the
  same SQLite file; a sender thread delivers the outbox, the event due soonest first, and retries any non-2xx
  answer (3xx included) with exponential backoff, as the webhook rules say.
- The ids the receiver answers ``{customer_id, lead_id, agent_id, dealer_id}`` are kept per customer and put in
  ``api_partner`` of every later event -- filled at send time, so an event queued before the answer came still
  carries them.
- Each event carries the customer's latest deal data (vehicle, order, agent, credit application and decision);
  ``message`` only
  ever appears in ``agent_sent_message``.
- A failing event waits its backoff while the others go out, and is marked failed after ``MAX_ATTEMPTS``.
- ``POST /sandbox/simulate`` (:mod:`desktop.sandbox.event_journey`) plays a shopper's journey.

The receiver's key is kept in the sandbox's own file (a local demo server, like its own API keys); it is never
logged, and never answered by ``GET /sandbox/webhook``.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

import httpx
from fastapi import APIRouter, Body, Request

from desktop.sandbox.db import SandboxDB
from desktop.sandbox.errors import bad_request
from desktop.webhooks.schema import EVENT_TYPES, EventRejected, validate_event

log = logging.getLogger(__name__)
router = APIRouter()

PARTNER_NAME = "Dealer Desk"
# Carried forward into every later event: "each subsequent event will have all the latest data as it relates to
# the purchase (vehicle, trade in, order, credit application)" (reference line 920); the trade-in rides in the order.
DEAL_KEYS = ("vehicle", "order", "agent", "credit_applicant", "credit_decision")
BACKOFF_BASE = 0.5
BACKOFF_CAP = 60.0
# "After multiple failures to send the notification, Roadster marks the event as failed and stops trying" (reference
# line 923): ten attempts, about three minutes with the backoff above, then the event is marked failed.
MAX_ATTEMPTS = 10
SEND_TIMEOUT = 10.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS webhook_target (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    url TEXT NOT NULL,
    api_key TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS event_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    event_type TEXT NOT NULL,
    dpid TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at REAL NOT NULL,
    last_status INTEGER,
    delivered_at REAL,
    failed_at REAL
);
CREATE INDEX IF NOT EXISTS event_outbox_pending ON event_outbox (delivered_at, id);
CREATE TABLE IF NOT EXISTS event_deals (
    dpid TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    deal TEXT NOT NULL DEFAULT '{}',
    partner_ids TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (dpid, customer_id)
);
"""

_schema_lock = threading.Lock()
_senders_lock = threading.Lock()
_senders: dict[str, _Sender] = {}


def ensure_schema(db: SandboxDB) -> None:
    with _schema_lock:
        if getattr(db, "_events_ready", False):
            return
        with db.write() as conn:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            columns = {row[1] for row in conn.execute("PRAGMA table_info(event_outbox)")}
            if "failed_at" not in columns:  # a sandbox data folder made before events could fail
                conn.execute("ALTER TABLE event_outbox ADD COLUMN failed_at REAL")
        db._events_ready = True  # type: ignore[attr-defined]


def _db_of(state_or_db: Any) -> SandboxDB:
    db = getattr(state_or_db, "db", state_or_db)
    if not isinstance(db, SandboxDB):
        raise TypeError("emit_event needs the SandboxState or its SandboxDB")
    ensure_schema(db)
    return db


def now_iso() -> str:
    """The reference's event time format: ISO 8601 UTC with milliseconds and ``Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _event_customer(customer: dict[str, Any]) -> dict[str, Any]:
    """The reference sample's ``customer`` (lines 937-956): every key present, ``null`` where nothing is known."""
    shaped: dict[str, Any] = {"id": customer.get("id"), "email": customer.get("email"), "first_name": ""}
    if customer.get("first_name"):
        shaped["first_name"] = str(customer["first_name"])
    for key in ("last_name", "middle_name", "phone", "mobile", "gov_id", "gov_id_type"):
        shaped[key] = str(customer[key]) if customer.get(key) else None
    address = customer.get("address")
    if isinstance(address, dict) and address.get("city"):  # the receiver's schema needs a city in an address
        shaped["address"] = {k: address.get(k) for k in ("address1", "address2", "city", "country", "state", "zip")}
    shaped["communication_preference"] = str(customer.get("communication_preference") or "email")
    shaped["in_showroom"] = bool(customer.get("in_showroom", False))
    shaped["referral_type"] = str(customer.get("referral_type") or "api")
    return shaped


def _event_dealer(db: SandboxDB, dpid: str) -> dict[str, Any]:
    dealer = db.dealer(dpid)
    if dealer is None:
        raise ValueError(f"unknown dealer {dpid!r}")
    return {
        "dpid": dpid,
        "name": dealer.get("name", dpid),
        "address": {
            "street": dealer.get("address", ""),
            "city": dealer.get("city", ""),
            "state": dealer.get("state", ""),
            "zip": dealer.get("zip_code", ""),
        },
        "partner_id": str(dealer.get("partner_id") or ""),
    }


def event_vehicle_of(db: SandboxDB, dpid: str, vin: str | None) -> dict[str, Any] | None:
    """The event schema's ``vehicle`` for a VIN of the dealer's inventory (``None`` when there is none)."""
    if not vin:
        return None
    stock = db.vehicle(dpid, vin)
    if stock is None:
        return {"vin": vin}
    return {
        "vin": stock["vin"],
        "make": stock["make"],
        "model": stock["model"],
        "year": int(stock["year"]),
        "trim": stock.get("trim") or "",
        "stock_number": stock.get("stock_number") or "",
        "type": "New",
        # The reference's vehicle carries the manufacturer's codes (lines 980-985); the seeded inventory has none.
        "trim_code": stock.get("trim_code"),
        "exterior_color_code": stock.get("exterior_color_code"),
        "interior_color_code": stock.get("interior_color_code"),
        "option_codes": list(stock.get("option_codes") or []),
    }


def emit_event(state_or_db: Any, event_type: str, customer: dict[str, Any], **deal_data: Any) -> dict[str, Any]:
    """Build, check and queue one customer event; returns the event as it will be sent (minus partner ids).

    ``customer`` is the sandbox's customer: ``id``, ``email``, ``first_name`` and ``dpid`` (or pass ``dpid=``);
    a ``sqlite3.Row`` of the customers table turned into a dict will do. ``deal_data`` may hold ``vehicle``,
    ``order``, ``agent``, ``credit_decision`` (remembered and carried into later events; ``order`` is merged key by
    key so it grows), ``message`` (this event only) and any extra field Roadster may send (this event only).
    When no receiver is set the event is built and checked but not queued, as Roadster would not send it.
    """
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {event_type!r}")
    db = _db_of(state_or_db)
    dpid = str(deal_data.pop("dpid", None) or customer.get("dpid") or "")
    if not dpid:
        raise ValueError("emit_event needs the customer's dpid")
    shaped = _event_customer(customer)
    if not isinstance(shaped["id"], int):
        raise ValueError("emit_event needs the customer's Roadster id (an integer)")
    event: dict[str, Any] = {
        "event_type": event_type,
        "event_id": f"evt_{uuid.uuid4().hex}",
        "event_time": now_iso(),
        "api_partner": {"name": PARTNER_NAME},
        "customer": shaped,
        "dealer": _event_dealer(db, dpid),
    }
    with db.write() as conn:
        row = conn.execute(
            "SELECT deal FROM event_deals WHERE dpid = ? AND customer_id = ?", (dpid, shaped["id"])
        ).fetchone()
        deal: dict[str, Any] = json.loads(row[0]) if row else {}
        for key in DEAL_KEYS:
            if deal_data.get(key) is None:
                continue
            if key == "order" and isinstance(deal.get("order"), dict):
                deal["order"] = {**deal["order"], **deal_data[key]}
            else:
                deal[key] = deal_data[key]
        event.update(deal)
        if event_type == "agent_sent_message" and deal_data.get("message") is not None:
            event["message"] = deal_data["message"]
        for key, value in deal_data.items():
            if key not in DEAL_KEYS and key != "message" and value is not None:
                event[key] = value
        try:
            validate_event(event)
        except EventRejected as exc:
            raise ValueError(f"the sandbox built an invalid {event_type} event: {exc.reason}") from None
        conn.execute(
            "INSERT INTO event_deals (dpid, customer_id, deal) VALUES (?, ?, ?)"
            " ON CONFLICT (dpid, customer_id) DO UPDATE SET deal = excluded.deal",
            (dpid, shaped["id"], json.dumps(deal)),
        )
        target = conn.execute("SELECT 1 FROM webhook_target WHERE id = 1").fetchone()
        if target is not None:
            conn.execute(
                "INSERT INTO event_outbox (event_id, event_type, dpid, customer_id, body, created_at, next_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (event["event_id"], event_type, dpid, shaped["id"], json.dumps(event), time.time(), time.time()),
            )
    if target is not None:
        _kick(db)
    return event


# delivery
def _kick(db: SandboxDB) -> None:
    key = str(db.path)
    with _senders_lock:
        sender = _senders.get(key)
        if sender is None:
            sender = _Sender(db)
            _senders[key] = sender
            sender.start()
        else:
            sender.wake.set()


class _Sender(threading.Thread):
    """Delivers the outbox, the event due soonest first; exits when nothing is left, started again by the next event.

    An event that fails waits its backoff while the others go out (one bad event never holds up the rest), and
    after :data:`MAX_ATTEMPTS` it is marked failed and never tried again.
    """

    def __init__(self, db: SandboxDB) -> None:
        super().__init__(name="sandbox-events", daemon=True)
        self.db = db
        self.wake = threading.Event()

    def run(self) -> None:
        with httpx.Client(timeout=SEND_TIMEOUT, follow_redirects=False) as client:
            while self._step(client):
                pass

    def _next(self) -> tuple[Any, Any]:
        conn = self.db.connect()
        target = conn.execute("SELECT url, api_key FROM webhook_target WHERE id = 1").fetchone()
        row = conn.execute(
            "SELECT id, body, dpid, customer_id, attempts, next_at FROM event_outbox"
            " WHERE delivered_at IS NULL AND failed_at IS NULL ORDER BY next_at, id LIMIT 1"
        ).fetchone()
        return target, row

    def _step(self, client: httpx.Client) -> bool:
        try:
            target, row = self._next()
            if target is None or row is None:
                with _senders_lock:
                    target, row = self._next()
                    if target is None or row is None:
                        _senders.pop(str(self.db.path), None)
                        return False
            wait = float(row["next_at"]) - time.time()
            if wait > 0:
                self.wake.wait(min(wait, 1.0))
                self.wake.clear()
                return True
            self._deliver(client, str(target["url"]), str(target["api_key"]), row)
            return True
        except Exception as exc:  # the sandbox's file went away (tests) or is locked: stop, the next event restarts
            log.warning("sandbox event sender stopped (%s)", type(exc).__name__)
            with _senders_lock:
                _senders.pop(str(self.db.path), None)
            return False

    def _deliver(self, client: httpx.Client, url: str, api_key: str, row: Any) -> None:
        event = json.loads(row["body"])
        conn = self.db.connect()
        ids_row = conn.execute(
            "SELECT partner_ids FROM event_deals WHERE dpid = ? AND customer_id = ?", (row["dpid"], row["customer_id"])
        ).fetchone()
        event["api_partner"] = {"name": PARTNER_NAME, **(json.loads(ids_row[0]) if ids_row else {})}
        status = 0
        answer: Any = None
        try:
            response = client.post(url, json=event, headers={"Authorization": f"Bearer {api_key}"})
            status = response.status_code
            if 200 <= status < 300:
                try:
                    answer = response.json()
                except ValueError:
                    answer = None
        except httpx.HTTPError as exc:
            log.info("receiver unreachable (%s); will retry", type(exc).__name__)
        now = time.time()
        with self.db.write() as wconn:
            if 200 <= status < 300:
                wconn.execute(
                    "UPDATE event_outbox SET delivered_at = ?, last_status = ?, attempts = attempts + 1 WHERE id = ?",
                    (now, status, row["id"]),
                )
                ids = {
                    k: str(answer[k])
                    for k in ("customer_id", "lead_id", "agent_id", "dealer_id")
                    if isinstance(answer, dict) and answer.get(k) not in (None, "")
                }
                if ids:
                    known = json.loads(ids_row[0]) if ids_row else {}
                    wconn.execute(
                        "UPDATE event_deals SET partner_ids = ? WHERE dpid = ? AND customer_id = ?",
                        (json.dumps({**known, **ids}), row["dpid"], row["customer_id"]),
                    )
            elif _repointed(wconn, url, api_key):
                # The webhook changed while this attempt was on its way: it did not fail at the new receiver, so
                # it keeps its place (its old due time) ahead of the events queued after it.
                wconn.execute("UPDATE event_outbox SET last_status = ? WHERE id = ?", (status, row["id"]))
            else:
                attempts = int(row["attempts"]) + 1
                delay = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempts - 1))
                wconn.execute(
                    "UPDATE event_outbox SET attempts = ?, next_at = ?, last_status = ?, failed_at = ? WHERE id = ?",
                    (attempts, now + delay, status, now if attempts >= MAX_ATTEMPTS else None, row["id"]),
                )


def _repointed(conn: Any, url: str, api_key: str) -> bool:
    now = conn.execute("SELECT url, api_key FROM webhook_target WHERE id = 1").fetchone()
    return now is not None and (str(now[0]), str(now[1])) != (url, api_key)


def outbox_status(db: SandboxDB) -> dict[str, Any]:
    ensure_schema(db)
    conn = db.connect()
    target = conn.execute("SELECT url FROM webhook_target WHERE id = 1").fetchone()
    pending, delivered, failed = conn.execute(
        "SELECT COUNT(*) - COUNT(delivered_at) - COUNT(failed_at), COUNT(delivered_at), COUNT(failed_at)"
        " FROM event_outbox"
    ).fetchone()
    last = conn.execute(
        "SELECT last_status, attempts FROM event_outbox WHERE attempts > 0 ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return {
        "url": target[0] if target else None,
        "pending": int(pending or 0),
        "delivered": int(delivered or 0),
        "failed": int(failed or 0),
        "last_status": None if last is None else last[0],
    }


# sandbox-only endpoints
def sandbox_db(request: Request) -> SandboxDB:
    return _db_of(request.app.state.sandbox)


@router.post("/webhook")
def set_webhook(request: Request, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    """Point the sandbox's events at a receiver; queued events are tried again at once."""
    if not isinstance(body, dict):
        raise bad_request("The body must be a JSON object {url, api_key}.", "request")
    url = body.get("url")
    api_key = body.get("api_key")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise bad_request(
            "'url' must be the receiver's http(s) URL, e.g. http://127.0.0.1:8766/roadster/events.", "url"
        )
    if not isinstance(api_key, str) or not api_key:
        raise bad_request("'api_key' must be the key the receiver expects.", "api_key")
    db = sandbox_db(request)
    with db.write() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO webhook_target (id, url, api_key, updated_at) VALUES (1, ?, ?, ?)",
            (url, api_key, int(time.time())),
        )
        conn.execute(
            "UPDATE event_outbox SET next_at = ? WHERE delivered_at IS NULL AND failed_at IS NULL", (time.time(),)
        )
    _kick(db)
    return {"status": "ok", **outbox_status(db)}


@router.get("/webhook")
def get_webhook(request: Request) -> dict[str, Any]:
    return {"status": "ok", **outbox_status(sandbox_db(request))}


@router.delete("/webhook")
def delete_webhook(request: Request) -> dict[str, Any]:
    db = sandbox_db(request)
    with db.write() as conn:
        conn.execute("DELETE FROM webhook_target")
    return {"status": "ok", **outbox_status(db)}
