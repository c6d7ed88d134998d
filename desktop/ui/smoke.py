"""Smoke run of the app (``DEALER_DESK_SMOKE=1``), used by packaging/smoke_test.py on the frozen build.

Once every tab is built and the profile is connected (the embedded sandbox by default), each tab is shown and
painted once, then the app quits with 0. A failed connection quits with 1; nothing ready in time quits with 2.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.ui.main_window import TAB_SPECS, MainWindow

POLL_MS = 200


def install(app: QApplication, window: MainWindow, timeout: float = 120.0) -> None:
    """Poll with a QTimer until the window is ready, then walk the tabs and exit; call before ``app.exec()``."""
    started = time.monotonic()
    timer = QTimer(window)
    timer.setInterval(POLL_MS)

    def done(code: int, message: str) -> None:
        timer.stop()
        print(f"smoke: {message}", flush=True)
        window.close()
        app.exit(code)

    def poll() -> None:
        elapsed = time.monotonic() - started
        workspace = window.workspace
        if workspace.connection_error:
            done(1, f"connection failed after {elapsed:.1f} s: {workspace.connection_error}")
            return
        if len(window.tab_widgets) < len(TAB_SPECS) or not workspace.connected:
            if elapsed > timeout:
                built = f"{len(window.tab_widgets)} of {len(TAB_SPECS)} tabs built"
                done(2, f"not ready after {timeout:.0f} s ({built}, connected: {workspace.connected})")
            return
        timer.stop()
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            app.processEvents()
            covers = getattr(window.tabs.widget(i), "covered_show", None)
            if covers is not None:  # its panes shown and painted too, not blank under covers still
                covers.lift_all()
            window.grab()  # paints the tab for real, as a user would see it
            title = window.tabs.tabText(i).replace("&&", "\0").replace("&", "").replace("\0", "&")
            print(f"smoke: tab {title!r} opened", flush=True)
        done(0, f"ready and every tab opened in {time.monotonic() - started:.1f} s")

    timer.timeout.connect(poll)
    timer.start()
