"""The deal's F&I products: the rooftop's catalog and Chaiz contracts added to the deal, ticked with a tier.

Each product carries the deal types it may be sold on, so a product ticked here reaches only the deals that can
carry it (GAP never reaches the cash column). A Chaiz plan added from the service-contract search becomes a row
like any other: price, term, miles, deductible and provider.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.domain.desking.menu import CatalogProduct, CatalogTier, PackageItem, catalog_product
from desktop.domain.desking.structure import DEAL_TYPES, DeskProduct
from desktop.domain.money import to_money
from desktop.ui.tabs.pricing.products_model import ProductRow, ProductsModel, TierDelegate
from desktop.ui.widgets.qt_header import header_in_qt

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


Offered = tuple[list[CatalogProduct], list[CatalogProduct]]  # the deal's products, and the lease's


def offered_products(plans: list[Any], lease_plans: list[Any] | None = None) -> Offered:
    """The products the deal's catalog (``plans``) and the lease's offer, read for the menu; a product in both is
    the deal's, at its price (the one shown). Plain data, read in the catalog's job: reading a dozen plans took
    the GUI thread a millisecond an edit."""
    main = [catalog_product(p.model_dump()) for p in plans if p.tiers]
    listed = {p.code: p for p in main}
    lease = plans if lease_plans is None else lease_plans
    leased = [listed.get(c.code, c) for c in (catalog_product(p.model_dump()) for p in lease if p.tiers)]
    return main, leased


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
        self.model = ProductsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        header_in_qt(self.table)  # its titles painted without Python
        self.table.setItemDelegateForColumn(ProductsModel.COL_TIER, TierDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for section in (1, 2, 3, 4):
            self.table.horizontalHeader().setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        # Only the tier is editable: its drop-down opens as the cell is reached (arrows, Tab) or clicked, as the
        # box each row had took the focus then.
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.status = QLabel("Choose a vehicle to see the dealer's protection products.", self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        self.model.toggled.connect(self._on_toggled)
        self.model.tier_chosen.connect(self._on_tier_chosen)

    # --- what the tab asks ----------------------------------------------------------------------------------------

    def set_catalog(
        self, plans: list[Any], lease_plans: list[Any] | None = None, offered: Offered | None = None
    ) -> None:
        """The rooftop's catalog priced for the deal (finance, or cash), and the one priced for its lease.

        Each deal type offers the products of the catalog requested for it: a lease-only product (excess wear and
        use) is only in the lease catalog, so it is listed after the others, sold on the lease alone. A product
        in both is listed once, at the deal's price. Chaiz contracts already added stay. ``offered`` is
        :func:`offered_products` of the same plans, when a worker has read them already.
        """
        chaiz = [p for p in self.products if p.code.startswith(CHAIZ_PREFIX)]
        lease = plans if lease_plans is None else lease_plans
        self.plans = plans
        self.catalogs = {"cash": plans, "finance": plans, "lease": lease}
        main, leased = offered if offered is not None else offered_products(plans, lease_plans)
        listed = {p.code for p in main}
        self._offered = {"cash": main, "finance": main, "lease": leased}
        self._catalog_codes = {p.code for p in (*main, *leased)}
        self.products = main + [p for p in leased if p.code not in listed] + chaiz
        self._fill()

    def clear_catalog(self) -> None:
        """No products until the next catalog (its rows are the model's to insert again: no widget is lost)."""
        self.plans, self.products, self.selected = [], [], {}
        self.catalogs, self._offered, self._catalog_codes = {}, {}, set()
        self._fill()

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
            self.model.setData(self.model.index(row, ProductsModel.COL_TIER), tier_code)
        checked = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.model.setData(self.model.index(row, ProductsModel.COL_PRODUCT), checked, Qt.ItemDataRole.CheckStateRole)

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
        """Show :attr:`products` in the table: those ticked at their chosen tier, the others at the catalog's own.

        A catalog priced again for an edited deal has the same rows with other prices: the model announces only
        the cells that changed, and no row has a widget of its own to build.
        """
        known = {p.code for p in self.products}
        self.selected = {code: tier for code, tier in self.selected.items() if code in known}
        rows = []
        for product in self.products:
            tier = self.selected.get(product.code, product.product().tier)
            if tier not in {t.code for t in product.tiers}:
                tier = product.tiers[0].code
            rows.append(ProductRow(product, tier, product.code in self.selected))
        self.model.set_rows(rows)

    def _tier_shown(self, code: str) -> str:
        """The tier ``code``'s row shows: the one ticking it adds."""
        return next(row.tier for row in self.model.rows() if row.product.code == code)

    def _on_toggled(self, code: str, checked: bool) -> None:
        if checked:
            self.selected[code] = self._tier_shown(code)
        else:
            self.selected.pop(code, None)
        self.changed.emit()

    def _on_tier_chosen(self, code: str, tier: str) -> None:
        if code in self.selected:
            self.selected[code] = tier
            self.changed.emit()
