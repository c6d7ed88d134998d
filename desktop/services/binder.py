"""The document binder's use cases: queue files, upload them, list, fetch, delete and save customer documents.

Every file goes through the encrypted :class:`UploadQueue` first, so a failed upload (network, server, app quit)
leaves the file waiting to be retried instead of lost. Run from worker threads; nothing here touches Qt.
"""

from __future__ import annotations

import stat
from dataclasses import asdict, dataclass
from pathlib import Path

from desktop.api.errors import ApiError, Cancelled
from desktop.api.roadster import documents
from desktop.api.roadster.client import RoadsterClient
from desktop.api.roadster.documents import DocType, UploadRequest
from desktop.api.roadster.schema import CustomerDocument
from desktop.domain import documents as rules
from desktop.domain.file_formats import clean_file_name
from desktop.services.cancel import JobControl
from desktop.services.doc_worker import client as doc_worker
from desktop.services.doc_worker.pool import DocumentWorkers
from desktop.store.upload_queue import FAILED, PENDING, QueuedUpload, UploadQueue


class RefusedFile(ValueError):
    """A file or its details were refused before anything was sent; ``field`` names what to fix."""

    def __init__(self, problem: rules.Problem) -> None:
        super().__init__(problem.message)
        self.field = problem.field


@dataclass(frozen=True)
class Draft:
    """What the user chose for one file."""

    customer_id: int
    dpid: str
    document_name: str
    document_type: str
    file_name: str
    relationship: str | None = None
    co_app_email_id: str | None = None

    def problem(self) -> rules.Problem | None:
        if self.customer_id <= 0:
            return rules.Problem("customer_id", "Pick a customer first.")
        if not self.dpid:
            return rules.Problem("dealer", "Pick a rooftop first.")
        return rules.metadata_problem(
            self.document_type, self.file_name, self.relationship, self.co_app_email_id, self.document_name
        )

    @classmethod
    def from_details(cls, details: dict[str, object]) -> Draft:
        return cls(**details)  # type: ignore[arg-type]


def draft_for(path: Path, customer_id: int, dpid: str) -> Draft:
    """Sensible defaults from the file's name; the user confirms or changes them."""
    document_type, relationship = rules.guess_type(path.name)
    name = clean_file_name(path.name)
    return Draft(customer_id, dpid, rules.default_name(name), document_type, name, relationship)


@dataclass(frozen=True)
class Inspection:
    """A file as the upload dialog describes it before it is queued: its size, and what it is or why it is refused."""

    size: int
    check: doc_worker.UploadCheck

    @property
    def problem(self) -> rules.Problem | None:
        return self.check.problem


def inspect(path: Path, workers: DocumentWorkers | None = None, control: JobControl | None = None) -> Inspection:
    """Check one file as :meth:`Binder.enqueue` will (size, header, limits in a document worker).

    The dialog runs it while the user describes the files, so a refused one is named beside the details typed
    for it, not after the dialog has closed. A path that is not a regular file (a pipe, a device) is refused
    before it is opened: reading one could block the worker for good.
    """
    name = clean_file_name(path.name)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return Inspection(0, doc_worker.UploadCheck(rules.Problem("contents", f"{name!r} is not a file.")))
        problem = rules.size_problem(name, info.st_size)
        if problem is not None:
            return Inspection(info.st_size, doc_worker.UploadCheck(problem))
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return Inspection(0, doc_worker.UploadCheck(rules.Problem("contents", f"{name!r} cannot be read: {reason}.")))
    if control is not None:
        control.check()
    return Inspection(len(data), doc_worker.inspect_upload(name, data, workers=workers, control=control))


def _message(exc: BaseException) -> str:
    return exc.sentence() if isinstance(exc, ApiError) else (str(exc) or type(exc).__name__)


class Binder:
    """Queue and upload; the read calls are plain functions below."""

    def __init__(self, queue: UploadQueue, workers: DocumentWorkers | None = None) -> None:
        self.queue = queue
        self.workers = workers

    def enqueue(self, draft: Draft, path: Path) -> QueuedUpload:
        """Check, read and seal one file into the queue; raises :class:`RefusedFile` naming the problem.

        The file is checked as the server will check it (header, page count, nesting, inflated size, image pixels)
        in a document worker, so a bomb is refused here, with a sentence, before it is queued or sent.
        """
        problem = draft.problem()
        if problem is not None:
            raise RefusedFile(problem)
        size = path.stat().st_size
        problem = rules.size_problem(draft.file_name, size)
        if problem is not None:
            raise RefusedFile(problem)
        data = path.read_bytes()
        problem = doc_worker.check_upload(draft.file_name, data, workers=self.workers)
        if problem is not None:
            raise RefusedFile(problem)
        return self.queue.add(asdict(draft), data)

    def upload(self, client: RoadsterClient, entry_id: str, control: JobControl | None = None) -> int:
        """Send one queued file; on success it leaves the queue, on failure it stays marked failed and re-raises."""
        control = control or JobControl()
        entry = next((e for e in self.queue.entries() if e.id == entry_id), None)
        if entry is None:
            raise KeyError(f"upload {entry_id} is no longer queued")
        draft = Draft.from_details(entry.details)
        self.queue.mark(entry_id, PENDING)
        data = self.queue.data(entry_id)
        request = UploadRequest(
            draft.dpid,
            draft.document_name,
            draft.document_type,
            draft.file_name,
            draft.relationship,
            draft.co_app_email_id,
        )

        def progress(done: int, total: int) -> None:
            control.check()
            control.progress(done, total, draft.file_name)

        try:
            control.check()
            document_id = documents.upload(client, draft.customer_id, request, data, on_progress=progress)
        except Cancelled:
            raise
        except Exception as exc:
            self.queue.mark(entry_id, FAILED, _message(exc))
            raise
        finally:
            del data
        self.queue.remove(entry_id)
        return document_id


def list_documents(
    client: RoadsterClient, customer_id: int, doc_type: DocType = "all", *, dpid: str | None = None
) -> list[CustomerDocument]:
    """The customer's documents; ``dpid`` names the dealer in the payload, where the reference puts it."""
    return documents.list_documents(client, customer_id, doc_type, dpid=dpid)


def fetch(client: RoadsterClient, customer_id: int, doc_id: int, *, dpid: str | None = None) -> bytes:
    return documents.contents(client, customer_id, doc_id, dpid=dpid)


def delete(client: RoadsterClient, customer_id: int, doc_ids: list[int], *, dpid: str | None = None) -> str:
    return documents.delete_documents(client, customer_id, doc_ids, dpid=dpid)


def copy_name(file_name: str) -> str:
    """The name "Save a copy" suggests: the stored name is the sender's, so only its cleaned base name is offered."""
    return clean_file_name(file_name)


def save_copy(client: RoadsterClient, customer_id: int, doc_id: int, target: Path, *, dpid: str | None = None) -> Path:
    """Write the document where the user chose; the only clear copy on disk is the one they asked for."""
    data = documents.contents(client, customer_id, doc_id, dpid=dpid)
    target.write_bytes(data)
    return target
