"""The document workers start once the window's start-up is over, so the first upload check waits for no start;
closing the app still ends it with 0, workers included."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.composition import connect
from desktop.config import AppPaths, Settings
from desktop.sandbox.server import SandboxServer
from desktop.secrets import SecretStore
from desktop.services.doc_worker import pool as pool_module
from desktop.services.doc_worker.pool import DEFAULT_SIZE, DocumentWorkers
from desktop.ui.main_window import LAZY_WORKERS, MainWindow
from desktop.ui.tasks import TaskRunner
from tests.binder_helpers import FOUR_PAGES, make_customer
from tests.ui.conftest import connection_to

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[DocumentWorkers]:
    """The process's shared pool, new and cold for this test (the session's may be warm from earlier tests), and
    a window that warms it as the app's does."""
    monkeypatch.delenv(LAZY_WORKERS)
    workers = DocumentWorkers()
    monkeypatch.setattr(pool_module, "_shared", workers)
    yield workers
    workers.close()


def test_the_workers_are_ready_before_the_first_upload_check(
    qtbot: QtBot, runner: TaskRunner, app_home: Path, sandbox: SandboxServer, fresh_workers: DocumentWorkers
) -> None:
    w = MainWindow(AppPaths.default(), Settings(), runner, SecretStore, connect, autoconnect=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: len(w.tab_widgets) == 7, timeout=30_000)
    assert fresh_workers.pids() == []  # not while the window starts: the sandbox and the first rows come first
    w.workspace.set_dealers([{"dpid": "hyundaidemo", "name": "Hyundai Demo"}])
    w.workspace.set_connection(connection_to(sandbox))  # the first connection attempt is over
    qtbot.waitUntil(lambda: len(fresh_workers.pids()) == DEFAULT_SIZE, timeout=60_000)

    binder = w.tab_widgets["Document Binder"]
    w.tabs.setCurrentWidget(binder)
    qtbot.waitUntil(lambda: binder.binder is not None)
    with qtbot.waitSignal(binder.documents_loaded, timeout=10_000):
        binder.open_customer(make_customer(sandbox))
    binder.add_files([FOUR_PAGES])
    dialog = binder.upload_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.checks_running() == 0, timeout=30_000)
    [row] = dialog.model.rows()
    assert not row.refused
    assert fresh_workers.stats.started == DEFAULT_SIZE  # the check started none: it had one waiting
    dialog.reject()
    w.close()


# The app as it runs: a window whose start-up ends (tabs built, connection attempt over), closed while its workers
# start. The keyring is the fail backend: memory only, no real keyring is touched.
CLOSE_WHILE_WARMING = """
import sys
from keyring.backends import fail
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.composition import connect
from desktop.config import AppPaths, Settings
from desktop.secrets import SecretStore
from desktop.services.doc_worker.pool import shared_workers
from desktop.ui.main_window import LAZY_WORKERS, MainWindow
from desktop.ui.tasks import TaskRunner

app = QApplication(sys.argv[:1])
runner = TaskRunner(app)
window = MainWindow(AppPaths.default(), Settings(), runner, lambda: SecretStore(fail.Keyring()), connect,
                    autoconnect=False)
window.tabs_ready.connect(lambda: window.workspace.set_connection(None, "offline for this test"))
seen = set()

def poll():
    seen.update(shared_workers().pids())
    if shared_workers().stats.started >= 2:  # the second worker is starting (the first is up): quit now
        print(*sorted(seen), flush=True)
        window._on_quit()

timer = QTimer()
timer.timeout.connect(poll)
timer.start(5)
window.show()
code = app.exec()
runner.shutdown(5_000)
sys.exit(code)
"""


def _alive(pid: int) -> bool:
    """Running, as opposed to gone or a zombie waiting for a parent that is gone too."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")
def test_quitting_while_the_workers_start_exits_0_and_ends_them(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DEALER_DESK_HOME=str(tmp_path / "home"))
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # whatever asks, no real keyring answers
    env.pop(LAZY_WORKERS, None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    done = subprocess.run(
        [sys.executable, "-c", CLOSE_WHILE_WARMING], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    pids = [int(p) for p in done.stdout.split()]
    assert len(pids) == DEFAULT_SIZE
    assert [p for p in pids if _alive(p)] == []
