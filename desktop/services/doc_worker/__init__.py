"""Untrusted PDFs and images are parsed, checked, rendered and filled here, in worker processes with limits.

:mod:`.pool` is the app's side (:class:`DocumentWorkers`), :mod:`.client` the typed calls over it, :mod:`.child`
and :mod:`.ops` the worker's side, :mod:`.checks` the limits an upload or a template must respect, and
:mod:`.protocol` the framed JSON-and-bytes messages between them.
"""
