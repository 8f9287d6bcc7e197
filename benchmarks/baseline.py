"""The naive baseline: Jaccard similarity of Python sets, for every pair of municipalities.

What anyone would write first: per municipality one set of features per dimension (the same
seven dimensions as :mod:`munintl.overlap.similarity`), then a double loop over all pairs
comparing the sets, keeping each municipality's best neighbours in a small heap. It is
quadratic in pure Python; the library's similarity matrix is measured against it in the same
run.

>>> from generate import generate_packs
>>> neighbours = naive_neighbours(generate_packs(4), top=2)
>>> [len(row) for row in neighbours]
[2, 2, 2, 2]
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator, Sequence

from munintl.model import Link, Pack
from munintl.reference import organisations

__all__ = ["DIMENSIONS", "features", "jaccard", "naive_neighbours", "similarity"]

DIMENSIONS = (
    "organisations",
    "organisation_kinds",
    "sdgs",
    "themes",
    "partner_countries",
    "twin_cities",
    "wording",
)
_WORD = re.compile(r"\w{3,}")


def _links(pack: Pack, field: str) -> Iterator[Link]:
    for name in ("strategies", "goals", "measures", "memberships", "partnerships", "projects"):
        for entity in getattr(pack, name):
            yield from getattr(entity, field, ())


def features(pack: Pack) -> dict[str, frozenset[str]]:
    """One set of features per dimension: what a municipality could share with another."""
    registry = organisations()
    own = {org.id: org for org in pack.organisations}
    orgs = {m.organisation for m in pack.memberships}
    sdg_refs = {link.to for link in _links(pack, "sdgs")}
    sdg_refs |= {link.to for s in pack.strategies for link in s.sdg_focus}
    texts = [t for e in (*pack.goals, *pack.measures) for t in (e.title, e.text) if t]
    return {
        "organisations": frozenset(orgs),
        "organisation_kinds": frozenset(
            (registry.get(o) or own[o]).kind.value for o in orgs if o in registry or o in own
        ),
        "sdgs": frozenset(sdg_refs | {ref.split(".")[0] for ref in sdg_refs}),
        "themes": frozenset(link.to for link in _links(pack, "themes")),
        "partner_countries": frozenset(p.country for p in pack.partnerships),
        "twin_cities": frozenset(f"{p.country}:{p.city.casefold()}" for p in pack.partnerships),
        "wording": frozenset(_WORD.findall(" ".join(texts).casefold())),
    }


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b|; two empty sets are not similar (0.0).

    >>> jaccard(frozenset("ab"), frozenset("bc")), jaccard(frozenset(), frozenset())
    (0.3333333333333333, 0.0)
    """
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def similarity(a: dict[str, frozenset[str]], b: dict[str, frozenset[str]]) -> float:
    """The combined score of two municipalities: the mean of the dimensions' Jaccard."""
    return sum(jaccard(a[d], b[d]) for d in DIMENSIONS) / len(DIMENSIONS)


def naive_neighbours(packs: Sequence[Pack], top: int = 10) -> list[list[tuple[float, int]]]:
    """Each municipality's ``top`` most similar others as (score, index), best first, found by
    comparing every pair once."""
    sets = [features(pack) for pack in packs]
    heaps: list[list[tuple[float, int]]] = [[] for _ in sets]
    for i, a in enumerate(sets):
        for j in range(i + 1, len(sets)):
            score = similarity(a, sets[j])
            for row, other in ((i, j), (j, i)):
                heap = heaps[row]
                if len(heap) < top:
                    heapq.heappush(heap, (score, -other))
                elif (score, -other) > heap[0]:
                    heapq.heapreplace(heap, (score, -other))
    return [[(score, -neg) for score, neg in sorted(heap, reverse=True)] for heap in heaps]
