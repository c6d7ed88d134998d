"""The template endpoints: list, create, read, file and delete (which only sets ``is_deleted``)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from starlette.concurrency import run_in_threadpool

from desktop.api.roadster import paths
from desktop.domain import form_fields as ff
from desktop.sandbox.db import SandboxDB
from desktop.sandbox.errors import bad_request
from desktop.sandbox.roadster_templates import checks
from desktop.sandbox.roadster_templates.demo import seeded_dealer
from desktop.sandbox.roadster_templates.storage import b64
from desktop.sandbox.roadster_templates.store import (
    LISTED,
    insert_template,
    template_json,
    template_row,
    templates_db,
)
from desktop.sandbox.times import now_iso

router = APIRouter()
V1 = paths.SANDBOX_PREFIX


def _dealer_db(request: Request, dpid: str) -> SandboxDB:
    """The sandbox's file once the dealer is known to exist (404 if not) and has its demo templates."""
    db = templates_db(request)
    seeded_dealer(db, dpid)
    return db


@router.get(V1 + paths.TEMPLATES)
def list_templates(request: Request, dpid: str) -> list[dict[str, Any]]:
    db = _dealer_db(request, dpid)
    rows = (
        db.connect()
        .execute(f"SELECT {LISTED} FROM templates WHERE dpid = ? AND is_deleted = 0 ORDER BY id", (dpid,))
        .fetchall()
    )
    return [template_json(r) for r in rows]


@router.post(V1 + paths.TEMPLATES)
async def create_template(request: Request, dpid: str, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    # async + thread pool: the base64 of a large PDF is decoded and checked off the event loop.
    return await run_in_threadpool(_create_template, request, dpid, body)


def _create_template(request: Request, dpid: str, body: Any) -> dict[str, Any]:
    db = _dealer_db(request, dpid)
    if not isinstance(body, dict):
        raise bad_request("The request must be an object with form_data and file_stream.", "request")
    form_data = body.get("form_data")
    if not isinstance(form_data, dict):
        raise bad_request("'form_data' is required: name, file_name, description, form_definition.", "form_data")
    name = checks.text(form_data, "name", "form_data.name")
    file_name = checks.text(form_data, "file_name", "form_data.file_name")
    description = checks.text(form_data, "description", "form_data.description", required=False)
    data = checks.decode_file_stream(body.get("file_stream"))
    fields = checks.checked_template(form_data, data)
    definition = json.dumps(ff.to_definition(fields, len(form_data["form_definition"]["pages"])))
    with db.write() as conn:
        template_id, storage = insert_template(conn, dpid, name, file_name, description, definition, data)
    return {**storage, "id": template_id}  # ``id`` is a sandbox extra: the reference answers storage metadata only


@router.get(V1 + paths.TEMPLATE)
def get_template(request: Request, dpid: str, template_id: str) -> dict[str, Any]:
    db = _dealer_db(request, dpid)
    return template_json(template_row(db, dpid, template_id))


@router.get(V1 + paths.TEMPLATE_FILE)
def template_file(request: Request, dpid: str, template_id: str) -> str:
    db = _dealer_db(request, dpid)
    row = template_row(db, dpid, template_id)
    blob = db.connect().execute("SELECT contents FROM templates WHERE id = ?", (row["id"],)).fetchone()
    return b64(bytes(blob[0]))


@router.delete(V1 + paths.TEMPLATE)
def delete_template(request: Request, dpid: str, template_id: str) -> dict[str, Any]:
    """Idempotent: deleting a deleted template answers ok again (a retried DELETE must not fail)."""
    db = _dealer_db(request, dpid)
    row = template_row(db, dpid, template_id)
    if not row["is_deleted"]:
        with db.write() as conn:
            conn.execute("UPDATE templates SET is_deleted = 1, updated_at = ? WHERE id = ?", (now_iso(), row["id"]))
    return {"status": "ok", "message": f"Template {row['id']} deleted."}
