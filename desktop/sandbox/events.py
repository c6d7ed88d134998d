"""Customer events the sandbox sends to the partner's receiver, as Roadster does (issue 8).

- ``POST /sandbox/webhook`` {url, api_key} sets the receiver (sandbox-only; Roadster configures it by hand), and
  re-enables one the sender disabled.
- :func:`emit_event` builds a ``CustomerEvent``, checks it against the schema and puts it in an outbox table in the
  same SQLite file; :mod:`desktop.sandbox.event_sender` delivers it, retrying any non-2xx answer (3xx included),
  marking a failing event failed and disabling an endpoint that has answered no 2xx for days.
- Each event carries the customer's latest deal data (vehicle, order, agent, credit application and decision);
  ``message`` only ever appears in ``agent_sent_message``.
- ``POST /sandbox/simulate`` (:mod:`desktop.sandbox.event_journey`) plays a shopper's journey.

The receiver's key is kept in the sandbox's own file (a local demo server, like its own API keys); it is never
logged, and never answered by ``GET /sandbox/webhook``.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request

from desktop.sandbox.db import SandboxDB
from desktop.sandbox.errors import bad_request
from desktop.sandbox.event_sender import PARTNER_NAME, kick
from desktop.webhooks.schema import EVENT_TYPES, EventRejected, validate_event

router = APIRouter()

# Carried forward into every later event: "each subsequent event will have all the latest data as it relates to
# the purchase (vehicle, trade in, order, credit application)" (reference line 920); the trade-in rides in the order.
DEAL_KEYS = ("vehicle", "order", "agent", "credit_applicant", "credit_decision")

SCHEMA = """
CREATE TABLE IF NOT EXISTS webhook_target (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    url TEXT NOT NULL,
    api_key TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    failing_since REAL,
    disabled_at REAL
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
            columns = {row[1] for row in conn.execute("PRAGMA table_info(webhook_target)")}
            for added in ("failing_since", "disabled_at"):  # made before endpoints could be disabled
                if added not in columns:
                    conn.execute(f"ALTER TABLE webhook_target ADD COLUMN {added} REAL")
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
        kick(db)
    return event


def outbox_status(db: SandboxDB) -> dict[str, Any]:
    ensure_schema(db)
    conn = db.connect()
    target = conn.execute("SELECT url, disabled_at FROM webhook_target WHERE id = 1").fetchone()
    pending, delivered, failed = conn.execute(
        "SELECT COUNT(*) - COUNT(delivered_at) - COUNT(failed_at), COUNT(delivered_at), COUNT(failed_at)"
        " FROM event_outbox"
    ).fetchone()
    last = conn.execute(
        "SELECT last_status, attempts FROM event_outbox WHERE attempts > 0 ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return {
        "url": target[0] if target else None,
        "disabled": target is not None and target[1] is not None,
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
    kick(db)
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
