"""Where deals are kept: the :class:`DealStore` interface and the desktop's SQLite implementation."""

from desktop.store.deals.interface import DealConflict, DealNotFound, DealQuery, DealRow, DealStore, deal_row
from desktop.store.deals.sqlite import SqliteDealStore, deals_file

__all__ = [
    "DealConflict",
    "DealNotFound",
    "DealQuery",
    "DealRow",
    "DealStore",
    "SqliteDealStore",
    "deal_row",
    "deals_file",
]
