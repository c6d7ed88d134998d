"""What a document worker does with one request; runs only in the worker process, on hostile bytes.

Each operation answers a JSON header and a binary payload. A file that is refused or damaged answers
``{"error": sentence, "field": ...}``; the app turns that into an exception with the same sentence. PDFs are
rendered with pypdfium2 (PDFium, the engine QtPdf wraps, without Qt: the worker starts in a fraction of the time
and memory a QGuiApplication needs, and the sandbox, which must not import Qt, can use the same worker). Images
are decoded with Pillow, which also applies the EXIF orientation of a phone photo.

A request that names its document by a token (``doc``) keeps the PDF open in :data:`HELD` for the next one, which
may then leave the bytes out: paging, zooming and turning send a few numbers, not the document again.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from typing import Any

from desktop.domain import file_formats
from desktop.domain import form_fields as ff
from desktop.services import form_filling
from desktop.services.doc_worker import checks
from desktop.services.doc_worker.held import HeldDocuments
from desktop.services.doc_worker.protocol import split_parts

Reply = tuple[dict[str, Any], bytes]
MAX_RENDER_PIXELS = 16_000_000  # one rendered page: 4,000 × 4,000, 64 MB of pixels
FPDF_ERR_PASSWORD = 4  # PDFium's error code for a missing or wrong password
MAX_IMAGE_SIDE = 2048  # an image preview is scaled down to this before it leaves the worker
ROTATIONS = (0, 90, 180, 270)
HELD = HeldDocuments()  # this worker process's open documents


class Uncached(Exception):
    """The request left its bytes out, but this worker does not hold the document (any more): send them."""


def _error(message: str, field: str = "contents", kind: str = "refused") -> Reply:
    return {"error": message, "field": field, "kind": kind}, b""


def _open_pdf(data: bytes, password: str) -> Any:
    import pypdfium2 as pdfium  # only the worker loads PDFium

    return pdfium.PdfDocument(data, password=password or None)


def _document(header: dict[str, Any], data: bytes) -> tuple[Any, bool]:
    """The PDF a request is about, and whether the caller must close it (False: it is held for the next request)."""
    token = str(header.get("doc", ""))
    if token and not data:
        pdf = HELD.get(token)
        if pdf is None:
            raise Uncached
        return pdf, False
    pdf = _open_pdf(data, str(header.get("password", "")))
    if token and HELD.keep(token, pdf, data):
        return pdf, False
    return pdf, True


def _pdfium_error(exc: Exception) -> str | None:
    """``"password"`` when PDFium refused the (missing) password; None for any other failure."""
    if getattr(exc, "err_code", None) == FPDF_ERR_PASSWORD or "password" in str(exc).lower():
        return "password"
    return None


def _page_sizes(pdf: Any) -> list[list[float]]:
    return [list(pdf.get_page_size(i)) for i in range(len(pdf))]


def _pixels(bitmap: Any) -> tuple[dict[str, Any], bytes]:
    """A rendered bitmap as raw rows (``RGBX``, byte order as QImage.Format_RGBX8888 takes them without decoding)."""
    return (
        {"width": bitmap.width, "height": bitmap.height, "stride": bitmap.stride, "format": str(bitmap.mode)},
        bytes(bitmap.buffer),
    )


def _image_pixels(image: Any) -> tuple[dict[str, Any], bytes]:
    rgba = image.convert("RGBA")
    return (
        {"width": rgba.width, "height": rgba.height, "stride": rgba.width * 4, "format": "RGBA"},
        rgba.tobytes(),
    )


def open_document(header: dict[str, Any], data: bytes) -> Reply:
    """What a preview needs first: a PDF's page sizes (or that it wants a password), an image's pixels."""
    kind = "pdf" if header.get("doc") and not data else file_formats.sniff(data[:2048])
    if kind is None:
        return _error("The file is not a PDF, JPEG or PNG file.")
    if kind != "pdf":
        return _open_image(kind, data)
    password = str(header.get("password", ""))
    try:
        pdf, owned = _document(header, data)
    except Uncached:
        raise
    except Exception as exc:  # PdfiumError and friends: the file is damaged or locked
        if _pdfium_error(exc) == "password":
            return {"kind": "pdf", "password": "wrong" if password else "needed"}, b""
        return _error("The PDF is damaged or not a PDF the viewer can read.", kind="damaged")
    refused = True
    try:
        pages = len(pdf)
        if pages == 0:
            return _error("The PDF has no pages.", kind="damaged")
        if pages > checks.MAX_PAGES:
            return _error(f"The PDF has more than {checks.MAX_PAGES} pages; it is too long to preview.")
        try:
            sizes = _page_sizes(pdf)
        except Exception:  # PDFium cannot size a page of a broken tree
            return _error("The PDF's pages are damaged; it cannot be shown.", kind="damaged")
        refused = False
        return {"kind": "pdf", "pages": pages, "sizes": sizes}, b""
    finally:
        if owned:
            pdf.close()
        elif refused:  # nobody will page through a file that cannot be shown
            HELD.drop(str(header["doc"]))


def _open_image(kind: str, data: bytes) -> Reply:
    from PIL import Image, ImageOps  # only the worker decodes images

    try:
        checks.check_image(data, kind)
    except checks.LimitExceeded as exc:
        return _error(str(exc))
    Image.MAX_IMAGE_PIXELS = checks.MAX_IMAGE_PIXELS
    try:
        with Image.open(io.BytesIO(data), formats=["PNG", "JPEG"]) as image:
            image.draft("RGB", (MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))  # JPEG: decode at a reduced scale when it can
            shown = ImageOps.exif_transpose(image)
            shown.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
            meta, pixels = _image_pixels(shown)
    except MemoryError:
        raise  # the worker's own answer: over its memory limit
    except Exception as exc:  # Pillow raises many types on damaged images
        return _error(f"The image is damaged and cannot be shown ({type(exc).__name__}).", kind="damaged")
    return {"kind": kind, "image": meta, "parts": [len(pixels)]}, pixels


def render(header: dict[str, Any], data: bytes) -> Reply:
    """Pages at ``scale`` pixels per point, turned ``rotation`` degrees clockwise, as raw pixel rows.

    The scale is lowered so no page is over MAX_RENDER_PIXELS.
    """
    pages = [int(p) for p in header.get("pages", [])]
    scale = float(header.get("scale", 1.0))
    rotation = int(header.get("rotation", 0))
    if not math.isfinite(scale) or scale <= 0:
        return _error("The zoom must be a positive number.", field="scale")
    if rotation not in ROTATIONS:
        return _error("A page turns by a quarter: 0, 90, 180 or 270 degrees.", field="rotation")
    try:
        pdf, owned = _document(header, data)
    except Uncached:
        raise
    except Exception:  # damaged since it was opened: say so
        return _error("The PDF is damaged or not a PDF the viewer can read.", kind="damaged")
    try:
        images, blobs = _render_all(pdf, pages, scale, rotation)
    except IndexError as exc:
        return _error(str(exc), field="page")
    except Exception:  # PDFium on a broken page tree or page
        return _error("A page of the PDF is damaged and cannot be drawn.", kind="damaged")
    finally:
        if owned:
            pdf.close()
    return {"images": images, "parts": [len(b) for b in blobs]}, b"".join(blobs)


def _render_all(pdf: Any, pages: list[int], scale: float, rotation: int) -> tuple[list[dict[str, Any]], list[bytes]]:
    images: list[dict[str, Any]] = []
    blobs: list[bytes] = []
    for index in pages:
        if not 0 <= index < len(pdf):
            raise IndexError(f"The PDF has no page {index + 1}.")
        width, height = pdf.get_page_size(index)
        page_scale = min(scale, math.sqrt(MAX_RENDER_PIXELS / max(width * height, 1.0)))
        page = pdf[index]
        try:
            bitmap = page.render(
                scale=page_scale,
                rotation=rotation,
                fill_color=(255, 255, 255, 255),
                may_draw_forms=True,
                prefer_bgrx=True,
                rev_byteorder=True,
            )
            meta, pixels = _pixels(bitmap)
        finally:
            page.close()
        images.append({**meta, "page": index})
        blobs.append(pixels)
    return images, blobs


def check(_header: dict[str, Any], data: bytes) -> Reply:
    """The limits of :mod:`checks`, for an upload or a template before it is accepted."""
    try:
        found = checks.check_file(data)
    except checks.LimitExceeded as exc:
        return _error(str(exc))
    return {"kind": found.kind, "pages": found.pages, "encrypted": found.encrypted}, b""


def template(header: dict[str, Any], data: bytes) -> Reply:
    """A template's page sizes as pypdf reads them, and its definition checked against them when one is given."""
    try:
        checks.check_pdf(data)
        sizes = form_filling.page_sizes(data)
        definition = header.get("definition")
        fields = form_filling.check_template(data, definition) if definition is not None else []
    except checks.LimitExceeded as exc:
        return _error(str(exc), field="file_stream")
    except form_filling.TemplatePdfError as exc:
        return _error(str(exc), field="file_stream")
    except ff.FormDefinitionError as exc:
        return _error(exc.message, field=exc.field, kind="definition")
    return {
        "sizes": [[s.width, s.height] for s in sizes],
        "definition": ff.to_definition(fields, len(sizes)),
    }, b""


def fill(header: dict[str, Any], data: bytes) -> Reply:
    """:func:`form_filling.fill`; any failure of a malformed template is a sentence, not a traceback."""
    try:
        checks.check_pdf(data)
        fields = ff.parse_definition(header.get("definition"))
        values = {str(k): str(v) for k, v in dict(header.get("values", {})).items()}
        filled = form_filling.fill(data, fields, values)
    except (checks.LimitExceeded, form_filling.TemplatePdfError) as exc:
        return _error(f"The template cannot be filled: {exc}", field="template")
    except ff.FormDefinitionError as exc:
        return _error(exc.message, field=exc.field, kind="definition")
    except RecursionError:
        return _error("The template nests its objects too deeply to be filled.", field="template")
    except MemoryError:
        raise  # the worker's own answer: over its memory limit
    except Exception as exc:  # pypdf on a malformed template: many exception types
        return _error(f"The template cannot be filled: it is damaged ({type(exc).__name__}).", field="template")
    return {"shrunk": filled.shrunk, "clipped": filled.clipped, "parts": [len(filled.data)]}, filled.data


def combine(header: dict[str, Any], data: bytes) -> Reply:
    """Several PDFs (the ``parts`` of the payload) appended into one."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    try:
        for part in split_parts(header, data):
            writer.append(PdfReader(io.BytesIO(part)))
        out = io.BytesIO()
        writer.write(out)
    except MemoryError:
        raise  # the worker's own answer: over its memory limit
    except Exception as exc:  # pypdf on a malformed file: many exception types
        return _error(f"The forms cannot be merged: one is damaged ({type(exc).__name__}).", field="template")
    merged = out.getvalue()
    return {"parts": [len(merged)]}, merged


OPERATIONS: dict[str, Callable[[dict[str, Any], bytes], Reply]] = {
    "open": open_document,
    "render": render,
    "check": check,
    "template": template,
    "fill": fill,
    "combine": combine,
}


def warm_up() -> None:
    """Load the readers before the first request, so a document's time limit is not spent importing them."""
    import pypdfium2
    from PIL import Image, ImageOps

    del pypdfium2, Image, ImageOps


def handle(header: dict[str, Any], data: bytes) -> Reply:
    operation = OPERATIONS.get(str(header.get("op")))
    if operation is None:
        return _error(f"Unknown document operation {header.get('op')!r}.", field="op")
    try:
        return operation(header, data)
    except Uncached:
        return _error("The document reader no longer holds this file; it is sent again.", kind="uncached")
