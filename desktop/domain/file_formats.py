"""What a file is, read from its header, and a file name made safe to store or offer as a path.

Shared by the client (which refuses first), the sandbox (which refuses too) and the document worker. The header is
parsed, not searched for: a real PDF header ``%PDF-x.y`` at offset 0, or after at most 1,024 bytes of junk (as PDF
readers allow, e.g. a mail header), but never after markup, so an HTML page quoting ``%PDF-`` is not a PDF; a PNG
signature followed by a well-formed ``IHDR`` chunk (length, CRC, sizes); a JPEG start-of-image marker followed by a
marker that can begin a JPEG. Image sizes come from the header, so an image bomb is refused before it is decoded.
"""

from __future__ import annotations

import re
import struct
import unicodedata
import zlib
from dataclasses import dataclass

PDF_HEADER_WINDOW = 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_FILE_NAME_BYTES = 180  # under every file system's 255, with room for a " (2)" a save dialog may add
_PDF_HEADER = re.compile(rb"%PDF-([12])\.(\d)")
_PNG_COLOUR_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
# Markers that may follow SOI in a real JPEG: APPn, DQT, DHT, SOFn, DRI, COM, DAC.
_JPEG_FIRST_MARKERS = frozenset(
    [*range(0xE0, 0xF0), 0xDB, 0xC4, 0xDD, 0xFE, 0xCC, *(m for m in range(0xC0, 0xD0) if m not in (0xC4, 0xC8, 0xCC))]
)
_JPEG_SOF = frozenset(m for m in range(0xC0, 0xD0) if m not in (0xC4, 0xC8, 0xCC))
_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))]
)


@dataclass(frozen=True)
class ImageSize:
    """Pixel size read from an image's header."""

    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


def pdf_header_offset(data: bytes) -> int | None:
    """Where the ``%PDF-x.y`` header starts, or None when ``data`` is not a PDF.

    Junk before the header is allowed up to 1,024 bytes, as Acrobat and PDFium allow, but not markup: a ``<`` in the
    junk means an HTML or XML page that merely mentions ``%PDF-``.
    """
    found = _PDF_HEADER.search(data[: PDF_HEADER_WINDOW + 8])
    if found is None or found.start() > PDF_HEADER_WINDOW:
        return None
    if b"<" in data[: found.start()]:
        return None
    return found.start()


def png_size(data: bytes) -> ImageSize | None:
    """The size in a PNG's ``IHDR``, or None when the signature or the ``IHDR`` chunk is not well formed."""
    if not data.startswith(PNG_SIGNATURE) or len(data) < 33:
        return None
    length, kind = struct.unpack(">I4s", data[8:16])
    if length != 13 or kind != b"IHDR":
        return None
    body = data[16:29]
    (crc,) = struct.unpack(">I", data[29:33])
    if zlib.crc32(data[12:29]) != crc:
        return None
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(">IIBBBBB", body)
    if not (0 < width < 2**31 and 0 < height < 2**31):
        return None
    if depth not in _PNG_COLOUR_DEPTHS.get(colour, ()) or compression or filtering or interlace > 1:
        return None
    return ImageSize(width, height)


def _jpeg_starts(data: bytes) -> bool:
    return len(data) >= 4 and data[:3] == b"\xff\xd8\xff" and data[3] in _JPEG_FIRST_MARKERS


def jpeg_size(data: bytes) -> ImageSize | None:
    """The size in a JPEG's first start-of-frame segment, walking the segments from SOI; None when malformed."""
    if not _jpeg_starts(data):
        return None
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # stand-alone markers
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if length < 2:
            return None
        if marker in _JPEG_SOF:
            if pos + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return ImageSize(width, height) if width and height else None
        if marker in (0xD9, 0xDA):  # end of image, or scan data before any frame header
            return None
        pos += 2 + length
    return None


def sniff(data: bytes) -> str | None:
    """The format the header says: ``jpeg``, ``png``, ``pdf`` or None.

    An image counts when its header parses (a JPEG's first marker, a PNG's ``IHDR``); pixel sizes are read by
    :func:`image_size`, where a JPEG cut before its frame header is refused.
    """
    if _jpeg_starts(data):
        return "jpeg"
    if png_size(data) is not None:
        return "png"
    if pdf_header_offset(data) is not None:
        return "pdf"
    return None


def image_size(data: bytes) -> ImageSize | None:
    """The pixel size of a PNG or JPEG from its header, without decoding it."""
    return png_size(data) or jpeg_size(data)


def clean_file_name(name: str, fallback: str = "document") -> str:
    """A name safe to store and to offer as a file to save: base name only, printable, not too long.

    Takes the part after the last ``/`` or ``\\`` (so ``../../etc/passwd.pdf`` is ``passwd.pdf``), drops control
    and format characters (NUL, newlines, right-to-left overrides that disguise an extension), trims spaces and
    dots at the ends, avoids Windows device names, and caps the UTF-8 length at ``MAX_FILE_NAME_BYTES`` keeping the
    extension. An empty result becomes ``fallback``.
    """
    base = re.split(r"[/\\]", name)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"))
    base = base.strip(" .\t")
    if not base:
        return fallback
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    if stem.upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    suffix = f".{ext}" if dot else ""
    if len(suffix.encode()) > 16:
        stem, suffix = base, ""
    room = MAX_FILE_NAME_BYTES - len(suffix.encode())
    stem = stem.encode()[:room].decode("utf-8", errors="ignore").rstrip(" .")
    return (stem + suffix) if stem else fallback + suffix
