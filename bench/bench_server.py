"""The team server under a dealership's day: 50 desks opening, editing and saving deals, plus Roadster events.

    python bench/bench_server.py [--seconds 30] [--desks 50] [--events-per-second 200]

Two runs: two ``dealer-desk server`` processes sharing one PostgreSQL database (fsync on), then one process on a
SQLite file. Each desk (a thread; desks spread over 5 processes so the load generator is not one GIL) comes in at
a random moment of the first edit's time, then loops: open a random deal of 120, edit for 1-3 s (``--think``), save
a change at the version it read; on a 409 it takes the current deal, keeps its own change and saves again (the user
choosing theirs). Every third turn it lists the
rooftop's deals and polls the change feed. A sixth process sends customer events at the given rate, alternating servers.

"Changes lost" is checked from the database afterwards: every save answered 200 must be a version of its deal
(a deal's final version is 1 + its acknowledged saves) and the final notes must be those of the last one.
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
import orjson

from bench._common import HEADER, free_port, row, start_child

DPID = "bench-demo"
DEALS = 120
WORKERS = 5
WEBHOOK_KEY = "bench-server-webhook-key"


def _start(url: str | None, data_dir: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = ["server", "--port", str(port), "--data-dir", str(data_dir)]
    if url:
        command += ["--database", url]
    base = f"http://127.0.0.1:{port}"
    return start_child(command, base + "/api/v1/openapi.json", "server", seconds=60, env=env, poll_s=0.1), base


def _desks(job: tuple[list[str], list[str], list[str], float, int, tuple[float, float]]) -> dict[str, Any]:
    """Run a few desks as threads for ``seconds``; returns latencies per operation and the acknowledged saves."""
    bases, tokens, deal_ids, seconds, seed, think = job
    lat: dict[str, list[float]] = defaultdict(list)
    acks: list[tuple[str, int, str]] = []
    counts = {"conflicts": 0, "errors": 0}
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def desk(index: int, token: str) -> None:
        rnd = random.Random(seed * 1000 + index)
        base = bases[index % len(bases)]
        mine: dict[str, list[float]] = defaultdict(list)
        my_acks: list[tuple[str, int, str]] = []
        conflicts = errors = 0
        cursor = "0"
        # Desks come in over the first edit's time, as people at a dealership do, not all in the same millisecond
        # (50 simultaneous first connects while the load processes start measured the bench, not the server).
        time.sleep(rnd.uniform(0, think[1]))
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as c:
            turn = 0
            while time.monotonic() < stop_at:
                turn += 1
                deal_id = rnd.choice(deal_ids)
                t = time.perf_counter()
                opened = c.get(f"/api/v1/deals/{deal_id}")
                mine["open"].append(time.perf_counter() - t)
                if opened.status_code != 200:
                    errors += 1
                    continue
                time.sleep(rnd.uniform(*think))
                note = f"{token[-6:]}:{turn}"
                version = opened.json()["version"]
                while True:
                    t = time.perf_counter()
                    saved = c.put(f"/api/v1/deals/{deal_id}", json={"version": version, "notes": note})
                    mine["save"].append(time.perf_counter() - t)
                    if saved.status_code == 409:
                        conflicts += 1
                        version = saved.json()["current"]["version"]
                        continue
                    if saved.status_code == 200:
                        my_acks.append((deal_id, int(saved.json()["version"]), note))
                    else:
                        errors += 1
                    break
                if turn % 3 == 0:
                    t = time.perf_counter()
                    listed = c.get("/api/v1/deals", params={"dpid": DPID, "limit": 50})
                    mine["list"].append(time.perf_counter() - t)
                    t = time.perf_counter()
                    feed = c.get("/api/v1/changes", params={"since": cursor, "limit": 500})
                    mine["changes"].append(time.perf_counter() - t)
                    if feed.status_code == 200:
                        cursor = feed.json()["cursor"]
                    errors += listed.status_code != 200
        with lock:
            for k, v in mine.items():
                lat[k].extend(v)
            acks.extend(my_acks)
            counts["conflicts"] += conflicts
            counts["errors"] += errors

    threads = [threading.Thread(target=desk, args=(i, tok)) for i, tok in enumerate(tokens)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return {"lat": dict(lat), "acks": acks, **counts}


def _events(job: tuple[list[str], float, float]) -> dict[str, Any]:
    bases, rate, seconds = job
    senders = 8
    times: list[float] = []
    bad = [0]
    lock = threading.Lock()

    def send(s: int) -> None:
        interval = senders / rate
        mine: list[float] = []
        with httpx.Client(timeout=30) as c:
            start = time.perf_counter()
            n = 0
            while time.perf_counter() - start < seconds:
                due = start + n * interval
                pause = due - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)
                body = {
                    "event_type": "customer_requested_price",
                    "event_id": f"b-{s}-{n}-{time.time_ns()}",
                    "event_time": "2026-11-23T19:40:00Z",
                    "api_partner": {"name": "Dealer Desk"},
                    "customer": {"id": 30000 + n % 500, "email": f"s{n % 500}@example.com", "first_name": "Carlos"},
                    "dealer": {"dpid": DPID},
                }
                t = time.perf_counter()
                answer = c.post(
                    bases[(s + n) % len(bases)] + "/roadster/events",
                    content=orjson.dumps(body),
                    headers={"Authorization": f"Bearer {WEBHOOK_KEY}", "Content-Type": "application/json"},
                )
                mine.append(time.perf_counter() - t)
                if answer.status_code != 200:
                    with lock:
                        bad[0] += 1
                n += 1
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=send, args=(s,)) for s in range(senders)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return {"lat": times, "bad": bad[0]}


def _baseline(base: str, token: str, deal_id: str) -> tuple[dict[str, float], list[tuple[str, int, str]]]:
    """Median open and save of one desk alone, on the same server just before the load (what the run adds),
    and its saves, which the check for lost changes counts like the others."""
    times: dict[str, list[float]] = defaultdict(list)
    acks: list[tuple[str, int, str]] = []
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as c:
        for n in range(40):
            t = time.perf_counter()
            version = c.get(f"/api/v1/deals/{deal_id}").json()["version"]
            times["open"].append(time.perf_counter() - t)
            t = time.perf_counter()
            saved = c.put(f"/api/v1/deals/{deal_id}", json={"version": version, "notes": f"baseline {n}"})
            times["save"].append(time.perf_counter() - t)
            saved.raise_for_status()
            acks.append((deal_id, int(saved.json()["version"]), f"baseline {n}"))
    return {op: _pct(v, 0.5) for op, v in times.items()}, acks


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000 if ordered else float("nan")


def _check_lost(database: str, acks: list[tuple[str, int, str]]) -> tuple[int, int]:
    """(changes lost, deals checked): every acknowledged save must be a version of its deal, the last one kept."""
    from sqlalchemy import select

    from desktop.server import schema
    from desktop.server.db import Database

    db = Database(database)
    by_deal: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for deal_id, version, note in acks:
        by_deal[deal_id].append((version, note))
    lost = 0
    with db.read() as conn:
        rows = {r.id: r for r in conn.execute(select(schema.deals))}
    for deal_id, saves in by_deal.items():
        final = rows[deal_id]
        versions = sorted(v for v, _ in saves)
        expected = list(range(2, final.version + 1))
        lost += len(set(expected) - set(versions)) + len(versions) - len(set(versions))
        last_note = max(saves)[1]
        lost += int(orjson.loads(final.body)["notes"] != last_note)
    db.dispose()
    return lost, len(by_deal)


def run(label: str, database: str, processes: int, data_dir: Path, args: argparse.Namespace) -> list[str]:
    from desktop.server.db import Database
    from desktop.server.migrations import migrate
    from desktop.server.users import add_user

    env = dict(
        os.environ,
        DEALER_DESK_WEBHOOK_KEY=WEBHOOK_KEY,
        DEALER_DESK_SERVER_KEY=base64.b64encode(os.urandom(32)).decode(),
    )
    db = Database(database)
    migrate(db)
    tokens = [add_user(db, f"desk{i}", "finance", [DPID])[1] for i in range(args.desks)]
    db.dispose()
    servers = [_start(database, data_dir / f"p{i}", env) for i in range(processes)]
    bases = [b for _, b in servers]
    try:
        with httpx.Client(headers={"Authorization": f"Bearer {tokens[0]}"}, timeout=30) as c:
            deal_ids = [
                c.post(bases[0] + "/api/v1/deals", json={"dpid": DPID, "buyer": {"first_name": f"B{i}"}}).json()["id"]
                for i in range(DEALS)
            ]
        base, baseline_acks = _baseline(bases[0], tokens[0], deal_ids[0])
        per = (args.desks + WORKERS - 1) // WORKERS
        think = (args.think[0], args.think[1])
        jobs = [(bases, tokens[w * per : (w + 1) * per], deal_ids, args.seconds, w, think) for w in range(WORKERS)]
        with ProcessPoolExecutor(WORKERS + 1) as pool:
            started = time.perf_counter()
            events = pool.submit(_events, (bases, args.events_per_second, args.seconds))
            results = list(pool.map(_desks, jobs))
            ev = events.result()
            wall = time.perf_counter() - started
    finally:
        for proc, _ in servers:
            proc.terminate()
            proc.wait(20)
    lat: dict[str, list[float]] = defaultdict(list)
    acks: list[tuple[str, int, str]] = list(baseline_acks)
    for r in results:
        for k, v in r["lat"].items():
            lat[k].extend(v)
        acks.extend(r["acks"])
    lat["event"] = ev["lat"]
    conflicts = sum(r["conflicts"] for r in results)
    errors = sum(r["errors"] for r in results) + ev["bad"]
    lost, checked = _check_lost(database, acks)
    ops = sum(len(v) for v in lat.values())
    out = [
        row(f"{label}: requests/s (all operations)", f"{ops / wall:.0f}", "-", "-", "-", None),
        row(f"{label}: saves acknowledged / conflicts (409)", f"{len(acks)} / {conflicts}", "-", "-", "-", None),
        row(f"{label}: changes lost ({checked} deals checked)", str(lost), "-", "-", "0", lost == 0),
        row(f"{label}: errors (non-2xx other than 409)", str(errors), "-", "-", "0", errors == 0),
        row(
            f"{label}: events/s stored",
            f"{len(ev['lat']) / args.seconds:.0f}",
            "-",
            "-",
            f"{args.events_per_second:.0f}",
            None,
        ),
    ]
    for op in ("open", "save", "list", "changes", "event"):
        p50, p99 = _pct(lat[op], 0.5), _pct(lat[op], 0.99)
        out.append(
            row(
                f"{label}: {op} p50 / p99 (ms, n={len(lat[op])})",
                f"{p50:.1f} / {p99:.1f}",
                f"one desk alone: p50 {base[op]:.1f}" if op in base else "-",
                f"p50 {p50 / base[op]:.1f}×" if op in base else "-",
                "p99 < 100",
                p99 < 100,
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--desks", type=int, default=50)
    parser.add_argument("--events-per-second", type=float, default=200.0)
    parser.add_argument("--only", choices=("postgresql", "sqlite"), default=None)
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), help="seconds a desk edits before saving")
    args = parser.parse_args()
    from tests.server.pg import PostgresCluster

    rows: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        if args.only in (None, "postgresql"):
            cluster = PostgresCluster(fsync=True)
            try:
                rows += run("2 processes, PostgreSQL", cluster.database(), 2, Path(folder) / "pg", args)
            finally:
                cluster.stop()
        if args.only in (None, "sqlite"):
            url = f"sqlite:///{Path(folder) / 'sqlite' / 'server.sqlite3'}"
            rows += run("1 process, SQLite", url, 1, Path(folder) / "sqlite", args)
    print(
        f"{args.desks} desks (edit {args.think[0]:g}-{args.think[1]:g} s, then save) + "
        f"{args.events_per_second:.0f} events/s for {args.seconds:.0f} s per run; load average before: "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n"
    )
    print(HEADER)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
