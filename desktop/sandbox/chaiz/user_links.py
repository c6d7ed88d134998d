"""The live flow's links: each plan's checkout and summary page carry the user's details in a token."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from desktop.api.chaiz.schema import Plan
from desktop.sandbox.chaiz.catalog import CHECKOUT_BASE

USER_FIELDS = ("firstName", "lastName", "email", "phone", "address", "city", "state", "zip")


def user_token(details: Mapping[str, Any]) -> str:
    """The user's details as the links carry them: URL-safe base64 of compact JSON (decode with :func:`read_token`)."""
    picked = {k: str(details[k]).strip() for k in USER_FIELDS if details.get(k) not in (None, "")}
    raw = json.dumps(picked, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def read_token(token: str) -> dict[str, str]:
    padded = token + "=" * (-len(token) % 4)
    data: dict[str, str] = json.loads(base64.urlsafe_b64decode(padded))
    return data


def add_checkout_links(plans: list[Plan], details: Mapping[str, Any]) -> None:
    """Give every plan the checkout and summary links that open with this user's details filled in."""
    token = user_token(details)
    for plan in plans:
        query = urlencode({"plan": plan.searchResultPlanId, "partner": "dealer-desk-sandbox", "user": token})
        plan.planCheckoutUrl = f"{CHECKOUT_BASE}/checkout?{query}"
        plan.planSummaryUrl = f"{CHECKOUT_BASE}/plan-summary?{query}"
