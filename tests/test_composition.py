"""The composition root starts the sandbox and the receiver as one child process and stops it quickly."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import httpx
import pytest

from desktop.composition import connect
from desktop.config import AppPaths, Profile
from desktop.secrets import SecretStore
from desktop.services.connection import MissingKey
from desktop.services.priority import BACKGROUND_NICE


def _nice(stat: Path) -> int:
    """A thread's nice value from its /proc stat line (the 19th field; the name before it may hold spaces)."""
    return int(stat.read_text().rsplit(")", 1)[1].split()[16])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A reaped child is gone; a zombie still answers kill(0), so look at its state too.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(")")[-1].split()[0] != "Z"


@pytest.mark.slow
def test_sandbox_profile_runs_the_servers_in_a_child_process() -> None:
    paths = AppPaths.default()
    mine = os.getpriority(os.PRIO_PROCESS, 0) if sys.platform.startswith("linux") else 0
    conn = connect(Profile("Sandbox", "sandbox", "", ""), SecretStore(), paths)
    stop = conn.on_close[0]
    services = stop.__self__  # type: ignore[attr-defined]
    pid = services.pid
    try:
        assert pid is not None and pid != os.getpid() and _alive(pid)
        dealers = conn.roadster.dealers()
        assert dealers, "the child sandbox serves the seeded dealers"
        assert conn.events is not None
        conn.events.page(None, 1)  # the receiver answers with the demo key
        assert conn.link_key and conn.sandbox_url
        assert (paths.sandbox_dir / "sandbox.sqlite3").exists(), "the data lives in the app's data folder"
        if sys.platform.startswith("linux"):  # it stands in for remote servers: every thread of it below the window
            threads = {t.name: _nice(t / "stat") for t in Path(f"/proc/{pid}/task").iterdir()}
            assert len(threads) > 1 and set(threads.values()) == {max(mine, BACKGROUND_NICE)}, threads
            assert os.getpriority(os.PRIO_PROCESS, 0) == mine, "the app itself is not lowered"
    finally:
        started = time.perf_counter()
        conn.close()
        closing = time.perf_counter() - started
    assert closing < 0.1, f"close() must not wait for the child ({closing:.3f} s)"
    deadline = time.monotonic() + 15
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid), "the child ends once its connection is closed"
    with pytest.raises(httpx.HTTPError):
        httpx.get(conn.sandbox_url + "/v1/dealers", timeout=2)


def test_production_profile_without_a_key_is_refused_by_name() -> None:
    profile = Profile("Production")
    with pytest.raises(MissingKey, match="Production has no Roadster API key"):
        connect(profile, SecretStore(), AppPaths.default())


def test_deals_are_shared_only_when_the_profile_has_a_team_server_and_a_token(tmp_path: Path) -> None:
    from desktop.composition import open_deal_store
    from desktop.config import KEY_TEAM_TOKEN
    from desktop.services.team import RemoteDealStore
    from desktop.store.deals import SqliteDealStore

    secrets = SecretStore()
    profile = Profile("Production", team_url="http://127.0.0.1:9")
    alone = open_deal_store(profile, secrets, tmp_path)  # a URL without a token: this desk's own deals
    assert isinstance(alone, SqliteDealStore)
    alone.close()
    secrets.set("Production", KEY_TEAM_TOKEN, "a-token")
    shared = open_deal_store(profile, secrets, tmp_path)
    assert isinstance(shared, RemoteDealStore) and shared.client.base_url.startswith("http://127.0.0.1:9")
    assert shared.local.path != alone.path  # the server's copy never mixes with the desk's own deals
    shared.close()
