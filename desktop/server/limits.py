"""What keeps one client from taking the server down: a body size cap, and a log that cannot flood the disk.

The connection cap and read timeouts live in :mod:`desktop.server.serve` (they belong to the HTTP protocol).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

MAX_BODY_BYTES = 1024 * 1024
LOG_BURST = 20  # records of one kind per window
LOG_WINDOW = 60.0  # seconds


class BodyLimit:
    """ASGI middleware: a request body over :data:`MAX_BODY_BYTES` gets 413 before the app reads it.

    The declared ``Content-Length`` is checked first; a chunked body is counted as it streams and buffered
    (at most the cap), so the app never sees more than it may.
    """

    def __init__(self, app: Any, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or len(declared) > 12):
            await _answer(send, 400, b'{"status":"error","error":"The Content-Length header is not a number."}')
            return
        if declared is not None and int(declared) > self.limit:
            await _too_large(send, self.limit)
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.limit:
                await _too_large(send, self.limit)
                return
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            message: dict[str, Any] = await receive()
            return message

        await self.app(scope, replay, send)


async def _too_large(send: Any, limit: int) -> None:
    text = f'{{"status":"error","error":"The body is larger than {limit} bytes."}}'
    await _answer(send, 413, text.encode())


async def _answer(send: Any, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RateLimit(logging.Filter):
    """Let through at most :data:`LOG_BURST` records of one kind (logger and message) per :data:`LOG_WINDOW`.

    Without it, a flood of refused connections once wrote 167,136 identical tracebacks (70 MB) in seconds. The
    first record after a quiet spell says how many were dropped, so the log still tells what happened.
    """

    def __init__(self, burst: int = LOG_BURST, window: float = LOG_WINDOW) -> None:
        super().__init__()
        self.burst = burst
        self.window = window
        self._seen: dict[tuple[str, str], tuple[float, int, int]] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg)[:200])
        now = time.monotonic()
        with self._lock:
            start, count, dropped = self._seen.get(key, (now, 0, 0))
            if now - start > self.window:
                if dropped:
                    record.msg = f"{record.msg} [{dropped} more like this were not logged]"
                start, count, dropped = now, 0, 0
            if count >= self.burst:
                self._seen[key] = (start, count, dropped + 1)
                return False
            self._seen[key] = (start, count + 1, dropped)
            if len(self._seen) > 10_000:
                self._seen.clear()
            return True


def install_log_limits() -> None:
    """Put the rate limit on every handler of the root logger (uvicorn's and asyncio's records end there)."""
    limiter = RateLimit()
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in root.handlers:
        handler.addFilter(limiter)
