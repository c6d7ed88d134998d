"""UI fixtures: a real TaskRunner, a workspace on a sandbox connection, and a guard against leftover work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from desktop.api.chaiz.client import ChaizClient
from desktop.config import AppPaths, Profile
from desktop.sandbox.server import SandboxServer
from desktop.secrets import SecretStore
from desktop.services.connection import Connection
from desktop.store.deals import SqliteDealStore
from desktop.store.inventory_cache import InventoryCache
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.main_window import LAZY_WORKERS
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.conftest import roadster_for

_runners: list[TaskRunner] = []


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    r = TaskRunner()
    _runners.append(r)
    yield r


@pytest.fixture(autouse=True)
def lazy_document_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """A window in a test starts its document workers at their first use, not after its start-up as the app does:
    most window tests close before they would be up (a start killed for nothing) and never check a document.
    tests/ui/test_workers_warm.py checks the start-up's warm-up."""
    monkeypatch.setenv(LAZY_WORKERS, "1")


@pytest.fixture(autouse=True)
def no_leftover_work(qtbot: QtBot) -> Iterator[None]:
    """A test that leaves pool work running fails: it would leak into the next test."""
    yield
    leftovers = [r for r in _runners if not r.wait_idle(15_000)]
    _runners.clear()
    running = [job.label for r in leftovers for job in r.running()]  # what to look at when it happens
    assert not leftovers, f"a test left background work running: {running}"


def connection_to(server: SandboxServer) -> Connection:
    return Connection(
        Profile("Sandbox", "sandbox", "", ""),
        roadster_for(server),
        ChaizClient(server.url, server.config.chaiz_token),
        sandbox_url=server.url,
        sandbox_api_key=server.config.api_key,
        link_key=server.config.link_key,
    )


@contextmanager
def current_deal(runner: TaskRunner, folder: Path, who: str) -> Iterator[CurrentDeal]:
    """The window's current deal, as ``who`` on Umazda, over a deals file of its own in ``folder``.

    On the way out it saves what is pending and waits for the workers before the store closes: a save still running
    against a closed store would fail the next test.
    """
    store = SqliteDealStore(folder / "deals.sqlite3", SecretStore())
    deal = CurrentDeal(runner, who=who)
    deal.set_rooftop("umazda", "Umazda")
    deal.set_store(store)
    yield deal
    deal.flush()
    runner.wait_idle()
    store.close()


@pytest.fixture
def workspace(qtbot: QtBot, tmp_path: Path) -> Iterator[Workspace]:
    paths = AppPaths.default()
    cache = InventoryCache(tmp_path / "ui-cache.sqlite3")
    ws = Workspace(paths, Profile("Sandbox", "sandbox", "", ""), cache)
    yield ws
    if ws.connection is not None:
        ws.connection.close()
    cache.close()


@pytest.fixture(autouse=True)
def forget_pdf_passwords() -> Iterator[None]:
    """PDF passwords are remembered for the session: one test's unlock must not open the next test's file."""
    yield
    from desktop.ui.widgets.pdf_password import forget_passwords

    forget_passwords()


@pytest.fixture
def behind(qtbot: QtBot) -> Iterator[Callable[[QWidget], QTabWidget]]:
    """Puts a tab as the second page of a shown window, the first page on screen; gives the tab back at the end
    (the page would otherwise go with the window, before the test's own closing of it)."""
    windows: list[QTabWidget] = []

    def place(tab: QWidget) -> QTabWidget:
        tabs = QTabWidget()
        windows.append(tabs)
        tabs.addTab(QLabel("another tab"), "Other")
        tabs.addTab(tab, "Tab")
        tabs.show()
        qtbot.waitExposed(tabs)
        assert not tab.isVisible()
        return tabs

    yield place
    for tabs in windows:
        page = tabs.widget(1)
        if page is not None:
            page.setParent(None)
        tabs.close()
        tabs.deleteLater()
