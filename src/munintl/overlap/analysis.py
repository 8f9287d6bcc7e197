"""Overlap analysis: what municipalities share, what is their own, and which goals correspond.

:func:`overlap` compares any number of packs and returns plain data (:class:`Overlap`):

- ``shared``: items two or more of them hold (organisations with each one's membership status,
  kinds of organisation, twin cities, partner countries, SDGs, targets, themes), each with
  its holders; ``unique``: items only one holds (see :mod:`munintl.overlap.holdings`);
- ``correspondences``: pairs of goals of different municipalities that pursue the same thing,
  strongest first, each with its band and reasons (:mod:`munintl.overlap.goals`);
- ``similarity``: the similarity matrix (:mod:`munintl.overlap.similarity`).

``docs/overlap.md`` explains every score.

>>> import munintl
>>> result = overlap(*munintl.load_packs(["bergen", "oslo"]))
>>> [h.municipality for h in result.item("organisation", "eurocities").holders]
['bergen', 'oslo']
>>> best = result.between("bergen", "oslo")[0]
>>> best.a.municipality, best.b.municipality
('bergen', 'oslo')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

import attrs

from munintl._gc import cyclic_gc_paused
from munintl.errors import PackClashError
from munintl.model import Evidence, Pack
from munintl.overlap.dimensions import DIMENSIONS, Dimension, goal_weights
from munintl.overlap.engine import Corpus, Engine, choose_engine
from munintl.overlap.goals import POSSIBLE, STRONG, Correspondence
from munintl.overlap.goals import correspondences as find_correspondences
from munintl.overlap.holdings import (
    HoldingFields,
    ItemKind,
    Tie,
    holding_fields,
    sorted_items,
    ties_by_item,
    ties_of,
)
from munintl.overlap.similarity import (
    SimilarityError,
    SimilarityMatrix,
    check_request,
    features_of,
    matrix_of,
    resolve_weights,
)
from munintl.overlap.units import GoalUnit, goal_units
from munintl.reference import organisation_clash

__all__ = [
    "GOAL_WEIGHTS",
    "Holder",
    "Item",
    "MunicipalityRef",
    "Overlap",
    "overlap",
]

GOAL_WEIGHTS: Mapping[Dimension, float] = MappingProxyType(dict(goal_weights()))
"""The default weights of a goal pair's score (they sum to 1; declared with each dimension)."""


# --- the result ---------------------------------------------------------------------------------


@attrs.frozen
class MunicipalityRef:
    """A compared municipality: its pack's name, its own name and kommunenummer."""

    name: str
    municipality: str
    code: str


@attrs.frozen
class Holder:
    """One municipality's tie to an item (see :class:`munintl.overlap.holdings.Holding`)."""

    municipality: str
    via: tuple[str, ...]
    names: tuple[str, ...] = ()
    status: str | None = None
    evidence: Evidence | None = None
    focus: bool = False
    current: bool = True


@attrs.frozen
class Item:
    """Something one or more municipalities hold, with its holders in the order compared."""

    kind: ItemKind
    id: str
    label: str
    holders: tuple[Holder, ...]


@attrs.frozen
class Overlap:
    """What the compared municipalities share and where their goals meet, with the settings
    that found the correspondences (``goal_weights`` in the order of ``goal_dimensions``;
    ``possible`` and ``strong``, the scores from which a pair is a possible or a strong
    correspondence)."""

    municipalities: tuple[MunicipalityRef, ...]
    shared: tuple[Item, ...]
    unique: tuple[Item, ...]
    correspondences: tuple[Correspondence, ...]
    similarity: SimilarityMatrix
    goal_dimensions: tuple[Dimension, ...]
    goal_weights: tuple[float, ...]
    possible: float
    strong: float

    def item(self, kind: ItemKind | str, item_id: str) -> Item | None:
        """The shared or unique item of this kind and id, or None if nobody holds it."""
        kind = ItemKind(kind)
        for item in (*self.shared, *self.unique):
            if item.kind is kind and item.id == item_id:
                return item
        return None

    def shared_of(self, kind: ItemKind | str) -> tuple[Item, ...]:
        """The shared items of one kind."""
        kind = ItemKind(kind)
        return tuple(i for i in self.shared if i.kind is kind)

    def unique_to(self, name: str) -> tuple[Item, ...]:
        """The items only ``name`` holds."""
        return tuple(i for i in self.unique if i.holders[0].municipality == name)

    def between(self, a: str, b: str) -> tuple[Correspondence, ...]:
        """The correspondences of two municipalities' goals, strongest first."""
        return tuple(
            c for c in self.correspondences if {c.a.municipality, c.b.municipality} == {a, b}
        )


# --- shared and unique --------------------------------------------------------------------------


def _items(packs: Sequence[Pack], tied: Sequence[Sequence[Tie]]) -> list[Item]:
    held: dict[tuple[ItemKind, str], list[tuple[str, HoldingFields]]] = {}
    for pack, pack_ties in zip(packs, tied, strict=True):
        for key, group in ties_by_item(pack_ties).items():
            fields = (pack.name, holding_fields(*key, group))
            if key in held:
                held[key].append(fields)
            else:
                held[key] = [fields]
    return [
        Item(
            kind,
            item_id,
            holders[0][1][0],
            tuple(Holder(name, *fields[1:]) for name, fields in holders),
        )
        for kind, item_id in sorted_items(held)
        for holders in (held[kind, item_id],)
    ]


# --- goal correspondences -----------------------------------------------------------------------


def _municipality_pairs(
    packs: Sequence[Pack],
    pairs: Iterable[tuple[str, str]] | None,
    similarity: SimilarityMatrix,
) -> list[tuple[int, int]]:
    """The pairs of municipalities (by position, first < second) whose goals are compared:
    the ones asked for, each one with its nearest neighbours in a top-k matrix, or all."""
    position = {p.name: n for n, p in enumerate(packs)}
    if pairs is not None:
        chosen = set()
        for a, b in pairs:
            if a not in position or b not in position or a == b:
                raise SimilarityError(
                    f"pair ({a!r}, {b!r}) must name two different compared municipalities"
                )
            chosen.add((min(position[a], position[b]), max(position[a], position[b])))
        return sorted(chosen)
    if similarity.top is None:
        return [(a, b) for a in range(len(packs)) for b in range(a + 1, len(packs))]
    return sorted(
        {
            (min(i, position[n.name]), max(i, position[n.name]))
            for i, line in enumerate(similarity.neighbours)  # by position: a name is found
            for n in line  # by searching the names, which at N = 10,000 took 1.3 s
        }
    )


# --- the entry point ----------------------------------------------------------------------------


def _goal_features(unit: GoalUnit, dims: Sequence[Dimension]) -> dict[str, Mapping[str, float]]:
    out: dict[str, Mapping[str, float]] = {}
    for d in dims:
        features = DIMENSIONS[d].goal
        if features is not None:
            out[d.value] = features(unit)
    return out


def overlap(
    *packs: Pack | str,
    possible: float = POSSIBLE,
    strong: float = STRONG,
    pairs: Iterable[tuple[str, str]] | None = None,
    top: int | None = None,
    weights: Mapping[str, float] | None = None,
    goal_weights: Mapping[str, float] | None = None,
    engine: Engine | None = None,
) -> Overlap:
    r"""Compare municipalities: shared and unique items, corresponding goals, similarity.

    Parameters
    ----------
    \*packs
        The municipalities: loaded packs or installed packs' names, each once.
    possible, strong
        The scores (in [0, 1]) from which two goals correspond possibly or strongly.
    pairs
        Compare the goals of these pairs of pack names only.
    top
        Keep each one's ``top`` nearest neighbours, not the full matrix, and compare goals only
        with them: use it for hundreds of municipalities.
    weights, goal_weights
        Replace the default weights of municipalities' and goals' dimensions.
    engine
        The engine (:mod:`munintl.overlap.engine`), by default chosen once by size.

    Returns
    -------
    Overlap
        Plain data; the inputs are never changed.

    Raises
    ------
    munintl.errors.SimilarityError
        Fewer than two packs, one given twice, a pair not compared, bad weights or thresholds.
    munintl.errors.PackClashError
        Two packs giving one organisation id two meanings (another name or kind).

    Examples
    --------
    >>> import munintl
    >>> result = overlap(*munintl.load_packs(["bergen", "hamar"]))
    >>> bands = {(c.a.id, c.b.id): c.band.value for c in result.correspondences}
    >>> bands["hp-2.1", "delmal-4"], bands["hp-3.2", "delmal-4.strategi-3"]
    ('strong', 'strong')
    """
    loaded = _loaded(packs, possible, strong)
    check_request([p.name for p in loaded], top, weights)  # before any pack is read
    dims, scale = resolve_weights(goal_weights, GOAL_WEIGHTS)
    with cyclic_gc_paused():  # a fifth of the time went to collections walking the packs
        units, features = _read(loaded)
        chosen = choose_engine(engine, len(units))  # once, for the matrix and the goals
        similarity = matrix_of(loaded, features, top=top, weights=weights, engine=chosen)
        corpus = Corpus([_goal_features(u, dims) for u in units], dims, scale)
        scope = _municipality_pairs(loaded, pairs, similarity)
        found = find_correspondences(units, corpus, chosen, scope, possible, strong)
        return _result(loaded, similarity, found, dims, scale, possible, strong)


def _read(packs: Sequence[Pack]) -> tuple[list[GoalUnit], list[Mapping[str, Mapping[str, float]]]]:
    """Every pack's goal units and municipality features, pack by pack: both read the same
    texts, so one after the other they are stemmed once (munintl.text caches the latest
    texts' stems; at N = 10,000 all goal units, then all features, missed it two times in
    three)."""
    units: list[GoalUnit] = []
    features = []
    for group, pack in enumerate(packs):
        units += goal_units(pack, group)
        features.append(features_of(pack))
    return units, features


def _loaded(packs: Sequence[Pack | str], possible: float, strong: float) -> list[Pack]:
    """The packs, loaded where named, once the request is known to be sound."""
    from munintl.packs import as_packs

    loaded = as_packs(packs)
    names = [p.name for p in loaded]
    if len(loaded) < 2:  # the one rule; the command line reports it as a usage error
        raise SimilarityError("overlap compares two or more packs")
    if len(set(names)) != len(names):
        raise SimilarityError("each municipality may be given once")
    clash = organisation_clash(loaded)
    if clash:  # else both would seem members of one organisation: a false shared item
        raise PackClashError(f"{clash}; one id is one organisation: give one of them another id")
    if not 0 < possible <= strong <= 1:
        raise SimilarityError(f"need 0 < possible <= strong <= 1, not {possible} and {strong}")
    return loaded


def _result(
    loaded: Sequence[Pack],
    similarity: SimilarityMatrix,
    found: tuple[Correspondence, ...],
    dims: tuple[Dimension, ...],
    scale: tuple[float, ...],
    possible: float,
    strong: float,
) -> Overlap:
    items = _items(loaded, [ties_of(p) for p in loaded])
    return Overlap(
        municipalities=tuple(
            MunicipalityRef(p.name, p.municipality.name, p.municipality.code) for p in loaded
        ),
        shared=tuple(i for i in items if len(i.holders) > 1),
        unique=tuple(i for i in items if len(i.holders) == 1),
        correspondences=found,
        similarity=similarity,
        goal_dimensions=dims,
        goal_weights=scale,
        possible=possible,
        strong=strong,
    )
