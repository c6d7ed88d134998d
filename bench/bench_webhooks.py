"""Customer events ingested per second by one receiver process, with 8 concurrent senders, and answer times.

    python bench/bench_webhooks.py [--burst 500] [--seconds 10]

1. burst: 8 sender processes each POST ``--burst`` events back to back; events/s and the 99th-percentile answer.
2. paced: 8 senders together at 200 events/s for ``--seconds``; the p99 answer must stay under 100 ms.
The receiver is ``dealer-desk webhooks serve`` in its own process (every event committed with fsync before the 200).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
import orjson

from bench._common import HEADER, free_port, row, start_child

KEY = "bench-webhook-key"
AUTH = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
SENDERS = 8


def _event(sender: int, n: int) -> bytes:
    return orjson.dumps(
        {
            "event_type": "customer_requested_price",
            "event_id": f"bench-{sender}-{n}-{time.time_ns()}",
            "event_time": "2026-11-23T19:40:00Z",
            "api_partner": {"name": "Dealer Desk", "customer_id": "C-000001"},
            "customer": {"id": 20000 + n % 400, "email": f"s{n % 400}@example.com", "first_name": "Carlos"},
            "dealer": {"dpid": "toyotademo", "name": "Toyota Demo"},
            "agent": {"id": 7, "full_name": "Judy Agent", "email": "judy@example.com"},
            "vehicle": {"vin": "4T1C11AK0LU322811", "make": "Toyota", "model": "Camry", "year": 2020},
            "order": {"id": 367146, "financing": {"type": "finance", "term": "60", "msrp": 26184}},
        }
    )


def _send(args: tuple[str, int, int, float]) -> list[float]:
    """One sender: ``count`` events, one every ``interval`` seconds (0 = back to back); the answer times."""
    url, sender, count, interval = args
    times: list[float] = []
    with httpx.Client(timeout=30) as client:
        start = time.perf_counter()
        for n in range(count):
            if interval:
                due = start + n * interval
                pause = due - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)
            t = time.perf_counter()
            answer = client.post(url, content=_event(sender, n), headers=AUTH)
            times.append(time.perf_counter() - t)
            if answer.status_code != 200:
                raise RuntimeError(f"receiver answered {answer.status_code}: {answer.text}")
    return times


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def _run(pool: ProcessPoolExecutor, url: str, per_sender: int, interval: float) -> tuple[float, list[float]]:
    started = time.perf_counter()
    results = list(pool.map(_send, [(url, s, per_sender, interval) for s in range(SENDERS)]))
    return time.perf_counter() - started, [t for r in results for t in r]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--burst", type=int, default=500, help="events per sender in the burst")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of the paced run")
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        command = ["webhooks", "serve", "--port", str(port), "--data-dir", folder, "--api-key", KEY]
        proc = start_child(
            command, f"http://127.0.0.1:{port}/events", "the receiver", seconds=30, headers=AUTH, poll_s=0.1
        )
        url = f"http://127.0.0.1:{port}/roadster/events"
        try:
            with ProcessPoolExecutor(SENDERS) as pool:
                _run(pool, url, 20, 0)  # warm up: connections, imports, the SQLite file
                burst_time, burst = _run(pool, url, args.burst, 0)
                rate = 200.0
                per_sender = int(rate * args.seconds / SENDERS)
                paced_time, paced = _run(pool, url, per_sender, SENDERS / rate)
        finally:
            proc.terminate()
            proc.wait(10)

    eps = len(burst) / burst_time
    p99_burst = _p99(burst) * 1000
    p99_paced = _p99(paced) * 1000
    print(f"8 senders, one receiver process; burst {len(burst)} events, paced {len(paced)} at 200/s\n")
    print(HEADER)
    print(row("events/s, 8 senders back to back", f"{eps:.0f}", "-", f"{eps / 200:.1f}× 200/s", "≥ 200/s", eps >= 200))
    print(row("p99 answer, burst", f"{p99_burst:.1f} ms", "-", "-", "-", None))
    print(
        row(
            "p99 answer at 200 events/s",
            f"{p99_paced:.1f} ms",
            "-",
            f"{p99_paced / 100:.2f} of target",
            "< 100 ms",
            p99_paced < 100,
        )
    )
    print(
        f"\nmedian answer at 200 events/s: {sorted(paced)[len(paced) // 2] * 1000:.1f} ms; paced run {paced_time:.1f} s"
    )


if __name__ == "__main__":
    main()
