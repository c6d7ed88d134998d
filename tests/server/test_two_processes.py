"""Two ``dealer-desk server`` processes on one PostgreSQL database, driven as a group's desks would."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.server.pg import PostgresCluster, _free_port

ROOT = Path(__file__).resolve().parents[2]
CLI = (sys.executable, "-m", "desktop.cli")
pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _env() -> dict[str, str]:
    key = base64.b64encode(os.urandom(32)).decode()
    return dict(os.environ, DEALER_DESK_WEBHOOK_KEY="two-process-key", DEALER_DESK_SERVER_KEY=key)


def add_user(url: str, env: dict[str, str], name: str, role: str, *rooftops: str) -> str:
    args = [*CLI, "server", "add-user", "--database", url, "--name", name, "--role", role]
    for dpid in rooftops:
        args += ["--rooftop", dpid]
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip().splitlines()[-1]
    assert token.startswith("ddt_") and " " not in token
    return token


def start_server(url: str, env: dict[str, str], data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    proc = subprocess.Popen(
        [*CLI, "server", "--database", url, "--port", str(port), "--data-dir", str(data_dir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/api/v1/openapi.json", timeout=1)
            return proc, base
        except httpx.HTTPError:
            assert proc.poll() is None, "the server exited"
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("the server did not start")


@pytest.fixture
def two_servers(postgres: PostgresCluster, tmp_path: Path) -> Iterator[tuple[str, str, dict[str, str], str]]:
    url = postgres.database()
    env = _env()
    procs = []
    try:
        a, url_a = start_server(url, env, tmp_path / "a")
        procs.append(a)
        b, url_b = start_server(url, env, tmp_path / "b")
        procs.append(b)
        yield url_a, url_b, env, url
    finally:
        for p in procs:
            p.terminate()
            p.wait(20)


def test_a_deal_saved_through_one_process_is_read_through_the_other(two_servers) -> None:  # type: ignore[no-untyped-def]
    url_a, url_b, env, db_url = two_servers
    token = add_user(db_url, env, "fiona", "finance", "hyundai-demo")
    auth = {"Authorization": f"Bearer {token}"}
    made = httpx.post(
        url_a + "/api/v1/deals",
        headers=auth,
        json={"dpid": "hyundai-demo", "buyer": {"first_name": "Ana"}, "personal": {"ssn": "123-45-6789"}},
    )
    assert made.status_code == 201, made.text
    deal = made.json()
    read = httpx.get(f"{url_b}/api/v1/deals/{deal['id']}", headers=auth)
    assert read.status_code == 200 and read.json() == deal
    revealed = httpx.post(f"{url_b}/api/v1/deals/{deal['id']}/reveal", headers=auth, json={"field": "ssn"})
    assert revealed.json()["value"] == "123-45-6789"  # both processes share the sealing key
    second = httpx.post(
        url_b + "/api/v1/deals", headers=auth, json={"dpid": "hyundai-demo", "buyer": {"last_name": "B"}}
    )
    assert second.json()["number"] == "HD-1002"  # one numbering across processes


def test_two_desks_saving_at_once_get_one_conflict_and_lose_nothing(two_servers) -> None:  # type: ignore[no-untyped-def]
    url_a, url_b, env, db_url = two_servers
    tokens = [add_user(db_url, env, f"desk{i}", "finance", "hyundai-demo") for i in range(2)]
    clients = [
        httpx.Client(base_url=base, headers={"Authorization": f"Bearer {t}"}, timeout=30)
        for base, t in zip((url_a, url_b), tokens, strict=True)
    ]
    try:
        deal = clients[0].post("/api/v1/deals", json={"dpid": "hyundai-demo", "buyer": {"first_name": "Ana"}}).json()
        rounds = 15
        conflicts = 0
        for n in range(rounds):
            version = clients[0].get(f"/api/v1/deals/{deal['id']}").json()["version"]
            barrier = threading.Barrier(2)
            answers: list[httpx.Response | None] = [None, None]

            def save(
                i: int,
                version: int = version,
                barrier: threading.Barrier = barrier,
                n: int = n,
                answers: list[httpx.Response | None] = answers,
            ) -> None:
                field = "notes" if i == 0 else "structure"
                value: object = f"note {n}" if i == 0 else {"round": n}
                barrier.wait()
                answers[i] = clients[i].put(f"/api/v1/deals/{deal['id']}", json={"version": version, field: value})

            threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(30)
            codes = sorted(a.status_code for a in answers if a is not None)
            assert codes == [200, 409], codes
            conflicts += 1
            loser = 0 if answers[0] is not None and answers[0].status_code == 409 else 1
            lost = answers[loser]
            assert lost is not None
            current = lost.json()["current"]
            # The desk shows both values; the user keeps theirs and saves again on the current version.
            field, value = ("notes", f"note {n}") if loser == 0 else ("structure", {"round": n})
            again = clients[loser].put(
                f"/api/v1/deals/{deal['id']}", json={"version": current["version"], field: value}
            )
            assert again.status_code == 200, again.text
            final = clients[1 - loser].get(f"/api/v1/deals/{deal['id']}").json()
            assert final["notes"] == f"note {n}" and final["structure"] == {"round": n}
        assert conflicts == rounds
        history = clients[0].get(f"/api/v1/deals/{deal['id']}/history").json()
        assert len([h for h in history if h["field"] in ("notes", "structure")]) == 2 * rounds
    finally:
        for c in clients:
            c.close()
