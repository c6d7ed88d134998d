"""The sandbox's model catalogue as literal data: makes, model lines, trims with MSRP, powertrains with fuel
economy and VIN engine codes, packages, options and paints, as real window stickers list them (2024-2025).

The types and the short builders (``_pt``, ``_t``, ``_x``, ``_c``, ``_m``) exist to keep the tables readable.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

# --- catalogue types ----------------------------------------------------------------------------------------


class Powertrain(NamedTuple):
    """What the window sticker says about the drive; ``vin_code`` is VIN position 8, the engine code."""

    engine: str
    engine_type: str
    transmission: tuple[str, str]
    drivetrain: str
    city_mpg: int | None
    highway_mpg: int | None
    ev_range: int | None
    vin_code: str


class Trim(NamedTuple):
    """A trim level; ``premium`` trims come with leather-type seats, the rest with cloth."""

    name: str
    msrp: int
    variants: tuple[tuple[Powertrain, int], ...]
    premium: bool


class Extra(NamedTuple):
    """A priced add-on with the share of vehicles that carry it."""

    name: str
    msrp: int
    take_rate: float
    only: frozenset[str] | None


class Paint(NamedTuple):
    label: str
    rgb: str
    generic: str
    msrp: int


class Model(NamedTuple):
    name: str
    body: str
    share: float
    wmi: str
    vds: str
    plants: str
    trims: tuple[Trim, ...]
    packages: tuple[Extra, ...]
    options: tuple[Extra, ...]
    paints: tuple[Paint, ...]


class Make(NamedTuple):
    name: str
    models: tuple[Model, ...]
    paints: tuple[Paint, ...]
    cloth: tuple[Paint, ...]
    leather: tuple[Paint, ...]
    accessories: tuple[Extra, ...]


def _pt(
    engine: str,
    engine_type: str,
    transmission: tuple[str, str],
    drivetrain: str,
    mpg: tuple[int, int] | None,
    vin_code: str,
    ev_range: int | None = None,
) -> Powertrain:
    city, highway = mpg if mpg is not None else (None, None)
    return Powertrain(engine, engine_type, transmission, drivetrain, city, highway, ev_range, vin_code)


def _t(name: str, msrp: int, *variants: Powertrain | tuple[Powertrain, int], premium: bool = False) -> Trim:
    """A trim; a bare powertrain costs nothing extra, ``(powertrain, extra)`` is an upcharge (AWD, V8)."""
    pairs = tuple((v, 0) if isinstance(v, Powertrain) else v for v in variants)
    return Trim(name, msrp, pairs, premium)


def _x(name: str, msrp: int, take_rate: float, *only: str) -> Extra:
    """A package or option; ``only`` limits it to those trims (model extras) or bodies (make accessories)."""
    return Extra(name, msrp, take_rate, frozenset(only) if only else None)


def _c(label: str, rgb: str, generic: str, msrp: int = 0) -> Paint:
    return Paint(label, rgb, generic, msrp)


def _m(
    name: str,
    body: str,
    share: float,
    vin: tuple[str, str, str],
    trims: Sequence[Trim],
    packages: Sequence[Extra] = (),
    options: Sequence[Extra] = (),
    paints: Sequence[Paint] = (),
) -> Model:
    """A model line; ``vin`` is (WMI, positions 4-7, plant codes) as the manufacturer assigns them."""
    wmi, vds, plants = vin
    return Model(name, body, share, wmi, vds, plants, tuple(trims), tuple(packages), tuple(options), tuple(paints))


FWD, AWD, RWD, FOUR_WD = "Front-Wheel Drive", "All-Wheel Drive", "Rear-Wheel Drive", "Four-Wheel Drive"
SEDAN, SUV, PICKUP, HATCH, MINIVAN, COUPE = "Sedan", "SUV", "Pickup", "Hatchback", "Minivan", "Coupe"
GAS, HYBRID, PHEV, EV, DIESEL = "Gas", "Hybrid", "Plug-In Hybrid", "Electric", "Diesel"

_A6 = ("6-Speed Automatic", "Automatic")
_A8 = ("8-Speed Automatic", "Automatic")
_A9 = ("9-Speed Automatic", "Automatic")
_A10 = ("10-Speed Automatic", "Automatic")
_DCT6 = ("6-Speed Dual-Clutch Automatic", "Automatic")
_DCT7 = ("7-Speed Dual-Clutch Automatic", "Automatic")
_DCT8 = ("8-Speed Dual-Clutch Automatic", "Automatic")
_M6 = ("6-Speed Manual", "Manual")
_M7 = ("7-Speed Manual", "Manual")
_IVT = ("Intelligent Variable Transmission (IVT)", "CVT")
_CVT = ("CVT", "CVT")
_ECVT = ("Electronically Controlled CVT (eCVT)", "CVT")
_LINEARTRONIC = ("Lineartronic CVT", "CVT")
_SPT = ("Subaru Performance Transmission", "CVT")
_DIRECT = ("Single-Speed Reduction Gear", "Single-Speed")

# Generic colours weighted the way US new-car lots look: mostly white, black, grey and silver.
COLOUR_MIX = {"white": 25, "black": 20, "gray": 20, "silver": 10, "blue": 10, "red": 8}

# --- Hyundai ------------------------------------------------------------------------------------------------

_el20 = _pt("2.0L I4", GAS, _IVT, FWD, (33, 42), "G")
_el16t = _pt("1.6L Turbo I4", GAS, _DCT7, FWD, (28, 36), "E")
_el_blue = _pt("1.6L I4 Hybrid", HYBRID, _DCT6, FWD, (51, 58), "J")
_el_hev = _pt("1.6L I4 Hybrid", HYBRID, _DCT6, FWD, (49, 52), "J")
_el_n = _pt("2.0L Turbo I4", GAS, _M6, FWD, (20, 28), "F")
_el_n_dct = _pt("2.0L Turbo I4", GAS, _DCT8, FWD, (22, 31), "F")
_so25 = _pt("2.5L I4", GAS, _A8, FWD, (27, 37), "G")
_so25a = _pt("2.5L I4", GAS, _A8, AWD, (25, 34), "G")
_so_hev = _pt("2.0L I4 Hybrid", HYBRID, _A6, FWD, (46, 51), "J")
_so_nl = _pt("2.5L Turbo I4", GAS, _DCT8, FWD, (23, 33), "F")
_tu25 = _pt("2.5L I4", GAS, _A8, FWD, (25, 32), "E")
_tu25a = _pt("2.5L I4", GAS, _A8, AWD, (24, 29), "E")
_tu_hev = _pt("1.6L Turbo I4 Hybrid", HYBRID, _A6, AWD, (38, 38), "J")
_tu_phev = _pt("1.6L Turbo I4 Plug-In Hybrid", PHEV, _A6, AWD, (35, 35), "K", 33)
_sf25 = _pt("2.5L I4", GAS, _A8, FWD, (22, 29), "E")
_sf25a = _pt("2.5L I4", GAS, _A8, AWD, (21, 28), "E")
_sf25t = _pt("2.5L Turbo I4", GAS, _DCT8, AWD, (20, 27), "F")
_sf_xrt = _pt("2.5L Turbo I4", GAS, _DCT8, AWD, (19, 25), "F")
_sf_hev = _pt("1.6L Turbo I4 Hybrid", HYBRID, _A6, FWD, (36, 35), "J")
_sf_heva = _pt("1.6L Turbo I4 Hybrid", HYBRID, _A6, AWD, (34, 32), "J")
_pa38 = _pt("3.8L V6", GAS, _A8, FWD, (19, 26), "L")
_pa38a = _pt("3.8L V6", GAS, _A8, AWD, (19, 24), "L")
_ko20 = _pt("2.0L I4", GAS, _IVT, FWD, (30, 35), "B")
_ko20a = _pt("2.0L I4", GAS, _IVT, AWD, (28, 32), "B")
_ko16t = _pt("1.6L Turbo I4", GAS, _A8, FWD, (27, 32), "C")
_ko16ta = _pt("1.6L Turbo I4", GAS, _A8, AWD, (24, 29), "C")
_ko_ev_sr = _pt("Single Motor Electric", EV, _DIRECT, FWD, None, "E", 200)
_ko_ev_lr = _pt("Single Motor Electric", EV, _DIRECT, FWD, None, "E", 261)
_i5_sr = _pt("Single Motor Electric", EV, _DIRECT, RWD, None, "D", 245)
_i5_lr = _pt("Single Motor Electric", EV, _DIRECT, RWD, None, "D", 318)
_i5_awd = _pt("Dual Motor Electric", EV, _DIRECT, AWD, None, "E", 290)
_i5_awd_lim = _pt("Dual Motor Electric", EV, _DIRECT, AWD, None, "E", 269)
_i5_xrt = _pt("Dual Motor Electric", EV, _DIRECT, AWD, None, "E", 259)
_i6_sr = _pt("Single Motor Electric", EV, _DIRECT, RWD, None, "D", 240)
_i6_lr = _pt("Single Motor Electric", EV, _DIRECT, RWD, None, "D", 342)
_i6_lr_sel = _pt("Single Motor Electric", EV, _DIRECT, RWD, None, "D", 305)
_i6_awd = _pt("Dual Motor Electric", EV, _DIRECT, AWD, None, "E", 316)
_i6_awd_sel = _pt("Dual Motor Electric", EV, _DIRECT, AWD, None, "E", 270)

_HYUNDAI = Make(
    "Hyundai",
    (
        _m(
            "Elantra",
            SEDAN,
            0.20,
            ("5NP", "LM4A", "H"),
            [
                _t("SE", 22125, _el20),
                _t("SEL Sport", 23725, _el20),
                _t("Limited", 27575, _el20, premium=True),
                _t("N Line", 28275, _el16t),
                _t("Hybrid Blue", 25450, _el_blue),
                _t("Hybrid SEL Sport", 27050, _el_hev),
                _t("Hybrid Limited", 30250, _el_hev, premium=True),
                _t("N", 34850, _el_n, (_el_n_dct, 1500), premium=True),
            ],
        ),
        _m(
            "Sonata",
            SEDAN,
            0.08,
            ("5NP", "EL4A", "H"),
            [
                _t("SE", 27500, _so25),
                _t("SEL", 29800, _so25, (_so25a, 1500)),
                _t("Hybrid SEL", 31950, _so_hev),
                _t("Hybrid Limited", 37450, _so_hev, premium=True),
                _t("N Line", 35600, _so_nl, premium=True),
            ],
        ),
        _m(
            "Tucson",
            SUV,
            0.22,
            ("5NM", "JB3D", "H"),
            [
                _t("SE", 28705, _tu25, (_tu25a, 1500)),
                _t("SEL", 31050, _tu25, (_tu25a, 1500)),
                _t("XRT", 35850, _tu25a),
                _t("N Line", 35810, _tu25, (_tu25a, 1500)),
                _t("Limited", 38840, _tu25a, premium=True),
                _t("Hybrid Blue", 33000, _tu_hev),
                _t("Hybrid SEL", 35000, _tu_hev),
                _t("Hybrid Limited", 41000, _tu_hev, premium=True),
                _t("Plug-In Hybrid SEL", 39475, _tu_phev),
                _t("Plug-In Hybrid Limited", 45650, _tu_phev, premium=True),
            ],
            packages=[_x("Convenience Package", 1450, 0.45, "SEL", "Hybrid SEL")],
        ),
        _m(
            "Santa Fe",
            SUV,
            0.14,
            ("5NM", "P3DA", "H"),
            [
                _t("SE", 33950, _sf25, (_sf25a, 1800)),
                _t("SEL", 36050, _sf25, (_sf25a, 1800)),
                _t("XRT", 40800, _sf_xrt),
                _t("Limited", 43050, _sf25t, premium=True),
                _t("Calligraphy", 47250, _sf25t, premium=True),
                _t("Hybrid SEL", 38100, _sf_hev, (_sf_heva, 1800)),
                _t("Hybrid Limited", 44900, _sf_heva, premium=True),
                _t("Hybrid Calligraphy", 49050, _sf_heva, premium=True),
            ],
            packages=[_x("Convenience Package", 2200, 0.35, "SEL", "Hybrid SEL")],
            paints=[
                _c("Ecotronic Gray Pearl", "6F7372", "gray"),
                _c("Earthy Brass Metallic", "8C7A5B", "brown"),
            ],
        ),
        _m(
            "Palisade",
            SUV,
            0.10,
            ("KM8", "R34H", "U"),
            [
                _t("SE", 37200, _pa38, (_pa38a, 1900)),
                _t("SEL", 41450, _pa38, (_pa38a, 1900)),
                _t("XRT", 42900, _pa38, (_pa38a, 1900)),
                _t("Limited", 48950, _pa38, (_pa38a, 1900), premium=True),
                _t("Calligraphy", 52750, _pa38a, premium=True),
                _t("Calligraphy Night Edition", 54500, _pa38a, premium=True),
            ],
            packages=[_x("Premium Package", 2000, 0.4, "SEL")],
            paints=[_c("Robust Emerald Pearl", "2E4B3E", "green")],
        ),
        _m(
            "Kona",
            SUV,
            0.12,
            ("KM8", "HB3A", "U"),
            [
                _t("SE", 24550, _ko20, (_ko20a, 1500)),
                _t("SEL", 26600, _ko20, (_ko20a, 1500)),
                _t("N Line", 31600, _ko16t, (_ko16ta, 1500)),
                _t("Limited", 31600, _ko16t, (_ko16ta, 1500), premium=True),
                _t("Electric SE", 32875, _ko_ev_sr),
                _t("Electric SEL", 36875, _ko_ev_lr),
                _t("Electric Limited", 41045, _ko_ev_lr, premium=True),
            ],
            packages=[_x("Convenience Package", 1350, 0.45, "SEL")],
            paints=[_c("Meta Blue Pearl", "3B5A8A", "blue"), _c("Neoteric Yellow", "D9C43A", "yellow")],
        ),
        _m(
            "Ioniq 5",
            SUV,
            0.08,
            ("KM8", "KRCD", "U"),
            [
                _t("SE Standard Range", 42600, _i5_sr),
                _t("SE", 46650, _i5_lr, (_i5_awd, 3500)),
                _t("SEL", 49600, _i5_lr, (_i5_awd, 3500)),
                _t("Limited", 54300, _i5_lr, (_i5_awd_lim, 3500), premium=True),
                _t("XRT", 55500, _i5_xrt),
            ],
            paints=[_c("Digital Teal", "4E7C7A", "green"), _c("Lucid Blue Pearl", "2E4A6B", "blue")],
        ),
        _m(
            "Ioniq 6",
            SEDAN,
            0.04,
            ("KMH", "M34A", "A"),
            [
                _t("SE Standard Range", 42450, _i6_sr),
                _t("SE", 45500, _i6_lr, (_i6_awd, 3500)),
                _t("SEL", 47200, _i6_lr_sel, (_i6_awd_sel, 3500)),
                _t("Limited", 52600, _i6_lr_sel, (_i6_awd_sel, 3500), premium=True),
            ],
            paints=[_c("Transmission Blue Pearl", "3E6FA8", "blue")],
        ),
    ),
    (
        _c("Abyss Black Pearl", "1C1D21", "black"),
        _c("Serenity White Pearl", "F2F1EC", "white", 495),
        _c("Creamy White", "ECEBE4", "white"),
        _c("Shimmering Silver", "B5B8BB", "silver"),
        _c("Portofino Gray", "8A8D8F", "gray"),
        _c("Amazon Gray", "6B6E6F", "gray"),
        _c("Hampton Gray", "5F6366", "gray"),
        _c("Intense Blue", "1F3F7A", "blue"),
        _c("Ultimate Red", "9B1B1E", "red", 495),
    ),
    (_c("Black Cloth", "1E1E1E", "black"), _c("Gray Cloth", "5A5C5E", "gray")),
    (
        _c("Black Leather", "1B1B1B", "black"),
        _c("Gray Leather", "6B6D70", "gray"),
        _c("Beige Leather", "C8B99A", "beige"),
        _c("Navy/Gray Leather", "2F3A4F", "blue"),
    ),
    (
        _x("Carpeted Floor Mats", 195, 0.75),
        _x("Cargo Net", 60, 0.3, SUV),
        _x("Cargo Tray", 125, 0.35, SUV),
        _x("Mud Guards", 145, 0.25),
        _x("First Aid Kit", 30, 0.2),
        _x("Rear Bumper Applique", 95, 0.2, SUV),
    ),
)

# --- Mazda --------------------------------------------------------------------------------------------------

_m3 = _pt("2.5L I4", GAS, _A6, FWD, (27, 37), "L")
_m3a = _pt("2.5L I4", GAS, _A6, AWD, (25, 33), "M")
_m3t = _pt("2.5L Turbo I4", GAS, _A6, AWD, (23, 31), "Y")
_cx30 = _pt("2.5L I4", GAS, _A6, AWD, (26, 33), "L")
_cx30t = _pt("2.5L Turbo I4", GAS, _A6, AWD, (22, 30), "Y")
_cx5 = _pt("2.5L I4", GAS, _A6, AWD, (24, 30), "L")
_cx5t = _pt("2.5L Turbo I4", GAS, _A6, AWD, (22, 27), "Y")
_cx50 = _pt("2.5L I4", GAS, _A6, AWD, (24, 30), "M")
_cx50t = _pt("2.5L Turbo I4", GAS, _A6, AWD, (23, 29), "Y")
_cx50h = _pt("2.5L I4 Hybrid", HYBRID, _ECVT, AWD, (39, 37), "H")
_i6t = _pt("3.3L Turbo I6 Mild Hybrid", GAS, _A8, AWD, (24, 28), "B")
_i6ts = _pt("3.3L Turbo I6 Mild Hybrid", GAS, _A8, AWD, (23, 28), "C")
_mz_phev = _pt("2.5L I4 Plug-In Hybrid", PHEV, _A8, AWD, (25, 25), "P", 26)
_mx5m = _pt("2.0L I4", GAS, _M6, RWD, (26, 34), "A")
_mx5a = _pt("2.0L I4", GAS, _A6, RWD, (26, 35), "A")

_MAZDA = Make(
    "Mazda",
    (
        _m(
            "Mazda3",
            SEDAN,
            0.07,
            ("3MZ", "BPAC", "M"),
            [
                _t("2.5 S", 23550, _m3),
                _t("2.5 S Select Sport", 25350, _m3, (_m3a, 1500)),
                _t("2.5 S Preferred", 27150, _m3, (_m3a, 1500)),
                _t("2.5 S Premium", 30050, _m3a, premium=True),
                _t("2.5 Turbo Premium Plus", 37050, _m3t, premium=True),
            ],
        ),
        _m(
            "Mazda3",
            HATCH,
            0.07,
            ("JM1", "BPBM", "0"),
            [
                _t("2.5 S", 25050, _m3),
                _t("2.5 S Select Sport", 26850, _m3, (_m3a, 1500)),
                _t("2.5 S Preferred", 28650, _m3, (_m3a, 1500)),
                _t("2.5 S Carbon Edition", 28750, _m3, (_m3a, 1500), premium=True),
                _t("2.5 S Premium", 30950, _m3, (_m3a, 1500), premium=True),
                _t("2.5 Turbo Premium Plus", 37550, _m3t, premium=True),
            ],
        ),
        _m(
            "CX-30",
            SUV,
            0.17,
            ("JM3", "DKBC", "01"),
            [
                _t("2.5 S", 24995, _cx30),
                _t("2.5 S Select Sport", 26850, _cx30),
                _t("2.5 S Preferred", 28900, _cx30),
                _t("2.5 S Carbon Edition", 30650, _cx30, premium=True),
                _t("2.5 S Premium", 31900, _cx30, premium=True),
                _t("2.5 Turbo Premium Plus", 36700, _cx30t, premium=True),
            ],
        ),
        _m(
            "CX-5",
            SUV,
            0.28,
            ("JM3", "KFBC", "01"),
            [
                _t("2.5 S Select", 29990, _cx5),
                _t("2.5 S Preferred", 31250, _cx5),
                _t("2.5 S Carbon Edition", 33150, _cx5, premium=True),
                _t("2.5 S Premium", 34850, _cx5, premium=True),
                _t("2.5 S Premium Plus", 37000, _cx5, premium=True),
                _t("2.5 Turbo Signature", 41200, _cx5t, premium=True),
            ],
        ),
        _m(
            "CX-50",
            SUV,
            0.20,
            ("7MM", "VABB", "N"),
            [
                _t("2.5 S Select", 30500, _cx50),
                _t("2.5 S Preferred", 32000, _cx50),
                _t("2.5 S Premium", 36400, _cx50, premium=True),
                _t("2.5 S Premium Plus", 38250, _cx50, premium=True),
                _t("2.5 Turbo Meridian Edition", 42300, _cx50t, premium=True),
                _t("2.5 Turbo Premium Plus", 43150, _cx50t, premium=True),
                _t("Hybrid Preferred", 33970, _cx50h),
                _t("Hybrid Premium", 37500, _cx50h, premium=True),
                _t("Hybrid Premium Plus", 39900, _cx50h, premium=True),
            ],
            paints=[
                _c("Zircon Sand Metallic", "A89B84", "beige"),
                _c("Ingot Blue Metallic", "4F6A80", "blue"),
            ],
        ),
        _m(
            "CX-70",
            SUV,
            0.05,
            ("JM3", "KJCC", "0"),
            [
                _t("3.3 Turbo Preferred", 40445, _i6t, premium=True),
                _t("3.3 Turbo Premium", 46995, _i6t, premium=True),
                _t("3.3 Turbo S Premium", 51900, _i6ts, premium=True),
                _t("3.3 Turbo S Premium Plus", 56400, _i6ts, premium=True),
                _t("PHEV Premium", 53445, _mz_phev, premium=True),
                _t("PHEV Premium Plus", 57400, _mz_phev, premium=True),
            ],
            paints=[_c("Melting Copper Metallic", "9A5A3C", "brown", 395)],
        ),
        _m(
            "CX-90",
            SUV,
            0.13,
            ("JM3", "KKCB", "0"),
            [
                _t("3.3 Turbo Select", 37845, _i6t),
                _t("3.3 Turbo Preferred", 40745, _i6t),
                _t("3.3 Turbo Preferred Plus", 43845, _i6t, premium=True),
                _t("3.3 Turbo Premium", 48745, _i6t, premium=True),
                _t("3.3 Turbo S Premium", 54045, _i6ts, premium=True),
                _t("3.3 Turbo S Premium Plus", 59950, _i6ts, premium=True),
                _t("PHEV Preferred", 49945, _mz_phev, premium=True),
                _t("PHEV Premium", 54100, _mz_phev, premium=True),
                _t("PHEV Premium Plus", 57950, _mz_phev, premium=True),
            ],
            options=[
                _x(
                    "Second-Row Captain's Chairs",
                    1100,
                    0.35,
                    "3.3 Turbo Premium",
                    "3.3 Turbo S Premium",
                    "PHEV Premium",
                ),
            ],
            paints=[_c("Artisan Red Premium Metallic", "6E1A22", "red", 495)],
        ),
        _m(
            "MX-5 Miata",
            COUPE,
            0.03,
            ("JM1", "NDAL", "0"),
            [_t("RF Club", 37650, _mx5m), _t("RF Grand Touring", 38650, _mx5m, (_mx5a, 800), premium=True)],
            options=[_x("Brembo/BBS/Recaro Package", 4950, 0.3, "RF Club")],
        ),
    ),
    (
        _c("Jet Black Mica", "111214", "black"),
        _c("Snowflake White Pearl Mica", "EEEDE7", "white", 395),
        _c("Rhodium White Premium Metallic", "E3E1DC", "white", 495),
        _c("Sonic Silver Metallic", "A4A8AB", "silver"),
        _c("Platinum Quartz Metallic", "B3ABA0", "silver"),
        _c("Polymetal Gray Metallic", "7B8084", "gray", 395),
        _c("Machine Gray Metallic", "5F6265", "gray", 495),
        _c("Deep Crystal Blue Mica", "1E2A44", "blue"),
        _c("Soul Red Crystal Metallic", "A3161E", "red", 495),
    ),
    (_c("Black Cloth", "1E1E1E", "black"), _c("Black Leatherette", "232323", "black")),
    (
        _c("Black Leather", "1B1B1B", "black"),
        _c("Parchment Leather", "D8CBB0", "beige"),
        _c("Greige Leather", "B5ADA2", "beige"),
        _c("Terracotta Leather", "9C4A32", "brown"),
        _c("Tuscan Tan Nappa Leather", "A0724E", "brown"),
    ),
    (
        _x("All-Weather Floor Mats", 150, 0.55),
        _x("Frameless Auto-Dim Mirror with HomeLink", 375, 0.3),
        _x("Rear Bumper Guard", 125, 0.3, SUV, HATCH),
        _x("Cargo Mat", 105, 0.35, SUV, HATCH),
        _x("Door Sill Trim Plates", 150, 0.2),
        _x("Retractable Cargo Cover", 250, 0.2, SUV),
    ),
)

# --- Subaru -------------------------------------------------------------------------------------------------

_im20 = _pt("2.0L H4", GAS, _LINEARTRONIC, AWD, (27, 34), "D")
_im25 = _pt("2.5L H4", GAS, _LINEARTRONIC, AWD, (26, 33), "E")
_xt20 = _pt("2.0L H4", GAS, _LINEARTRONIC, AWD, (27, 34), "A")
_xt25 = _pt("2.5L H4", GAS, _LINEARTRONIC, AWD, (26, 33), "B")
_xt_wild = _pt("2.5L H4", GAS, _LINEARTRONIC, AWD, (25, 29), "B")
_xt_hev = _pt("2.5L H4 Hybrid", HYBRID, _ECVT, AWD, (36, 36), "C")
_fo25 = _pt("2.5L H4", GAS, _LINEARTRONIC, AWD, (25, 32), "D")
_fo_wild = _pt("2.5L H4", GAS, _LINEARTRONIC, AWD, (25, 28), "D")
_fo_hev = _pt("2.5L H4 Hybrid", HYBRID, _ECVT, AWD, (35, 34), "E")
_ob25 = _pt("2.5L H4", GAS, _LINEARTRONIC, AWD, (26, 32), "C")
_ob24t = _pt("2.4L Turbo H4", GAS, _LINEARTRONIC, AWD, (22, 29), "L")
_ob_wild = _pt("2.4L Turbo H4", GAS, _LINEARTRONIC, AWD, (21, 26), "L")
_as24t = _pt("2.4L Turbo H4", GAS, _LINEARTRONIC, AWD, (20, 26), "D")
_wrx_m = _pt("2.4L Turbo H4", GAS, _M6, AWD, (19, 26), "L")
_wrx_spt = _pt("2.4L Turbo H4", GAS, _SPT, AWD, (18, 25), "L")
_brz_m = _pt("2.4L H4", GAS, _M6, RWD, (20, 27), "C")
_brz_a = _pt("2.4L H4", GAS, _A6, RWD, (21, 30), "C")
_so_ev = _pt("Dual Motor Electric", EV, _DIRECT, AWD, None, "A", 227)
_so_ev_lim = _pt("Dual Motor Electric", EV, _DIRECT, AWD, None, "A", 222)

_SUBARU = Make(
    "Subaru",
    (
        _m(
            "Impreza",
            HATCH,
            0.08,
            ("JF1", "GUHF", "8"),
            [_t("Base", 22995, _im20), _t("Sport", 25995, _im20), _t("RS", 28995, _im25)],
            packages=[_x("Power Moonroof Package", 1645, 0.3, "Sport")],
        ),
        _m(
            "Crosstrek",
            SUV,
            0.25,
            ("JF2", "GUHD", "H"),
            [
                _t("Base", 26195, _xt20),
                _t("Premium", 27390, _xt20),
                _t("Sport", 30185, _xt25),
                _t("Limited", 32485, _xt25, premium=True),
                _t("Wilderness", 33385, _xt_wild),
                _t("Hybrid Sport", 36845, _xt_hev),
                _t("Hybrid Limited", 38345, _xt_hev, premium=True),
            ],
            packages=[_x("Power Moonroof Package", 1620, 0.3, "Premium", "Sport")],
            paints=[_c("Oasis Blue", "5C8DA8", "blue"), _c("Sun Blaze Pearl", "C45C1F", "orange")],
        ),
        _m(
            "Forester",
            SUV,
            0.27,
            ("JF2", "SLDC", "H"),
            [
                _t("Base", 30795, _fo25),
                _t("Premium", 33195, _fo25),
                _t("Sport", 35395, _fo25),
                _t("Wilderness", 37895, _fo_wild),
                _t("Limited", 37995, _fo25, premium=True),
                _t("Touring", 41395, _fo25, premium=True),
                _t("Hybrid Sport", 35615, _fo_hev),
                _t("Hybrid Limited", 38795, _fo_hev, premium=True),
                _t("Hybrid Touring", 42295, _fo_hev, premium=True),
            ],
            packages=[
                _x("All-Weather Package", 555, 0.35, "Premium"),
                _x("Power Moonroof Package", 1595, 0.3, "Premium"),
            ],
            paints=[_c("Geyser Blue", "7E9CA3", "blue"), _c("Dusk Blue Metallic", "4A5F73", "blue")],
        ),
        _m(
            "Outback",
            SUV,
            0.25,
            ("4S4", "BTAC", "3"),
            [
                _t("Base", 29260, _ob25),
                _t("Premium", 31435, _ob25),
                _t("Onyx Edition", 36575, _ob25),
                _t("Limited", 38205, _ob25, premium=True),
                _t("Touring", 42500, _ob25, premium=True),
                _t("Wilderness", 41660, _ob_wild),
                _t("Limited XT", 42495, _ob24t, premium=True),
                _t("Touring XT", 44500, _ob24t, premium=True),
            ],
            packages=[_x("Power Moonroof, Navigation & Reverse Automatic Braking Package", 1845, 0.35, "Premium")],
            paints=[_c("Geyser Blue", "7E9CA3", "blue")],
        ),
        _m(
            "Ascent",
            SUV,
            0.08,
            ("4S4", "WMAA", "3"),
            [
                _t("Premium", 39820, _as24t),
                _t("Onyx Edition", 44000, _as24t),
                _t("Limited", 45000, _as24t, premium=True),
                _t("Touring", 50695, _as24t, premium=True),
            ],
            options=[_x("Second-Row Captain's Chairs", 500, 0.45, "Premium", "Limited")],
        ),
        _m(
            "WRX",
            SEDAN,
            0.04,
            ("JF1", "VBAG", "8"),
            [
                _t("Premium", 33855, _wrx_m),
                _t("Limited", 38555, _wrx_m, (_wrx_spt, 2000), premium=True),
                _t("GT", 45155, _wrx_spt, premium=True),
                _t("tS", 47255, _wrx_m, premium=True),
            ],
            paints=[_c("WR Blue Pearl", "1F3F8F", "blue"), _c("Solar Orange Pearl", "D4561B", "orange")],
        ),
        _m(
            "BRZ",
            COUPE,
            0.02,
            ("JF1", "ZDBM", "9"),
            [
                _t("Premium", 31315, _brz_m, (_brz_a, 1800)),
                _t("Limited", 34615, _brz_m, (_brz_a, 1800), premium=True),
                _t("tS", 38415, _brz_m),
            ],
            paints=[_c("WR Blue Pearl", "1F3F8F", "blue")],
        ),
        _m(
            "Solterra",
            SUV,
            0.01,
            ("JF2", "AAAB", "R"),
            [
                _t("Premium", 38495, _so_ev),
                _t("Limited", 42495, _so_ev_lim, premium=True),
                _t("Touring", 45495, _so_ev_lim, premium=True),
            ],
        ),
    ),
    (
        _c("Crystal White Pearl", "F1F1EE", "white", 395),
        _c("Crystal Black Silica", "141517", "black"),
        _c("Magnetite Gray Metallic", "5A5D60", "gray"),
        _c("Ice Silver Metallic", "B7BBBE", "silver"),
        _c("Autumn Green Metallic", "4D5A47", "green"),
        _c("Cosmic Blue Pearl", "2A3B5C", "blue"),
        _c("Sapphire Blue Pearl", "2A3D7A", "blue"),
        _c("Crimson Red Pearl", "7E1E24", "red"),
        _c("Brilliant Bronze Metallic", "7A5B3E", "brown"),
    ),
    (_c("Black Cloth", "1E1E1E", "black"), _c("Gray Cloth", "6A6C6E", "gray")),
    (
        _c("Slate Black Leather", "1C1C1C", "black"),
        _c("Titanium Gray Leather", "6C6E70", "gray"),
        _c("Java Brown Leather", "4E3426", "brown"),
        _c("Warm Ivory Leather", "D9CFBC", "beige"),
    ),
    (
        _x("All-Weather Floor Mats", 122, 0.6),
        _x("Rear Bumper Cover", 76, 0.3, SUV, HATCH),
        _x("Splash Guards", 189, 0.3),
        _x("Auto-Dimming Mirror with Compass and HomeLink", 330, 0.25),
        _x("Cargo Tray", 105, 0.35, SUV),
        _x("Crossbar Set", 295, 0.15, SUV),
    ),
)

# --- Toyota -------------------------------------------------------------------------------------------------

_DYNAMIC_CVT = ("Dynamic-Shift CVT", "CVT")
_TOYOTA_ECVT = ("Electronically Controlled CVT (ECVT)", "CVT")
_FIXED_GEAR = ("1-Speed Fixed Gear", "Single-Speed")

_co20 = _pt("2.0L I4", GAS, _DYNAMIC_CVT, FWD, (32, 41), "E")
_co20s = _pt("2.0L I4", GAS, _DYNAMIC_CVT, FWD, (31, 38), "E")
_co_hev = _pt("1.8L I4 Hybrid", HYBRID, _TOYOTA_ECVT, FWD, (53, 46), "F")
_co_heva = _pt("1.8L I4 Hybrid", HYBRID, _TOYOTA_ECVT, AWD, (51, 44), "F")
_ca_hev = _pt("2.5L I4 Hybrid", HYBRID, _TOYOTA_ECVT, FWD, (53, 50), "B")
_ca_hev_se = _pt("2.5L I4 Hybrid", HYBRID, _TOYOTA_ECVT, FWD, (51, 49), "B")
_ca_heva = _pt("2.5L I4 Hybrid", HYBRID, _TOYOTA_ECVT, AWD, (51, 49), "B")
_pr_hev = _pt("2.0L I4 Hybrid", HYBRID, _TOYOTA_ECVT, FWD, (57, 56), "E")
_pr_heva = _pt("2.0L I4 Hybrid", HYBRID, _TOYOTA_ECVT, AWD, (53, 54), "E")
_rv_hev = _pt("2.5L I4 Hybrid", HYBRID, _TOYOTA_ECVT, FWD, (45, 42), "B")
_rv_heva = _pt("2.5L I4 Hybrid", HYBRID, _TOYOTA_ECVT, AWD, (44, 41), "B")
_rv_phev = _pt("2.5L I4 Plug-In Hybrid", PHEV, _TOYOTA_ECVT, AWD, (44, 41), "C", 50)
_hi24 = _pt("2.4L Turbo I4", GAS, _A8, FWD, (22, 29), "H")
_hi24a = _pt("2.4L Turbo I4", GAS, _A8, AWD, (21, 28), "H")
_hi_hev = _pt("2.5L I4 Hybrid", HYBRID, _TOYOTA_ECVT, AWD, (35, 35), "B")
_gh24 = _pt("2.4L Turbo I4", GAS, _A8, FWD, (21, 28), "C")
_gh24a = _pt("2.4L Turbo I4", GAS, _A8, AWD, (21, 27), "C")
_gh_hev = _pt("2.5L I4 Hybrid", HYBRID, _TOYOTA_ECVT, AWD, (37, 34), "B")
_gh_max = _pt("2.4L Turbo I4 Hybrid MAX", HYBRID, _A6, AWD, (27, 28), "D")
_ta24 = _pt("2.4L Turbo I4", GAS, _A8, RWD, (20, 26), "N")
_ta24f = _pt("2.4L Turbo I4", GAS, _A8, FOUR_WD, (19, 24), "N")
_ta24m = _pt("2.4L Turbo I4", GAS, _M6, FOUR_WD, (18, 22), "N")
_ta_max = _pt("2.4L Turbo I4 Hybrid i-FORCE MAX", HYBRID, _A8, FOUR_WD, (22, 24), "K")
_tn34 = _pt("3.4L Twin-Turbo V6", GAS, _A10, RWD, (18, 24), "A")
_tn34f = _pt("3.4L Twin-Turbo V6", GAS, _A10, FOUR_WD, (17, 22), "A")
_tn_max = _pt("3.4L Twin-Turbo V6 Hybrid i-FORCE MAX", HYBRID, _A10, FOUR_WD, (19, 22), "C")
_fr24 = _pt("2.4L Turbo I4", GAS, _A8, RWD, (20, 26), "R")
_fr24f = _pt("2.4L Turbo I4", GAS, _A8, FOUR_WD, (19, 24), "R")
_fr_max = _pt("2.4L Turbo I4 Hybrid i-FORCE MAX", HYBRID, _A8, FOUR_WD, (23, 22), "K")
_si_hev = _pt("2.5L I4 Hybrid", HYBRID, _TOYOTA_ECVT, FWD, (36, 36), "C")
_si_heva = _pt("2.5L I4 Hybrid", HYBRID, _TOYOTA_ECVT, AWD, (35, 36), "C")
_bz = _pt("Single Motor Electric", EV, _FIXED_GEAR, FWD, None, "A", 252)
_bza = _pt("Dual Motor Electric", EV, _FIXED_GEAR, AWD, None, "B", 228)
_bz_lim = _pt("Single Motor Electric", EV, _FIXED_GEAR, FWD, None, "A", 236)
_bza_lim = _pt("Dual Motor Electric", EV, _FIXED_GEAR, AWD, None, "B", 222)

_TOYOTA = Make(
    "Toyota",
    (
        _m(
            "Corolla",
            SEDAN,
            0.13,
            ("JTD", "EPMA", "3"),
            [
                _t("LE", 22325, _co20),
                _t("SE", 25040, _co20s),
                _t("XSE", 28860, _co20s, premium=True),
                _t("Hybrid LE", 23825, _co_hev, (_co_heva, 1400)),
                _t("Hybrid SE", 26670, _co_hev, (_co_heva, 1400)),
                _t("Hybrid XLE", 28975, _co_hev, (_co_heva, 1400), premium=True),
            ],
            packages=[_x("Convenience Package", 1085, 0.3, "SE", "Hybrid SE")],
        ),
        _m(
            "Camry",
            SEDAN,
            0.16,
            ("4T1", "DAAK", "U"),
            [
                _t("LE", 28400, _ca_hev, (_ca_heva, 1525)),
                _t("SE", 31000, _ca_hev_se, (_ca_heva, 1525)),
                _t("XLE", 33400, _ca_hev, (_ca_heva, 1525), premium=True),
                _t("XSE", 34900, _ca_hev_se, (_ca_heva, 1525), premium=True),
            ],
            packages=[
                _x("Convenience Package", 1150, 0.35, "SE"),
                _x("Premium Package", 2060, 0.3, "XLE", "XSE"),
                _x("JBL Audio with Head-Up Display", 1450, 0.25, "XSE"),
            ],
            paints=[_c("Ocean Gem", "3D6C79", "blue"), _c("Reservoir Blue", "3B5C7D", "blue")],
        ),
        _m(
            "Prius",
            HATCH,
            0.04,
            ("JTD", "ACAA", "J"),
            [
                _t("LE", 28350, _pr_hev, (_pr_heva, 1400)),
                _t("XLE", 31900, _pr_hev, (_pr_heva, 1400), premium=True),
                _t("Limited", 35600, _pr_hev, (_pr_heva, 1400), premium=True),
            ],
            options=[_x("Fixed Glass Roof", 1000, 0.35, "XLE", "Limited")],
            paints=[_c("Karashi", "C9A13A", "yellow")],
        ),
        _m(
            "RAV4",
            SUV,
            0.24,
            ("2T3", "RWRF", "WC"),
            [
                _t("LE", 31900, _rv_hev, (_rv_heva, 1400)),
                _t("XLE Premium", 35500, _rv_heva),
                _t("SE", 36000, _rv_heva),
                _t("Woodland", 37400, _rv_heva),
                _t("XSE", 38900, _rv_heva, premium=True),
                _t("Limited", 41000, _rv_heva, premium=True),
                _t("XSE Plug-In Hybrid", 46500, _rv_phev, premium=True),
                _t("GR Sport Plug-In Hybrid", 48500, _rv_phev, premium=True),
            ],
            packages=[
                _x("Weather Package", 435, 0.4, "XLE Premium", "Woodland"),
                _x("Technology Package", 1560, 0.3, "XSE", "Limited", "XSE Plug-In Hybrid"),
            ],
            paints=[_c("Cavalry Blue", "3B5573", "blue"), _c("Lunar Rock", "A6A79E", "gray")],
        ),
        _m(
            "Highlander",
            SUV,
            0.08,
            ("5TD", "ZRBH", "S"),
            [
                _t("LE", 40220, _hi24, (_hi24a, 1600)),
                _t("XLE", 44020, _hi24, (_hi24a, 1600), premium=True),
                _t("XSE", 46000, _hi24a, premium=True),
                _t("Limited", 48490, _hi24, (_hi24a, 1600), premium=True),
                _t("Platinum", 51900, _hi24a, premium=True),
                _t("Hybrid LE", 45020, _hi_hev),
                _t("Hybrid XLE", 47920, _hi_hev, premium=True),
                _t("Hybrid Limited", 52000, _hi_hev, premium=True),
                _t("Hybrid Platinum", 55000, _hi_hev, premium=True),
            ],
            options=[_x("Second-Row Captain's Chairs", 0, 0.4, "XLE", "Limited", "Hybrid XLE", "Hybrid Limited")],
        ),
        _m(
            "Grand Highlander",
            SUV,
            0.06,
            ("5TD", "AAAB", "S"),
            [
                _t("XLE", 41310, _gh24, (_gh24a, 1600)),
                _t("Limited", 47760, _gh24, (_gh24a, 1600), premium=True),
                _t("Platinum", 54075, _gh24a, premium=True),
                _t("Hybrid XLE", 44000, _gh_hev),
                _t("Hybrid Limited", 50000, _gh_hev, premium=True),
                _t("Hybrid MAX Limited", 55000, _gh_max, premium=True),
                _t("Hybrid MAX Platinum", 59000, _gh_max, premium=True),
            ],
        ),
        _m(
            "Tacoma",
            PICKUP,
            0.11,
            ("3TM", "LB5J", "MX"),
            [
                _t("SR", 31500, _ta24, (_ta24f, 3700)),
                _t("SR5", 36400, _ta24, (_ta24f, 3700)),
                _t("TRD PreRunner", 38000, _ta24),
                _t("TRD Sport", 40500, _ta24, (_ta24f, 3700)),
                _t("TRD Off-Road", 42500, _ta24f, _ta24m),
                _t("Limited", 52400, _ta_max, premium=True),
                _t("Trailhunter", 64000, _ta_max, premium=True),
                _t("TRD Pro", 66000, _ta_max, premium=True),
            ],
            packages=[
                _x("Premium Package", 1955, 0.3, "SR5", "TRD Sport"),
                _x("Technology Package", 1095, 0.35, "TRD Sport", "TRD Off-Road"),
                _x("TRD Off-Road Premium Package", 4235, 0.2, "TRD Off-Road"),
            ],
            paints=[_c("Solar Octane", "D9741E", "orange"), _c("Mudbath", "A08B6B", "brown")],
        ),
        _m(
            "Tundra",
            PICKUP,
            0.07,
            ("5TF", "LA5D", "X"),
            [
                _t("SR", 41000, _tn34, (_tn34f, 3200)),
                _t("SR5", 47600, _tn34, (_tn34f, 3200)),
                _t("Limited", 55900, _tn34, (_tn34f, 3200), premium=True),
                _t("Platinum", 64500, _tn34f, (_tn_max, 3350), premium=True),
                _t("1794 Edition", 65400, _tn34f, (_tn_max, 3350), premium=True),
                _t("TRD Pro", 71000, _tn_max, premium=True),
                _t("Capstone", 79000, _tn_max, premium=True),
            ],
            packages=[
                _x("TRD Sport Package", 1350, 0.3, "SR5"),
                _x("TRD Off-Road Package", 1895, 0.35, "SR5", "Limited"),
            ],
            paints=[_c("Solar Octane", "D9741E", "orange"), _c("Army Green", "5A5E45", "green")],
        ),
        _m(
            "4Runner",
            SUV,
            0.07,
            ("JTE", "VA5J", "5"),
            [
                _t("SR5", 41270, _fr24, (_fr24f, 1900)),
                _t("TRD Sport", 46000, _fr24, (_fr24f, 1900)),
                _t("TRD Off-Road", 48000, _fr24f),
                _t("TRD Off-Road Premium", 52000, _fr24f, (_fr_max, 2100), premium=True),
                _t("Limited", 53000, _fr24, (_fr24f, 1900), premium=True),
                _t("Platinum", 57000, _fr24f, premium=True),
                _t("TRD Pro", 66000, _fr_max, premium=True),
                _t("Trailhunter", 66000, _fr_max, premium=True),
            ],
            paints=[_c("Everest", "5A6B7C", "blue"), _c("Terra", "9E7B5A", "brown")],
        ),
        _m(
            "Sienna",
            MINIVAN,
            0.05,
            ("5TD", "YRKE", "S"),
            [
                _t("LE", 39185, _si_hev, (_si_heva, 2000)),
                _t("XLE", 44835, _si_hev, (_si_heva, 2000), premium=True),
                _t("XSE", 47370, _si_hev, (_si_heva, 2000), premium=True),
                _t("Woodland", 48800, _si_heva, premium=True),
                _t("Limited", 52210, _si_hev, (_si_heva, 2000), premium=True),
                _t("Platinum", 56040, _si_heva, premium=True),
            ],
            paints=[_c("Cypress", "5D6A55", "green")],
        ),
        _m(
            "bZ4X",
            SUV,
            0.02,
            ("JTM", "AAAB", "D"),
            [
                _t("XLE", 37070, _bz, (_bza, 2080)),
                _t("Limited", 43000, _bz_lim, (_bza_lim, 2080), premium=True),
            ],
        ),
    ),
    (
        _c("Ice Cap", "F4F4F2", "white"),
        _c("Wind Chill Pearl", "F0EEEA", "white", 495),
        _c("Midnight Black Metallic", "1B1C1E", "black"),
        _c("Magnetic Gray Metallic", "5E6266", "gray"),
        _c("Underground", "6B6E6C", "gray"),
        _c("Celestial Silver Metallic", "A9ACAF", "silver"),
        _c("Blueprint", "2A3C5A", "blue"),
        _c("Supersonic Red", "A21E23", "red", 495),
    ),
    (_c("Black Fabric", "1E1E1E", "black"), _c("Light Gray Fabric", "8E9094", "gray")),
    (
        _c("Black SofTex", "1C1C1C", "black"),
        _c("Macadamia SofTex", "CDBFA6", "beige"),
        _c("Black Leather", "1A1A1A", "black"),
        _c("Boulder Leather", "6E5E4E", "brown"),
        _c("Cockpit Red Leather", "7A1E22", "red"),
    ),
    (
        _x("All-Weather Floor Liner & Cargo Liner Package", 379, 0.55, SUV, PICKUP, MINIVAN),
        _x("Carpet Floor Mats & Door Sill Protectors", 299, 0.5, SEDAN, HATCH),
        _x("Mudguards", 149, 0.3),
        _x("Paint Protection Film", 395, 0.25),
        _x("Roof Rack Cross Bars", 429, 0.15, SUV),
        _x("Spray-On Bedliner", 579, 0.45, PICKUP),
        _x("Universal Tablet Holder", 79, 0.1),
    ),
)

# --- Honda --------------------------------------------------------------------------------------------------

_HONDA_ECVT = ("E-CVT", "CVT")

_ci20 = _pt("2.0L I4", GAS, _CVT, FWD, (32, 41), "5")
_ci20s = _pt("2.0L I4", GAS, _CVT, FWD, (30, 37), "5")
_ci_hev = _pt("2.0L I4 Hybrid", HYBRID, _HONDA_ECVT, FWD, (50, 47), "X")
_ci_hev_st = _pt("2.0L I4 Hybrid", HYBRID, _HONDA_ECVT, FWD, (49, 46), "X")
_ci_si = _pt("1.5L Turbo I4", GAS, _M6, FWD, (27, 37), "8")
_ch20 = _pt("2.0L I4", GAS, _CVT, FWD, (31, 38), "5")
_ch20s = _pt("2.0L I4", GAS, _CVT, FWD, (29, 36), "5")
_ch_hev = _pt("2.0L I4 Hybrid", HYBRID, _HONDA_ECVT, FWD, (50, 45), "X")
_ch_tr = _pt("2.0L Turbo I4", GAS, _M6, FWD, (22, 28), "7")
_ac15 = _pt("1.5L Turbo I4", GAS, _CVT, FWD, (29, 37), "3")
_ac_hev = _pt("2.0L I4 Hybrid", HYBRID, _HONDA_ECVT, FWD, (46, 41), "X")
_ac_hev_exl = _pt("2.0L I4 Hybrid", HYBRID, _HONDA_ECVT, FWD, (51, 44), "X")
_cr15 = _pt("1.5L Turbo I4", GAS, _CVT, FWD, (28, 34), "3")
_cr15a = _pt("1.5L Turbo I4", GAS, _CVT, AWD, (27, 32), "3")
_cr_hev = _pt("2.0L I4 Hybrid", HYBRID, _HONDA_ECVT, FWD, (43, 36), "X")
_cr_heva = _pt("2.0L I4 Hybrid", HYBRID, _HONDA_ECVT, AWD, (40, 34), "X")
_hr20 = _pt("2.0L I4", GAS, _CVT, FWD, (26, 32), "6")
_hr20a = _pt("2.0L I4", GAS, _CVT, AWD, (25, 30), "6")
_pi35 = _pt("3.5L V6", GAS, _A10, FWD, (19, 27), "6")
_pi35a = _pt("3.5L V6", GAS, _A10, AWD, (19, 25), "6")
_pi_ts = _pt("3.5L V6", GAS, _A10, AWD, (18, 23), "6")
_pa35 = _pt("3.5L V6", GAS, _A10, AWD, (18, 23), "6")
_od35 = _pt("3.5L V6", GAS, _A10, FWD, (19, 28), "6")
_ri35 = _pt("3.5L V6", GAS, _A9, AWD, (18, 24), "5")

_HONDA = Make(
    "Honda",
    (
        _m(
            "Civic",
            SEDAN,
            0.20,
            ("2HG", "FE2F", "H"),
            [
                _t("LX", 24250, _ci20),
                _t("Sport", 26450, _ci20s),
                _t("Sport Hybrid", 29845, _ci_hev),
                _t("Sport Touring Hybrid", 32845, _ci_hev_st, premium=True),
                _t("Si", 30100, _ci_si),
            ],
            packages=[_x("HPD Package", 1475, 0.15, "Sport", "Si")],
        ),
        _m(
            "Civic",
            HATCH,
            0.07,
            ("19X", "FL2H", "E"),
            [
                _t("LX", 25450, _ch20),
                _t("Sport", 27650, _ch20s),
                _t("Sport Hybrid", 30245, _ch_hev),
                _t("Sport Touring Hybrid", 33245, _ch_hev, premium=True),
                _t("Type R", 45890, _ch_tr),
            ],
            paints=[_c("Boost Blue Pearl", "2B4FA3", "blue"), _c("Rallye Red", "C8102E", "red")],
        ),
        _m(
            "Accord",
            SEDAN,
            0.17,
            ("1HG", "CY1F", "A"),
            [
                _t("LX", 28295, _ac15),
                _t("SE", 30760, _ac15),
                _t("Sport Hybrid", 33655, _ac_hev),
                _t("EX-L Hybrid", 34490, _ac_hev_exl, premium=True),
                _t("Sport-L Hybrid", 35705, _ac_hev, premium=True),
                _t("Touring Hybrid", 39645, _ac_hev, premium=True),
            ],
        ),
        _m(
            "CR-V",
            SUV,
            0.27,
            ("7FA", "RS3H", "E"),
            [
                _t("LX", 30100, _cr15, (_cr15a, 1500)),
                _t("EX", 32650, _cr15, (_cr15a, 1500)),
                _t("EX-L", 35200, _cr15, (_cr15a, 1500), premium=True),
                _t("Sport Hybrid", 34150, _cr_hev, (_cr_heva, 1500)),
                _t("Sport-L Hybrid", 38650, _cr_hev, (_cr_heva, 1500), premium=True),
                _t("Sport Touring Hybrid", 41850, _cr_heva, premium=True),
            ],
            packages=[_x("Protection Package", 402, 0.3, "LX", "EX", "Sport Hybrid")],
        ),
        _m(
            "HR-V",
            SUV,
            0.12,
            ("3CZ", "RZ1H", "M"),
            [
                _t("LX", 26400, _hr20, (_hr20a, 1500)),
                _t("Sport", 28400, _hr20, (_hr20a, 1500)),
                _t("EX-L", 30400, _hr20, (_hr20a, 1500), premium=True),
            ],
        ),
        _m(
            "Pilot",
            SUV,
            0.09,
            ("5FN", "YG1H", "B"),
            [
                _t("Sport", 41050, _pi35, (_pi35a, 2100)),
                _t("EX-L", 44680, _pi35, (_pi35a, 2100), premium=True),
                _t("Touring", 48200, _pi35, (_pi35a, 2100), premium=True),
                _t("TrailSport", 50850, _pi_ts, premium=True),
                _t("Elite", 53580, _pi35a, premium=True),
                _t("Black Edition", 55080, _pi35a, premium=True),
            ],
            paints=[
                _c("Diffused Sky Blue Pearl", "7C9BB5", "blue"),
                _c("Ash Green Metallic", "6C7565", "green"),
            ],
        ),
        _m(
            "Passport",
            SUV,
            0.04,
            ("5FN", "YF8H", "B"),
            [
                _t("RTL", 44900, _pa35, premium=True),
                _t("TrailSport", 48400, _pa35, premium=True),
                _t("TrailSport Elite", 52900, _pa35, premium=True),
            ],
            paints=[_c("Ash Green Metallic", "6C7565", "green")],
        ),
        _m(
            "Odyssey",
            MINIVAN,
            0.06,
            ("5FN", "RL6H", "B"),
            [
                _t("EX-L", 42250, _od35, premium=True),
                _t("Sport-L", 45050, _od35, premium=True),
                _t("Touring", 46500, _od35, premium=True),
                _t("Elite", 52300, _od35, premium=True),
            ],
        ),
        _m(
            "Ridgeline",
            PICKUP,
            0.04,
            ("5FP", "YK3F", "B"),
            [
                _t("Sport", 40800, _ri35),
                _t("RTL", 43880, _ri35, premium=True),
                _t("TrailSport", 46080, _ri35, premium=True),
                _t("Black Edition", 48580, _ri35, premium=True),
            ],
            packages=[_x("HPD Package", 2870, 0.15, "Sport", "RTL")],
        ),
    ),
    (
        _c("Platinum White Pearl", "F0EFEB", "white", 495),
        _c("Crystal Black Pearl", "16171A", "black"),
        _c("Lunar Silver Metallic", "B0B3B6", "silver"),
        _c("Solar Silver Metallic", "A7AAAD", "silver"),
        _c("Meteorite Gray Metallic", "5B5E62", "gray"),
        _c("Sonic Gray Pearl", "8D9296", "gray"),
        _c("Urban Gray Pearl", "7C8186", "gray"),
        _c("Still Night Pearl", "1E2838", "blue"),
        _c("Canyon River Blue Metallic", "3C5B7A", "blue"),
        _c("Radiant Red Metallic", "8E1B20", "red", 495),
    ),
    (_c("Black Cloth", "1E1E1E", "black"), _c("Gray Cloth", "5E6062", "gray")),
    (
        _c("Black Leather", "1B1B1B", "black"),
        _c("Gray Leather", "6E7073", "gray"),
        _c("Ivory Leather", "D8D0C0", "beige"),
        _c("Mocha Leather", "5A4335", "brown"),
    ),
    (
        _x("All-Season Floor Mats", 179, 0.55),
        _x("Splash Guards", 169, 0.3),
        _x("Door Edge Film", 66, 0.2),
        _x("Cargo Tray", 139, 0.35, SUV, MINIVAN),
        _x("Crossbars", 349, 0.15, SUV),
        _x("Bed Liner", 439, 0.4, PICKUP),
    ),
)

# --- Ford ---------------------------------------------------------------------------------------------------

_FORD_EV = ("1-Speed Automatic", "Single-Speed")

_f27 = _pt("2.7L EcoBoost V6", GAS, _A10, RWD, (19, 25), "P")
_f27f = _pt("2.7L EcoBoost V6", GAS, _A10, FOUR_WD, (18, 23), "P")
_f50f = _pt("5.0L V8", GAS, _A10, FOUR_WD, (16, 22), "5")
_f35f = _pt("3.5L EcoBoost V6", GAS, _A10, FOUR_WD, (17, 23), "G")
_f_pb = _pt("3.5L PowerBoost Full Hybrid V6", HYBRID, _A10, FOUR_WD, (22, 24), "D")
_f_raptor = _pt("3.5L High-Output EcoBoost V6", GAS, _A10, FOUR_WD, (14, 18), "R")
_sd68 = _pt("6.8L V8", GAS, _A10, RWD, None, "A")
_sd68f = _pt("6.8L V8", GAS, _A10, FOUR_WD, None, "A")
_sd73f = _pt("7.3L V8", GAS, _A10, FOUR_WD, None, "N")
_sd67d = _pt("6.7L Power Stroke V8 Turbo Diesel", DIESEL, _A10, FOUR_WD, None, "T")
_ra23 = _pt("2.3L EcoBoost I4", GAS, _A10, RWD, (21, 26), "H")
_ra23f = _pt("2.3L EcoBoost I4", GAS, _A10, FOUR_WD, (20, 24), "H")
_ra27f = _pt("2.7L EcoBoost V6", GAS, _A10, FOUR_WD, (18, 21), "P")
_ra_raptor = _pt("3.0L EcoBoost V6", GAS, _A10, FOUR_WD, (15, 18), "R")
_mv_hev = _pt("2.5L I4 Hybrid", HYBRID, _ECVT, FWD, (42, 33), "3")
_mv_heva = _pt("2.5L I4 Hybrid", HYBRID, _ECVT, AWD, (38, 31), "3")
_mv20 = _pt("2.0L EcoBoost I4", GAS, _A8, AWD, (22, 29), "9")
_mv20_fwd = _pt("2.0L EcoBoost I4", GAS, _A8, FWD, (23, 30), "9")
_mv_tremor = _pt("2.0L EcoBoost I4", GAS, _A8, AWD, (21, 26), "9")
_bs15 = _pt("1.5L EcoBoost I3", GAS, _A8, FOUR_WD, (25, 29), "A")
_bs20 = _pt("2.0L EcoBoost I4", GAS, _A8, FOUR_WD, (21, 26), "C")
_br23 = _pt("2.3L EcoBoost I4", GAS, _A10, FOUR_WD, (20, 21), "P")
_br23m = _pt("2.3L EcoBoost I4", GAS, _M7, FOUR_WD, (20, 21), "P")
_br27 = _pt("2.7L EcoBoost V6", GAS, _A10, FOUR_WD, (18, 20), "B")
_br_raptor = _pt("3.0L EcoBoost V6", GAS, _A10, FOUR_WD, (15, 16), "R")
_es15 = _pt("1.5L EcoBoost I3", GAS, _A8, FWD, (27, 34), "G")
_es15a = _pt("1.5L EcoBoost I3", GAS, _A8, AWD, (26, 31), "G")
_es20a = _pt("2.0L EcoBoost I4", GAS, _A8, AWD, (23, 31), "H")
_es_hev = _pt("2.5L I4 Hybrid", HYBRID, _ECVT, FWD, (42, 36), "Z")
_es_heva = _pt("2.5L I4 Hybrid", HYBRID, _ECVT, AWD, (39, 33), "Z")
_es_phev = _pt("2.5L I4 Plug-In Hybrid", PHEV, _ECVT, FWD, (40, 37), "3", 37)
_ex23 = _pt("2.3L EcoBoost I4", GAS, _A10, RWD, (21, 28), "C")
_ex23f = _pt("2.3L EcoBoost I4", GAS, _A10, FOUR_WD, (20, 27), "C")
_ex30f = _pt("3.0L EcoBoost V6", GAS, _A10, FOUR_WD, (18, 24), "D")
_xp35 = _pt("3.5L EcoBoost V6", GAS, _A10, RWD, (17, 23), "T")
_xp35f = _pt("3.5L EcoBoost V6", GAS, _A10, FOUR_WD, (16, 21), "T")
_xp_ho = _pt("3.5L High-Output EcoBoost V6", GAS, _A10, FOUR_WD, (16, 20), "R")
_mu23 = _pt("2.3L EcoBoost I4", GAS, _A10, RWD, (21, 32), "H")
_mu50m = _pt("5.0L V8", GAS, _M6, RWD, (15, 24), "F")
_mu50a = _pt("5.0L V8", GAS, _A10, RWD, (16, 25), "F")
_me_sr = _pt("Single Motor Electric", EV, _FORD_EV, RWD, None, "S", 260)
_me_sra = _pt("Dual Motor Electric", EV, _FORD_EV, AWD, None, "U", 250)
_me_er = _pt("Single Motor Electric", EV, _FORD_EV, RWD, None, "S", 320)
_me_era = _pt("Dual Motor Electric", EV, _FORD_EV, AWD, None, "U", 300)
_me_gt = _pt("Dual Motor Electric", EV, _FORD_EV, AWD, None, "W", 280)
_me_rally = _pt("Dual Motor Electric", EV, _FORD_EV, AWD, None, "W", 265)

_FORD = Make(
    "Ford",
    (
        _m(
            "F-150",
            PICKUP,
            0.22,
            ("1FT", "FW1E", "FK"),
            [
                _t("XL", 38810, _f27, (_f27f, 4000), (_f50f, 5995)),
                _t("STX", 43790, _f27, (_f27f, 4000)),
                _t("XLT", 49760, _f27, (_f27f, 4000), (_f50f, 5995), (_f35f, 6295), (_f_pb, 8290)),
                _t("Lariat", 63520, _f50f, (_f35f, 300), (_f_pb, 2295), premium=True),
                _t("Tremor", 65455, _f35f, _f50f),
                _t("King Ranch", 72685, _f50f, (_f_pb, 1995), premium=True),
                _t("Platinum", 73920, _f50f, (_f_pb, 1995), premium=True),
                _t("Raptor", 79680, _f_raptor, premium=True),
            ],
            packages=[
                _x("Equipment Group 302A High", 2800, 0.45, "XLT"),
                _x("FX4 Off-Road Package", 1095, 0.3, "XLT", "Lariat"),
                _x("Max Trailer Tow Package", 1395, 0.25, "XLT", "Lariat", "King Ranch", "Platinum"),
            ],
            options=[
                _x("Twin Panel Moonroof", 1495, 0.35, "Lariat", "King Ranch"),
                _x("Pro Power Onboard - 2.0kW", 995, 0.3, "XLT", "Lariat"),
            ],
        ),
        _m(
            "F-250 Super Duty",
            PICKUP,
            0.06,
            ("1FT", "7W2B", "ED"),
            [
                _t("XL", 47755, _sd68, (_sd68f, 3350), (_sd67d, 14845)),
                _t("XLT", 53960, _sd68f, (_sd73f, 2000), (_sd67d, 11495)),
                _t("Lariat", 66630, _sd68f, (_sd67d, 11495), premium=True),
                _t("King Ranch", 81720, _sd73f, (_sd67d, 9495), premium=True),
                _t("Platinum", 87120, _sd67d, premium=True),
            ],
            packages=[
                _x("FX4 Off-Road Package", 425, 0.35, "XLT", "Lariat"),
                _x("5th Wheel/Gooseneck Prep Package", 1095, 0.3, "XL", "XLT", "Lariat", "King Ranch"),
            ],
        ),
        _m(
            "Ranger",
            PICKUP,
            0.06,
            ("1FT", "ER4F", "L"),
            [
                _t("XL", 33350, _ra23, (_ra23f, 4000)),
                _t("XLT", 37490, _ra23, (_ra23f, 4000)),
                _t("Lariat", 48145, _ra23f, (_ra27f, 1690), premium=True),
                _t("Raptor", 56920, _ra_raptor, premium=True),
            ],
            packages=[
                _x("FX4 Off-Road Package", 995, 0.35, "XLT", "Lariat"),
                _x("Tremor Off-Road Package", 4995, 0.15, "XLT"),
            ],
        ),
        _m(
            "Maverick",
            PICKUP,
            0.11,
            ("3FT", "TW8E", "R"),
            [
                _t("XL", 28145, _mv_hev, (_mv_heva, 2220), (_mv20, 2220)),
                _t("XLT", 31335, _mv_hev, (_mv_heva, 2220), (_mv20, 2220)),
                _t("Lobo", 36745, _mv20_fwd),
                _t("Lariat", 37380, _mv_hev, (_mv_heva, 2220), (_mv20, 2220), premium=True),
                _t("Tremor", 38790, _mv_tremor),
            ],
            packages=[
                _x("Ford Co-Pilot360 Technology Package", 1075, 0.3, "XLT"),
                _x("Lariat Luxury Package", 3205, 0.3, "Lariat"),
            ],
            paints=[_c("Cyber Orange Metallic Tri-Coat", "D26A2A", "orange", 495)],
        ),
        _m(
            "Bronco Sport",
            SUV,
            0.10,
            ("3FM", "CR9B", "R"),
            [
                _t("Big Bend", 32245, _bs15),
                _t("Outer Banks", 35755, _bs15, premium=True),
                _t("Badlands", 40045, _bs20),
            ],
            packages=[_x("Co-Pilot360 Assist+", 895, 0.3, "Outer Banks", "Badlands")],
            paints=[_c("Eruption Green Metallic", "4A6B4E", "green"), _c("Desert Sand", "C9B48A", "beige")],
        ),
        _m(
            "Bronco",
            SUV,
            0.08,
            ("1FM", "EE5D", "L"),
            [
                _t("Base", 39630, _br23, _br23m),
                _t("Big Bend", 43330, _br23, _br23m),
                _t("Outer Banks", 48140, _br23, (_br27, 2495), premium=True),
                _t("Badlands", 53665, _br23, _br23m, (_br27, 2495)),
                _t("Wildtrak", 61055, _br27),
                _t("Raptor", 91990, _br_raptor, premium=True),
            ],
            packages=[
                _x("Mid Package", 1445, 0.4, "Big Bend", "Outer Banks"),
                _x("Sasquatch Package", 3995, 0.3, "Big Bend", "Outer Banks", "Badlands"),
            ],
            paints=[
                _c("Eruption Green Metallic", "4A6B4E", "green"),
                _c("Cactus Gray", "8C8F82", "gray"),
                _c("Velocity Blue Metallic", "2C5DA8", "blue"),
            ],
        ),
        _m(
            "Escape",
            SUV,
            0.10,
            ("1FM", "CU9G", "U"),
            [
                _t("Active", 29495, _es15, (_es15a, 1500)),
                _t("ST-Line", 30835, _es15, (_es15a, 1500)),
                _t("ST-Line Select", 34150, _es20a, (_es_heva, 0), premium=True),
                _t("ST-Line Elite", 39990, _es_hev, (_es_heva, 1500), (_es20a, 0), premium=True),
                _t("Platinum", 38000, _es_heva, _es20a, premium=True),
                _t("Plug-In Hybrid", 40000, _es_phev, premium=True),
            ],
            packages=[_x("Cold Weather Package", 695, 0.3, "Active", "ST-Line")],
        ),
        _m(
            "Explorer",
            SUV,
            0.10,
            ("1FM", "SK8B", "G"),
            [
                _t("Active", 39995, _ex23, (_ex23f, 2000)),
                _t("ST-Line", 44575, _ex23, (_ex23f, 2000), premium=True),
                _t("Tremor", 50940, _ex23f, premium=True),
                _t("Platinum", 53075, _ex23f, (_ex30f, 3750), premium=True),
                _t("ST", 55990, _ex30f, premium=True),
            ],
            packages=[_x("Co-Pilot360 Assist+", 995, 0.3, "ST-Line", "Platinum")],
            options=[_x("Twin-Panel Moonroof", 1795, 0.3, "ST-Line", "Platinum", "ST")],
        ),
        _m(
            "Expedition",
            SUV,
            0.04,
            ("1FM", "JU1K", "E"),
            [
                _t("Active", 61990, _xp35, (_xp35f, 3000)),
                _t("Tremor", 79875, _xp_ho, premium=True),
                _t("King Ranch", 84325, _xp35f, premium=True),
                _t("Platinum", 85595, _xp35f, premium=True),
            ],
        ),
        _m(
            "Mustang",
            COUPE,
            0.05,
            ("1FA", "6P8T", "5"),
            [
                _t("EcoBoost Fastback", 32515, _mu23),
                _t("EcoBoost Premium Fastback", 38015, _mu23, premium=True),
                _t("GT Fastback", 45160, _mu50m, (_mu50a, 1595)),
                _t("GT Premium Fastback", 49985, _mu50m, (_mu50a, 1595), premium=True),
                _t("Dark Horse", 63280, _mu50m, (_mu50a, 1595), premium=True),
            ],
            packages=[
                _x("EcoBoost High Performance Package", 1995, 0.2, "EcoBoost Premium Fastback"),
                _x("Performance Package", 4995, 0.3, "GT Fastback", "GT Premium Fastback"),
            ],
            paints=[
                _c("Race Red", "C4161C", "red"),
                _c("Grabber Blue Metallic", "1D6FD1", "blue"),
                _c("Yellow Splash Metallic", "E3B92A", "yellow"),
            ],
        ),
        _m(
            "Mustang Mach-E",
            SUV,
            0.05,
            ("3FM", "TK3S", "M"),
            [
                _t("Select", 37995, _me_sr, (_me_sra, 4000)),
                _t("Premium", 42995, _me_er, (_me_era, 5000), premium=True),
                _t("GT", 54995, _me_gt, premium=True),
                _t("Rally", 57995, _me_rally, premium=True),
            ],
            paints=[_c("Grabber Blue Metallic", "1D6FD1", "blue")],
        ),
    ),
    (
        _c("Oxford White", "F2F2EE", "white"),
        _c("Star White Metallic Tri-Coat", "ECEAE4", "white", 495),
        _c("Agate Black Metallic", "151618", "black"),
        _c("Iconic Silver Metallic", "B1B4B7", "silver"),
        _c("Carbonized Gray Metallic", "58595B", "gray"),
        _c("Avalanche", "D9DBD9", "gray"),
        _c("Azure Gray Metallic Tri-Coat", "7C8288", "gray", 495),
        _c("Atlas Blue Metallic", "2F4A6B", "blue"),
        _c("Antimatter Blue Metallic", "1D2636", "blue"),
        _c("Rapid Red Metallic Tinted Clearcoat", "8E1B1B", "red", 495),
    ),
    (_c("Ebony Cloth", "1C1C1E", "black"), _c("Medium Dark Slate Cloth", "4F5358", "gray")),
    (
        _c("Ebony ActiveX", "1B1B1C", "black"),
        _c("Space Gray ActiveX", "5C5F63", "gray"),
        _c("Black Onyx Leather", "151515", "black"),
        _c("Medium Soft Ceramic Leather", "C9C2B5", "beige"),
        _c("Java Leather", "4A3A2E", "brown"),
    ),
    (
        _x("Front License Plate Bracket", 0, 0.5),
        _x("Floor Liners - Tray Style", 165, 0.4),
        _x("Engine Block Heater", 95, 0.25),
        _x("Spray-In Bedliner", 595, 0.5, PICKUP),
        _x("Tailgate Step", 375, 0.15, PICKUP),
        _x("Roof Rack Crossbars", 385, 0.15, SUV),
    ),
)

# --- Kia ----------------------------------------------------------------------------------------------------

_k4 = _pt("2.0L I4", GAS, _IVT, FWD, (30, 41), "D")
_k4t = _pt("1.6L Turbo I4", GAS, _A8, FWD, (27, 35), "E")
_k5 = _pt("1.6L Turbo I4", GAS, _A8, FWD, (27, 37), "A")
_k5a = _pt("1.6L Turbo I4", GAS, _A8, AWD, (25, 33), "A")
_k5gt = _pt("2.5L Turbo I4", GAS, _DCT8, FWD, (24, 32), "B")
_se20 = _pt("2.0L I4", GAS, _IVT, FWD, (29, 34), "C")
_se20a = _pt("2.0L I4", GAS, _IVT, AWD, (27, 31), "C")
_se16t = _pt("1.6L Turbo I4", GAS, _DCT8, AWD, (25, 30), "B")
_sp25 = _pt("2.5L I4", GAS, _A8, FWD, (25, 32), "F")
_sp25a = _pt("2.5L I4", GAS, _A8, AWD, (23, 28), "F")
_sp_xpro = _pt("2.5L I4", GAS, _A8, AWD, (22, 26), "F")
_sp_hev = _pt("1.6L Turbo I4 Hybrid", HYBRID, _A6, FWD, (43, 44), "J")
_sp_heva = _pt("1.6L Turbo I4 Hybrid", HYBRID, _A6, AWD, (38, 38), "J")
_sp_phev = _pt("1.6L Turbo I4 Plug-In Hybrid", PHEV, _A6, AWD, (35, 35), "K", 34)
_so25k = _pt("2.5L I4", GAS, _A8, FWD, (24, 29), "C")
_so25ka = _pt("2.5L I4", GAS, _A8, AWD, (22, 27), "C")
_so25t = _pt("2.5L Turbo I4", GAS, _DCT8, AWD, (21, 28), "D")
_so_hevk = _pt("1.6L Turbo I4 Hybrid", HYBRID, _A6, FWD, (39, 35), "J")
_so_hevka = _pt("1.6L Turbo I4 Hybrid", HYBRID, _A6, AWD, (36, 33), "J")
_so_phevk = _pt("1.6L Turbo I4 Plug-In Hybrid", PHEV, _A6, AWD, (34, 34), "K", 32)
_te38 = _pt("3.8L V6", GAS, _A8, FWD, (20, 26), "H")
_te38a = _pt("3.8L V6", GAS, _A8, AWD, (18, 24), "H")
_te_xpro = _pt("3.8L V6", GAS, _A8, AWD, (18, 23), "H")
_ca35 = _pt("3.5L V6", GAS, _A8, FWD, (19, 26), "C")
_ca_hevk = _pt("1.6L Turbo I4 Hybrid", HYBRID, _A6, FWD, (33, 32), "J")
_ev6_sr = _pt("Single Motor Electric", EV, _DIRECT, RWD, None, "L", 240)
_ev6_lr = _pt("Single Motor Electric", EV, _DIRECT, RWD, None, "L", 319)
_ev6_awd = _pt("Dual Motor Electric", EV, _DIRECT, AWD, None, "M", 295)
_ev6_gtl = _pt("Dual Motor Electric", EV, _DIRECT, AWD, None, "M", 270)
_ev6_gt = _pt("Dual Motor Electric", EV, _DIRECT, AWD, None, "N", 231)
_ev9_sr = _pt("Single Motor Electric", EV, _DIRECT, RWD, None, "L", 230)
_ev9_lr = _pt("Single Motor Electric", EV, _DIRECT, RWD, None, "L", 305)
_ev9_awd = _pt("Dual Motor Electric", EV, _DIRECT, AWD, None, "M", 280)
_ev9_gtl = _pt("Dual Motor Electric", EV, _DIRECT, AWD, None, "M", 270)
_ni_hev = _pt("1.6L I4 Hybrid", HYBRID, _DCT6, FWD, (53, 54), "J")
_ni_hev_sx = _pt("1.6L I4 Hybrid", HYBRID, _DCT6, FWD, (49, 45), "J")
_ni_ev = _pt("Single Motor Electric", EV, _DIRECT, FWD, None, "E", 253)

_KIA = Make(
    "Kia",
    (
        _m(
            "K4",
            SEDAN,
            0.14,
            ("3KP", "F54A", "E"),
            [
                _t("LX", 21990, _k4),
                _t("LXS", 22990, _k4),
                _t("GT-Line", 24690, _k4),
                _t("EX", 25290, _k4, premium=True),
                _t("GT-Line Turbo", 27390, _k4t, premium=True),
            ],
        ),
        _m(
            "K5",
            SEDAN,
            0.10,
            ("5XX", "G64J", "G"),
            [
                _t("LXS", 27290, _k5, (_k5a, 1800)),
                _t("GT-Line", 28190, _k5, (_k5a, 1800)),
                _t("EX", 30690, _k5, premium=True),
                _t("GT", 32190, _k5gt, premium=True),
            ],
            packages=[_x("GT-Line Premium Package", 2700, 0.3, "GT-Line")],
        ),
        _m(
            "Seltos",
            SUV,
            0.10,
            ("KND", "ERCA", "7"),
            [
                _t("LX", 24790, _se20, (_se20a, 1500)),
                _t("S", 26290, _se20, (_se20a, 1500)),
                _t("EX", 27490, _se20, (_se20a, 1500), premium=True),
                _t("SX", 31290, _se16t, premium=True),
            ],
        ),
        _m(
            "Sportage",
            SUV,
            0.20,
            ("5XY", "K3CA", "G"),
            [
                _t("LX", 27990, _sp25, (_sp25a, 1800)),
                _t("EX", 30290, _sp25, (_sp25a, 1800)),
                _t("X-Line", 34490, _sp25a, premium=True),
                _t("SX-Prestige", 37990, _sp25a, premium=True),
                _t("X-Pro", 38990, _sp_xpro, premium=True),
                _t("Hybrid LX", 28890, _sp_hev, (_sp_heva, 1800)),
                _t("Hybrid EX", 32190, _sp_hev, (_sp_heva, 1800), premium=True),
                _t("Hybrid SX-Prestige", 37690, _sp_heva, premium=True),
                _t("Plug-In Hybrid X-Line Prestige", 43000, _sp_phev, premium=True),
            ],
            packages=[_x("Premium Package", 1900, 0.35, "EX", "Hybrid EX")],
            paints=[_c("Jungle Wood Green", "3E4A3B", "green"), _c("Vesta Blue", "2A3F66", "blue")],
        ),
        _m(
            "Sorento",
            SUV,
            0.13,
            ("5XY", "RK4L", "G"),
            [
                _t("LX", 31990, _so25k, (_so25ka, 1800)),
                _t("S", 34090, _so25k, (_so25ka, 1800)),
                _t("EX", 37090, _so25k, (_so25ka, 1800), premium=True),
                _t("X-Line SX", 45490, _so25t, premium=True),
                _t("X-Line SX-Prestige", 49290, _so25t, premium=True),
                _t("Hybrid EX", 37990, _so_hevk, (_so_hevka, 1800), premium=True),
                _t("Plug-In Hybrid SX-Prestige", 50390, _so_phevk, premium=True),
            ],
        ),
        _m(
            "Telluride",
            SUV,
            0.14,
            ("5XY", "P54F", "G"),
            [
                _t("LX", 36390, _te38, (_te38a, 2000)),
                _t("S", 38590, _te38, (_te38a, 2000)),
                _t("EX", 42390, _te38, (_te38a, 2000), premium=True),
                _t("SX", 46590, _te38, (_te38a, 2000), premium=True),
                _t("SX-Prestige", 51090, _te38, (_te38a, 2000), premium=True),
                _t("SX-Prestige X-Pro", 54490, _te_xpro, premium=True),
            ],
            packages=[_x("Premium Package", 2000, 0.35, "EX"), _x("X-Line Package", 1900, 0.25, "SX")],
            paints=[_c("Dark Moss", "4E5343", "green"), _c("Jungle Wood Green", "3E4A3B", "green")],
        ),
        _m(
            "Carnival",
            MINIVAN,
            0.07,
            ("KND", "NB4J", "6"),
            [
                _t("LX", 36985, _ca35),
                _t("LXS", 38985, _ca35),
                _t("EX", 42685, _ca35, premium=True),
                _t("SX", 46685, _ca35, premium=True),
                _t("SX-Prestige", 52285, _ca35, premium=True),
                _t("Hybrid LXS", 41385, _ca_hevk),
                _t("Hybrid SX-Prestige", 56685, _ca_hevk, premium=True),
            ],
        ),
        _m(
            "EV6",
            SUV,
            0.04,
            ("KND", "C3DL", "5"),
            [
                _t("Light", 42600, _ev6_sr),
                _t("Light Long Range", 45500, _ev6_lr),
                _t("Wind", 48700, _ev6_awd),
                _t("GT-Line", 55000, _ev6_gtl, premium=True),
                _t("GT", 62000, _ev6_gt, premium=True),
            ],
            paints=[_c("Yacht Blue", "223255", "blue"), _c("Pebble Gray", "9B9C98", "gray")],
        ),
        _m(
            "EV9",
            SUV,
            0.04,
            ("KND", "AE5L", "5"),
            [
                _t("Light", 54900, _ev9_sr),
                _t("Light Long Range", 59200, _ev9_lr),
                _t("Wind", 63900, _ev9_awd),
                _t("Land", 69900, _ev9_awd, premium=True),
                _t("GT-Line", 73900, _ev9_gtl, premium=True),
            ],
            paints=[_c("Ocean Blue", "2F5C88", "blue"), _c("Pebble Gray", "9B9C98", "gray")],
        ),
        _m(
            "Niro",
            SUV,
            0.04,
            ("KND", "CR3L", "7"),
            [
                _t("LX", 27490, _ni_hev),
                _t("EX", 30090, _ni_hev, premium=True),
                _t("SX Touring", 34490, _ni_hev_sx, premium=True),
                _t("EV Wind", 39600, _ni_ev),
                _t("EV Wave", 44600, _ni_ev, premium=True),
            ],
            paints=[_c("Mineral Blue", "5C7E98", "blue")],
        ),
    ),
    (
        _c("Snow White Pearl", "F3F2EE", "white", 495),
        _c("Glacial White Pearl", "E9EAE7", "white", 495),
        _c("Clear White", "F5F5F2", "white"),
        _c("Ebony Black", "141416", "black"),
        _c("Aurora Black Pearl", "1A1B1E", "black"),
        _c("Gravity Gray", "5D6064", "gray"),
        _c("Steel Gray", "7A7D80", "gray"),
        _c("Wolf Gray", "8B8C8A", "gray"),
        _c("Everlasting Silver", "B6B8BA", "silver"),
        _c("Pacific Blue", "2C4A73", "blue"),
        _c("Runway Red", "A0171E", "red", 495),
    ),
    (_c("Black Cloth", "1E1E1E", "black"), _c("Gray Cloth", "5C5E60", "gray")),
    (
        _c("Black SynTex", "1B1B1B", "black"),
        _c("Gray SynTex", "6A6C6E", "gray"),
        _c("Black Leather", "1A1A1A", "black"),
        _c("Saddle Brown Leather", "6B4226", "brown"),
        _c("Terracotta Leather", "8A4A35", "brown"),
    ),
    (
        _x("Carpeted Floor Mats", 210, 0.6, SEDAN),
        _x("All-Weather Floor Mats", 225, 0.5, SUV, MINIVAN),
        _x("Cargo Tray", 150, 0.35, SUV, MINIVAN),
        _x("Mud Guards", 125, 0.3),
        _x("Cargo Net", 60, 0.3),
        _x("Roof Rack Cross Bars", 340, 0.15, SUV),
    ),
)

MAKES: dict[str, Make] = {make.name: make for make in (_HYUNDAI, _MAZDA, _SUBARU, _TOYOTA, _HONDA, _FORD, _KIA)}
