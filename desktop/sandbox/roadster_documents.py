"""Roadster customer documents: upload (base64), list, delete, contents (issue 6).

Files are kept as BLOBs in the sandbox's SQLite file. The size limit is
:data:`desktop.domain.documents.MAX_DOCUMENT_BYTES` (30 MB decoded); a larger file is answered 413.
"""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
import time
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from desktop.api.roadster import paths
from desktop.domain import documents as rules
from desktop.domain.file_formats import clean_file_name
from desktop.sandbox.db import SandboxDB
from desktop.sandbox.errors import SandboxError, bad_request, not_found
from desktop.sandbox.events.emit import emit_event
from desktop.sandbox.ids import path_id
from desktop.sandbox.times import iso_from_epoch
from desktop.services.doc_worker import client as documents

router = APIRouter()

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL,
    dpid TEXT NOT NULL,
    document_type TEXT NOT NULL,
    relationship TEXT,
    co_app_email_id TEXT,
    name TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_customer ON documents (customer_id);
CREATE TABLE IF NOT EXISTS document_files (
    document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    contents BLOB NOT NULL
);
"""
# base64 grows 4/3; anything longer than this cannot decode to a file within the limit.
MAX_BASE64_CHARS = (rules.MAX_DOCUMENT_BYTES + 2) // 3 * 4 + 64
LISTED_FIELDS = "id, document_type, relationship, name, file_name, created_at, updated_at"


def ensure_schema(db: SandboxDB) -> None:
    db.ensure_tables("documents", SCHEMA)


def _db(request: Request) -> SandboxDB:
    db: SandboxDB = request.app.state.sandbox.db
    ensure_schema(db)
    return db


def _customer_id(raw: str) -> int:
    number = path_id(raw)
    if number is None:
        raise not_found("Customer not found.")
    return number


def customer_exists(db: SandboxDB, customer_id: int) -> bool:
    """The customers table belongs to the customers issue; until it exists there are no customers."""
    try:
        row = db.connect().execute("SELECT 1 FROM customers WHERE id = ?", (customer_id,)).fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return False
        raise
    return row is not None


def _require_customer(db: SandboxDB, raw_id: str) -> int:
    customer_id = _customer_id(raw_id)
    if not customer_exists(db, customer_id):
        raise not_found("Customer not found.")
    return customer_id


def _dealer_dpid(db: SandboxDB, dealer: Any) -> str:
    if not isinstance(dealer, dict):
        raise bad_request('Parameter \'dealer\' is required: {"dpid": ...} or {"partner_id": ...}.', "dealer")
    dpid, partner_id = dealer.get("dpid"), dealer.get("partner_id")
    if bool(dpid) == bool(partner_id):
        raise bad_request("Parameter 'dealer' must name exactly one of dpid and partner_id.", "dealer")
    found = db.dealer(str(dpid)) if dpid else db.dealer_by_partner_id(str(partner_id))
    if found is None:
        raise not_found("Dealer not found.")
    return str(found["dpid"])


def _text(body: dict[str, Any], name: str, *, required: bool = True) -> str:
    value = body.get(name)
    if value is None or value == "":
        if required:
            raise bad_request(f"Parameter '{name}' is required.", name)
        return ""
    if not isinstance(value, str):
        raise bad_request(f"Parameter '{name}' must be a string.", name)
    return value


def _refuse(problem: rules.Problem | None) -> None:
    if problem is not None:
        status = 413 if "the limit is" in problem.message else 400
        raise SandboxError(status, problem.message, field=problem.field)


def _decode(contents: str, file_name: str) -> bytes:
    if len(contents) > MAX_BASE64_CHARS:
        raise SandboxError(
            413,
            f"File {file_name!r} is larger than the limit of {rules.megabytes(rules.MAX_DOCUMENT_BYTES)}.",
            field="contents",
        )
    try:
        return base64.b64decode(contents, validate=True)
    except (binascii.Error, ValueError):
        raise bad_request("Parameter 'contents' is not valid base64.", "contents") from None


def _store(db: SandboxDB, customer_id: int, dpid: str, meta: dict[str, Any], data: bytes) -> int:
    now = int(time.time())
    with db.write() as conn:
        cur = conn.execute(
            "INSERT INTO documents (customer_id, dpid, document_type, relationship, co_app_email_id, name, file_name,"
            " size, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                customer_id,
                dpid,
                meta["document_type"],
                meta["relationship"] or None,
                meta["co_app_email_id"] or None,
                meta["document_name"],
                meta["file_name"],
                len(data),
                now,
                now,
            ),
        )
        document_id = int(cur.lastrowid or 0)
        conn.execute("INSERT INTO document_files (document_id, contents) VALUES (?, ?)", (document_id, data))
    return document_id


@router.post(paths.DOCUMENTS)
async def upload_document(request: Request, customer_id: str) -> dict[str, Any]:
    db = _db(request)
    raw = await request.body()
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise bad_request("The request body is not valid JSON.", "request") from None
    del raw
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object.", "request")
    cid = await run_in_threadpool(_require_customer, db, customer_id)
    dpid = await run_in_threadpool(_dealer_dpid, db, body.get("dealer"))
    meta = {
        "document_name": _text(body, "document_name"),
        "document_type": _text(body, "document_type"),
        "file_name": clean_file_name(_text(body, "file_name")),
        "relationship": _text(body, "relationship", required=False),
        "co_app_email_id": _text(body, "co_app_email_id", required=False),
    }
    _refuse(
        rules.metadata_problem(
            meta["document_type"],
            meta["file_name"],
            meta["relationship"],
            meta["co_app_email_id"],
            meta["document_name"],
        )
    )
    contents = body.pop("contents", None)
    if not isinstance(contents, str):
        raise bad_request("Parameter 'contents' is required (the file, base64).", "contents")
    data = _decode(contents, meta["file_name"])
    del contents
    _refuse(await run_in_threadpool(documents.check_upload, meta["file_name"], data))
    document_id = await run_in_threadpool(_store, db, cid, dpid, meta, data)
    await run_in_threadpool(_announce_upload, request.app.state.sandbox, db, cid, meta)
    return {"status": "ok", "document_id": document_id}


def _announce_upload(state: Any, db: SandboxDB, customer_id: int, meta: dict[str, Any]) -> None:
    """Roadster tells the partner a document arrived with an agent note event; the note carries the document
    (an extra field, which the event schema allows) so the desk can say "added a document", not "wrote a note"."""
    row = db.connect().execute("SELECT * FROM customers WHERE id = ?", (customer_id,)).fetchone()
    if row is not None:
        document = {
            "name": meta.get("document_name"),
            "type": meta.get("document_type"),
            "file_name": meta.get("file_name"),
        }
        emit_event(state, "agent_created_note", dict(row), document={k: v for k, v in document.items() if v})


async def _optional_json(request: Request) -> dict[str, Any]:
    """The payload the reference gives a GET or DELETE here (``dealer``, ``doc_type``, ``doc_ids``); may be absent."""
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise bad_request("The request body is not valid JSON.", "request") from None
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object.", "request")
    return body


def _check_dealer(db: SandboxDB, customer_id: int, dealer: Any) -> None:
    """A ``dealer`` that is given must exist and be the customer's own dealer."""
    if dealer is None:
        return
    dpid = _dealer_dpid(db, dealer)
    row = db.connect().execute("SELECT dpid FROM customers WHERE id = ?", (customer_id,)).fetchone()
    if row is None or row[0] != dpid:
        raise not_found("Customer not found at this dealer.")


@router.get(paths.DOCUMENTS)
async def list_documents(request: Request, customer_id: str, doc_type: str | None = None) -> list[dict[str, Any]]:
    """A bare JSON array, as the reference's sample (lines 1165-1174); ``doc_type`` from the payload or query."""
    body = await _optional_json(request)
    wanted = body.get("doc_type", doc_type) or "all"
    return await run_in_threadpool(_list, _db(request), customer_id, body.get("dealer"), wanted)


def _list(db: SandboxDB, raw_customer: str, dealer: Any, doc_type: Any) -> list[dict[str, Any]]:
    cid = _require_customer(db, raw_customer)
    _check_dealer(db, cid, dealer)
    if doc_type not in rules.DOC_TYPE_FILTERS:
        raise bad_request(f"Parameter 'doc_type' must be one of {', '.join(rules.DOC_TYPE_FILTERS)}.", "doc_type")
    where = "customer_id = ?"
    args: list[Any] = [cid]
    if doc_type != "all":
        marks = ", ".join("?" for _ in rules.DEAL_TYPES)
        where += f" AND document_type {'IN' if doc_type == 'deal_docs' else 'NOT IN'} ({marks})"
        args += list(rules.DEAL_TYPES)
    rows = db.connect().execute(f"SELECT {LISTED_FIELDS} FROM documents WHERE {where} ORDER BY id", args).fetchall()
    listed = [dict(r) for r in rows]
    for row in listed:
        row["created_at"], row["updated_at"] = iso_from_epoch(row["created_at"]), iso_from_epoch(row["updated_at"])
    return listed


@router.delete(paths.DOCUMENTS)
async def delete_documents(request: Request, customer_id: str) -> dict[str, Any]:
    db = _db(request)
    body = await _optional_json(request)
    ids = body.get("doc_ids")
    if not isinstance(ids, list) or not ids:
        raise bad_request("Parameter 'doc_ids' is required: a non-empty list of document ids.", "doc_ids")
    if not all(isinstance(i, int) and not isinstance(i, bool) and 0 < i < 2**63 for i in ids):
        raise bad_request("Parameter 'doc_ids' must list document ids (positive whole numbers).", "doc_ids")
    return await run_in_threadpool(_delete, db, customer_id, body.get("dealer"), sorted(set(ids)))


def _delete(db: SandboxDB, raw_customer: str, dealer: Any, ids: list[int]) -> dict[str, Any]:
    cid = _require_customer(db, raw_customer)
    _check_dealer(db, cid, dealer)
    marks = ", ".join("?" for _ in ids)
    with db.write() as conn:
        found = {
            int(r[0])
            for r in conn.execute(
                f"SELECT id FROM documents WHERE customer_id = ? AND id IN ({marks})", [cid, *ids]
            ).fetchall()
        }
        missing = [i for i in ids if i not in found]
        if missing:
            # Nothing is deleted when any id is unknown: a half-done delete is harder to reason about.
            listed = ", ".join(str(i) for i in missing)
            raise not_found(f"Document(s) not found for this customer: {listed}. Nothing was deleted.")
        conn.execute(f"DELETE FROM document_files WHERE document_id IN ({marks})", ids)
        conn.execute(f"DELETE FROM documents WHERE id IN ({marks})", ids)
    noun = "document" if len(ids) == 1 else "documents"
    return {"message": f"Deleted {len(ids)} {noun}."}


@router.get(paths.DOCUMENT)
async def document_contents(request: Request, customer_id: str, doc_id: str) -> dict[str, Any]:
    """``{"contents": <base64>}`` as the reference (lines 1197-1198); the payload may name the dealer."""
    body = await _optional_json(request)
    return await run_in_threadpool(_contents, _db(request), customer_id, body.get("dealer"), doc_id)


def _contents(db: SandboxDB, raw_customer: str, dealer: Any, doc_id: str) -> dict[str, Any]:
    cid = _require_customer(db, raw_customer)
    _check_dealer(db, cid, dealer)
    number = path_id(doc_id)
    if number is None:
        raise not_found("Document not found.")
    row = (
        db.connect()
        .execute(
            "SELECT d.file_name, f.contents FROM documents d JOIN document_files f ON f.document_id = d.id"
            " WHERE d.id = ? AND d.customer_id = ?",
            (number, cid),
        )
        .fetchone()
    )
    if row is None:
        raise not_found("Document not found.")
    return {"contents": base64.b64encode(row[1]).decode("ascii")}
