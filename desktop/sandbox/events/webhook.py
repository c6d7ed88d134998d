"""The sandbox-only webhook endpoints: where the events go (Roadster configures this by hand)."""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request

from desktop.sandbox.errors import bad_request
from desktop.sandbox.events.delivery import kick
from desktop.sandbox.events.store import outbox_status, sandbox_db

router = APIRouter()


@router.post("/webhook")
def set_webhook(request: Request, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    """Point the sandbox's events at a receiver; queued events are tried again at once."""
    if not isinstance(body, dict):
        raise bad_request("The body must be a JSON object {url, api_key}.", "request")
    url = body.get("url")
    api_key = body.get("api_key")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise bad_request(
            "'url' must be the receiver's http(s) URL, e.g. http://127.0.0.1:8766/roadster/events.", "url"
        )
    if not isinstance(api_key, str) or not api_key:
        raise bad_request("'api_key' must be the key the receiver expects.", "api_key")
    db = sandbox_db(request)
    with db.write() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO webhook_target (id, url, api_key, updated_at) VALUES (1, ?, ?, ?)",
            (url, api_key, int(time.time())),
        )
        conn.execute(
            "UPDATE event_outbox SET next_at = ? WHERE delivered_at IS NULL AND failed_at IS NULL", (time.time(),)
        )
    kick(db)
    return {"status": "ok", **outbox_status(db)}


@router.get("/webhook")
def get_webhook(request: Request) -> dict[str, Any]:
    return {"status": "ok", **outbox_status(sandbox_db(request))}


@router.delete("/webhook")
def delete_webhook(request: Request) -> dict[str, Any]:
    db = sandbox_db(request)
    with db.write() as conn:
        conn.execute("DELETE FROM webhook_target")
    return {"status": "ok", **outbox_status(db)}
