"""Headers parsed, not searched for; file names cleaned to a safe base name."""

from __future__ import annotations

import struct
import zlib

import pytest

from desktop.domain import documents as rules
from desktop.domain.file_formats import (
    MAX_FILE_NAME_BYTES,
    clean_file_name,
    image_size,
    jpeg_size,
    pdf_header_offset,
    png_size,
    sniff,
)
from tests.conftest import SAMPLE_PDFS
from tests.hostile.make_corpus import PLAIN, jpeg, png


def test_pdf_header_at_zero_or_after_binary_junk_within_a_kilobyte() -> None:
    assert pdf_header_offset(PLAIN) == 0
    assert pdf_header_offset(b"Content-Type: application/pdf\r\n\r\n" + PLAIN) == 33
    assert pdf_header_offset(b"\x00" * 1024 + PLAIN) == 1024
    assert pdf_header_offset(b"\x00" * 1025 + PLAIN) is None
    assert sniff(b"\xef\xbb\xbf" + PLAIN) == "pdf"


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body>%PDF-1.7 is the latest</body></html>",
        b"<!DOCTYPE html>\n<p>\n%PDF-1.4\n",
        b"<?xml version='1.0'?>%PDF-1.4",
        b"%PDF-x.y not a version",
        b"%PDF-",
        b"hello world",
        b"",
    ],
)
def test_not_a_pdf_header(data: bytes) -> None:
    assert pdf_header_offset(data) is None
    assert sniff(data) is None


def test_png_needs_a_well_formed_ihdr() -> None:
    good = png(640, 480)
    assert png_size(good) is not None and png_size(good).pixels == 640 * 480  # type: ignore[union-attr]
    assert sniff(good) == "png"
    assert png_size(png(640, 480, crc_ok=False)) is None
    assert png_size(b"\x89PNG\r\n\x1a\n") is None
    zero = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 0, 10, 8, 2, 0, 0, 0)
    zero += struct.pack(">I", zlib.crc32(zero[12:]))
    assert png_size(zero) is None
    bad_depth = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 4, 4, 3, 2, 0, 0, 0)
    bad_depth += struct.pack(">I", zlib.crc32(bad_depth[12:]))
    assert png_size(bad_depth) is None


def test_jpeg_needs_soi_and_a_real_marker_and_gives_its_size() -> None:
    assert jpeg_size(jpeg(640, 480)) is not None
    assert image_size(jpeg(65_000, 65_000)).pixels == 65_000**2  # type: ignore[union-attr]
    assert sniff(jpeg(10, 10)) == "jpeg"
    assert sniff(b"\xff\xd8\xff\x00garbage") is None  # 0x00 cannot follow SOI
    assert sniff(b"\xff\xd8\xff\xd9") is None  # SOI then EOI: no image
    assert jpeg_size(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9") is None
    smile = (SAMPLE_PDFS / "007-imagemagick-images_smile.jpg").read_bytes()
    assert jpeg_size(smile) is not None


def test_html_named_pdf_is_refused_as_an_upload() -> None:
    problem = rules.file_problem("statement.pdf", b"<html><body>" + b"x" * 100 + b"%PDF-1.4\n</body></html>")
    assert problem is not None and "not a JPEG, PNG or PDF" in problem.message


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("/etc/shadow.pdf", "shadow.pdf"),
        ("C:\\Users\\dana\\licence.jpg", "licence.jpg"),
        ("\\\\server\\share\\scan.png", "scan.png"),
        ("licence\x00.pdf.exe", "licence.pdf.exe"),
        ("line\nbreak\r\t.pdf", "linebreak.pdf"),
        ("invoice\u202egpj.pdf", "invoicegpj.pdf"),  # right-to-left override that disguises the extension
        ("CON.pdf", "_CON.pdf"),
        ("  . .hidden.pdf. ", "hidden.pdf"),
        ("..", "document"),
        ("", "document"),
        ("/", "document"),
        ("Ünïcödé licence – front.jpg", "Ünïcödé licence – front.jpg"),
        ("Nguyễn Văn An.pdf", "Nguyễn Văn An.pdf"),
    ],
)
def test_clean_file_name(name: str, cleaned: str) -> None:
    assert clean_file_name(name) == cleaned


def test_clean_file_name_caps_length_and_keeps_the_extension() -> None:
    long = "é" * 300 + ".pdf"
    cleaned = clean_file_name(long)
    assert cleaned.endswith(".pdf")
    assert len(cleaned.encode()) <= MAX_FILE_NAME_BYTES
    assert cleaned.encode().decode() == cleaned  # no character cut in half


def test_a_small_file_is_shown_in_kilobytes_not_as_zero_megabytes() -> None:
    assert rules.megabytes(300) == "1 KB"
    assert rules.megabytes(15_000) == "15 KB"
    assert rules.megabytes(3 * 1024 * 1024) == "3.0 MB"
    assert rules.megabytes(30 * 1024 * 1024) == "30.0 MB"
