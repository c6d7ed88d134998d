"""The F&I products table as a model and its tier delegate: no widget per row.

Each row is a product of the deal's catalog (or a Chaiz contract added), with the tier shown and whether it is
ticked. The table used to hold a tier box (a ``QComboBox``) per row, built as the catalog arrived: a few
milliseconds each (style, size hints) on the GUI thread. Now the tier column paints a drop-down's look and the
delegate makes one real box only for the cell being edited; a catalog priced again announces only the cells that
changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

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
from desktop.ui.models.common import Index, ObjectRole
from desktop.ui.models.item_rows import Cells, ItemRowsModel
from desktop.ui.widgets.choice_delegate import ChosenRole
from desktop.ui.widgets.wheel_guard import ComboBox

TiersRole = Qt.ItemDataRole.UserRole + 3  # the tier column's choices: [(text, tier code)]
_DISPLAY, _TIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_CHECK = int(Qt.ItemDataRole.CheckStateRole)


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


class ProductsModel(ItemRowsModel[ProductRow]):
    """The deal's products, their cells kept in Qt: tick one in the product column, pick its tier in the tier
    column. Only an edit calls Python (:meth:`setData`); a view's paint and measure do not.

    ``toggled`` and ``tier_chosen`` fire on a user's change (or :meth:`setData`), never on :meth:`set_rows`.
    """

    COL_PRODUCT, COL_TIER, COL_PRICE, COL_SOLD, COL_FLAGS = range(5)
    HEADERS = ("Product", "Tier", "Price", "Sold on", "Taxable / residualized")
    # As the table of items had them: a product is ticked, not selected; the tier is picked in place.
    COLUMN_FLAGS: ClassVar[dict[int, Qt.ItemFlag]] = {
        COL_PRODUCT: Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable,
        COL_TIER: Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable,
    }
    toggled = Signal(str, bool)  # product code, ticked
    tier_chosen = Signal(str, str)  # product code, tier code

    def set_rows(self, rows: Iterable[ProductRow]) -> None:
        """Show ``rows`` with the fewest changes: a catalog priced again keeps its rows and changes some prices,
        so only the cells that differ are set (and announced), and rows are added or removed at the end."""
        old, new = self._rows, list(rows)
        keep = min(len(old), len(new))
        self.remove_rows_from(len(new))
        for r in range(keep):
            if old[r] != new[r]:
                self._rows[r] = new[r]
                self.refresh_row(r)
        self.append_rows(new[keep:])

    def cells(self, row: ProductRow) -> Cells:
        product = row.product
        product_text, tier_text_, price, sold, flags = row.texts()
        checked = Qt.CheckState.Checked if row.checked else Qt.CheckState.Unchecked
        yield {ObjectRole: product, _DISPLAY: product_text, _CHECK: checked, _TIP: product.provider}
        tiers = [(tier_text(t.title, t.price), t.code) for t in product.tiers]
        yield {ObjectRole: product, _DISPLAY: tier_text_, ChosenRole: row.tier, TiersRole: tiers}
        for text in (price, sold, flags):
            yield {ObjectRole: product, _DISPLAY: text}

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
        self._rows[row] = to
        self.refresh_row(row)


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
        editor.setCurrentIndex(max(0, editor.findData(index.data(ChosenRole))))
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
