"""Where a hard crash of the app leaves its trace: the Python stack of every thread, in ``crash.log``.

A segmentation fault or an abort inside Qt kills the process before any Python handler runs, and the log file
says nothing. :mod:`faulthandler` writes the stacks from its signal handler instead. What it writes is file
names, function names and line numbers, never a value, so no customer data reaches the file; the file is still
created readable by its owner only, like the log. The next start finds a trace the last run left and says so.
"""

from __future__ import annotations

import faulthandler
import os
import time
from pathlib import Path
from typing import IO

CRASH_FILE = "crash.log"
_MARK = "--- Dealer Desk started "
TAIL_READ = 256_000  # bytes read from the end at a start: a crash's stacks, all threads, are a few kilobytes
_open_file: IO[str] | None = None  # kept for the life of the process: faulthandler writes to its descriptor


def _last_run(text: str) -> str:
    """The part of the file the last run wrote: from its start mark to the end."""
    at = text.rfind(_MARK)
    return text[at:] if at >= 0 else text


def enable(log_dir: Path) -> str | None:
    """Send a crash's stacks to ``log_dir/crash.log``; return the trace the previous run left, if it crashed."""
    global _open_file
    log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = log_dir / CRASH_FILE
    previous = None
    try:
        size = path.stat().st_size
        with path.open("rb") as file:  # the last run's part is at the end: the start reads no more than a tail
            file.seek(max(0, size - TAIL_READ))
            last = _last_run(file.read().decode("utf-8", errors="replace"))
        if "Fatal Python error" in last or "Current thread" in last:
            previous = last
        if size > 1_000_000:
            path.unlink()  # old traces are in no one's way but the disk's
    except FileNotFoundError:
        pass
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.fchmod(fd, 0o600)
    if _open_file is not None:
        _open_file.close()
    _open_file = open(fd, "a", encoding="utf-8")  # noqa: SIM115 -- held open until the process ends
    _open_file.write(f"{_MARK}{time.strftime('%Y-%m-%d %H:%M:%S')} pid {os.getpid()} ---\n")
    _open_file.flush()
    faulthandler.enable(_open_file, all_threads=True)
    return previous


def disable() -> None:
    """Stop writing crash traces (tests); the file stays."""
    global _open_file
    faulthandler.disable()
    if _open_file is not None:
        _open_file.close()
        _open_file = None
