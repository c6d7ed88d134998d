"""Work a tab owes the window (following a rooftop switch), done at once when the tab is on screen, else when shown.

A rooftop switch reaches every tab in the same signal emission; each tab resetting its lists and models took the
GUI thread past a frame (60 ms in the soak). A tab the person is not looking at only needs to be right when it is
next shown: it keeps the work and does it in its ``showEvent`` (an override: Python event filters crashed the
process at teardown), or sooner when something asks it for the new rooftop's data (:meth:`WhenShown.flush`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget


class WhenShown:
    """Per tab: :meth:`run` now or keep for the next show; the owner calls :meth:`flush` from its ``showEvent``.

    A tab that is a window of its own (a test's, a torn-off one) or inside a window not shown yet works at once:
    only a tab hidden behind another in a shown window waits.
    """

    def __init__(self, widget: QWidget) -> None:
        self._widget = widget
        self._due: dict[str, Callable[[], None]] = {}

    def run(self, key: str, work: Callable[[], None]) -> None:
        """Do ``work`` now if the tab is seen; else keep it under ``key`` (a later one of the same key replaces it)."""
        widget = self._widget
        window = widget.window()
        if window is not widget and window.isVisible() and not widget.isVisible():
            self._due[key] = work
            return
        self._due.pop(key, None)
        work()

    def pending(self) -> bool:
        return bool(self._due)

    def flush(self) -> None:
        """Do the work kept, in the order it first came."""
        due, self._due = self._due, {}
        for work in due.values():
            work()
