"""The three demo templates every dealer starts with, made the first time anything asks for its templates."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from desktop.domain import form_fields as ff
from desktop.sandbox.db import SandboxDB
from desktop.sandbox.errors import not_found
from desktop.sandbox.roadster_templates.store import insert_template
from desktop.sandbox.times import now_iso
from desktop.services import form_filling
from desktop.services.form_filling import PdfRule, PdfText


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
            insert_template(conn, str(dealer["dpid"]), name, file_name, description, definition, pdf)
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, now_iso()))


def seeded_dealer(db: SandboxDB, dpid: str) -> dict[str, Any]:
    """The dealer (404 when there is none), with its demo templates made if this is the first time it is asked."""
    dealer = db.dealer(dpid)
    if dealer is None:
        raise not_found("Dealer not found.")
    _seed_dealer(db, dealer)
    return dealer
