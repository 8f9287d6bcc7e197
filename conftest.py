"""Settings for every test run by the README's command (doctests in src, tests/, packs/)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_disk_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk cache of packs is off unless a test turns it on: no test then reads what another
    left, and nothing is written to the user's own cache (``munintl.disk_cache``)."""
    monkeypatch.setenv("MUNINTL_CACHE", "off")
