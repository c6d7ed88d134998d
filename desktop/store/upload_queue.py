"""Files waiting to be uploaded to a customer's binder, kept across restarts and encrypted at rest.

A licence photo is personal data: the queue stores every file (and its details: names, emails) sealed with
AES-256-GCM under a per-install key that lives in the OS keyring, never beside the database. Without a keyring
the key cannot be kept, so the queue lives in this process's memory only -- still encrypted -- and ``notice``
says that a restart loses it. No clear copy is written anywhere: no temp file, no cache.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.secrets import SecretStore
from desktop.store.db import LocalDB, profile_file
from desktop.store.sealing import InvalidTag, Sealer, data_key

KEY_NAME = "upload-queue-key"
PENDING, FAILED = "pending", "failed"


def uploads_file(data_dir: Path, profile: str) -> Path:
    """The profile's sealed upload queue, ``uploads-<profile>.sqlite3``."""
    return profile_file(data_dir, "uploads", profile)


SCHEMA = """
CREATE TABLE IF NOT EXISTS uploads (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    status TEXT NOT NULL,
    error TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    meta BLOB NOT NULL,
    data BLOB NOT NULL
);
"""


@dataclass
class QueuedUpload:
    """One waiting file's details (decrypted on read); the bytes stay sealed until :meth:`UploadQueue.data`."""

    id: str
    details: dict[str, Any]
    size: int
    status: str = PENDING
    error: str = ""
    created_at: int = field(default_factory=lambda: int(time.time()))


class UploadQueue:
    """Thread-safe; every method may block on SQLite or the keyring, so the UI calls it through the TaskRunner.

    Args:
        path: the queue's SQLite file (unused while the keyring is unavailable).
        secrets: where the per-install key is kept.
    """

    def __init__(self, path: Path, secrets: SecretStore) -> None:
        self.path = path
        self._secrets = secrets
        self._lock = threading.Lock()
        self._sealer: Sealer | None = None
        self._db: LocalDB | None = None
        self._memory: dict[str, tuple[int, str, str, int, int, bytes, bytes]] = {}
        self._position = 0
        self.unreadable = 0  # entries sealed under a key the keyring no longer holds
        self.memory_only = False

    @property
    def notice(self) -> str:
        if not self.memory_only:
            return ""
        return (
            "No system keyring is available, so files waiting to upload are kept in memory only "
            "and are lost if Dealer Desk quits before they are sent."
        )

    def _open(self) -> Sealer:
        with self._lock:
            if self._sealer is not None:
                return self._sealer
            key = data_key(self._secrets, KEY_NAME)
            self.memory_only = self._secrets.memory_only
            if not self.memory_only:
                self._db = LocalDB(self.path, SCHEMA)
                row = self._db.connect().execute("SELECT COALESCE(MAX(position), 0) FROM uploads").fetchone()
                self._position = int(row[0])
            self._sealer = Sealer(key)
            return self._sealer

    def add(self, details: dict[str, Any], data: bytes) -> QueuedUpload:
        """Seal and keep one file; returns its entry."""
        sealer = self._open()
        entry = QueuedUpload(uuid.uuid4().hex, dict(details), len(data))
        meta = sealer.seal(entry.id, "meta", json.dumps(entry.details).encode())
        sealed = sealer.seal(entry.id, "data", data)
        with self._lock:
            self._position += 1
            row = (self._position, entry.status, entry.error, entry.size, entry.created_at, meta, sealed)
            if self._db is None:
                self._memory[entry.id] = row
        if self._db is not None:
            with self._db.write() as conn:
                conn.execute(
                    "INSERT INTO uploads (id, position, status, error, size, created_at, meta, data)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (entry.id, *row),
                )
        return entry

    def entries(self) -> list[QueuedUpload]:
        """Everything waiting, oldest first; entries sealed under a lost key are counted in ``unreadable``."""
        sealer = self._open()
        if self._db is not None:
            rows = self._db.connect().execute(
                "SELECT id, status, error, size, created_at, meta FROM uploads ORDER BY position"
            )
            raw = [(str(r[0]), str(r[1]), str(r[2]), int(r[3]), int(r[4]), bytes(r[5])) for r in rows]
        else:
            with self._lock:
                items = sorted(self._memory.items(), key=lambda kv: kv[1][0])
            raw = [(k, v[1], v[2], v[3], v[4], v[5]) for k, v in items]
        out, unreadable = [], 0
        for entry_id, status, error, size, created_at, meta in raw:
            try:
                details = json.loads(sealer.open(entry_id, "meta", meta))
            except InvalidTag:
                unreadable += 1
                continue
            out.append(QueuedUpload(entry_id, details, size, status, error, created_at))
        self.unreadable = unreadable
        return out

    def data(self, entry_id: str) -> bytes:
        """The file's bytes, unsealed in memory only."""
        sealer = self._open()
        if self._db is not None:
            row = self._db.connect().execute("SELECT data FROM uploads WHERE id = ?", (entry_id,)).fetchone()
            sealed = None if row is None else bytes(row[0])
        else:
            with self._lock:
                found = self._memory.get(entry_id)
            sealed = None if found is None else found[6]
        if sealed is None:
            raise KeyError(entry_id)
        return sealer.open(entry_id, "data", sealed)

    def mark(self, entry_id: str, status: str, error: str = "") -> None:
        self._open()
        if self._db is not None:
            with self._db.write() as conn:
                conn.execute("UPDATE uploads SET status = ?, error = ? WHERE id = ?", (status, error, entry_id))
            return
        with self._lock:
            if entry_id in self._memory:
                row = self._memory[entry_id]
                self._memory[entry_id] = (row[0], status, error, *row[3:])

    def remove(self, entry_id: str) -> None:
        self._open()
        if self._db is not None:
            with self._db.write() as conn:
                conn.execute("DELETE FROM uploads WHERE id = ?", (entry_id,))
            return
        with self._lock:
            self._memory.pop(entry_id, None)

    def discard_unreadable(self) -> int:
        """Drop entries no key can open any more (the keyring was reset); returns how many."""
        sealer = self._open()
        if self._db is None:
            return 0
        dropped = 0
        rows = self._db.connect().execute("SELECT id, meta FROM uploads").fetchall()
        for entry_id, meta in rows:
            try:
                sealer.open(str(entry_id), "meta", bytes(meta))
            except InvalidTag:
                self.remove(str(entry_id))
                dropped += 1
        self.unreadable = 0
        return dropped

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
