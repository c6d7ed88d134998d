"""The Hyundai catalogue of the sandbox's seeded inventory (literal data)."""

from __future__ import annotations

from desktop.sandbox.seed.makes.catalogue import (
    _A6,
    _A8,
    _DCT6,
    _DCT7,
    _DCT8,
    _DIRECT,
    _IVT,
    _M6,
    AWD,
    EV,
    FWD,
    GAS,
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
