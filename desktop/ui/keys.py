"""The keyboard at the desk: each tab's main action on Ctrl+Enter, Tab moving as the eye reads, Enter submitting.

People at a dealership desk type a form and want to send it without reaching for the mouse. Three rules, the same
on every tab:
- Ctrl+Enter runs the tab's main action (create the customer, save the template...), and its button's tooltip
  says so;
- Tab goes through the fields in the order the layout shows them, not the order the code happened to make them;
- Enter in a field of a form submits that form (the button given to :func:`submit_on_enter`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QLayout,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

MAIN_KEYS = ("Ctrl+Return", "Ctrl+Enter")  # Return on the main keys, Enter on the keypad
MAIN_KEY_WORDS = "Ctrl+Enter"

# The main action of each tab: the attribute path of its button.
MAIN_ACTIONS = {
    "DealsTab": "new_button",
    "DealersTab": "use_button",
    "InventoryTab": "sync_button",
    "CustomersTab": "create_button",
    "PricingTab": "desking.solve",
    "BinderTab": "upload_button",
    "TemplatesTab": "save_button",
}


# A tab whose side pages each have their own action: Ctrl+Enter runs the action of the page on show (the tab's
# QTabWidget attribute, then each page's button in page order; a page without one runs the tab's main action).
PAGE_ACTIONS = {
    "CustomersTab": ("pages", ("create_button", "agent_button", "trade_button", "unlock_button", "link_button")),
}


def page_buttons(tab: QWidget) -> tuple[QTabWidget | None, list[QAbstractButton | None]]:
    """The tab's pages and each page's action button, from :data:`PAGE_ACTIONS` (none: no pages)."""
    pages_name, names = PAGE_ACTIONS.get(type(tab).__name__, ("", ()))
    pages = getattr(tab, pages_name, None) if pages_name else None
    buttons = [b if isinstance(b := getattr(tab, name, None), QAbstractButton) else None for name in names]
    return (pages if isinstance(pages, QTabWidget) else None), buttons


def main_button(tab: QWidget) -> QAbstractButton | None:
    """The button of the tab's main action, from :data:`MAIN_ACTIONS`."""
    path = MAIN_ACTIONS.get(type(tab).__name__)
    target: object = tab
    for name in path.split(".") if path else ():
        target = getattr(target, name, None)
    return target if isinstance(target, QAbstractButton) else None


def bind_main_action(tab: QWidget, button: QAbstractButton) -> list[QShortcut]:
    """Ctrl+Enter anywhere in `tab` clicks `button` (when it can be clicked); the tooltip names the keys.

    On a tab with side pages (:data:`PAGE_ACTIONS`) it clicks the button of the page on show: on the Customers
    tab's Unlock link page Ctrl+Enter builds the link, where it did nothing (New customer's button was hidden).
    """
    shortcuts = []
    pages, buttons = page_buttons(tab)

    def run() -> None:
        index = pages.currentIndex() if pages is not None else -1
        page_button = buttons[index] if 0 <= index < len(buttons) else None
        _click(page_button or button)

    for keys in MAIN_KEYS:
        shortcut = QShortcut(QKeySequence(keys), tab)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(run)
        shortcuts.append(shortcut)
    for each in {id(b): b for b in (button, *buttons) if b is not None}.values():
        words = each.toolTip() or each.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
        each.setToolTip(f"{words} ({MAIN_KEY_WORDS})")
    return shortcuts


def _click(button: QAbstractButton) -> None:
    if button.isEnabled() and button.isVisible():
        button.click()


def submit_on_enter(button: QAbstractButton, fields: Iterable[QWidget]) -> None:
    """Enter in any of `fields` submits with `button`.

    Through the fields' own ``returnPressed`` signals, not a Python event filter: a filter called while a closed
    window's widgets were being destroyed crashed the process.
    """
    for field in fields:
        edit = field if isinstance(field, QLineEdit) else getattr(field, "lineEdit", lambda: None)()
        if isinstance(edit, QLineEdit):
            edit.returnPressed.connect(lambda b=button: _click(b))


def layout_order(root: QWidget) -> list[QWidget]:
    """The widgets that take Tab focus, in the order the layouts place them (top to bottom, left to right)."""
    found: list[QWidget] = []
    seen: set[int] = set()

    def visit(widget: QWidget | None) -> None:
        if widget is None or id(widget) in seen:
            return
        seen.add(id(widget))
        if isinstance(widget, QTabWidget | QStackedWidget | QSplitter):
            pages = [widget.widget(i) for i in range(widget.count())]
            if isinstance(widget, QTabWidget):
                found.append(widget.tabBar())
            for page in pages:
                visit(page)
            return
        if isinstance(widget, QScrollArea):
            visit(widget.widget())
            return
        if widget is not root and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
        if (own := widget.layout()) is not None:
            visit_layout(own)

    def visit_layout(layout: QLayout) -> None:
        for i in range(layout.count()):
            item = layout.itemAt(i)
            if item is None:
                continue
            if (child := item.widget()) is not None:
                visit(child)
            elif (inner := item.layout()) is not None:
                visit_layout(inner)

    visit(root)
    return found


def follow_layout(root: QWidget) -> list[QWidget]:
    """Make Tab move through `root` in layout order; returns that order."""
    order = layout_order(root)
    for first, second in itertools.pairwise(order):
        QWidget.setTabOrder(first, second)
    return order


def fit_keyboard(tab: QWidget) -> None:
    """The three rules for a tab of the window: main action, Tab order."""
    button = main_button(tab)
    if button is not None:
        bind_main_action(tab, button)
    follow_layout(tab)
