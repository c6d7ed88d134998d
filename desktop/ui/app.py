"""Start the Qt application: the window is shown first, everything slow follows in the TaskRunner."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import crash_trace
from desktop.config import AppPaths, Settings, settings_file
from desktop.ui.gui_gc import freeze_when_started
from desktop.ui.main_window import SHUTDOWN_WAIT_MS, MainWindow
from desktop.ui.style import STYLE
from desktop.ui.tasks import TaskRunner

# In a PyInstaller build the data files sit under sys._MEIPASS (the bundle's _internal folder).
RESOURCES = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2])) / "resources"


def qt_environment() -> None:
    """What Qt reads from the environment, set before the application paints (a variable set already wins).

    ``QT_NO_GUI_THREADPOOL``: Qt's raster engine hands a large fill (a window background, a scroll bar's groove) to
    a pool of threads and waits for them on the GUI thread. On a desk machine of two cores busy with the sync and
    the server, the GUI thread waited for a core for those helpers: in the soak the pool's hand-off and wait were a
    fifth of an inventory page's paint, and turning it off cut the 20 ms+ paints of a one-minute drive from 21 to 12.
    """
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


GUI_SWITCH_INTERVAL_S = 0.0005  # Python's default is 0.005


def share_the_interpreter() -> None:
    """Let the GUI thread take the interpreter lock back from a busy worker within half a millisecond, not five.

    Every call from Qt into Python (a model's ``data()``, a paint event, a slot) takes the interpreter lock; while
    a worker runs Python (a rooftop's 100,000 rows read and sorted, the pricing engine), the GUI thread waits until
    the worker is asked to drop it, which Python does after the switch interval. One repaint of a table is dozens
    of such calls: `bench/bench_gil.py` measures a repaint against a busy worker at Python's 5 ms and at this
    value. The worker's job takes longer while the GUI thread works -- the share the GUI thread was waiting for.
    """
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)


def _make_secrets() -> object:
    from desktop.secrets import SecretStore  # keyring discovery can take a moment; runs off-thread

    return SecretStore()


def _after_first_paint(app: QApplication, window: MainWindow, paths: AppPaths, last_crash: str | None) -> None:
    """What the window does not need to appear: the style sheet (it styles the tabs' messages, built after the
    first paint, and would slow every widget's first polish), the icon (loads the SVG plugin), the log file;
    and, when the last run crashed, where its trace is."""
    import logging

    from desktop import logs

    app.setStyleSheet(STYLE)

    icon = RESOURCES / "icons" / "dealer-desk.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    logs.setup(paths.logs)
    if last_crash:
        where = paths.logs / crash_trace.CRASH_FILE
        logging.getLogger(__name__).warning("the last run stopped with a crash; its trace is in %s", where)
        _say_last_crash(window, where)


def _say_last_crash(window: MainWindow, where: Path) -> None:
    """A note that stays until read (a status-bar message was gone under the sync's own before anyone saw it); not
    modal: the desk is usable behind it."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Dealer Desk closed unexpectedly",
        "Dealer Desk closed unexpectedly the last time it ran.\n\n"
        f"A report of where it stopped is in {where} (program names and line numbers only, no customer data). "
        "If it happens again, send that file to whoever supports your desk.",
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setObjectName("lastCrashNote")
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()


def run(argv: list[str] | None, connector: Any, deal_stores: Any = None) -> int:
    """Show the window; ``connector`` is the composition root's ``connect(profile, secrets, paths)`` and
    ``deal_stores`` its ``open_deal_store(profile, secrets, data_dir)`` (the team server's deals, or the desk's)."""
    started = time.perf_counter()
    qt_environment()
    share_the_interpreter()
    paths = AppPaths.default()
    last_crash = crash_trace.enable(paths.logs)
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Dealer Desk")
    app.setOrganizationName("Dealer Desk")
    app.setDesktopFileName("dealer-desk")
    runner = TaskRunner(app)
    settings = Settings.load(settings_file(paths))
    window = MainWindow(paths, settings, runner, _make_secrets, connector, deal_stores=deal_stores)
    if os.environ.get("DEALER_DESK_EXIT_AFTER_PAINT"):
        # Used by bench/bench_startup.py: report the time to the first painted window, then quit.
        def _painted() -> None:
            print(f"first-paint {time.perf_counter() - started:.4f}", flush=True)
            os._exit(0)

        window.first_paint.connect(_painted)
    if os.environ.get("DEALER_DESK_SMOKE"):
        from desktop.ui import smoke  # packaging/smoke_test.py: open every tab once connected, then exit

        smoke.install(app, window)
    window.show()
    window.first_paint.connect(lambda: _after_first_paint(app, window, paths, last_crash))
    freeze_when_started(window.tabs_ready, window.workspace.connection_changed)
    code = app.exec()
    runner.shutdown(SHUTDOWN_WAIT_MS)  # the window's close already stopped its jobs; this is for any late one
    return code
