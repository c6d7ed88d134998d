"""The sandbox ASGI app: Roadster under ``/v1``, Chaiz under ``/api/v2/Partners``, sandbox-only under ``/sandbox``.

Each issue's endpoints live in a module of their own, mounted here; every path comes from the API's path table.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response

from desktop.api.chaiz import paths as chaiz_paths
from desktop.api.roadster import paths as roadster_paths
from desktop.sandbox import (
    chaiz,
    event_journey,
    roadster_customers,
    roadster_documents,
    roadster_inventory,
    roadster_pricing,
    roadster_templates,
    sandbox_admin,
)
from desktop.sandbox import events as sandbox_events
from desktop.sandbox.config import SandboxConfig
from desktop.sandbox.db import SandboxDB
from desktop.sandbox.errors import SandboxError, error_response
from desktop.sandbox.faults import FaultPlan
from desktop.sandbox.strict_json import StrictJson

log = logging.getLogger(__name__)

ROADSTER = roadster_paths.SANDBOX_PREFIX
PUBLIC_PATHS = (ROADSTER + "/express/",)  # the browser link carries its own encrypted token


@dataclass
class SandboxState:
    """Everything a route needs, reachable as ``request.app.state.sandbox``."""

    config: SandboxConfig
    db: SandboxDB
    faults: FaultPlan = field(default_factory=FaultPlan)
    extras: dict[str, Any] = field(default_factory=dict)


def create_app(config: SandboxConfig) -> FastAPI:
    """Open (and on first start seed) the data dir, and build the app."""
    db = SandboxDB(config.db_path)
    db.seed_if_empty(config.seed, config.inventory_size)
    app = FastAPI(title="Dealer Desk sandbox", docs_url="/sandbox/docs", openapi_url="/sandbox/openapi.json")
    app.state.sandbox = SandboxState(config=config, db=db)

    app.include_router(roadster_inventory.router, prefix=ROADSTER)
    app.include_router(roadster_customers.router, prefix=ROADSTER)
    app.include_router(roadster_documents.router, prefix=ROADSTER)
    app.include_router(roadster_pricing.router, prefix=ROADSTER)
    app.include_router(roadster_templates.router)  # /v1 templates and packets, /sandbox/orders
    app.include_router(sandbox_admin.router, prefix="/sandbox")
    app.include_router(sandbox_events.router, prefix="/sandbox")
    app.include_router(event_journey.router, prefix="/sandbox")
    app.include_router(chaiz.router)

    @app.exception_handler(SandboxError)
    async def _sandbox_error(request: Request, exc: SandboxError) -> Response:
        return error_response(request.url.path, exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path")]
        name = ".".join(loc) or "request"
        message = f"Invalid parameter '{name}': {first.get('msg', 'invalid value')}."
        return error_response(request.url.path, SandboxError(400, message, field=name))

    # Added before the guard, so it runs inside it: the key is checked first, then the body's numbers.
    app.add_middleware(StrictJson)

    @app.middleware("http")
    async def _guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        path = request.url.path
        fault = app.state.sandbox.faults.take(path)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.status:
                return error_response(
                    path, SandboxError(fault.status, f"Injected fault {fault.status}."), {"Retry-After": "0"}
                )
        expected = _expected_key(config, path)
        if expected is not None:
            given = request.headers.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {expected}".encode()):
                why = "Missing API key." if not given else "Invalid API key."
                return error_response(path, SandboxError(401, why, code="Unauthorized", number=401))
        return await call_next(request)

    return app


def _expected_key(config: SandboxConfig, path: str) -> str | None:
    if path.startswith(PUBLIC_PATHS) or path.startswith(("/sandbox/docs", "/sandbox/openapi.json")):
        return None
    if path.startswith(chaiz_paths.PREFIX):
        return config.chaiz_token
    if path.startswith((ROADSTER + "/", "/sandbox/")):
        return config.api_key
    return None
