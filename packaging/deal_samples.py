"""Sample deal documents from the running app, for docs/samples/ (so they stay current).

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/deal_samples.py [out_dir]

Starts the real window on a fresh embedded sandbox (in a temporary DEALER_DESK_HOME), waits for the connection
and the first inventory sync, opens Deal Pricing on a vehicle, fills a local buyer, lets the server check and the F&I
catalog arrive, chooses the Gold package on the finance menu, and saves worksheet.pdf, menu.pdf and
deal-recap.pdf with the tab's own print buttons' code.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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
    os.environ["DEALER_DESK_HOME"] = tempfile.mkdtemp(prefix="dealer-desk-samples-")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.composition import connect
    from desktop.config import AppPaths, Settings
    from desktop.secrets import SecretStore
    from desktop.ui.main_window import MainWindow
    from desktop.ui.style import STYLE
    from desktop.ui.tasks import TaskRunner

    app = QApplication([])
    app.setStyleSheet(STYLE)
    runner = TaskRunner()
    window = MainWindow(AppPaths.default(), Settings(), runner, SecretStore, connect)
    window.resize(1400, 860)
    window.show()
    failed: list[str] = []

    def ready() -> bool:
        return (
            window.inventory_tab is not None
            and window.workspace.connected
            and not window.inventory_tab.is_syncing()
            and bool(window.inventory_tab.model.total_count())
        )

    def open_deal() -> None:
        if not ready():
            QTimer.singleShot(250, open_deal)
            return
        pricing = window.tab_widgets.get("Deal Pricing")
        if pricing is None or pricing.vehicle_combo.count() < 2:
            failed.append("no vehicle to price")
            app.quit()
            return
        window.tabs.setCurrentWidget(pricing)
        dealer = window.workspace.dealer() or {}
        local = {"city": dealer.get("city", ""), "state": dealer.get("state", ""), "zip": dealer.get("zip_code", "")}
        pricing.set_buyer({**BUYER, **local})  # a local buyer: the rooftop's city, state and ZIP
        pricing.credit_score.setValue(CREDIT_SCORE)
        pricing.deal_number = f"{window.workspace.dpid.upper()[:2]}-1042"
        pricing.vehicle_combo.setCurrentIndex(1)
        wait_for_products(pricing, 0)

    def wait_for_products(pricing: object, tries: int) -> None:
        if not pricing.products.products or pricing.structure is None:  # type: ignore[attr-defined]
            if tries > 240:
                failed.append("the F&I catalog did not arrive")
                app.quit()
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
        window.close()
        app.quit()

    def give_up() -> None:
        failed.append("not ready after 180 s")
        app.quit()

    QTimer.singleShot(500, open_deal)
    QTimer.singleShot(180_000, give_up)
    app.exec()
    runner.wait_idle(10_000)
    if failed:
        print(f"deal samples: {failed[0]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
