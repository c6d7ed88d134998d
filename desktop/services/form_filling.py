"""Fill a template PDF with an order's data: text drawn in each field's box, signature boxes left for e-signature.

Used by the sandbox (a form packet) and by the app (the local preview before a packet is created). Plain pypdf: each
page with fields gets an overlay page, written as a small PDF content stream in the standard Helvetica font (one of
the 14 fonts every PDF reader has, so nothing is embedded), merged on top of the page.

Geometry follows :mod:`desktop.domain.form_fields`: points from the top-left corner of the page as shown. Text is
vertically centred in its box with 1.5 points of left padding; text that does not fit at the field's font size is
shrunk (down to 4 points) and, if it still does not fit, clipped at the box's edge. PDFs with AcroForm fields work
like any other; when a template field has the name of an AcroForm field, that form field receives the value too.
A page with a ``/Rotate`` has the rotation moved into its content before filling, so it looks the same and the
boxes land where the designer, working on the page as shown, put them.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from desktop.domain.file_formats import pdf_header_offset
from desktop.domain.form_fields import MIN_FONT_SIZE, FormField, PageSize, parse_definition

FONT_RESOURCE = "/DDHelv"
PADDING = 1.5
ASCENT = 0.718  # Helvetica, per point of font size
DESCENT = 0.207
# Helvetica advance widths (1/1000 em) for ASCII 32..126, from Adobe's core-14 AFM.
_ASCII_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667,
    556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556,
    556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722,
    500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
_DEFAULT_WIDTH = 556


class TemplatePdfError(ValueError):
    """The file cannot be used as a template; the message says why in words a user can act on."""


def text_width(text: str, size: float) -> float:
    """Width in points of ``text`` in Helvetica at ``size``."""
    total = 0
    for ch in text:
        code = ord(ch)
        total += _ASCII_WIDTHS[code - 32] if 32 <= code <= 126 else _DEFAULT_WIDTH
    return total * size / 1000


def open_pdf(data: bytes) -> PdfReader:
    """A reader over ``data``; an encrypted PDF is opened only when it needs no password to view."""
    if pdf_header_offset(data) is None:
        raise TemplatePdfError("The file is not a PDF (it has no %PDF- header at its start).")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise TemplatePdfError("The PDF is password-protected; save an unprotected copy and use that.")
        if len(reader.pages) == 0:
            raise TemplatePdfError("The PDF has no pages.")
    except TemplatePdfError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, NotImplementedError) as exc:
        raise TemplatePdfError(f"The PDF cannot be read ({type(exc).__name__}).") from exc
    return reader


def _rotation(page: PageObject) -> int:
    return int(page.get("/Rotate", 0) or 0) % 360


def shown_size(page: PageObject) -> PageSize:
    """The page as a viewer shows it: its crop box, turned by its rotation."""
    box = page.cropbox
    width, height = float(box.width), float(box.height)
    return PageSize(height, width) if _rotation(page) in (90, 270) else PageSize(width, height)


def page_sizes(data: bytes) -> list[PageSize]:
    return [shown_size(p) for p in open_pdf(data).pages]


def check_template(data: bytes, definition: object) -> list[FormField]:
    """The fields of ``definition`` checked against the PDF's pages (raises TemplatePdfError/FormDefinitionError)."""
    return parse_definition(definition, page_sizes(data))


@dataclass
class FilledPdf:
    """The filled file and what did not fit: ``shrunk`` and ``clipped`` name fields, for a preview to warn about."""

    data: bytes
    shrunk: list[str] = field(default_factory=list)
    clipped: list[str] = field(default_factory=list)


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _single_line(text: str) -> str:
    return " ".join(text.split())


def fit_font_size(text: str, f: FormField) -> tuple[float, bool]:
    """The size to draw ``text`` at in ``f``'s box and whether it still overflows (and is clipped)."""
    size = min(f.font_size, max(MIN_FONT_SIZE, f.height / (ASCENT + DESCENT)))
    room = max(f.width - 2 * PADDING, 1.0)
    wide = text_width(text, size)
    if wide > room:
        size = max(MIN_FONT_SIZE, size * room / wide)
    return size, text_width(text, size) > room + 0.01


def _field_ops(f: FormField, text: str, size: float, page_height: float, left: float, bottom: float) -> bytes:
    x0 = left + f.x
    y0 = bottom + page_height - f.y - f.height
    baseline = y0 + (f.height - (ASCENT + DESCENT) * size) / 2 + DESCENT * size
    return b"".join(
        (
            b"q\n",
            f"{x0:.2f} {y0:.2f} {f.width:.2f} {f.height:.2f} re W n\n".encode(),
            f"BT {FONT_RESOURCE} {size:.2f} Tf 0 g 1 0 0 1 {x0 + PADDING:.2f} {baseline:.2f} Tm\n".encode(),
            b"(" + _escape(text) + b") Tj ET\nQ\n",
        )
    )


def _helvetica() -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )


def overlay_page(width: float, height: float, content: bytes) -> PageObject:
    """A blank page of the given size whose content is ``content``, with Helvetica as ``/DDHelv``."""
    page = PageObject.create_blank_page(width=width, height=height)
    stream = DecodedStreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = stream
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject(FONT_RESOURCE): _helvetica()})}
    )
    return page


def _acroform_names(writer: PdfWriter) -> set[str]:
    try:
        return set((writer.get_fields() or {}).keys())
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError):
        return set()


def fill(data: bytes, fields: Sequence[FormField], values: Mapping[str, str]) -> FilledPdf:
    """Fill ``fields`` with ``values`` (field type → text); signature and initials boxes stay empty."""
    reader = open_pdf(data)
    writer = PdfWriter(clone_from=reader)
    acro = _acroform_names(writer)
    result = FilledPdf(b"")
    by_page: dict[int, list[FormField]] = {}
    for f in fields:
        by_page.setdefault(f.page, []).append(f)
    for index, page in enumerate(writer.pages):
        wanted = by_page.get(index, [])
        if not wanted:
            continue
        if _rotation(page):
            page.transfer_rotation_to_content()
        box = page.cropbox
        left, bottom, height = float(box.left), float(box.bottom), float(box.height)
        ops = [b"q\n"]
        form_values: dict[str, str] = {}
        for f in wanted:
            text = "" if f.is_signature else _single_line(values.get(f.type, ""))
            if not text:
                continue
            size, clipped = fit_font_size(text, f)
            if size < f.font_size - 0.01:
                result.shrunk.append(f.name)
            if clipped:
                result.clipped.append(f.name)
            ops.append(_field_ops(f, text, size, height, left, bottom))
            if f.name in acro:
                form_values[f.name] = text
        ops.append(b"Q\n")
        if len(ops) > 2:
            media = page.mediabox
            page.merge_page(overlay_page(float(media.right), float(media.top), b"".join(ops)))
        if form_values:
            writer.update_page_form_field_values(page, form_values, auto_regenerate=False)
    if acro:
        writer.set_need_appearances_writer(True)
    out = io.BytesIO()
    writer.write(out)
    result.data = out.getvalue()
    return result


@dataclass(frozen=True)
class PdfText:
    """Static text for :func:`letter_pdf`: top-left origin like the fields, Helvetica."""

    x: float
    y: float
    text: str
    size: float = 10.0


@dataclass(frozen=True)
class PdfRule:
    """A horizontal line (a blank to write on) for :func:`letter_pdf`."""

    x: float
    y: float
    width: float


LETTER = PageSize(612, 792)


def letter_pdf(pages: Sequence[Sequence[PdfText | PdfRule]]) -> bytes:
    """A plain US-letter PDF of text and rules: the sandbox's demo dealer forms and tests' adversarial files."""
    writer = PdfWriter()
    for items in pages:
        ops: list[bytes] = [b"0 g 0.5 w\n"]
        for item in items:
            y = LETTER.height - item.y
            if isinstance(item, PdfText):
                ops.append(
                    f"BT {FONT_RESOURCE} {item.size:.2f} Tf 1 0 0 1 {item.x:.2f} {y:.2f} Tm\n".encode()
                    + b"("
                    + _escape(item.text)
                    + b") Tj ET\n"
                )
            else:
                ops.append(f"{item.x:.2f} {y:.2f} m {item.x + item.width:.2f} {y:.2f} l S\n".encode())
        writer.add_page(overlay_page(LETTER.width, LETTER.height, b"".join(ops)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
