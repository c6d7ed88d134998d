"""The menu on the desk: packages priced for the deal, the customer's choice, presentation, saved packages.

A mixin of :class:`~desktop.ui.tabs.pricing.tab.PricingTab`.
"""

from __future__ import annotations

from typing import Any

from desktop.domain.deal import PricingInputError
from desktop.domain.desking.board import Board, BoardOrder
from desktop.domain.desking.menu import CatalogProduct, MenuPackage, MenuQuote, choose, default_packages, price_menu
from desktop.domain.desking.structure import DealType
from desktop.ui.errors import sentence
from desktop.ui.tabs.pricing.menu_page import NONE_CHOSEN, MenuPage
from desktop.ui.tabs.pricing.presentation import PresentationWindow

MENU_TYPES: tuple[DealType, ...] = ("finance", "lease")
MENU_LABEL = "Pricing the menu"  # the menu's own job (a catalog or package change without a new board)


class MenuFlow:
    """Menu pricing and choice for the pricing tab."""

    saved_packages: tuple[MenuPackage, ...] | None

    def init_menu(self: Any) -> None:
        self.menu_page = MenuPage(self)
        self.menu: dict[DealType, MenuQuote | PricingInputError] = {}
        self.packages: tuple[MenuPackage, ...] = ()
        self.declined: tuple[str, ...] = ()
        self.presentation: PresentationWindow | None = None
        self._menu_job = 0
        self._menu_seq = 0  # the menu pricing wanted last: a job of an earlier one is dropped
        self.menu_page.package_chosen.connect(self._on_package_chosen)
        self.menu_page.packages_saved.connect(self._on_packages_saved)
        self.menu_page.present_requested.connect(self.present_menu)
        self.menu_page.deal_type_changed.connect(self._on_menu_type)

    def catalog_changed(self: Any) -> None:
        """New catalog or saved packages: the packages are the rooftop's, or built from its catalog. Their prices
        come with the next board, or from :meth:`recompute_menu`."""
        products = self.products.offered()
        self.packages = self.saved_packages or default_packages(products)
        self.menu_page.set_packages(self.packages, products)

    def menu_order(self: Any) -> dict[DealType, tuple[CatalogProduct, ...]]:
        """Per deal type the menu prices (finance and lease, and cash when that is the menu shown), its products:
        each deal type's packages hold the products of the catalog requested for it."""
        shown: DealType = self.menu_page.current_type()
        kinds = MENU_TYPES if shown in MENU_TYPES else (*MENU_TYPES, shown)
        return {kind: tuple(self.products.offered(kind)) for kind in kinds}

    def recompute_menu(self: Any, priced: Board | None = None, order: BoardOrder | None = None) -> None:
        """Show the menu of ``priced`` (a board), or price every package in the TaskRunner when there is none or
        the packages or products changed since its order was taken (a catalog arrived meanwhile): priced on the
        GUI thread, the packages of two deal types took a catalog's turn past a frame."""
        self._menu_seq += 1
        self.runner.cancel(self._menu_job)
        if self.structure is None or not self.packages:
            self.menu_page.show_menu(None)
            return
        products = self.menu_order()
        if (
            priced is not None
            and order is not None
            and (order.packages, order.menu_products)
            == (
                self.packages,
                products,
            )
        ):
            self.menu = dict(priced.menu)
            self._show_menu()
            return
        structure, ctx, packages = self.structure, self.context(self.structure.vehicle.make), self.packages
        seq = (self._menu_seq, self._generation)

        def price() -> dict[DealType, MenuQuote | PricingInputError]:
            menu: dict[DealType, MenuQuote | PricingInputError] = {}
            for kind, offered in products.items():
                menu.update(price_menu(structure, ctx, packages, offered, (kind,)))
            return menu

        self._menu_job = self.runner.submit(
            price,
            lambda menu: self._on_menu_priced(seq, menu),
            lambda exc: self._on_menu_failed(seq, exc),
            label=MENU_LABEL,
            owner=self,
            local=True,
        )

    def _on_menu_type(self: Any, kind: DealType) -> None:
        """Another deal type's menu: shown at once when the last board or menu job priced it (finance and lease
        always are), else priced in the TaskRunner."""
        if kind in self.menu:
            self._show_menu()
        else:
            self.recompute_menu()

    def _on_menu_priced(self: Any, seq: tuple[int, int], menu: dict[DealType, MenuQuote | PricingInputError]) -> None:
        if seq == (self._menu_seq, self._generation):  # else an edit, a board, a catalog or a package superseded it
            self.menu = menu
            self._show_menu()

    def _on_menu_failed(self: Any, seq: tuple[int, int], exc: BaseException) -> None:
        if seq == (self._menu_seq, self._generation):
            self.menu_page.status.setText(f"The menu could not be priced: {sentence(exc)}")

    def _show_menu(self: Any) -> None:
        result = self.menu.get(self.menu_page.current_type())
        self.menu_page.show_menu(result)
        if self.presentation is not None and self.presentation.isVisible() and isinstance(result, MenuQuote):
            self.presentation.show_menu(result)

    def _on_package_chosen(self: Any, package: MenuPackage | None, deal_type: DealType) -> None:
        """The customer's choice sets the deal's products; every other product offered is declined."""
        if self.structure is None:
            return
        chosen = choose(self.structure, package, self.products.offered(deal_type), deal_type, self.packages)
        self.declined = chosen.declined
        self.products.choose(package.items if package is not None else ())
        self.menu_page.mark_chosen(package.name if package is not None else NONE_CHOSEN)
        what = package.name if package is not None else "no products"
        declined = ", ".join(self.declined) or "nothing"
        self.banner.show_info(f"The customer chose {what} on the {deal_type} deal; declined: {declined}.")

    def _unmark_choice(self: Any) -> None:
        """The products changed by hand (or another deal's came in): no package is the customer's choice now."""
        self.menu_page.mark_chosen(None)

    def _on_packages_saved(self: Any, packages: tuple[MenuPackage, ...]) -> None:
        dpid = self.workspace.dpid
        if not dpid:
            return
        self.packages = self.saved_packages = packages
        store = self.rooftop_store()
        self.runner.submit(
            lambda: store.save(dpid, packages),
            lambda _r: self.banner.show_info(f"Menu packages saved for {dpid}."),
            lambda exc: self.banner.show_error(f"The menu packages could not be saved: {exc}"),
            write=True,
            owner=self,
        )
        self.recompute_menu()

    def present_menu(self: Any) -> None:
        """Open the customer-facing menu (second screen if any, else full screen)."""
        result = self.menu.get(self.menu_page.current_type())
        if not isinstance(result, MenuQuote):
            self.banner.show_error("There is no menu to present yet: price the deal and load the products first.")
            return
        if self.presentation is None:
            dealer = self.workspace.dealer() or {}
            self.presentation = PresentationWindow(str(dealer.get("name") or self.workspace.dpid), self)
        self.presentation.show_menu(result)
        self.presentation.open_for_customer()
