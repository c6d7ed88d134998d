"""The real window on a fresh embedded sandbox, offscreen, for the scripts that record the app (screenshots, samples).

Both recorders need the same stage: a temporary DEALER_DESK_HOME (so a developer's own data never shows), the styled
1400×860 window, a test for "connected and the first inventory sync is in", a three-minute limit and one exit code.
Keeping it here means a change to how the window is built (a new constructor argument) is made once.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import MainWindow
    from desktop.ui.tasks import TaskRunner

FIRST_STEP_MS = 500
GIVE_UP_MS = 180_000


class LiveWindow:
    """The running app a recorder drives: the application, its window, and the reasons it failed (if any)."""

    def __init__(self, app: QApplication, runner: TaskRunner, window: MainWindow) -> None:
        self.app = app
        self.runner = runner
        self.window = window
        self.failed: list[str] = []

    @classmethod
    def open(cls, home_prefix: str) -> LiveWindow:
        """Show the styled 1400×860 window in a fresh temporary DEALER_DESK_HOME named ``home_prefix...``."""
        os.environ["DEALER_DESK_HOME"] = tempfile.mkdtemp(prefix=home_prefix)

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
        return cls(app, runner, window)

    def ready(self) -> bool:
        """Whether the window is connected and its first inventory sync has brought vehicles."""
        window = self.window
        return (
            window.inventory_tab is not None
            and window.workspace.connected
            and not window.inventory_tab.is_syncing()
            and bool(window.inventory_tab.model.total_count())
        )

    def fail(self, reason: str) -> None:
        """Stop recording: the reason becomes the script's error line and its exit code 1."""
        self.failed.append(reason)
        self.app.quit()

    def finish(self) -> None:
        """Stop recording after the last file is written."""
        self.window.close()
        self.app.quit()

    def run(self, label: str, first_step: Callable[[], None]) -> int:
        """Run the event loop from ``first_step`` until ``finish``, ``fail`` or the time limit; return the exit code.

        Args:
            label: the script's name, the prefix of its error line on stderr.
            first_step: drives the window (through QTimer steps) and ends with ``finish()`` or ``fail()``.
        """
        from PySide6.QtCore import QTimer

        QTimer.singleShot(FIRST_STEP_MS, first_step)
        QTimer.singleShot(GIVE_UP_MS, lambda: self.fail(f"not ready after {GIVE_UP_MS // 1000} s"))
        self.app.exec()
        self.runner.wait_idle(10_000)
        if self.failed:
            print(f"{label}: {self.failed[0]}", file=sys.stderr)
            return 1
        return 0
