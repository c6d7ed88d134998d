"""A rich-text document printed to a US-letter PDF with page numbers, by Qt's layout engine.

``QTextDocument.print_`` lays a document out at the screen's resolution and scales it onto the page, which is
how text came out at 2 pt before. Here the document's layout measures in the PDF writer's own resolution, so a
10 pt font is 10 pt on paper; the body is paginated into the page less a footer band, and every page gets the
footer (what the document is, for which deal) and "Page i of n".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

RESOLUTION = 300
BODY_PT = 10.0
FOOTER_PT = 9.0
MARGIN_MM = 16.0
FOOTER_INCH = 0.35


def write_pdf(html: str, path: Path, title: str, footer: str) -> int:
    """Lay ``html`` out on US letter and write it to ``path``; returns the number of pages.

    Raises:
        OSError: the file cannot be written.
    """
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("Dealer Desk")
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    font = QFont(document.defaultFont())
    font.setPointSizeF(BODY_PT)
    document.setDefaultFont(font)
    document.setHtml(html)
    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer_height = RESOLUTION * FOOTER_INCH
    body = QSizeF(page.width(), page.height() - footer_height)
    document.setPageSize(body)
    pages = document.pageCount()
    footer_font = QFont(font)
    footer_font.setPointSizeF(FOOTER_PT)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {path}")
    try:
        for index in range(pages):
            if index:
                writer.newPage()
            top = index * body.height()
            painter.save()
            painter.setClipRect(QRectF(0, 0, body.width(), body.height()))
            painter.translate(0, -top)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, top, body.width(), body.height())
            document.documentLayout().draw(painter, context)
            painter.restore()
            band = QRectF(0, body.height(), body.width(), footer_height)
            painter.setFont(footer_font)
            align = Qt.AlignmentFlag.AlignBottom
            painter.drawText(band, int(align | Qt.AlignmentFlag.AlignLeft), footer)
            painter.drawText(band, int(align | Qt.AlignmentFlag.AlignRight), f"Page {index + 1} of {pages}")
    finally:
        painter.end()
    return pages
