"""Delivering the sandbox's customer events to the partner's receiver, as Roadster does (issue 8, issue 15).

A sender thread per sandbox file delivers the outbox (:mod:`.emit` fills it), the event due
soonest first, and follows the reference's webhook rules (lines 920-925):

- any answer outside 2xx (3xx included) is retried with exponential backoff; a failing event waits its backoff
  while the others go out, and is marked failed after :data:`MAX_ATTEMPTS`;
- the ids the receiver answers ``{customer_id, lead_id, agent_id, dealer_id}`` are kept per customer and put in
  ``api_partner`` of every later event, filled at send time;
- after :data:`DISABLE_AFTER` without a single 2xx, Roadster "emails you about your failed endpoint, and
  automatically disables it soon after": the sandbox logs that warning (its e-mail) and disables the endpoint.
  Nothing is sent to a disabled endpoint; events stay queued until the partner sets the receiver again
  (``POST /sandbox/webhook``), which re-enables it.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any

import httpx

from desktop.sandbox.db import SandboxDB
from desktop.sandbox.events.shapes import PARTNER_NAME

log = logging.getLogger(__name__)

BACKOFF_BASE = 0.5
BACKOFF_CAP = 60.0
# "After multiple failures to send the notification, Roadster marks the event as failed and stops trying" (reference
# line 923): ten attempts, about three minutes with the backoff above, then the event is marked failed.
MAX_ATTEMPTS = 10
# "After multiple days without receiving any 2xx HTTP status code responses, Roadster emails you about your failed
# endpoint, and automatically disables it soon after if unaddressed" (line 923): three days.
DISABLE_AFTER = 3 * 86_400.0
SEND_TIMEOUT = 10.0

_senders_lock = threading.Lock()
_senders: dict[str, _Sender] = {}


def kick(db: SandboxDB) -> None:
    """Start the file's sender, or wake it: something was queued or the receiver changed."""
    key = str(db.path)
    with _senders_lock:
        sender = _senders.get(key)
        if sender is None:
            sender = _Sender(db)
            _senders[key] = sender
            sender.start()
        else:
            sender.wake.set()


class _Sender(threading.Thread):
    """Delivers the outbox, the event due soonest first; exits when nothing is left, started again by the next event.

    An event that fails waits its backoff while the others go out (one bad event never holds up the rest), and
    after :data:`MAX_ATTEMPTS` it is marked failed and never tried again.
    """

    def __init__(self, db: SandboxDB) -> None:
        super().__init__(name="sandbox-events", daemon=True)
        self.db = db
        self.wake = threading.Event()

    def run(self) -> None:
        with httpx.Client(timeout=SEND_TIMEOUT, follow_redirects=False) as client:
            while self._step(client):
                pass

    def _next(self) -> tuple[Any, Any]:
        conn = self.db.connect()
        target = conn.execute("SELECT url, api_key FROM webhook_target WHERE id = 1 AND disabled_at IS NULL").fetchone()
        row = conn.execute(
            "SELECT id, body, dpid, customer_id, attempts, next_at FROM event_outbox"
            " WHERE delivered_at IS NULL AND failed_at IS NULL ORDER BY next_at, id LIMIT 1"
        ).fetchone()
        return target, row

    def _step(self, client: httpx.Client) -> bool:
        try:
            target, row = self._next()
            if target is None or row is None:
                with _senders_lock:
                    target, row = self._next()
                    if target is None or row is None:
                        _senders.pop(str(self.db.path), None)
                        return False
            wait = float(row["next_at"]) - time.time()
            if wait > 0:
                self.wake.wait(min(wait, 1.0))
                self.wake.clear()
                return True
            self._deliver(client, str(target["url"]), str(target["api_key"]), row)
            return True
        except Exception as exc:  # the sandbox's file went away (tests) or is locked: stop, the next event restarts
            log.warning("sandbox event sender stopped (%s)", type(exc).__name__)
            with _senders_lock:
                _senders.pop(str(self.db.path), None)
            return False

    def _deliver(self, client: httpx.Client, url: str, api_key: str, row: Any) -> None:
        event = json.loads(row["body"])
        conn = self.db.connect()
        ids_row = conn.execute(
            "SELECT partner_ids FROM event_deals WHERE dpid = ? AND customer_id = ?", (row["dpid"], row["customer_id"])
        ).fetchone()
        event["api_partner"] = {"name": PARTNER_NAME, **(json.loads(ids_row[0]) if ids_row else {})}
        status = 0
        answer: Any = None
        try:
            response = client.post(url, json=event, headers={"Authorization": f"Bearer {api_key}"})
            status = response.status_code
            if 200 <= status < 300:
                try:
                    answer = response.json()
                except ValueError:
                    answer = None
        except httpx.HTTPError as exc:
            log.info("receiver unreachable (%s); will retry", type(exc).__name__)
        now = time.time()
        with self.db.write() as wconn:
            if 200 <= status < 300:
                wconn.execute(
                    "UPDATE event_outbox SET delivered_at = ?, last_status = ?, attempts = attempts + 1 WHERE id = ?",
                    (now, status, row["id"]),
                )
                wconn.execute("UPDATE webhook_target SET failing_since = NULL WHERE id = 1")
                ids = {
                    k: str(answer[k])
                    for k in ("customer_id", "lead_id", "agent_id", "dealer_id")
                    if isinstance(answer, dict) and answer.get(k) not in (None, "")
                }
                if ids:
                    known = json.loads(ids_row[0]) if ids_row else {}
                    wconn.execute(
                        "UPDATE event_deals SET partner_ids = ? WHERE dpid = ? AND customer_id = ?",
                        (json.dumps({**known, **ids}), row["dpid"], row["customer_id"]),
                    )
            elif _repointed(wconn, url, api_key):
                # The webhook changed while this attempt was on its way: it did not fail at the new receiver, so
                # it keeps its place (its old due time) ahead of the events queued after it.
                wconn.execute("UPDATE event_outbox SET last_status = ? WHERE id = ?", (status, row["id"]))
            else:
                attempts = int(row["attempts"]) + 1
                delay = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempts - 1))
                wconn.execute(
                    "UPDATE event_outbox SET attempts = ?, next_at = ?, last_status = ?, failed_at = ? WHERE id = ?",
                    (attempts, now + delay, status, now if attempts >= MAX_ATTEMPTS else None, row["id"]),
                )
                _note_failure(wconn, url, now)


def _repointed(conn: Any, url: str, api_key: str) -> bool:
    now = conn.execute("SELECT url, api_key FROM webhook_target WHERE id = 1").fetchone()
    return now is not None and (str(now[0]), str(now[1])) != (url, api_key)


def _note_failure(conn: Any, url: str, now: float) -> None:
    """Remember since when the endpoint has answered no 2xx; past :data:`DISABLE_AFTER`, warn and disable it."""
    conn.execute("UPDATE webhook_target SET failing_since = COALESCE(failing_since, ?) WHERE id = 1", (now,))
    since = conn.execute("SELECT failing_since FROM webhook_target WHERE id = 1").fetchone()
    if since is not None and now - float(since[0]) >= DISABLE_AFTER:
        conn.execute("UPDATE webhook_target SET disabled_at = ? WHERE id = 1 AND disabled_at IS NULL", (now,))
        log.warning(
            "the events endpoint %s has answered no 2xx for %.0f s: Roadster would e-mail the partner; disabled "
            "until the receiver is set again",
            url,
            now - float(since[0]),
        )
