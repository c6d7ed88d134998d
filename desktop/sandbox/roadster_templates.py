"""Roadster document templates and form packets (issue 7), plus the sandbox-only order views.

Templates live in the sandbox's SQLite file with their PDF as a BLOB. Each dealer gets three demo templates
(odometer statement, we-owe, privacy notice) the first time anything asks for its templates: cheap, and a sandbox
that never opens templates never pays for them. Delete only sets ``is_deleted``: the template leaves the list, its
record and file stay readable, packets made earlier keep their own copy, and it can no longer go into a new packet.

Orders belong to the customers module (an ``orders`` row is made when a customer is created with a vehicle and a
payment); until that table exists there are no orders.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import secrets
import sqlite3
import uuid
import weakref
import zlib
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from pypdf.errors import PyPdfError
from starlette.concurrency import run_in_threadpool

from desktop.api.roadster import paths
from desktop.domain import form_fields as ff
from desktop.domain.payments import amortized_payment, lease_payment
from desktop.sandbox.db import SandboxDB
from desktop.sandbox.errors import SandboxError, bad_request, not_found
from desktop.sandbox.events import emit_event
from desktop.sandbox.ids import path_id
from desktop.services import form_filling
from desktop.services.doc_worker import client as documents
from desktop.services.form_filling import PdfRule, PdfText

# One router, mounted without a prefix: the partner API under /v1 and the sandbox-only order views under /sandbox.
router = APIRouter()
V1 = paths.SANDBOX_PREFIX
SANDBOX = "/sandbox"

SCHEMA = """
CREATE TABLE IF NOT EXISTS templates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dpid TEXT NOT NULL,
    doc_identifier TEXT NOT NULL,
    name TEXT NOT NULL,
    file_name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    form_definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    is_deleted INTEGER NOT NULL DEFAULT 0,
    storage TEXT NOT NULL,
    contents BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS templates_dealer ON templates (dpid, is_deleted);
CREATE TABLE IF NOT EXISTS form_packets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS packet_forms (
    packet_id INTEGER NOT NULL REFERENCES form_packets (id),
    position INTEGER NOT NULL,
    template_id INTEGER NOT NULL,
    template TEXT NOT NULL,
    contents BLOB NOT NULL,
    PRIMARY KEY (packet_id, position)
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'templates', 1489
    WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'templates');
"""
MAX_PDF_BYTES = 30 * 1024 * 1024
MAX_BASE64_CHARS = (MAX_PDF_BYTES + 2) // 3 * 4 + 64
MAX_TEXT = 200
_DATA_URL = re.compile(r"^data:([^;,]*)((?:;[^;,]*)*),", re.IGNORECASE)
LISTED = "id, dpid, doc_identifier, name, file_name, description, form_definition, created_at, updated_at, is_deleted"

_ready: weakref.WeakSet[SandboxDB] = weakref.WeakSet()


def ensure_schema(db: SandboxDB) -> None:
    if db not in _ready:
        with db.write() as conn:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
        _ready.add(db)


def _db(request: Request) -> SandboxDB:
    db: SandboxDB = request.app.state.sandbox.db
    ensure_schema(db)
    return db


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# demo templates
def _rows_form(
    title: str, intro: str, rows: list[tuple[str, str, str, str]], dealer: dict[str, Any]
) -> tuple[bytes, dict[str, Any]]:
    """A one-page letter form: a label and a blank per row, and the definition whose boxes sit on the blanks."""
    items: list[PdfText | PdfRule] = [
        PdfText(72, 72, title, 16),
        PdfText(72, 96, f"{dealer.get('name', '')} - {dealer.get('address', '')}, {dealer.get('city', '')}", 10),
        PdfText(72, 130, intro, 9),
    ]
    fields: list[ff.FormField] = []
    y = 180.0
    for label, kind, name, signee in rows:
        tall = 24.0 if kind in ff.SIGNATURE_TYPES else 14.0
        items.append(PdfText(72, y + tall - 3, label, 10))
        items.append(PdfRule(220, y + tall, 320))
        fields.append(ff.FormField(0, name, kind, 220, y, 320, tall, signee, 10, label))
        y += tall + 16
    return form_filling.letter_pdf([items]), ff.to_definition(fields)


@lru_cache(maxsize=32)
def _demo_forms(dealer_json: str) -> list[tuple[str, str, str, bytes, str]]:
    dealer = json.loads(dealer_json)
    cust, dealer_signs = "__customer__", "__dealer__"
    specs = [
        (
            "Odometer Disclosure Statement",
            "odometer-statement.pdf",
            "Federal odometer statement signed by buyer and dealer",
            "Federal law requires that you state the mileage upon transfer of ownership.",
            [
                ("Buyer", "customerFullName", "buyerName_1", cust),
                ("Year", "vehicleYear", "vehicleYear_1", cust),
                ("Make", "vehicleMake", "vehicleMake_1", cust),
                ("Model", "vehicleModel", "vehicleModel_1", cust),
                ("VIN", "vehicleVin", "vehicleVin_1", cust),
                ("Odometer reading", "vehicleOdometer", "odometer_1", cust),
                ("Date", "date", "date_1", cust),
                ("Buyer signature", "signature", "buyerSignature_1", cust),
                ("Dealer signature", "signature", "dealerSignature_1", dealer_signs),
            ],
        ),
        (
            "We Owe",
            "we-owe.pdf",
            "What the dealer still owes the buyer after delivery",
            "Items the dealership agrees to provide after delivery of the vehicle below.",
            [
                ("Buyer", "customerFullName", "buyerName_1", cust),
                ("Vehicle", "vehicleModel", "vehicleModel_1", cust),
                ("VIN", "vehicleVin", "vehicleVin_1", cust),
                ("Stock number", "vehicleStockNumber", "stockNumber_1", cust),
                ("Items owed", "text", "itemsOwed_1", dealer_signs),
                ("Date", "date", "date_1", cust),
                ("Buyer initials", "initials", "buyerInitials_1", cust),
                ("Manager signature", "signature", "managerSignature_1", dealer_signs),
            ],
        ),
        (
            "Privacy Notice",
            "privacy-notice.pdf",
            "Acknowledgement of the dealership's privacy notice",
            "I acknowledge receiving the dealership's privacy notice (Gramm-Leach-Bliley Act).",
            [
                ("Buyer", "customerFullName", "buyerName_1", cust),
                ("Email", "customerEmail", "buyerEmail_1", cust),
                ("Dealership", "dealerName", "dealerName_1", dealer_signs),
                ("Date", "date", "date_1", cust),
                ("Buyer signature", "signature", "buyerSignature_1", cust),
            ],
        ),
    ]
    out = []
    for name, file_name, description, intro, rows in specs:
        pdf, definition = _rows_form(name.upper(), intro, rows, dealer)
        out.append((name, file_name, description, pdf, json.dumps(definition)))
    return out


def _seed_dealer(db: SandboxDB, dealer: dict[str, Any]) -> None:
    key = f"templates_seeded:{dealer['dpid']}"
    if db.meta(key) is not None:
        return
    forms = _demo_forms(json.dumps(dealer, sort_keys=True))
    with db.write() as conn:
        if conn.execute("SELECT 1 FROM meta WHERE key = ?", (key,)).fetchone():
            return
        for name, file_name, description, pdf, definition in forms:
            _insert(conn, str(dealer["dpid"]), name, file_name, description, definition, pdf)
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, _now_iso()))


def _dealer(db: SandboxDB, dpid: str) -> dict[str, Any]:
    dealer = db.dealer(dpid)
    if dealer is None:
        raise not_found("Dealer not found.")
    _seed_dealer(db, dealer)
    return dealer


# storage metadata
def _crc32c(data: bytes) -> int:
    crc = 0xFFFFFFFF
    table = _crc32c_table()
    for byte in data:
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


@lru_cache(maxsize=1)
def _crc32c_table() -> tuple[int, ...]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return tuple(table)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def storage_metadata(data: bytes) -> dict[str, str]:
    """The reference's create answer, as an S3 put reports it: checksums are base64 of the big-endian digests."""
    return {
        "expiration": "",
        "etag": hashlib.md5(data, usedforsecurity=False).hexdigest(),  # an S3 ETag is the MD5 of the object
        "checksum_crc32": _b64(zlib.crc32(data).to_bytes(4, "big")),
        "checksum_crc32c": _b64(_crc32c(data).to_bytes(4, "big")),
        "checksum_sha1": _b64(hashlib.sha1(data, usedforsecurity=False).digest()),
        "checksum_sha256": _b64(hashlib.sha256(data).digest()),
        "server_side_encryption": "AES256",
        "version_id": secrets.token_urlsafe(24),
        "sse_customer_algorithm": "",
        "sse_customer_key_md5": "",
        "ssekms_key_id": "",
        "ssekms_encryption_context": "",
        "bucket_key_enabled": "false",
        "request_charged": "",
    }


def _insert(
    conn: sqlite3.Connection, dpid: str, name: str, file_name: str, description: str, definition: str, pdf: bytes
) -> tuple[int, dict[str, str]]:
    now = _now_iso()
    storage = storage_metadata(pdf)
    cur = conn.execute(
        "INSERT INTO templates (dpid, doc_identifier, name, file_name, description, form_definition, created_at,"
        " updated_at, storage, contents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (dpid, str(uuid.uuid4()), name, file_name, description, definition, now, now, json.dumps(storage), pdf),
    )
    return int(cur.lastrowid or 0), storage


def _template_json(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "name": row["name"],
        "file_name": row["file_name"],
        "description": row["description"],
        "form_definition": json.loads(row["form_definition"]),
        "id": int(row["id"]),
        "doc_identifier": row["doc_identifier"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "is_deleted": bool(row["is_deleted"]),
        "order_id": None,
    }


def _template_row(db: SandboxDB, dpid: str, template_id: str) -> sqlite3.Row:
    number = path_id(template_id)
    if number is None:
        raise not_found("Template not found.")
    row: sqlite3.Row | None = (
        db.connect().execute(f"SELECT {LISTED} FROM templates WHERE id = ? AND dpid = ?", (number, dpid)).fetchone()
    )
    if row is None:
        raise not_found("Template not found.")
    return row


# request checking
def _text(obj: dict[str, Any], key: str, name: str, *, required: bool = True) -> str:
    value = obj.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise bad_request(f"'{name}' is required.", name)
        return ""
    if not isinstance(value, str):
        raise bad_request(f"'{name}' must be a string.", name)
    if len(value) > MAX_TEXT:
        raise bad_request(f"'{name}' is longer than {MAX_TEXT} characters.", name)
    return value.strip()


def decode_file_stream(value: Any) -> bytes:
    """The PDF of a ``file_stream``: base64, optionally behind a ``data:application/pdf;...;base64,`` header."""
    name = "file_stream"
    if not isinstance(value, str) or not value.strip():
        raise bad_request(f"'{name}' is required: the PDF, base64 encoded.", name)
    text = value.strip()
    header = _DATA_URL.match(text)
    if header is not None:
        media, params = header.group(1).strip().lower(), header.group(2).lower()
        if media and media != "application/pdf":
            raise bad_request(f"'{name}' must be a PDF, not {media}.", name)
        if ";base64" not in params:
            raise bad_request(f"'{name}' must be base64 encoded (the header has no ';base64').", name)
        text = text[header.end() :]
    if len(text) > MAX_BASE64_CHARS:
        raise SandboxError(
            413, f"'{name}' is larger than the limit of {MAX_PDF_BYTES // (1024 * 1024)} MB.", field=name
        )
    try:
        data = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise bad_request(f"'{name}' is not valid base64.", name) from None
    return data


def _checked_template(form_data: dict[str, Any], data: bytes) -> list[ff.FormField]:
    try:
        return documents.check_template(data, form_data.get("form_definition"))
    except form_filling.TemplatePdfError as exc:
        raise bad_request(f"'file_stream': {exc}", "file_stream") from None
    except ff.FormDefinitionError as exc:
        raise bad_request(exc.message, f"form_data.{exc.field}") from None
    except (PyPdfError, ValueError, TypeError, IndexError, KeyError, ArithmeticError) as exc:
        # pypdf reads a /MediaBox of two numbers or a /Rotate of /X only when asked for the page size, and its
        # own limits (stream lengths) surface as errors of their own.
        reason = f"the PDF's pages cannot be read ({type(exc).__name__})"
        raise bad_request(f"'file_stream': {reason}.", "file_stream") from None


# templates
@router.get(V1 + paths.TEMPLATES)
def list_templates(request: Request, dpid: str) -> list[dict[str, Any]]:
    db = _db(request)
    _dealer(db, dpid)
    rows = (
        db.connect()
        .execute(f"SELECT {LISTED} FROM templates WHERE dpid = ? AND is_deleted = 0 ORDER BY id", (dpid,))
        .fetchall()
    )
    return [_template_json(r) for r in rows]


@router.post(V1 + paths.TEMPLATES)
async def create_template(request: Request, dpid: str, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    # async + thread pool: the base64 of a large PDF is decoded and checked off the event loop.
    return await run_in_threadpool(_create_template, request, dpid, body)


def _create_template(request: Request, dpid: str, body: Any) -> dict[str, Any]:
    db = _db(request)
    _dealer(db, dpid)
    if not isinstance(body, dict):
        raise bad_request("The request must be an object with form_data and file_stream.", "request")
    form_data = body.get("form_data")
    if not isinstance(form_data, dict):
        raise bad_request("'form_data' is required: name, file_name, description, form_definition.", "form_data")
    name = _text(form_data, "name", "form_data.name")
    file_name = _text(form_data, "file_name", "form_data.file_name")
    description = _text(form_data, "description", "form_data.description", required=False)
    data = decode_file_stream(body.get("file_stream"))
    fields = _checked_template(form_data, data)
    definition = json.dumps(ff.to_definition(fields, len(form_data["form_definition"]["pages"])))
    with db.write() as conn:
        template_id, storage = _insert(conn, dpid, name, file_name, description, definition, data)
    return {**storage, "id": template_id}  # ``id`` is a sandbox extra: the reference answers storage metadata only


@router.get(V1 + paths.TEMPLATE)
def get_template(request: Request, dpid: str, template_id: str) -> dict[str, Any]:
    db = _db(request)
    _dealer(db, dpid)
    return _template_json(_template_row(db, dpid, template_id))


@router.get(V1 + paths.TEMPLATE_FILE)
def template_file(request: Request, dpid: str, template_id: str) -> str:
    db = _db(request)
    _dealer(db, dpid)
    row = _template_row(db, dpid, template_id)
    blob = db.connect().execute("SELECT contents FROM templates WHERE id = ?", (row["id"],)).fetchone()
    return _b64(bytes(blob[0]))


@router.delete(V1 + paths.TEMPLATE)
def delete_template(request: Request, dpid: str, template_id: str) -> dict[str, Any]:
    """Idempotent: deleting a deleted template answers ok again (a retried DELETE must not fail)."""
    db = _db(request)
    _dealer(db, dpid)
    row = _template_row(db, dpid, template_id)
    if not row["is_deleted"]:
        with db.write() as conn:
            conn.execute("UPDATE templates SET is_deleted = 1, updated_at = ? WHERE id = ?", (_now_iso(), row["id"]))
    return {"status": "ok", "message": f"Template {row['id']} deleted."}


# orders and packets
STATE_TAX_PERCENT = {"CA": "7.25", "NY": "4", "WA": "6.5", "TX": "6.25", "IL": "6.25", "GA": "4"}
FINANCE_APR = Decimal("5.9")
LEASE_MONEY_FACTOR = Decimal("0.0025")
LEASE_RESIDUAL = Decimal("0.58")
DELIVERY_MILES = 8  # a new car's odometer at delivery


def _deal(dealer: dict[str, Any], vehicle: dict[str, Any], payment: dict[str, Any]) -> dict[str, Any]:
    """Sandbox deal figures for a packet: MSRP, the dealer's fees, the state's base sales tax, a house rate."""
    price = Decimal(str(vehicle.get("msrp") or 0))
    fee_table = (dealer.get("configuration") or {}).get("fees") or {}
    lease = payment.get("deal_type") == "lease"
    fees = sum(
        (Decimal(str(v)) for k, v in fee_table.items() if v and (lease or k != "lease_acquisition_fee")), Decimal(0)
    )
    taxes = (price * Decimal(STATE_TAX_PERCENT.get(str(dealer.get("state", "")), "0")) / 100).quantize(Decimal("0.01"))
    down = Decimal(str(payment.get("lease_down" if lease else "finance_down") or 0))
    term = int(payment.get("lease_months" if lease else "finance_months") or (36 if lease else 60))
    financed = max(price + fees + taxes - down, Decimal(0))
    if lease:
        monthly = lease_payment(financed, (price * LEASE_RESIDUAL).quantize(Decimal(1)), LEASE_MONEY_FACTOR, term)
        apr = LEASE_MONEY_FACTOR * 2400
        lender = f"{vehicle.get('make', 'Dealer')} Financial Services"
    else:
        monthly = amortized_payment(financed, FINANCE_APR, term)
        apr = FINANCE_APR
        lender = "Sandbox Auto Finance"
    return {
        "deal_type": "lease" if lease else "finance",
        "price": str(price),
        "fees": str(fees),
        "taxes": str(taxes),
        "down_payment": str(down),
        "amount_financed": str(financed),
        "apr": str(apr),
        "term": term,
        "monthly_payment": str(monthly),
        "lender": lender,
    }


def _order_rows(db: SandboxDB, where: str = "", args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
    sql = (
        "SELECT o.id, o.customer_id, o.dpid, o.vin, o.payment, o.created_at, c.first_name, c.last_name, c.email,"
        " c.phone, c.body FROM orders o LEFT JOIN customers c ON c.id = o.customer_id " + where + " ORDER BY o.id"
    )
    try:
        return list(db.connect().execute(sql, args).fetchall())
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise


def _order_json(db: SandboxDB, row: sqlite3.Row) -> dict[str, Any]:
    dealer = db.dealer(row["dpid"]) or {"dpid": row["dpid"]}
    recorded = json.loads(row["body"] or "{}") if row["body"] else {}
    vehicle = dict(recorded.get("vehicle") or {})
    vehicle.update(db.vehicle(row["dpid"], row["vin"]) or {})
    vehicle.setdefault("vin", row["vin"])
    vehicle.setdefault("odometer", DELIVERY_MILES)
    payment = json.loads(row["payment"] or "{}")
    return {
        "id": int(row["id"]),
        "customer_id": int(row["customer_id"]),
        "dpid": row["dpid"],
        "vin": row["vin"],
        "payment": payment,
        "created_at": row["created_at"],
        "date": date.today().isoformat(),
        "customer": {
            "first_name": row["first_name"] or "",
            "last_name": row["last_name"] or "",
            "email": row["email"] or "",
            "phone": row["phone"] or "",
        },
        "vehicle": {
            k: vehicle.get(k) for k in ("vin", "year", "make", "model", "trim", "stock_number", "msrp", "odometer")
        },
        "dealer": {k: dealer.get(k) for k in ("dpid", "name", "address", "city", "state", "zip_code", "phone")},
        "deal": _deal(dealer, vehicle, payment),
    }


def _order(db: SandboxDB, raw_id: str) -> dict[str, Any]:
    number = path_id(raw_id)
    rows = _order_rows(db, "WHERE o.id = ?", (number,)) if number is not None else []
    if not rows:
        raise not_found("Order not found.")
    return _order_json(db, rows[0])


def _template_ids(value: Any) -> list[int]:
    name = "template_ids"
    if not isinstance(value, list) or not value:
        raise bad_request(f"'{name}' is required: a list of one or more template ids.", name)
    ids: list[int] = []
    for i, item in enumerate(value):
        number = None if isinstance(item, bool) or not isinstance(item, int | str) else path_id(str(item))
        if number is None:
            shown = str(item)[:24]
            raise bad_request(f"'{name}[{i}]' must be a template id (a whole number), not {shown!r}.", f"{name}[{i}]")
        ids.append(number)
    return ids


@router.post(V1 + paths.ORDER_FORMS)
async def create_forms(request: Request, order_id: str, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    return await run_in_threadpool(_create_forms, request, order_id, body)


def _create_forms(request: Request, order_id: str, body: Any) -> dict[str, Any]:
    db = _db(request)
    if not isinstance(body, dict):
        raise bad_request("The request must be an object with title and template_ids.", "request")
    title = _text(body, "title", "title")
    ids = _template_ids(body.get("template_ids"))
    order = _order(db, order_id)
    _dealer(db, order["dpid"])
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
        template = _template_json(row)
        fields = ff.parse_definition(template["form_definition"])
        try:
            filled = documents.fill(bytes(row["contents"]), fields, values)
        except form_filling.TemplatePdfError as exc:
            raise bad_request(f"Template {template_id} cannot be filled: {exc}", "template_ids") from None
        forms.append((template_id, template, filled.data))
    with db.write() as wconn:
        cur = wconn.execute(
            "INSERT INTO form_packets (order_id, title, created_at) VALUES (?, ?, ?)",
            (order["id"], title, _now_iso()),
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
    db = _db(request)
    rows = _order_rows(db, "WHERE o.dpid = ?", (dpid,)) if dpid else _order_rows(db)
    return {"status": "ok", "orders": [_order_json(db, r) for r in rows]}


@router.get(SANDBOX + "/orders/{order_id}/forms")
def order_forms(request: Request, order_id: str) -> dict[str, Any]:
    db = _db(request)
    order = _order(db, order_id)
    conn = db.connect()
    packets = []
    for packet in conn.execute(
        "SELECT id, title, created_at FROM form_packets WHERE order_id = ? ORDER BY id", (order["id"],)
    ).fetchall():
        forms = [
            {
                "template_id": int(r["template_id"]),
                "template": json.loads(r["template"]),
                "contents": _b64(r["contents"]),
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
