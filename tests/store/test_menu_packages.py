"""Menu packages are remembered per rooftop in a real SQLite file."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.desking.menu import MenuPackage, PackageItem
from desktop.store.menu_packages import MenuPackageStore


def test_packages_per_rooftop_survive_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    store = MenuPackageStore(path)
    assert store.load("umazda") is None
    gold = (MenuPackage("Gold", (PackageItem("VSC", "VSC60"), PackageItem("GAP"))),)
    store.save("umazda", gold)
    store.save("toyotademo", (MenuPackage("Basic", (PackageItem("TW", "TW3"),)),))
    edited = (MenuPackage("Gold", (PackageItem("VSC", "VSC75"),)), MenuPackage("Basic", ()))
    store.save("umazda", edited)
    store.close()
    reopened = MenuPackageStore(path)
    assert reopened.load("umazda") == edited
    assert reopened.load("toyotademo") == (MenuPackage("Basic", (PackageItem("TW", "TW3"),)),)
    reopened.close()
