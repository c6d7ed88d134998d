"""What a vehicle picker reads from the cache: pages filtered by words in any field, and the rooftop's count."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.inventory_cache import InventoryCache


def vehicle(i: int, model: str = "Tucson", stock: str = "H-") -> dict[str, object]:
    return {
        "vin": f"KMH{i:014d}",
        "stock_number": f"{stock}{i}",
        "year": 2024 + i % 3,
        "make": "Hyundai",
        "model": model,
        "trim": ("SE", "SEL", "Limited")[i % 3],
        "msrp": 31000.0 + i,
        "in_stock": i % 5 != 0,
        "updated_at": 1_700_000_000 + i,
    }


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[InventoryCache]:
    cache = InventoryCache(tmp_path / "cache.sqlite3")
    stock = [vehicle(i) for i in range(30)] + [vehicle(i, "Santa Fe", "S_") for i in range(30, 40)]
    cache.upsert_vehicles("hyundaidemo", [*stock, vehicle(40, "Kona", "K%")])
    yield cache
    cache.close()


def vins(cache: InventoryCache, *words: str, in_stock_only: bool = False) -> list[str]:
    return [c.vin for c in cache.vehicle_choices("hyundaidemo", words=words, in_stock_only=in_stock_only)]


def joined_search(cache: InventoryCache, *words: str) -> list[str]:
    """The search the fields' LIKEs replace: each word in the fields joined by spaces and lower-cased."""
    conn = sqlite3.connect(cache.db.path)
    text = "lower(vin || ' ' || stock_number || ' ' || year || ' ' || make || ' ' || model || ' ' || trim)"
    sql = "SELECT vin FROM vehicles WHERE dpid = 'hyundaidemo'" + f" AND instr({text}, ?) > 0" * len(words)
    found = [r[0] for r in conn.execute(sql + " ORDER BY vin", [w.lower() for w in words])]
    conn.close()
    return found


@pytest.mark.parametrize(
    "words",
    [("TUCSON", "limited"), ("2025",), ("h-1",), ("santa",), ("fe", "sel"), ("kmh0000000000003",), ("hyundai", "e")],
)
def test_every_word_matches_in_some_field_as_the_joined_text_did(cache: InventoryCache, words: tuple[str, ...]) -> None:
    found = vins(cache, *words)
    assert found and found == joined_search(cache, *words)


def test_like_wildcards_typed_in_a_filter_are_taken_literally(cache: InventoryCache) -> None:
    assert vins(cache, "s_3") == [f"KMH{i:014d}" for i in range(30, 40) if str(i).startswith("3")]
    assert vins(cache, "h_1") == []  # "_" is no wildcard: "H-1…" does not match
    assert vins(cache, "k%40") == ["KMH00000000000040"]
    assert vins(cache, "%") == ["KMH00000000000040"]  # the one stock number holding a "%"
    assert vins(cache, "\\") == []


def test_in_stock_only_and_words_together(cache: InventoryCache) -> None:
    assert vins(cache, "santa", in_stock_only=True) == [f"KMH{i:014d}" for i in range(30, 40) if i % 5]


def test_the_count_follows_writes_whether_or_not_the_rows_are_kept(cache: InventoryCache) -> None:
    assert cache.vehicle_count("hyundaidemo") == 41  # nothing kept yet: counted by SQLite
    assert len(cache.vehicle_rows("hyundaidemo")) == 41
    assert cache.vehicle_count("hyundaidemo") == 41  # from the kept rows
    cache.upsert_vehicles("hyundaidemo", [vehicle(41), vehicle(42)])
    assert cache.vehicle_count("hyundaidemo") == 43  # the write dropped the kept rows
    assert len(cache.vehicle_rows("hyundaidemo")) == 43
    assert cache.vehicle_count("hyundaidemo") == 43
    assert cache.vehicle_count("nosuchdealer") == 0


def test_a_filtered_page_is_read_from_the_pickers_index_alone(cache: InventoryCache) -> None:
    """A word that matches nothing walks the whole rooftop: through the pickers' index, never the rows."""
    statements: list[str] = []
    conn = cache.db.connect()
    conn.set_trace_callback(statements.append)
    try:
        assert vins(cache, "nothing-like-it", in_stock_only=True) == []
    finally:
        conn.set_trace_callback(None)
    (sql,) = [s for s in statements if "FROM vehicles" in s]
    plan = " ".join(str(r[-1]) for r in conn.execute("EXPLAIN QUERY PLAN " + sql))
    assert "COVERING INDEX vehicle_choice_text (dpid=? AND vin>?)" in plan, plan


def test_the_searched_text_is_written_as_the_upgrade_computes_it(cache: InventoryCache) -> None:
    """Rows written by this version and rows filled by the upgrade of an older cache hold the same text."""
    from desktop.store.inventory_cache import _CHOICE_TEXT_SQL

    conn = cache.db.connect()
    cache.upsert_vehicles("hyundaidemo", [{**vehicle(50, "IONIQ 5", "Ü-"), "trim": "Limited AWD"}])
    differ = conn.execute(f"SELECT vin FROM vehicles WHERE choice_text != {_CHOICE_TEXT_SQL}").fetchall()
    assert differ == []
    assert conn.execute("SELECT choice_text FROM vehicles WHERE vin = ?", (vehicle(50)["vin"],)).fetchone() == (
        "kmh00000000000050\x1fÜ-50\x1f2026\x1fhyundai\x1fioniq 5\x1flimited awd",
    )


# The vehicles table and the pickers' index as versions before choice_text made them.
OLDER_CACHE = """
CREATE TABLE vehicles (
    dpid TEXT NOT NULL, vin TEXT NOT NULL, stock_number TEXT NOT NULL, year INTEGER NOT NULL, make TEXT NOT NULL,
    model TEXT NOT NULL, trim TEXT NOT NULL, body_style TEXT NOT NULL, color TEXT NOT NULL, rgb TEXT NOT NULL,
    msrp REAL, in_stock INTEGER NOT NULL, reserved INTEGER NOT NULL, updated_at INTEGER NOT NULL, raw TEXT NOT NULL,
    UNIQUE (dpid, vin)
);
CREATE INDEX vehicle_choices ON vehicles (dpid, vin, stock_number, year, make, model, trim, msrp, in_stock);
"""


def test_a_cache_written_by_an_older_version_is_searched_after_its_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    older = sqlite3.connect(path)
    older.executescript(OLDER_CACHE)
    for i, model in ((1, "Tucson"), (2, "Santa Fe"), (3, "Kona")):
        v = vehicle(i, model)
        older.execute(
            "INSERT INTO vehicles VALUES ('hyundaidemo', ?, ?, ?, 'Hyundai', ?, ?, '', '', '', ?, 1, 0, ?, '{}')",
            (v["vin"], v["stock_number"], v["year"], v["model"], v["trim"], v["msrp"], v["updated_at"]),
        )
    older.commit()
    older.close()
    cache = InventoryCache(path)
    try:
        assert vins(cache, "SANTA") == [vehicle(2)["vin"]]
        assert vins(cache, "h-3") == [vehicle(3)["vin"]]
        assert len(vins(cache)) == 3
        indexes = {r[0] for r in cache.db.connect().execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "vehicle_choice_text" in indexes and "vehicle_choices" not in indexes  # the older index, dropped
        cache.upsert_vehicles("hyundaidemo", [vehicle(4, "Palisade")])  # written as by a fresh cache
        assert vins(cache, "palisade") == [vehicle(4)["vin"]]
        # The file opened again by an older version, which writes rows knowing nothing of the searched text.
        older = sqlite3.connect(path)
        v = vehicle(5, "Ioniq")
        older.execute(
            "INSERT INTO vehicles (dpid, vin, stock_number, year, make, model, trim, body_style, color, rgb, msrp,"
            " in_stock, reserved, updated_at, raw) VALUES ('hyundaidemo', ?, ?, ?, 'Hyundai', ?, ?, '', '', '', ?, 1,"
            " 0, ?, '{}')",
            (v["vin"], v["stock_number"], v["year"], v["model"], v["trim"], v["msrp"], v["updated_at"]),
        )
        older.execute("UPDATE vehicles SET model = 'Nexo' WHERE vin = ?", (vehicle(1)["vin"],))
        older.commit()
        older.close()
        assert vins(cache, "ioniq") == [vehicle(5)["vin"]]
        assert vins(cache, "nexo") == [vehicle(1)["vin"]] and vins(cache, "tucson") == []
    finally:
        cache.close()
    again = InventoryCache(path)  # opened again: the upgrade is not run twice
    try:
        assert vins(again, "kona") == [vehicle(3)["vin"]]
    finally:
        again.close()


def test_a_cancel_stops_the_scan_and_never_reaches_the_next_query(cache: InventoryCache) -> None:
    """A word that matches nothing walks every row: a cancel while SQLite scans interrupts it (the scan cannot look
    at the job's flag itself), and the same thread's next query, after the block, runs whole."""
    from desktop.api.errors import Cancelled
    from desktop.services.cancel import JobControl

    control = JobControl()
    conn = cache.db.connect()
    conn.set_progress_handler(lambda: control.cancel() or 0, 50)  # the cancel arrives while the scan runs
    try:
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            cache.vehicle_choices("hyundaidemo", words=("nothing-like-it",), interruptible=control.interrupting)
        assert control.cancelled
        assert vins(cache, "santa") == [f"KMH{i:014d}" for i in range(30, 40)]  # the cancel is spent
        with pytest.raises(Cancelled):  # cancelled before the query: it does not start
            cache.vehicle_choices("hyundaidemo", interruptible=control.interrupting)
    finally:
        conn.set_progress_handler(None, 0)


@pytest.mark.parametrize("words", [("santa",), ("tucson", "sel"), ("h-1",), ("s_3",), ("k%",), ("LIMITED",), ("2025",)])
def test_a_listed_choice_matches_in_python_as_in_sqlite(cache: InventoryCache, words: tuple[str, ...]) -> None:
    from desktop.store.inventory_cache import choice_matches

    words = tuple(w.lower() for w in words)
    everything = cache.vehicle_choices("hyundaidemo", limit=1000)
    assert [c.vin for c in everything if choice_matches(c, words)] == vins(cache, *words)


def test_a_filter_narrows_another_when_each_of_its_words_holds_one_of_the_others() -> None:
    from desktop.store.inventory_cache import narrows

    assert narrows(("tucson",), ("tucs",)) and narrows(("tucson", "sel"), ("tucson",)) and narrows(("ab",), ())
    assert narrows(("sel", "tucson"), ("tuc", "se"))
    assert not narrows(("tucs",), ("tucson",)) and not narrows(("kona",), ("tucson",)) and not narrows((), ("a",))
