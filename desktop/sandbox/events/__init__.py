"""Customer events the sandbox sends to the partner's receiver, as Roadster does (issue 8).

- ``POST /sandbox/webhook`` {url, api_key} sets the receiver (sandbox-only; Roadster configures it by hand), and
  re-enables one the sender disabled after days without a 2xx.
- :func:`.emit.emit_event` builds a ``CustomerEvent``, checks it against the schema and puts it in an outbox table
  in the same SQLite file; a sender thread delivers the outbox, the event due soonest first, and retries any non-2xx
  answer (3xx included) with exponential backoff, as the webhook rules say.
- The ids the receiver answers ``{customer_id, lead_id, agent_id, dealer_id}`` are kept per customer and put in
  ``api_partner`` of every later event -- filled at send time, so an event queued before the answer came still
  carries them.
- Each event carries the customer's latest deal data (vehicle, order, agent, credit application and decision);
  ``message`` only ever
  appears in ``agent_sent_message``.
- A failing event waits its backoff while the others go out, and is marked failed after ``MAX_ATTEMPTS``.
- ``POST /sandbox/simulate`` (:mod:`desktop.sandbox.event_journey`) plays a shopper's journey.

The receiver's key is kept in the sandbox's own file (a local demo server, like its own API keys); it is never
logged, and never answered by ``GET /sandbox/webhook``.

One job per module: :mod:`.store` (the outbox tables and their counts), :mod:`.shapes` (the customer, dealer and
vehicle as the event schema has them), :mod:`.emit` (building, checking and queueing an event), :mod:`.delivery`
(the sender thread and its backoff) and :mod:`.webhook` (the sandbox-only endpoints that set the receiver).
"""

from __future__ import annotations

from desktop.sandbox.events.webhook import router

__all__ = ["router"]
