"""Run the receiver with uvicorn: in the foreground (``dealer-desk webhooks serve``) or from a thread (tests)."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn

from desktop.webhooks.app import EVENTS_PATH, create_app
from desktop.webhooks.defaults import DEFAULT_HOST, DEFAULT_SANDBOX_KEY
from desktop.webhooks.store import EventStore


def db_path(data_dir: Path) -> Path:
    return data_dir / "webhooks.sqlite3"


class WebhookServer:
    """A receiver on a loopback port (0 = any free port), served from a daemon thread, like ``SandboxServer``."""

    def __init__(
        self, data_dir: Path, api_key: str = DEFAULT_SANDBOX_KEY, host: str = DEFAULT_HOST, port: int = 0
    ) -> None:
        self.data_dir = data_dir
        self.api_key = api_key
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted connections inherit this; without it h11's separate head and body writes meet the peer's
        # delayed ACK and every answer takes ~40 ms.
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock.bind((host, port))
        self.host, self.port = self._sock.getsockname()[:2]
        self.store: EventStore | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def events_url(self) -> str:
        """The URL to give Roadster (or the sandbox's ``POST /sandbox/webhook``)."""
        return self.url + EVENTS_PATH

    def start(self, timeout: float = 30.0) -> WebhookServer:
        self.store = EventStore(db_path(self.data_dir))
        cfg = uvicorn.Config(
            create_app(self.store, self.api_key),
            log_level="warning",
            lifespan="off",
            access_log=False,
            timeout_keep_alive=30,
        )
        self._server = uvicorn.Server(cfg)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, name="webhooks", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the webhook receiver did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._sock.close()
        if self.store is not None:
            self.store.close()


def serve_forever(data_dir: Path, api_key: str, host: str, port: int) -> None:
    """The ``dealer-desk webhooks serve`` command: serve until interrupted."""
    store = EventStore(db_path(data_dir))
    try:
        uvicorn.run(
            create_app(store, api_key), host=host, port=port, log_level="warning", lifespan="off", access_log=False
        )
    finally:
        store.close()
