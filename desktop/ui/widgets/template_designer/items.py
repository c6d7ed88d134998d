"""The drawing of one field box on the page, and the whole-point snapping every box position goes through."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsSimpleTextItem

from desktop.domain import form_fields as ff

SIGNEE_COLORS = {"__customer__": "#1f6feb", "__co_buyer__": "#8250df", "__dealer__": "#1a7f37"}
DEFAULT_SIZE = (120.0, 14.0)  # a click without a drag makes a box this big


def snap(value: float) -> float:
    """Whole points, as the reference's definitions have them; half a point is below anyone's aim."""
    return float(int(value + 0.5)) if value >= 0 else -float(int(-value + 0.5))


class FieldItem(QGraphicsRectItem):
    """The drawing of one field; the designer owns the data, this only shows it."""

    def __init__(self, box_id: int, field: ff.FormField) -> None:
        super().__init__()
        self.box_id = box_id
        self.caption = QGraphicsSimpleTextItem(self)
        self.setZValue(1)
        self.show_field(field, selected=False)

    def show_field(self, field: ff.FormField, *, selected: bool) -> None:
        self.setRect(QRectF(field.x, field.y, field.width, field.height))
        color = QColor(SIGNEE_COLORS.get(field.signee, "#1f6feb"))
        pen = QPen(color, 2.0 if selected else 1.0)
        pen.setCosmetic(True)
        if field.is_signature:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        fill = QColor(color)
        fill.setAlpha(70 if selected else 35)
        self.setBrush(QBrush(fill))
        self.caption.setText(field.name)
        self.caption.setBrush(QBrush(color.darker(130)))
        font = self.caption.font()
        font.setPointSizeF(max(4.0, min(field.height * 0.6, 9.0)))
        self.caption.setFont(font)
        self.caption.setPos(field.x + 1, field.y + max(0.0, (field.height - font.pointSizeF() * 1.4) / 2))
