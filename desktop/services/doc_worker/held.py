"""PDFs a worker keeps open between requests, so paging through a document does not resend and reparse it.

The app names a document by a token (a hash of its bytes and password, see :func:`document_token`); the first
request sends the bytes with the token, later ones only the token and the page, zoom and turn wanted. The cache is
a small LRU, bounded in documents and in bytes so it never eats the worker's memory limit; it lives and dies with
the worker process, so a worker killed for time or memory takes its documents with it. Every answer lists the
tokens still held, which is how the app knows what it may leave out.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

MAX_DOCUMENTS = 4
MAX_BYTES = 128 * 1024 * 1024  # the source bytes PDFium reads from, kept alive while the document is open


def content_key(data: bytes) -> str:
    """A document's identity: its bytes' SHA-256 (computed once per document, in a pool thread)."""
    return hashlib.sha256(data).hexdigest()


def document_token(key: str, password: str) -> str:
    """The cache's name for a document opened with a password; the password itself never reaches the cache."""
    return hashlib.sha256(f"{key}\0{password}".encode()).hexdigest()


class HeldDocuments:
    """Open PDFium documents by token, least recently used first out."""

    def __init__(self, max_documents: int = MAX_DOCUMENTS, max_bytes: int = MAX_BYTES) -> None:
        self.max_documents = max_documents
        self.max_bytes = max_bytes
        self._open: OrderedDict[str, tuple[Any, bytes]] = OrderedDict()

    def get(self, token: str) -> Any | None:
        held = self._open.get(token)
        if held is None:
            return None
        self._open.move_to_end(token)
        return held[0]

    def keep(self, token: str, pdf: Any, data: bytes) -> bool:
        """Hold ``pdf`` (opened from ``data``) under ``token``; False when it is too big to hold (the caller closes)."""
        if len(data) > self.max_bytes:
            return False
        self.drop(token)
        self._open[token] = (pdf, data)
        while len(self._open) > self.max_documents or sum(len(d) for _p, d in self._open.values()) > self.max_bytes:
            oldest = next(iter(self._open))
            self.drop(oldest)
        return True

    def drop(self, token: str) -> None:
        held = self._open.pop(token, None)
        if held is not None:
            held[0].close()

    def clear(self) -> None:
        """Close everything (the worker ran out of memory: what it holds is the first thing to give back)."""
        for token in list(self._open):
            self.drop(token)

    def tokens(self) -> list[str]:
        return list(self._open)
