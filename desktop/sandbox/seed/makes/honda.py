"""The Honda catalogue of the sandbox's seeded inventory (literal data)."""

from __future__ import annotations

from desktop.sandbox.seed.makes.catalogue import (
    _A9,
    _A10,
    _CVT,
    _M6,
    AWD,
    FWD,
    GAS,
    HATCH,
    HYBRID,
    MINIVAN,
    PICKUP,
    SEDAN,
    SUV,
    Make,
    _c,
    _m,
    _pt,
    _t,
    _x,
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
