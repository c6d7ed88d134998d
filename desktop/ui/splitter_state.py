"""Where the user left each tab's splitters, kept with the window's size and tab.

On a 1280×720 screen the Deal Pricing columns show three or four of a deal's lines; a finance manager who drags the
divider to see more of them, or gives the form more room, finds the desk as he left it the next morning. Each
splitter is kept under its tab's title and its place among the tab's splitters, with its orientation and its
number of panes: a splitter that a later version lays out differently is not given a state meant for another.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QSplitter, QWidget

GROUP = "splitters"


def _keys(tab: QWidget, title: str) -> list[tuple[QSplitter, str]]:
    keyed = []
    for i, splitter in enumerate(tab.findChildren(QSplitter)):
        way = "v" if splitter.orientation() == Qt.Orientation.Vertical else "h"
        keyed.append((splitter, f"{GROUP}/{title}/{i}-{way}{splitter.count()}"))
    return keyed


def restore_splitters(settings: QSettings, tab: QWidget, title: str) -> None:
    """Give ``tab``'s splitters the sizes saved for them, if any (as the tab is built: before its first show)."""
    for splitter, key in _keys(tab, title):
        state = settings.value(key)
        if isinstance(state, QByteArray):
            splitter.restoreState(state)


def save_splitters(settings: QSettings, tab: QWidget, title: str) -> None:
    """Keep ``tab``'s splitters' sizes (as the window closes; written with the window's other state)."""
    for splitter, key in _keys(tab, title):
        settings.setValue(key, splitter.saveState())
