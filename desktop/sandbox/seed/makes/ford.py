"""The Ford catalogue of the sandbox's seeded inventory (literal data)."""

from __future__ import annotations

from desktop.sandbox.seed.makes.catalogue import (
    _A8,
    _A10,
    _ECVT,
    _M6,
    _M7,
    AWD,
    COUPE,
    DIESEL,
    EV,
    FOUR_WD,
    FWD,
    GAS,
    HYBRID,
    PHEV,
    PICKUP,
    RWD,
    SUV,
    Make,
    _c,
    _m,
    _pt,
    _t,
    _x,
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
