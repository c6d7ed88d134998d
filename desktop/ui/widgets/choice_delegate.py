"""A table cell edited by picking one of a few values, with a combo box that exists only while the cell is edited.

A combo box per row (the upload dialog's first shape) costs a widget, its style polish and an ``addItem`` per choice
for every row before the dialog can show: 2-3 ms a file on the GUI thread. Drawn as text by the view and edited in
place, a row costs nothing until the user opens it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.ui.widgets.wheel_guard import ComboBox

ChoicesRole = Qt.ItemDataRole.UserRole + 4
"""A cell's choices, as (label, value) pairs; its :data:`ChosenRole` is the chosen value."""
ChosenRole = Qt.ItemDataRole.UserRole + 6
"""A cell's chosen value (its text, the ``DisplayRole``, is the value's label: Qt's item model keeps the
``EditRole`` and the ``DisplayRole`` as one)."""

Index = QModelIndex | QPersistentModelIndex


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell with a combo box of the choices its model gives under :data:`ChoicesRole`; a pick commits."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = ComboBox(parent)
        for label, value in index.data(ChoicesRole) or ():
            combo.addItem(label, value)
        combo.activated.connect(self._on_chosen)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(ChosenRole)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def _on_chosen(self, _row: int) -> None:
        """A pick is the answer: written to the model at once, not when the cell loses focus."""
        combo = self.sender()
        assert isinstance(combo, QComboBox)
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)
