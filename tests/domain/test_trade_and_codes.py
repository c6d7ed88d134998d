"""The pricing request's trade-in (offer or estimate) and vehicle codes, read the same way on both ends."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from desktop.domain.deal import DealerConfig, PricingInputError, Product
from desktop.domain.deal_request import parse_pricing_request
from desktop.domain.trade_appraisal import appraised_value, expected_mileage, mileage_adjustment
from desktop.domain.vehicle_codes import CodedItem, price_codes

D = Decimal
TODAY = date(2026, 5, 15)
DEALER = DealerConfig.from_api({"fees": {"doc_fee": 85}})
VEHICLE: dict[str, Any] = {
    "vin": "JM3KFBCM1R0000001",
    "make": "Mazda",
    "model": "CX-5",
    "year": 2026,
    "trim": "2.5 S Preferred",
    "msrp": 31000,
    "invoice": 29000,
    "exterior_color": {"label": "Jet Black Mica", "msrp": 0},
    "interior_color": {"label": "Black Leatherette", "msrp": 0},
    "options": [{"name": "Cargo Organizer Package", "msrp": 275}],
    "packages": [],
}
CODES = {
    "46V": CodedItem("46V", "exterior_color", "Soul Red Crystal Metallic", D(595), D(548), "9B1B1E"),
    "1RM": CodedItem("1RM", "option", "Frameless Auto-Dimming Mirror", D(375), D(302)),
    "CGO": CodedItem("CGO", "option", "Cargo Organizer Package", D(275), D(221)),
    "S25P": CodedItem("S25P", "trim", "2.5 S Preferred", D(0), D(0)),
    "S25X": CodedItem("S25X", "trim", "2.5 S Premium", D(0), D(0)),
}


def no_plans(index: int, plan: Mapping[str, Any]) -> Product:
    raise AssertionError("no plans in these requests")


def body(**sections: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "customer": {"credit_score": 750, "zip_code": "03101"},
        "dealer": {"dpid": "umazda"},
        "vehicle": {"vin": VEHICLE["vin"]},
        "payment": {"deal_type": "cash"},
    }
    request.update(sections)
    return request


class TestTradeAppraisal:
    def test_an_offer_is_taken_as_given(self) -> None:
        assert appraised_value(D(5000), mileage=98_000, is_offer=True, year=None, as_of=TODAY) == D(5000)

    def test_without_mileage_an_estimate_stands(self) -> None:
        assert appraised_value(D(5000), mileage=None, is_offer=False, year=None, as_of=TODAY) == D(5000)

    def test_low_miles_add_ten_cents_a_mile_to_the_cent(self) -> None:
        # a 2023 trade on 2026-05-15: 3 years x 12,000 = 36,000 expected; 30,123 driven: 5,877 x 0.10 = 587.70
        assert expected_mileage(2023, TODAY) == 36_000
        assert appraised_value(D("8000.00"), mileage=30_123, is_offer=False, year=2023, as_of=TODAY) == D("8587.70")

    def test_high_miles_take_off_to_the_cent(self) -> None:
        # no year: the average trade (6 years, 72,000 miles); 75,555 driven: -355.50
        assert appraised_value(D(9000), mileage=75_555, is_offer=None, year=None, as_of=TODAY) == D("8644.50")

    def test_the_adjustment_is_bounded_to_a_quarter(self) -> None:
        # the reference's trade (5,000 at 98,000 miles) as an estimate: -2,600 is bounded to -1,250
        assert mileage_adjustment(D(5000), 98_000, None, TODAY) == D(-1250)
        assert appraised_value(D(5000), mileage=98_000, is_offer=False, year=None, as_of=TODAY) == D(3750)
        assert appraised_value(D(5000), mileage=0, is_offer=False, year=2022, as_of=TODAY) == D(6250)

    def test_the_request_reader_prices_the_appraisal(self) -> None:
        trade = {"value": 5000, "payoff": 0, "ownership": "owned", "mileage": 98_000}
        estimate = parse_pricing_request(body(trade_in=trade), DEALER, VEHICLE, TODAY, no_plans)
        offer = parse_pricing_request(body(trade_in=trade | {"is_offer": True}), DEALER, VEHICLE, TODAY, no_plans)
        assert estimate.trade_in is not None and estimate.trade_in.value == D(3750)
        assert offer.trade_in is not None and offer.trade_in.value == D(5000)

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"is_offer": "yes"}, "trade_in.is_offer"),
            ({"mileage": "lots"}, "trade_in.mileage"),
            ({"mileage": -5}, "trade_in.mileage"),
            ({"year": 1700}, "trade_in.year"),
        ],
    )
    def test_bad_trade_fields_are_named(self, change: dict[str, Any], field: str) -> None:
        with pytest.raises(PricingInputError) as caught:
            parse_pricing_request(body(trade_in={"value": 5000, **change}), DEALER, VEHICLE, TODAY, no_plans)
        assert caught.value.field == field


class TestVehicleCodes:
    def test_known_codes_not_on_the_vehicle_are_priced(self) -> None:
        asked = {"exterior_color_code": "46V", "option_codes": ["1RM", "CGO", "PF5"], "trim_code": "S25P"}
        codes = price_codes(asked, VEHICLE, CODES)
        assert [i.code for i in codes.added] == ["46V", "1RM"]  # the cargo package is already on it
        assert (codes.msrp, codes.invoice) == (D(970), D(850))
        assert codes.unknown == ("PF5",) and codes.trim is CODES["S25P"]

    def test_the_request_reader_adds_them_to_msrp_and_price(self) -> None:
        vehicle = {"vin": VEHICLE["vin"], "exterior_color_code": "46V", "option_codes": ["1RM"]}
        inp = parse_pricing_request(body(vehicle=vehicle), DEALER, VEHICLE, TODAY, no_plans, CODES)
        assert (inp.msrp, inp.price) == (D(31970), D(31970))
        plain = parse_pricing_request(body(vehicle=vehicle), DEALER, VEHICLE, TODAY, no_plans)
        assert plain.msrp == D(31000)  # without a catalog every code is unknown

    def test_a_colour_asked_for_replaces_the_vehicles_own_premium(self) -> None:
        painted = VEHICLE | {"exterior_color": {"label": "Snowflake White Pearl Mica", "msrp": 395}}
        codes = price_codes({"exterior_color_code": "46V"}, painted, CODES)
        assert (codes.replaced, codes.msrp) == (D(395), D(200))  # 595 for Soul Red less the 395 white pearl
        assert price_codes({"exterior_color_code": "46V"}, VEHICLE, CODES).msrp == D(595)

    def test_unknown_codes_are_ignored(self) -> None:
        asked = {"trim_code": "C4308", "exterior_color_code": "LA10", "interior_color_code": 218}
        codes = price_codes(asked, VEHICLE, CODES)
        assert codes.added == () and codes.unknown == ("C4308", "LA10", "218")

    @pytest.mark.parametrize(
        ("asked", "field"),
        [
            ({"trim_code": "S25X"}, "vehicle.trim_code"),
            ({"interior_color_code": "46V"}, "vehicle.interior_color_code"),
            ({"option_codes": ["X", "46V"]}, "vehicle.option_codes[1]"),
        ],
    )
    def test_a_known_code_that_does_not_fit_is_refused_by_name(self, asked: dict[str, Any], field: str) -> None:
        with pytest.raises(PricingInputError) as caught:
            price_codes(asked, VEHICLE, CODES)
        assert caught.value.field == field
