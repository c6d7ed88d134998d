"""A server that stops answering turns the status bar's "Connected" into "Offline", and its return turns it back.

Real HTTP over loopback: the sandbox is stopped under a live connection and started again on the same port.
"""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytestqt.qtbot import QtBot

from desktop.api.base import NO_ANSWER
from desktop.api.errors import ConnectionFailed, RequestTimedOut
from desktop.api.roadster.client import RoadsterClient
from desktop.composition import connect
from desktop.config import AppPaths, Settings
from desktop.sandbox.server import SandboxServer
from desktop.secrets import SecretStore
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner
from desktop.ui.window_profile import PROBE_EVERY_MS
from tests.conftest import fast_retry, roadster_for
from tests.ui.conftest import connection_to


@pytest.fixture
def server(fresh_sandbox: SandboxServer) -> SandboxServer:
    """A sandbox of the test's own: the tests stop it under a live connection."""
    return fresh_sandbox


def test_a_client_tells_its_observer_only_when_reach_changes(server: SandboxServer) -> None:
    client = roadster_for(server)
    seen: list[tuple[str, str]] = []
    client.on_reach = lambda api, reason: seen.append((api, reason))
    client.dealers()
    client.dealers()
    assert seen == [("Roadster", "")]
    server.stop()
    for _ in range(2):
        with pytest.raises(ConnectionFailed):
            client.dealers()
    assert seen == [("Roadster", ""), ("Roadster", "connection refused or host unreachable")]
    assert client.probe() is False
    assert len(seen) == 2  # still unreachable: nothing new to tell
    client.close()


def test_a_server_that_accepts_but_never_answers_counts_as_unreachable() -> None:
    """A hung server (a stopped process, a dead proxy) takes the connection and says nothing: after the last retry
    the API counts as not answering, so the status bar stops saying "Connected" (an answer clears it, as below)."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # the kernel completes the handshake; nobody ever reads or answers
    try:
        client = RoadsterClient(
            f"http://127.0.0.1:{silent.getsockname()[1]}/v1", "key", timeout=httpx.Timeout(0.3), retry=fast_retry()
        )
        seen: list[tuple[str, str]] = []
        client.on_reach = lambda api, reason: seen.append((api, reason))
        with pytest.raises(RequestTimedOut):
            client.dealers()
        assert seen == [("Roadster", NO_ANSWER)]
        assert client.probe() is False  # the probe meets the same silence: nothing new to tell
        assert seen == [("Roadster", NO_ANSWER)]
        client.close()
    finally:
        silent.close()


def test_the_status_bar_says_offline_when_the_server_dies_and_connected_when_it_returns(
    qtbot: QtBot, runner: TaskRunner, app_home: Path, server: SandboxServer
) -> None:
    def connector(*_args: Any) -> Any:
        return connection_to(server)

    w = MainWindow(AppPaths.default(), Settings(), runner, SecretStore, connector)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.workspace.connected, timeout=60_000)
    assert w.profile_label.text().startswith("● Connected")
    conn = w.workspace.connection
    assert conn is not None
    port, config = server.port, server.config
    qtbot.waitUntil(lambda: w.inventory_tab is not None and not w.inventory_tab.is_syncing(), timeout=60_000)
    assert runner.wait_idle(30_000)  # the first sync's own failure notice would take the message line

    server.stop()
    runner.submit(conn.roadster.dealers, None, lambda _exc: None, label="A request after the server died")
    qtbot.waitUntil(lambda: w.profile_label.text() == "● Offline: Roadster", timeout=30_000)
    assert "connection refused" in w.profile_label.toolTip()
    assert "Lost contact with Roadster" in w.statusBar().currentMessage()
    assert w.statusBar().toolTip() == w.statusBar().currentMessage()  # whole on hover, however narrow the bar
    assert w.workspace.connection is conn  # the clients stay, to be asked again
    assert w._reach_probe is not None and w._reach_probe.interval() == PROBE_EVERY_MS and w._reach_probe.isActive()

    back = SandboxServer(config, port=port).start()
    try:
        w.probe_unreachable()  # what the timer (or F5) does
        qtbot.waitUntil(lambda: w.profile_label.text().startswith("● Connected"), timeout=30_000)
        assert w.statusBar().currentMessage() == ""
        assert not w._reach_probe.isActive()
    finally:
        w.close()
        runner.wait_idle()
        back.stop()


def test_a_built_in_sandbox_that_died_is_started_again(qtbot: QtBot, runner: TaskRunner, app_home: Path) -> None:
    w = MainWindow(AppPaths.default(), Settings(), runner, SecretStore, connect)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.workspace.connected, timeout=120_000)
    conn = w.workspace.connection
    assert conn is not None and conn.servers_gone is not None and conn.servers_gone() == ""
    services = conn.servers_gone.__self__  # type: ignore[attr-defined]
    os.kill(services.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: conn.servers_gone() != "", timeout=10_000)  # type: ignore[misc]
    assert conn.servers_gone() == "The built-in sandbox stopped (killed by signal 9)."  # type: ignore[misc]

    runner.submit(conn.roadster.dealers, None, lambda _exc: None, label="A request after the sandbox died")
    qtbot.waitUntil(lambda: w.profile_label.text().startswith("● Offline"), timeout=30_000)
    w.probe_unreachable()
    assert "The built-in sandbox stopped (killed by signal 9). Starting it again…" in w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: w.workspace.connected, timeout=120_000)
    assert w.workspace.connection is not conn
    assert w.profile_label.text().startswith("● Connected")
    w.close()
    runner.wait_idle()
