"""Pixels from a document worker made visible: a QImage that owns them, and a label that scales an image to fit.

Everything that walks every pixel of a big image (converting the worker's byte order to the screen's, smooth
scaling) runs in the TaskRunner's threads: on the GUI thread a 2,048-pixel photo costs tens of milliseconds each
time, which is a stall a user feels on every document and every resize.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap, QResizeEvent, QTransform
from PySide6.QtWidgets import QLabel, QWidget

from desktop.services.cancel import JobControl
from desktop.services.doc_worker.client import RawImage
from desktop.ui.tasks import TaskRunner

_FORMATS = {
    "RGBX": QImage.Format.Format_RGBX8888,
    "RGBA": QImage.Format.Format_RGBA8888,
    "RGB": QImage.Format.Format_RGB888,
    "L": QImage.Format.Format_Grayscale8,
}


RESCALE_SETTLE_MS = 80


def to_qimage(raw: RawImage) -> QImage:
    """Pixel rows from a worker as a QImage that owns its memory, in the format the screen draws without converting.

    Safe to build in a pool thread. ``QPixmap.fromImage`` on the GUI thread is then a plain copy, not a pass that
    reorders every pixel; a picture with transparency is premultiplied here for the same reason.
    """
    fmt = _FORMATS.get(raw.format)
    if fmt is None:
        raise ValueError(f"The document reader sent pixels in an unknown format ({raw.format}).")
    shown = QImage.Format.Format_ARGB32_Premultiplied if raw.format == "RGBA" else QImage.Format.Format_RGB32
    # None of _FORMATS is a screen format, so the conversion always makes a new image that owns its pixels.
    return QImage(raw.pixels, raw.width, raw.height, raw.stride, fmt).convertToFormat(shown)


def turned(image: QImage, degrees: int) -> QImage:
    """`image` turned clockwise by `degrees` (safe to run in a pool thread)."""
    return image.transformed(QTransform().rotate(degrees)) if degrees % 360 else image


class ImageView(QLabel):
    """An image scaled to fit, keeping its aspect ratio, redone on resize.

    The window shows a quick nearest-pixel scaling at once (it reads only the pixels it shows) and asks the
    runner's threads for the smooth one, which replaces it when ready; a resize waits to settle before asking.
    """

    def __init__(self, parent: QWidget | None = None, *, runner: TaskRunner) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(1, 1)
        self._runner = runner
        self._image = QImage()
        self._job = 0
        self._version = 0
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(RESCALE_SETTLE_MS)
        self._settle.timeout.connect(self._on_settled)

    def set_image(self, image: QImage) -> None:
        self._image = image
        self._rescale()
        self._settle.stop()
        self._on_settled()

    def clear_image(self) -> None:
        self._version += 1
        self._runner.cancel(self._job)
        self._job = 0
        self._settle.stop()
        self._image = QImage()
        self.clear()

    def smooth_pending(self) -> bool:
        """The smooth scaling for the current size is still being made (tests wait for it)."""
        return bool(self._job) or self._settle.isActive()

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        if not self._image.isNull():
            self._rescale()
            self._settle.start()

    def _rescale(self) -> None:
        self._version += 1
        self.setPixmap(QPixmap.fromImage(self._image.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)))

    def _on_settled(self) -> None:
        self._runner.cancel(self._job)
        if self._image.isNull():
            return
        image, size, version = self._image, QSize(self.size()), self._version

        def work(_control: JobControl) -> QImage:
            return image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)

        self._job = self._runner.submit_job(work, lambda r: self._on_smooth(version, r), label="Scaling", owner=self)

    def _on_smooth(self, version: int, result: QImage) -> None:
        if version != self._version:  # a newer image or size came first; its own request follows
            return
        self._job = 0
        self.setPixmap(QPixmap.fromImage(result))
