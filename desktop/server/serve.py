"""Serving the app with uvicorn, hardened against idle and slow connections.

uvicorn alone gives a new connection no deadline until its first request, and its ``limit_concurrency`` answers
503 to everyone once the cap is reached -- so 1,100 idle sockets either exhaust the process's descriptors or
shut out the real senders. Here a connection must complete its request head within :data:`READ_TIMEOUT`
seconds, and when :data:`MAX_CONNECTIONS` are open a new one evicts the longest-idle connection instead of
being refused: an attacker's idle sockets make room for Roadster's events, not the other way round. The
process's descriptor limit is raised to its hard limit at start so the cap, not the kernel, decides.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import socket
from pathlib import Path
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from desktop.server.limits import install_log_limits

log = logging.getLogger(__name__)

READ_TIMEOUT = 10.0  # seconds from connect to a complete request head
KEEP_ALIVE = 15  # seconds an idle keep-alive connection is kept
MAX_CONNECTIONS = 4096
_RESERVED_FDS = 256  # database files, sockets to PostgreSQL, logs


def raise_fd_limit() -> int:
    """Raise the soft descriptor limit to the hard one; returns the connection cap that fits under it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return max(64, min(MAX_CONNECTIONS, soft - _RESERVED_FDS))


class GuardedH11(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with a deadline for the request head and eviction of idle connections."""

    cap = MAX_CONNECTIONS

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._since = self.loop.time()
        self._head_timer: asyncio.TimerHandle | None = self.loop.call_later(READ_TIMEOUT, self._head_too_slow)
        if len(self.connections) > self.cap:
            self._evict_idle()

    def data_received(self, data: bytes) -> None:
        self._since = self.loop.time()
        super().data_received(data)
        if self._head_timer is not None and self.cycle is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def connection_lost(self, exc: Exception | None) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None
        super().connection_lost(exc)

    def _idle(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self.cycle is None and not self.transport.is_closing():
            self.transport.close()

    def _evict_idle(self) -> None:
        idle = [c for c in self.connections if isinstance(c, GuardedH11) and c is not self and c._idle()]
        if not idle:
            return
        oldest = min(idle, key=lambda c: c._since)
        oldest.transport.close()


def config(app: Any, host: str = "127.0.0.1", port: int = 0, **tls: Any) -> uvicorn.Config:
    GuardedH11.cap = raise_fd_limit()
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=GuardedH11,
        log_level="warning",
        log_config=None,
        lifespan="off",
        access_log=False,
        timeout_keep_alive=KEEP_ALIVE,
        backlog=2048,
        **tls,
    )


def serve_forever(app: Any, host: str, port: int, certfile: Path | None = None, keyfile: Path | None = None) -> None:
    """Serve until interrupted (the ``dealer-desk server`` command), over TLS when a certificate is given."""
    install_log_limits()
    tls: dict[str, Any] = {}
    if certfile is not None:
        tls = {"ssl_certfile": str(certfile), "ssl_keyfile": str(keyfile) if keyfile else None}
    server = uvicorn.Server(config(app, host, port, **tls))
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Without it h11's separate head and body writes meet the peer's delayed ACK and small answers take ~40 ms.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    server.run(sockets=[sock])
