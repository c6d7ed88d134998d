"""The open PDF's pages as small pictures down the side of the preview, drawn a few at a time by a worker."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from desktop.domain.form_fields import PageSize

THUMB = QSize(96, 128)
THUMBS_PER_REQUEST = 4

DrawThumbs = Callable[[list[int], float, Callable[[list[QImage] | BaseException], None]], int]
"""Asks a worker for ``pages`` at ``scale`` and calls back with the images (scaled to THUMB) or the failure;
answers the job's id."""


class ThumbnailStrip(QListWidget):
    """One blank icon per page at once, replaced batch by batch: the next request starts when one answers, so the
    thumbnails never hold a worker the current page is waiting for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfThumbnails")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(False)
        self.setIconSize(THUMB)
        self.setGridSize(QSize(THUMB.width() + 16, THUMB.height() + 24))
        self.setFixedWidth(THUMB.width() + 40)
        self.setUniformItemSizes(True)
        self.setMovement(QListView.Movement.Static)
        blank = QPixmap(THUMB)
        blank.fill(Qt.GlobalColor.white)
        self.blank = QIcon(blank)
        self._sizes: list[PageSize] = []
        self.next_page = 0
        self.job = 0  # the batch being drawn; the preview cancels it when the file closes

    def show_pages(self, sizes: list[PageSize]) -> None:
        self.reset_pages()
        self._sizes = sizes
        self.blockSignals(True)
        for page in range(len(sizes)):
            item = QListWidgetItem(self.blank, str(page + 1))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.addItem(item)
        self.blockSignals(False)

    def reset_pages(self) -> None:
        self.clear()
        self._sizes = []
        self.next_page = 0
        self.job = 0

    def started(self) -> bool:
        return self.next_page > 0 or bool(self.job)

    def done(self) -> bool:
        return self.next_page >= len(self._sizes) and not self.job

    def draw_next(self, draw: DrawThumbs) -> None:
        """The next few thumbnails in one worker request; the one after starts when this one answers."""
        start = self.next_page
        if start >= len(self._sizes):
            return
        pages = list(range(start, min(start + THUMBS_PER_REQUEST, len(self._sizes))))
        biggest = max(max(self._sizes[p].width / THUMB.width(), self._sizes[p].height / THUMB.height()) for p in pages)
        self.job = draw(pages, 1.0 / biggest, lambda result: self._on_drawn(pages, result, draw))

    def _on_drawn(self, pages: list[int], result: list[QImage] | BaseException, draw: DrawThumbs) -> None:
        self.job = 0
        if not isinstance(result, BaseException):  # a failed batch keeps blank icons; the pages still open
            for page, image in zip(pages, result, strict=True):
                item = self.item(page)
                if item is not None and not image.isNull():
                    item.setIcon(QIcon(QPixmap.fromImage(image)))
        self.next_page = pages[-1] + 1
        self.draw_next(draw)
