"""The app's memory watchdog: what limits a worker where the OS has no RLIMIT_AS (Windows), tested on Linux."""

from __future__ import annotations

import os
import sys

import pytest

from desktop.services.doc_worker import client as documents
from desktop.services.doc_worker import memory
from desktop.services.doc_worker.pool import DocumentWorkers, WorkerStopped
from tests.conftest import SAMPLE_PDFS
from tests.hostile import make_corpus as corpus

FOUR_PAGES = (SAMPLE_PDFS / "004-pdflatex-4-pages_pdflatex-4-pages.pdf").read_bytes()
LIMIT_MB = 150

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@linux_only
def test_resident_memory_is_read_from_proc() -> None:
    ours = memory.resident_bytes(os.getpid())
    assert ours is not None and 10 * 1024 * 1024 < ours < 64 * 1024 * 1024 * 1024
    assert memory.resident_bytes(2**22 + 12345) is None  # no such process: no figure, no exception


@linux_only
def test_a_worker_without_an_os_limit_is_killed_by_the_watchdog_over_its_limit() -> None:
    pool = DocumentWorkers(size=1, timeout=30.0, memory_mb=LIMIT_MB, os_memory_limit=False)
    try:
        assert documents.open_document(FOUR_PAGES, workers=pool).pages == 4  # idle, the worker is under the limit
        (pid,) = pool.pids()
        resident = memory.resident_bytes(pid)
        assert resident is not None and resident < LIMIT_MB * 1024 * 1024
        with pytest.raises(WorkerStopped, match=f"needed more than {LIMIT_MB} MB of memory") as refused:
            documents.open_document(corpus.png_big_but_allowed(6000), name="scan.png", workers=pool)  # 144 MB RGBA
        assert str(refused.value).startswith("scan.png could not be read")
        assert pool.stats.memory_kills == 1 and pool.pids() == []
        assert documents.open_document(FOUR_PAGES, workers=pool).pages == 4  # a fresh worker answers
    finally:
        pool.close()


@linux_only
def test_the_same_file_under_a_roomy_limit_is_shown() -> None:
    """The control: without the watchdog's small limit the picture opens, so the kill above was the watchdog's."""
    pool = DocumentWorkers(size=1, timeout=30.0, memory_mb=1024, os_memory_limit=False)
    try:
        opened = documents.open_document(corpus.png_big_but_allowed(6000), workers=pool)
        assert opened.image is not None and pool.stats.memory_kills == 0
    finally:
        pool.close()


@pytest.mark.skipif(sys.platform == "win32", reason="it would cap the test process itself")
def test_the_windows_job_limit_is_a_no_op_elsewhere() -> None:
    assert memory.limit_windows_process(LIMIT_MB) is False
