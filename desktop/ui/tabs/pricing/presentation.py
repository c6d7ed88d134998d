"""The customer-facing menu: large type, packages and payments only, on the customer's screen.

It shows what the customer chooses between — each package's products, its payment and what it adds a day — and
nothing of the dealer's: no cost, no reserve, no profit. It opens full screen on a second screen when one is
connected (the one facing the customer), else on the only one, sized to the screen's available geometry first (with
no window manager to honour "full screen" that is all it gets); the manager's screen keeps the controls, and
choosing happens there.

The type is as large as the window allows: fixed point sizes clipped "only $3.79 a" and product names on a
1280×720 screen. Each size follows the window's height and the width of a package's column (the widest word of a
payment or a name must fit it) and shrinks until the tallest package fits; words wrap in their column, and the
packages scroll only if they still do not fit at the least readable size.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from desktop.domain.desking.menu import MenuQuote
from desktop.ui.amounts import money

TITLE, PAYMENT, BODY = "title", "payment", "body"
# A role's type as a share of the window's height, and the least it may shrink to for a narrow column.
HEIGHT_SHARE = {TITLE: 0.05, PAYMENT: 0.05, BODY: 0.032}
LEAST_PX = {TITLE: 16, PAYMENT: 16, BODY: 14}
CARD_PADDING = 8  # px inside a package's frame on each side
CARD_MARGIN = CARD_PADDING + 4  # and its frame, on each side
PROBE_PX = 100  # the pixel size words are measured at before scaling
KEPT_SETS = 3  # card sets kept built: a vehicle change goes from packages without products to packages with them

Shape = tuple[tuple[str, ...], ...]  # each card's roles, top to bottom


@dataclass
class _CardSet:
    """The cards for one shape of menu: their box, its grid, each card and its labels."""

    shape: Shape
    box: QWidget
    row: QGridLayout
    cards: list[QFrame]
    lines: list[list[QLabel]]


def _label(text: str, role: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    label.setProperty("role", role)
    return label


class PresentationWindow(QWidget):
    """A top-level window for the customer; its Close button (or Escape) closes it.

    Walked at the desk on one screen: full screen, with no title bar, nothing said how to leave it (Escape was a
    guess), and the manager's controls were under it. The button is small, in a corner: the customer's eye stays on
    the packages.
    """

    def __init__(self, dealer_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"{dealer_name} — your protection options")
        self.setObjectName("presentation")
        self.heading = _label(f"{dealer_name}: your protection options", TITLE, self)
        self.board = QWidget(self)
        board = QVBoxLayout(self.board)
        board.setContentsMargins(0, 0, 0, 0)
        self.packages_area = QScrollArea(self)
        self.packages_area.setWidget(self.board)
        self.packages_area.setWidgetResizable(True)
        self.packages_area.setFrameShape(QFrame.Shape.NoFrame)
        self.packages_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.close_button = QPushButton("Close (Esc)", self)
        self.close_button.setObjectName("closePresentation")
        self.close_button.setToolTip("Back to the desk: the choice is recorded there, on the Menu page")
        self.close_button.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.packages_area, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self._sets: dict[Shape, _CardSet] = {}  # the card sets built, the one shown last
        self._shown: _CardSet | None = None
        self._cards: list[QFrame] = []  # the packages shown
        self._lines: list[list[QLabel]] = []  # each card's labels, top to bottom

    def texts(self) -> list[str]:
        """Every text the customer sees, for checks that nothing of the dealer's is on it."""
        return [label.text() for label in self._labels()]

    def show_menu(self, quote: MenuQuote) -> None:
        """Show ``quote``'s packages: in the labels already shown when the cards have the same lines (a reprice
        changes figures, not what is listed), else in the cards of that shape built before, or in new ones.

        Building the cards again on every reprice while the window was open cost about 10 ms of the GUI thread
        a keystroke on the desk; setting a few texts costs a fraction of that. A vehicle change shows the packages
        without products while its catalog loads, then with them: the last KEPT_SETS shapes stay built, hidden.
        """
        cards = _cards(quote)
        shape: Shape = tuple(tuple(role for _text, role in lines) for lines in cards)
        fit = self._shown is None or self._shown.shape != shape
        if fit:
            self._show_set(shape)
        for lines, labels in zip(cards, self._lines, strict=True):
            for (text, _role), label in zip(lines, labels, strict=True):
                if label.text() != text:
                    label.setText(text)
                    fit = True
        if fit:
            self._fit()

    def _show_set(self, shape: Shape) -> None:
        if self._shown is not None:
            self._shown.box.hide()
        shown = self._sets.pop(shape, None) or self._build(shape)
        self._sets[shape] = shown  # the most recently shown last
        while len(self._sets) > KEPT_SETS:
            oldest = self._sets.pop(next(iter(self._sets)))
            oldest.box.deleteLater()
        shown.box.show()
        self._shown, self._cards, self._lines = shown, shown.cards, shown.lines

    def _build(self, shape: Shape) -> _CardSet:
        """Cards with empty labels of these roles, one card per package, side by side in a box of their own."""
        box = QWidget(self.board)
        row = QGridLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        built = _CardSet(shape, box, row, [], [])
        for column, roles in enumerate(shape):
            card = QFrame(box)
            card.setFrameShape(QFrame.Shape.StyledPanel)
            lay = QVBoxLayout(card)
            lay.setContentsMargins(CARD_PADDING, CARD_PADDING, CARD_PADDING, CARD_PADDING)
            labels = [_label("", role, card) for role in roles]
            for label in labels:
                lay.addWidget(label)
            lay.addStretch(1)
            row.addWidget(card, 0, column)
            row.setColumnStretch(column, 1)
            built.cards.append(card)
            built.lines.append(labels)
        board = self.board.layout()
        assert board is not None
        board.addWidget(box)
        return built

    def _labels(self) -> list[QLabel]:
        return [self.heading, *(label for labels in self._lines for label in labels)]

    def _fit(self) -> None:
        """Size the type to the window: each role a share of its height, no larger than a column's width allows
        for the widest word shown in it, then smaller together until the tallest package fits the window's height
        (scrolling only once every role is at its readable least)."""
        outer = self.layout()
        if outer is None:
            return
        margins = outer.contentsMargins()  # measured from the window's own size: its children may not be laid out
        inner = self.width() - margins.left() - margins.right()
        room = inner - self.packages_area.verticalScrollBar().sizeHint().width()  # room for it, shown or not
        spacing = max(self._shown.row.horizontalSpacing(), 0) if self._shown is not None else 0
        columns = max(len(self._cards), 1)
        column = (room - spacing * (columns - 1)) / columns - 2 * CARD_MARGIN
        scale = 1.0
        for _attempt in range(8):
            smallest = self._size_type(column, scale)
            height = self.height() - margins.top() - margins.bottom() - outer.spacing()
            height -= self.heading.heightForWidth(inner) + self.close_button.sizeHint().height() + outer.spacing()
            if self._tallest(int(column)) <= height or smallest:
                return
            scale *= min(0.95, max(0.7, (height / self._tallest(int(column))) ** 0.5))  # text grows ~ as size²

    def _tallest(self, column: int) -> int:
        """The height the tallest package needs at ``column`` px wide (its labels' own measure: the layouts' caches
        still hold the last type's heights)."""
        tallest = 0
        for card, labels in zip(self._cards, self._lines, strict=True):
            lay = card.layout()
            spacing = max(lay.spacing(), 0) if lay is not None else 0
            text = sum(label.heightForWidth(column) for label in labels) + spacing * (len(labels) - 1)
            tallest = max(tallest, text + 2 * CARD_MARGIN)
        return tallest

    def _size_type(self, column: float, scale: float) -> bool:
        """Set each role's type for ``column`` px wide columns at ``scale``; True when all are at their least."""
        labels = self._labels()
        least = True
        for role in (TITLE, PAYMENT, BODY):
            shown = [label for label in labels if label.property("role") == role]
            if not shown:
                continue
            font = QFont(shown[0].font())
            font.setBold(role != BODY)
            font.setPixelSize(PROBE_PX)
            metrics = QFontMetricsF(font)
            words = [word for label in shown if label is not self.heading for word in label.text().split()]
            widest = max((metrics.horizontalAdvance(word) for word in words), default=0.0)
            size = self.height() * HEIGHT_SHARE[role]
            if widest > 0:
                size = min(size, PROBE_PX * column / widest)
            pixels = max(LEAST_PX[role], int(size * scale))
            least = least and pixels == LEAST_PX[role]
            font.setPixelSize(pixels)
            for label in shown:
                label.setFont(font)
        return least

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def open_for_customer(self) -> None:
        """Full screen on the second screen if there is one, else on this one."""
        manager = self.parentWidget()
        own = manager.screen() if manager is not None else QGuiApplication.primaryScreen()
        self.move_to(customer_screen(QGuiApplication.screens(), manager) or own)

    def move_to(self, screen: QScreen | None) -> None:
        """Put the window on ``screen`` (where the customer looks): its available geometry, then full screen."""
        if screen is None:
            return
        self.setScreen(screen)
        self.setGeometry(screen.availableGeometry())
        self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


def _cards(quote: MenuQuote) -> list[list[tuple[str, str]]]:
    """Each package's lines as (text, role), then "No protection": what the customer compares."""
    per = "due" if quote.deal_type == "cash" else "a month"
    cards: list[list[tuple[str, str]]] = []
    for package in quote.packages:
        lines = [(package.package.name, TITLE), (f"{money(package.monthly)} {per}", PAYMENT)]
        if quote.deal_type != "cash":
            lines.append((f"only {money(package.per_day)} a day more", BODY))
        lines += [(product.name, BODY) for product in package.products]
        cards.append(lines)
    cards.append([("No protection", TITLE), (f"{money(quote.baseline)} {per}", PAYMENT)])
    return cards


def customer_screen(screens: list[QScreen], manager: QWidget | None) -> QScreen | None:
    """The screen facing the customer: one other than the manager's window's, if a second is connected."""
    if len(screens) < 2:
        return None
    own = manager.screen() if manager is not None else QGuiApplication.primaryScreen()
    return next((screen for screen in screens if screen is not own), None)
