"""A tiny real HTTP server on loopback that answers each endpoint with the reference's own sample.

It knows nothing of our sandbox: every answer is a fixture from ``samples/`` (verbatim, turned into JSON), and
every request it receives is recorded, so a test can hand the request the client built to
:func:`samples.shape_mismatches` against the reference's sample request.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from desktop.api.roadster import paths
from tests.conformance.samples import load

ROOT = "/v1"


@dataclass
class Route:
    """``method`` + ``template`` (a path of the API's path table) answered with ``status`` and ``body``."""

    method: str
    template: str
    body: Any
    status: int = 200
    sample: str = ""
    pattern: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        self.pattern = re.compile("^" + re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", re.escape(self.template)) + "$")


@dataclass(frozen=True)
class Received:
    """One request as the server saw it."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    headers: dict[str, str]


def roadster_routes() -> list[Route]:
    """Every Roadster endpoint whose response the reference shows, answered with that sample."""

    def sample(method: str, template: str, name: str) -> Route:
        return Route(method, ROOT + template, load("roadster", name).body(), sample=name)

    return [
        sample("GET", paths.DEALERS, "dealers_list.response"),
        sample("GET", paths.DEALER, "dealer_detail.response"),
        sample("POST", paths.LINKS, "links.response"),
        sample("POST", paths.CUSTOMERS, "customers_create.response"),
        sample("PUT", paths.CUSTOMER_AGENT, "customer_agent.response"),
        sample("GET", paths.EXPRESS, "express.response"),
        sample("POST", paths.TRADEIN_OFFER, "tradein_offer.response"),
        sample("POST", paths.PRICING, "pricing.response"),
        sample("GET", paths.PROTECTION_PLANS, "protection_plans.response"),
        sample("POST", paths.DOCUMENTS, "documents_upload.response"),
        sample("GET", paths.DOCUMENTS, "documents_list.response"),
        sample("DELETE", paths.DOCUMENTS, "documents_delete.response"),
        sample("GET", paths.DOCUMENT, "document_contents.response"),
        sample("GET", paths.INVENTORY, "inventory.response"),
        sample("GET", paths.VEHICLE, "vehicle_info.response"),
        sample("GET", paths.TEMPLATES, "templates_list.response"),
        sample("POST", paths.TEMPLATES, "template_create.response"),
        sample("GET", paths.TEMPLATE, "template_get.response"),
        sample("GET", paths.TEMPLATE_FILE, "template_file.response"),
        # The reference shows no answer for a forms packet: the least it can be is an empty 2xx body.
        Route("POST", ROOT + paths.ORDER_FORMS, None, status=204, sample="(no response sample)"),
    ]


class ReplayServer:
    """Serves ``routes`` on a free loopback port until :meth:`stop`; ``received`` lists every request."""

    def __init__(self, routes: list[Route]) -> None:
        self.routes = routes
        self.received: list[Received] = []
        self._lock = threading.Lock()
        handler = _handler_for(self)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        host, port = self._httpd.server_address[:2]
        self.url = f"http://{host!s}:{port}"
        # serve_forever looks for a shutdown every poll_interval: at its default of 0.5 s each stop (one per test)
        # waited half a second for nothing.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="replay", daemon=True
        )

    def start(self) -> ReplayServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def answer(self, method: str, path: str, status: int, body: Any) -> None:
        """Put ``(status, body)`` first for ``method path`` (a later answer for the same route wins)."""
        with self._lock:
            self.routes.insert(0, Route(method, path, body, status=status))

    def last(self, method: str, path_prefix: str = "") -> Received:
        """The most recent request of ``method`` whose path starts with ``path_prefix``."""
        with self._lock:
            for seen in reversed(self.received):
                if seen.method == method and seen.path.startswith(path_prefix):
                    return seen
        raise AssertionError(f"no {method} {path_prefix} request reached the replay server")

    def requests_to(self, method: str, template: str) -> Iterator[Received]:
        pattern = Route(method, template, None).pattern
        with self._lock:
            seen = list(self.received)
        return (r for r in seen if r.method == method and pattern.match(r.path))

    def _route(self, method: str, path: str) -> Route | None:
        with self._lock:
            return next((r for r in self.routes if r.method == method and r.pattern.match(path)), None)

    def _record(self, received: Received) -> None:
        with self._lock:
            self.received.append(received)


def _handler_for(server: ReplayServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests look at ``received``, not at a log."""

        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            headers = {k.lower(): v for k, v in self.headers.items()}
            server._record(Received(self.command, parts.path, dict(parse_qsl(parts.query)), body, headers))
            route = server._route(self.command, parts.path)
            if route is None:
                self._send(404, {"status": "error", "error": f"No sample for {self.command} {parts.path}."})
            else:
                self._send(route.status, route.body)

        def _send(self, status: int, body: Any) -> None:
            payload = b"" if status == 204 or body is None else json.dumps(body).encode()
            self.send_response(status)
            if payload:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = _serve

    return Handler
