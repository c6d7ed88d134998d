"""Sandbox-only Chaiz controls: the counters a benchmark reads, and the clock a test moves forward."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from desktop.domain.chaiz_rules import CACHE_SECONDS
from desktop.sandbox.chaiz.registrations import cached_count
from desktop.sandbox.chaiz.state import chaiz_state

router = APIRouter()


class ClockRequest(BaseModel):
    advance_seconds: float = Field(ge=0, le=10 * CACHE_SECONDS)


@router.get("/sandbox/chaiz/stats")
def chaiz_stats(request: Request) -> dict[str, Any]:
    st = chaiz_state(request)
    stats = st.stats()
    stats["cached_registrations"] = cached_count(st)
    return stats


@router.delete("/sandbox/chaiz/stats")
def reset_chaiz_stats(request: Request) -> dict[str, str]:
    chaiz_state(request).reset()
    return {"status": "ok"}


@router.post("/sandbox/chaiz/clock")
def advance_chaiz_clock(request: Request, body: ClockRequest) -> dict[str, Any]:
    """Move the Chaiz clock forward (e.g. 31 days, to see a registration expire)."""
    st = chaiz_state(request)
    with st.lock:
        st.clock_offset += body.advance_seconds
    return {"status": "ok", "clock_offset": st.clock_offset}
