"""Manufacturer cash toward a deal: bonus cash a customer claims with a code, and rebates every buyer of an
eligible vehicle gets (with the manufacturer's program id and who it is paid to)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.domain.money import ZERO, json_number

DEAL_TYPES = frozenset({"cash", "finance", "lease"})


@dataclass(frozen=True, slots=True)
class Incentive:
    """Manufacturer cash toward a deal.

    A rebate (``code is None``) goes to every buyer of an eligible vehicle; a bonus needs the customer to
    claim its eligibility ``code`` ("loyalty", "military", "college", "conquest", "first responders").

    Attributes:
        name: shown to the customer, e.g. "Military Appreciation Bonus Cash".
        amount: cash toward the deal.
        taxable: the amount stays in the taxed price (most states tax the price before manufacturer rebates);
            a non-taxable incentive reduces the taxed price.
        expires_on: last day it can be used.
        code: eligibility code, or ``None`` for a rebate every buyer gets.
        deal_types: deals it applies to.
        new_only: manufacturer incentives are almost always for new vehicles only.
        program_id: the manufacturer's program number of a rebate (``"X202-210803-WE2-01"`` in the reference).
        recipient: who the manufacturer pays a rebate to, ``"Customer"`` or ``"Dealer"``.
        models: the model lines it is limited to (case-insensitive), or ``None`` for every model of the make.
    """

    name: str
    amount: Decimal
    taxable: bool
    expires_on: date
    code: str | None = None
    deal_types: frozenset[str] = DEAL_TYPES
    new_only: bool = True
    program_id: str = ""
    recipient: str = "Customer"
    models: frozenset[str] | None = None

    def offered(self, deal_type: str, used: bool, as_of: date, model: str | None = None) -> bool:
        """Whether a ``deal_type`` deal on this vehicle can have this incentive on ``as_of``; ``model`` ``None``
        asks about any model of the make."""
        if self.models is not None and model is not None and model.casefold() not in self.models:
            return False
        return deal_type in self.deal_types and as_of <= self.expires_on and not (used and self.new_only)

    def applies(self, deal_type: str, claimed: tuple[str, ...], used: bool, as_of: date, model: str = "") -> bool:
        """Whether this incentive reduces a ``deal_type`` deal on a ``model`` for a customer claiming ``claimed``."""
        return self.offered(deal_type, used, as_of, model) and (self.code is None or self.code in claimed)

    def to_api(self) -> dict[str, Any]:
        """The reference's ``incentives`` entry, or its ``rebates`` entry with ``id``, ``program_id`` and
        ``recipient`` (reference lines 805-813)."""
        entry: dict[str, Any] = {
            "name": self.code if self.code is not None else self.name,
            "display_name": self.name,
            "cash": json_number(self.amount),
            "taxable": self.taxable,
            "expires_at": api_date(self.expires_on),
        }
        if self.code is None:
            program = self.program_id or self.name
            entry = {"id": zlib.crc32(program.encode()) & 0x7FFFFFFF, "program_id": program, **entry}
            entry["recipient"] = self.recipient
        return entry


@dataclass(frozen=True, slots=True)
class AppliedIncentives:
    """The incentives applied to one deal and their totals, which the tax and the reference's fields split by
    kind: bonus cash (claimed with a code) or rebate (every buyer), taxable or not.
    """

    items: tuple[Incentive, ...]
    taxable_bonus: Decimal
    nontaxable_bonus: Decimal
    taxable_rebate: Decimal
    nontaxable_rebate: Decimal

    @classmethod
    def of(cls, items: tuple[Incentive, ...]) -> AppliedIncentives:
        """Total ``items`` by kind."""

        def total(rebate: bool, taxable: bool) -> Decimal:
            return sum((i.amount for i in items if (i.code is None) == rebate and i.taxable == taxable), ZERO)

        return cls(items, total(False, True), total(False, False), total(True, True), total(True, False))

    @property
    def total(self) -> Decimal:
        """Every incentive applied."""
        return self.taxable_bonus + self.nontaxable_bonus + self.taxable_rebate + self.nontaxable_rebate

    @property
    def taxable(self) -> Decimal:
        """Incentives that stay in the taxed price."""
        return self.taxable_bonus + self.taxable_rebate

    @property
    def nontaxable(self) -> Decimal:
        """Incentives that reduce the taxed price."""
        return self.nontaxable_bonus + self.nontaxable_rebate


def api_date(day: date) -> str:
    return f"{day.isoformat()}T00:00:00.000Z"
