"""The buyer on the desk: filled from the deal's customer, passed on to the Chaiz live flow, and Chaiz plans added
to the deal as products.

A mixin of :class:`~desktop.ui.tabs.pricing.tab.PricingTab`.
"""

from __future__ import annotations

from typing import Any


class BuyerLinks:
    """Buyer fields and Chaiz links for the pricing tab."""

    def set_buyer(self: Any, buyer: dict[str, str]) -> None:
        """Fill the buyer from the deal's customer (name, contact, address, ZIP), so nothing is typed twice."""
        for name, edit in self.buyer.items():
            if name in buyer:
                edit.setText(str(buyer[name] or ""))
        if buyer.get("zip"):
            self._rooftop_zip = ""  # the buyer's: it stays when the rooftop changes
            self.zip_code.setText(str(buyer["zip"]))

    def buyer_name(self: Any) -> str:
        return " ".join(self.buyer[n].text().strip() for n in ("first_name", "last_name")).strip()

    # --- buyer, Chaiz -------------------------------------------------------------------------------------------

    def _on_buyer_changed(self: Any) -> None:
        """The Chaiz live-flow links are made from the deal's customer: copy the buyer, never retype."""
        if self.chaiz is None:
            return
        fields = getattr(self.chaiz, "user_fields", {})
        mapping = {
            "firstName": "first_name",
            "lastName": "last_name",
            "email": "email",
            "address": "address",
            "city": "city",
            "state": "state",
        }
        for chaiz_name, buyer_name in mapping.items():
            if chaiz_name in fields:
                fields[chaiz_name].setText(self.buyer[buyer_name].text())
        if "zip" in fields:
            fields["zip"].setText(self.zip_code.text())

    def _on_add_chaiz_plan(self: Any) -> None:
        plan = getattr(self.chaiz, "current_plan", lambda: None)()
        if plan is None:
            self.banner.show_error("Choose a Chaiz plan in the list first, then add it to the deal.")
            return
        product = self.products.add_chaiz(plan)
        self.banner.show_info(f"{product.title} added to the deal's products.")
