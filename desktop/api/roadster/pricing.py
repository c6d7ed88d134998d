"""Deal pricing and the F&I catalog on Roadster (issue 4): typed calls over a :class:`RoadsterClient`.

``POST /pricing`` computes and stores nothing, so it is safe to repeat and is retried like a GET.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from desktop.api.roadster import paths
from desktop.api.roadster.client import RoadsterClient
from desktop.api.roadster.schema import PricingQuote, ProtectionPlan


def quote(client: RoadsterClient, request: dict[str, Any]) -> PricingQuote:
    """Price ``request`` (the reference's pricing request) on the server."""
    body = client.request("POST", paths.PRICING, json=request, retry=True).json()
    return PricingQuote.model_validate(body)


def whole_dollars(amount: float) -> int:
    """``amount_financed | integer`` in the reference (line 879): whole dollars, rounded half-up."""
    return int(Decimal(str(amount)).quantize(Decimal(1), ROUND_HALF_UP))


def protection_plans(
    client: RoadsterClient,
    partner_id: str,
    vin: str,
    deal_type: str,
    *,
    deal_rate: float | None = None,
    deal_term: int | None = None,
    amount_financed: float | None = None,
) -> list[ProtectionPlan]:
    """The dealer's F&I products for ``vin``, priced for this deal (finance and lease need rate, term and
    amount financed; the server answers 400 naming the one missing)."""
    params: dict[str, Any] = {
        "dealer[partner_id]": partner_id,
        "vin": vin,
        "deal_type": deal_type,
        "deal_rate": deal_rate,
        "deal_term": deal_term,
        "amount_financed": None if amount_financed is None else whole_dollars(amount_financed),
    }
    body = client.get_json(paths.PROTECTION_PLANS, params=params)
    items = body.get("plans", []) if isinstance(body, dict) else body
    return [ProtectionPlan.model_validate(p) for p in items]
