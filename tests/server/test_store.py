"""The schema, its migrations and the append-only tables, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, inspect, select, text, update
from sqlalchemy.exc import DBAPIError

from desktop.server import audit, schema
from desktop.server.crypto import Sealer
from desktop.server.db import Database
from desktop.server.deals import DealBook, StaleVersion, rooftop_prefix
from desktop.server.migrations import MIGRATIONS, migrate
from desktop.server.models import DealCreate, DealUpdate, Person
from desktop.server.users import add_user, authenticate


def test_migrations_run_once_and_build_every_table(db: Database) -> None:
    assert migrate(db) == []  # the fixture applied them already
    with db.read() as conn:
        applied = list(
            conn.scalars(select(schema.schema_migrations.c.version).order_by(schema.schema_migrations.c.version))
        )
        tables = set(inspect(conn).get_table_names())
    assert applied == [v for v, _, _ in MIGRATIONS]
    assert {t.name for t in schema.metadata.sorted_tables} <= tables


def test_history_and_audit_rows_cannot_be_changed_or_removed(db: Database) -> None:
    with db.write() as conn:
        audit.record(db, conn, "fiona", "reveal", "deal", "d1", "ssn")
    for statement in ("UPDATE audit_log SET user_name = 'nobody'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), db.write() as conn:
            conn.execute(text(statement))
    assert audit.verify(db)


def test_a_forged_audit_row_breaks_the_chain(db: Database) -> None:
    with db.write() as conn:
        audit.record(db, conn, "fiona", "reveal", "deal", "d1", "ssn")
        audit.record(db, conn, "fiona", "reveal", "deal", "d2", "ssn")
    a = schema.audit_log
    with db.write() as conn:  # someone with database access inserts a row that hides a reveal
        conn.execute(
            insert(a).values(
                seq=3,
                at=1.0,
                user_name="x",
                action="reveal",
                entity="deal",
                entity_id="d3",
                field="ssn",
                prev_hash="0" * 64,
                hash="f" * 64,
            )
        )
    check = audit.verify(db)
    assert check.intact is False and check.broken_at == 3 and check.entries == 3


def test_tokens_are_stored_hashed(db: Database) -> None:
    _, token = add_user(db, "judy", "agent", ["hyundai-demo"])
    with db.read() as conn:
        stored = conn.scalar(select(schema.users.c.token_hash))
    assert stored is not None and token not in stored and len(stored) == 64
    found = authenticate(db, token)
    assert found is not None and found.name == "judy" and found.rooftops == {"hyundai-demo"}
    assert authenticate(db, token + "x") is None


def test_a_save_that_loses_the_race_in_the_database_is_refused(db: Database) -> None:
    """The version is checked again by the UPDATE itself, not only by the read before it."""
    book = DealBook(db, Sealer(bytes(32)))
    user, _ = add_user(db, "fiona", "finance", ["hd"])
    deal, _ = book.create(user, DealCreate(dpid="hd", buyer=Person(first_name="Ana")))
    with db.write() as conn:  # another process saved in between
        conn.execute(update(schema.deals).where(schema.deals.c.id == deal["id"]).values(version=2))
    with pytest.raises(StaleVersion) as stale:
        book.update(user, deal["id"], DealUpdate(version=1, notes="mine"))
    assert stale.value.current["version"] == 2


def test_deal_numbers_are_per_rooftop_and_sayable(db: Database) -> None:
    book = DealBook(db, Sealer(bytes(32)))
    user, _ = add_user(db, "root", "admin", [])
    numbers = [
        book.create(user, DealCreate(dpid=d, buyer=Person(last_name="X")))[0]["number"]
        for d in ("hyundai-demo", "toyotademo", "hyundai-demo")
    ]
    assert numbers == ["HD-1001", "TO-1001", "HD-1002"]
    assert rooftop_prefix("kia_of_palo_alto") == "KO"


def test_a_process_with_another_sealing_key_refuses_to_start(database_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop.server.context import open_services
    from desktop.server.crypto import KeyProblem

    first = open_services(tmp_path / "a", "k", database_url)
    first.close()
    again = open_services(tmp_path / "a", "k", database_url)  # same key file: fine
    again.close()
    if database_url.startswith("sqlite"):
        return  # another data dir is another SQLite file
    with pytest.raises(KeyProblem, match="same key"):
        open_services(tmp_path / "b", "k", database_url)  # a new key in another folder
