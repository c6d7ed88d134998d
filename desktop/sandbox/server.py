"""Run the sandbox with uvicorn: in the foreground (CLI) or in a background thread (app, tests, benchmarks)."""

from __future__ import annotations

import logging
import socket
import threading
import time

import uvicorn

from desktop.sandbox.app import create_app
from desktop.sandbox.config import SandboxConfig

log = logging.getLogger(__name__)


class SandboxServer:
    """A sandbox on a loopback port (0 = any free port), served from a daemon thread.

    Binding the socket here, before the thread starts, means ``url`` is known at once and the port cannot be
    taken by someone else in between.
    """

    def __init__(self, config: SandboxConfig, host: str = "127.0.0.1", port: int = 0) -> None:
        self.config = config
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted sockets inherit this; without it Nagle + delayed ACK add ~40 ms to small answers.
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock.bind((host, port))
        self.host, self.port = self._sock.getsockname()[:2]
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 120.0) -> SandboxServer:
        """Open (seeding on first start) and serve; returns once requests are accepted."""
        app = create_app(self.config)
        cfg = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False, timeout_keep_alive=30)
        self._server = uvicorn.Server(cfg)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, name="sandbox", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the sandbox server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._sock.close()


def serve_forever(config: SandboxConfig, host: str, port: int) -> None:
    """The ``dealer-desk sandbox`` command: serve until interrupted."""
    app = create_app(config)
    uvicorn.run(app, host=host, port=port, log_level="info", lifespan="off")
