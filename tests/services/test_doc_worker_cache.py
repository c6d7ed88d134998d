"""A worker keeps the PDFs it opened: renders send the page, zoom and turn, not the file, and survive its loss."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from desktop.services.doc_worker import client as documents
from desktop.services.doc_worker import pool as pool_module
from desktop.services.doc_worker.held import HeldDocuments, content_key, document_token
from desktop.services.doc_worker.pool import DocumentWorkers
from tests.conftest import SAMPLE_PDFS

FOUR_PAGES = (SAMPLE_PDFS / "004-pdflatex-4-pages_pdflatex-4-pages.pdf").read_bytes()
OTHERS = [
    (SAMPLE_PDFS / name).read_bytes()
    for name in (
        "001-trivial_minimal-document.pdf",
        "010-pdflatex-forms_pdflatex-forms.pdf",
        "011-google-doc-document_google-doc-document.pdf",
        "012-libreoffice-form_libreoffice-form.pdf",
    )
]


@pytest.fixture
def workers() -> Iterator[DocumentWorkers]:
    pool = DocumentWorkers(size=1, timeout=10.0)
    yield pool
    pool.close()


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """(operation, payload bytes) of every request written to a worker's pipe."""
    frames: list[tuple[str, int]] = []
    real = pool_module.protocol.write_frame

    def record(stream: Any, header: dict[str, Any], payload: bytes = b"") -> None:
        frames.append((str(header.get("op")), len(payload)))
        real(stream, header, payload)

    monkeypatch.setattr(pool_module.protocol, "write_frame", record)
    return frames


def test_renders_after_the_open_send_no_bytes(workers: DocumentWorkers, sent: list[tuple[str, int]]) -> None:
    opened = documents.open_document(FOUR_PAGES, workers=workers)
    pages = [documents.render_pages(FOUR_PAGES, [p], 1.0, key=opened.key, workers=workers)[0] for p in range(4)]
    assert sent == [("open", len(FOUR_PAGES))] + [("render", 0)] * 4
    assert [p.page for p in pages] == [0, 1, 2, 3]
    assert all(any(b != 0xFF for b in p.pixels[::97]) for p in pages)  # ink, from the document held open


def test_a_page_turns_in_the_worker(workers: DocumentWorkers) -> None:
    opened = documents.open_document(FOUR_PAGES, workers=workers)
    (upright,) = documents.render_pages(FOUR_PAGES, [0], 1.0, key=opened.key, workers=workers)
    (turned,) = documents.render_pages(FOUR_PAGES, [0], 1.0, rotation=90, key=opened.key, workers=workers)
    assert (turned.width, turned.height) == (upright.height, upright.width)
    with pytest.raises(documents.DocumentError, match="quarter") as refused:
        documents.render_pages(FOUR_PAGES, [0], 1.0, rotation=45, key=opened.key, workers=workers)
    assert refused.value.field == "rotation"


def test_a_restarted_worker_is_sent_the_file_again(workers: DocumentWorkers, sent: list[tuple[str, int]]) -> None:
    opened = documents.open_document(FOUR_PAGES, workers=workers)
    workers._workers[0].stop()  # as after a timeout: the process and what it held are gone
    (page,) = documents.render_pages(FOUR_PAGES, [1], 1.0, key=opened.key, workers=workers)
    assert page.page == 1 and sent[-1] == ("render", len(FOUR_PAGES))


def test_a_document_the_worker_let_go_is_resent_once(workers: DocumentWorkers, sent: list[tuple[str, int]]) -> None:
    opened = documents.open_document(FOUR_PAGES, workers=workers)
    for other in OTHERS:  # four more documents: the first one falls out of the worker's LRU
        documents.open_document(other, workers=workers)
    token = document_token(opened.key, "")
    worker = workers._workers[0]
    assert token not in worker.held and len(worker.held) == 4
    worker.held = worker.held | {token}  # the app's view is stale: the worker must say so, not fail
    del sent[:]
    (page,) = documents.render_pages(FOUR_PAGES, [3], 1.0, key=opened.key, workers=workers)
    assert page.page == 3 and sent == [("render", 0), ("render", len(FOUR_PAGES))]
    assert token in worker.held


def test_a_password_is_part_of_what_is_held(workers: DocumentWorkers, sent: list[tuple[str, int]]) -> None:
    data = (SAMPLE_PDFS / "005-libreoffice-writer-password_libreoffice-writer-password.pdf").read_bytes()
    assert documents.open_document(data, "wrong", workers=workers).locked == "wrong"
    opened = documents.open_document(data, "openpassword", workers=workers)
    del sent[:]
    documents.render_pages(data, [0], 0.5, "openpassword", key=opened.key, workers=workers)
    assert sent == [("render", 0)]
    with pytest.raises(documents.DocumentError, match="damaged"):  # another password is another document
        documents.render_pages(data, [0], 0.5, "other", key=opened.key, workers=workers)


class FakePdf:
    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


def test_the_cache_is_bounded_in_documents_and_bytes() -> None:
    held = HeldDocuments(max_documents=2, max_bytes=100)
    first, second, third = FakePdf(), FakePdf(), FakePdf()
    assert held.keep("a", first, b"x" * 40) and held.keep("b", second, b"x" * 40)
    assert held.get("a") is first  # used: "b" is now the oldest
    assert held.keep("c", third, b"x" * 10)
    assert held.tokens() == ["a", "c"] and second.closed and not first.closed
    assert held.keep("d", FakePdf(), b"x" * 60)  # 40 + 10 + 60 > 100: the oldest goes
    assert held.tokens() == ["c", "d"] and first.closed
    assert not held.keep("e", FakePdf(), b"x" * 101)  # too big to hold at all: the caller closes it
    held.clear()
    assert held.tokens() == [] and third.closed


def test_keys_are_content_hashes() -> None:
    assert content_key(FOUR_PAGES) == content_key(bytes(FOUR_PAGES)) != content_key(FOUR_PAGES + b" ")
    assert document_token("k", "") != document_token("k", "p")
