"""The naive baseline: Jaccard similarity of Python sets, for every pair of municipalities.

What anyone would write first: per municipality one set of features per dimension, then a double
loop over all pairs comparing the sets. It is quadratic in pure Python, and the speed-ups of the
library's similarity matrix are measured against it in the same run.

>>> from generate import generate_packs
>>> matrix, neighbours = naive_similarity(generate_packs(3), top=1)
>>> [round(matrix[i][i], 3) for i in range(3)]
[1.0, 1.0, 1.0]
>>> matrix[0][1] == matrix[1][0], len(neighbours[0])
(True, 1)
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from munintl.model import Link, Pack

__all__ = ["DIMENSIONS", "features", "jaccard", "naive_similarity"]

DIMENSIONS = ("organisations", "partner_cities", "countries", "sdgs", "themes")


def _links(pack: Pack, field: str) -> list[Link]:
    found: list[Link] = []
    for name in ("strategies", "goals", "measures", "memberships", "partnerships", "projects"):
        for entity in getattr(pack, name):
            found.extend(getattr(entity, field, ()))
    return found


def features(pack: Pack) -> dict[str, frozenset[str]]:
    """One set of features per dimension: what a municipality could share with another."""
    sdg_links = [*_links(pack, "sdgs"), *(link for s in pack.strategies for link in s.sdg_focus)]
    return {
        "organisations": frozenset(m.organisation for m in pack.memberships),
        "partner_cities": frozenset(f"{p.country}:{p.city.casefold()}" for p in pack.partnerships),
        "countries": frozenset(p.country for p in pack.partnerships),
        "sdgs": frozenset(link.to.split(".")[0] for link in sdg_links),
        "themes": frozenset(link.to for link in _links(pack, "themes")),
    }


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b|; two empty sets are not similar (0.0).

    >>> jaccard(frozenset("ab"), frozenset("bc")), jaccard(frozenset(), frozenset())
    (0.3333333333333333, 0.0)
    """
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def naive_similarity(
    packs: Sequence[Pack], top: int = 10
) -> tuple[list[list[float]], list[list[tuple[float, int]]]]:
    """The combined similarity (mean of the dimensions' Jaccard) of every pair, as a full
    matrix, and each municipality's ``top`` most similar others as (score, index), best first."""
    sets = [features(pack) for pack in packs]
    n = len(sets)
    matrix = [[0.0] * n for _ in range(n)]
    for i in range(n):
        a = sets[i]
        matrix[i][i] = 1.0
        for j in range(i + 1, n):
            b = sets[j]
            score = sum(jaccard(a[d], b[d]) for d in DIMENSIONS) / len(DIMENSIONS)
            matrix[i][j] = matrix[j][i] = score
    neighbours = [
        heapq.nlargest(top, ((row[j], j) for j in range(n) if j != i))
        for i, row in enumerate(matrix)
    ]
    return matrix, neighbours
