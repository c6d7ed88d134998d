"""Every benchmark in one run and one table: figure, value, baseline measured in the same run, ratio, target.

    .venv/bin/python bench/run_all.py [--quick] [--only sync,filter] [--timeout 1800] [--no-write]

Runs each ``bench/bench_*.py`` in its own process (each prints ``_common.HEADER`` and its rows), gathers the rows
into one table, prints it and writes it to docs/benchmarks.md with the date and the machine. A benchmark that
fails or times out gets a row saying so; the others still run. ``--quick`` passes smaller sizes to the benchmarks
that take them (see QUICK) — the report says so, and its figures are not the targets' sizes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
REPORT = ROOT / "docs" / "benchmarks.md"
HEADER = "| benchmark | figure | value | baseline (same run) | ratio | target | |\n|---|---|---|---|---|---|---|"

# Options that make a benchmark smaller, passed under --quick to each benchmark whose source declares the option.
QUICK = {
    "--size": "10000",
    "--runs": "3",
    "--vins": "200",
    "--burst": "100",
    "--seconds": "3",
    "--files": "5",
    "--minutes": "1",
}


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    memory = ""
    try:
        total_kb = int(Path("/proc/meminfo").read_text().split("MemTotal:", 1)[1].split()[0])
        memory = f", {total_kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, IndexError, ValueError):
        pass

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "?"

    return (
        f"{model or 'unknown CPU'}, {os.cpu_count()} logical cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, PySide6 {version('PySide6-Essentials')}"
    )


def quick_args(script: Path) -> list[str]:
    source = script.read_text()
    args: list[str] = []
    for option, value in QUICK.items():
        if f'"{option}"' in source:
            args += [option, value]
    return args


def kept_sections() -> str:
    """The sections below the table (``## `` headings, e.g. a soak run's notes), kept when the table is rewritten."""
    try:
        text = REPORT.read_text()
    except OSError:
        return ""
    at = text.find("\n## ")
    return "" if at < 0 else text[at:]


def last_words(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (lines[-1] if lines else "no output")[:160].replace("|", "/")


def run_one(script: Path, args: list[str], timeout: float) -> tuple[list[str], float]:
    """The table rows of one benchmark, each prefixed with the benchmark's name; a failure is a row too."""
    name = script.stem.removeprefix("bench_")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(script), *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return [f"| {name} | did not finish within {timeout:.0f} s | | | | | FAIL |"], time.perf_counter() - started
    elapsed = time.perf_counter() - started
    rows = [
        f"| {name} {line.strip()}"
        for line in done.stdout.splitlines()
        if line.strip().startswith("|") and not line.strip().startswith(("| figure |", "|---"))
    ]
    if done.returncode != 0:
        why = last_words(done.stderr or done.stdout)
        rows.append(f"| {name} | failed (exit {done.returncode}): {why} | | | | | FAIL |")
    elif not rows:
        rows.append(f"| {name} | printed no rows: {last_words(done.stderr or done.stdout)} | | | | | FAIL |")
    return rows, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes where a benchmark takes them")
    parser.add_argument("--only", default="", help="comma-separated names, e.g. sync,filter")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per benchmark")
    parser.add_argument("--no-write", action="store_true", help=f"print only, leave {REPORT.relative_to(ROOT)} alone")
    args = parser.parse_args()
    wanted = {w.strip() for w in args.only.split(",") if w.strip()}
    scripts = sorted(BENCH.glob("bench_*.py"))
    if wanted:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in wanted]
    rows: list[str] = []
    times: list[str] = []
    for script in scripts:
        extra = quick_args(script) if args.quick else []
        shown = " ".join([f"bench/{script.name}", *extra])
        print(f"running {shown} …", file=sys.stderr, flush=True)
        got, elapsed = run_one(script, extra, args.timeout)
        rows += got
        times.append(f"`{shown}` {elapsed:.0f} s")
        for row in got:
            print("   " + row, file=sys.stderr, flush=True)
    table = "\n".join([HEADER, *rows])
    print(table)
    misses = sum(1 for r in rows if re.search(r"\| (MISS|FAIL) \|$", r))
    if not args.no_write:
        now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
        command = "python bench/run_all.py" + (" --quick" if args.quick else "")
        quick_note = (
            "\n**Quick run**: smaller sizes than the targets name (see `QUICK` in bench/run_all.py); run without "
            "`--quick` for the full figures.\n"
            if args.quick
            else ""
        )
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        kept = kept_sections()
        REPORT.write_text(
            f"# Benchmarks\n\n"
            f"Latest run: {now}, `{command}`.\n\n"
            f"Machine: {machine()}.\n{quick_note}\n"
            f"Each benchmark runs in its own process and measures its baseline in the same run, on the same machine; "
            f"PASS / MISS compares the value (or the ratio) with the target. {len(rows)} rows, {misses} MISS/FAIL.\n\n"
            f"{table}\n\n"
            f"Wall time per benchmark: {'; '.join(times)}.\n"
            f"{kept}"
        )
        print(f"written to {REPORT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
