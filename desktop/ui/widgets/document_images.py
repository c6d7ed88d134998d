"""Pixels from a document worker made visible: a QImage that owns them, and a label that scales an image to fit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent, QTransform
from PySide6.QtWidgets import QLabel, QWidget

from desktop.services.doc_worker.client import RawImage

_FORMATS = {
    "RGBX": QImage.Format.Format_RGBX8888,
    "RGBA": QImage.Format.Format_RGBA8888,
    "RGB": QImage.Format.Format_RGB888,
    "L": QImage.Format.Format_Grayscale8,
}


def to_qimage(raw: RawImage) -> QImage:
    """Pixel rows from a worker as a QImage that owns its memory (safe to build in a pool thread)."""
    fmt = _FORMATS.get(raw.format)
    if fmt is None:
        raise ValueError(f"The document reader sent pixels in an unknown format ({raw.format}).")
    return QImage(raw.pixels, raw.width, raw.height, raw.stride, fmt).copy()


def turned(image: QImage, degrees: int) -> QImage:
    """`image` turned clockwise by `degrees` (safe to run in a pool thread)."""
    return image.transformed(QTransform().rotate(degrees)) if degrees % 360 else image


class ImageView(QLabel):
    """An image scaled to fit, keeping its aspect ratio, redone on resize."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(1, 1)
        self._pixmap = QPixmap()

    def set_image(self, image: QImage) -> None:
        self._pixmap = QPixmap.fromImage(image)
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
