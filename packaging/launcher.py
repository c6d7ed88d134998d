"""Entry script of the frozen build (PyInstaller needs a file): the same as the ``dealer-desk`` console script."""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
