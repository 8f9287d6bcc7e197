"""Checking that a pack's wording comes from its source text: now in :mod:`munintl.testing`.

Kept so that ``from munintl.provenance import score`` in existing pack tests goes on working.

>>> score("møtet", "Bergen bystyre behandlet saken i mgtet")
1.0
"""

from __future__ import annotations

from munintl.testing import THRESHOLD, score, skeleton

__all__ = ["THRESHOLD", "score", "skeleton"]
