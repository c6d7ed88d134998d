"""The customer-facing menu: large type, packages and payments only, on the customer's screen.

It shows what the customer chooses between — each package's products, its payment and what it adds a day — and
nothing of the dealer's: no cost, no reserve, no profit. It opens full screen on a second screen when one is
connected (the one facing the customer), else full screen on the only one; the manager's screen keeps the
controls, and choosing happens there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.domain.desking.menu import MenuQuote
from desktop.ui.amounts import money

TITLE_PT = 30
BODY_PT = 20


def _label(text: str, size: int, parent: QWidget, *, bold: bool = False) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSize(size)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    return label


class PresentationWindow(QWidget):
    """A top-level window for the customer; Escape closes it."""

    def __init__(self, dealer_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"{dealer_name} — your protection options")
        self.setObjectName("presentation")
        self.heading = _label(f"{dealer_name}: your protection options", TITLE_PT, self, bold=True)
        self.row = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.row, 1)

    def texts(self) -> list[str]:
        """Every text the customer sees, for checks that nothing of the dealer's is on it."""
        return [label.text() for label in self.findChildren(QLabel)]

    def show_menu(self, quote: MenuQuote) -> None:
        while self.row.count():
            item = self.row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        per = "due" if quote.deal_type == "cash" else "a month"
        for package in quote.packages:
            card = QFrame(self)
            card.setFrameShape(QFrame.Shape.StyledPanel)
            lay = QVBoxLayout(card)
            lay.addWidget(_label(package.package.name, TITLE_PT, card, bold=True))
            lay.addWidget(_label(f"{money(package.monthly)} {per}", TITLE_PT, card, bold=True))
            if quote.deal_type != "cash":
                lay.addWidget(_label(f"only {money(package.per_day)} a day more", BODY_PT, card))
            for product in package.products:
                lay.addWidget(_label(product.name, BODY_PT, card))
            lay.addStretch(1)
            self.row.addWidget(card, 1)
        card = QFrame(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(card)
        lay.addWidget(_label("No protection", TITLE_PT, card, bold=True))
        lay.addWidget(_label(f"{money(quote.baseline)} {per}", TITLE_PT, card, bold=True))
        lay.addStretch(1)
        self.row.addWidget(card, 1)

    def open_for_customer(self) -> None:
        """Full screen on the second screen if there is one, else on this one."""
        self.showFullScreen()
        self.move_to(customer_screen(QGuiApplication.screens(), self.parentWidget()))

    def move_to(self, screen: QScreen | None) -> None:
        """Put the window, full screen, on ``screen`` (where the customer looks)."""
        if screen is None:
            return
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


def customer_screen(screens: list[QScreen], manager: QWidget | None) -> QScreen | None:
    """The screen facing the customer: one other than the manager's window's, if a second is connected."""
    if len(screens) < 2:
        return None
    own = manager.screen() if manager is not None else QGuiApplication.primaryScreen()
    return next((screen for screen in screens if screen is not own), None)
