"""The F&I menu screen: the rooftop's packages side by side for the deal's structure, and their editor.

The manager's copy: each package shows its products with their prices, the payment, the difference per month
and per day against no products, and (for the manager) the products' profit. A click on "Choose" sets the deal's
products and records everything else offered as declined. The editor ("Edit packages…") assigns catalog tiers to
packages; saved packages are remembered per rooftop. It opens in its own window: a tier box per package and
product needs more width than the page has beside the deal's form on a 1280 px laptop.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.deal import PricingInputError
from desktop.domain.desking.menu import CatalogProduct, MenuPackage, MenuQuote, PackageItem
from desktop.domain.desking.structure import DealType
from desktop.ui.amounts import money
from desktop.ui.tabs.pricing.products_model import set_choices
from desktop.ui.widgets.wheel_guard import ComboBox

NONE_CHOSEN = "No products"
NO_MENU = "Choose a vehicle and load the rooftop's products to build the menu."
KEPT_LAYOUTS = 3


@dataclass
class _Layout:
    """One set of package columns: their container and the widgets the figures go to."""

    box: QWidget
    buttons: dict[str, QPushButton]
    payments: dict[str, QLabel]
    texts: dict[str, tuple[QLabel, list[QLabel], QLabel]]


def whole(price: Decimal) -> str:
    """A tier's price in the editor: "$940" for whole dollars (a tier box has little room), "$940.50" otherwise."""
    return money(price).removesuffix(".00")


class MenuPage(QWidget):
    """Packages for one deal type at a time; ``package_chosen`` carries the package (``None``: declined all)."""

    package_chosen = Signal(object, str)
    packages_saved = Signal(object)
    present_requested = Signal()
    deal_type_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deal_type = ComboBox(self)
        for kind in ("finance", "lease", "cash"):
            self.deal_type.addItem(kind.capitalize(), kind)
        self.present = QPushButton("Present to customer…", self)
        self.status = QLabel(NO_MENU, self)
        self.status.setWordWrap(True)
        self.columns_box = QWidget(self)
        self.columns = QHBoxLayout(self.columns_box)
        self.choose_buttons: dict[str, QPushButton] = {}
        self.payment_labels: dict[str, QLabel] = {}
        self.chosen: str | None = None  # the package the customer chose (NONE_CHOSEN: declined all), marked on it
        self.edit_packages = QPushButton("Edit packages…", self)
        self.edit_packages.setToolTip("Choose the tier of each product in each package, for this rooftop")
        self.editor_window = QDialog(self)
        self.editor_window.setWindowTitle("Menu packages for this rooftop")
        self.editor = QTableWidget(0, 0, self.editor_window)
        self.editor.verticalHeader().hide()
        # Every column as wide as its longest text or tier box, and the window as wide as the table: each tier
        # ("5 years / 60K miles, 10 visits · $940") is read whole.
        self.editor.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.editor.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.editor.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
        self.save = QPushButton("Save packages for this rooftop", self.editor_window)
        self.packages: tuple[MenuPackage, ...] = ()
        self.products: tuple[CatalogProduct, ...] = ()
        self.quote: MenuQuote | None = None
        self._editor_due = False  # the editor has not been filled with the packages and products set since
        self._texts: dict[str, tuple[QLabel, list[QLabel], QLabel]] = {}
        self._shape: tuple[object, ...] | None = None
        self._pending: tuple[MenuQuote] | None = None  # a menu priced while hidden, not laid out yet
        self._layouts: dict[tuple[object, ...], _Layout] = {}

        top = QHBoxLayout()
        top.addWidget(QLabel("Menu for", self))
        top.addWidget(self.deal_type)
        top.addStretch(1)
        top.addWidget(self.edit_packages)
        top.addWidget(self.present)
        elay = QVBoxLayout(self.editor_window)
        elay.addWidget(
            QLabel("The tier of each product in each package; — leaves the product out.", self.editor_window)
        )
        elay.addWidget(self.editor)
        elay.addWidget(self.save, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.columns_box, 1)
        self.deal_type.currentIndexChanged.connect(lambda _i: self.deal_type_changed.emit(self.current_type()))
        self.present.clicked.connect(self.present_requested)
        self.edit_packages.clicked.connect(self._on_edit_packages)
        self.save.clicked.connect(self._on_save)

    def current_type(self) -> DealType:
        kind: DealType = self.deal_type.currentData()
        return kind

    # --- the menu ---------------------------------------------------------------------------------------------------

    def show_menu(self, result: MenuQuote | PricingInputError | None) -> None:
        """Lay the packages out side by side, or say why this deal type has no menu.

        When only the figures moved (same packages, same products) the labels are updated in place: a keystroke
        on the desk then costs a few text changes, not a new set of widgets. The last KEPT_LAYOUTS layouts are
        kept hidden: a vehicle change shows the packages without products while its catalog loads, then with
        them, and building those widgets again each time cost several frames. Packages priced while this page is
        hidden (another section or tab shown, the window on screen) are laid out when it is shown.
        """
        self.quote = result if isinstance(result, MenuQuote) else None
        window = self.window()
        if isinstance(result, MenuQuote) and window is not self and window.isVisible() and not self.isVisible():
            self._pending = (result,)  # laid out when this page is shown: a new set of cards took 5-7 ms
            return
        self._pending = None
        if isinstance(result, MenuQuote):
            key = (
                result.deal_type,
                tuple((q.package.name, tuple(p.name for p in q.products)) for q in result.packages),
            )
            if key != self._shape:
                self._show_layout(key, result)
            self._fill(result)
            return
        self._clear()
        if isinstance(result, PricingInputError):
            self.status.setText(f"No {self.current_type()} menu: {result.message}")
        else:  # the last deal's sentence ("Finance deal: $711.59 a month…") must not stay beside no packages
            self.status.setText(NO_MENU)

    def mark_chosen(self, name: str | None) -> None:
        """Mark the package the customer chose on its button (``None``: none, the products were changed by hand or
        another deal opened). Walked at the desk: after "Choose Gold" nothing on the menu said Gold was chosen."""
        self.chosen = name
        self._mark_buttons()

    def _mark_buttons(self) -> None:
        for name, button in self.choose_buttons.items():
            if name == NONE_CHOSEN:
                text = "✓ All declined" if self.chosen == NONE_CHOSEN else "Decline all products"
            else:
                text = f"✓ {name} chosen" if name == self.chosen else f"Choose {name}"
            if button.text() != text:
                button.setText(text)

    def showEvent(self, event: QShowEvent) -> None:
        """The menu priced while another section was shown is laid out now."""
        super().showEvent(event)
        if self._pending is not None:
            (result,) = self._pending
            self.show_menu(result)

    def _clear(self) -> None:
        """No packages shown: the layout on screen is hidden, kept for when the same packages come back."""
        shown = self._layouts.get(self._shape) if self._shape is not None else None
        if shown is not None:
            shown.box.hide()
        self.choose_buttons, self.payment_labels, self._texts = {}, {}, {}
        self._shape = None

    def _show_layout(self, key: tuple[object, ...], result: MenuQuote) -> None:
        self._clear()
        layout = self._layouts.pop(key, None) or self._build(result)
        self._layouts[key] = layout  # the most recently shown last
        while len(self._layouts) > KEPT_LAYOUTS:
            oldest = self._layouts.pop(next(iter(self._layouts)))
            self.columns.removeWidget(oldest.box)
            oldest.box.deleteLater()
        layout.box.show()
        self.choose_buttons, self.payment_labels, self._texts = layout.buttons, layout.payments, layout.texts
        self._shape = key

    def _build(self, result: MenuQuote) -> _Layout:
        built = _Layout(QWidget(self.columns_box), {}, {}, {})
        row = QHBoxLayout(built.box)
        row.setContentsMargins(0, 0, 0, 0)
        for quote in result.packages:
            box = QGroupBox(quote.package.name, built.box)
            lay = QVBoxLayout(box)
            payment = QLabel(box)
            font = payment.font()
            font.setPointSizeF(font.pointSizeF() * 1.4)
            font.setBold(True)
            payment.setFont(font)
            lay.addWidget(payment)
            payment.setWordWrap(True)  # five packages side by side on a 1280 px laptop: every line may wrap
            built.payments[quote.package.name] = payment
            # Under the payment, not below the products: the menu shares Deal Pricing's lower half, and at 1366x768
            # the buttons were a scroll below the fold (walked at the desk).
            button = QPushButton(f"Choose {quote.package.name}", box)
            button.clicked.connect(lambda _c=False, p=quote.package: self.package_chosen.emit(p, self.current_type()))
            lay.addWidget(button)
            built.buttons[quote.package.name] = button
            difference = QLabel(box)
            difference.setWordWrap(True)
            lay.addWidget(difference)
            difference.setVisible(result.deal_type != "cash")
            products = [QLabel(box) for _product in quote.products]
            for label in products:
                label.setWordWrap(True)  # packages side by side share the width
                lay.addWidget(label)
            if not quote.products:
                nothing = QLabel("Nothing this deal type can carry.", box)
                nothing.setWordWrap(True)  # unwrapped, five of them were wider than the page at 1366x768
                lay.addWidget(nothing)
            lay.addStretch(1)
            profit = QLabel(box)
            profit.setObjectName("managerFigures")
            profit.setWordWrap(True)
            lay.addWidget(profit)
            built.texts[quote.package.name] = (difference, products, profit)
            row.addWidget(box, 1)
        none = QGroupBox(NONE_CHOSEN, built.box)
        nlay = QVBoxLayout(none)
        built.payments[NONE_CHOSEN] = QLabel(none)
        built.payments[NONE_CHOSEN].setWordWrap(True)
        nlay.addWidget(built.payments[NONE_CHOSEN])
        decline = QPushButton("Decline all products", none)
        decline.clicked.connect(lambda: self.package_chosen.emit(None, self.current_type()))
        nlay.addWidget(decline)
        nlay.addStretch(1)
        built.buttons[NONE_CHOSEN] = decline
        row.addWidget(none, 1)
        self.columns.addWidget(built.box, 1)
        return built

    def _fill(self, result: MenuQuote) -> None:
        per = "due" if result.deal_type == "cash" else "a month"
        self.status.setText(
            f"{result.deal_type.capitalize()} deal: {money(result.baseline)} {per} with no products. "
            "Choose sets the deal's products; the rest are recorded as declined."
        )
        for quote in result.packages:
            self.payment_labels[quote.package.name].setText(f"{money(quote.monthly)} {per}")
            difference, products, profit = self._texts[quote.package.name]
            difference.setText(f"+{money(quote.per_month)} a month · +{money(quote.per_day)} a day")
            for label, product in zip(products, quote.products, strict=True):
                label.setText(f"{product.name}: {money(product.price)}")
            profit.setText(f"Manager: products profit {money(quote.profit)}")
        self.payment_labels[NONE_CHOSEN].setText(f"{money(result.baseline)} {per}")
        self._mark_buttons()
        loading = not self.products  # the rooftop's products for this vehicle are still on their way: nothing to sell
        for name, button in self.choose_buttons.items():
            if name != NONE_CHOSEN and button.isEnabled() == loading:
                button.setEnabled(not loading)
                button.setToolTip("The rooftop's products are still loading for this vehicle." if loading else "")

    # --- the editor -------------------------------------------------------------------------------------------------

    def set_packages(self, packages: tuple[MenuPackage, ...], products: tuple[CatalogProduct, ...]) -> None:
        """Show ``packages`` in the editor, one column each, one row per product offered.

        The editor is a window of its own, seldom opened: it is filled when it opens, or at once while it is open.
        Filling it for every catalog that arrived (a tier box per package and product) took the catalog's turn on
        the GUI thread to 50 ms in the soak.
        """
        self.packages, self.products = packages, products
        self._editor_due = True
        if self.editor_window.isVisible():
            self._fill_editor()

    def _fill_editor(self) -> None:
        """The tier boxes are kept from one catalog to the next and only their texts and choices change: the catalog
        comes again, re-priced, after most edits of the deal, and a new box per cell cost milliseconds each."""
        self._editor_due = False
        packages, products = self.packages, self.products
        editor = self.editor
        editor.setUpdatesEnabled(False)
        try:
            editor.setRowCount(len(products))
            editor.setColumnCount(len(packages) + 1)
            headers = ["Product", *(p.name for p in packages)]
            shown = [editor.horizontalHeaderItem(i) for i in range(len(headers))]
            if [h.text() if h is not None else None for h in shown] != headers:
                editor.setHorizontalHeaderLabels(headers)
            for row, product in enumerate(products):
                title = editor.item(row, 0)
                if title is None:
                    editor.setItem(row, 0, QTableWidgetItem(product.title))
                elif title.text() != product.title:
                    title.setText(product.title)
                choices = [("—", None), *((f"{t.title} · {whole(t.price)}", t.code) for t in product.tiers)]
                for column, package in enumerate(packages, start=1):
                    box = editor.cellWidget(row, column)
                    if not isinstance(box, QComboBox):
                        box = ComboBox(editor)
                        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # re-priced: re-fit
                        editor.setCellWidget(row, column, box)
                    set_choices(box, choices)
                    item = next((i for i in package.items if i.code == product.code), None)
                    chosen = 0 if item is None else max(1, box.findData(item.tier or product.product().tier))
                    box.setCurrentIndex(chosen)
        finally:
            editor.setUpdatesEnabled(True)

    def _on_edit_packages(self) -> None:
        """Open the editor as wide as its table (a new window would take at most 2/3 of the screen), within the
        desk's own window."""
        if self._editor_due:
            self._fill_editor()
        hint, room = self.editor_window.sizeHint(), self.window().size()
        self.editor_window.resize(min(hint.width(), room.width()), min(hint.height(), room.height()))
        self.editor_window.open()

    def edited_packages(self) -> tuple[MenuPackage, ...]:
        """The packages as the editor holds them."""
        if self._editor_due:
            self._fill_editor()
        edited = []
        for column, package in enumerate(self.packages, start=1):
            items = []
            for row, product in enumerate(self.products):
                box = self.editor.cellWidget(row, column)
                if isinstance(box, QComboBox) and box.currentData() is not None:
                    items.append(PackageItem(product.code, str(box.currentData())))
            edited.append(MenuPackage(package.name, tuple(items)))
        return tuple(edited)

    def _on_save(self) -> None:
        self.packages = self.edited_packages()
        self.packages_saved.emit(self.packages)
        self.editor_window.accept()
