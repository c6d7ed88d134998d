"""The access audit log: append-only for the app, and any edit made behind its back is detected."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.audit import DOWNLOADED, REVEALED, SENT, VIEWED, Actor, AuditLog

JUDY = Actor("judy", "desk-1", "Production")
OMAR = Actor("omar", "desk-2", "Production")


@pytest.fixture
def audit(tmp_path: Path) -> Iterator[AuditLog]:
    log = AuditLog(tmp_path / "audit.sqlite3")
    log.record(JUDY, REVEALED, "event:e1", "credit_applicant.ssn", "credit check")
    log.record(OMAR, VIEWED, "document:7/31", "licence.jpg")
    log.record(JUDY, DOWNLOADED, "document:7/31", "licence.jpg -> licence.jpg")
    log.record(OMAR, SENT, "customer:7", "unlock link")
    yield log
    log.close()


def raw(audit: AuditLog) -> sqlite3.Connection:
    """A SQLite tool on the file, as someone with the user's file access would use it."""
    conn = sqlite3.connect(audit.path)
    conn.executescript("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
    return conn


def test_who_did_what_is_recorded_and_the_chain_holds(audit: AuditLog) -> None:
    entries = audit.entries()
    assert [(e.os_user, e.host, e.profile, e.action, e.subject) for e in entries] == [
        ("judy", "desk-1", "Production", "revealed", "event:e1"),
        ("omar", "desk-2", "Production", "viewed", "document:7/31"),
        ("judy", "desk-1", "Production", "downloaded", "document:7/31"),
        ("omar", "desk-2", "Production", "sent", "customer:7"),
    ]
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    check = audit.verify()
    assert check.intact and check.entries == 4


def test_the_app_cannot_update_or_delete_an_entry(audit: AuditLog) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="append-only"), audit.db.write() as conn:
        conn.execute("UPDATE audit_log SET os_user = 'nobody' WHERE seq = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"), audit.db.write() as conn:
        conn.execute("DELETE FROM audit_log WHERE seq = 2")
    assert audit.verify().intact


def test_an_edited_entry_is_detected(audit: AuditLog) -> None:
    with raw(audit) as conn:
        conn.execute("UPDATE audit_log SET os_user = 'nobody' WHERE seq = 2")
    check = audit.verify()
    assert check.broken_at == 2 and "changed" in check.problem


def test_an_edit_with_its_hash_recomputed_breaks_the_next_link(audit: AuditLog) -> None:
    from desktop.store.audit import entry_hash

    first = audit.entries()[0]
    forged = entry_hash(first.prev_hash, 1, first.at, OMAR, first.action, first.subject, first.detail, first.reason)
    with raw(audit) as conn:
        conn.execute("UPDATE audit_log SET os_user = 'omar', host = 'desk-2', hash = ? WHERE seq = 1", (forged,))
    check = audit.verify()
    assert check.broken_at == 2 and "does not follow" in check.problem


def test_a_deleted_entry_is_detected(audit: AuditLog) -> None:
    with raw(audit) as conn:
        conn.execute("DELETE FROM audit_log WHERE seq = 3")
    check = audit.verify()
    assert check.broken_at == 4 and "missing" in check.problem


def test_unknown_actions_are_refused(audit: AuditLog) -> None:
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record(JUDY, "peeked", "event:e1")


def test_removing_the_newest_entries_is_detected_by_the_keyring_anchor(audit: AuditLog) -> None:
    with raw(audit) as conn:
        conn.execute("DELETE FROM audit_log WHERE seq >= 3")
    check = audit.verify()
    assert check.broken_at == 3 and "3 to 4 were removed" in check.problem


def test_a_chain_rewritten_with_fresh_hashes_is_detected(audit: AuditLog) -> None:
    """Whoever can edit the file can recompute every hash; the head kept in the keyring still differs."""
    from desktop.store.audit import GENESIS, entry_hash

    prev = GENESIS
    with raw(audit) as conn:
        for e in audit.entries():
            actor = OMAR if e.seq == 1 else Actor(e.os_user, e.host, e.profile)
            digest = entry_hash(prev, e.seq, e.at, actor, e.action, e.subject, e.detail, e.reason)
            conn.execute(
                "UPDATE audit_log SET os_user = ?, host = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                (actor.os_user, actor.host, prev, digest, e.seq),
            )
            prev = digest
    check = audit.verify()
    assert check.broken_at == 4 and "rewritten" in check.problem
