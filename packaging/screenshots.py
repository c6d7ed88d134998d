"""Screenshots of every tab from the running app, for README (so they stay current).

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots.py [out_dir] [--size 1280x720 ...]

Starts the real window on a fresh embedded sandbox (in a temporary DEALER_DESK_HOME), waits for the connection
and the first inventory sync, then grabs each tab. Without --size the window is 1400×860 and the files are named
after the tabs (``dealers.png``); each --size grabs every tab again at that window size, into
``dealers-1280x720.png`` and so on. Under Xvfb (``Xvfb :99 -screen 0 1920x1080x24 &``, then ``DISPLAY=:99
QT_QPA_PLATFORM=xcb``) the shots have the fonts and frames of a real X11 desktop.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from live_window import ROOT, LiveWindow


def _size(text: str) -> tuple[int, int]:
    width, _x, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 1280x720")
    return int(width), int(height)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", type=_size, action="append", default=[], help="window size, e.g. 1280x720")
    args = parser.parse_args()
    out: Path = args.out_dir
    sizes: list[tuple[int, int]] = args.size
    out.mkdir(parents=True, exist_ok=True)
    live = LiveWindow.open("dealer-desk-shots-")
    window = live.window

    from PySide6.QtCore import QTimer

    def shoot() -> None:
        if not live.ready():
            QTimer.singleShot(250, shoot)
            return
        inventory = window.inventory_tab
        inventory.table.selectRow(2)
        pricing = window.tab_widgets.get("Deal Pricing")
        if pricing is not None and pricing.vehicle_picker.model.rowCount() > 0:
            pricing.choose_vehicle(pricing.vehicle_picker.model.choice(0).vin)  # a priced deal beats an empty form
        conn = window.workspace.connection
        if conn is not None and conn.sandbox_url:  # a shopper's journey, so the Customers timeline has something
            import httpx

            httpx.post(
                conn.sandbox_url + "/sandbox/simulate",
                json={"dpid": window.workspace.dpid, "seed": 7},
                headers={"Authorization": f"Bearer {conn.sandbox_api_key}"},
                timeout=30,
            ).raise_for_status()
        QTimer.singleShot(2500, show_timeline)

    def show_timeline() -> None:
        customers = window.tab_widgets.get("Customers")
        if customers is not None:
            customers.pull_events()
            QTimer.singleShot(1500, lambda: pick_customer(customers))
        else:
            grab_all()

    def pick_customer(customers: object) -> None:
        table = customers.table  # type: ignore[attr-defined]
        if table.model().rowCount():
            table.selectRow(0)
            pages = customers.pages  # type: ignore[attr-defined]
            pages.setCurrentIndex(pages.indexOf(customers.timeline))  # type: ignore[attr-defined]
            link = getattr(customers, "deal_link", None)
            if link is not None:  # the shopper's deal, so the Deals list and the deal jacket are filled in
                link.start_or_open()
        QTimer.singleShot(1500, grab_all)

    def grab_all() -> None:
        tabs = range(window.tabs.count())
        shots: list[tuple[tuple[int, int] | None, int]] = [(size, i) for size in sizes or [None] for i in tabs]

        def show_next() -> None:
            if not shots:
                live.finish()
                return
            size, i = shots[0]
            if size is not None and (window.width(), window.height()) != size:
                window.resize(*size)
            window.tabs.setCurrentIndex(i)
            # A tab paints its panes over a few event-loop turns after it is shown (StaggeredPaint): grab once
            # they all have, not the previous tab's pixels beneath them.
            QTimer.singleShot(400, grab_next)

        def grab_next() -> None:
            size, i = shots.pop(0)
            suffix = "" if size is None else f"-{size[0]}x{size[1]}"
            # Every tab, named after its title: a new tab gets its shot.
            name = re.sub(r"[^a-z0-9]+", "-", window.tabs.tabText(i).replace("&", "").lower()).strip("-")
            path = out / f"{name}{suffix}.png"
            shot = window.grab()
            if size is not None and (shot.width(), shot.height()) != size:
                live.failed.append(f"the window is {shot.width()}×{shot.height()}, not {size[0]}×{size[1]}")
            shot.save(str(path))
            print(path)
            show_next()

        show_next()

    return live.run("screenshots", shoot)


if __name__ == "__main__":
    sys.exit(main())
