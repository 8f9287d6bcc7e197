"""``python -m munintl``: the same as the ``munintl`` command."""

from munintl.cli import run

run()
