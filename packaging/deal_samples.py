"""Sample deal documents from the running app, for docs/samples/ (so they stay current).

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/deal_samples.py [out_dir]

Starts the real window on a fresh embedded sandbox (in a temporary DEALER_DESK_HOME), waits for the connection
and the first inventory sync, opens Deal Pricing on a vehicle, fills a local buyer, lets the server check and the F&I
catalog arrive, chooses the Gold package on the finance menu, and saves worksheet.pdf, menu.pdf and
deal-recap.pdf with the tab's own print buttons' code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from live_window import ROOT, LiveWindow

SAMPLES = (("worksheet", "worksheet.pdf"), ("menu", "menu.pdf"), ("recap", "deal-recap.pdf"))
BUYER = {
    "first_name": "Maria",
    "last_name": "Lopez",
    "email": "maria.lopez@example.com",
    "phone": "315-555-0199",
    "address": "412 Oak Street",
}
CREDIT_SCORE = 700  # a standard-rate buyer, so the recap shows a reserve


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "samples"
    out.mkdir(parents=True, exist_ok=True)
    live = LiveWindow.open("dealer-desk-samples-")
    window = live.window

    from PySide6.QtCore import QTimer

    def open_deal(tries: int = 0) -> None:
        pricing = window.tab_widgets.get("Deal Pricing")
        choices = pricing.vehicle_picker.model if pricing is not None else None
        if not live.ready() or (choices is not None and choices.rowCount() == 0 and tries < 40):
            QTimer.singleShot(250, lambda: open_deal(tries + 1 if live.ready() else 0))  # the picker's first page
            return
        if pricing is None or choices is None or choices.rowCount() == 0:
            live.fail("no vehicle to price")
            return
        window.tabs.setCurrentWidget(pricing)
        dealer = window.workspace.dealer() or {}
        local = {"city": dealer.get("city", ""), "state": dealer.get("state", ""), "zip": dealer.get("zip_code", "")}
        pricing.set_buyer({**BUYER, **local})  # a local buyer: the rooftop's city, state and ZIP
        pricing.credit_score.setValue(CREDIT_SCORE)
        pricing.deal_number = f"{window.workspace.dpid.upper()[:2]}-1042"
        pricing.choose_vehicle(choices.choice(0).vin)
        wait_for_products(pricing, 0)

    def wait_for_products(pricing: object, tries: int) -> None:
        if not pricing.products.products or pricing.structure is None:  # type: ignore[attr-defined]
            if tries > 240:
                live.fail("the F&I catalog did not arrive")
                return
            QTimer.singleShot(250, lambda: wait_for_products(pricing, tries + 1))
            return
        pricing.menu_page.choose_buttons["Gold"].click()  # type: ignore[attr-defined]
        QTimer.singleShot(1500, lambda: save(pricing))

    def save(pricing: object) -> None:
        for kind, name in SAMPLES:
            path = out / name
            pricing.save_document(kind, path)  # type: ignore[attr-defined]
            print(path)
        live.finish()

    return live.run("deal samples", open_deal)


if __name__ == "__main__":
    sys.exit(main())
