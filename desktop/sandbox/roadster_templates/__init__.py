"""Roadster document templates and form packets (issue 7), plus the sandbox-only order views.

Templates live in the sandbox's SQLite file with their PDF as a BLOB. Each dealer gets three demo templates
(odometer statement, we-owe, privacy notice) the first time anything asks for its templates: cheap, and a sandbox
that never opens templates never pays for them. Delete only sets ``is_deleted``: the template leaves the list, its
record and file stay readable, packets made earlier keep their own copy, and it can no longer go into a new packet.

Orders belong to the customers module (an ``orders`` row is made when a customer is created with a vehicle and a
payment); until that table exists there are no orders.

One job per module: :mod:`.store` (the tables and a template's record), :mod:`.storage` (the S3-style metadata of
a stored file), :mod:`.demo` (the demo templates a dealer starts with), :mod:`.checks` (reading a request),
:mod:`.orders` (an order and its deal figures, as a packet fills them in), :mod:`.routes` (the template endpoints)
and :mod:`.packets` (form packets and the sandbox-only order views).
"""

from __future__ import annotations

from fastapi import APIRouter

from desktop.sandbox.roadster_templates import packets, routes

# One router, mounted without a prefix: the partner API under /v1 and the sandbox-only order views under /sandbox.
router = APIRouter()
router.include_router(routes.router)
router.include_router(packets.router)
