"""Preview of one document from memory: PDFs with QtPdf (pages, zoom, thumbnails, rotation), images scaled to fit.

The bytes are handed to QtPdf through a QBuffer: no temp file, so a licence scan never lands in /tmp. A PDF's
password, once typed, is remembered for the session in this process's memory only (never on disk), per document,
so reopening the file does not ask again.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap, QResizeEvent, QTransform
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.documents import sniff

ZOOMS = (("Fit width", 0.0), ("Fit page", -1.0), ("50 %", 0.5), ("100 %", 1.0), ("150 %", 1.5), ("200 %", 2.0))
THUMB = QSize(96, 128)
THUMBS_PER_TICK = 4
PAGE_MESSAGE, PAGE_PDF, PAGE_IMAGE, PAGE_PASSWORD = range(4)
ROTATIONS = {
    90: QPdfDocumentRenderOptions.Rotation.Clockwise90,
    180: QPdfDocumentRenderOptions.Rotation.Clockwise180,
    270: QPdfDocumentRenderOptions.Rotation.Clockwise270,
}
_SAMPLE = 65_536

# Passwords typed this session, by document fingerprint: memory only, gone when the app quits.
_session_passwords: dict[str, str] = {}


def fingerprint(data: bytes) -> str:
    """Tells documents apart without hashing all of a 50 MB scan in the GUI thread: size, head and tail."""
    return hashlib.sha256(len(data).to_bytes(8, "big") + data[:_SAMPLE] + data[-_SAMPLE:]).hexdigest()


def forget_passwords() -> None:
    """Drop every remembered PDF password (a profile switch, a lock of the desk)."""
    _session_passwords.clear()


class _ImageView(QLabel):
    """An image scaled to fit, keeping its aspect ratio, redone on resize."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(1, 1)
        self._pixmap = QPixmap()
        self.rotation = 0

    def set_image(self, image: QImage, rotation: int = 0) -> None:
        self.rotation = rotation
        self._pixmap = QPixmap.fromImage(image if not rotation else image.transformed(QTransform().rotate(rotation)))
        self._rescale()

    def clear_image(self) -> None:
        self._pixmap = QPixmap()
        self.clear()

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._rescale()

    def _rescale(self) -> None:
        if not self._pixmap.isNull():
            self.setPixmap(
                self._pixmap.scaled(
                    self.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )


class DocumentPreview(QWidget):
    """Shows one file's bytes; ``state`` says what is shown (for tests and for the tab)."""

    state_changed = Signal(str)  # "empty", "pdf", "image", "password", "error"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = "empty"
        self.file_name = ""
        self._data = QByteArray()
        self._buffer: QBuffer | None = None
        self._next_thumb = 0
        self._image = QImage()
        self._fingerprint = ""
        self.rotation = 0  # degrees clockwise, 0 / 90 / 180 / 270, for this document only

        self.document = QPdfDocument(self)
        self.stack = QStackedWidget(self)

        self.message = QLabel("Select a document to preview it.", self)
        self.message.setObjectName("previewMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack.addWidget(self.message)

        pdf_page = QWidget(self)
        self.pdf_view = QPdfView(pdf_page)
        self.pdf_view.setDocument(self.document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.thumbs = QListWidget(pdf_page)
        self.thumbs.setObjectName("pdfThumbnails")
        self.thumbs.setViewMode(QListView.ViewMode.IconMode)
        self.thumbs.setFlow(QListView.Flow.TopToBottom)
        self.thumbs.setWrapping(False)
        self.thumbs.setIconSize(THUMB)
        self.thumbs.setGridSize(QSize(THUMB.width() + 16, THUMB.height() + 24))
        self.thumbs.setFixedWidth(THUMB.width() + 40)
        self.thumbs.setUniformItemSizes(True)
        self.thumbs.setMovement(QListView.Movement.Static)
        self.thumbs.currentRowChanged.connect(self._on_thumb_picked)
        self.page_spin = QSpinBox(pdf_page)
        self.page_spin.setObjectName("pageSpin")
        self.page_spin.setMinimum(1)
        self.page_spin.valueChanged.connect(lambda v: self.go_to_page(v - 1))
        self.page_count = QLabel(pdf_page)
        self.prev_button = QPushButton("◀", pdf_page)
        self.prev_button.setToolTip("Previous page (Page Up)")
        self.prev_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button = QPushButton("▶", pdf_page)
        self.next_button.setToolTip("Next page (Page Down)")
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.zoom = QComboBox(pdf_page)
        self.zoom.setObjectName("zoomCombo")
        for label, factor in ZOOMS:
            self.zoom.addItem(label, factor)
        self.zoom.currentIndexChanged.connect(self._on_zoom)
        self.rotate_button = QPushButton("Rotate ⟳", pdf_page)
        self.rotate_button.setObjectName("rotatePdf")
        self.rotate_button.setToolTip("Turn the pages a quarter to the right; a turned page shows whole, one at a time")
        self.rotate_button.clicked.connect(self.rotate)
        self.rotated_view = _ImageView(pdf_page)
        self.rotated_view.setObjectName("rotatedPage")
        self.rotated_view.hide()
        bar = QHBoxLayout()
        bar.addWidget(self.prev_button)
        bar.addWidget(QLabel("Page", pdf_page))
        bar.addWidget(self.page_spin)
        bar.addWidget(self.page_count)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(QLabel("Zoom", pdf_page))
        bar.addWidget(self.zoom)
        bar.addWidget(self.rotate_button)
        split = QHBoxLayout()
        split.addWidget(self.thumbs)
        split.addWidget(self.pdf_view, 1)
        split.addWidget(self.rotated_view, 1)
        pdf_layout = QVBoxLayout(pdf_page)
        pdf_layout.setContentsMargins(0, 0, 0, 0)
        pdf_layout.addLayout(bar)
        pdf_layout.addLayout(split)
        self.stack.addWidget(pdf_page)
        self.pdf_view.pageNavigator().currentPageChanged.connect(self._on_page_changed)

        image_page = QWidget(self)
        self.image_view = _ImageView(image_page)
        self.image_rotate_button = QPushButton("Rotate ⟳", image_page)
        self.image_rotate_button.setObjectName("rotateImage")
        self.image_rotate_button.setToolTip("Turn the picture a quarter to the right (a licence photographed sideways)")
        self.image_rotate_button.clicked.connect(self.rotate)
        image_bar = QHBoxLayout()
        image_bar.addStretch(1)
        image_bar.addWidget(self.image_rotate_button)
        image_layout = QVBoxLayout(image_page)
        image_layout.setContentsMargins(0, 0, 0, 0)
        image_layout.addLayout(image_bar)
        image_layout.addWidget(self.image_view, 1)
        self.stack.addWidget(image_page)

        password_page = QWidget(self)
        self.password_label = QLabel(password_page)
        self.password_label.setWordWrap(True)
        self.password_edit = QLineEdit(password_page)
        self.password_edit.setObjectName("pdfPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText("Password of this PDF")
        self.password_edit.returnPressed.connect(self._on_unlock)
        self.unlock_button = QPushButton("Open", password_page)
        self.unlock_button.clicked.connect(self._on_unlock)
        row = QHBoxLayout()
        row.addWidget(self.password_edit)
        row.addWidget(self.unlock_button)
        pw_layout = QVBoxLayout(password_page)
        pw_layout.addStretch(1)
        pw_layout.addWidget(self.password_label)
        pw_layout.addLayout(row)
        pw_layout.addStretch(1)
        self.stack.addWidget(password_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        blank = QPixmap(THUMB)
        blank.fill(Qt.GlobalColor.white)
        self._blank = QIcon(blank)
        self._thumb_timer = QTimer(self)
        self._thumb_timer.setInterval(0)
        self._thumb_timer.timeout.connect(self._render_thumbs)

    # public
    def clear(self, text: str = "Select a document to preview it.") -> None:
        self._close_pdf()
        self.image_view.clear_image()
        self._image = QImage()
        self._set_rotation(0)
        self._data = QByteArray()
        self.file_name = ""
        self._show_message(text, "empty")

    def show_message(self, text: str) -> None:
        self._close_pdf()
        self._show_message(text, "error")

    def show_bytes(self, file_name: str, data: bytes) -> None:
        """Show a file: its magic bytes decide how, whatever its name says."""
        self._close_pdf()
        self.image_view.clear_image()
        self.file_name = file_name
        self._data = QByteArray()
        self._image = QImage()
        self._set_rotation(0)
        kind = sniff(data[:1024])
        if kind == "pdf":
            self._data = QByteArray(data)
            self._fingerprint = fingerprint(data)
            self._load_pdf(_session_passwords.get(self._fingerprint, ""))
        elif kind in ("jpeg", "png"):
            image = QImage.fromData(data)
            if image.isNull():
                self._show_message(f"{file_name} looks like an image but is damaged; it cannot be shown.", "error")
                return
            self._image = image
            self.image_view.set_image(image)
            self.stack.setCurrentIndex(PAGE_IMAGE)
            self._set_state("image")
        else:
            self._show_message(f"{file_name} is not a PDF, JPEG or PNG file; it cannot be shown.", "error")

    def unlock(self, password: str) -> None:
        self._close_pdf()
        self._load_pdf(password)

    def rotate(self) -> None:
        """Turn the picture, or every page of the PDF, a quarter to the right."""
        if self.state in ("pdf", "image"):
            self._set_rotation((self.rotation + 90) % 360)

    def _set_rotation(self, degrees: int) -> None:
        self.rotation = degrees
        if self.state == "image" and not self._image.isNull():
            self.image_view.set_image(self._image, degrees)
        turned = degrees != 0 and self.state == "pdf"
        # QPdfView cannot turn pages: a turned page is rendered here and shown whole; zoom applies when upright.
        self.pdf_view.setVisible(not turned)
        self.rotated_view.setVisible(turned)
        self.zoom.setEnabled(not turned)
        if turned:
            self._render_rotated(self.current_page())

    def _render_rotated(self, page: int) -> None:
        if not 0 <= page < self.document.pageCount():
            return
        points = self.document.pagePointSize(page)
        box = self.rotated_view.size() * self.devicePixelRatioF()
        upright = points.toSize().scaled(
            QSize(box.height(), box.width()) if self.rotation in (90, 270) else box, Qt.AspectRatioMode.KeepAspectRatio
        )
        options = QPdfDocumentRenderOptions()
        options.setRotation(ROTATIONS[self.rotation])
        size = upright.transposed() if self.rotation in (90, 270) else upright
        self.rotated_view.set_image(self.document.render(page, size, options))

    def page_total(self) -> int:
        return self.document.pageCount() if self.state == "pdf" else 0

    def current_page(self) -> int:
        return self.pdf_view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        if self.state != "pdf" or not 0 <= page < self.document.pageCount():
            return
        if page != self.current_page():
            self.pdf_view.pageNavigator().jump(page, QPointF(), self.pdf_view.zoomFactor())

    def set_zoom(self, factor: float) -> None:
        """0 = fit width, -1 = fit page, else a factor (1.0 = 100 %)."""
        index = next((i for i, (_l, f) in enumerate(ZOOMS) if f == factor), -1)
        if index >= 0:
            self.zoom.setCurrentIndex(index)
            return
        page = self.current_page()
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.pdf_view.setZoomFactor(factor)
        self.pdf_view.pageNavigator().jump(page, QPointF(), factor)

    # internals
    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)

    def _show_message(self, text: str, state: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentIndex(PAGE_MESSAGE)
        self._set_state(state)

    def _close_pdf(self) -> None:
        self._thumb_timer.stop()
        self.thumbs.clear()
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    def _load_pdf(self, password: str) -> None:
        self.document.setPassword(password)
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        error = self.document.error()
        if error == QPdfDocument.Error.IncorrectPassword:
            self.password_label.setText(
                f"{self.file_name} is protected by a password. Enter it to preview the file."
                if not password
                else "That password is not right for this PDF. Try again, or ask the customer for it."
            )
            self.password_edit.clear()
            self.stack.setCurrentIndex(PAGE_PASSWORD)
            self._set_state("password")
            self.password_edit.setFocus()
            return
        if error != QPdfDocument.Error.None_ or self.document.pageCount() == 0:
            self._close_pdf()
            self._show_message(
                f"{self.file_name} is damaged or not a PDF the viewer can read, so it cannot be shown. "
                "Save a copy and open it in another program, or ask the customer for the file again.",
                "error",
            )
            return
        if password:
            _session_passwords[self._fingerprint] = password  # asked once per document this session
        pages = self.document.pageCount()
        self.page_spin.blockSignals(True)
        self.page_spin.setRange(1, pages)
        self.page_spin.setValue(1)
        self.page_spin.blockSignals(False)
        self.page_count.setText(f"of {pages}")
        for page in range(pages):
            item = QListWidgetItem(self._blank, str(page + 1))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.thumbs.addItem(item)
        self._next_thumb = 0
        self._thumb_timer.start()
        self.stack.setCurrentIndex(PAGE_PDF)
        self._set_state("pdf")
        # The view laid out the document while it was locked (no pages): lay it out again at the chosen zoom,
        # from the top, so an unlock at 200 % shows page 1 and not an empty corner.
        self.pdf_view.horizontalScrollBar().setValue(0)
        self.pdf_view.verticalScrollBar().setValue(0)
        self._apply_zoom(0)
        self._on_page_changed(self.current_page())

    def _render_thumbs(self) -> None:
        """A few thumbnails per event-loop turn, so a 200-page PDF never freezes the window."""
        pages = self.document.pageCount()
        stop = min(self._next_thumb + THUMBS_PER_TICK, pages)
        for page in range(self._next_thumb, stop):
            size = self.document.pagePointSize(page).toSize().scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio)
            image = self.document.render(page, size)
            item = self.thumbs.item(page)
            if item is not None and not image.isNull():
                item.setIcon(QIcon(QPixmap.fromImage(image)))
        self._next_thumb = stop
        if stop >= pages:
            self._thumb_timer.stop()

    def thumbnails_done(self) -> bool:
        return self.state == "pdf" and not self._thumb_timer.isActive()

    def _on_unlock(self) -> None:
        password = self.password_edit.text()
        if password:
            self.unlock(password)

    def _on_thumb_picked(self, row: int) -> None:
        if row >= 0:
            self.go_to_page(row)

    def _on_page_changed(self, page: int) -> None:
        if self.rotated_view.isVisible():
            self._render_rotated(page)
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.thumbs.blockSignals(True)
        self.thumbs.setCurrentRow(page)
        self.thumbs.blockSignals(False)
        self.prev_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.document.pageCount() - 1)

    def _on_zoom(self, _index: int) -> None:
        self._apply_zoom(self.current_page())

    def _apply_zoom(self, page: int) -> None:
        """Zoom as the combo says, then show `page` again: the view would otherwise jump back to page 1."""
        factor = float(self.zoom.currentData())
        if factor == 0.0:
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif factor < 0:
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.pdf_view.setZoomFactor(factor)
        if self.state == "pdf" and 0 <= page < self.document.pageCount():
            self.pdf_view.pageNavigator().jump(page, QPointF(), self.pdf_view.zoomFactor())
