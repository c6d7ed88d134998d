"""Limits a PDF or image must respect before it is accepted as an upload or a template, and the walk that checks them.

The walk reads the file's structure with pypdf without decoding anything it does not have to: the page tree is
followed by hand with a set of visited objects (a tree that points back at itself is refused, not followed
forever), nesting is counted on an explicit stack (no recursion to exhaust), a Flate stream is inflated in chunks
only until the document's budget is spent, and an image's pixels are read from its dictionary, not decoded. It
runs inside a document worker, whose memory and time limits stop whatever the walk itself did not foresee.
"""

from __future__ import annotations

import io
import math
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from desktop.domain import file_formats

MAX_PAGES = 500
MAX_DEPTH = 64
MAX_OBJECTS = 200_000
MAX_INFLATED_BYTES = 128 * 1024 * 1024
MAX_IMAGE_PIXELS = 100_000_000  # a letter page scanned at 1,200 dpi is 135 MP; a 48 MP phone photo fits
MAX_PAGE_POINTS = 14_400.0  # 200 inches, the PDF specification's largest page
_CHUNK = 1024 * 1024


class LimitExceeded(ValueError):
    """The file is over one of the limits; the message says which, in words a user can act on."""


@dataclass(frozen=True)
class Checked:
    """What the check learnt: the format and, for a PDF, its page count."""

    kind: str
    pages: int = 0
    encrypted: bool = False


def check_image(data: bytes, kind: str) -> Checked:
    size = file_formats.image_size(data)
    if size is None:
        raise LimitExceeded(f"The {kind.upper()} header is damaged: its size cannot be read.")
    if size.pixels > MAX_IMAGE_PIXELS:
        raise LimitExceeded(
            f"The image is {size.width} × {size.height} pixels ({size.pixels / 1e6:.0f} megapixels); "
            f"the limit is {MAX_IMAGE_PIXELS // 1_000_000} megapixels. Scan or photograph it at a lower resolution."
        )
    return Checked(kind)


def check_file(data: bytes) -> Checked:
    """Check ``data`` (a PDF, PNG or JPEG) against the limits; raises :class:`LimitExceeded` with a sentence."""
    kind = file_formats.sniff(data[:2048])
    if kind is None:
        raise LimitExceeded("The file is not a PDF, JPEG or PNG file.")
    if kind != "pdf":
        return check_image(data, kind)
    return check_pdf(data)


def check_pdf(data: bytes) -> Checked:
    if file_formats.pdf_header_offset(data) is None:
        raise LimitExceeded("The file is not a PDF (it has no %PDF- header at its start).")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = bool(reader.is_encrypted)
        if encrypted and not _decrypts(reader):
            # Without its password nothing past the encryption dictionary can be read, by us or by the preview,
            # which asks for the password and then reads it in a worker under the same time and memory limits.
            return Checked("pdf", 0, encrypted=True)
        pages = _check_pages(reader)
        _check_objects(reader)
    except LimitExceeded:
        raise
    except RecursionError:
        raise LimitExceeded(f"The PDF nests its objects more than {MAX_DEPTH} levels deep.") from None
    except Exception as exc:  # pypdf raises many types on malformed files; each is a damaged file
        raise LimitExceeded(f"The PDF is damaged and cannot be read ({type(exc).__name__}).") from None
    return Checked("pdf", pages, encrypted)


def _decrypts(reader: PdfReader) -> bool:
    """Whether the empty user password opens it (many PDFs are encrypted only to restrict printing or copying)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # an unknown or broken encryption dictionary
        return False


def _resolve(obj: Any) -> Any:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _number(value: Any) -> float | None:
    value = _resolve(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _check_box(box: Any, page: int) -> None:
    box = _resolve(box)
    numbers = [_number(v) for v in box] if isinstance(box, ArrayObject) and len(box) == 4 else []
    if len(numbers) != 4 or any(n is None for n in numbers):
        raise LimitExceeded(f"Page {page} has a damaged /MediaBox (it must be four numbers).")
    x0, y0, x1, y1 = (n or 0.0 for n in numbers)
    width, height = abs(x1 - x0), abs(y1 - y0)
    if width < 1 or height < 1 or width > MAX_PAGE_POINTS or height > MAX_PAGE_POINTS:
        raise LimitExceeded(
            f"Page {page} is {width:g} × {height:g} points; a page must be between 1 and {MAX_PAGE_POINTS:g} points."
        )


def _check_rotate(value: Any, page: int) -> None:
    rotate = _resolve(value)
    if not isinstance(rotate, int) or isinstance(rotate, bool) or rotate % 90 or abs(rotate) > 3600:
        raise LimitExceeded(f"Page {page} has a damaged /Rotate (it must be a multiple of 90 degrees).")


def _check_pages(reader: PdfReader) -> int:
    """Walk the page tree by hand: loops, depth, page count, and each page's box and rotation."""
    root = _resolve(reader.trailer.get("/Root"))
    if not isinstance(root, DictionaryObject):
        raise LimitExceeded("The PDF has no document catalogue (/Root).")
    top = root.get("/Pages")
    stack: list[tuple[Any, int, dict[str, Any]]] = [(top, 0, {})]
    seen: set[tuple[int, int]] = set()
    pages = 0
    while stack:
        ref, depth, inherited = stack.pop()
        if isinstance(ref, IndirectObject):
            key = (ref.idnum, ref.generation)
            if key in seen:
                raise LimitExceeded("The PDF's page tree points back at itself, so its pages cannot be counted.")
            seen.add(key)
        node = _resolve(ref)
        if not isinstance(node, DictionaryObject):
            raise LimitExceeded("The PDF's page tree is damaged (a page is missing).")
        if depth > MAX_DEPTH:
            raise LimitExceeded(f"The PDF's page tree is more than {MAX_DEPTH} levels deep.")
        attrs = dict(inherited)
        for name in ("/MediaBox", "/CropBox", "/Rotate"):
            if name in node:
                attrs[name] = node[name]
        kids = _resolve(node.get("/Kids"))
        if node.get("/Type") == "/Pages" or (isinstance(kids, ArrayObject) and node.get("/Type") != "/Page"):
            if not isinstance(kids, ArrayObject):
                raise LimitExceeded("The PDF's page tree is damaged (a /Pages node has no /Kids).")
            stack.extend((kid, depth + 1, attrs) for kid in reversed(kids))
            continue
        pages += 1
        if pages > MAX_PAGES:
            raise LimitExceeded(f"The PDF has more than {MAX_PAGES} pages; split it into smaller files.")
        if "/MediaBox" not in attrs:
            raise LimitExceeded(f"Page {pages} has no /MediaBox, so its size is unknown.")
        _check_box(attrs["/MediaBox"], pages)
        if "/CropBox" in attrs:
            _check_box(attrs["/CropBox"], pages)
        if "/Rotate" in attrs:
            _check_rotate(attrs["/Rotate"], pages)
    if pages == 0:
        raise LimitExceeded("The PDF has no pages.")
    return pages


def _children(obj: Any) -> Iterator[Any]:
    if isinstance(obj, DictionaryObject):  # a stream is a dictionary too
        yield from obj.values()
    elif isinstance(obj, ArrayObject):
        yield from obj


def _check_objects(reader: PdfReader) -> None:
    """Every object reachable from the trailer: nesting depth, object count, inflated size, image pixels."""
    stack: list[tuple[Any, int]] = [(reader.trailer, 0)]
    seen: set[tuple[int, int]] = set()
    budget = [MAX_INFLATED_BYTES]
    count = 0
    while stack:
        ref, depth = stack.pop()
        if isinstance(ref, IndirectObject):
            key = (ref.idnum, ref.generation)
            if key in seen:
                continue
            seen.add(key)
        obj = _resolve(ref)
        count += 1
        if count > MAX_OBJECTS:
            raise LimitExceeded(f"The PDF has more than {MAX_OBJECTS:,} objects.")
        if depth > MAX_DEPTH:
            raise LimitExceeded(f"The PDF nests its objects more than {MAX_DEPTH} levels deep.")
        if isinstance(obj, StreamObject):
            _check_image_dict(obj)
            _measure_stream(obj, budget)
        stack.extend((child, depth + 1) for child in _children(obj))


def _check_image_dict(stream: StreamObject) -> None:
    if stream.get("/Subtype") != "/Image":
        return
    width, height = _number(stream.get("/Width")), _number(stream.get("/Height"))
    if width is None or height is None or width < 1 or height < 1:
        raise LimitExceeded("An image in the PDF has no valid /Width and /Height.")
    if width * height > MAX_IMAGE_PIXELS:
        raise LimitExceeded(
            f"An image in the PDF is {width:.0f} × {height:.0f} pixels; the limit is "
            f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels."
        )


def _measure_stream(stream: StreamObject, budget: list[int]) -> None:
    """Inflate a Flate stream in chunks, spending the document's budget; damaged data is left to the reader."""
    filters = _resolve(stream.get("/Filter"))
    first = _resolve(filters[0]) if isinstance(filters, ArrayObject) and filters else filters
    if first not in ("/FlateDecode", "/Fl"):
        return
    raw = getattr(stream, "_data", b"")
    inflater = zlib.decompressobj()
    pending = bytes(raw)
    try:
        while pending:
            out = inflater.decompress(pending, _CHUNK)
            budget[0] -= len(out)
            if budget[0] < 0:
                raise LimitExceeded(
                    f"The PDF's compressed contents expand to more than {MAX_INFLATED_BYTES // (1024 * 1024)} MB "
                    "(a compression bomb); it is refused."
                )
            pending = inflater.unconsumed_tail
            if inflater.eof or not out:
                break
    except zlib.error:
        return
