"""The Chaiz partner API (issue 5): pre-registration, plan search, start price, cache clean-up and the live flow.

Registration is asynchronous at Chaiz. Here it is time-based state in SQLite: a registration row gets
``ready_at = started_at + config.chaiz_latency``, and every request compares that with the clock, so nothing waits
on a background job. To make "concurrent registrations" a number the sandbox can measure, a ``VehicleRegistration``
request is a long poll: it is held open until the registration is done, but at most ``config.chaiz_hold`` seconds,
then answers 201 (done) or 202 (still in progress, poll again). The requests open at the same time are counted and
their peak is served at ``GET /sandbox/chaiz/stats``.

One job per module: :mod:`.state` (counters, clock, fault draw), :mod:`.answers` (the envelope and its errors),
:mod:`.criteria` (reading a request), :mod:`.catalog` (the seeded plans and their prices), :mod:`.registrations`
(the registration rows and the long poll), :mod:`.user_links` (the live checkout links), :mod:`.partner` (the
partner endpoints, where the decisions below live) and :mod:`.controls` (the sandbox-only stats and clock).
"""

from __future__ import annotations

from fastapi import APIRouter

from desktop.sandbox.chaiz import controls, partner

router = APIRouter()
router.include_router(partner.router)
router.include_router(controls.router)
