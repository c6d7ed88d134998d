"""The Kia catalogue of the sandbox's seeded inventory (literal data)."""

from __future__ import annotations

from desktop.sandbox.seed.makes.catalogue import (
    _A6,
    _A8,
    _DCT6,
    _DCT8,
    _DIRECT,
    _IVT,
    AWD,
    EV,
    FWD,
    GAS,
    HYBRID,
    MINIVAN,
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
