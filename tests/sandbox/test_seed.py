"""Demo data must be reproducible and pass for real dealer data, in the app and in partner tools."""

from __future__ import annotations

import calendar
import re
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.vin import vin_problem, year_code
from desktop.sandbox.seed import generate_dealers, generate_inventory

SEED = 42
NOW = calendar.timegm((2026, 11, 23, 12, 0, 0))
NINETY_DAYS = 90 * 86_400
PER_DEALER = 3000

# World manufacturer identifiers per make (SAE J1044 assignments), written out here rather than read from the
# generator so a wrong table there cannot agree with itself.
WMI_MAKES = {
    "Hyundai": {"KMH", "KM8", "5NM", "5NP"},
    "Mazda": {"JM1", "JM3", "3MZ", "7MM"},
    "Toyota": {"JTD", "JTE", "JTM", "4T1", "5TD", "5TF", "2T3", "3TM"},
    "Honda": {"1HG", "2HG", "19X", "3CZ", "5FN", "5FP", "7FA"},
    "Ford": {"1FA", "1FM", "1FT", "3FM", "3FT"},
    "Kia": {"KNA", "KND", "5XX", "5XY", "3KP"},
    "Subaru": {"JF1", "JF2", "4S3", "4S4"},
}
DEALER_KEYS = {
    "name",
    "dpid",
    "address",
    "city",
    "state",
    "zip_code",
    "phone",
    "status",
    "partner_id",
    "makes",
    "configuration",
}
VEHICLE_KEYS = {
    "vin",
    "stock_number",
    "make",
    "model",
    "year",
    "trim",
    "body",
    "drivetrain",
    "engine",
    "transmission",
    "exterior_color",
    "interior_color",
    "packages",
    "options",
    "dealer_options",
    "msrp",
    "invoice",
    "in_stock",
    "reserved",
    "updated_at",
    "city_mpg",
    "highway_mpg",
    "ev_range",
}
BODIES = {"Sedan", "SUV", "Pickup", "Hatchback", "Minivan", "Coupe"}
DRIVETRAINS = {"Front-Wheel Drive", "All-Wheel Drive", "Rear-Wheel Drive", "Four-Wheel Drive"}
ENGINE_TYPES = {"Gas", "Hybrid", "Plug-In Hybrid", "Electric", "Diesel"}
TRANSMISSION_TYPES = {"Automatic", "Manual", "CVT", "Single-Speed"}
RGB = re.compile(r"[0-9A-F]{6}")


@pytest.fixture(scope="module")
def dealers() -> list[dict[str, Any]]:
    return generate_dealers(SEED)


@pytest.fixture(scope="module")
def inventories(dealers: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    return {d["dpid"]: list(generate_inventory(d, PER_DEALER, SEED, NOW)) for d in dealers}


@pytest.fixture(scope="module")
def vehicles(inventories: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return [v for inventory in inventories.values() for v in inventory]


def by_dpid(dealers: list[dict[str, Any]], dpid: str) -> dict[str, Any]:
    return next(d for d in dealers if d["dpid"] == dpid)


# --- dealers ------------------------------------------------------------------------------------------------


def test_dealers_are_deterministic_and_fresh() -> None:
    first = generate_dealers(SEED)
    first[0]["configuration"]["fees"]["doc_fee"] = -1
    assert generate_dealers(SEED) == generate_dealers(SEED) != first


def test_seed_changes_only_pricing_choices() -> None:
    runs = [generate_dealers(seed) for seed in range(8)]
    identity = [[{k: d[k] for k in DEALER_KEYS - {"configuration"}} for d in run] for run in runs]
    assert all(i == identity[0] for i in identity)
    assert len({repr([d["configuration"] for d in run]) for run in runs}) > 1


@pytest.mark.parametrize("seed", [0, 1, SEED, 2**40])
def test_reference_dealers_are_fixed(seed: int) -> None:
    dealers = generate_dealers(seed)
    hyundai = by_dpid(dealers, "hyundaidemo")
    assert (hyundai["name"], hyundai["city"], hyundai["state"]) == ("Hyundai Demo", "Bakersfield", "CA")
    assert (hyundai["partner_id"], hyundai["status"], hyundai["makes"][0]) == ("CA317", "Demo", "Hyundai")
    assert hyundai["configuration"]["fees"]["doc_fee"] == 85
    assert by_dpid(dealers, "umazda")["makes"][0] == "Mazda"
    assert by_dpid(dealers, "toyotademo")["makes"][0] == "Toyota"


def test_dealer_group_spans_states(dealers: list[dict[str, Any]]) -> None:
    states = {d["state"] for d in dealers}
    assert len(dealers) >= 5
    assert len(states) >= 4
    assert {"CA", "TX", "WA", "NY", "IL"} <= states
    assert states & {"GA", "FL"}


def test_dealer_shape(dealers: list[dict[str, Any]]) -> None:
    assert len({d["dpid"] for d in dealers}) == len(dealers)
    assert len({d["partner_id"] for d in dealers}) == len(dealers)
    for dealer in dealers:
        assert set(dealer) == DEALER_KEYS
        assert re.fullmatch(r"\d{5}", dealer["zip_code"])
        assert re.fullmatch(r"\d{3}-\d{3}-\d{4}", dealer["phone"])
        assert dealer["status"] in {"live", "Demo"}
        assert isinstance(dealer["partner_id"], str)
        assert dealer["makes"] and set(dealer["makes"]) <= set(WMI_MAKES)
        config = dealer["configuration"]
        assert config["price_unlock_mode"] in {"lock", "unlock", "soft_lock"}
        assert {"doc_fee", "filing_fee", "handling_fee", "lease_acquisition_fee"} <= set(config["fees"])
        assert all(isinstance(fee, int | float) and fee >= 0 for fee in config["fees"].values())
        assert config["markups"][0]["make"] == "All"
        for markup in config["markups"]:
            assert markup["make"] == "All" or markup["make"] in dealer["makes"]
            finance = markup["finance"]["new"]["global"]
            lease = markup["lease"]["new"]["global"]
            assert 0 < finance["standard"] <= 3
            assert 0 < lease["standard"] < 0.001
            assert set(finance) == set(lease) == {"standard", "special"}


def test_some_dealer_has_a_make_specific_markup(dealers: list[dict[str, Any]]) -> None:
    assert any(m["make"] != "All" for d in dealers for m in d["configuration"]["markups"])


# --- inventory ----------------------------------------------------------------------------------------------


def test_inventory_is_deterministic(dealers: list[dict[str, Any]]) -> None:
    dealer = dealers[0]
    first = list(generate_inventory(dealer, 300, SEED, NOW))
    assert first == list(generate_inventory(dealer, 300, SEED, NOW))
    assert first != list(generate_inventory(dealer, 300, SEED + 1, NOW))


def test_inventory_yields_exactly_count(dealers: list[dict[str, Any]]) -> None:
    assert list(generate_inventory(dealers[0], 0, SEED, NOW)) == []
    assert sum(1 for _ in generate_inventory(dealers[0], 17, SEED, NOW)) == 17


def test_vehicle_shape(inventories: dict[str, list[dict[str, Any]]], dealers: list[dict[str, Any]]) -> None:
    for dpid, inventory in inventories.items():
        makes = set(by_dpid(dealers, dpid)["makes"])
        for v in inventory:
            assert set(v) == VEHICLE_KEYS
            assert v["make"] in makes
            assert v["model"] and v["trim"]
            assert 2025 <= v["year"] <= 2027
            assert v["body"] in BODIES
            assert v["drivetrain"] in DRIVETRAINS
            assert v["engine"]["type"] in ENGINE_TYPES and v["engine"]["label"]
            assert v["transmission"]["type"] in TRANSMISSION_TYPES and v["transmission"]["label"]
            for colour in (v["exterior_color"], v["interior_color"]):
                assert set(colour) == {"label", "rgb", "generic", "msrp"}
                assert RGB.fullmatch(colour["rgb"])
            for item in v["packages"] + v["options"] + v["dealer_options"]:
                assert set(item) == {"name", "msrp"} and item["msrp"] >= 0


def test_vins_are_valid_and_match_make_and_year(vehicles: list[dict[str, Any]]) -> None:
    for v in vehicles:
        assert vin_problem(v["vin"]) is None, v["vin"]
        assert v["vin"][:3] in WMI_MAKES[v["make"]], (v["vin"], v["make"])
        assert v["vin"][9] == year_code(v["year"])


def test_vins_are_unique_across_the_group(vehicles: list[dict[str, Any]]) -> None:
    assert len({v["vin"] for v in vehicles}) == len(vehicles)


def test_dealers_selling_the_same_make_never_share_a_vin(dealers: list[dict[str, Any]]) -> None:
    hyundai = by_dpid(dealers, "hyundaidemo")
    twins = [hyundai, {**by_dpid(dealers, "umazda"), "makes": ["Hyundai"]}, {**hyundai, "dpid": "elsewhere"}]
    vins = [v["vin"] for dealer in twins for v in generate_inventory(dealer, PER_DEALER, SEED, NOW)]
    assert len(set(vins)) == len(vins)


def test_stock_numbers_are_unique_per_dealer(inventories: dict[str, list[dict[str, Any]]]) -> None:
    for inventory in inventories.values():
        stock_numbers = [v["stock_number"] for v in inventory]
        assert len(set(stock_numbers)) == len(stock_numbers)
        assert all(re.fullmatch(r"[A-Z]\d{2}-\d{5,}", s) for s in stock_numbers)


def test_updated_at_spans_the_last_ninety_days(vehicles: list[dict[str, Any]]) -> None:
    stamps = [v["updated_at"] for v in vehicles]
    assert all(NOW - NINETY_DAYS <= s <= NOW for s in stamps)
    # Spread, not bunched: every one of the 90 days has updates.
    assert len({(NOW - s) // 86_400 for s in stamps}) == 90


def test_stock_state(vehicles: list[dict[str, Any]]) -> None:
    assert all(v["in_stock"] for v in vehicles if v["reserved"])
    in_stock = sum(v["in_stock"] for v in vehicles) / len(vehicles)
    reserved = sum(v["reserved"] for v in vehicles) / len(vehicles)
    assert 0.8 < in_stock < 0.9
    assert 0.03 < reserved < 0.07


def test_fuel_economy_follows_the_powertrain(vehicles: list[dict[str, Any]]) -> None:
    kinds = Counter(v["engine"]["type"] for v in vehicles)
    assert kinds["Electric"] and kinds["Hybrid"] and kinds["Gas"]
    for v in vehicles:
        if v["engine"]["type"] == "Electric":
            assert v["ev_range"] > 0 and v["city_mpg"] is None and v["highway_mpg"] is None
            assert v["transmission"]["type"] == "Single-Speed"
        elif v["engine"]["type"] == "Plug-In Hybrid":
            assert v["ev_range"] > 0 and v["city_mpg"] > 0
        else:
            assert v["ev_range"] is None
            # Heavy-duty pickups are over the GVWR limit for EPA ratings, so they have none.
            assert v["city_mpg"] is not None or v["body"] == "Pickup"
    city = {
        kind: [v["city_mpg"] for v in vehicles if v["engine"]["type"] == kind and v["city_mpg"] is not None]
        for kind in ("Gas", "Hybrid")
    }
    assert sum(city["Hybrid"]) / len(city["Hybrid"]) > sum(city["Gas"]) / len(city["Gas"]) + 10


def test_prices_add_up(vehicles: list[dict[str, Any]]) -> None:
    for v in vehicles:
        extras = sum(i["msrp"] for i in v["packages"] + v["options"])
        paint = v["exterior_color"]["msrp"] + v["interior_color"]["msrp"]
        assert 18_000 < v["msrp"] - extras - paint < 100_000
        assert 0.92 * v["msrp"] - 1 <= v["invoice"] < v["msrp"]
        assert isinstance(v["msrp"], int) and isinstance(v["invoice"], int)


def test_unknown_make_is_refused(dealers: list[dict[str, Any]]) -> None:
    with pytest.raises(ValueError, match="sells no make"):
        next(generate_inventory({**dealers[0], "makes": ["Yugo"]}, 1, SEED, NOW))


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**63),
    now=st.integers(min_value=946_684_800, max_value=2_145_000_000),
)
def test_any_seed_and_date_give_valid_vins(seed: int, now: int) -> None:
    dealers = generate_dealers(seed)
    dealer = dealers[seed % len(dealers)]
    for v in generate_inventory(dealer, 40, seed, now):
        assert vin_problem(v["vin"]) is None
        assert v["vin"][9] == year_code(v["year"])
        assert now - NINETY_DAYS <= v["updated_at"] <= now


@pytest.mark.slow
def test_benchmark_sized_inventory_has_unique_vins(dealers: list[dict[str, Any]]) -> None:
    vins = {v["vin"] for v in generate_inventory(dealers[0], 100_000, SEED, NOW)}
    assert len(vins) == 100_000
