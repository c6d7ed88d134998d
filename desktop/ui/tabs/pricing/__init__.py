"""Deal Pricing: the desk, the grid, the F&I menu, presentation and printed documents (one job per module)."""

from desktop.ui.tabs.pricing.models import DealLinesModel, PaymentGridModel
from desktop.ui.tabs.pricing.tab import PricingTab

__all__ = ["DealLinesModel", "PaymentGridModel", "PricingTab"]
