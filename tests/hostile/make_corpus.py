"""The hostile corpus: broken and malicious PDFs and images, generated so the repository holds the recipe, not bombs.

``python -m tests.hostile.make_corpus DIR`` writes every file to DIR; the tests call :func:`corpus` directly. Each
entry is one way a customer's file (or a template) has hurt a PDF reader: page trees that point back at themselves
(the 341-byte one hangs PDFium's document load forever), flate and image bombs, bad /MediaBox and /Rotate values,
deep nesting, truncated files, a slow page, an HTML page quoting ``%PDF-``, and images whose headers lie.
"""

from __future__ import annotations

import functools
import struct
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.services.form_filling import PdfRule, PdfText, letter_pdf

PLAIN = letter_pdf([[PdfText(72, 72, "Hostile corpus control page"), PdfRule(72, 120, 200)]])


def pdf(objects: Sequence[bytes], root: int = 1, *, trailer_extra: bytes = b"", header: bytes = b"%PDF-1.4\n") -> bytes:
    """A PDF with a correct cross-reference table around ``objects`` (object n is ``objects[n - 1]``)."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<</Size %d /Root %d 0 R%s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out)


def stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<<" + dictionary + b" /Length %d>>\nstream\n" % len(data) + data + b"\nendstream"


def one_page(
    page_extra: bytes = b"/MediaBox [0 0 612 792]", content: bytes = b"BT /F1 12 Tf 72 700 Td (Hi) Tj ET"
) -> bytes:
    return pdf(
        [
            b"<</Type /Catalog /Pages 2 0 R>>",
            b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
            b"<</Type /Page /Parent 2 0 R " + page_extra + b" /Contents 4 0 R /Resources <<>>>>",
            stream(b"", content),
        ]
    )


def self_loop() -> bytes:
    """A page tree that is its own kid (the issue's 341-byte file does this): PDFium's load never returns."""
    return pdf(
        [
            b"<</Type /Catalog /Pages 2 0 R>>",
            b"<</Type /Pages /Kids [2 0 R] /Count 1 /MediaBox [0 0 612 792]>>",
        ]
    )


def two_node_loop() -> bytes:
    return pdf(
        [
            b"<</Type /Catalog /Pages 2 0 R>>",
            b"<</Type /Pages /Kids [3 0 R] /Count 2>>",
            b"<</Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1>>",
        ]
    )


@functools.cache
def deflate_zeros(size: int) -> bytes:
    """``size`` zero bytes, Flate-compressed in chunks (1,000:1 and more).

    Kept for the session: the same bytes each time (immutable), and the 400 MB bomb takes about a second to pack,
    which several fixtures would otherwise pay per test."""
    packer = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    parts = [packer.compress(chunk) for _ in range(size // len(chunk))]
    parts.append(packer.compress(bytes(size % len(chunk))))
    parts.append(packer.flush())
    return b"".join(parts)


def flate_bomb() -> bytes:
    """A page whose content stream inflates to 400 MB of nothing."""
    return pdf(
        [
            b"<</Type /Catalog /Pages 2 0 R>>",
            b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
            b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources <<>>>>",
            stream(b"/Filter /FlateDecode", deflate_zeros(400 * 1024 * 1024)),
        ]
    )


def image_bomb_pdf() -> bytes:
    """An image that says it is 60,000 × 60,000 RGB pixels (10.8 GB) drawn on a page."""
    return pdf(
        [
            b"<</Type /Catalog /Pages 2 0 R>>",
            b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
            b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources <</XObject <</Im1 5 0 R>>>>>>",
            stream(b"", b"q 612 0 0 792 0 0 cm /Im1 Do Q"),
            stream(
                b"/Type /XObject /Subtype /Image /Width 60000 /Height 60000 /ColorSpace /DeviceRGB"
                b" /BitsPerComponent 8 /Filter /FlateDecode",
                deflate_zeros(8 * 1024 * 1024),
            ),
        ]
    )


def slow_page() -> bytes:
    """A page of 1.5 million overlapping strokes: small, valid, and minutes of PDFium's time at a high zoom."""
    ops = b"0.1 w 0 0 m 612 792 l 612 0 l 0 792 l h S\n" * 1_500_000
    return pdf(
        [
            b"<</Type /Catalog /Pages 2 0 R>>",
            b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
            b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources <<>>>>",
            stream(b"/Filter /FlateDecode", zlib.compress(ops, 9)),
        ]
    )


def many_pages(count: int = 600) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    objects = [b"<</Type /Catalog /Pages 2 0 R>>", b"<</Type /Pages /Kids [" + kids + b"] /Count %d>>" % count]
    objects += [b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]>>" for _ in range(count)]
    return pdf(objects)


def deep_array(depth: int = 20_000) -> bytes:
    return pdf(
        [
            b"<</Type /Catalog /Pages 2 0 R /Deep " + b"[" * depth + b"]" * depth + b">>",
            b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
            b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]>>",
        ]
    )


def deep_dict(depth: int = 5_000) -> bytes:
    return pdf(
        [
            b"<</Type /Catalog /Pages 2 0 R /Deep " + b"<</A " * depth + b"1" + b">>" * depth + b">>",
            b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
            b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]>>",
        ]
    )


def deep_references(depth: int = 400) -> bytes:
    """A chain of 400 indirect objects, each an array holding the next: deep without deep syntax."""
    objects = [
        b"<</Type /Catalog /Pages 2 0 R /Chain 4 0 R>>",
        b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
        b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]>>",
    ]
    objects += [b"[%d 0 R]" % (5 + i) for i in range(depth)] + [b"[]"]
    return pdf(objects)


def xref_prev_loop() -> bytes:
    body = one_page()
    xref = body.rindex(b"xref\n")
    return body.replace(b"trailer\n<<", b"trailer\n<</Prev %d " % xref, 1)


def png(width: int, height: int, rows: bytes | None = None, *, crc_ok: bool = True) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) ^ (0 if crc_ok or kind != b"IHDR" else 1)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = rows if rows is not None else deflate_zeros(1 << 20)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def png_big_but_allowed(side: int = 4000) -> bytes:
    """``side`` × ``side`` pixels of black (16 megapixels), under the limit: decoded in the worker, scaled, shown."""
    return png(side, side, deflate_zeros((side * 3 + 1) * side))


def jpeg(width: int, height: int) -> bytes:
    """A JPEG whose frame header claims ``width`` × ``height``, with no real scan data."""
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    dqt = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes(range(1, 65))
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + dqt + sof + b"\xff\xd9"


def corpus() -> dict[str, bytes]:
    """Every hostile file by name; the name's extension is the type it claims to be."""
    makers: dict[str, Callable[[], bytes]] = {
        "page-tree-self-loop.pdf": self_loop,
        "page-tree-two-node-loop.pdf": two_node_loop,
        "flate-bomb-400mb.pdf": flate_bomb,
        "image-bomb-60000x60000.pdf": image_bomb_pdf,
        "slow-page-1.5m-strokes.pdf": slow_page,
        "600-pages.pdf": many_pages,
        "deep-array-20000.pdf": deep_array,
        "deep-dict-5000.pdf": deep_dict,
        "deep-reference-chain-400.pdf": deep_references,
        "xref-prev-loop.pdf": xref_prev_loop,
        "mediabox-zero.pdf": lambda: one_page(b"/MediaBox [0 0 0 0]"),
        "mediabox-huge.pdf": lambda: one_page(b"/MediaBox [0 0 99999999 792]"),
        "mediabox-string.pdf": lambda: one_page(b"/MediaBox [0 0 (wide) 792]"),
        "mediabox-three-numbers.pdf": lambda: one_page(b"/MediaBox [0 0 612]"),
        "mediabox-missing.pdf": lambda: one_page(b""),
        "rotate-45.pdf": lambda: one_page(b"/MediaBox [0 0 612 792] /Rotate 45"),
        "rotate-string.pdf": lambda: one_page(b"/MediaBox [0 0 612 792] /Rotate (left)"),
        "rotate-huge.pdf": lambda: one_page(b"/MediaBox [0 0 612 792] /Rotate 9000000000"),
        "rotate-real.pdf": lambda: one_page(b"/MediaBox [0 0 612 792] /Rotate 90.5"),
        "truncated-half.pdf": lambda: PLAIN[: len(PLAIN) // 2],
        "truncated-after-header.pdf": lambda: PLAIN[:20],
        "no-xref.pdf": lambda: PLAIN[: PLAIN.rindex(b"xref")],
        "html-quoting-pdf-header.pdf": lambda: b"<html><body><p>%PDF-1.7</p>" + PLAIN + b"</body></html>",
        "junk-before-header.pdf": lambda: bytes(range(256)).replace(b"<", b"?") * 3 + PLAIN,
        "image-bomb-50000x50000.png": lambda: png(50_000, 50_000),
        "png-4000x4000-allowed.png": png_big_but_allowed,
        "png-bad-ihdr-crc.png": lambda: png(16, 16, crc_ok=False),
        "png-truncated.png": lambda: png(64, 64, zlib.compress(bytes(64 * 193)))[:60],
        "jpeg-bomb-65000x65000.jpg": lambda: jpeg(65_000, 65_000),
        "jpeg-no-scan.jpg": lambda: jpeg(640, 480),
        "jpeg-soi-only.jpg": lambda: b"\xff\xd8\xff\xd9",
    }
    return {name: make() for name, make in makers.items()}


def main(argv: list[str]) -> int:
    target = Path(argv[0] if argv else "hostile-corpus")
    target.mkdir(parents=True, exist_ok=True)
    for name, data in corpus().items():
        (target / name).write_bytes(data)
        print(f"{len(data):>10}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
