"""The printed deal documents read back from the PDFs: content, page size, type size, nothing of the dealer's on
the customer's copies, and the time each takes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from desktop.sandbox.server import SandboxServer
from desktop.ui.tabs.pricing import PricingTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.ui.pricing_helpers import check_now, no_check_pending, pricing_tab

LETTER = (612.0, 792.0)
DEALER_WORDS = ("profit", "reserve", "dealer cost", "invoice", "gross", "markup", "buy rate")


@pytest.fixture
def tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> PricingTab:
    widget = pricing_tab(qtbot, runner, workspace, sandbox)
    widget.set_buyer({"first_name": "Maria", "last_name": "Lopez", "address": "12 Elm St", "city": "Syracuse"})
    widget.deal_number = "UM-1042"
    widget.menu_page.choose_buttons["Silver"].click()
    check_now(qtbot, widget)
    runner.wait_idle()
    no_check_pending(qtbot, widget)
    return widget


def font_sizes(reader: PdfReader) -> list[float]:
    """The size every visible run of text is drawn at, in points (font size x text and page matrices)."""
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if not text.strip():
            return
        scale_cm = (cm[0] * cm[3] - cm[1] * cm[2]) ** 0.5
        scale_tm = abs(tm[0] * tm[3] - tm[1] * tm[2]) ** 0.5
        sizes.append(size * scale_tm * abs(scale_cm))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return sizes


def read(path: Path) -> tuple[PdfReader, str]:
    """The reader and the text, with runs of whitespace as one space (Qt places each word on its own)."""
    reader = PdfReader(path)
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize("kind", ["worksheet", "menu", "recap"])
def test_documents_are_real_letter_pages(tab: PricingTab, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.pdf"
    pages = tab.save_document(kind, path)  # its time is bench/bench_printing.py's, not a timed test's
    reader, text = read(path)
    assert len(reader.pages) == pages >= 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == LETTER
    assert min(font_sizes(reader)) >= 9 - 0.01
    assert tab.vehicle is not None and tab.vehicle["vin"] in text
    for expected in ("Maria Lopez", "UM-1042", "Page 1 of", "Buyer"):
        assert expected in text, expected
    dealer = tab.workspace.dealer() or {}
    assert str(dealer["name"]) in text and str(dealer["zip_code"]) in text
    assert "______" in text  # signature lines


@pytest.mark.parametrize("kind", ["worksheet", "menu"])
def test_customer_copies_carry_nothing_of_the_dealers(tab: PricingTab, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.pdf"
    tab.save_document(kind, path)
    _reader, text = read(path)
    lowered = text.casefold()
    assert [word for word in DEALER_WORDS if word in lowered] == []


def test_worksheet_names_the_deal_and_the_tax_source(tab: PricingTab, tmp_path: Path) -> None:
    path = tmp_path / "worksheet.pdf"
    tab.save_document("worksheet", path)
    _reader, text = read(path)
    desk = tab.deals["finance"]
    assert desk is not None and desk.monthly_payment is not None
    assert f"{desk.monthly_payment:,.2f}" in text and "state average" in text
    assert "Money factor" not in text or "$" not in text.split("Money factor")[1][:12]


def test_menu_lists_the_declined_products_for_signature(tab: PricingTab, tmp_path: Path) -> None:
    path = tmp_path / "menu.pdf"
    tab.save_document("menu", path)
    _reader, text = read(path)
    assert tab.structure is not None and tab.structure.declined
    assert "Declined products acknowledgment" in text
    for name in tab.structure.declined:
        assert name.split(" — ")[0] in text


def test_recap_carries_front_and_back_gross(tab: PricingTab, tmp_path: Path) -> None:
    path = tmp_path / "recap.pdf"
    tab.save_document("recap", path)
    _reader, text = read(path)
    desk = tab.deals["finance"]
    assert desk is not None
    for words in ("Front gross", "Back gross", "Dealer reserve", f"{desk.reserve:,.2f}", f"{desk.back_gross:,.2f}"):
        assert words in text, words
    assert desk.offer is not None
    assert f"buy rate {desk.offer.buy_rate.normalize():f} %" in text  # a rate reads as one (walked: "buy rate 2.9")
    # The deal line by line, its rebates and the amount financed among them: the payment can be traced on it.
    import unicodedata

    plain = unicodedata.normalize("NFKC", text)  # the PDF's "ﬁ" ligature read as "fi"
    assert any("financed" in label.lower() for label, _amount in desk.deal.lines), desk.deal.lines
    for label, amount in desk.deal.lines:
        assert label.split(" (")[0] in plain and f"{abs(amount):,.2f}" in plain, label
