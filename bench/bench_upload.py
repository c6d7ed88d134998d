"""Binder upload and preview: a 25 MB PDF queued (encrypted) and uploaded through the TaskRunner's write pool
while a 10 ms timer watches the GUI event loop, with Python's peak extra memory; and the time to the first page
of a 200-page PDF in the preview.

    python bench/bench_upload.py

The sandbox runs in its own process. Memory is measured with tracemalloc (Python allocations: file bytes,
ciphertext, base64 chunks), relative to the moment before the file is read, in a second run: tracing slows
Python down, so the stall is measured in a run without it.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
import keyring.backend
from pypdf import PdfWriter

from bench._common import API_KEY, HEADER, SandboxProcess, exit_without_teardown, row
from bench._gui import StallProbe
from desktop.api.roadster.client import RoadsterClient
from desktop.secrets import SecretStore
from desktop.services.binder import Binder, Draft
from desktop.store.upload_queue import UploadQueue

SIZE = 25 * 1024 * 1024


class _MemoryKeyring(keyring.backend.KeyringBackend):
    priority = -1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


def big_pdf(path: Path) -> None:
    """One page plus 25 MB of incompressible attachment: a scan-sized file that is still a valid PDF."""
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_attachment("scan.bin", os.urandom(SIZE - 4096))
    with path.open("wb") as f:
        writer.write(f)


def many_pages(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_customer(url: str) -> int:
    body = {
        "customer": {"first_name": "Bench", "last_name": "Mark", "email": f"bench{time.time_ns()}@example.com"},
        "dealer": {"dpid": "hyundaidemo"},
    }
    response = httpx.post(url + "/v1/customers", json=body, headers={"Authorization": f"Bearer {API_KEY}"})
    response.raise_for_status()
    return int(response.json()["customer"]["id"])


def gui_upload(url: str, folder: Path, pdf: Path, customer: int, *, trace: bool) -> tuple[float, float, int]:
    """Tracing memory slows Python down and lengthens GIL holds, so the stall and the memory are two runs."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    backend = _MemoryKeyring()
    queue = UploadQueue(folder / "uploads.sqlite3", SecretStore(backend))
    queue.entries()  # open the queue (keyring, SQLite) before measuring
    service = Binder(queue)
    client = RoadsterClient(url + "/v1", API_KEY)
    draft = Draft(customer, "hyundaidemo", "Deal jacket", "deal", pdf.name)
    probe = StallProbe().start()
    result: dict[str, float] = {}
    if trace:
        tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0] if trace else 0
    started = time.perf_counter()

    def uploaded(_doc_id: object) -> None:
        result["elapsed"] = time.perf_counter() - started
        result["peak"] = tracemalloc.get_traced_memory()[1] - base if trace else 0
        app.quit()

    def failed(exc: BaseException) -> None:
        print("upload failed:", exc)
        app.quit()

    def upload(control: object) -> int:
        entry = service.enqueue(draft, pdf)
        return service.upload(client, entry.id, control)  # type: ignore[arg-type]

    runner.submit_job(upload, uploaded, failed, write=True)
    app.exec()
    probe.stop()
    if trace:
        tracemalloc.stop()
    runner.wait_idle()
    client.close()
    queue.close()
    return result.get("elapsed", float("nan")), probe.longest_ms, int(result.get("peak", 0))


def first_page_ms(data: bytes) -> float:
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    from desktop.ui.widgets.document_preview import DocumentPreview

    _app = QApplication.instance() or QApplication([])
    preview = DocumentPreview()
    preview.resize(900, 700)
    preview.show()
    started = time.perf_counter()
    preview.show_bytes("200-pages.pdf", data)
    image = preview.document.render(0, QSize(612, 792))
    elapsed = (time.perf_counter() - started) * 1000
    assert preview.state == "pdf" and not image.isNull()
    preview.close()
    return elapsed


def main() -> int:
    server = SandboxProcess(10, "upload")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            pdf = folder / "deal-jacket.pdf"
            big_pdf(pdf)
            size = pdf.stat().st_size
            customer = make_customer(server.url)
            elapsed, gap_ms, _ = gui_upload(server.url, folder / "a", pdf, customer, trace=False)
            _, _, peak = gui_upload(server.url, folder / "b", pdf, customer, trace=True)
            first_ms = first_page_ms(many_pages(200))
    finally:
        server.stop()
    print(HEADER)
    print(row(f"upload {size / 2**20:.1f} MB PDF via write pool (s)", f"{elapsed:.2f}", "—", "—", "—", None))
    print(row("longest GUI event-loop gap during upload (ms)", f"{gap_ms:.0f}", "—", "—", "≤ 50", gap_ms <= 50))
    print(
        row(
            "peak extra Python memory during upload (MB)",
            f"{peak / 2**20:.1f}",
            f"file {size / 2**20:.1f}",
            f"{peak / size:.2f}×",
            "≤ 4×",
            peak <= 4 * size,
        )
    )
    print(row("first page of a 200-page PDF (ms)", f"{first_ms:.0f}", "—", "—", "≤ 300", first_ms <= 300))
    return 0


if __name__ == "__main__":
    exit_without_teardown(main())
