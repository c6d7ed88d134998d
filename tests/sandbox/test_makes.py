"""The seed's make catalogue, read from its JSON data files: the same catalogue the Python tables made, checked
on load so a slip in a file is refused naming the file and the field."""

from __future__ import annotations

import calendar
import hashlib
import json
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest

from desktop.sandbox.seed import generate_dealers, generate_inventory
from desktop.sandbox.seed.codes import codes_for
from desktop.sandbox.seed.makes import Extra, Powertrain, load_makes
from desktop.sandbox.seed.makes.load import read_make, read_make_file

# What the catalogue and a seeded inventory were when the catalogue was Python calls (commit 6f2d983), digested
# by _catalogue_digest and _inventory_digest below: moving the data to JSON must not change a single value.
CATALOGUE_SHA256 = "9d1a4cf609ef2d0d68c23a9b80230c96d70c1a2a7e3831832d0ff476ef166eec"
INVENTORY_SHA256 = "c1550394d2631b4b75f0a0d5f4c4bb7a5562673378d206ae5a2b0328865c1366"
# The manufacturers' codes when they were a Python table (desktop/sandbox/seed/codes.py, commit 91df3c9), digested
# by _codes_digest: 21 codes of seven makes.
CODES_SHA256 = "d135fd6795d691c5658d0cb80ee462e29b41a02109e3caefa349c956a66cc470"
SEED = 42
NOW = calendar.timegm((2026, 11, 23, 12, 0, 0))
PER_DEALER = 500


def _plain(value: Any) -> Any:
    """``value`` as JSON with every type kept: 0 is not 0.0, a tuple type is named, a frozenset is sorted."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return [type(value).__name__, {field: _plain(getattr(value, field)) for field in value._fields}]
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, frozenset):
        return ["frozenset", sorted(value)]
    return [type(value).__name__, value]


def _catalogue_digest() -> str:
    makes = {name: _plain(make) for name, make in load_makes().items()}
    return hashlib.sha256(json.dumps(makes, sort_keys=True).encode()).hexdigest()


def _inventory_digest() -> str:
    inventory = {d["dpid"]: list(generate_inventory(d, PER_DEALER, SEED, NOW)) for d in generate_dealers(SEED)}
    return hashlib.sha256(json.dumps(inventory, sort_keys=True).encode()).hexdigest()


def _codes_digest() -> str:
    def plain(i: Any) -> list[str]:
        return [i.code, i.kind, i.name, str(i.msrp), type(i.msrp).__name__, str(i.invoice), i.rgb]

    codes = {make: [plain(item) for item in codes_for(make).values()] for make in load_makes()}
    return hashlib.sha256(json.dumps(codes, sort_keys=True).encode()).hexdigest()


def test_the_catalogue_is_the_one_the_python_tables_made() -> None:
    assert sorted(load_makes()) == ["Ford", "Honda", "Hyundai", "Kia", "Mazda", "Subaru", "Toyota"]
    assert _catalogue_digest() == CATALOGUE_SHA256  # every make, model, trim, powertrain, extra and paint


def test_a_seeded_inventory_is_the_one_the_python_tables_made() -> None:
    assert _inventory_digest() == INVENTORY_SHA256  # 500 vehicles of each seeded dealer, every field


def test_the_codes_are_the_ones_the_python_table_held() -> None:
    assert _codes_digest() == CODES_SHA256  # code, kind, name, msrp and invoice (as Decimals), rgb, in file order
    assert sum(len(codes_for(make)) for make in load_makes()) == 21
    assert codes_for("MAZDA")["46V"].msrp == 595 and codes_for("Tesla") == {}
    without = _ford()
    del without["codes"]  # a make may have no codes: the request's codes are then echoed unpriced
    assert read_make_file("ford.json", json.dumps(without)) == (load_makes()["Ford"], {})


def test_a_few_values_read_as_their_window_stickers_say() -> None:
    ford = load_makes()["Ford"]
    f150 = ford.models[0]
    xlt = f150.trims[2]
    assert (f150.name, f150.body, f150.share) == ("F-150", "Pickup", 0.22)
    assert (f150.wmi, f150.vds, f150.plants) == ("1FT", "FW1E", "FK")
    assert (xlt.name, xlt.msrp, xlt.premium) == ("XLT", 49760, False)
    assert [extra for _, extra in xlt.variants] == [0, 4000, 5995, 6295, 8290]
    hybrid = ("3.5L PowerBoost Full Hybrid V6", "Hybrid", ("10-Speed Automatic", "Automatic"), "Four-Wheel Drive")
    assert xlt.variants[4][0] == Powertrain(*hybrid, 22, 24, None, "D")
    assert f150.packages[1] == Extra("FX4 Off-Road Package", 1095, 0.3, frozenset({"XLT", "Lariat"}))
    assert ford.accessories[3] == Extra("Spray-In Bedliner", 595, 0.5, frozenset({"Pickup"}))
    assert ford.accessories[0].only is None
    mach_e = next(m for m in ford.models if m.name == "Mustang Mach-E")
    assert mach_e.trims[0].variants[0][0].ev_range == 260
    civics = [m.body for m in load_makes()["Honda"].models if m.name == "Civic"]
    assert civics == ["Sedan", "Hatchback"]


def _ford() -> dict[str, Any]:
    text = resources.files("desktop.sandbox.seed.makes").joinpath("ford.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """An edit of the Ford file: ``value`` at ``path`` (``models.0.trims.2.msrp``); ``...`` deletes the key."""

    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if value is ...:
            del node[last]
        else:
            node[int(last) if isinstance(node, list) else last] = value

    return edit


_CODE = {"code": "XLT", "kind": "trim", "name": "XLT", "msrp": 0, "invoice": 0}  # a valid trim code of the Ford file


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (_set("powertrains.f27.drivetrain", "RWD"), r"powertrains\.f27\.drivetrain 'RWD' is not one of All-Wheel"),
        (_set("powertrains.f27.transmission", "CVT"), r"powertrains\.f27\.transmission 'CVT' is not one of the file's"),
        (_set("powertrains.f27.city_mpg", "19"), r"powertrains\.f27\.city_mpg must be a whole number above 0, or null"),
        (_set("powertrains.f27.vin_code", "O"), r"powertrains\.f27\.vin_code 'O' must be 1 VIN characters"),
        (_set("transmissions.6-Speed Manual", "Stick"), r"transmissions\.6-Speed Manual 'Stick' is not one of"),
        (_set("models.0.trims.2.msrp", -1), r"models\[0\]\.trims\[2\]\.msrp must be a whole number, 0 or more"),
        (_set("models.0.trims.2.powertrains", {"f99": 0}), r"models\[0\]\.trims\[2\]\.powertrains 'f99' is not one"),
        (_set("models.0.trims.2.premium", "no"), r"models\[0\]\.trims\[2\]\.premium must be true or false"),
        (_set("models.0.trims.2.name", "XL"), r"models\[0\]\.trims has two 'XL'"),
        (_set("models.0.trims", []), r"models\[0\]\.trims must be a non-empty list"),
        (_set("models.0.body", "Truck"), r"models\[0\]\.body 'Truck' is not one of Coupe, Hatchback"),
        (_set("models.0.share", 0), r"models\[0\]\.share must be more than 0"),
        (_set("models.0.wmi", "1F"), r"models\[0\]\.wmi '1F' must be 3 VIN characters"),
        (_set("models.0.vds", ...), r"models\[0\]\.vds is missing"),
        (_set("models.0.pakages", []), r"models\[0\]\.pakages is not a field here"),
        (_set("models.0.packages.0.only", ["XTL"]), r"models\[0\]\.packages\[0\]\.only 'XTL' is not one of King Ranch"),
        (_set("models.0.packages.0.take_rate", 1.5), r"models\[0\]\.packages\[0\]\.take_rate must be a number from 0"),
        (_set("accessories.3.only", ["Truck"]), r"accessories\[3\]\.only 'Truck' is not one of Coupe"),
        (_set("paints.0.rgb", "f2f2ee"), r"paints\[0\]\.rgb 'f2f2ee' must be six upper-case hex digits"),
        (_set("leather", []), r"leather must be a non-empty list"),
        (_set("name", "Honda"), r"name 'Honda' is not the make this file is named for"),
        (_set("codes.0.kind", "paint"), r"codes\[0\]\.kind 'paint' is not one of exterior_color, interior_color"),
        (_set("codes.0.code", "e 4"), r"codes\[0\]\.code 'e 4' must be upper-case letters, digits and hyphens"),
        (_set("codes.0.rgb", ...), r"codes\[0\]\.rgb is missing: a colour needs its swatch"),
        (_set("codes.0.rgb", "8a1c1f"), r"codes\[0\]\.rgb '8a1c1f' must be six upper-case hex digits"),
        (_set("codes.0.invoice", 600), r"codes\[0\]\.invoice 600 must not be more than its msrp 495"),
        (_set("codes.0.msrp", "495"), r"codes\[0\]\.msrp must be a whole number, 0 or more"),
        (_set("codes.0.price", 495), r"codes\[0\]\.price is not a field here"),
        (_set("codes", []), r"codes must be a non-empty list \(or left out\)"),
        (_set("codes", [_CODE, _CODE]), r"codes has two 'XLT'"),
        (_set("codes", [{**_CODE, "name": "XTL"}]), r"codes\[0\]\.name 'XTL' is not one of the file's trims"),
        (_set("codes", [{**_CODE, "msrp": 100}]), r"codes\[0\]\.msrp and \.invoice must be 0 for a trim"),
        (_set("codes", [{**_CODE, "rgb": "FFFFFF"}]), r"codes\[0\]\.rgb is only for a colour"),
    ],
)
def test_a_malformed_make_file_is_refused_naming_the_file_and_field(
    edit: Callable[[dict[str, Any]], None], error: str
) -> None:
    data = _ford()
    assert read_make("ford.json", json.dumps(data)) == load_makes()["Ford"]  # unedited, it reads as shipped
    edit(data)
    with pytest.raises(ValueError, match=rf"^ford\.json: {error}"):
        read_make("ford.json", json.dumps(data))


def test_a_make_file_that_is_not_json_or_repeats_a_key_is_refused_naming_it() -> None:
    with pytest.raises(ValueError, match=r"^kia\.json: Expecting ',' delimiter: line 1 column 16"):
        read_make("kia.json", '{"name": "Kia" "models": []}')
    text = json.dumps(_ford()).replace('"f27f": {', '"f27": {"engine": "twice"}, "f27f": {', 1)
    with pytest.raises(ValueError, match=r"^ford\.json: the key 'f27' appears twice in one object"):
        read_make("ford.json", text)
