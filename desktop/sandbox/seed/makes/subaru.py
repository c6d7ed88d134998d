"""The Subaru catalogue of the sandbox's seeded inventory (literal data)."""

from __future__ import annotations

from desktop.sandbox.seed.makes.catalogue import (
    _A6,
    _DIRECT,
    _ECVT,
    _LINEARTRONIC,
    _M6,
    _SPT,
    AWD,
    COUPE,
    EV,
    GAS,
    HATCH,
    HYBRID,
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
