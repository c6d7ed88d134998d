"""The demo templates every sandbox dealer starts with, read from their JSON specs shipped as package data."""

from __future__ import annotations

import fnmatch
import hashlib
import io
import tomllib
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.sandbox.db import SandboxDB
from desktop.sandbox.roadster_templates import demo
from desktop.sandbox.roadster_templates.store import ensure_schema

ROOT = Path(__file__).resolve().parents[2]

# The seeded set, pinned: a change to a box, a type or a signee is a deliberate one (the hash changes with it). Last
# changed when the We Owe named its vehicle by year, make and model, as a printed We Owe does, not by the model alone.
SEEDED = [
    (
        "Odometer Disclosure Statement",
        "odometer-statement.pdf",
        "Federal odometer statement signed by buyer and dealer",
    ),
    ("We Owe", "we-owe.pdf", "What the dealer still owes the buyer after delivery"),
    ("Privacy Notice", "privacy-notice.pdf", "Acknowledgement of the dealership's privacy notice"),
]
DEFINITIONS_SHA256 = "204e887dd4f71b77b82ba94847b35b855b179e7bda25e1900878ad4ee1215005"


def test_a_dealer_is_seeded_the_same_templates_as_before_the_specs_became_data(tmp_path: Path) -> None:
    db = SandboxDB(tmp_path / "sandbox.sqlite3")
    db.seed_if_empty(seed=7, inventory_size=1)
    ensure_schema(db)
    dealer = db.dealers()[0]
    demo.seeded_dealer(db, dealer["dpid"])
    rows = (
        db.connect()
        .execute(
            "SELECT name, file_name, description, form_definition, contents FROM templates WHERE dpid = ? ORDER BY id",
            (dealer["dpid"],),
        )
        .fetchall()
    )
    assert [(r["name"], r["file_name"], r["description"]) for r in rows] == SEEDED
    definitions = "\n".join(r["form_definition"] for r in rows)
    assert hashlib.sha256(definitions.encode()).hexdigest() == DEFINITIONS_SHA256  # every box, type and signee
    for row, spec in zip(rows, demo.demo_templates(), strict=True):
        text = PdfReader(io.BytesIO(row["contents"])).pages[0].extract_text()
        for shown in (spec.name.upper(), spec.intro, dealer["name"], *(r.label for r in spec.rows)):
            assert shown in text


def test_the_we_owe_names_the_vehicle_by_year_make_and_model() -> None:
    [we_owe] = [spec for spec in demo.demo_templates() if spec.name == "We Owe"]
    assert [(r.label, r.type) for r in we_owe.rows[1:5]] == [
        ("Year", "vehicleYear"),
        ("Make", "vehicleMake"),
        ("Model", "vehicleModel"),
        ("VIN", "vehicleVin"),
    ]


def test_a_spec_that_names_an_unknown_field_type_is_refused_naming_where() -> None:
    bad = {"name": "N", "file_name": "n.pdf", "description": "d", "intro": "i"}
    row = {"label": "Buyer", "type": "buyerShoeSize", "name": "b_1", "signee": "__customer__"}
    with pytest.raises(ValueError, match=r"demo_templates.json\[0\].rows\[0\].type 'buyerShoeSize'"):
        demo._template({**bad, "rows": [row]}, f"{demo.SPECS_FILE}[0]")
    with pytest.raises(ValueError, match=r"\[0\].intro must be a non-empty string"):
        demo._template({**bad, "intro": "", "rows": [row]}, f"{demo.SPECS_FILE}[0]")


def test_every_data_file_of_the_package_is_shipped_with_it() -> None:
    """A file read at run time that the wheel or the PyInstaller build leaves out works from the checkout only."""
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["desktop"]
    data = [p.relative_to(ROOT / "desktop").as_posix() for p in (ROOT / "desktop").rglob("*.json")]
    assert data, "the demo templates' specs are JSON under desktop/"
    assert [p for p in data if not any(fnmatch.fnmatch(p, g) for g in globs)] == []
    assert 'collect_data_files("desktop")' in (ROOT / "packaging" / "dealer-desk.spec").read_text()  # the frozen app
