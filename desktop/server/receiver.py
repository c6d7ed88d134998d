"""``POST /roadster/events`` (Roadster's customer events) and ``GET /events`` (the desks' event feed).

Rules, in the order they are checked:
1. ``Authorization: Bearer <webhook key>``, compared in constant time; otherwise 401. The feed also accepts a
   user's token, and then holds only the events of that user's rooftops (every rooftop for an admin).
2. A body over :data:`MAX_BODY_BYTES` gets 413 (see :mod:`desktop.server.limits`); a real event is a few KB.
3. Malformed JSON or a body that is not a ``CustomerEvent`` gets 400 with the reason and the field; ids beyond
   64 bits are refused here, by the schema, since no column could hold them.
4. The event is committed in its own transaction and only then answered 200 with our ids; a repeated
   ``event_id`` is stored once and answered the same. An event the database refuses gets 400, alone.
"""

from __future__ import annotations

import asyncio
import hmac
import re
from typing import Any

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from desktop.server.audit import DOWNLOAD, AuditTrail
from desktop.server.events import EventRefusedByDatabase, EventStore, Incoming, Stored
from desktop.server.models import ErrorBody, EventStoredAnswer
from desktop.server.users import User
from desktop.webhooks.schema import CustomerEvent, EventRejected, validate_event

EVENTS_PATH = "/roadster/events"
FEED_PATH = "/events"
DEFAULT_PAGE = 200
MAX_PAGE = 1000
WEBHOOK_READER = "(webhook key)"  # who reads the feed with the receiver's key: a desk of the profile's own
_CURSOR = re.compile(r"[0-9]{1,18}", re.ASCII)


def error(status: int, reason: str, field: str | None = None, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"status": "error", "error": reason}
    if field:
        body["field"] = field
    body.update(extra)
    return JSONResponse(body, status_code=status)


def event_schema() -> tuple[dict[str, Any], dict[str, Any]]:
    """The ``CustomerEvent`` JSON schema for OpenAPI, and the models it refers to (for ``components.schemas``)."""
    schema = CustomerEvent.model_json_schema(ref_template="#/components/schemas/{model}")
    return schema, schema.pop("$defs", {})


def receiver_routes(store: EventStore, webhook_key: str, user_for: Any, trail: AuditTrail) -> APIRouter:
    """The two receiver routes; ``user_for(token)`` finds a user, so a desk may read the feed with its token.
    Every page of events served (names, contacts, addresses) is written to the audit log as a download."""
    expected = f"Bearer {webhook_key}".encode()
    router = APIRouter(tags=["events"])

    def key_ok(request: Request) -> bool:
        return hmac.compare_digest(request.headers.get("authorization", "").encode(), expected)

    schema, _ = event_schema()
    error_body = {"model": ErrorBody}
    page_schema = {
        "type": "object",
        "properties": {
            "events": {"type": "array", "items": {"$ref": "#/components/schemas/CustomerEvent"}},
            "cursor": {"type": "string", "description": "ask with ?since=<cursor> for the events after these"},
        },
        "required": ["events", "cursor"],
    }

    @router.post(
        EVENTS_PATH,
        openapi_extra={
            "requestBody": {"required": True, "content": {"application/json": {"schema": schema}}},
        },
        responses={
            200: {"model": EventStoredAnswer, "description": "Stored (or stored before): our ids"},
            400: {**error_body, "description": "Not a CustomerEvent; the field is named"},
            401: {**error_body, "description": "Wrong key"},
            503: {**error_body, "description": "Not stored; send it again"},
        },
    )
    async def receive_event(request: Request) -> Response:
        """Store one Roadster customer event; answered only once it is committed."""
        if not key_ok(request):
            reason = "Missing API key." if "authorization" not in request.headers else "Invalid API key."
            return error(401, reason)
        raw = await request.body()
        try:
            payload = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            return error(400, f"Malformed JSON: {exc}.")
        try:
            event = validate_event(payload)
        except EventRejected as exc:
            return error(400, exc.reason, exc.field)
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
        if isinstance(result, EventRefusedByDatabase):
            return error(400, str(result))
        if isinstance(result, BaseException):
            return error(503, "The event could not be stored; send it again.")
        return JSONResponse(result.answer())

    @router.get(
        FEED_PATH,
        responses={
            200: {
                "description": "The events after the cursor, oldest first, each as received",
                "content": {"application/json": {"schema": page_schema}},
            },
            400: {**error_body, "description": "Bad cursor or limit"},
            401: {**error_body, "description": "No key or token"},
        },
    )
    async def feed(
        request: Request,
        since: str | None = Query(default=None, max_length=40),
        limit: str | None = Query(default=None, max_length=40),
    ) -> Response:
        """Events received after cursor ``since``, oldest first, each exactly as received."""
        dpids: frozenset[str] | None = None  # the webhook key reads every rooftop's events
        who = WEBHOOK_READER
        if not key_ok(request):
            given = request.headers.get("authorization", "")
            user: User | None = None
            if given.startswith("Bearer "):
                user = await asyncio.to_thread(user_for, given[7:])
            if user is None:
                return error(401, "Invalid API key.")
            if not user.every_rooftop:  # a desk reads the events of the rooftops its user is given, no others
                dpids = user.rooftops
            who = user.name
        since_text = since or "0"
        limit_text = limit or str(DEFAULT_PAGE)
        if not _CURSOR.fullmatch(since_text):
            return error(400, "'since' must be a cursor returned by this endpoint.", "since")
        if not _CURSOR.fullmatch(limit_text) or not 1 <= int(limit_text) <= MAX_PAGE:
            return error(400, f"'limit' must be a whole number from 1 to {MAX_PAGE}.", "limit")
        bodies, cursor = await asyncio.to_thread(store.page, int(since_text), int(limit_text), dpids)
        if bodies:
            trail.record(who, DOWNLOAD, "events", str(cursor), f"{len(bodies)} after {since_text}")
        # Each event is returned exactly as it was received: the stored JSON text, not a re-encoding of it.
        text = '{"events":[' + ",".join(bodies) + '],"cursor":"' + str(cursor) + '"}'
        return Response(text, media_type="application/json")

    return router
