"""A deal as the team server's JSON and back: nothing the desk keeps is lost, and a save names only what changed."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from desktop.domain.deals import Deal, DealVehicle, Person, Stage, TradeIn
from desktop.services.team.wire import from_wire, patch, to_wire


def deal() -> Deal:
    return Deal(
        "hyundai-demo",
        number="HD-1001",
        buyer=Person(first_name="Ana", last_name="Silva", street="1 Main St", ssn="123-45-6789"),
        co_buyer=Person(first_name="Bo", licence_number="D1234567"),
        vehicle=DealVehicle(vin="KMHLM4AG3PU123456", trim="SEL", msrp=Decimal("27950.00")),
        trade_ins=[TradeIn(vin="1HGCM82633A004352", offer_value=Decimal("9000"), payoff=Decimal("2500.50"))],
        notes="wants the blue one",
        version=3,
    )


def answered(d: Deal) -> dict[str, Any]:
    """What the server answers for ``d``: its JSON with the bookkeeping, personal data masked."""
    body = to_wire(d)
    body.update(id=d.id, number=d.number, version=d.version, dpid=d.dpid, created_at=1.0, updated_at=2.0)
    for key in ("personal", "co_buyer_personal"):
        body[key] = {k: "****" for k in body.pop(key, {})}
    return body


def test_round_trip_keeps_what_only_the_desk_knows() -> None:
    mine = deal()
    back = from_wire(answered(mine), mine)
    assert back.trade_ins == mine.trade_ins and back.vehicle.msrp == Decimal("27950.00")
    assert back.buyer.street == "1 Main St" and back.buyer.ssn == "123-45-6789"  # the clear value stays here
    assert back.co_buyer is not None and back.co_buyer.licence_number == "D1234567"
    desk = to_wire(mine)["structure"]["desk"]
    assert not {"ssn", "first_name"} & set(desk["buyer"]) and "123-45-6789" not in repr(desk)  # sent once, sealed
    stranger = from_wire(answered(mine), None)  # another desk: personal data it never had is not invented
    assert stranger.buyer.ssn == "" and stranger.buyer.name == "Ana Silva"


def test_the_servers_masks_tell_another_desk_what_is_held_and_never_travel_back() -> None:
    mine = deal()
    body = answered(mine)
    body["personal"] = {"ssn": "***-**-6789"}
    body["co_buyer_personal"] = {"licence_number": "****4567"}
    stranger = from_wire(body, None)
    assert stranger.buyer.ssn == "" and stranger.buyer.server_masks == {"ssn": "***-**-6789"}
    assert stranger.server_mask("co_buyer.licence_number") == "****4567"
    assert stranger.server_mask("co_buyer.ssn") == "" and stranger.server_mask("buyer.birth_date") == ""
    assert "server_masks" not in repr(to_wire(stranger))  # the server's own answer, never sent back to it
    again = copy.deepcopy(stranger)
    assert patch(stranger, again) == {}
    body["co_buyer_personal"] = {}  # cleared at another desk: the mask goes too
    assert from_wire(body, stranger).server_mask("co_buyer.licence_number") == ""


def test_patch_names_only_the_changed_fields() -> None:
    base = deal()
    mine = copy.deepcopy(base)
    assert patch(base, mine) == {}
    mine.buyer.phone, mine.stage, mine.buyer.ssn = "555-0100", Stage.WORKING, "987-65-4321"
    assert patch(base, mine) == {"buyer": {"phone": "555-0100"}, "stage": "working", "personal": {"ssn": "987-65-4321"}}
    mine.trade_ins[0].payoff = Decimal("0")
    assert set(patch(base, mine)) == {"buyer", "stage", "personal", "structure"}


def test_the_co_buyers_personal_data_travels_like_the_buyers() -> None:
    base = deal()
    assert to_wire(base)["co_buyer_personal"] == {"licence_number": "D1234567"}
    mine = copy.deepcopy(base)
    assert mine.co_buyer is not None
    mine.co_buyer.ssn, mine.co_buyer.licence_number = "111-22-3333", ""
    assert patch(base, mine) == {"co_buyer_personal": {"ssn": "111-22-3333", "licence_number": None}}
    held = answered(mine)
    assert held["co_buyer_personal"] == {"ssn": "****"}
    back = from_wire(held, mine)
    assert back.co_buyer is not None and back.co_buyer.ssn == "111-22-3333" and back.co_buyer.licence_number == ""
    elsewhere = from_wire(held, None)  # a desk that never had the clear value reads it through the reveal
    assert elsewhere.co_buyer is not None and elsewhere.co_buyer.ssn == ""
