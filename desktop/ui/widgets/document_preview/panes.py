"""The preview's two faces, as widgets without logic: a PDF (tool bar, thumbnails, page) and a picture.

The preview connects their controls and decides what they show; a pane only lays them out.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.document_images import ImageView
from desktop.ui.widgets.document_preview.thumbnails import ThumbnailStrip
from desktop.ui.widgets.wheel_guard import ComboBox, SpinBox

ZOOMS = (("Fit width", 0.0), ("Fit page", -1.0), ("50 %", 0.5), ("100 %", 1.0), ("150 %", 1.5), ("200 %", 2.0))


class PdfPane(QWidget):
    """Page / zoom / turn bar over the thumbnails and the page drawn at the zoom asked for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page_label = QLabel(self)
        self.page_label.setObjectName("pdfPage")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setWordWrap(True)
        self.pdf_view = QScrollArea(self)
        self.pdf_view.setWidget(self.page_label)
        self.pdf_view.setWidgetResizable(True)
        self.pdf_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Kept from the start: PySide6 builds the Python side of the viewport on first access (~50 ms of enum
        # types), which would otherwise land in the slot that shows a customer's first PDF.
        self.page_room = self.pdf_view.viewport()
        self.thumbs = ThumbnailStrip(self)
        self.page_spin = SpinBox(self)
        self.page_spin.setObjectName("pageSpin")
        self.page_spin.setMinimum(1)
        self.page_count = QLabel(self)
        self.prev_button = QPushButton("◀", self)
        self.prev_button.setToolTip("Previous page (Page Up)")
        self.next_button = QPushButton("▶", self)
        self.next_button.setToolTip("Next page (Page Down)")
        self.zoom = ComboBox(self)
        self.zoom.setObjectName("zoomCombo")
        for label, factor in ZOOMS:
            self.zoom.addItem(label, factor)
        self.rotate_button = QPushButton("Rotate ⟳", self)
        self.rotate_button.setObjectName("rotatePdf")
        self.rotate_button.setToolTip("Turn the pages a quarter to the right")
        bar = QHBoxLayout()
        bar.addWidget(self.prev_button)
        bar.addWidget(QLabel("Page", self))
        bar.addWidget(self.page_spin)
        bar.addWidget(self.page_count)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(QLabel("Zoom", self))
        bar.addWidget(self.zoom)
        bar.addWidget(self.rotate_button)
        split = QHBoxLayout()
        split.addWidget(self.thumbs)
        split.addWidget(self.pdf_view, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(split)


class ImagePane(QWidget):
    """A picture scaled to fit, with its turn button (a licence photographed sideways)."""

    def __init__(self, parent: QWidget | None = None, *, runner: TaskRunner) -> None:
        super().__init__(parent)
        self.image_view = ImageView(self, runner=runner)
        self.rotate_button = QPushButton("Rotate ⟳", self)
        self.rotate_button.setObjectName("rotateImage")
        self.rotate_button.setToolTip("Turn the picture a quarter to the right (a licence photographed sideways)")
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.rotate_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.image_view, 1)
