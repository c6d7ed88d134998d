"""``python -m desktop``: the same entry point as the ``dealer-desk`` script (the app starts its children this way)."""

import sys

from desktop.cli import main

sys.exit(main())
