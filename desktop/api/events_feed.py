"""The desktop's read side of the customer-event receiver: ``GET /events?since=<cursor>&limit=N``, page by page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.api.base import ApiClient
from desktop.api.roadster.client import parse_roadster_error

FEED_PATH = "/events"  # the receiver's table, see desktop/webhooks/app.py


@dataclass(frozen=True)
class EventPage:
    events: list[dict[str, Any]]
    cursor: str


class EventFeedClient(ApiClient):
    """The receiver's feed; its errors share the Roadster shape ``{"status": "error", "error", "field"}``."""

    api = "Event receiver"
    parse_error = staticmethod(parse_roadster_error)

    def page(self, since: str | None, limit: int = 200) -> EventPage:
        body = self.get_json(FEED_PATH, params={"since": since, "limit": limit})
        events = [e for e in body.get("events", []) if isinstance(e, dict)]
        return EventPage(events, str(body.get("cursor") or since or "0"))
