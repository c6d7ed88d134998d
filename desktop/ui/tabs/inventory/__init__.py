"""Inventory: the rooftop's vehicles from the offline cache, kept current by incremental sync (one job per module)."""

from desktop.ui.tabs.inventory.tab import InventoryTab

__all__ = ["InventoryTab"]
