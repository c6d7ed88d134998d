"""The F&I products table as a model and its tier delegate: no widget per row.

Each row is a product of the deal's catalog (or a Chaiz contract added), with the tier shown and whether it is
ticked. The table used to hold a tier box (a ``QComboBox``) per row, built as the catalog arrived: a few
milliseconds each (style, size hints) on the GUI thread. Now the tier column paints a drop-down's look and the
delegate makes one real box only for the cell being edited; a catalog priced again announces only the cells that
changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.domain.desking.menu import CatalogProduct
from desktop.domain.desking.structure import DEAL_TYPES
from desktop.ui.amounts import money
from desktop.ui.models.common import Index, ObjectRole, RowsTableModel
from desktop.ui.widgets.wheel_guard import ComboBox

TiersRole = Qt.ItemDataRole.UserRole + 3  # the tier column's choices: [(text, tier code)]


@dataclass(frozen=True)
class ProductRow:
    """A product as the table shows it: the tier in its tier column, and whether the deal has it."""

    product: CatalogProduct
    tier: str
    checked: bool

    def price(self) -> Decimal:
        """The shown tier's price (the first tier's when the code is not one of them)."""
        return next((t.price for t in self.product.tiers if t.code == self.tier), self.product.tiers[0].price)

    def texts(self) -> tuple[str, str, str, str, str]:
        product = self.product
        tier = next((t for t in product.tiers if t.code == self.tier), product.tiers[0])
        sold = ", ".join(t for t in DEAL_TYPES if t in product.deal_types)
        flags = f"{'taxable' if product.taxable else 'not taxed'}, {'residualized' if product.residualize else '—'}"
        return (
            f"{product.title} ({product.category})",
            tier_text(tier.title, tier.price),
            money(self.price()),
            sold,
            flags,
        )


def tier_text(title: str, price: Decimal) -> str:
    return f"{title} — {money(price)}"


class ProductsModel(RowsTableModel[ProductRow]):
    """The deal's products: tick one in the product column, pick its tier in the tier column.

    ``toggled`` and ``tier_chosen`` fire on a user's change (or :meth:`setData`), never on :meth:`set_rows`.
    """

    COL_PRODUCT, COL_TIER, COL_PRICE, COL_SOLD, COL_FLAGS = range(5)
    HEADERS = ("Product", "Tier", "Price", "Sold on", "Taxable / residualized")
    toggled = Signal(str, bool)  # product code, ticked
    tier_chosen = Signal(str, str)  # product code, tier code

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._texts: list[tuple[str, str, str, str, str]] = []

    def set_rows(self, rows: list[ProductRow]) -> None:
        """Show ``rows`` with the fewest changes: a catalog priced again keeps its rows and changes some prices,
        so only the rows that differ are announced, and rows are added or removed at the end."""
        old, new = self._rows, list(rows)
        keep = min(len(old), len(new))
        if len(new) < len(old):
            self.beginRemoveRows(QModelIndex(), keep, len(old) - 1)
            del self._rows[keep:], self._texts[keep:]
            self.endRemoveRows()
        changed = [row for row in range(keep) if old[row] != new[row]]
        for row in changed:
            self._rows[row], self._texts[row] = new[row], new[row].texts()
        if changed:
            last = len(self.HEADERS) - 1
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], last))
        if len(new) > keep:
            self.beginInsertRows(QModelIndex(), keep, len(new) - 1)
            self._rows.extend(new[keep:])
            self._texts.extend(r.texts() for r in new[keep:])
            self.endInsertRows()

    def flags(self, index: Index) -> Qt.ItemFlag:
        """As the table of items had them: a product is ticked, not selected; the tier is picked in place."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() == self.COL_PRODUCT:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
        editable = Qt.ItemFlag.ItemIsEditable if index.column() == self.COL_TIER else Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | editable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if not index.isValid() or row >= len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][column]
        if column == self.COL_PRODUCT:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if self._rows[row].checked else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._rows[row].product.provider
        if column == self.COL_TIER:
            if role == Qt.ItemDataRole.EditRole:
                return self._rows[row].tier
            if role == TiersRole:
                return [(tier_text(t.title, t.price), t.code) for t in self._rows[row].product.tiers]
        if role == ObjectRole:
            return self._rows[row].product
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Tick (CheckStateRole on the product) or pick a tier (EditRole on the tier): the signals say which."""
        if not index.isValid() or index.row() >= len(self._rows):
            return False
        row = self._rows[index.row()]
        if index.column() == self.COL_PRODUCT and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            if checked != row.checked:
                self._change(index.row(), ProductRow(row.product, row.tier, checked))
                self.toggled.emit(row.product.code, checked)
            return True
        if index.column() == self.COL_TIER and role == Qt.ItemDataRole.EditRole:
            tier = str(value)
            if tier not in {t.code for t in row.product.tiers}:
                return False
            if tier != row.tier:
                self._change(index.row(), ProductRow(row.product, tier, row.checked))
                self.tier_chosen.emit(row.product.code, tier)
            return True
        return False

    def _change(self, row: int, to: ProductRow) -> None:
        self._rows[row], self._texts[row] = to, to.texts()
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))


class TierDelegate(QStyledItemDelegate):
    """The tier column: painted as a drop-down, edited with a real one made for the cell being edited.

    A choice is written to the model as it is made (the price beside it follows at once, as with the box per row);
    a click opens the list at once, as a click on a drop-down does.
    """

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        view = option.widget  # type: ignore[attr-defined]
        style = view.style() if view is not None else QApplication.style()
        box = _box_option(option, str(index.data()))
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, box, painter, view)
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, box, painter, view)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        view = option.widget  # type: ignore[attr-defined]
        style = view.style() if view is not None else QApplication.style()
        text = option.fontMetrics.size(Qt.TextFlag.TextSingleLine, str(index.data()))  # type: ignore[attr-defined]
        box = _box_option(option, str(index.data()))
        return style.sizeFromContents(QStyle.ContentsType.CT_ComboBox, box, text, view)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = ComboBox(parent)
        editor.currentIndexChanged.connect(lambda _i: self.commitData.emit(editor))
        if QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton:
            QTimer.singleShot(0, editor, editor.showPopup)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        blocker = QSignalBlocker(editor)  # filling the box is not a choice
        set_choices(editor, index.data(TiersRole) or [])
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        blocker.unblock()

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QComboBox)
        if editor.currentIndex() >= 0:
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def _box_option(option: QStyleOptionViewItem, text: str) -> QStyleOptionComboBox:
    box = QStyleOptionComboBox()
    box.rect = option.rect  # type: ignore[attr-defined]
    box.palette = option.palette  # type: ignore[attr-defined]
    box.fontMetrics = option.fontMetrics  # type: ignore[attr-defined]
    box.direction = option.direction  # type: ignore[attr-defined]
    box.state = option.state | QStyle.StateFlag.State_Enabled  # type: ignore[attr-defined]
    box.currentText = text
    box.frame = True
    return box


def set_choices(box: QComboBox, choices: list[tuple[str, Any]]) -> None:
    """Give ``box`` these (text, data) items: texts are changed in place when the data are the same ones (a new
    price), the items replaced only when the choices themselves changed. Signals stay as the caller set them."""
    if [box.itemData(i) for i in range(box.count())] == [data for _text, data in choices]:
        for i, (text, _data) in enumerate(choices):
            if box.itemText(i) != text:
                box.setItemText(i, text)
        return
    box.clear()
    for text, data in choices:
        box.addItem(text, data)
