"""The binder service against a real sandbox, and its encrypted queue on a real SQLite file."""

from __future__ import annotations

import os
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from desktop.api import errors
from desktop.api.roadster.client import RoadsterClient
from desktop.domain import documents as rules
from desktop.sandbox.server import SandboxServer
from desktop.secrets import SecretStore
from desktop.services import binder
from desktop.services.binder import Binder, Draft, RefusedFile
from desktop.services.cancel import JobControl
from desktop.store.upload_queue import FAILED, UploadQueue
from tests.binder_helpers import FOUR_PAGES, SMILE_JPG, make_customer, sample_files
from tests.conftest import admin, roadster_for


@pytest.fixture
def queue(tmp_path: Path) -> UploadQueue:
    q = UploadQueue(tmp_path / "uploads.sqlite3", SecretStore())
    yield q
    q.close()


def draft(customer: int, path: Path, **over: object) -> Draft:
    base = binder.draft_for(path, customer, "hyundaidemo")
    return Draft(**{**base.__dict__, **over})  # type: ignore[arg-type]


def test_defaults_from_the_file_name() -> None:
    assert rules.guess_type("john_licence_back.jpg") == ("license_back", "self")
    assert rules.guess_type("Driver License.png") == ("license", "self")
    assert rules.guess_type("coapp-insurance.pdf") == ("insurance", "co_app")
    assert rules.guess_type("paystub-march.pdf") == ("income", "self")
    assert rules.guess_type("buyers_order.pdf") == ("deal", None)
    assert rules.guess_type("scan0001.jpg") == ("other", "self")
    assert rules.default_name("jane_doe-licence.jpg") == "Jane doe licence"


def test_queue_upload_and_round_trip(roadster: RoadsterClient, sandbox: SandboxServer, queue: UploadQueue) -> None:
    customer = make_customer(sandbox)
    service = Binder(queue)
    seen: list[tuple[int, int, str]] = []
    for sample in sample_files():
        entry = service.enqueue(draft(customer, sample), sample)
        doc_id = service.upload(roadster, entry.id, JobControl(lambda d, t, s: seen.append((d, t, s))))
        assert binder.fetch(roadster, customer, doc_id) == sample.read_bytes()
    assert queue.entries() == []
    assert {s for _, _, s in seen} == {p.name for p in sample_files()}
    assert len(binder.list_documents(roadster, customer)) == len(sample_files())


def test_queue_is_encrypted_at_rest(tmp_path: Path, queue: UploadQueue) -> None:
    data = SMILE_JPG.read_bytes()
    queue.add({"file_name": "jane-licence.jpg", "co_app_email_id": "jane@example.com"}, data)
    on_disk = b"".join(p.read_bytes() for p in tmp_path.glob("uploads.sqlite3*"))
    assert data[100:164] not in on_disk
    assert b"jane@example.com" not in on_disk
    assert b"jane-licence" not in on_disk


def test_failed_upload_stays_queued_across_a_restart(
    fresh_sandbox: SandboxServer, tmp_path: Path, memory_keyring: keyring.backend.KeyringBackend
) -> None:
    customer = make_customer(fresh_sandbox)
    client = roadster_for(fresh_sandbox)
    first = UploadQueue(tmp_path / "q.sqlite3", SecretStore())
    entry = Binder(first).enqueue(draft(customer, SMILE_JPG), SMILE_JPG)
    admin(
        fresh_sandbox,
        "POST",
        "/faults",
        json={"path_prefix": f"/v1/customers/{customer}/documents", "status": 500, "count": 5},
    )
    try:
        with pytest.raises(errors.ApiError):
            Binder(first).upload(client, entry.id)
        first.close()
        admin(fresh_sandbox, "DELETE", "/faults")
        # "Restart": a new queue object on the same file and keyring finds the file, marked failed.
        second = UploadQueue(tmp_path / "q.sqlite3", SecretStore())
        [waiting] = second.entries()
        assert waiting.status == FAILED
        assert waiting.error
        assert second.data(waiting.id) == SMILE_JPG.read_bytes()
        doc_id = Binder(second).upload(client, waiting.id)
        assert binder.fetch(client, customer, doc_id) == SMILE_JPG.read_bytes()
        assert second.entries() == []
        second.close()
    finally:
        client.close()


def test_refused_before_anything_is_queued(tmp_path: Path, queue: UploadQueue) -> None:
    fake = tmp_path / "licence.png"
    fake.write_bytes(b"%PDF-1.4 not a png")
    with pytest.raises(RefusedFile, match="contents are a PDF") as caught:
        Binder(queue).enqueue(draft(1, fake), fake)
    assert caught.value.field == "contents"
    with pytest.raises(RefusedFile, match="co-buyer's email"):
        Binder(queue).enqueue(draft(1, SMILE_JPG, relationship="co_app"), SMILE_JPG)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(RefusedFile, match="is empty"):
        Binder(queue).enqueue(draft(1, empty), empty)
    assert queue.entries() == []


def test_inspect_says_what_a_file_is_or_why_it_is_refused(tmp_path: Path) -> None:
    """What the upload dialog shows beside each file, checked as enqueue checks it."""
    pages = binder.inspect(FOUR_PAGES)
    assert (pages.problem, pages.check.kind, pages.check.pages) == (None, "pdf", 4)
    assert pages.size == FOUR_PAGES.stat().st_size
    image = binder.inspect(SMILE_JPG)
    assert (image.problem, image.check.kind) == (None, "jpeg")
    missing = binder.inspect(tmp_path / "gone.pdf")
    assert missing.problem is not None and "'gone.pdf' cannot be read" in missing.problem.message
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert "is empty" in str(binder.inspect(empty).problem)
    pipe = tmp_path / "scan.pdf"
    os.mkfifo(pipe)  # nothing ever writes to it: opening it to read would block the worker for good
    refused = binder.inspect(pipe).problem
    assert refused is not None and refused.message == "'scan.pdf' is not a file."


def test_a_cancelled_inspection_stops_before_the_document_worker(tmp_path: Path) -> None:
    control = JobControl()
    control.cancel()
    with pytest.raises(errors.Cancelled):
        binder.inspect(FOUR_PAGES, control=control)


def test_without_a_keyring_the_queue_is_memory_only(tmp_path: Path) -> None:
    q = UploadQueue(tmp_path / "q.sqlite3", SecretStore(fail.Keyring()))
    entry = q.add({"file_name": "a.jpg"}, b"\xff\xd8\xffdata")
    assert q.memory_only
    assert "memory only" in q.notice
    assert q.data(entry.id) == b"\xff\xd8\xffdata"
    assert not list(tmp_path.iterdir())
    q.remove(entry.id)
    assert q.entries() == []


def test_entries_sealed_under_a_lost_key_are_counted_not_crashing(
    tmp_path: Path, memory_keyring: keyring.backend.KeyringBackend
) -> None:
    first = UploadQueue(tmp_path / "q.sqlite3", SecretStore())
    first.add({"file_name": "a.jpg"}, b"\xff\xd8\xff")
    first.close()
    memory_keyring.store.clear()  # type: ignore[attr-defined]
    second = UploadQueue(tmp_path / "q.sqlite3", SecretStore())
    assert second.entries() == []
    assert second.unreadable == 1
    assert second.discard_unreadable() == 1
    second.close()


def test_save_copy_writes_the_exact_bytes(
    roadster: RoadsterClient, sandbox: SandboxServer, queue: UploadQueue, tmp_path: Path
) -> None:
    customer = make_customer(sandbox)
    service = Binder(queue)
    doc_id = service.upload(roadster, service.enqueue(draft(customer, SMILE_JPG), SMILE_JPG).id)
    target = binder.save_copy(roadster, customer, doc_id, tmp_path / "copy.jpg")
    assert target.read_bytes() == SMILE_JPG.read_bytes()
    assert binder.delete(roadster, customer, [doc_id]) == "Deleted 1 document."


def test_a_plain_file_keyring_never_holds_the_queue_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 18: with keyrings.alt the queue's AES key sat in a file beside the queue, which opened from disk alone."""
    import keyrings.alt.file_base
    from keyrings.alt.file import PlaintextKeyring

    key_file = tmp_path / "keyring_pass.cfg"
    monkeypatch.setattr(keyrings.alt.file_base.FileBacked, "file_path", str(key_file))
    q = UploadQueue(tmp_path / "queue" / "q.sqlite3", SecretStore(PlaintextKeyring()))
    entry = q.add({"file_name": "licence.jpg"}, b"\xff\xd8\xffdata")
    assert q.memory_only and q.data(entry.id) == b"\xff\xd8\xffdata"
    assert not key_file.exists() and not (tmp_path / "queue").exists()
