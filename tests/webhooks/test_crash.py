"""The receiver killed with SIGKILL in the middle of a burst: every event that was answered 200 is still there."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.webhooks.events_factory import make_event

ROOT = Path(__file__).resolve().parents[2]
KEY = "crash-test-key"
SERVE = (sys.executable, "-m", "desktop.cli", "webhooks", "serve")
AUTH = {"Authorization": f"Bearer {KEY}"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [*SERVE, "--port", str(port), "--data-dir", str(data_dir), "--api-key", KEY],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    with httpx.Client(timeout=1) as c:
        while time.monotonic() < deadline:
            try:
                c.get(f"http://127.0.0.1:{port}/events", headers=AUTH)
                return proc
            except httpx.HTTPError:
                assert proc.poll() is None, "the receiver exited"
                time.sleep(0.05)
    proc.kill()
    raise AssertionError("the receiver did not start")


def _read_all(url: str) -> list[str]:
    ids: list[str] = []
    cursor = "0"
    with httpx.Client(timeout=30) as c:
        while True:
            body = c.get(url + "/events", params={"since": cursor, "limit": 1000}, headers=AUTH).json()
            if not body["events"]:
                return ids
            ids.extend(e["event_id"] for e in body["events"])
            cursor = body["cursor"]


@pytest.mark.slow
def test_sigkill_mid_burst_loses_no_answered_event(tmp_path: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = _start(tmp_path / "hooks", port)
    acked: list[str] = []
    acked_lock = threading.Lock()
    stop = threading.Event()

    def sender(index: int) -> None:
        with httpx.Client(timeout=5) as c:
            n = 0
            while not stop.is_set():
                event = make_event(index * 100_000 + n)
                n += 1
                try:
                    answer = c.post(url + "/roadster/events", json=event, headers=AUTH)
                except httpx.HTTPError:
                    return  # the receiver is gone: this event was never acknowledged
                if answer.status_code == 200:
                    with acked_lock:
                        acked.append(str(event["event_id"]))

    threads = [threading.Thread(target=sender, args=(i,)) for i in range(8)]
    try:
        for t in threads:
            t.start()
        deadline = time.monotonic() + 30
        while len(acked) < 400 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        stop.set()
        for t in threads:
            t.join(30)
    assert len(acked) >= 400

    proc = _start(tmp_path / "hooks", port)
    try:
        stored = _read_all(url)
    finally:
        proc.terminate()
        proc.wait(10)
    assert len(stored) == len(set(stored))
    missing = set(acked) - set(stored)
    assert not missing, f"{len(missing)} acknowledged events were lost"
