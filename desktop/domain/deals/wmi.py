"""The maker a VIN's first three characters (the World Manufacturer Identifier) name, for the common ones.

A trade-in's make is filled from its VIN where the WMI is known, so the agent types the VIN once. The table is
short on purpose: an unknown WMI leaves the make for the agent to type, which is better than a wrong guess.
"""

from __future__ import annotations

_MAKERS: dict[str, tuple[str, ...]] = {
    "Acura": ("19U", "19X", "JH4"),
    "BMW": ("WBA", "WBS", "5UX", "5YM"),
    "Buick": ("1G4", "2G4", "KL4"),
    "Cadillac": ("1G6", "1GY"),
    "Chevrolet": ("1G1", "1GC", "1GN", "2G1", "3G1", "KL7", "1GB"),
    "Chrysler": ("1C3", "2C3", "2C4"),
    "Dodge": ("1B3", "2B3", "1D7", "2D3", "3D7"),
    "Ford": ("1FA", "1FB", "1FM", "1FT", "1FD", "2FA", "2FM", "2FT", "3FA", "3FM", "3FT", "1ZV"),
    "GMC": ("1GT", "1GK", "2GT", "3GT"),
    "Honda": ("1HG", "2HG", "3HG", "5FN", "5FP", "JHM", "7FA", "3CZ", "SHH"),
    "Hyundai": ("5NP", "5NM", "KMH", "KM8"),
    "Jeep": ("1C4", "1J4", "1J8", "3C4"),
    "Kia": ("KNA", "KND", "5XX", "5XY", "3KP"),
    "Lexus": ("JTH", "JTJ", "2T2"),
    "Mazda": ("JM1", "JM3", "3MZ", "7MM", "4F2"),
    "Mercedes-Benz": ("WDB", "WDD", "WDC", "4JG", "W1K"),
    "Nissan": ("1N4", "1N6", "3N1", "5N1", "JN1", "JN8"),
    "Ram": ("1C6", "3C6"),
    "Subaru": ("JF1", "JF2", "4S3", "4S4"),
    "Tesla": ("5YJ", "7SA"),
    "Toyota": ("JTD", "JTE", "JTM", "JTN", "4T1", "4T3", "5TD", "5TF", "2T3", "3TM", "5YF"),
    "Volkswagen": ("1VW", "3VW", "WVW", "WVG"),
    "Volvo": ("YV1", "YV4"),
}
_BY_WMI = {wmi: make for make, wmis in _MAKERS.items() for wmi in wmis}


def make_from_vin(vin: str) -> str:
    """The make a VIN's WMI names, or ``""`` when the table does not know it."""
    return _BY_WMI.get(vin[:3].upper(), "")
