"""The Toyota catalogue of the sandbox's seeded inventory (literal data)."""

from __future__ import annotations

from desktop.sandbox.seed.makes.catalogue import (
    _A6,
    _A8,
    _A10,
    _M6,
    AWD,
    EV,
    FOUR_WD,
    FWD,
    GAS,
    HATCH,
    HYBRID,
    MINIVAN,
    PHEV,
    PICKUP,
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
