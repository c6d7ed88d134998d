"""Finds what a user would see cut off: labels, buttons, header sections, tabs and combo boxes narrower than their
text, the hint of an empty field cut short, or widgets outside the window. Each finding is one line naming the
widget and the text, for a failing test to print."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QTabBar,
    QTableView,
    QToolButton,
    QWidget,
)

from desktop.ui.widgets.wheel_guard import scroll_area_of

SLACK = 1  # pixels of rounding between font metrics and layout


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _name(widget: QWidget) -> str:
    parents = []
    node: QWidget | None = widget
    while node is not None and len(parents) < 4:
        parents.append(node.objectName() or type(node).__name__)
        node = node.parentWidget()
    return "/".join(reversed(parents))


def _in_scroll_area(widget: QWidget) -> bool:
    return scroll_area_of(widget) is not None


def _scroll_clip(widget: QWidget) -> str:
    """A widget wider than the scroll area it sits in, with no horizontal scroll bar to reach its right part."""
    node = widget.parentWidget()
    while node is not None and not isinstance(node, QScrollArea) and not node.isWindow():
        node = node.parentWidget()  # (a dialog's widgets are not in the scroll area its parent sits in)
    if not isinstance(node, QScrollArea) or node.horizontalScrollBar().isVisible():
        return ""
    viewport = node.viewport()
    left = widget.mapTo(viewport, widget.rect().topLeft()).x()
    if left + widget.width() > viewport.width() + SLACK:
        return f"cut at the right edge of its scroll area ({left + widget.width()} px of {viewport.width()})"
    return ""


def _label_problem(label: QLabel) -> str:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()) or label.objectName() == "bannerText":
        return ""
    room = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    room.setWidth(room.width() - label.indent() if label.indent() > 0 else room.width())
    if label.wordWrap() or label.textFormat() == Qt.TextFormat.RichText or "<" in text:
        needed = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
        if label.wordWrap() and needed > label.height() + SLACK:
            return f"wraps to {needed} px but has {label.height()} px"
        if not label.wordWrap() and label.sizeHint().width() > label.width() + SLACK:
            return f"needs {label.sizeHint().width()} px wide, has {label.width()}"
        return ""
    metrics = label.fontMetrics()
    widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    if widest > room.width() + SLACK:
        return f"text is {widest} px wide, label has {room.width()}"
    if metrics.height() * len(text.split("\n")) > room.height() + SLACK:
        return f"text is {metrics.height()} px high, label has {room.height()}"
    return ""


def _button_problem(button: QAbstractButton) -> str:
    text = _plain(button.text())
    if not text:
        return ""
    if isinstance(button, QCheckBox | QRadioButton | QToolButton):
        needed = button.sizeHint().width()
    else:
        style = button.style()
        frame = style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin) + style.pixelMetric(
            QStyle.PixelMetric.PM_DefaultFrameWidth
        )
        icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
        needed = button.fontMetrics().horizontalAdvance(text) + 2 * frame + icon
        if isinstance(button, QPushButton) and button.menu() is not None:
            needed += style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator)
    if needed > button.width() + SLACK:
        return f"needs {needed} px, has {button.width()}"
    if button.fontMetrics().height() > button.height():
        return f"text is {button.fontMetrics().height()} px high, button has {button.height()}"
    return ""


def _placeholder_problem(edit: QLineEdit) -> str:
    """A hint the field cuts with "…": a user who has not typed yet reads only its start.

    Only an enabled field that shows its hint counts (a disabled one is not asked to be filled). The room is the
    line edit's own text rect: its contents less the text margins, the icons at its ends (the clear button takes
    its place even while hidden) and Qt's 2 px margin on each side.
    """
    hint = edit.placeholderText()
    if not hint or edit.text() or not edit.isEnabled():
        return ""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    room = room.marginsRemoved(edit.textMargins())
    left, right = room.left(), room.right()
    for icon in edit.findChildren(QToolButton, options=Qt.FindChildOption.FindDirectChildrenOnly):
        action = icon.defaultAction()
        if icon.isHidden() and (action is None or action.objectName() != "_q_qlineeditclearaction"):
            continue
        if icon.geometry().center().x() > room.center().x():
            right = min(right, icon.x() - 1)
        else:
            left = max(left, icon.geometry().right() + 1)
    width = right - left + 1 - 2 * 2
    needed = edit.fontMetrics().horizontalAdvance(hint)
    if needed > width + SLACK:
        return f"hint {hint!r} is {needed} px wide, the field shows {width}"
    return ""


def _combo_problem(combo: QComboBox) -> str:
    """The chosen item's text cut by the box (a long order label, a sentence put in as an item)."""
    text = combo.currentText()
    if not text or not combo.isEnabled():
        return ""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    icon = combo.iconSize().width() + 4 if not combo.itemIcon(combo.currentIndex()).isNull() else 0
    width = field.width() - icon - 2 * 2
    needed = combo.fontMetrics().horizontalAdvance(text)
    if needed > width + SLACK:
        return f"shows {text[:40]!r} in {width} px of the {needed} px it needs"
    return ""


def _header_problems(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None or not header.isVisible() or header.orientation() != Qt.Orientation.Horizontal:
        return []
    style = header.style()
    margin = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    sort = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) if header.isSortIndicatorShown() else 0
    problems = []
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionSize(section) == 0:
            continue
        text = str(model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        needed = header.fontMetrics().horizontalAdvance(text) + margin
        if header.sortIndicatorSection() == section:
            needed += sort
        if needed > header.sectionSize(section) + SLACK:
            problems.append(f"header {text!r} needs {needed} px, has {header.sectionSize(section)}")
    return problems


def _cell_problems(view: QAbstractItemView) -> list[str]:
    """Cells on screen whose text the view would cut with "…" (a grid's "$2,410.…")."""
    model = view.model()
    if model is None or not isinstance(view, QTableView):
        return []
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    viewport = view.viewport().rect()
    problems = []
    header = view.horizontalHeader()
    if view.horizontalScrollBar().value() == 0:
        for column in range(header.count()):
            left = header.sectionViewportPosition(column)
            if not header.isSectionHidden(column) and left < viewport.width() < left + header.sectionSize(column):
                title = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                problems.append(f"column {title!r} is cut at the right edge of the table")
    top = view.rowAt(0)
    for row in range(max(top, 0), min(model.rowCount(), max(top, 0) + 60)):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            rect = view.visualRect(index)
            if view.isColumnHidden(column) or not rect.intersects(viewport):
                continue
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            metrics = view.fontMetrics()
            if view.wordWrap():
                box = metrics.boundingRect(
                    QRect(0, 0, max(rect.width() - margin, 1), 10_000), int(Qt.TextFlag.TextWordWrap), text
                )
                if box.width() > rect.width() - margin + SLACK or box.height() > rect.height() + SLACK:
                    problems.append(
                        f"cell {text[:30]!r} (row {row}) needs {box.width()}×{box.height()} px, "
                        f"has {rect.width()}×{rect.height()}"
                    )
            elif metrics.horizontalAdvance(text) + margin > rect.width() + SLACK:
                problems.append(
                    f"cell {text[:30]!r} (row {row}) needs {metrics.horizontalAdvance(text) + margin} px, "
                    f"has {rect.width()}"
                )
    return problems


def _tab_problems(bar: QTabBar) -> list[str]:
    problems = []
    visible = bar.rect()
    for i in range(bar.count()):
        rect = bar.tabRect(i)
        text = _plain(bar.tabText(i))
        if bar.fontMetrics().horizontalAdvance(text) > rect.width() - 8:
            problems.append(
                f"tab {text!r} is {rect.width()} px for text of {bar.fontMetrics().horizontalAdvance(text)}"
            )
        elif not visible.contains(rect):
            problems.append(f"tab {text!r} is scrolled out of the tab bar")
    return problems


def cut_off(root: QWidget, *, hints: bool = True) -> list[str]:
    """Every visible label, button, header section, combo box or field's hint (unless ``hints`` is false) under
    `root` that does not show all of its text."""
    window = root.window()
    window_rect = QRect(0, 0, window.width(), window.height())
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or (widget.visibleRegion().isEmpty() and not _in_scroll_area(widget)):
            continue
        found: list[str] = []
        if isinstance(widget, QLabel):
            found.append(_label_problem(widget))
        elif isinstance(widget, QAbstractButton) and not isinstance(widget.parentWidget(), QTabBar | QLineEdit):
            # (a line edit's action buttons are icons Qt fits to the edit's own height: they carry no text)
            found.append(_button_problem(widget))
        elif isinstance(widget, QHeaderView):
            found.extend(_header_problems(widget))
        elif isinstance(widget, QTableView):
            found.extend(_cell_problems(widget))
        elif isinstance(widget, QTabBar):
            found.extend(_tab_problems(widget))
        elif isinstance(widget, QLineEdit) and hints:
            found.append(_placeholder_problem(widget))
        elif isinstance(widget, QComboBox):
            found.append(_combo_problem(widget))
        if isinstance(widget, QLabel | QAbstractButton | QComboBox | QLineEdit | QAbstractSpinBox):
            found.append(_scroll_clip(widget))
        if isinstance(widget, QLabel | QAbstractButton) and not _in_scroll_area(widget):
            where = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
            if not window_rect.contains(where):
                found.append(f"reaches outside the window ({where.getRect()} in {window_rect.getRect()})")
        text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
        problems.extend(f"{_name(widget)} {text[:40]!r}: {p}" for p in found if p)
    return problems
