"""Typed calls to the document workers, for the services, the window (through the TaskRunner) and the sandbox.

Every function takes the bytes of a file nobody has vouched for and returns plain data (page sizes, raw pixel rows,
a filled PDF) or raises with a sentence: :class:`DocumentError` from the pool, or the exceptions the template code
already uses (:class:`TemplatePdfError`, :class:`FormDefinitionError`) so callers keep their handling.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.domain import documents as rules
from desktop.domain import form_fields as ff
from desktop.services.cancel import JobControl
from desktop.services.doc_worker.held import content_key, document_token
from desktop.services.doc_worker.pool import DocumentError, DocumentWorkers, shared_workers
from desktop.services.doc_worker.protocol import split_parts
from desktop.services.form_filling import FilledPdf, TemplatePdfError


@dataclass(frozen=True)
class RawImage:
    """Pixel rows as the worker left them: ``format`` is ``RGBX`` (a rendered page) or ``RGBA`` (an image)."""

    width: int
    height: int
    stride: int
    format: str
    pixels: bytes
    page: int = 0


@dataclass(frozen=True)
class Opened:
    """A file as a preview first needs it: a PDF's page sizes (or that it wants a password), an image's pixels."""

    kind: str
    sizes: list[ff.PageSize] = field(default_factory=list)
    locked: str = ""  # "needed" or "wrong": PDFium refused to open it without the right password
    image: RawImage | None = None
    key: str = ""  # the bytes' hash: later renders pass it, so a worker that holds the file open is sent no bytes

    @property
    def pages(self) -> int:
        return len(self.sizes)


def _pool(workers: DocumentWorkers | None) -> DocumentWorkers:
    return workers if workers is not None else shared_workers()


def _image(meta: Mapping[str, Any], pixels: bytes) -> RawImage:
    width, height, stride = int(meta["width"]), int(meta["height"]), int(meta["stride"])
    if width <= 0 or height <= 0 or stride < width or len(pixels) < stride * height:
        raise DocumentError("The document reader sent a picture that does not add up; the file cannot be shown.")
    return RawImage(width, height, stride, str(meta["format"]), pixels, int(meta.get("page", 0)))


def open_document(
    data: bytes,
    password: str = "",
    *,
    name: str = "The file",
    control: JobControl | None = None,
    workers: DocumentWorkers | None = None,
) -> Opened:
    """Opens the file in a worker, which keeps a PDF open for the renders that follow (see :mod:`.held`)."""
    key = content_key(data)
    header = {"op": "open", "password": password, "doc": document_token(key, password)}
    reply, payload = _pool(workers).request(header, data, what=name, control=control)
    kind = str(reply.get("kind", ""))
    if "image" in reply:
        return Opened(kind, image=_image(reply["image"], split_parts(reply, payload)[0]), key=key)
    if reply.get("password"):
        return Opened(kind, locked=str(reply["password"]), key=key)
    return Opened(kind, [ff.PageSize(float(w), float(h)) for w, h in reply.get("sizes", [])], key=key)


def render_pages(
    data: bytes,
    pages: Sequence[int],
    scale: float,
    password: str = "",
    *,
    rotation: int = 0,
    key: str = "",
    name: str = "The file",
    timeout: float | None = None,
    control: JobControl | None = None,
    workers: DocumentWorkers | None = None,
) -> list[RawImage]:
    """``pages`` drawn at ``scale`` pixels per point (the worker lowers it for a page too big to draw), turned
    ``rotation`` degrees clockwise. ``key`` is :attr:`Opened.key` (hashed here when not given): a worker that holds
    the document open is sent only the pages, zoom and turn."""
    token = document_token(key or content_key(data), password)
    header = {"op": "render", "pages": list(pages), "scale": scale, "rotation": rotation, "password": password}
    header["doc"] = token
    reply, payload = _pool(workers).request(header, data, what=name, timeout=timeout, control=control)
    return [_image(meta, part) for meta, part in zip(reply.get("images", []), split_parts(reply, payload), strict=True)]


@dataclass(frozen=True)
class UploadCheck:
    """What checking a file for upload found: its problem, or what it is (a PDF's pages; 0 for an image)."""

    problem: rules.Problem | None
    kind: str = ""
    pages: int = 0
    encrypted: bool = False


def inspect_upload(
    file_name: str, data: bytes, *, workers: DocumentWorkers | None = None, control: JobControl | None = None
) -> UploadCheck:
    """Everything an upload must pass before it is sent or stored: size and header here, limits in a worker.

    With ``control``, a cancel stops the worker's check (a dialog closed while its files were being checked).
    """
    problem = rules.file_problem(file_name, data)
    if problem is not None:
        return UploadCheck(problem)
    try:
        reply, _ = _pool(workers).request({"op": "check"}, data, what=f"File {file_name!r}", control=control)
    except DocumentError as exc:
        return UploadCheck(rules.Problem("contents", f"File {file_name!r} is refused: {exc}"))
    return UploadCheck(None, str(reply.get("kind", "")), int(reply.get("pages", 0)), bool(reply.get("encrypted")))


def check_upload(file_name: str, data: bytes, *, workers: DocumentWorkers | None = None) -> rules.Problem | None:
    """:func:`inspect_upload`'s problem, when that is all the caller needs."""
    return inspect_upload(file_name, data, workers=workers).problem


def _template_reply(data: bytes, definition: object, workers: DocumentWorkers | None) -> dict[str, Any]:
    header: dict[str, Any] = {"op": "template"}
    if definition is not None:
        header["definition"] = definition
    try:
        reply, _ = _pool(workers).request(header, data, what="The template's PDF")
    except DocumentError as exc:
        if exc.kind == "definition":
            raise ff.FormDefinitionError(str(exc), exc.field) from None
        raise TemplatePdfError(str(exc)) from None
    return reply


def template_sizes(data: bytes, *, workers: DocumentWorkers | None = None) -> list[ff.PageSize]:
    """A template PDF's pages as form filling sees them; raises :class:`TemplatePdfError` with a sentence."""
    return [ff.PageSize(float(w), float(h)) for w, h in _template_reply(data, None, workers)["sizes"]]


def check_template(data: bytes, definition: object, *, workers: DocumentWorkers | None = None) -> list[ff.FormField]:
    """The fields of ``definition`` checked against the PDF (limits included), as form_filling.check_template."""
    reply = _template_reply(data, definition, workers)
    sizes = [ff.PageSize(float(w), float(h)) for w, h in reply["sizes"]]
    return ff.parse_definition(definition, sizes)


def fill(
    data: bytes,
    fields: Sequence[ff.FormField],
    values: Mapping[str, str],
    *,
    workers: DocumentWorkers | None = None,
) -> FilledPdf:
    """:func:`form_filling.fill` in a worker; raises :class:`TemplatePdfError` with a sentence when it cannot."""
    header = {"op": "fill", "definition": ff.to_definition(fields), "values": dict(values)}
    try:
        reply, payload = _pool(workers).request(header, data, what="Filling the template")
    except DocumentError as exc:
        raise TemplatePdfError(str(exc)) from None
    (filled,) = split_parts(reply, payload)
    return FilledPdf(filled, list(reply.get("shrunk", [])), list(reply.get("clipped", [])))


def combine(pdfs: Sequence[bytes], *, workers: DocumentWorkers | None = None) -> bytes:
    """Filled forms merged into one PDF, in order, to page through before a packet is created."""
    header = {"op": "combine", "parts": [len(p) for p in pdfs]}
    try:
        reply, payload = _pool(workers).request(header, b"".join(pdfs), what="Merging the filled forms")
    except DocumentError as exc:
        raise TemplatePdfError(str(exc)) from None
    (merged,) = split_parts(reply, payload)
    return merged
