"""Building one customer event, checking it against the receiver's schema, and putting it in the outbox."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from desktop.sandbox.events.delivery import kick
from desktop.sandbox.events.shapes import PARTNER_NAME, event_customer, event_dealer
from desktop.sandbox.events.store import db_of
from desktop.sandbox.times import now_iso
from desktop.webhooks.schema import EVENT_TYPES, EventRejected, validate_event

# Carried forward into every later event: "each subsequent event will have all the latest data as it relates to
# the purchase (vehicle, trade in, order, credit application)" (reference line 920); the trade-in rides in the order.
DEAL_KEYS = ("vehicle", "order", "agent", "credit_applicant", "credit_decision")


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
    db = db_of(state_or_db)
    dpid = str(deal_data.pop("dpid", None) or customer.get("dpid") or "")
    if not dpid:
        raise ValueError("emit_event needs the customer's dpid")
    shaped = event_customer(customer)
    if not isinstance(shaped["id"], int):
        raise ValueError("emit_event needs the customer's Roadster id (an integer)")
    event: dict[str, Any] = {
        "event_type": event_type,
        "event_id": f"evt_{uuid.uuid4().hex}",
        "event_time": now_iso(),
        "api_partner": {"name": PARTNER_NAME},
        "customer": shaped,
        "dealer": event_dealer(db, dpid),
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
