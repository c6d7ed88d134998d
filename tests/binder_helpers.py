"""Helpers the binder tests share: a customer to attach documents to, and the sample files."""

from __future__ import annotations

import itertools
import sqlite3
import time
from pathlib import Path

import httpx

from desktop.sandbox import roadster_documents
from desktop.sandbox.server import SandboxServer
from tests.conftest import SAMPLE_PDFS

_serial = itertools.count(1)
PASSWORD_PDF = SAMPLE_PDFS / "005-libreoffice-writer-password_libreoffice-writer-password.pdf"
PASSWORD = "openpassword"
FOUR_PAGES = SAMPLE_PDFS / "004-pdflatex-4-pages_pdflatex-4-pages.pdf"
SMILE_PNG = SAMPLE_PDFS / "007-imagemagick-images_smile.png"
SMILE_JPG = SAMPLE_PDFS / "007-imagemagick-images_smile.jpg"


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLE_PDFS.iterdir() if p.suffix.lower() in (".pdf", ".png", ".jpg", ".jpeg"))


def make_customer(server: SandboxServer, dpid: str = "hyundaidemo") -> int:
    """A customer through ``POST /v1/customers`` when the customers issue has landed, else a row of its table."""
    n = next(_serial)
    email = f"binder{n}@example.com"
    body = {"customer": {"first_name": "Dana", "last_name": f"Binder{n}", "email": email}, "dealer": {"dpid": dpid}}
    response = httpx.post(
        server.url + "/v1/customers", json=body, headers={"Authorization": f"Bearer {server.config.api_key}"}
    )
    if response.status_code == 200 and isinstance(response.json().get("customer"), dict):
        return int(response.json()["customer"]["id"])
    conn = sqlite3.connect(server.config.db_path, timeout=30)
    try:
        # The schema of desktop/sandbox/roadster_customers/store.py, for a sandbox built without that module.
        conn.execute(
            "CREATE TABLE IF NOT EXISTS customers (id INTEGER PRIMARY KEY AUTOINCREMENT, dpid TEXT NOT NULL,"
            " email TEXT NOT NULL COLLATE NOCASE, first_name TEXT NOT NULL DEFAULT '', last_name TEXT NOT NULL"
            " DEFAULT '', phone TEXT NOT NULL DEFAULT '', partner_id TEXT NOT NULL DEFAULT '',"
            " created_at INTEGER NOT NULL, body TEXT NOT NULL DEFAULT '{}', UNIQUE (dpid, email))"
        )
        cur = conn.execute(
            "INSERT INTO customers (dpid, email, first_name, last_name, created_at) VALUES (?, ?, ?, ?, ?)",
            (dpid, email, "Dana", f"Binder{n}", int(time.time())),
        )
        conn.commit()
        return int(cur.lastrowid or 0)
    finally:
        conn.close()


def store_direct(server: SandboxServer, customer: int, file_name: str, data: bytes, dpid: str = "hyundaidemo") -> int:
    """A document written straight into the sandbox's tables, as one stored before uploads were checked would be:
    the way to put a file the upload checks refuse in front of the preview."""
    conn = sqlite3.connect(server.config.db_path, timeout=30)
    try:
        conn.executescript(roadster_documents.SCHEMA)  # the sandbox makes it on its first document request
        now = int(time.time())
        cur = conn.execute(
            "INSERT INTO documents (customer_id, dpid, document_type, relationship, name, file_name, size,"
            " created_at, updated_at) VALUES (?, ?, 'license', 'self', ?, ?, ?, ?, ?)",
            (customer, dpid, file_name, file_name, len(data), now, now),
        )
        document_id = int(cur.lastrowid or 0)
        conn.execute("INSERT INTO document_files (document_id, contents) VALUES (?, ?)", (document_id, data))
        conn.commit()
        return document_id
    finally:
        conn.close()
