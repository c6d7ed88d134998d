"""The document workers: real child processes, killed when over time or memory, replaced, answering sentences."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator

import pytest

from desktop.api.errors import Cancelled
from desktop.domain import form_fields as ff
from desktop.services.cancel import JobControl
from desktop.services.doc_worker import checks
from desktop.services.doc_worker import client as documents
from desktop.services.doc_worker import pool as pool_module
from desktop.services.doc_worker.pool import DocumentError, DocumentTimeout, DocumentWorkers, WorkerStopped
from desktop.services.form_filling import TemplatePdfError
from tests.conftest import SAMPLE_PDFS
from tests.hostile import make_corpus as corpus

FOUR_PAGES = (SAMPLE_PDFS / "004-pdflatex-4-pages_pdflatex-4-pages.pdf").read_bytes()


@pytest.fixture
def workers() -> Iterator[DocumentWorkers]:
    pool = DocumentWorkers(size=1, timeout=2.0)
    yield pool
    pool.close()


def test_open_render_and_fill_in_a_child_process(workers: DocumentWorkers) -> None:
    opened = documents.open_document(FOUR_PAGES, workers=workers)
    assert opened.kind == "pdf" and opened.pages == 4 and opened.sizes[0].width == pytest.approx(595.28, abs=0.1)
    (page,) = documents.render_pages(FOUR_PAGES, [2], 1.0, workers=workers)
    assert (page.width, page.height, page.format, page.page) == (596, 842, "RGBX", 2)
    assert len(page.pixels) == page.stride * page.height
    assert any(b != 0xFF for b in page.pixels[::97])  # there is ink on the page, not only white paper
    field = ff.FormField(0, "name_1", "customerFullName", 72, 72, 200, 14)
    filled = documents.fill(FOUR_PAGES, [field], {"customerFullName": "Ann Lee"}, workers=workers)
    assert filled.data.startswith(b"%PDF-") and filled.clipped == []
    assert workers.pids() and workers.stats.started == 1


def test_a_page_over_time_is_killed_and_the_worker_replaced(workers: DocumentWorkers) -> None:
    slow = corpus.slow_page()
    documents.open_document(slow, workers=workers)
    (first,) = workers.pids()
    started = time.monotonic()
    with pytest.raises(DocumentTimeout, match="longer than 2 seconds") as refused:
        documents.render_pages(slow, [0], 4.0, name="Page 1 of slow.pdf", workers=workers)
    assert time.monotonic() - started < 4.0
    assert str(refused.value).startswith("Page 1 of slow.pdf took longer")
    assert workers.pids() == [] and workers.stats.timeouts == 1
    assert documents.open_document(FOUR_PAGES, workers=workers).pages == 4  # a fresh worker answers
    (second,) = workers.pids()
    assert second != first


def test_over_the_memory_limit_is_a_sentence_not_a_crash_of_the_app() -> None:
    pool = DocumentWorkers(size=1, timeout=20.0, memory_mb=160)
    try:
        with pytest.raises(DocumentError, match="more than 160 MB of memory"):
            documents.open_document(corpus.png_big_but_allowed(6000), workers=pool)  # 36 MP: 144 MB as RGBA
        assert documents.open_document(FOUR_PAGES, workers=pool).pages == 4
    finally:
        pool.close()


def test_a_worker_that_dies_is_reported_and_restarted(workers: DocumentWorkers) -> None:
    documents.open_document(FOUR_PAGES, workers=workers)
    worker = workers._workers[0]
    assert worker._proc is not None
    worker._proc.stdout.close()  # type: ignore[union-attr]  # the pipe breaks as if the process had vanished
    with pytest.raises(WorkerStopped, match="could not be read"):
        documents.open_document(FOUR_PAGES, workers=workers)
    assert documents.open_document(FOUR_PAGES, workers=workers).pages == 4


def test_a_worker_killed_between_requests_is_replaced_and_its_pipes_closed(workers: DocumentWorkers) -> None:
    """A worker killed while idle (by the OS, by hand) left its two pipes open until the collector found them
    (a ResourceWarning in a test run): the next request reaps it and closes them."""
    import gc
    import warnings

    documents.open_document(FOUR_PAGES, workers=workers)
    worker = workers._workers[0]
    dead = worker._proc
    assert dead is not None
    dead.kill()
    dead.wait()
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        assert documents.open_document(FOUR_PAGES, workers=workers).pages == 4  # a fresh worker answers
        assert dead.stdin is not None and dead.stdout is not None
        assert dead.stdin.closed and dead.stdout.closed
        del dead
        gc.collect()
    assert workers.stats.deaths == 1 and workers.stats.started == 2


def test_password_pdf_is_locked_until_its_password(workers: DocumentWorkers) -> None:
    data = (SAMPLE_PDFS / "005-libreoffice-writer-password_libreoffice-writer-password.pdf").read_bytes()
    assert documents.open_document(data, workers=workers).locked == "needed"
    assert documents.open_document(data, "wrong", workers=workers).locked == "wrong"
    assert documents.open_document(data, "openpassword", workers=workers).pages >= 1


def test_images_are_decoded_and_scaled_in_the_worker(workers: DocumentWorkers) -> None:
    smile = documents.open_document((SAMPLE_PDFS / "007-imagemagick-images_smile.png").read_bytes(), workers=workers)
    assert smile.kind == "png" and smile.image is not None and smile.image.format == "RGBA"
    with pytest.raises(DocumentError, match="2500 megapixels"):
        documents.open_document(corpus.png(50_000, 50_000), workers=workers)


def test_closed_pool_refuses(workers: DocumentWorkers) -> None:
    workers.close()
    with pytest.raises(DocumentError, match="shut down"):
        documents.open_document(FOUR_PAGES, workers=workers)


def test_template_checks_keep_their_exception_types(workers: DocumentWorkers) -> None:
    with pytest.raises(TemplatePdfError, match="compression bomb"):
        documents.template_sizes(corpus.flate_bomb(), workers=workers)
    with pytest.raises(ff.FormDefinitionError) as refused:
        documents.check_template(FOUR_PAGES, {"pages": [{"fields": []}] * 5}, workers=workers)
    assert refused.value.field == "form_definition.pages[4]"
    with pytest.raises(TemplatePdfError, match="page tree points back at itself"):
        documents.fill(corpus.self_loop(), [], {}, workers=workers)


@pytest.mark.parametrize(
    ("maker", "sentence"),
    [
        (corpus.self_loop, "page tree points back at itself"),
        (corpus.two_node_loop, "page tree points back at itself"),
        (corpus.flate_bomb, "expand to more than 128 MB"),
        (corpus.image_bomb_pdf, "60000 × 60000 pixels"),
        (corpus.many_pages, "more than 500 pages"),
        (corpus.deep_dict, "nests its objects more than 64 levels"),
        (corpus.deep_references, "nests its objects more than 64 levels"),
        (lambda: corpus.one_page(b"/MediaBox [0 0 0 0]"), "Page 1 is 0 × 0 points"),
        (lambda: corpus.one_page(b"/MediaBox [0 0 (wide) 792]"), "damaged /MediaBox"),
        (lambda: corpus.one_page(b"/MediaBox [0 0 612 792] /Rotate 45"), "damaged /Rotate"),
        (lambda: corpus.one_page(b""), "no /MediaBox"),
        (lambda: corpus.png(20_000, 20_000), "400 megapixels"),
        (lambda: corpus.jpeg(65_000, 65_000), "4225 megapixels"),
    ],
)
def test_limits_refuse_with_a_sentence(maker: object, sentence: str) -> None:
    with pytest.raises(checks.LimitExceeded, match=sentence):
        checks.check_file(maker())  # type: ignore[operator]


def test_limits_accept_real_files() -> None:
    for path in sorted(SAMPLE_PDFS.iterdir()):
        if path.suffix in (".pdf", ".png", ".jpg"):
            found = checks.check_file(path.read_bytes())
            assert found.kind in ("pdf", "png", "jpeg")
    assert checks.check_file(FOUR_PAGES).pages == 4


def test_interrupt_ends_a_long_read_at_once(workers: DocumentWorkers) -> None:
    slow = corpus.slow_page()
    documents.open_document(slow, workers=workers)
    outcome: list[BaseException] = []

    def draw() -> None:
        try:
            documents.render_pages(slow, [0], 4.0, timeout=60.0, workers=workers)
        except DocumentError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=draw)
    thread.start()
    deadline = time.monotonic() + 10
    while not workers._workers[0].busy and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    workers.interrupt()
    thread.join(10)
    assert time.monotonic() - started < 3.0
    assert outcome and isinstance(outcome[0], WorkerStopped)
    assert documents.open_document(FOUR_PAGES, workers=workers).pages == 4


def test_the_frozen_app_runs_its_workers_through_its_own_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert pool_module.worker_command(512) == [sys.executable, "doc-worker", "--memory-mb=512"]
    monkeypatch.undo()
    monkeypatch.setattr(
        pool_module,
        "worker_command",
        lambda mb: [sys.executable, "-m", "desktop.cli", "doc-worker", f"--memory-mb={mb}"],
    )
    pool = DocumentWorkers(size=1, timeout=20.0)
    try:
        assert documents.open_document(FOUR_PAGES, workers=pool).pages == 4
    finally:
        pool.close()


def test_a_cancelled_long_read_frees_its_worker(workers: DocumentWorkers) -> None:
    slow = corpus.slow_page()
    documents.open_document(slow, workers=workers)
    control = JobControl()
    outcome: list[BaseException] = []

    def draw() -> None:
        try:
            documents.render_pages(slow, [0], 4.0, timeout=60.0, control=control, workers=workers)
        except Cancelled as exc:
            outcome.append(exc)

    thread = threading.Thread(target=draw)
    thread.start()
    control.cancel()
    started = time.monotonic()
    thread.join(10)
    assert time.monotonic() - started < pool_module.CANCEL_GRACE + 2.0
    assert outcome and isinstance(outcome[0], Cancelled)
    with pytest.raises(Cancelled):  # a request cancelled before it reaches a worker is never sent
        documents.open_document(FOUR_PAGES, control=control, workers=workers)
    assert documents.open_document(FOUR_PAGES, workers=workers).pages == 4
