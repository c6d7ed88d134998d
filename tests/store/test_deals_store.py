"""The local deal store on a real SQLite file: numbers, versions, conflicts, history, sealed personal data."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from keyring.backends import fail

from desktop.domain.deals import Deal, DealVehicle, Person, Stage, set_field
from desktop.secrets import SecretStore
from desktop.store.deals import DealConflict, DealNotFound, DealQuery, SqliteDealStore
from desktop.store.deals.sqlite import _ROW
from desktop.store.sealing import Sealer, data_key

SSN, LICENCE = "123-45-6789", "D1234-56789-01234"


@pytest.fixture
def store(tmp_path: Path) -> SqliteDealStore:
    s = SqliteDealStore(tmp_path / "deals.sqlite3", SecretStore())
    yield s
    s.close()


def make(store: SqliteDealStore, first: str = "Ann", phone: str = "+1 555 201 3344", **kw: object) -> Deal:
    deal = Deal("D1", buyer=Person(first_name=first, last_name="Lee", phone=phone, email=f"{first}@example.com"))
    for key, value in kw.items():
        setattr(deal, key, value)
    return store.create(deal, "ann.agent", "HD")


def test_create_numbers_per_rooftop_and_round_trips(store: SqliteDealStore) -> None:
    first, second = make(store), make(store, "Bo")
    other = store.create(Deal("D2"), "x", "LS")
    assert (first.number, second.number, other.number) == ("HD-1001", "HD-1002", "LS-1001")
    assert first.version == 1 and first.created_by == "ann.agent"
    assert store.get(first.id) == first
    with pytest.raises(DealNotFound):
        store.get("nope")


def test_a_reserved_number_is_never_handed_out_again(store: SqliteDealStore) -> None:
    assert store.next_number("D1", "HD") == "HD-1001"  # reserved, e.g. for a deal being started on another desk
    assert make(store).number == "HD-1002"


def test_numbers_never_repeat_under_concurrent_creates(store: SqliteDealStore) -> None:
    numbers: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(20):
            deal = store.create(Deal("D1"), "x", "HD")
            with lock:
                numbers.append(deal.number)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(numbers)) == 80


def test_stale_save_is_refused_with_the_current_deal(store: SqliteDealStore) -> None:
    deal = make(store)
    mine, theirs = store.get(deal.id), store.get(deal.id)
    set_field(theirs, "structure.selling_price", "31000")
    saved = store.save(theirs, 1, "finance.fran")
    assert saved.version == 2 and saved.updated_by == "finance.fran"
    set_field(mine, "structure.selling_price", "29999")
    with pytest.raises(DealConflict, match=r"changed by finance\.fran .* version 2") as err:
        store.save(mine, 1, "ann.agent")
    assert err.value.current.structure.selling_price == Decimal(31000)
    assert store.get(deal.id).structure.selling_price == Decimal(31000)


def test_history_is_appended_and_cannot_be_rewritten(store: SqliteDealStore) -> None:
    deal = make(store)
    set_field(deal, "vehicle.vin", "1HGCM82633A004352")
    deal.move_to(Stage.WORKING)
    store.save(deal, 1, "ann.agent")
    assert store.save(deal, 2, "ann.agent").version == 2  # nothing changed: no new version, no history
    history = store.history(deal.id)
    assert [(h.field, h.old, h.new) for h in history[-2:]] == [
        ("stage", "lead", "working"),
        ("vehicle.vin", "", "1HGCM82633A004352"),
    ]
    assert ("buyer.first_name", "", "Ann") in [(h.field, h.old, h.new) for h in history]
    conn = sqlite3.connect(store.path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE deal_history SET new = 'forged'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM deal_history")
    conn.close()


def test_personal_data_is_sealed_at_rest(store: SqliteDealStore, tmp_path: Path) -> None:
    deal = Deal("D1", buyer=Person(first_name="Ann", ssn=SSN, licence_number=LICENCE, birth_date="1980-02-03"))
    deal.co_buyer = Person(first_name="Bo", ssn="987-65-4321")
    deal = store.create(deal, "x", "HD")
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("deals.sqlite3*"))
    assert b"Ann" in raw
    for secret in (SSN, LICENCE, "1980-02-03", "987-65-4321", "123-45", "D1234"):
        assert secret.encode() not in raw
    history = store.history(deal.id)
    assert [h.new for h in history if h.field == "buyer.ssn"] == ["•••• 6789"]
    again = store.get(deal.id)
    assert (again.buyer.ssn, again.buyer.licence_number, again.co_buyer and again.co_buyer.ssn) == (
        SSN,
        LICENCE,
        "987-65-4321",
    )


def test_deals_sealed_before_the_shared_sealer_still_open(store: SqliteDealStore, tmp_path: Path) -> None:
    deal = store.create(Deal("D1", buyer=Person(first_name="Ann", ssn=SSN)), "x", "HD")
    key = data_key(SecretStore(), "deal-pii-key")
    nonce = os.urandom(12)  # how the first deal store sealed, inline: nonce + AES-GCM over "<id>:pii"
    plain = json.dumps({"buyer.ssn": "987-65-4321"}).encode()
    old = nonce + AESGCM(key).encrypt(nonce, plain, f"{deal.id}:pii".encode())
    store.close()
    conn = sqlite3.connect(tmp_path / "deals.sqlite3")
    with conn:
        conn.execute("UPDATE deals SET pii = ? WHERE id = ?", (old, deal.id))
    (sealed,) = conn.execute("SELECT pii FROM deals WHERE id = ?", (deal.id,)).fetchone()
    conn.close()
    reopened = SqliteDealStore(tmp_path / "deals.sqlite3", SecretStore())
    assert reopened.get(deal.id).buyer.ssn == "987-65-4321"
    assert json.loads(Sealer(key).open(deal.id, "pii", sealed)) == {"buyer.ssn": "987-65-4321"}
    reopened.close()


def test_without_a_keyring_deals_stay_and_personal_data_is_lost_on_restart(tmp_path: Path) -> None:
    path = tmp_path / "deals.sqlite3"
    first = SqliteDealStore(path, SecretStore(fail.Keyring()))
    assert "memory only" in first.notice
    deal = first.create(Deal("D1", buyer=Person(first_name="Ann", ssn=SSN)), "x", "HD")
    assert first.get(deal.id).buyer.ssn == SSN
    first.close()
    restarted = SqliteDealStore(path, SecretStore(fail.Keyring()))
    again = restarted.get(deal.id)
    assert (again.buyer.first_name, again.buyer.ssn) == ("Ann", "")
    restarted.close()


def test_search_by_number_name_phone_vin_stock_stage_and_mine(store: SqliteDealStore) -> None:
    ann = make(store, "Ann", vehicle=DealVehicle(vin="1HGCM82633A004352", stock_number="H1042"), agent="ann.agent")
    bo = make(store, "Bo", phone="+1 555 777 0000", agent="bo.agent")
    bo.move_to(Stage.LOST, "bought elsewhere")
    store.save(bo, 1, "bo.agent")

    def numbers(**kw: object) -> list[str]:
        return [r.number for r in store.search(DealQuery("D1", **kw))]  # type: ignore[arg-type]

    assert numbers() == [bo.number, ann.number]  # most recent activity first
    assert numbers(text=ann.number.lower()) == [ann.number]
    assert numbers(text="bo lee") == [bo.number]
    assert numbers(text="5557770000") == [bo.number]
    assert numbers(text="a004352") == [ann.number]
    assert numbers(text="h1042") == [ann.number]
    assert numbers(stages=frozenset({Stage.LOST})) == [bo.number]
    assert numbers(agent="ann.agent") == [ann.number]
    other = store.create(Deal("D1", agent="bo.agent"), "cy.login", "HD")
    assert numbers(agent="ann.agent", creator="cy.login") == [other.number, ann.number]  # sold by, or started by
    assert numbers(creator="cy.login") == [other.number]
    assert numbers(text="nobody") == []
    assert store.search(DealQuery("D2")) == []


def test_for_customer_finds_the_open_deal_by_id_then_email(store: SqliteDealStore) -> None:
    deal = make(store, "Ann")
    assert store.for_customer("D1", 42, "ANN@example.com") == deal
    deal.buyer.customer_id = 42
    store.save(deal, 1, "x")
    assert store.for_customer("D1", 42, "") is not None
    assert store.for_customer("D2", 42, "ann@example.com") is None
    deal = store.get(deal.id)
    deal.move_to(Stage.LOST, "gone")
    store.save(deal, 2, "x")
    assert store.for_customer("D1", 42, "ann@example.com") is None


def test_the_team_servers_masks_are_sealed_with_the_personal_data_and_leave_no_history(
    store: SqliteDealStore, tmp_path: Path
) -> None:
    masks = {"ssn": "***-**-6789", "licence_number": "*************1234"}
    deal = Deal("D1", buyer=Person(first_name="Ann", server_masks=masks))
    deal.co_buyer = Person(first_name="Bo", server_masks={"birth_date": "****-**-**"})
    deal.version = 4
    store.put(deal, "from the server")
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("deals.sqlite3*"))
    assert b"6789" not in raw and b"1234" not in raw and b"server_masks" not in raw
    again = store.get(deal.id)
    assert again.buyer.server_masks == masks and again.buyer.ssn == ""
    assert again.co_buyer is not None and again.co_buyer.server_masks == {"birth_date": "****-**-**"}
    assert again.server_mask("co_buyer.birth_date") == "****-**-**" and again.server_mask("buyer.birth_date") == ""
    assert not [h for h in store.history(deal.id) if "mask" in h.field]


def test_a_file_of_the_previous_version_lists_who_started_each_deal(tmp_path: Path) -> None:
    """The list's creator column is added to an older file and filled from each deal's own record."""
    path = tmp_path / "deals.sqlite3"
    first = SqliteDealStore(path, SecretStore())
    deal = make(first)
    first.close()
    with sqlite3.connect(path) as conn:  # the file as the previous version left it
        conn.execute("DROP INDEX deals_list_by")
        conn.execute("ALTER TABLE deals DROP COLUMN created_by")
    again = SqliteDealStore(path, SecretStore())
    try:
        [row] = again.search(DealQuery("D1", creator="ann.agent"))
        assert (row.id, row.created_by) == (deal.id, "ann.agent")
        plan = again.db.connect().execute(f"EXPLAIN QUERY PLAN SELECT {_ROW} FROM deals WHERE dpid = 'D1'").fetchall()
        assert "COVERING INDEX deals_list_by" in str(plan)  # the list still never reads the bodies
    finally:
        again.close()
