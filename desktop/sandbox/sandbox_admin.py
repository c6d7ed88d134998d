"""Sandbox-only controls under ``/sandbox`` (never under a partner prefix): faults and inventory churn."""

from __future__ import annotations

import json
import random
import time
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from desktop.sandbox.errors import not_found
from desktop.sandbox.faults import Fault

router = APIRouter()


class FaultRequest(BaseModel):
    path_prefix: str = Field(min_length=1)
    status: int = Field(default=500, ge=0, le=599)
    count: int = Field(default=1, ge=1)
    delay: float = Field(default=0.0, ge=0, le=120)
    after: int = Field(default=0, ge=0)


@router.post("/faults")
def add_fault(request: Request, body: FaultRequest) -> dict[str, str]:
    request.app.state.sandbox.faults.add(Fault(**body.model_dump()))
    return {"status": "ok"}


@router.delete("/faults")
def clear_faults(request: Request) -> dict[str, str]:
    request.app.state.sandbox.faults.clear()
    return {"status": "ok"}


class ChurnRequest(BaseModel):
    count: int = Field(default=10, ge=1, le=10_000)
    seed: int | None = None
    # Stamp the changes this many seconds after now: a test can replay a sync that spans minutes of changes
    # without waiting for them. Never backwards, so a stamp is never earlier than the server's clock.
    clock_offset: int = Field(default=0, ge=0, le=86_400)


@router.post("/inventory/{dpid}/churn")
def churn_inventory(request: Request, dpid: str, body: ChurnRequest) -> dict[str, Any]:
    """A day at the dealership: some vehicles sell or get reserved, some get a new price, all with a new updated_at."""
    db = request.app.state.sandbox.db
    if db.dealer(dpid) is None:
        raise not_found("Dealer not found.")
    rng = random.Random(body.seed)
    now = int(time.time()) + body.clock_offset
    conn = db.connect()
    vins = [r[0] for r in conn.execute("SELECT vin FROM vehicles WHERE dpid = ?", (dpid,)).fetchall()]
    changed = sorted(rng.sample(vins, min(body.count, len(vins))))
    with db.write() as wconn:
        for vin in changed:
            row = wconn.execute("SELECT body FROM vehicles WHERE dpid = ? AND vin = ?", (dpid, vin)).fetchone()
            vehicle = json.loads(row[0])
            roll = rng.random()
            if roll < 0.4:
                vehicle["in_stock"], vehicle["reserved"] = False, False
            elif roll < 0.6:
                vehicle["in_stock"], vehicle["reserved"] = True, True
            else:
                vehicle["msrp"] = int(vehicle.get("msrp") or 0) + rng.choice((-500, -250, 250, 500))
            vehicle["updated_at"] = now
            db.put_vehicle(wconn, dpid, vehicle)
    return {"status": "ok", "changed": changed, "updated_at": now}
