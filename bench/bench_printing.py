"""How long each printed deal document takes: rich-text layout and the US-letter PDF, on one core.

    QT_QPA_PLATFORM=offscreen python bench/bench_printing.py

Builds a finance deal with four products and a trade (the engine, not the sandbox: printing is what is timed),
then writes the customer worksheet, the menu with its declined-products acknowledgment and the manager's recap
several times each, and reports the median and worst time per document beside the 1 s target. A benchmark,
not a timed test: it reports and exits 0.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import HEADER, row
from bench.bench_menu import CATALOG, DEALER, TODAY
from desktop.domain.deal import Ownership, TradeIn
from desktop.domain.desking import DealStructure, DeskContext, DeskVehicle, price_desk
from desktop.domain.desking.menu import MenuQuote, choose, default_packages, price_menu
from desktop.domain.programs import default_programs

TARGET_S = 1.0
REPEATS = 7
D = Decimal


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.printing.deal_documents import DocumentFacts, menu_html, recap_html, worksheet_html
    from desktop.ui.printing.pdf import write_pdf

    app = QApplication([])
    ctx = DeskContext(DEALER, default_programs("Mazda", TODAY), TODAY)
    vehicle = DeskVehicle("JM3KFBCM1R0000001", 2026, "Mazda", "CX-5", D(32_000), trim="Touring", cost=D(29_500))
    base = DealStructure(
        vehicle=vehicle,
        selling_price=D(31_200),
        credit_score=700,
        zip_code="94113",
        cash_down=D(2000),
        trade=TradeIn(D(9000), D(11_000), Ownership.FINANCED),
    )
    packages = default_packages(CATALOG)
    structure = choose(base, packages[1], CATALOG, "finance")
    deals = {kind: price_desk(structure, ctx, kind) for kind in ("cash", "finance", "lease")}  # type: ignore[misc]
    quote = price_menu(replace(structure, products=()), ctx, packages, CATALOG)["finance"]
    assert isinstance(quote, MenuQuote)
    facts = DocumentFacts(
        "University Mazda",
        "2850 Erie Blvd E, Syracuse, NY 13224",
        "315-555-0148",
        "Maria Lopez",
        "412 Oak St, San Francisco, CA 94113",
        "UM-1042",
        date.today(),
    )
    documents = {
        "worksheet": lambda: worksheet_html(facts, deals, "finance"),
        "menu": lambda: menu_html(facts, structure, quote, structure.declined),
        "deal recap": lambda: recap_html(facts, deals, "finance"),
    }
    print(f"{REPEATS} runs per document, HTML built and laid out and written each time")
    print(HEADER)
    with tempfile.TemporaryDirectory() as folder:
        for name, html in documents.items():
            times = []
            for i in range(REPEATS):
                start = time.perf_counter()
                write_pdf(html(), Path(folder) / f"{name}-{i}.pdf", name, f"University Mazda · {name}")
                times.append(time.perf_counter() - start)
            median = statistics.median(times)
            print(row(f"{name}, median", f"{median * 1000:.0f} ms", "", "", f"<= {TARGET_S:.0f} s", median <= TARGET_S))
            print(
                row(
                    f"{name}, worst",
                    f"{max(times) * 1000:.0f} ms",
                    "",
                    "",
                    f"<= {TARGET_S:.0f} s",
                    max(times) <= TARGET_S,
                )
            )
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
