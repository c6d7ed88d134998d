"""The desk's printed documents: worksheet, menu and deal recap, saved as PDFs.

A mixin of :class:`~desktop.ui.tabs.pricing.tab.PricingTab`. Laying out and writing a document takes well
under a second (``bench/bench_printing.py``), so it runs on the GUI thread at the user's click.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton

from desktop.domain.desking.menu import MenuQuote
from desktop.ui.file_places import PRINTED, remember, start_in
from desktop.ui.printing.deal_documents import DocumentFacts, menu_html, recap_html, worksheet_html
from desktop.ui.printing.pdf import write_pdf

DOCUMENTS = (
    ("worksheet", "Save worksheet PDF…", "Customer deal worksheet"),
    ("menu", "Save menu PDF…", "Protection menu"),
    ("recap", "Save deal recap PDF…", "Manager's deal recap"),
)


class Printing:
    """Document buttons and PDF writing for the pricing tab."""

    def init_printing(self: Any) -> None:
        self.print_buttons_by_kind: dict[str, QPushButton] = {}
        for kind, label, _title in DOCUMENTS:
            button = QPushButton(label, self)
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, k=kind: self._on_save_document(k))
            self.print_buttons_by_kind[kind] = button
        self.save_pdf = self.print_buttons_by_kind["worksheet"]

    def print_buttons(self: Any) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        for button in self.print_buttons_by_kind.values():
            row.addWidget(button)
        return row

    def set_printing_enabled(self: Any, enabled: bool) -> None:
        for button in self.print_buttons_by_kind.values():
            button.setEnabled(enabled)

    def document_facts(self: Any) -> DocumentFacts:
        dealer = self.workspace.dealer() or self._detail or {}
        place = ", ".join(
            str(part) for part in (dealer.get("address"), dealer.get("city"), dealer.get("state")) if part
        )
        address = f"{place} {dealer.get('zip_code', '')}".strip()
        buyer = [self.buyer[n].text().strip() for n in ("address", "city", "state")]
        buyer_address = f"{', '.join(p for p in buyer if p)} {self.zip_code.text().strip()}".strip()
        return DocumentFacts(
            dealer_name=str(dealer.get("name") or self.workspace.dpid),
            dealer_address=address,
            dealer_phone=str(dealer.get("phone") or ""),
            buyer_name=self.buyer_name(),
            buyer_address=buyer_address,
            deal_number=self.deal_number or "not yet saved",
            printed_on=date.today(),
            salesperson=self.salesperson,
        )

    def chosen_type(self: Any) -> str:
        kind = str(self.menu_page.current_type())
        return kind if self.deals.get(kind) is not None else next(k for k, d in self.deals.items() if d is not None)

    def document_html(self: Any, kind: str) -> str:
        """The rich text of ``kind`` (worksheet, menu or recap) for the deal on the desk."""
        facts = self.document_facts()
        if kind == "worksheet":
            return worksheet_html(facts, self.deals, self.chosen_type())
        if kind == "recap":
            return recap_html(facts, self.deals, self.chosen_type())
        quote = self.menu.get(self.menu_page.current_type())
        if not isinstance(quote, MenuQuote) or self.structure is None:
            raise ValueError("there is no menu for this deal yet; load the products and price the deal first")
        structure = self.structure
        return menu_html(facts, structure, quote, structure.declined)

    def save_document(self: Any, kind: str, path: Path) -> int:
        """Write ``kind`` to ``path`` as a US-letter PDF; returns its page count."""
        title = next(t for k, _l, t in DOCUMENTS if k == kind)
        facts = self.document_facts()
        footer = f"{facts.dealer_name} · {title} · deal {facts.deal_number}"
        return write_pdf(self.document_html(kind), path, title, footer)

    def save_worksheet(self: Any, path: Path) -> int:
        return int(self.save_document("worksheet", path))

    def _on_save_document(self: Any, kind: str) -> None:
        vin = self.vehicle["vin"] if self.vehicle else "deal"
        name, _ = QFileDialog.getSaveFileName(
            self, "Save document", start_in(PRINTED, f"{kind}-{self.deal_number or vin}.pdf"), "PDF (*.pdf)"
        )
        if not name:
            return
        remember(PRINTED, name)
        try:
            self.save_document(kind, Path(name))
        except ValueError as exc:
            self.banner.show_error(f"The {kind} cannot be printed: {exc}.")
            return
        except OSError as exc:
            self.banner.show_error(f"The {kind} could not be saved to {name}: {exc.strerror or exc}.")
            return
        self.banner.show_info(f"Saved to {name}.")
