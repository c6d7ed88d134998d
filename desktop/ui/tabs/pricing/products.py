"""The deal's F&I products: the rooftop's catalog and Chaiz contracts added to the deal, ticked with a tier.

Each product carries the deal types it may be sold on, so a product ticked here reaches only the deals that can
carry it (GAP never reaches the cash column). A Chaiz plan added from the service-contract search becomes a row
like any other: price, term, miles, deductible and provider.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from desktop.domain.desking.menu import CatalogProduct, CatalogTier, PackageItem, catalog_product
from desktop.domain.desking.structure import DEAL_TYPES, DeskProduct
from desktop.domain.money import to_money
from desktop.ui.amounts import money
from desktop.ui.models.common import ObjectRole

CHAIZ_PREFIX = "CHAIZ:"
_UNLIMITED_MILES = 999


def chaiz_product(plan: Any) -> CatalogProduct:
    """A Chaiz plan (``desktop.api.chaiz.schema.Plan``) as a product of the deal: one tier at its price."""
    miles = 0 if plan.miles >= _UNLIMITED_MILES else plan.miles * 1000
    reach = "unlimited miles" if miles == 0 else f"{miles:,} miles"
    tier = CatalogTier(
        code=str(plan.searchResultPlanId),
        title=f"{plan.duration} months / {reach}, ${plan.deductible:,.0f} deductible",
        price=to_money(plan.price),
        cost=None,
        term_months=int(plan.duration),
        miles=miles,
        deductible=to_money(plan.deductible),
    )
    return CatalogProduct(
        code=f"{CHAIZ_PREFIX}{plan.searchResultPlanId}",
        title=f"{plan.planName} ({plan.coverageType})",
        category="Vehicle Service Contract (Chaiz)",
        provider=str(plan.displayProviderName),
        taxable=False,
        residualize=False,
        deal_types=frozenset(DEAL_TYPES),
        tiers=(tier,),
    )


class ProductsPanel(QWidget):
    """Tick products for the deal and pick their tiers; ``changed`` fires on every choice."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plans: list[Any] = []  # ProtectionPlan from the catalog endpoint, for the server request
        self.catalogs: dict[str, list[Any]] = {}  # deal type → the plans of the catalog requested for it
        self.products: list[CatalogProduct] = []  # every product shown: each catalog's, then contracts added
        self._offered: dict[str, list[CatalogProduct]] = {}  # deal type → its catalog's products, at its prices
        self._catalog_codes: set[str] = set()
        self.selected: dict[str, str] = {}  # product code → tier code
        self.tier_boxes: dict[str, QComboBox] = {}
        self._boxes: list[QComboBox] = []  # the tier box of each row, kept while the rows are
        self._filling = False
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(("Product", "Tier", "Price", "Sold on", "Taxable / residualized"))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for section in (1, 2, 3, 4):
            self.table.horizontalHeader().setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.status = QLabel("Choose a vehicle to see the dealer's protection products.", self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        self.table.itemChanged.connect(self._on_item_changed)

    # --- what the tab asks ----------------------------------------------------------------------------------------

    def set_catalog(self, plans: list[Any], lease_plans: list[Any] | None = None) -> None:
        """The rooftop's catalog priced for the deal (finance, or cash), and the one priced for its lease.

        Each deal type offers the products of the catalog requested for it: a lease-only product (excess wear and
        use) is only in the lease catalog, so it is listed after the others, sold on the lease alone. A product
        in both is listed once, at the deal's price. Chaiz contracts already added stay.
        """
        chaiz = [p for p in self.products if p.code.startswith(CHAIZ_PREFIX)]
        lease = plans if lease_plans is None else lease_plans
        self.plans = plans
        self.catalogs = {"cash": plans, "finance": plans, "lease": lease}
        main = [catalog_product(p.model_dump()) for p in plans if p.tiers]
        listed = {p.code: p for p in main}
        # A product in both is sold at one price on every column (the one shown); the lease catalog says which
        # products a lease carries, and prices those only it offers.
        leased = [listed.get(c.code, c) for c in (catalog_product(p.model_dump()) for p in lease if p.tiers)]
        self._offered = {"cash": main, "finance": main, "lease": leased}
        self._catalog_codes = {p.code for p in (*main, *leased)}
        self.products = main + [p for p in leased if p.code not in listed] + chaiz
        self._fill()

    def clear_catalog(self) -> None:
        """No products until the next catalog: the rows are hidden, not destroyed, for that catalog to reuse."""
        self.plans, self.products, self.selected = [], [], {}
        self.catalogs, self._offered, self._catalog_codes = {}, {}, set()
        for row in range(self.table.rowCount()):
            self.table.setRowHidden(row, True)

    def add_chaiz(self, plan: Any) -> CatalogProduct:
        """Add a Chaiz plan to the deal's products, ticked."""
        product = chaiz_product(plan)
        self.products = [p for p in self.products if p.code != product.code] + [product]
        self.selected[product.code] = product.tiers[0].code
        self._fill()
        self.changed.emit()
        return product

    def restore(self, products: tuple[DeskProduct, ...]) -> None:
        """Tick a saved deal's products; one not in the catalog yet (a Chaiz plan) is added as it was sold."""
        known = {p.code for p in self.products}
        for product in products:
            if product.code not in known:
                tier = CatalogTier(
                    product.tier or product.code,
                    "",
                    product.price,
                    product.cost,
                    product.term_months,
                    product.miles,
                    product.deductible,
                )
                self.products.append(
                    CatalogProduct(
                        product.code,
                        product.name,
                        "",
                        product.provider,
                        product.taxable,
                        product.residualize,
                        product.deal_types,
                        (tier,),
                    )
                )
        self.selected = {p.code: p.tier or p.code for p in products}
        self._fill()

    def chosen(self) -> tuple[DeskProduct, ...]:
        """The products ticked, at their tiers."""
        by_code = {p.code: p for p in self.products}
        return tuple(by_code[code].product(tier) for code, tier in self.selected.items() if code in by_code)

    def offered(self, deal_type: str | None = None) -> tuple[CatalogProduct, ...]:
        """Every product shown; or, for ``deal_type``, its catalog's products at its prices and those added."""
        if deal_type not in self._offered:
            return tuple(self.products)
        added = [p for p in self.products if p.code not in self._catalog_codes]
        return (*self._offered[deal_type], *added)

    def choose(self, items: tuple[PackageItem, ...]) -> None:
        """Tick exactly ``items`` (a menu package the customer chose)."""
        self.selected = {i.code: i.tier or self._default_tier(i.code) for i in items}
        self._fill()
        self.changed.emit()

    def set_product(self, code: str, tier_code: str | None = None, on: bool = True) -> None:
        """Tick (or untick) a product, as a click in the table does."""
        row = next(i for i, p in enumerate(self.products) if p.code == code)
        if tier_code is not None:
            box = self.tier_boxes[code]
            box.setCurrentIndex(box.findData(tier_code))
        item = self.table.item(row, 0)
        assert item is not None
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def request_plans(self, deal_type: str) -> list[dict[str, Any]]:
        """The partner request's ``plans`` for ``deal_type``: products its catalog offers and it carries, at the
        price the desk sells them (the deal's catalog's, for a product both catalogs have)."""
        shown = {str(p.code or p.id): p for p in self.plans}
        chosen = []
        for plan in self.catalogs.get(deal_type, self.plans):
            code = str(plan.code or plan.id)
            tier_code = self.selected.get(code)
            tier = next((t for t in shown.get(code, plan).tiers if t.code == tier_code), None)
            if tier is not None and deal_type in (plan.deal_types or DEAL_TYPES):
                chosen.append({"id": plan.id, "code": plan.code, "tier": tier.code, "price": tier.offer})
        return chosen

    def chaiz_chosen(self) -> list[str]:
        return [p.name for p in self.chosen() if p.code.startswith(CHAIZ_PREFIX)]

    # --- table ----------------------------------------------------------------------------------------------------

    def _default_tier(self, code: str) -> str:
        product = next((p for p in self.products if p.code == code), None)
        return "" if product is None else product.product().tier

    def _fill(self) -> None:
        """Show :attr:`products` in the table, changing only what differs.

        A catalog priced again for an edited deal has the same rows with other prices: the rows, their tier boxes
        and their items are kept and only texts that changed are set. Creating a tier box and filling it cost a
        few milliseconds each (style, size hints), so a refilled table took several frames of the GUI thread.
        """
        self._filling = True
        self.table.setUpdatesEnabled(False)
        try:
            self.table.setRowCount(len(self.products))
            del self._boxes[len(self.products) :]
            for row, product in enumerate(self.products):
                self._fill_row(row, product)
                if self.table.isRowHidden(row):
                    self.table.setRowHidden(row, False)
            self.tier_boxes = {p.code: box for p, box in zip(self.products, self._boxes, strict=True)}
            known = {p.code for p in self.products}
            self.selected = {code: tier for code, tier in self.selected.items() if code in known}
        finally:
            self.table.setUpdatesEnabled(True)
            self._filling = False

    def _fill_row(self, row: int, product: CatalogProduct) -> None:
        item = self.table.item(row, 0)
        if item is None:
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            self.table.setItem(row, 0, item)
        _set_text(item, f"{product.title} ({product.category})")
        checked = Qt.CheckState.Checked if product.code in self.selected else Qt.CheckState.Unchecked
        if item.checkState() != checked:
            item.setCheckState(checked)
        if item.data(ObjectRole) != product.code:
            item.setData(ObjectRole, product.code)
        if item.toolTip() != product.provider:
            item.setToolTip(product.provider)
        if row < len(self._boxes):
            box = self._boxes[row]
        else:
            box = QComboBox(self.table)
            box.currentIndexChanged.connect(lambda _i, b=box: self._on_tier_changed(b))
            self._boxes.append(box)
            self.table.setCellWidget(row, 1, box)
        set_choices(box, [(f"{tier.title} — {money(tier.price)}", tier.code) for tier in product.tiers])
        index = box.findData(self.selected.get(product.code, product.product().tier))
        box.setCurrentIndex(max(0, index))
        sold = ", ".join(t for t in DEAL_TYPES if t in product.deal_types)
        flags = f"{'taxable' if product.taxable else 'not taxed'}, {'residualized' if product.residualize else '—'}"
        texts = (money(self._price(product, str(box.currentData()))), sold, flags)
        for column, text in enumerate(texts, start=2):
            cell = self.table.item(row, column)
            if cell is None:
                self.table.setItem(row, column, QTableWidgetItem(text))
            else:
                _set_text(cell, text)

    @staticmethod
    def _price(product: CatalogProduct, tier_code: str) -> Decimal:
        return next((t.price for t in product.tiers if t.code == tier_code), product.tiers[0].price)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0:
            return
        code = str(item.data(ObjectRole))
        if item.checkState() == Qt.CheckState.Checked:
            self.selected[code] = str(self.tier_boxes[code].currentData())
        else:
            self.selected.pop(code, None)
        self.changed.emit()

    def _on_tier_changed(self, box: QComboBox) -> None:
        row = self._boxes.index(box)
        if self._filling or row >= len(self.products):  # a row kept hidden while the next catalog loads
            return
        code = self.products[row].code
        tier = str(box.currentData())
        cell = self.table.item(row, 2)
        if cell is not None:
            cell.setText(money(self._price(self.products[row], tier)))
        if code in self.selected:
            self.selected[code] = tier
            self.changed.emit()


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


def _set_text(item: QTableWidgetItem, text: str) -> None:
    if item.text() != text:
        item.setText(text)
