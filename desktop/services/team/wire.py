"""A :class:`~desktop.domain.deals.Deal` as the team server's JSON, and back.

The server knows the fields every desk and integration shares (buyer, co-buyer, vehicle, stage, notes, both
people's personal data); everything else the desk keeps (trade-ins, structure, documents, packets, order id,
addresses) travels inside ``structure`` as the ``desk`` record. Reading, the server's own fields win over the
record, so a change made through the API by anything else is what the desk shows.

Personal data (the buyer's as ``personal``, the co-buyer's as ``co_buyer_personal``) comes back masked: the desk
keeps the clear value it had (typed here, sealed in its local copy) while the server holds a value for that field,
and never sends a value it did not change. The server's masks are kept as ``server_masks``, so the form knows a
value is there even when another desk typed it; that value is read only through the audited reveal.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from desktop.domain.deals import PII_FIELDS, Deal, DealVehicle, Person, Stage, deal_from_dict, deal_to_dict

_PEOPLE = ("buyer", "co_buyer")
_WHOLE = ("stage", "lost_reason", "structure", "notes")


def _person(p: Person) -> dict[str, Any]:
    return {
        "first_name": p.first_name,
        "last_name": p.last_name,
        "email": p.email,
        "phone": p.phone,
        "roadster_customer_id": p.customer_id,
    }


def _vehicle(v: DealVehicle) -> dict[str, Any]:
    return {
        "vin": v.vin or None,
        "stock_number": v.stock_number or None,
        "year": v.year,
        "make": v.make or None,
        "model": v.model or None,
        "odometer": v.odometer,
    }


_NATIVE_TOP = (
    *("id", "number", "version", "dpid", "stage", "lost_reason", "notes"),
    *("created_at", "updated_at", "created_by", "updated_by"),
)
_NATIVE_PERSON = ("customer_id", "first_name", "last_name", "email", "phone", *PII_FIELDS, "server_masks")
_NATIVE_VEHICLE = ("vin", "stock_number", "year", "make", "model", "odometer")


def _desk_record(deal: Deal) -> dict[str, Any]:
    """What only the desk keeps: the server's own fields left out, so a change is recorded once, as itself."""
    record = deal_to_dict(deal)
    for name in _NATIVE_TOP:
        record.pop(name, None)
    for party in _PEOPLE:
        if record.get(party):
            record[party] = {k: v for k, v in record[party].items() if k not in _NATIVE_PERSON}
    record["vehicle"] = {k: v for k, v in record["vehicle"].items() if k not in _NATIVE_VEHICLE}
    return record


def to_wire(deal: Deal) -> dict[str, Any]:
    """The fields of a ``POST /api/v1/deals`` for ``deal`` (its id and dpid are the caller's)."""
    body: dict[str, Any] = {
        "buyer": _person(deal.buyer),
        "co_buyer": None if deal.co_buyer is None else _person(deal.co_buyer),
        "vehicle": _vehicle(deal.vehicle),
        "stage": deal.stage.value,
        "lost_reason": deal.lost_reason or None,
        "structure": {"desk": _desk_record(deal)},
        "notes": deal.notes,
    }
    for key, person in _personal_of(deal).items():
        personal = {name: getattr(person, name) for name in PII_FIELDS if getattr(person, name)}
        if personal:
            body[key] = personal
    return body


def _personal_of(deal: Deal) -> dict[str, Person]:
    """The people whose personal data the server seals, by the key it travels under."""
    people = {"personal": deal.buyer}
    if deal.co_buyer is not None:
        people["co_buyer_personal"] = deal.co_buyer
    return people


def patch(base: Deal, mine: Deal) -> dict[str, Any]:
    """Only what ``mine`` changed from ``base``: the body of a ``PUT`` (without its version)."""
    old, new = to_wire(base), to_wire(mine)
    out: dict[str, Any] = {}
    for name in (*_PEOPLE, "vehicle"):
        if new[name] is None or old[name] is None:
            if new[name] != old[name]:
                out[name] = new[name]
            continue
        changed = {k: v for k, v in new[name].items() if old[name].get(k) != v}
        if changed:
            out[name] = changed
    for name in _WHOLE:
        if new[name] != old[name]:
            out[name] = new[name]
    before = _personal_of(base)
    for key, person in _personal_of(mine).items():
        was = before.get(key, Person())
        personal = {
            name: getattr(person, name) or None for name in PII_FIELDS if getattr(person, name) != getattr(was, name)
        }
        if personal:
            out[key] = personal
    return out


def _when(value: Any) -> datetime:
    return datetime.fromtimestamp(float(value), UTC) if value is not None else datetime.now(UTC)


def _apply_person(person: Person, wire: dict[str, Any]) -> None:
    for name in ("first_name", "last_name", "email", "phone"):
        setattr(person, name, str(wire.get(name) or ""))
    customer_id = wire.get("roadster_customer_id")
    person.customer_id = None if customer_id is None else int(customer_id)


def from_wire(body: dict[str, Any], local: Deal | None) -> Deal:
    """The deal the server answered, with the clear personal values of ``local`` (the desk's copy) it still holds.

    Raises:
        ValueError: the ``desk`` record holds a value of the wrong kind (naming the field).
    """
    record = (body.get("structure") or {}).get("desk")
    deal = deal_from_dict({**record, "dpid": body["dpid"]}) if isinstance(record, dict) else Deal(str(body["dpid"]))
    deal.id, deal.number, deal.version = str(body["id"]), str(body["number"]), int(body["version"])
    deal.stage, deal.lost_reason = Stage(str(body["stage"])), str(body.get("lost_reason") or "")
    deal.notes = str(body.get("notes") or "")
    deal.created_by, deal.updated_by = str(body.get("created_by") or ""), str(body.get("updated_by") or "")
    deal.created_at, deal.updated_at = _when(body.get("created_at")), _when(body.get("updated_at"))
    _apply_person(deal.buyer, body.get("buyer") or {})
    if body.get("co_buyer"):
        deal.co_buyer = deal.co_buyer or Person()
        _apply_person(deal.co_buyer, body["co_buyer"])
    else:
        deal.co_buyer = None
    vehicle = body.get("vehicle") or {}
    for name in ("vin", "stock_number", "make", "model"):
        setattr(deal.vehicle, name, str(vehicle.get(name) or ""))
    for name in ("year", "odometer"):
        setattr(deal.vehicle, name, None if vehicle.get(name) is None else int(vehicle[name]))
    mine = _personal_of(local) if local is not None else {}
    for key, person in _personal_of(deal).items():
        held, kept_here = body.get(key) or {}, mine.get(key)
        for name in PII_FIELDS:
            setattr(person, name, getattr(kept_here, name) if kept_here is not None and name in held else "")
        person.server_masks = {name: str(held[name]) for name in PII_FIELDS if held.get(name)}
    return deal
