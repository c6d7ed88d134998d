"""Where the file dialogs open: the folder last used for that kind of file this session, else the Documents folder.

Walked at the desk: the worksheet, menu and recap dialogs opened in the folder Dealer Desk was started from (the
source tree, for a developer; anywhere for a packaged app), and did not remember the folder just saved to; the
upload dialog opened in the home folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

PRINTED = "printed"  # the desk's worksheets, menus and recaps
UPLOADS = "uploads"  # the files a clerk uploads to a binder
COPIES = "copies"  # a binder document saved to this computer
FORMS = "forms"  # a form's PDF made into a template

_last: dict[str, Path] = {}


def documents_folder() -> Path:
    """The user's Documents folder (the home folder where the system names none, or it is missing)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def start_in(kind: str, file_name: str = "") -> str:
    """The path a dialog for ``kind`` opens at: the folder last chosen for it, with ``file_name`` suggested."""
    folder = _last.get(kind)
    if folder is None or not folder.is_dir():
        folder = documents_folder()
    return str(folder / file_name) if file_name else str(folder)


def remember(kind: str, chosen: str | Path) -> None:
    """A file chosen for ``kind``: its folder is where the next dialog for it opens."""
    if chosen:
        _last[kind] = Path(chosen).parent
