"""Background work gives the window's thread the first claim on a core.

A desk has two cores or four. The window's thread shares them with the app's worker threads (a picker's page read
from 100,000 vehicles, a rooftop's rows prepared) and with the built-in sandbox, which stands in for the partners'
servers and would not run on the desk at all in production. At the same priority, a turn of the window that was
ready to run waited for a core behind them: the soak's longest gaps were the window's own work plus 4-12 ms of that
wait. Work nobody is watching is lowered, as the document worker's child already is: the window, at the normal
priority, then takes a core first, and the background keeps every core the window leaves idle.
"""

from __future__ import annotations

import os
import sys
import threading

BACKGROUND_NICE = 10  # as the document worker's child: the scheduler gives a nice-0 thread ~9x its share


def lower_this_thread() -> None:
    """Run the calling thread at :data:`BACKGROUND_NICE` (Linux, where a nice value is a thread's own).

    Cheap enough to call at each job's start (two system calls): a pool's new thread (the OS reuses an ended
    thread's id) is lowered too, and a thread already lower (a whole app started with ``nice``) is left alone.
    Elsewhere a nice value is the process's, so nothing is done here: the TaskRunner's pools ask Qt for low
    priority threads, which Windows and macOS honour (Qt cannot do it on Linux).
    """
    if not sys.platform.startswith("linux"):
        return
    me = threading.get_native_id()
    try:
        if os.getpriority(os.PRIO_PROCESS, me) < BACKGROUND_NICE:
            os.setpriority(os.PRIO_PROCESS, me, BACKGROUND_NICE)
    except OSError:  # a sandbox (seccomp) that refuses it: the work runs as before
        return


def lower_this_process() -> None:
    """Run this process, and the threads it starts from now on, at :data:`BACKGROUND_NICE` (call it first)."""
    try:
        now = os.getpriority(os.PRIO_PROCESS, 0)
        if now < BACKGROUND_NICE:
            os.nice(BACKGROUND_NICE - now)
    except (OSError, AttributeError):  # AttributeError: no nice() (Windows); the child runs as before
        return
