"""Run the receiver with uvicorn: in the foreground (``dealer-desk webhooks serve``) or from a thread (tests)."""

from __future__ import annotations

from pathlib import Path

import uvicorn

from desktop.serving import ThreadedServer
from desktop.webhooks.app import EVENTS_PATH, create_app
from desktop.webhooks.defaults import DEFAULT_HOST, DEFAULT_SANDBOX_KEY
from desktop.webhooks.store import EventStore


def db_path(data_dir: Path) -> Path:
    return data_dir / "webhooks.sqlite3"


class WebhookServer(ThreadedServer):
    """A receiver on a loopback port (0 = any free port), served from a daemon thread, like ``SandboxServer``."""

    def __init__(
        self, data_dir: Path, api_key: str = DEFAULT_SANDBOX_KEY, host: str = DEFAULT_HOST, port: int = 0
    ) -> None:
        super().__init__("webhooks", host, port)
        self.data_dir = data_dir
        self.api_key = api_key
        self.store: EventStore | None = None

    @property
    def events_url(self) -> str:
        """The URL to give Roadster (or the sandbox's ``POST /sandbox/webhook``)."""
        return self.url + EVENTS_PATH

    def start(self, timeout: float = 30.0) -> WebhookServer:
        self.store = EventStore(db_path(self.data_dir))
        self.serve(create_app(self.store, self.api_key), timeout)
        return self

    def stop(self) -> None:
        self.shutdown()
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
