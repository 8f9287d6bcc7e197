"""The similarity matrix: how alike municipalities are, per dimension and combined.

Each municipality is described once, as sparse features in the dimensions of
:mod:`munintl.overlap.dimensions` that compare municipalities: the organisations it belongs
to, their kinds, the SDGs and targets and the themes its strategy and engagements serve, its
partner countries and twin cities, and the wording of its goals and measures. In each
dimension two municipalities are compared by the cosine of their TF-IDF vectors (0: nothing in
common, 1: the same); the combined score is the weighted sum of the dimensions' cosines.
``docs/overlap.md`` shows how to reproduce every number by hand.

With ``top=k`` only each municipality's ``k`` nearest neighbours are kept, which is what
thousands of municipalities need: no N x N matrix is ever built (see
:mod:`munintl.overlap.engine`).

>>> import munintl
>>> packs = munintl.load_packs(["bergen", "oslo", "hamar"])
>>> m = similarity_matrix(packs)
>>> m.names
('bergen', 'oslo', 'hamar')
>>> m.score("bergen", "bergen")
1.0
>>> m.score("bergen", "oslo", Dimension.TWIN_CITIES)
0.0
>>> [n.name for n in similarity_matrix(packs, top=1).neighbours_of("oslo")]
['bergen']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from types import MappingProxyType

import attrs

from munintl._gc import cyclic_gc_paused
from munintl._per_pack import per_pack
from munintl.disk_cache import derived
from munintl.errors import SimilarityError
from munintl.model import Pack
from munintl.overlap.dimensions import (
    DIMENSIONS,
    Dimension,
    municipality_dimensions,
    municipality_weights,
)
from munintl.overlap.engine import DECIMALS, Corpus, Engine, choose_engine, combine
from munintl.overlap.holdings import Tie, ties_of
from munintl.overlap.units import MunicipalityUnit, municipality_unit

__all__ = [
    "DEFAULT_WEIGHTS",
    "Dimension",
    "Neighbour",
    "SimilarityError",
    "SimilarityMatrix",
    "check_request",
    "features_of",
    "matrix_of",
    "municipality_features",
    "resolve_weights",
    "similarity_matrix",
]


DEFAULT_WEIGHTS: Mapping[Dimension, float] = MappingProxyType(dict(municipality_weights()))
"""The default weights of the combined score (they sum to 1; declared with each dimension)."""


@attrs.frozen
class Neighbour:
    """Another municipality and how alike it is: combined, and per dimension (in the order of
    :attr:`SimilarityMatrix.dimensions`)."""

    name: str
    score: float
    by_dimension: tuple[float, ...]


@attrs.frozen
class SimilarityMatrix:
    """Pairwise similarity of municipalities (named by their packs).

    The full matrix (``top`` is None) holds ``combined[i][j]`` and ``by_dimension[d][i][j]``;
    a top-k matrix holds only ``neighbours[i]``, the ``top`` municipalities most like
    ``names[i]``, best first. :meth:`neighbours_of` reads either. Scores are rounded to 9
    decimals.
    """

    names: tuple[str, ...]
    dimensions: tuple[Dimension, ...]
    weights: tuple[float, ...]
    top: int | None = None
    combined: tuple[tuple[float, ...], ...] = ()
    by_dimension: tuple[tuple[tuple[float, ...], ...], ...] = ()
    neighbours: tuple[tuple[Neighbour, ...], ...] = ()

    def _index(self, name: str) -> int:
        try:
            return self.names.index(name)
        except ValueError:
            raise SimilarityError(f"{name!r} is not in this matrix") from None

    def neighbours_of(self, name: str) -> tuple[Neighbour, ...]:
        """The municipalities most like ``name``, best first: its ``top`` nearest, or (full
        matrix) every other one with a score above 0."""
        i = self._index(name)
        if self.top is not None:
            return self.neighbours[i]
        return _rank(
            Neighbour(self.names[j], score, tuple(m[i][j] for m in self.by_dimension))
            for j, score in enumerate(self.combined[i])
            if j != i and score > 0
        )

    def score(self, a: str, b: str, dimension: Dimension | str | None = None) -> float:
        """The combined score of two municipalities, or one dimension's (full matrix only)."""
        if self.top is not None:
            raise SimilarityError("a top-k matrix keeps only neighbours; use neighbours_of()")
        i, j = self._index(a), self._index(b)
        if dimension is None:
            return self.combined[i][j]
        return self.by_dimension[self.dimensions.index(Dimension(dimension))][i][j]


def resolve_weights(
    weights: Mapping[str, float] | None, defaults: Mapping[Dimension, float] = DEFAULT_WEIGHTS
) -> tuple[tuple[Dimension, ...], tuple[float, ...]]:
    """The dimensions and their weights scaled to sum 1. Given weights replace the defaults
    entirely: a dimension left out weighs 0 (its scores are still reported).

    Parameters
    ----------
    weights : mapping of str to float, or None
        Dimension name -> weight >= 0 (any scale), or None for `defaults`.
    defaults : mapping of Dimension to float
        The dimensions compared and their default weights.

    Returns
    -------
    dims : tuple of Dimension
        The dimensions of `defaults`, in order.
    scaled : tuple of float
        Their weights, each 0..1, summing to 1.

    Raises
    ------
    munintl.errors.SimilarityError
        An unknown dimension, a negative weight, or no weight above 0.

    Examples
    --------
    >>> resolve_weights({"themes": 1, "sdgs": 3})[1]
    (0.0, 0.0, 0.75, 0.25, 0.0, 0.0, 0.0)
    """
    given = dict(defaults) if weights is None else dict(weights)
    known = {d.value for d in defaults}
    unknown = sorted(set(given) - known)
    if unknown:
        raise SimilarityError(
            f"unknown dimension {unknown[0]!r} (known: {', '.join(sorted(known))})"
        )
    if any(w < 0 for w in given.values()):
        raise SimilarityError("weights must not be negative")
    total = sum(given.values())
    if total <= 0:
        raise SimilarityError("at least one weight must be above 0")
    dims = tuple(defaults)
    return dims, tuple(given.get(d, 0.0) / total for d in dims)


def municipality_features(
    pack: Pack, tied: Iterable[Tie] | None = None
) -> dict[str, dict[str, float]]:
    """A municipality's features, by dimension (see :mod:`munintl.overlap.dimensions`): every
    item it holds through a current tie counts once (ended memberships and partnerships do
    not), and wording counts the stems of its goals' and measures' titles and texts (its own
    name left out, see :func:`munintl.text.stems`).

    Whole strategies are compared by stems, short goal texts by n-grams of stems
    (:mod:`munintl.overlap.goals`): across hundreds of words a compound's parts mostly occur on
    their own too, and stems are about a fifth as many features, which is what makes 10,000
    municipalities fast to compare.

    Parameters
    ----------
    pack : Pack
        A loaded pack.
    tied : iterable of Tie, optional
        The pack's ties (:func:`munintl.overlap.holdings.ties`), if they are at hand.

    Returns
    -------
    dict of str to dict of str to float
        Dimension name -> feature -> count (1.0 per item held; a stem's count for wording).

    Raises
    ------
    KeyError
        If a membership or project names an organisation nobody declares.

    Examples
    --------
    >>> import munintl
    >>> municipality_features(munintl.load_pack("bergen"))["organisations"]["eurocities"]
    1.0
    """
    if tied is None:
        return {d: dict(f) for d, f in features_of(pack).items()}
    return {d: dict(f) for d, f in _features(municipality_unit(pack, tied)).items()}


@per_pack  # the similarity matrix and the overlap both need them, often of the same packs
def features_of(pack: Pack) -> Mapping[str, Mapping[str, float]]:
    """:func:`municipality_features`, worked out once per pack object and shared between
    callers (:mod:`munintl._per_pack`): read them, never change them.

    Parameters
    ----------
    pack : Pack
        A loaded pack.

    Returns
    -------
    mapping of str to mapping of str to float
        As :func:`municipality_features`.

    Raises
    ------
    KeyError
        If a membership or project names an organisation nobody declares.

    Examples
    --------
    >>> import munintl
    >>> pack = munintl.load_pack("oslo")
    >>> features_of(pack) == municipality_features(pack) and features_of(pack) is features_of(pack)
    True
    """
    # Kept on disk beside the pack too (munintl.disk_cache.derived), as plain dicts.
    features = derived(pack, "features", [], partial(_worked_out, pack), _is_features)
    return MappingProxyType({d: MappingProxyType(f) for d, f in features.items()})


def _is_features(value: object) -> bool:
    """Whether a value read back from the disk cache is a pack's features."""
    return type(value) is dict and all(
        type(d) is str and type(f) is dict and all(type(v) in (int, float) for v in f.values())
        for d, f in value.items()
    )


def _worked_out(pack: Pack) -> dict[str, dict[str, float]]:
    """A pack's municipality features, worked out from its ties."""
    return {d: dict(f) for d, f in _features(municipality_unit(pack, ties_of(pack))).items()}


def _features(unit: MunicipalityUnit) -> dict[str, Mapping[str, float]]:
    return {
        d.value: dict(spec.municipality(unit))
        for d in municipality_dimensions()
        if (spec := DIMENSIONS[d]).municipality is not None
    }


def check_request(
    names: Sequence[str], top: int | None, weights: Mapping[str, float] | None
) -> tuple[tuple[Dimension, ...], tuple[float, ...]]:
    """Whether a similarity matrix of municipalities with these pack names may be asked for
    (each name once, ``top`` at least 1, sound weights), before any pack is read.

    Parameters
    ----------
    names : sequence of str
        The packs' names.
    top : int or None
        As for :func:`similarity_matrix`.
    weights : mapping of str to float, or None
        As for :func:`similarity_matrix`.

    Returns
    -------
    dims : tuple of Dimension
        The dimensions compared.
    scaled : tuple of float
        Their weights, as :func:`resolve_weights` gives them.

    Raises
    ------
    munintl.errors.SimilarityError
        A name given twice, ``top`` below 1, or bad weights.

    Examples
    --------
    >>> check_request(["a", "a"], None, None)
    Traceback (most recent call last):
    munintl.errors.SimilarityError: each municipality may be given once
    """
    if len(set(names)) != len(names):
        raise SimilarityError("each municipality may be given once")
    if top is not None and top < 1:
        raise SimilarityError(f"top must be at least 1, not {top}")
    return resolve_weights(weights)


def similarity_matrix(
    packs: Iterable[Pack | str],
    *,
    top: int | None = None,
    weights: Mapping[str, float] | None = None,
    engine: Engine | None = None,
) -> SimilarityMatrix:
    """How alike the municipalities of ``packs`` are, per dimension and combined.

    Parameters
    ----------
    packs
        The municipalities: loaded packs or installed packs' names, each once.
    top
        Keep each municipality's ``top`` nearest neighbours instead of the full matrix.
    weights
        Replace :data:`DEFAULT_WEIGHTS` (dimension name -> weight >= 0; scaled to sum 1).
    engine
        The engine (:mod:`munintl.overlap.engine`); by default chosen by size. All engines
        give the same result.

    Returns
    -------
    SimilarityMatrix
        Scores in [0, 1], rounded to 9 decimals.

    Raises
    ------
    munintl.errors.SimilarityError
        A name given twice, ``top`` below 1, or bad weights.

    Examples
    --------
    >>> import munintl
    >>> similarity_matrix(munintl.load_packs(["bergen", "oslo"])).score("oslo", "bergen") > 0
    True
    """
    from munintl.packs import as_packs

    loaded = as_packs(packs)
    with cyclic_gc_paused():  # every pack's features at once (see munintl._gc)
        return matrix_of(loaded, top=top, weights=weights, engine=engine)


def matrix_of(
    packs: Sequence[Pack],
    features: Sequence[Mapping[str, Mapping[str, float]]] | None = None,
    *,
    top: int | None = None,
    weights: Mapping[str, float] | None = None,
    engine: Engine | None = None,
) -> SimilarityMatrix:
    """:func:`similarity_matrix` of loaded packs, whose features may be at hand already
    (the overlap works them out pack by pack with the goal units, which read the same texts).

    Parameters
    ----------
    packs : sequence of Pack
        The municipalities, loaded.
    features : sequence of mapping, optional
        Each pack's :func:`features_of`, in the order of `packs`; worked out here, after the
        request is checked, when not given.
    top, weights, engine
        As for :func:`similarity_matrix`.

    Returns
    -------
    SimilarityMatrix
        Scores in [0, 1], rounded to 9 decimals.

    Raises
    ------
    munintl.errors.SimilarityError
        A name given twice, ``top`` below 1, or bad weights.

    Examples
    --------
    >>> import munintl
    >>> packs = munintl.load_packs(["bergen", "oslo"])
    >>> matrix_of(packs, [features_of(p) for p in packs]) == similarity_matrix(packs)
    True
    """
    names = tuple(p.name for p in packs)
    dims, scale = check_request(names, top, weights)
    if features is None:
        features = [features_of(p) for p in packs]
    elif len(features) != len(packs):
        raise ValueError("give one pack's features per pack")
    corpus = Corpus(features, dims, scale)
    chosen = choose_engine(engine, len(packs))
    if top is not None:
        found = chosen.neighbours(corpus, top, range(len(packs)))
        ranked = tuple(_rank(_neighbour(names[j], s, scale) for j, s in line) for line in found)
        return SimilarityMatrix(names, dims, scale, top, neighbours=ranked)
    combined, by_dimension = chosen.full_matrices(corpus)
    return SimilarityMatrix(names, dims, scale, None, combined, tuple(by_dimension))


def _neighbour(name: str, scores: Sequence[float], weights: Sequence[float]) -> Neighbour:
    return Neighbour(
        name,
        round(combine(scores, weights), DECIMALS),
        tuple(round(x, DECIMALS) for x in scores),
    )


def _rank(neighbours: Iterable[Neighbour]) -> tuple[Neighbour, ...]:
    """Best first; ties keep their order (the lower index first)."""
    return tuple(sorted(neighbours, key=lambda n: -n.score))
