"""The server check and the catalog: one partner request per deal type, compared with its local price.

A mixin of :class:`~desktop.ui.tabs.pricing.tab.PricingTab` (it uses the tab's widgets and runner): the requests
carry, for each deal type, only the products that deal type can take; the local side of the comparison is the
engine's price of that very request (MSRP, program markup, the state table), so a difference is a real one and
is shown with the field and both values. The desk's own decisions that the request cannot carry are listed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from desktop.domain.deal import DealInput, PricingInputError, Product
from desktop.domain.deal_request import parse_pricing_request, product_for, trade_in_request
from desktop.domain.desking import DealStructure, TaxSource
from desktop.ui.amounts import money
from desktop.ui.errors import sentence
from desktop.ui.tabs.pricing.products import Offered, offered_products
from desktop.ui.tabs.pricing.programs_tree import ProgramRows, fill_tree
from desktop.ui.tabs.pricing.server_check import CheckOutcome, desk_only, independence, judge


class ServerChecking:
    """Server comparison and F&I catalog loading for the pricing tab."""

    server_programs: dict[str, Any] | None
    _catalog_key: tuple[Any, ...] | None

    def init_checking(self: Any) -> None:
        self.requests: dict[str, dict[str, Any]] = {}
        self.request_deals: dict[str, Any] = {}
        self.server_programs = None
        self.server_rates: dict[str, Decimal] = {}
        self.catalogs: dict[str, list[Any]] = {}
        self._check_job = 0
        self._catalog_job = 0
        self._catalog_key = None
        self._programs_shown: ProgramRows | None = None
        self._programs_said = ""

    # --- requests -----------------------------------------------------------------------------------------------

    def _resolve_plan(self: Any, index: int, plan: Any, deal_type: str = "finance") -> Product:
        """The engine's product for a request's plan, costed from the catalog priced for ``deal_type``.

        A GAP contract costs the dealer more over a longer loan than over a lease, so each deal type's request
        is compared with the catalog the server would price it from.
        """
        plans = self.catalogs.get(deal_type) or self.products.plans
        found = next((p for p in plans if p.id == plan.get("id")), None)
        tier = None if found is None else next((t for t in found.tiers if t.code == plan.get("tier")), None)
        if found is None or tier is None:
            raise PricingInputError(f"plans[{index}].id", "this product is no longer in the dealer's catalog.")
        return product_for(found.model_dump(), tier.model_dump(), plan.get("price"))

    def build_request(self: Any, structure: DealStructure, deal_type: str) -> dict[str, Any]:
        """The reference's pricing request for ``deal_type``: the products that deal type carries, nothing more.

        The trade goes with its mileage, firm-offer flag and year, so the server appraises the value the desk does.
        """
        body: dict[str, Any] = {
            "customer": {
                "credit_score": structure.credit_score,
                "incentives": list(structure.rebates),
                "zip_code": structure.zip_code,
            },
            "dealer": {"dpid": self.workspace.dpid},
            "vehicle": {"vin": structure.vehicle.vin},
            "payment": {
                "deal_type": deal_type,
                "customer_cash": float(structure.cash_down) if deal_type != "cash" else 0.0,
                "term": structure.term_for(deal_type),
                "annual_mileage": structure.annual_mileage,
                "no_taxes_or_fees": structure.no_taxes_or_fees,
            },
            "plans": self.products.request_plans(deal_type),
        }
        if structure.trade is not None:
            body["trade_in"] = trade_in_request(structure.trade)
        return body

    def build_requests(self: Any, structure: DealStructure) -> dict[str, DealInput]:
        """One request per deal type (kept in :attr:`requests`), and each parsed as the server will read it: the
        board prices these for the comparison (:mod:`desktop.domain.desking.board`)."""
        today = date.today()
        self.requests, parsed = {}, {}
        for kind in ("cash", "finance", "lease"):
            body = self.build_request(structure, kind)
            resolve = partial(self._resolve_plan, deal_type=kind)
            parsed[kind] = parse_pricing_request(body, self.dealer_config, self.vehicle, today, resolve)
            self.requests[kind] = body
        return parsed

    def desk_decisions(self: Any) -> list[str]:
        """The desk's decisions the partner's request cannot carry."""
        s: DealStructure | None = self.structure
        if s is None:
            return []
        found = []
        if s.selling_price != s.vehicle.msrp:
            found.append(f"selling price {money(s.selling_price)}")
        if s.accessories:
            found.append("accessories")
        if s.tax.source is not TaxSource.STATE_AVERAGE:
            found.append(f"tax rate ({s.tax.source.value})")
        if s.finance_program or s.lease_program:
            found.append("the program chosen")
        if s.sell_rate is not None or s.sell_money_factor is not None:
            found.append("the sell rate")
        found += [f"{name} (Chaiz)" for name in self.products.chaiz_chosen()]
        return found

    def say_independence(self: Any, decisions: list[str]) -> None:
        """What a check with this server can prove, and the desk's ``decisions`` its request cannot carry; nothing
        when no server is connected."""
        connection = self.workspace.connection
        said = "" if connection is None else independence(connection.profile.is_sandbox) + desk_only(decisions)
        self.independence.setText(said)

    # --- check ----------------------------------------------------------------------------------------------------

    def check_with_server(self: Any) -> None:
        """Send the requests just priced locally and compare the server's answers figure by figure."""
        connection = self.workspace.connection
        if not self.requests:
            return
        if connection is None:
            for column in self.columns.values():
                column.set_check("Not checked: not connected to the server. These are local figures.", True)
            return
        self.say_independence(self.desk_decisions())
        requests = {k: dict(v) for k, v in self.requests.items()}
        local_deals = dict(self.request_deals)  # the local prices of these very requests (the board's)
        zips = {kind: str(body["customer"]["zip_code"]) for kind, body in requests.items()}
        names = dict(self.lines.names)
        generation = self._generation
        self._refresh_catalog()
        self.runner.cancel(self._check_job)

        def check() -> CheckOutcome:
            from desktop.api.errors import BadRequest
            from desktop.api.roadster import pricing as api

            answers: dict[str, Any] = {}
            for kind, body in requests.items():
                try:
                    answers[kind] = api.quote(connection.roadster, body)
                except BadRequest as exc:
                    answers[kind] = exc
            return judge(answers, local_deals, zips, names)

        self._check_job = self.runner.submit(
            check,
            lambda outcome: self._on_checked(generation, outcome),
            lambda exc: self._on_check_failed(generation, exc),
            label="Checking the deal with the server",
            owner=self,
        )

    def _on_checked(self: Any, generation: int, outcome: CheckOutcome) -> None:
        """Set the sentences judged in the worker; a check of a form since edited is dropped (its reprice will be
        checked in turn), and a column whose verdict is unchanged is not touched."""
        if generation != self._generation:
            return
        for kind, verdict in outcome.verdicts.items():
            self.columns[kind].set_check(verdict.text, verdict.differs, agrees=verdict.agrees)
        self.server_rates.update(outcome.rates)
        if outcome.programs is not None:
            self.server_programs = outcome.programs
            self._show_programs(outcome.program_rows, "the server's programs")
        self.server_checked.emit()

    def _on_check_failed(self: Any, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        for column in self.columns.values():
            column.set_check(f"Not checked with the server: {sentence(exc)} These are local figures.", True)
        self.server_checked.emit()

    # --- F&I catalog ------------------------------------------------------------------------------------------------

    def _catalog_terms(self: Any, deal_type: str = "finance") -> tuple[str, float | None, int | None, float | None]:
        """What a catalog is priced for: the deal's rate and term, and the vehicle's price less the cash down.

        GAP is rated by the balance at risk and the term. The pricing endpoint rates a plan on the vehicle less
        the cash, so the catalog is asked on that same basis: the cost the desk shows for a product is then the
        cost the server prices the deal with, and a profit difference in the check is a real one.
        """
        deal = self.request_deals.get(deal_type)
        if deal is None:
            return "cash", None, None, None
        financed = float(max(deal.inp.msrp - deal.inp.customer_cash, Decimal(0)))
        if deal_type == "lease":
            return "lease", float(deal.money_factor * 2400), deal.term, financed
        return "finance", float(deal.apr), deal.term, financed

    def _refresh_catalog(self: Any) -> None:
        connection, dealer = self.workspace.connection, self.workspace.dealer()
        if connection is None or self.vehicle is None:
            return
        partner_id = str((dealer or {}).get("partner_id") or (self._detail or {}).get("partner_id") or "")
        if not partner_id:
            return
        deal_type, rate, term, financed = self._catalog_terms()
        lease_terms = self._catalog_terms("lease")
        key = (self.vehicle["vin"], deal_type, rate, term, financed, lease_terms)
        if key == self._catalog_key:
            return
        self._catalog_key = key
        vin = self.vehicle["vin"]
        self.runner.cancel(self._catalog_job)

        def load() -> tuple[dict[str, list[Any]], Offered]:
            from desktop.api.roadster import pricing as api

            client = connection.roadster
            found = {
                deal_type: api.protection_plans(
                    client, partner_id, vin, deal_type, deal_rate=rate, deal_term=term, amount_financed=financed
                )
            }
            kind, lease_rate, lease_term, lease_financed = lease_terms
            if kind == "lease":
                found["lease"] = api.protection_plans(
                    client,
                    partner_id,
                    vin,
                    "lease",
                    deal_rate=lease_rate,
                    deal_term=lease_term,
                    amount_financed=lease_financed,
                )
            return found, offered_products(found[deal_type], found.get("lease"))

        self.products.status.setText("Loading the dealer's protection products…")
        self._catalog_job = self.runner.submit(
            load,
            lambda loaded: self._on_catalog(*loaded),
            self._on_catalog_failed,
            label="Loading F&I menu",
            owner=self,
        )

    def _on_catalog(self: Any, catalogs: dict[str, list[Any]], offered: Offered | None = None) -> None:
        before = [(p.code, p.price) for p in self.products.chosen()]
        self.catalogs = catalogs
        primary = next(iter(catalogs))  # the finance deal's catalog, or the cash one's when there is no finance
        plans = catalogs[primary]
        self.products.set_catalog(plans, catalogs.get("lease"), offered)
        lease = "" if "lease" not in catalogs else ", the lease's from the lease catalog"
        self.products.status.setText(
            f"{len(self.products.products)} products, priced for this {primary} deal{lease}. Tick a product to add "
            "it; each is sold only on the deal types shown."
        )
        self.catalog_changed()
        if [(p.code, p.price) for p in self.products.chosen()] != before:
            self.recompute()  # the deal's products cost otherwise: its board prices the menu too
        else:
            self.recompute_menu()
        self.catalog_loaded.emit()

    def _on_catalog_failed(self: Any, exc: BaseException) -> None:
        self._catalog_key = None
        self.products.status.setText(f"The protection products could not be loaded: {sentence(exc)}")

    def _show_programs(self: Any, rows: ProgramRows, source: str) -> None:
        """List the programs; the same rows are left as they are (every keystroke asks for the local ones again,
        the server's are most often the same rows, and rebuilding the tree cost a relayout each time)."""
        if rows != self._programs_shown:
            self._programs_shown = rows
            fill_tree(self.programs, rows)
        said = f"Showing {source} as of {date.today().isoformat()}."
        if said != self._programs_said:
            self._programs_said = said
            self.programs_source.setText(said)
