"""File dialogs open in the Documents folder, then where the last file of the same kind was chosen this session."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.sandbox.server import SandboxServer
from desktop.ui import file_places
from desktop.ui.file_places import PRINTED, UPLOADS, documents_folder, remember, start_in
from desktop.ui.tabs.pricing import PricingTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.ui.pricing_helpers import pricing_tab


@pytest.fixture
def tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> PricingTab:
    return pricing_tab(qtbot, runner, workspace, sandbox)


def test_a_first_dialog_opens_in_documents_then_where_the_last_file_went(tmp_path: Path) -> None:
    file_places._last.clear()
    assert Path(start_in(PRINTED, "recap-HD-1001.pdf")) == documents_folder() / "recap-HD-1001.pdf"
    assert Path.cwd() != documents_folder() or Path.cwd() == Path.home()  # not the folder the app was started in
    remember(PRINTED, tmp_path / "menu-HD-1001.pdf")
    assert start_in(PRINTED, "recap-HD-1001.pdf") == str(tmp_path / "recap-HD-1001.pdf")
    assert Path(start_in(UPLOADS)) == documents_folder()  # each kind its own folder
    remember(PRINTED, tmp_path / "gone" / "x.pdf")  # a folder removed since: Documents again
    assert Path(start_in(PRINTED)) == documents_folder()


def test_the_desks_documents_are_offered_where_the_last_was_saved(
    qtbot: QtBot, tab: PricingTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file_places._last.clear()
    offered: list[str] = []
    answers = iter([str(tmp_path / "worksheet-x.pdf"), ""])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (offered.append(a[2]), (next(answers), ""))[1])
    tab._on_save_document("worksheet")
    assert (tmp_path / "worksheet-x.pdf").is_file()
    tab._on_save_document("recap")
    assert Path(offered[0]).parent == documents_folder()
    assert Path(offered[1]).parent == tmp_path and Path(offered[1]).name.startswith("recap-")
