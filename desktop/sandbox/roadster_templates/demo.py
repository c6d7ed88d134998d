"""The three demo templates every dealer starts with, made the first time anything asks for its templates.

What they say (titles, file names, rows) is data, :data:`SPECS_FILE`; this module turns it into each dealer's PDFs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from desktop.domain import form_fields as ff
from desktop.sandbox.db import SandboxDB
from desktop.sandbox.errors import not_found
from desktop.sandbox.roadster_templates.store import insert_template
from desktop.sandbox.times import now_iso
from desktop.services import form_filling
from desktop.services.form_filling import PdfRule, PdfText


@dataclass(frozen=True)
class DemoRow:
    """One line of a demo form: its label, the field's type and name, and who fills it in."""

    label: str
    type: str
    name: str
    signee: str


@dataclass(frozen=True)
class DemoTemplate:
    """A demo template as :data:`SPECS_FILE` describes it; the PDF and the definition are made from it."""

    name: str
    file_name: str
    description: str
    intro: str
    rows: tuple[DemoRow, ...]


SPECS_FILE = "demo_templates.json"  # package data beside this module (pyproject.toml's package-data ships it)


@lru_cache(maxsize=1)
def demo_templates() -> tuple[DemoTemplate, ...]:
    """The demo templates' specs, read once from :data:`SPECS_FILE`.

    Raises:
        ValueError: naming the entry and key of the file that is missing, empty, or not a known type or signee.
    """
    text = resources.files(__package__).joinpath(SPECS_FILE).read_text(encoding="utf-8")
    return tuple(_template(item, f"{SPECS_FILE}[{i}]") for i, item in enumerate(json.loads(text)))


def _template(item: Any, where: str) -> DemoTemplate:
    rows = item.get("rows") if isinstance(item, dict) else None
    if not isinstance(rows, list) or not rows:
        raise ValueError(f"{where}.rows must be a non-empty list.")
    return DemoTemplate(
        name=_text(item, "name", where),
        file_name=_text(item, "file_name", where),
        description=_text(item, "description", where),
        intro=_text(item, "intro", where),
        rows=tuple(_row(row, f"{where}.rows[{i}]") for i, row in enumerate(rows)),
    )


def _row(item: Any, where: str) -> DemoRow:
    row = DemoRow(*(_text(item, key, where) for key in ("label", "type", "name", "signee")))
    if row.type not in ff.FIELD_TYPES:
        raise ValueError(f"{where}.type {row.type!r} is not a field type.")
    if row.signee not in ff.SIGNEES:
        raise ValueError(f"{where}.signee {row.signee!r} is not a signee.")
    return row


def _text(item: Any, key: str, where: str) -> str:
    value = item.get(key) if isinstance(item, dict) else None
    if not isinstance(value, str) or not value:
        raise ValueError(f"{where}.{key} must be a non-empty string.")
    return value


def _rows_form(spec: DemoTemplate, dealer: dict[str, Any]) -> tuple[bytes, dict[str, Any]]:
    """A one-page letter form: a label and a blank per row, and the definition whose boxes sit on the blanks."""
    items: list[PdfText | PdfRule] = [
        PdfText(72, 72, spec.name.upper(), 16),
        PdfText(72, 96, f"{dealer.get('name', '')} - {dealer.get('address', '')}, {dealer.get('city', '')}", 10),
        PdfText(72, 130, spec.intro, 9),
    ]
    fields: list[ff.FormField] = []
    y = 180.0
    for row in spec.rows:
        tall = 24.0 if row.type in ff.SIGNATURE_TYPES else 14.0
        items.append(PdfText(72, y + tall - 3, row.label, 10))
        items.append(PdfRule(220, y + tall, 320))
        fields.append(ff.FormField(0, row.name, row.type, 220, y, 320, tall, row.signee, 10, row.label))
        y += tall + 16
    return form_filling.letter_pdf([items]), ff.to_definition(fields)


@lru_cache(maxsize=32)
def _demo_forms(dealer_json: str) -> list[tuple[str, str, str, bytes, str]]:
    dealer = json.loads(dealer_json)
    out = []
    for spec in demo_templates():
        pdf, definition = _rows_form(spec, dealer)
        out.append((spec.name, spec.file_name, spec.description, pdf, json.dumps(definition)))
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
