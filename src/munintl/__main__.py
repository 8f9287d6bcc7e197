"""``python -m munintl``: the same as the ``munintl`` command."""

import sys

from munintl.cli import main

sys.exit(main())
