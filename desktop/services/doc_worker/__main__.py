"""``python -m desktop.services.doc_worker``: one document worker process (see :mod:`.child`)."""

import sys

from desktop.services.doc_worker.child import main

if __name__ == "__main__":
    sys.exit(main())
