"""The customer-event receiver: ``POST /roadster/events`` from Roadster, ``GET /events`` for the desktop.

Bare Starlette rather than FastAPI: the receiver has two routes and answers from raw bytes, and every
millisecond before the 200 counts (Roadster retries anything that is slow or not 2xx).

Rules, in the order they are checked:
1. ``Authorization: Bearer <key>``, compared in constant time; otherwise 401.
2. A body over :data:`MAX_BODY_BYTES` (1 MiB, checked on ``Content-Length`` and again on the bytes actually
   streamed) gets 413; a real event is a few kilobytes.
3. Malformed JSON or a body that is not a ``CustomerEvent`` (a required field missing or of the wrong type) gets
   400 with the reason and the field.
4. The event is committed to SQLite (WAL, ``synchronous=FULL``) and only then answered 200 with our ids
   ``{customer_id, lead_id, agent_id, dealer_id}``. A repeated ``event_id`` is stored once and answered the same.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from desktop.webhooks.schema import EventRejected, validate_event
from desktop.webhooks.store import EventStore, Incoming, Stored

log = logging.getLogger(__name__)

EVENTS_PATH = "/roadster/events"  # where Roadster is told to POST
FEED_PATH = "/events"  # where the desktop reads what is new
MAX_BODY_BYTES = 1024 * 1024
DEFAULT_PAGE = 200
MAX_PAGE = 1000


def _error(status: int, reason: str, field: str | None = None) -> JSONResponse:
    body: dict[str, Any] = {"status": "error", "error": reason}
    if field:
        body["field"] = field
    return JSONResponse(body, status_code=status)


class _TooLarge(Exception):
    pass


async def _read_limited(request: Request) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(store: EventStore, api_key: str) -> Starlette:
    """The receiver over ``store``; ``api_key`` is the one Roadster (or the sandbox) sends as a Bearer token."""
    expected = f"Bearer {api_key}".encode()

    def authorized(request: Request) -> bool:
        given = request.headers.get("authorization", "").encode()
        return hmac.compare_digest(given, expected)

    async def receive_event(request: Request) -> Response:
        if not authorized(request):
            reason = "Missing API key." if "authorization" not in request.headers else "Invalid API key."
            return _error(401, reason)
        declared = request.headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                return _error(400, "The Content-Length header is not a number.", "Content-Length")
            if int(declared) > MAX_BODY_BYTES:
                return _error(413, f"The event is larger than {MAX_BODY_BYTES} bytes.")
        try:
            raw = await _read_limited(request)
        except _TooLarge:
            return _error(413, f"The event is larger than {MAX_BODY_BYTES} bytes.")
        try:
            payload = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            return _error(400, f"Malformed JSON: {exc}.")
        try:
            event = validate_event(payload)
        except EventRejected as exc:
            return _error(400, exc.reason, exc.field)
        item = Incoming(
            event_id=event.event_id,
            event_type=event.event_type,
            dpid=event.dealer.dpid,
            customer_id=event.customer.id,
            agent_id=event.agent.id if event.agent is not None else None,
            body=raw.decode("utf-8"),
        )
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Stored | BaseException] = loop.create_future()

        def done(result: Stored | BaseException) -> None:
            loop.call_soon_threadsafe(future.set_result, result)

        store.submit(item, done)
        result = await future
        if isinstance(result, BaseException):
            return _error(503, "The event could not be stored; send it again.")
        return JSONResponse(result.answer())

    async def feed(request: Request) -> Response:
        if not authorized(request):
            return _error(401, "Invalid API key.")
        since_text = request.query_params.get("since", "") or "0"
        limit_text = request.query_params.get("limit", "") or str(DEFAULT_PAGE)
        if not since_text.isdigit():
            return _error(400, "'since' must be a cursor returned by this endpoint.", "since")
        if not limit_text.isdigit() or not 1 <= int(limit_text) <= MAX_PAGE:
            return _error(400, f"'limit' must be a whole number from 1 to {MAX_PAGE}.", "limit")
        bodies, cursor = await asyncio.to_thread(store.page, int(since_text), int(limit_text))
        # Each event is returned exactly as it was received: the stored JSON text, not a re-encoding of it.
        text = '{"events":[' + ",".join(bodies) + '],"cursor":"' + str(cursor) + '"}'
        return Response(text, media_type="application/json")

    return Starlette(
        routes=[
            Route(EVENTS_PATH, receive_event, methods=["POST"]),
            Route(FEED_PATH, feed, methods=["GET"]),
        ]
    )
