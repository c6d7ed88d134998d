"""Form packets: an order's templates filled in and kept as copies, plus the sandbox-only order views."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from starlette.concurrency import run_in_threadpool

from desktop.api.roadster import paths
from desktop.domain import form_fields as ff
from desktop.sandbox.errors import bad_request, not_found
from desktop.sandbox.events.emit import emit_event
from desktop.sandbox.roadster_templates import checks
from desktop.sandbox.roadster_templates.demo import seeded_dealer
from desktop.sandbox.roadster_templates.orders import find_order, order_json, order_rows
from desktop.sandbox.roadster_templates.storage import b64
from desktop.sandbox.roadster_templates.store import LISTED, template_json, templates_db
from desktop.sandbox.times import now_iso
from desktop.services import form_filling
from desktop.services.doc_worker import client as documents

router = APIRouter()
V1 = paths.SANDBOX_PREFIX
SANDBOX = "/sandbox"


@router.post(V1 + paths.ORDER_FORMS)
async def create_forms(request: Request, order_id: str, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    return await run_in_threadpool(_create_forms, request, order_id, body)


def _create_forms(request: Request, order_id: str, body: Any) -> dict[str, Any]:
    db = templates_db(request)
    if not isinstance(body, dict):
        raise bad_request("The request must be an object with title and template_ids.", "request")
    title = checks.text(body, "title", "title")
    ids = checks.template_ids(body.get("template_ids"))
    order = find_order(db, order_id)
    seeded_dealer(db, order["dpid"])
    values = ff.order_values(order)
    forms: list[tuple[int, dict[str, Any], bytes]] = []
    conn = db.connect()
    for template_id in ids:
        row = conn.execute(
            f"SELECT {LISTED}, contents FROM templates WHERE id = ? AND dpid = ?", (template_id, order["dpid"])
        ).fetchone()
        if row is None:
            raise not_found(f"Template {template_id} not found for this order's dealer.")
        if row["is_deleted"]:
            raise not_found(f"Template {template_id} was deleted; it cannot be used for a new packet.")
        template = template_json(row)
        fields = ff.parse_definition(template["form_definition"])
        try:
            filled = documents.fill(bytes(row["contents"]), fields, values)
        except form_filling.TemplatePdfError as exc:
            raise bad_request(f"Template {template_id} cannot be filled: {exc}", "template_ids") from None
        forms.append((template_id, template, filled.data))
    with db.write() as wconn:
        cur = wconn.execute(
            "INSERT INTO form_packets (order_id, title, created_at) VALUES (?, ?, ?)",
            (order["id"], title, now_iso()),
        )
        packet_id = int(cur.lastrowid or 0)
        for position, (template_id, template, data) in enumerate(forms):
            wconn.execute(
                "INSERT INTO packet_forms (packet_id, position, template_id, template, contents)"
                " VALUES (?, ?, ?, ?, ?)",
                (packet_id, position, template_id, json.dumps(template), data),
            )
    customer = db.connect().execute("SELECT * FROM customers WHERE id = ?", (order["customer_id"],)).fetchone()
    if customer is not None:  # Roadster tells the partner the packet is out for signature
        emit_event(request.app.state.sandbox, "agent_sent_share_details", dict(customer))
    # The reference answers ``{}``; the packet id and form list are sandbox extras.
    return {
        "status": "ok",
        "packet_id": packet_id,
        "forms": [{"template_id": t, "name": m["name"]} for t, m, _ in forms],
    }


@router.get(SANDBOX + "/orders")
def list_orders(request: Request, dpid: str | None = None) -> dict[str, Any]:
    db = templates_db(request)
    rows = order_rows(db, "WHERE o.dpid = ?", (dpid,)) if dpid else order_rows(db)
    return {"status": "ok", "orders": [order_json(db, r) for r in rows]}


@router.get(SANDBOX + "/orders/{order_id}/forms")
def order_forms(request: Request, order_id: str) -> dict[str, Any]:
    db = templates_db(request)
    order = find_order(db, order_id)
    conn = db.connect()
    packets = []
    for packet in conn.execute(
        "SELECT id, title, created_at FROM form_packets WHERE order_id = ? ORDER BY id", (order["id"],)
    ).fetchall():
        forms = [
            {
                "template_id": int(r["template_id"]),
                "template": json.loads(r["template"]),
                "contents": b64(r["contents"]),
            }
            for r in conn.execute(
                "SELECT template_id, template, contents FROM packet_forms WHERE packet_id = ? ORDER BY position",
                (packet["id"],),
            ).fetchall()
        ]
        packets.append(
            {"id": int(packet["id"]), "title": packet["title"], "created_at": packet["created_at"], "forms": forms}
        )
    return {"status": "ok", "order_id": order["id"], "packets": packets}
