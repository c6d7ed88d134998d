"""The Mazda catalogue of the sandbox's seeded inventory (literal data)."""

from __future__ import annotations

from desktop.sandbox.seed.makes.catalogue import (
    _A6,
    _A8,
    _ECVT,
    _M6,
    AWD,
    COUPE,
    FWD,
    GAS,
    HATCH,
    HYBRID,
    PHEV,
    RWD,
    SEDAN,
    SUV,
    Make,
    _c,
    _m,
    _pt,
    _t,
    _x,
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
