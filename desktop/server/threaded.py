"""The server in a daemon thread of this process, on a pre-bound port: the desktop's embedded receiver and tests."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import uvicorn

from desktop.server.app import create_app
from desktop.server.context import Services, open_services
from desktop.server.receiver import EVENTS_PATH
from desktop.server.serve import config
from desktop.serving import ThreadedServer


class TeamServer(ThreadedServer):
    """The whole server (receiver and ``/api/v1``) on ``host:port`` (0 = any free port)."""

    def __init__(
        self,
        data_dir: Path,
        webhook_key: str,
        database: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        name: str = "team-server",
        max_wait: float | None = None,
    ) -> None:
        super().__init__(name, host, port)
        self.data_dir = data_dir
        self.webhook_key = webhook_key
        self.database = database
        self.services: Services | None = None
        self.max_wait = max_wait

    @property
    def events_url(self) -> str:
        """The URL to give Roadster (or the sandbox's ``POST /sandbox/webhook``)."""
        return self.url + EVENTS_PATH

    def start(self, timeout: float = 30.0) -> TeamServer:
        self.services = open_services(self.data_dir, self.webhook_key, self.database)
        if self.max_wait is not None:
            self.services.feed.max_wait = self.max_wait
        self.serve(create_app(self.services), timeout)
        return self

    def serve(self, app: object, timeout: float) -> None:
        """Like :meth:`ThreadedServer.serve`, with the hardened protocol of :mod:`desktop.server.serve`."""
        server = uvicorn.Server(config(app))
        self._server = server
        self._thread = threading.Thread(
            target=server.run, kwargs={"sockets": [self._sock]}, name=self.name, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the {self.name} server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.shutdown()
        if self.services is not None:
            self.services.close()
