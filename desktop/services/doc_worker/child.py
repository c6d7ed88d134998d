"""The document worker process: limits itself, then answers requests on its pipes until the app closes them.

Started by :class:`desktop.services.doc_worker.pool.DocumentWorkers` as ``python -m desktop.services.doc_worker``
(or ``dealer-desk doc-worker`` in the frozen build). Before reading anything it caps its memory (``RLIMIT_AS`` on
POSIX, a job object on Windows, see :mod:`.memory`; the app's watchdog samples it too), so a bomb fails with
MemoryError or kills only this process, turns core dumps off, so a crash
never writes a customer's document to disk, and lowers its priority, so a slow page never starves the window.
The protocol gets its own copy of stdout; file descriptor 1 then points at stderr, so nothing PDFium or a library
prints can corrupt an answer.
"""

from __future__ import annotations

import argparse
import os
import sys

from desktop.services.doc_worker import memory, protocol
from desktop.services.doc_worker.protocol import DEFAULT_MEMORY_MB


def limit_resources(memory_mb: int, *, os_limit: bool = True) -> None:
    if sys.platform == "win32":
        if os_limit:
            memory.limit_windows_process(memory_mb)
        return
    import resource

    limit = memory_mb * 1024 * 1024
    if os_limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.nice(10)  # a page that takes seconds to draw must not take the CPU from the window


def serve(memory_mb: int) -> int:
    from desktop.services.doc_worker import ops  # imported after the limits are in force

    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    requests = sys.stdin.buffer
    ops.warm_up()
    protocol.write_frame(answers, {"ready": True})  # the app starts a request's clock only after this
    while True:
        frame = protocol.read_frame(requests)
        if frame is None:
            return 0
        header, payload = frame
        try:
            reply = ops.handle(header, payload)
        except MemoryError:
            ops.HELD.clear()  # the documents kept open are the first memory to give back
            reply = (
                {
                    "error": f"The file needs more than {memory_mb} MB of memory to read; it is refused.",
                    "field": "contents",
                    "kind": "memory",
                },
                b"",
            )
        except Exception as exc:  # the last line of defence: the app gets a sentence
            reply = ({"error": f"The file could not be read ({type(exc).__name__}).", "kind": "damaged"}, b"")
        del payload
        reply[0]["held"] = ops.HELD.tokens()  # what the app may leave out of its next requests
        protocol.write_frame(answers, *reply)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="doc-worker", description="Reads untrusted documents for Dealer Desk.")
    parser.add_argument("--memory-mb", type=int, default=DEFAULT_MEMORY_MB)
    parser.add_argument(
        "--no-os-limit", action="store_true", help="no OS memory limit: the app's watchdog alone (its tests)"
    )
    args = parser.parse_args(argv)
    limit_resources(args.memory_mb, os_limit=not args.no_os_limit)
    return serve(args.memory_mb)
