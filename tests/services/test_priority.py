"""Background work is lowered below the window's thread, and never raised."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from desktop.services.priority import BACKGROUND_NICE, lower_this_thread

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own nice value is Linux's"),
    pytest.mark.skipif(
        os.getpriority(os.PRIO_PROCESS, 0) >= BACKGROUND_NICE, reason="the tests already run at a background priority"
    ),
]


def _in_a_thread(start_at: int | None) -> tuple[int, int]:
    """(the thread's nice before, after ``lower_this_thread``), in a fresh thread started at ``start_at``."""
    seen: list[tuple[int, int]] = []

    def work() -> None:
        me = threading.get_native_id()
        if start_at is not None:
            os.setpriority(os.PRIO_PROCESS, me, start_at)
        before = os.getpriority(os.PRIO_PROCESS, me)
        lower_this_thread()
        seen.append((before, os.getpriority(os.PRIO_PROCESS, me)))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    return seen[0]


def test_a_thread_is_lowered_and_the_others_are_not() -> None:
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    before, after = _in_a_thread(None)
    assert (before, after) == (mine, BACKGROUND_NICE)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine, "only the calling thread"


def test_a_thread_already_lower_is_left_alone() -> None:
    assert _in_a_thread(BACKGROUND_NICE + 5) == (BACKGROUND_NICE + 5, BACKGROUND_NICE + 5)
