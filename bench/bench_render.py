"""Paging through a 50-page PDF in the document worker: the whole file sent and parsed per page, or held open.

    python bench/bench_render.py [--scale 1.5]

Two documents: the first 50 pages of a real-world vector PDF (py-pdf/sample-files' 009-GeoTopo), and a 50-page
scan (one photographic JPEG per page, what a dealership's scanner makes of a deal jacket). Each page is drawn
once at ``--scale`` pixels per point (fit width in a 900-pixel preview is about 1.5), through one worker, in
order. Baseline in the same run: the same requests without a document token, which is what every render did
before the worker held documents open (the bytes are sent, PDFium parses them, the page is drawn, the file is
closed).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import HEADER, ROOT, row
from desktop.services.doc_worker import client as documents
from desktop.services.doc_worker.pool import DocumentWorkers

PAGES = 50
GEOTOPO = ROOT / "tests" / "hostile" / "real-world" / "009-GeoTopo-komprimiert.pdf"


def first_pages(path: Path, pages: int) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(path).pages[:pages]:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned(pages: int) -> bytes:
    """Pages of noisy grey paper with a dark band: a JPEG of a few hundred kB each, like a 150-dpi scan."""
    from PIL import Image, ImageDraw

    sheets = []
    for i in range(pages):
        sheet = Image.effect_noise((1275, 1650), 40 + i % 7).convert("RGB")
        ImageDraw.Draw(sheet).rectangle((100, 150 + 20 * i, 1175, 250 + 20 * i), fill=(30, 30, 30))
        sheets.append(sheet)
    out = io.BytesIO()
    sheets[0].save(out, "PDF", save_all=True, append_images=sheets[1:], resolution=150.0, quality=80)
    return out.getvalue()


def per_page_ms(data: bytes, scale: float, *, held: bool, workers: DocumentWorkers) -> list[float]:
    key = documents.open_document(data, workers=workers).key if held else ""
    times: list[float] = []
    for page in range(PAGES):
        started = time.perf_counter()
        if held:
            documents.render_pages(data, [page], scale, key=key, workers=workers)
        else:
            workers.request({"op": "render", "pages": [page], "scale": scale}, data)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.5)
    args = parser.parse_args()
    files = {"vector PDF (GeoTopo 1-50)": first_pages(GEOTOPO, PAGES), "scan (JPEG pages)": scanned(PAGES)}
    workers = DocumentWorkers(size=1, timeout=60.0)
    print(HEADER)
    try:
        documents.open_document(files["scan (JPEG pages)"], workers=workers)  # the worker is started, not timed
        for label, data in files.items():
            before = per_page_ms(data, args.scale, held=False, workers=workers)
            after = per_page_ms(data, args.scale, held=True, workers=workers)
            size = f"{len(data) / 1e6:.1f} MB"
            for stat, pick in (("median", statistics.median), ("mean", statistics.fmean)):
                old, new = pick(before), pick(after)
                print(
                    row(
                        f"page of a 50-page {label}, {size}, {stat}, held open (ms)",
                        f"{new:.1f}",
                        f"file resent per page {old:.1f}",
                        f"{new / old:.2f}×",
                        "< baseline",
                        new < old,
                    )
                )
    finally:
        workers.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
