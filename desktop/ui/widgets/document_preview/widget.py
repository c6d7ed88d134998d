"""Preview of one document: pages and images drawn by a document worker process, never in the window.

A customer's file is hostile until proven otherwise (a page tree that points at itself hangs PDFium; a page can take
minutes to draw; an image bomb takes gigabytes). So the bytes go to :mod:`desktop.services.doc_worker` through the
TaskRunner: the worker opens the file (page sizes, or "needs a password"), draws the current page at the zoom asked
for, and draws the thumbnails a few pages at a time; the window only receives finished pixel rows (made into a
QImage in the runner's thread) and sentences. Nothing is written to disk, so a licence scan never lands in /tmp.

A PDF's password, once typed, is remembered for the session in this process's memory only (never on disk), per
document, so reopening the file does not ask again. Pictures and pages turn a quarter at a time (a licence
photographed sideways); a page is drawn turned by the worker, a picture is turned in the runner's thread, never
in the window's. The worker keeps the PDF open, so paging, zooming and turning send it a few numbers, not the file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.form_fields import PageSize
from desktop.services.cancel import JobControl
from desktop.services.doc_worker import client as documents
from desktop.services.doc_worker.pool import DocumentWorkers
from desktop.ui.errors import sentence
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.document_images import to_qimage, turned
from desktop.ui.widgets.document_preview.panes import ZOOMS, ImagePane, PdfPane
from desktop.ui.widgets.document_preview.thumbnails import THUMB
from desktop.ui.widgets.pdf_password import PasswordPrompt, fingerprint, remember_password, remembered_password

PAGE_MESSAGE, PAGE_PDF, PAGE_IMAGE, PAGE_PASSWORD = range(4)
RENDER_TIMEOUT = 10.0  # seconds one page may take to draw before its worker is stopped
RESIZE_SETTLE_MS = 120


class DocumentPreview(QWidget):
    """Shows one file's bytes; ``state`` says what is shown (for tests and for the tab).

    ``state_changed`` fires on every change ("loading" included); ``settled`` once a file is shown, refused or waits
    for its password. ``page_error`` is the sentence of a page that could not be drawn ("" when it was).
    """

    state_changed = Signal(str)  # "empty", "loading", "pdf", "image", "password", "error"
    settled = Signal(str)
    page_rendered = Signal(int)

    def __init__(
        self, parent: QWidget | None = None, *, runner: TaskRunner, workers: DocumentWorkers | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.workers = workers
        self.render_timeout = RENDER_TIMEOUT
        self.state = "empty"
        self.file_name = ""
        self.page_error = ""
        self._data = b""
        self._key = ""  # the bytes' hash, from the worker's open: renders then send only page, zoom and turn
        self._password = ""
        self._fingerprint = ""
        self._remembered = False  # the password tried is the session's, not typed now
        self._image = QImage()
        self._image_job = 0
        self.rotation = 0  # degrees clockwise, for this document only
        self._sizes: list[PageSize] = []
        self._page = 0
        self._zoom = 0.0
        self._generation = 0
        self._render_job = 0
        self._open_job = 0
        self._rendered_key: tuple[int, float, int] | None = None

        self.stack = QStackedWidget(self)

        self.message = QLabel("Select a document to preview it.", self)
        self.message.setObjectName("previewMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack.addWidget(self.message)

        pdf = PdfPane(self)
        self.page_label, self.pdf_view, self._page_room = pdf.page_label, pdf.pdf_view, pdf.page_room
        self.thumbs, self.page_spin, self.page_count, self.zoom = pdf.thumbs, pdf.page_spin, pdf.page_count, pdf.zoom
        self.prev_button, self.next_button, self.rotate_button = pdf.prev_button, pdf.next_button, pdf.rotate_button
        self.thumbs.currentRowChanged.connect(self._on_thumb_picked)
        self.page_spin.valueChanged.connect(lambda v: self.go_to_page(v - 1))
        self.prev_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.zoom.currentIndexChanged.connect(self._on_zoom)
        self.rotate_button.clicked.connect(self.rotate)
        self.stack.addWidget(pdf)

        image = ImagePane(self, runner=runner)
        self.image_view, self.image_rotate_button = image.image_view, image.rotate_button
        self.image_rotate_button.clicked.connect(self.rotate)
        self.stack.addWidget(image)

        self.password_page = PasswordPrompt(self)
        self.password_page.submitted.connect(self.unlock)
        self.password_label = self.password_page.label
        self.password_edit = self.password_page.edit
        self.unlock_button = self.password_page.button
        self.stack.addWidget(self.password_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(RESIZE_SETTLE_MS)
        self._resize_timer.timeout.connect(self._render_current)

    # public
    def clear(self, text: str = "Select a document to preview it.") -> None:
        self._close()
        self.file_name = ""
        self._show_message(text, "empty")

    def show_message(self, text: str) -> None:
        self._close()
        self._show_message(text, "error")
        self.settled.emit(self.state)

    def show_bytes(self, file_name: str, data: bytes) -> None:
        """Show a file: a worker reads it (its header decides how, whatever its name says) and sends back pixels."""
        self._close()
        self.file_name = file_name
        self._data = data
        self._fingerprint = fingerprint(data)
        remembered = remembered_password(self._fingerprint)
        self._open(remembered, remembered=bool(remembered))

    def unlock(self, password: str) -> None:
        self._open(password)

    def rotate(self) -> None:
        """Turn the picture, or every page of the PDF, a quarter to the right."""
        if self.state not in ("pdf", "image"):
            return
        self.rotation = (self.rotation + 90) % 360
        if self.state == "image":
            self._turn_image()
        else:
            self._render_current()

    def page_total(self) -> int:
        return len(self._sizes) if self.state == "pdf" else 0

    def current_page(self) -> int:
        return self._page

    def go_to_page(self, page: int) -> None:
        if self.state != "pdf" or not 0 <= page < len(self._sizes) or page == self._page:
            return
        self._page = page
        self._on_page_changed(page)
        self.pdf_view.verticalScrollBar().setValue(0)  # its top: walked, the next page opened at the last's scroll
        self._render_current()

    def set_zoom(self, factor: float) -> None:
        """0 = fit width, -1 = fit page, else a factor (1.0 = 100 %)."""
        index = next((i for i, (_l, f) in enumerate(ZOOMS) if f == factor), -1)
        if index >= 0 and index != self.zoom.currentIndex():
            self.zoom.setCurrentIndex(index)
            return
        self._zoom = factor
        self._render_current()

    def zoom_factor(self) -> float:
        return self._zoom

    def thumbnails_done(self) -> bool:
        return self.state == "pdf" and self.thumbs.done()

    def page_shown(self) -> bool:
        """The current page is drawn (or its sentence shown) at the current zoom."""
        return self.state == "pdf" and not self._render_job

    # internals
    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)

    def _show_message(self, text: str, state: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentIndex(PAGE_MESSAGE)
        self._set_state(state)

    def _close(self) -> None:
        """Forget the shown file: late answers about it are dropped by the generation check."""
        self._generation += 1
        for job in (self._open_job, self._render_job, self.thumbs.job):
            self.runner.cancel(job)
        self._open_job = self._render_job = 0
        self._resize_timer.stop()
        self.thumbs.reset_pages()
        self.image_view.clear_image()
        self.page_label.clear()
        self._data = b""
        self._key = ""
        self._image = QImage()
        self.runner.cancel(self._image_job)
        self._image_job = 0
        self.rotation = 0
        self._sizes = []
        self._page = 0
        self._rendered_key = None
        self.page_error = ""

    def _submit(self, fn: Callable[[JobControl], Any], on_success: Callable[[Any], None], label: str) -> int:
        generation = self._generation

        def success(result: Any) -> None:
            if generation == self._generation:  # same file (a widget destroyed meanwhile owns the job: no call)
                on_success(result)

        def failure(exc: BaseException) -> None:
            success(exc)

        return self.runner.submit_job(fn, success, failure, label=label, owner=self)

    def _open(self, password: str, *, remembered: bool = False) -> None:
        self._password = password
        self._remembered = remembered
        data, name, workers = self._data, self.file_name, self.workers
        self._set_state("loading")

        def work(control: JobControl) -> tuple[documents.Opened, QImage | None]:
            opened = documents.open_document(data, password, name=name, control=control, workers=workers)
            return opened, to_qimage(opened.image) if opened.image is not None else None

        self._open_job = self._submit(work, self._on_opened, f"Reading {name}")

    def _on_opened(self, result: tuple[documents.Opened, QImage | None] | BaseException) -> None:
        self._open_job = 0
        if isinstance(result, BaseException):
            self._show_message(
                f"{self.file_name} cannot be shown: {sentence(result)} "
                "Save a copy and open it in another program, or ask the customer for the file again.",
                "error",
            )
            self.settled.emit(self.state)
            return
        opened, image = result
        self._key = opened.key
        if image is not None:
            self._image = image
            self.image_view.set_image(image)
            self.stack.setCurrentIndex(PAGE_IMAGE)
            self._set_state("image")
        elif opened.locked:
            if self._remembered:  # the session's password no longer opens it: ask as if it were the first time
                remember_password(self._fingerprint, "")
            self._ask_password(wrong=opened.locked == "wrong" and not self._remembered)
        else:
            if self._password:
                remember_password(self._fingerprint, self._password)  # asked once per document this session
            self._show_pdf(opened.sizes)
        self.settled.emit(self.state)

    def _turn_image(self) -> None:
        image, degrees = self._image, self.rotation
        self.runner.cancel(self._image_job)
        self._image_job = self._submit(lambda _control: turned(image, degrees), self._on_image_turned, "Turning")

    def _on_image_turned(self, result: QImage | BaseException) -> None:
        self._image_job = 0
        if isinstance(result, QImage):
            self.image_view.set_image(result)
            self.page_rendered.emit(-1)

    def _ask_password(self, *, wrong: bool) -> None:
        self.stack.setCurrentIndex(PAGE_PASSWORD)
        self.password_page.ask(
            "That password is not right for this PDF. Try again, or ask the customer for it."
            if wrong
            else f"{self.file_name} is protected by a password. Enter it to preview the file."
        )
        self._set_state("password")

    def _show_pdf(self, sizes: list[PageSize]) -> None:
        self._sizes = sizes
        pages = len(sizes)
        self.page_spin.blockSignals(True)
        self.page_spin.setRange(1, pages)
        self.page_spin.setValue(1)
        self.page_spin.blockSignals(False)
        self.page_count.setText(f"of {pages}")
        self.thumbs.show_pages(sizes)
        self.stack.setCurrentIndex(PAGE_PDF)
        self._set_state("pdf")
        self._page = 0
        self._on_page_changed(0)
        self._render_current()  # the thumbnails follow once the page is drawn: it does not wait behind them

    def _scale(self) -> float:
        """Pixels per point for the current page at the current zoom, sharp on a high-density screen."""
        size = self._sizes[self._page]
        width, height = (size.height, size.width) if self.rotation in (90, 270) else (size.width, size.height)
        ratio = self.devicePixelRatioF()
        # The whole view, not its viewport: the viewport is narrower while the last page's vertical bar shows, and
        # wider before a first page has one; fitted to it, a tall page came out wider than the view with its bar
        # (walked: a horizontal bar at "Fit width").
        view = self.pdf_view
        frame = 2 * view.frameWidth()
        room_width, room_height = view.width() - frame, view.height() - frame
        fit_width = max(room_width - 8, 50) / width
        if self._zoom == 0.0:
            scale = fit_width
            if height * scale > room_height:  # the page scrolls: the vertical bar takes its width
                bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
                scale = max(room_width - bar - 8, 50) / width
        elif self._zoom < 0:
            scale = min(fit_width, max(room_height - 8, 50) / height)
        else:
            scale = self._zoom * self.logicalDpiX() / 72.0
        return round(scale * ratio, 3)

    def _render_current(self) -> None:
        if self.state != "pdf" or not self._sizes:
            return
        page, scale, degrees = self._page, self._scale(), self.rotation
        if self._rendered_key == (page, scale, degrees) and not self._render_job:
            return
        self.runner.cancel(self._render_job)
        data, key, password, name, workers = self._data, self._key, self._password, self.file_name, self.workers
        ratio, timeout = self.devicePixelRatioF(), self.render_timeout

        def work(control: JobControl) -> QImage:
            (raw,) = documents.render_pages(
                data,
                [page],
                scale,
                password,
                rotation=degrees,
                key=key,
                name=f"Page {page + 1} of {name}",
                timeout=timeout,
                control=control,
                workers=workers,
            )
            image = to_qimage(raw)
            image.setDevicePixelRatio(ratio)
            return image

        self._render_job = self._submit(
            work, lambda result: self._on_page_image(page, scale, degrees, result), f"Drawing page {page + 1}"
        )

    def _on_page_image(self, page: int, scale: float, degrees: int, result: QImage | BaseException) -> None:
        self._render_job = 0
        if page != self._page:
            return
        self._rendered_key = (page, scale, degrees)
        if isinstance(result, BaseException):
            self.page_error = sentence(result)
            self.page_label.setPixmap(QPixmap())
            self.page_label.setWordWrap(True)  # a sentence: wrapped to the view
            self.page_label.setText(self.page_error)
        else:
            self.page_error = ""
            self.page_label.setWordWrap(False)  # a page: a word-wrapped label sized it by height-for-width
            self.page_label.setPixmap(QPixmap.fromImage(result))
        if not self.thumbs.started():
            self.thumbs.draw_next(self._draw_thumbs)
        self.page_rendered.emit(page)

    def _draw_thumbs(self, pages: list[int], scale: float, done: Callable[[list[QImage] | BaseException], None]) -> int:
        """One batch of thumbnails for :class:`ThumbnailStrip`, drawn by a worker from the document it holds open."""
        data, key, password, name, workers = self._data, self._key, self._password, self.file_name, self.workers
        timeout = self.render_timeout

        def work(control: JobControl) -> list[QImage]:
            raws = documents.render_pages(
                data,
                pages,
                scale,
                password,
                key=key,
                name=f"Thumbnails of {name}",
                timeout=timeout,
                control=control,
                workers=workers,
            )
            return [to_qimage(r).scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio) for r in raws]

        return self._submit(work, done, "Drawing thumbnails")

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        if self.state == "pdf" and self._zoom <= 0:
            self._resize_timer.start()

    def _on_thumb_picked(self, row: int) -> None:
        if row >= 0:
            self.go_to_page(row)

    def _on_page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.thumbs.blockSignals(True)
        self.thumbs.setCurrentRow(page)
        self.thumbs.blockSignals(False)
        self.prev_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < len(self._sizes) - 1)

    def _on_zoom(self, index: int) -> None:
        self._zoom = float(self.zoom.itemData(index))
        self._render_current()
