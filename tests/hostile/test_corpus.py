"""Every hostile and real-world file is checked, opened, drawn, filled and uploaded with a result or a sentence,
within its time limit, by worker processes; the window's event loop keeps turning meanwhile.

Run with ``-s`` to see the figures (files tried, worst time, longest stall of the GUI thread).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from pytestqt.qtbot import QtBot

from desktop.api import errors
from desktop.api.roadster import documents as documents_api
from desktop.api.roadster import templates as templates_api
from desktop.api.roadster.client import RoadsterClient
from desktop.api.roadster.documents import UploadRequest
from desktop.domain import form_fields as ff
from desktop.sandbox.server import SandboxServer
from desktop.services.doc_worker import client as documents
from desktop.services.doc_worker.pool import DocumentError, DocumentWorkers
from desktop.services.form_filling import TemplatePdfError
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.document_preview import DocumentPreview
from tests.binder_helpers import make_customer

LIMIT = 5.0  # seconds a worker gets per request in these tests (the app uses 10 s per page, 20 s otherwise)
KILL_MARGIN = 2.0  # killing and reaping a worker, and a loaded 2-core machine
# The window's own work between two turns of its event loop (CPU time of the GUI thread) stays within the design's
# 50 ms. The wall-clock bound is looser: on a loaded 2-core machine (CI, parallel sessions) the GUI thread is
# simply not scheduled for a while, which no code of the window decides. A document read on the GUI thread stalls
# it for seconds (the issue measured 6 s for an image bomb, forever for a page tree that points at itself).
STALL_CPU_BOUND_MS = 50
STALL_BOUND_MS = 300
# Generated files the limits let through: their structure is sound and each is shown or answered with a sentence.
ACCEPTED_HOSTILE = {
    "junk-before-header.pdf",
    "xref-prev-loop.pdf",
    "slow-page-1.5m-strokes.pdf",
    "png-4000x4000-allowed.png",
    "jpeg-no-scan.jpg",
    "png-truncated.png",
}
# Real-world files the limits refuse: its page tree names a page that does not exist (PDFium cannot open it either).
REFUSED_REAL = {"017-unreadablemetadata.pdf"}
FIELD = ff.FormField(0, "customerName_1", "customerFullName", 72, 72, 200, 14)


@pytest.fixture(scope="module")
def workers() -> Iterator[DocumentWorkers]:
    pool = DocumentWorkers(size=2, timeout=LIMIT)
    yield pool
    pool.close()


def _timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.monotonic()
    try:
        result = call()
    except (DocumentError, TemplatePdfError) as exc:  # a sentence: the file was refused or too much
        result = exc
    return time.monotonic() - started, result


def test_each_file_is_checked_opened_drawn_and_filled_within_its_limit(
    all_files: dict[str, bytes], generated: dict[str, bytes], workers: DocumentWorkers
) -> None:
    worst = (0.0, "")
    refused: set[str] = set()
    for name, data in all_files.items():
        steps: list[tuple[str, Callable[[], Any]]] = [
            ("check", lambda: documents.check_upload(name, data, workers=workers)),  # noqa: B023
            ("open", lambda: documents.open_document(data, workers=workers)),  # noqa: B023
            ("draw", lambda: documents.render_pages(data, [0], 2.0, workers=workers)),  # noqa: B023
            ("fill", lambda: documents.fill(data, [FIELD], {"customerFullName": "Ann Lee"}, workers=workers)),  # noqa: B023
        ]
        for step, call in steps:
            elapsed, result = _timed(call)
            assert elapsed < LIMIT + KILL_MARGIN, f"{step} of {name} took {elapsed:.1f} s"
            if isinstance(result, Exception):
                assert str(result).endswith("."), f"{step} of {name}: {result!r} is not a sentence"
            if step == "check" and result is not None:
                assert result.message.startswith(f"File {name!r}")
                refused.add(name)
            if elapsed > worst[0]:
                worst = (elapsed, f"{step} of {name}")
    assert refused & set(generated) == set(generated) - ACCEPTED_HOSTILE
    assert refused - set(generated) == REFUSED_REAL
    print(
        f"\nhostile corpus: {len(all_files)} files ({len(generated)} generated), {len(refused)} refused at upload;"
        f" worst {worst[0]:.2f} s ({worst[1]}); workers killed for time {workers.stats.timeouts},"
        f" died {workers.stats.deaths}"
    )


@pytest.fixture
def roadster_client(sandbox: SandboxServer) -> Iterator[RoadsterClient]:
    from tests.conftest import roadster_for

    client = roadster_for(sandbox)
    yield client
    client.close()


def test_uploads_and_templates_over_http_get_a_sentence_never_a_500(
    all_files: dict[str, bytes], generated: dict[str, bytes], sandbox: SandboxServer, roadster_client: RoadsterClient
) -> None:
    customer = make_customer(sandbox)
    stored, refused = 0, 0
    definition = ff.to_definition([FIELD])
    for name, data in all_files.items():
        request = UploadRequest("hyundaidemo", name.rsplit(".", 1)[0][:60], "other", name, "self")
        try:
            documents_api.upload(roadster_client, customer, request, data)
            stored += 1
            assert name not in generated or name in ACCEPTED_HOSTILE
        except errors.ApiError as exc:
            assert exc.status in (400, 413), f"{name}: {exc.status} {exc}"
            assert name in generated or name in REFUSED_REAL, f"{name} refused: {exc}"
            refused += 1
        if not name.endswith(".pdf"):
            continue
        template = templates_api.TemplateRequest(f"Hostile {name[:40]}", name, definition)
        try:
            templates_api.create_template(roadster_client, "hyundaidemo", template, data)
        except errors.ApiError as exc:
            assert exc.status == 400, f"template {name}: {exc.status} {exc}"
            assert str(exc).endswith("."), f"template {name}: {exc!r} is not a sentence"
    assert stored + refused == len(all_files)


def test_a_bomb_template_stored_before_the_checks_fails_its_packet_with_a_sentence(
    generated: dict[str, bytes], sandbox: SandboxServer, roadster_client: RoadsterClient
) -> None:
    import json
    import sqlite3

    from tests.sandbox.test_templates_api import make_order

    order = make_order(roadster_client)
    api_tmpl = templates_api.list_templates(roadster_client, "hyundaidemo")[0]
    conn = sqlite3.connect(sandbox.config.db_path, timeout=30)
    try:
        cur = conn.execute(
            "INSERT INTO templates (dpid, doc_identifier, name, file_name, description, form_definition, created_at,"
            " updated_at, storage, contents) SELECT dpid, 'bomb', 'Bomb', 'bomb.pdf', '', ?, created_at, updated_at,"
            " storage, ? FROM templates WHERE id = ?",
            (json.dumps(ff.to_definition([FIELD])), generated["flate-bomb-400mb.pdf"], api_tmpl.id),
        )
        conn.commit()
        bomb_id = int(cur.lastrowid or 0)
    finally:
        conn.close()
    with pytest.raises(errors.ApiError) as refused:
        templates_api.create_forms(roadster_client, order["id"], "Packet", [api_tmpl.id, bomb_id])
    assert refused.value.status == 400
    assert "compression bomb" in str(refused.value)
    created = templates_api.create_forms(roadster_client, order["id"], "Packet", [api_tmpl.id])  # others still fill
    assert [f.template_id for f in created.forms] == [api_tmpl.id]


class StallProbe:
    """A 5 ms timer on the GUI thread; the longest gap between two ticks is the longest the window was frozen.

    Each gap is measured twice: wall-clock, and the CPU time the GUI thread itself spent in it
    (``time.thread_time``). On a shared 2-core machine a wall-clock gap also counts the time the GUI thread waited
    to be scheduled; its CPU time is the window's own work, the part the code decides.
    """

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._on_tick)
        self.last = 0
        self.last_cpu = 0.0
        self.longest = 0
        self.longest_cpu = 0.0
        self.where = ""
        self.worst_at = ""
        self.worst_cpu_at = ""
        self.cpu_by_file: dict[str, float] = {}  # the longest CPU gap that ended while each file was shown

    def start(self) -> None:
        self.clock.start()
        self.last = 0
        self.last_cpu = time.thread_time()
        self.timer.start()

    def _on_tick(self) -> None:
        now, cpu = self.clock.elapsed(), time.thread_time()
        if now - self.last > self.longest:
            self.longest, self.worst_at = now - self.last, self.where
        gap_cpu = (cpu - self.last_cpu) * 1000
        if gap_cpu > self.longest_cpu:
            self.longest_cpu, self.worst_cpu_at = gap_cpu, self.where
        if gap_cpu > self.cpu_by_file.get(self.where, 0.0):
            self.cpu_by_file[self.where] = gap_cpu
        self.last, self.last_cpu = now, cpu

    def stop(self) -> None:
        self.timer.stop()


def _show(qtbot: QtBot, preview: DocumentPreview, name: str, data: bytes) -> None:
    with qtbot.waitSignal(preview.settled, timeout=int((LIMIT + KILL_MARGIN) * 1000)):
        preview.show_bytes(name, data)
    if preview.state == "pdf":  # a worker may first finish (or be stopped on) the previous file's thumbnails
        qtbot.waitUntil(preview.page_shown, timeout=int(2 * (LIMIT + KILL_MARGIN) * 1000))
    qtbot.wait(15)  # the probe ticks (5 ms) while this file is still the one named: a stall is laid at its door


def test_preview_of_every_file_never_stalls_the_window(
    qtbot: QtBot, all_files: dict[str, bytes], workers: DocumentWorkers, request: pytest.FixtureRequest
) -> None:
    runner = TaskRunner()  # the real one: pools of threads, results queued back to the GUI thread
    preview = DocumentPreview(runner=runner, workers=workers)
    preview.render_timeout = LIMIT
    qtbot.addWidget(preview)
    preview.resize(900, 700)
    preview.show()
    qtbot.waitExposed(preview)
    # The test process carries the whole suite's heap (the app's is small); keep full collections from walking it.
    gc.freeze()
    request.addfinalizer(gc.unfreeze)
    probe = StallProbe()
    probe.start()
    states: dict[str, str] = {}
    worst = (0.0, "")
    for name, data in all_files.items():
        started = time.monotonic()
        probe.where = name
        _show(qtbot, preview, name, data)
        elapsed = time.monotonic() - started
        if elapsed > worst[0]:
            worst = (elapsed, name)
        states[name] = preview.state
        assert preview.state in ("pdf", "image", "password", "error")
        if preview.state == "error":
            assert preview.message.text().startswith(f"{name} cannot be shown: ")
    # A stall the code makes comes back each time its file is shown; one the host makes (a CI machine's page
    # faults or reclaim counted as the thread's system time: 76 ms once, on a 16 KB PDF that costs 6 ms here)
    # does not. So a file over the bound is shown twice more, after the file shown before it as the first time
    # (showing a file first closes the last one), and its least stall is the one held to the bound.
    names = list(all_files)
    retried: dict[str, float] = {}
    for name in [n for n, cpu in probe.cpu_by_file.items() if cpu > STALL_CPU_BOUND_MS]:
        least = probe.cpu_by_file[name]
        before = names[names.index(name) - 1] if names.index(name) > 0 else ""
        for _again in range(2):
            preview.clear()
            if before:
                probe.where = f"{before}, before {name} again"
                _show(qtbot, preview, before, all_files[before])
            probe.where = f"{name} again"
            probe.cpu_by_file.pop(probe.where, None)
            _show(qtbot, preview, name, all_files[name])
            least = min(least, probe.cpu_by_file.get(probe.where, least))  # no tick ended in it: not forgiven
        retried[name] = least
    probe.stop()
    gc.unfreeze()
    preview.clear()
    runner.wait_idle()
    assert states["slow-page-1.5m-strokes.pdf"] == "pdf"
    assert states["page-tree-self-loop.pdf"] == "error"
    assert states["image-bomb-50000x50000.png"] == "error"
    assert states["png-4000x4000-allowed.png"] == "image"
    assert states["005-libreoffice-writer-password.pdf"] == "password"
    print(
        f"\npreview: {len(all_files)} files, worst {worst[0]:.2f} s ({worst[1]}),"
        f" longest stall of the GUI thread {probe.longest} ms wall-clock (showing {probe.worst_at}),"
        f" {probe.longest_cpu:.1f} ms of its own CPU (showing {probe.worst_cpu_at});"
        f" shown again, least CPU stall: {retried or 'none over the bound'}"
    )
    over = {name: round(cpu) for name, cpu in retried.items() if cpu > STALL_CPU_BOUND_MS}
    assert not over, f"the window worked this many ms without a break, each of three times the file was shown: {over}"
    assert probe.longest < STALL_BOUND_MS, f"the window froze for {probe.longest} ms"


def test_flate_bomb_template_is_refused_at_upload_with_a_sentence(
    generated: dict[str, bytes], roadster_client: RoadsterClient
) -> None:
    template = templates_api.TemplateRequest("Refused bomb upload", "bomb.pdf", ff.to_definition([FIELD]))
    with pytest.raises(errors.ApiError) as refused:
        templates_api.create_template(roadster_client, "hyundaidemo", template, generated["flate-bomb-400mb.pdf"])
    assert refused.value.status == 400
    assert "compression bomb" in str(refused.value)
    names = [t.name for t in templates_api.list_templates(roadster_client, "hyundaidemo")]
    assert "Refused bomb upload" not in names
