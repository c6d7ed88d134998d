"""Roadster dealers, inventory and vehicle info (the foundation issue's endpoints)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from desktop.api.roadster import paths
from desktop.domain.vin import vin_problem
from desktop.sandbox.errors import bad_request, not_found
from desktop.sandbox.ids import LARGEST_ID

router = APIRouter()

MAX_SIZE = 500
DEFAULT_SIZE = 100
PUBLIC_DEALER_FIELDS = ("name", "dpid", "address", "city", "state", "zip_code", "phone", "status", "partner_id")


def _json(body: str) -> Response:
    return Response(content=body, media_type="application/json")


def public_dealer(dealer: dict[str, Any]) -> dict[str, Any]:
    return {k: dealer[k] for k in PUBLIC_DEALER_FIELDS if k in dealer}


@router.get(paths.DEALERS)
def list_dealers(request: Request) -> list[dict[str, Any]]:
    return [public_dealer(d) for d in request.app.state.sandbox.db.dealers()]


@router.get(paths.DEALER)
def get_dealer(request: Request, dpid: str) -> dict[str, Any]:
    dealer = request.app.state.sandbox.db.dealer(dpid)
    if dealer is None:
        raise not_found("Dealer not found.")
    return {**public_dealer(dealer), "configuration": dealer["configuration"]}


def _parse_bool(name: str, value: str | None) -> bool | None:
    if value is None or value == "":
        return None
    lowered = value.lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise bad_request(f"Parameter '{name}' must be true or false, not {value!r}.", name)


def _parse_int(name: str, value: str | None, *, minimum: int, maximum: int | None = None) -> int | None:
    if value is None or value == "":
        return None
    digits = value.strip().removeprefix("-")
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 19:
        raise bad_request(f"Parameter '{name}' must be a whole number, not {value[:24]!r}.", name)
    number = int(value)
    maximum = LARGEST_ID if maximum is None else maximum
    if number < minimum or number > maximum:
        bounds = f"between {minimum} and {maximum}"
        raise bad_request(f"Parameter '{name}' must be {bounds}; got {number}.", name)
    return number


@router.get(paths.INVENTORY)
def inventory(
    request: Request,
    dpid: Annotated[str | None, Query()] = None,
    size: Annotated[str | None, Query()] = None,
    from_vin: Annotated[str | None, Query()] = None,
    updated_since: Annotated[str | None, Query()] = None,
    in_stock: Annotated[str | None, Query()] = None,
) -> Response:
    if not dpid:
        raise bad_request("Parameter 'dpid' is required.", "dpid")
    page_size = _parse_int("size", size, minimum=1, maximum=MAX_SIZE) or DEFAULT_SIZE
    since = _parse_int("updated_since", updated_since, minimum=0)
    stock = _parse_bool("in_stock", in_stock)
    db = request.app.state.sandbox.db
    if db.dealer(dpid) is None:
        raise not_found("Dealer not found.")
    where = ["dpid = ?"]
    args: list[Any] = [dpid]
    if since is not None:
        where.append("updated_at >= ?")
        args.append(since)
    if stock is not None:
        where.append("in_stock = ?")
        args.append(int(stock))
    conn = db.connect()
    total = conn.execute(f"SELECT COUNT(*) FROM vehicles WHERE {' AND '.join(where)}", args).fetchone()[0]
    if from_vin:
        where.append("vin > ?")
        args.append(from_vin.upper())
    rows = conn.execute(
        f"SELECT body FROM vehicles WHERE {' AND '.join(where)} ORDER BY vin LIMIT ?", [*args, page_size]
    ).fetchall()
    return _json('{"vehicles":[' + ",".join(r[0] for r in rows) + f'],"total":{total}}}')


@router.get(paths.VEHICLE)
def vehicle_info(request: Request, vin: str) -> dict[str, Any]:
    partner_id = request.query_params.get("dealer[partner_id]")
    if not partner_id:
        raise bad_request("Parameter 'dealer[partner_id]' is required.", "dealer[partner_id]")
    problem = vin_problem(vin)
    if problem:
        raise bad_request(f"Parameter 'vin': {problem}", "vin")
    db = request.app.state.sandbox.db
    dealer = db.dealer_by_partner_id(partner_id)
    if dealer is None:
        raise not_found("Dealer not found.")
    found = db.vehicle(dealer["dpid"], vin.upper())
    if found is None:
        raise not_found("Vehicle not found.")
    info = {k: found.get(k) for k in ("make", "model", "year", "trim", "city_mpg", "highway_mpg", "ev_range")}
    return {"vehicle_info": info}
