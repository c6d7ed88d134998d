"""The deal's trade-in valued by the sandbox over real HTTP: the jacket's mileage, year and firm-offer flag reach
the pricing request, and the value the server prices the deal with comes back to the cent (issue 15)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from desktop.api.errors import BadRequest
from desktop.api.roadster.client import RoadsterClient
from desktop.domain.deals import Deal, TradeIn, set_field
from desktop.sandbox.server import SandboxServer
from desktop.services.trade_value import TradeAppraisal, appraisal_request, appraise
from tests.conftest import roadster_for

D = Decimal
YEAR = date.today().year - 5  # five years old: 60,000 miles expected, whatever day the test runs


@pytest.fixture(scope="module")
def client(sandbox: SandboxServer) -> Iterator[RoadsterClient]:
    c = roadster_for(sandbox)
    yield c
    c.close()


@pytest.fixture(scope="module")
def vin(client: RoadsterClient) -> str:
    vehicles, _ = client.inventory_page("umazda", size=50, in_stock=True)
    return str(vehicles[0]["vin"])


def deal_with_trade(vin: str, **typed: str) -> Deal:
    deal = Deal("umazda", trade_ins=[TradeIn(year=YEAR)])
    deal.vehicle.vin = vin
    for name, text in typed.items():
        set_field(deal, f"trade_ins[0].{name}", text)
    return deal


@pytest.mark.parametrize(
    ("typed", "valued"),
    [
        ({"offer_value": "10000", "mileage": "90,000"}, D("7500.00")),  # 30,000 over: 3,000 off, held to a quarter
        ({"offer_value": "10000", "mileage": "55555"}, D("10444.50")),  # 4,445 under at 10 cents a mile
        ({"offer_value": "10000", "mileage": "90000", "firm_offer": "yes"}, D("10000.00")),  # a firm offer as given
        ({"offer_value": "10000"}, D("10000.00")),  # no mileage: nothing to appraise it for
    ],
)
def test_the_server_values_the_jackets_trade_to_the_cent(
    client: RoadsterClient, vin: str, typed: dict[str, str], valued: Decimal
) -> None:
    request = appraisal_request(deal_with_trade(vin, **typed), "03101")
    assert request is not None
    assert request["trade_in"]["year"] == YEAR and request["customer"]["zip_code"] == "03101"
    answer = appraise(client, request)
    mileage = int(typed["mileage"].replace(",", "")) if "mileage" in typed else None
    assert answer == TradeAppraisal(valued, D("10000.00"), mileage, "firm_offer" in typed)


def test_nothing_is_asked_without_a_trade_value_or_a_vehicle(vin: str) -> None:
    assert appraisal_request(deal_with_trade(vin, mileage="90000"), "03101") is None
    assert appraisal_request(deal_with_trade("", offer_value="10000"), "03101") is None
    assert appraisal_request(Deal("umazda"), "03101") is None


def test_a_refused_request_names_the_field(client: RoadsterClient, vin: str) -> None:
    request = appraisal_request(deal_with_trade(vin, offer_value="10000"), "")
    assert request is not None
    with pytest.raises(BadRequest) as refused:
        appraise(client, request)
    assert "zip" in refused.value.sentence().lower()
