"""The Customers tab, one job per module (see :mod:`.tab`)."""

from desktop.ui.tabs.customers.tab import CustomersTab

__all__ = ["CustomersTab"]
