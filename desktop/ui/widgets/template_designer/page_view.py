"""The page under the mouse: drag on paper draws a box, drag a box moves it, drag its corner resizes it."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsSimpleTextItem, QGraphicsView

from desktop.domain import form_fields as ff
from desktop.ui.widgets.template_designer.items import DEFAULT_SIZE, FieldItem, snap

if TYPE_CHECKING:
    from desktop.ui.widgets.template_designer.designer import TemplateDesigner


HANDLE = 8.0  # size of the resize handle, in view pixels


class PageView(QGraphicsView):
    """Mouse gestures on the page: drag on paper draws, drag a box moves it, drag its corner resizes it."""

    def __init__(self, designer: TemplateDesigner) -> None:
        super().__init__(designer.scene, designer)
        self._designer = designer
        self.empty_text = "No form open."  # what the blank view says to do; the tab names its own controls
        self._mode = ""
        self._start = QPointF()
        self._origin: ff.FormField | None = None
        self._box_id = -1
        self._rubber: QGraphicsRectItem | None = None
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)

    def _scene_point(self, event: QMouseEvent) -> QPointF:
        return self.mapToScene(event.position().toPoint())

    def _hit(self, point: QPointF) -> tuple[int, bool]:
        """The topmost box under ``point`` and whether the point is on its resize handle."""
        handle = HANDLE / max(self.transform().m11(), 0.01)
        for item in self.scene().items(point):
            if isinstance(item, FieldItem | QGraphicsSimpleTextItem):
                box = item if isinstance(item, FieldItem) else item.parentItem()
                if isinstance(box, FieldItem):
                    rect = box.rect()
                    on_handle = point.x() >= rect.right() - handle and point.y() >= rect.bottom() - handle
                    return box.box_id, on_handle
        return -1, False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self._designer.has_document():
            super().mousePressEvent(event)
            return
        self.setFocus()
        point = self._scene_point(event)
        box_id, on_handle = self._hit(point)
        self._start = point
        if box_id >= 0:
            self._designer.select(box_id)
            self._box_id = box_id
            self._origin = self._designer.field(box_id)
            self._mode = "resize" if on_handle else "move"
        elif self._designer.page_rect().contains(point):
            self._designer.select(-1)
            self._mode = "draw"
            self._rubber = QGraphicsRectItem(QRectF(point, point))
            pen = QPen(QColor("#cf222e"), 1, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            self._rubber.setPen(pen)
            self._rubber.setZValue(2)
            self.scene().addItem(self._rubber)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = self._scene_point(event)
        if self._mode == "draw" and self._rubber is not None:
            self._rubber.setRect(QRectF(self._start, point).normalized())
        elif self._mode in ("move", "resize") and self._origin is not None:
            self._designer._preview(self._box_id, self._moved(self._origin, point, self._mode))
        elif not self._designer.has_document():
            self.viewport().unsetCursor()  # nothing to draw on: no cross-hair
        else:
            box_id, on_handle = self._hit(point)
            cursor = Qt.CursorShape.SizeFDiagCursor if on_handle else Qt.CursorShape.SizeAllCursor
            self.viewport().setCursor(cursor if box_id >= 0 else Qt.CursorShape.CrossCursor)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        point = self._scene_point(event)
        mode, self._mode = self._mode, ""
        if mode == "draw" and self._rubber is not None:
            self.scene().removeItem(self._rubber)
            self._rubber = None
            rect = QRectF(self._start, point).normalized()
            if rect.width() < ff.MIN_BOX and rect.height() < ff.MIN_BOX:
                rect = QRectF(self._start, QSize(int(DEFAULT_SIZE[0]), int(DEFAULT_SIZE[1])).toSizeF())
            self._designer.add_box(rect)
        elif mode in ("move", "resize") and self._origin is not None:
            self._designer.change(
                self._box_id, self._moved(self._origin, point, mode), "Move field" if mode == "move" else "Resize field"
            )
        self._origin = None
        event.accept()

    def _moved(self, origin: ff.FormField, point: QPointF, mode: str) -> ff.FormField:
        dx, dy = point.x() - self._start.x(), point.y() - self._start.y()
        page = self._designer.page_rect()
        if mode == "resize":
            width = min(max(ff.MIN_BOX, snap(origin.width + dx)), page.width() - origin.x)
            height = min(max(ff.MIN_BOX, snap(origin.height + dy)), page.height() - origin.y)
            return dataclasses.replace(origin, width=width, height=height)
        x = min(max(0.0, snap(origin.x + dx)), page.width() - origin.width)
        y = min(max(0.0, snap(origin.y + dy)), page.height() - origin.height)
        return dataclasses.replace(origin, x=x, y=y)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._designer.delete_selected()
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """A blank view says how to start, in the placeholder colour of an empty field."""
        super().paintEvent(event)
        if self._designer.has_document():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
        painter.drawText(self.viewport().rect().adjusted(24, 24, -24, -24), flags, self.empty_text)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._designer._fit()
