"""The designer's side panel: the selected field's properties, shown; the designer makes edits undoable."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.domain import form_fields as ff
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.wheel_guard import ComboBox, DoubleSpinBox


class FieldPanel(QWidget):
    """The side panel: the selected field's type, name, signee, font size, label and box, and the designer's banner.

    It only shows a field (:meth:`show_field`); the designer connects its editors and turns their edits into
    undoable commands.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = QLabel("Drag on the page to draw a field; drag a field to move it, its corner to resize it.", self)
        self.hint.setWordWrap(True)
        self.type_combo = ComboBox(self)
        for key, label in ff.FIELD_TYPES.items():
            self.type_combo.addItem(label, key)
        self.name_edit = QLineEdit(self)
        self.signee_combo = ComboBox(self)
        for key, label in ff.SIGNEES.items():
            self.signee_combo.addItem(label, key)
        self.font_spin = DoubleSpinBox(self)
        self.font_spin.setRange(ff.MIN_FONT_SIZE, ff.MAX_FONT_SIZE)
        self.font_spin.setSingleStep(1)
        self.font_spin.setValue(ff.DEFAULT_FONT_SIZE)
        self.label_edit = QLineEdit(self)
        self.required_check = QCheckBox("An agent must fill this field", self)
        self.geometry_label = QLabel("", self)
        self.geometry_label.setWordWrap(True)
        self.banner = Banner(self)
        form = QFormLayout()
        form.addRow("Type", self.type_combo)
        form.addRow("Name", self.name_edit)
        form.addRow("Signee", self.signee_combo)
        form.addRow("Font size", self.font_spin)
        form.addRow("Label", self.label_edit)
        form.addRow("", self.required_check)
        form.addRow("Box", self.geometry_label)
        side = QVBoxLayout(self)
        side.addWidget(self.hint)
        side.addLayout(form)
        side.addWidget(self.banner)
        side.addStretch(1)
        self.setFixedWidth(280)

    def show_field(self, field: ff.FormField | None) -> None:
        """Fill the editors from ``field`` without firing their edit signals; None: nothing is selected."""
        for w in (self.name_edit, self.label_edit, self.required_check):
            w.setEnabled(field is not None)
        if field is None:
            self.geometry_label.setText("Nothing selected: the panel sets the next field drawn.")
            self.name_edit.clear()
            self.label_edit.clear()
            return
        editors: tuple[QWidget, ...] = (
            self.type_combo,
            self.signee_combo,
            self.font_spin,
            self.name_edit,
            self.label_edit,
            self.required_check,
        )
        for editor in editors:
            editor.blockSignals(True)
        _select_or_add(self.type_combo, field.type, ff.type_label(field.type))
        _select_or_add(self.signee_combo, field.signee, ff.signee_label(field.signee))
        self.font_spin.setValue(field.font_size)
        self.name_edit.setText(field.name)
        self.label_edit.setText(field.label)
        self.required_check.setChecked(field.agent_filled_required)
        for editor in editors:
            editor.blockSignals(False)
        self.geometry_label.setText(
            f"page {field.page + 1}, x {field.x:g}, y {field.y:g}, {field.width:g} x {field.height:g} pt"
        )


def _select_or_add(combo: QComboBox, key: str, label: str) -> None:
    """Select ``key``; a type or signee from a template made elsewhere is added to the list, never lost."""
    index = combo.findData(key)
    if index < 0:
        combo.addItem(label, key)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
