"""Menu packages and district rates are remembered per rooftop in a real SQLite file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from desktop.domain.desking.menu import MenuPackage, PackageItem
from desktop.store.rooftop_desk import RooftopDeskStore


def test_packages_per_rooftop_survive_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    store = RooftopDeskStore(path)
    assert store.load("umazda") is None
    gold = (MenuPackage("Gold", (PackageItem("VSC", "VSC60"), PackageItem("GAP"))),)
    store.save("umazda", gold)
    store.save("toyotademo", (MenuPackage("Basic", (PackageItem("TW", "TW3"),)),))
    edited = (MenuPackage("Gold", (PackageItem("VSC", "VSC75"),)), MenuPackage("Basic", ()))
    store.save("umazda", edited)
    store.close()
    reopened = RooftopDeskStore(path)
    assert reopened.load("umazda") == edited
    assert reopened.load("toyotademo") == (MenuPackage("Basic", (PackageItem("TW", "TW3"),)),)
    reopened.close()


def test_district_rate_per_rooftop(tmp_path: Path) -> None:
    store = RooftopDeskStore(tmp_path / "desk.sqlite3")
    assert store.district_rate("umazda") is None
    store.set_district_rate("umazda", Decimal("0.08625"))
    store.set_district_rate("umazda", Decimal("0.08875"))
    assert store.district_rate("umazda") == Decimal("0.08875")
    assert store.district_rate("toyotademo") is None
    store.close()
