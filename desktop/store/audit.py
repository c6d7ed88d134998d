"""The access audit log: who revealed, viewed, downloaded or sent which customer's personal data, and when.

Append-only and tamper-evident. Triggers refuse UPDATE and DELETE, so the app itself cannot rewrite history;
each entry carries the SHA-256 of the previous entry's hash and its own fields, so an entry edited, removed or
inserted with any SQLite tool breaks the chain at that point, which :meth:`AuditLog.verify` reports. The file is
separate from the data it audits: purging old events (retention) never touches the record of who saw them.

The chain's head (number and hash of the newest entry) is also kept in the keyring after each append: an
attacker who deletes the newest entries, or rewrites the whole chain with fresh hashes, no longer matches it.

"Who" is the operating-system account and the Dealer Desk profile, the identity a dealership can check; the log
holds no personal data itself (a field path, a document name, ids).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from desktop.secrets import SecretStore
from desktop.store.db import LocalDB, profile_file
from desktop.store.sealing import KEY_PROFILE

REVEALED: Final = "revealed"
VIEWED: Final = "viewed"
DOWNLOADED: Final = "downloaded"
SENT: Final = "sent"
ACTIONS = (REVEALED, VIEWED, DOWNLOADED, SENT)
GENESIS = "0" * 64

SCHEMA = """
CREATE TABLE IF NOT EXISTS audit_log (
    seq INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    os_user TEXT NOT NULL,
    host TEXT NOT NULL,
    profile TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    reason TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""
_FIELDS = "seq, at, os_user, host, profile, action, subject, detail, reason, prev_hash, hash"


@dataclass(frozen=True)
class AuditEntry:
    """One access. ``subject`` names what was accessed (``event:<id>``, ``document:<customer>/<doc>``)."""

    seq: int
    at: float
    os_user: str
    host: str
    profile: str
    action: str
    subject: str
    detail: str
    reason: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class Actor:
    """Who acts: the OS account and the profile; made once per window."""

    os_user: str
    host: str
    profile: str

    @classmethod
    def current(cls, profile: str) -> Actor:
        return cls(getpass.getuser(), socket.gethostname(), profile)


@dataclass(frozen=True)
class ChainCheck:
    """The result of :meth:`AuditLog.verify`: ``broken_at`` is the first entry that does not chain (None = intact)."""

    entries: int
    broken_at: int | None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def entry_hash(
    prev_hash: str, seq: int, at: float, actor: Actor, action: str, subject: str, detail: str, reason: str
) -> str:
    """The hash an entry must carry: its fields, canonical JSON (so no separator can be forged), and the previous."""
    fields = [seq, repr(at), actor.os_user, actor.host, actor.profile, action, subject, detail, reason]
    canonical = json.dumps([prev_hash, *fields], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def audit_file(data_dir: Path, profile: str) -> Path:
    return profile_file(data_dir, "audit", profile)


class AuditLog:
    """Thread-safe; every method touches SQLite and the keyring, so the UI calls it through the TaskRunner.

    Args:
        path: the SQLite file.
        secrets: makes the store the chain's head is anchored in; called once, on first use, in a worker.
    """

    def __init__(self, path: Path, secrets: Callable[[], SecretStore] = SecretStore) -> None:
        self.path = path
        self.db = LocalDB(path, SCHEMA)
        self._secrets_factory = secrets
        self._secrets: SecretStore | None = None

    def _store(self) -> SecretStore:
        if self._secrets is None:
            self._secrets = self._secrets_factory()
        return self._secrets

    @property
    def _anchor_name(self) -> str:
        return f"audit-head:{self.path.name}"

    def _anchor(self) -> tuple[int, str] | None:
        stored = self._store().get(KEY_PROFILE, self._anchor_name)
        if not stored or ":" not in stored:
            return None
        seq, digest = stored.split(":", 1)
        return int(seq), digest

    def close(self) -> None:
        self.db.close()

    def record(self, actor: Actor, action: str, subject: str, detail: str = "", reason: str = "") -> AuditEntry:
        """Append one access; the chain's head is read inside the same write transaction, so two writers (the
        binder and the timeline, even two processes) never fork it."""
        if action not in ACTIONS:
            raise ValueError(f"unknown audit action {action!r}")
        at = time.time()
        with self.db.write() as conn:
            row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev = (1, GENESIS) if row is None else (int(row[0]) + 1, str(row[1]))
            digest = entry_hash(prev, seq, at, actor, action, subject, detail, reason)
            values = (seq, at, actor.os_user, actor.host, actor.profile, action, subject, detail, reason, prev, digest)
            conn.execute(f"INSERT INTO audit_log ({_FIELDS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
        anchored = self._anchor()
        if anchored is None or anchored[0] < seq:  # another writer may have anchored a newer head meanwhile
            self._store().set(KEY_PROFILE, self._anchor_name, f"{seq}:{digest}")
        return AuditEntry(*values)

    def entries(self) -> list[AuditEntry]:
        rows = self.db.connect().execute(f"SELECT {_FIELDS} FROM audit_log ORDER BY seq").fetchall()
        return [AuditEntry(*r) for r in rows]

    def verify(self) -> ChainCheck:
        """Walk the chain from the start; the first entry whose number, link or hash is wrong is reported."""
        prev, expected_seq, count = GENESIS, 1, 0
        entries = self.entries()
        for count, e in enumerate(entries, start=1):
            actor = Actor(e.os_user, e.host, e.profile)
            if e.seq != expected_seq:
                return ChainCheck(count, e.seq, f"entry {expected_seq} is missing (found {e.seq} next)")
            if e.prev_hash != prev:
                return ChainCheck(count, e.seq, f"entry {e.seq} does not follow entry {e.seq - 1}")
            if e.hash != entry_hash(prev, e.seq, e.at, actor, e.action, e.subject, e.detail, e.reason):
                return ChainCheck(count, e.seq, f"entry {e.seq} was changed after it was written")
            prev, expected_seq = e.hash, e.seq + 1
        anchored = self._anchor()
        if anchored is not None:
            head_seq, head_hash = anchored
            if head_seq > count:
                return ChainCheck(count, count + 1, f"entries {count + 1} to {head_seq} were removed")
            if entries[head_seq - 1].hash != head_hash:
                return ChainCheck(count, head_seq, f"the chain was rewritten up to entry {head_seq}")
        return ChainCheck(count, None)
