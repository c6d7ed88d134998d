"""The Deals tab: the rooftop's deals and the open deal's jacket."""

from desktop.ui.tabs.deals.tab import DealsTab

__all__ = ["DealsTab"]
