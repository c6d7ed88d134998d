"""Preview of one document: pages and images drawn by a document worker process, never in the window.

:mod:`.widget` is the preview a tab uses (:class:`DocumentPreview`: the file's life, states, pages, zoom, turns),
:mod:`.panes` lays out its PDF and picture faces, :mod:`.thumbnails` draws the page strip a batch at a time.
"""

from desktop.ui.widgets.document_preview.panes import ZOOMS
from desktop.ui.widgets.document_preview.widget import DocumentPreview

__all__ = ["ZOOMS", "DocumentPreview"]
