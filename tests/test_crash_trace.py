"""A hard crash leaves every thread's stack in crash.log (owner-only), and the next start finds it."""

from __future__ import annotations

import faulthandler
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

from desktop import crash_trace

_CRASHING_CHILD = textwrap.dedent(
    """
    import faulthandler, sys, threading
    from pathlib import Path
    from desktop import crash_trace

    crash_trace.enable(Path(sys.argv[1]))

    def inner_frame_of_the_crash():
        faulthandler._sigsegv()

    inner_frame_of_the_crash()
    """
)


def _stop_tracing_here() -> None:
    """Take this process's crash trace off the temporary file, and give pytest's own back."""
    crash_trace.disable()
    faulthandler.enable(sys.__stderr__)


def _run_child(code: str, log_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, str(log_dir)], capture_output=True, text=True, timeout=60, check=False
    )


def test_a_segmentation_fault_leaves_the_stack_in_an_owner_only_file(tmp_path: Path) -> None:
    done = _run_child(_CRASHING_CHILD, tmp_path)
    assert done.returncode != 0
    trace = (tmp_path / crash_trace.CRASH_FILE).read_text()
    assert "Fatal Python error: Segmentation fault" in trace
    assert "inner_frame_of_the_crash" in trace
    assert stat.S_IMODE((tmp_path / crash_trace.CRASH_FILE).stat().st_mode) == 0o600

    try:
        previous = crash_trace.enable(tmp_path)  # the next start
    finally:
        _stop_tracing_here()
    assert previous is not None and "inner_frame_of_the_crash" in previous


def test_a_clean_run_leaves_nothing_to_report(tmp_path: Path) -> None:
    done = _run_child(
        "import sys; from pathlib import Path; from desktop import crash_trace; crash_trace.enable(Path(sys.argv[1]))",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    try:
        assert crash_trace.enable(tmp_path) is None
        # a crash two runs ago is not this start's news: only the last run's part of the file counts
        (tmp_path / crash_trace.CRASH_FILE).write_text(
            "--- Dealer Desk started 2026-01-01 pid 1 ---\nFatal Python error: Aborted\n"
            "--- Dealer Desk started 2026-01-02 pid 2 ---\n"
        )
        assert crash_trace.enable(tmp_path) is None
    finally:
        _stop_tracing_here()
