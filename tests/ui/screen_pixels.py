"""What a shown window has on screen, read back for tests of what a switch paints and when."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget


def on_screen(window: QWidget) -> QImage:
    """What the window shows: its backing store, as the offscreen screen hands it out (``grab()`` would paint anew)."""
    return window.screen().grabWindow(window.winId()).toImage()


def colours(image: QImage, area: QRect, step: int) -> set[int]:
    """The colours of ``image`` in ``area``, looked at every ``step`` pixels."""
    area = area.intersected(image.rect())
    return {
        image.pixel(x, y)
        for x in range(area.left(), area.right(), step)
        for y in range(area.top(), area.bottom(), step)
    }


def area_of(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
