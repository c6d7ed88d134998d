"""Document Binder tab: a customer's documents, a preview, uploads by dialog or drag and drop, and a retry queue.

:mod:`.tab` is the tab (customer, the list of documents); :mod:`.documents` what is done with one (preview, delete,
save a copy); :mod:`.customers` its customer picker's list; :mod:`.uploads` the way files get in.
"""

from desktop.ui.tabs.binder.tab import BinderTab
from desktop.ui.tabs.binder.uploads import queue_file

__all__ = ["BinderTab", "queue_file"]
