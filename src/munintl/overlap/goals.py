"""Goal correspondences: which goals of two municipalities pursue the same thing, and why.

Goal units (:mod:`munintl.overlap.units`) are compared like municipalities: per dimension the
cosine of TF-IDF vectors, the IDF taken over all units compared, combined with the goal
weights of :mod:`munintl.overlap.dimensions`. The score falls in a band (:class:`Band`):
*strong* from :data:`STRONG`, *possible* from :data:`POSSIBLE`; below, none.

Two units of two municipalities **correspond** when their score is strong, or when it is at
least possible and each is the other's best counterpart in the other municipality, where a
goal's own parent or children do not compete with it. Of nested pairs (a goal and its parent
both paired with the same goal, or with a goal and its child) only the strongest is kept, the
more specific on a tie; two or more siblings paired with the same goal become their parent.
A pair whose texts say opposite things (one negates what the other states) never corresponds.
Across two languages the wording's weight goes to the concepts. Reasons are worked out only
when read. ``docs/overlap.md`` gives every rule with its reason.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator, Sequence

import attrs

from munintl.model import FixedStrEnum
from munintl.overlap.dimensions import Dimension
from munintl.overlap.engine import DECIMALS, BlockScores, Corpus, Engine, idf
from munintl.overlap.holdings import ItemKind, id_sort_key, item_label
from munintl.overlap.units import GoalRef, GoalUnit
from munintl.reference import themes
from munintl.text import NEGATED, compound_links

__all__ = [
    "POSSIBLE",
    "STRONG",
    "Band",
    "Correspondence",
    "Reason",
    "band_of",
    "correspondences",
]

STRONG = 0.46
"""From this score on a pair is a strong correspondence (see ``docs/overlap.md``)."""
POSSIBLE = 0.25
"""From this score on a pair is a possible correspondence."""


class Band(FixedStrEnum):
    """How sure a correspondence is, read off its score."""

    STRONG = "strong"
    POSSIBLE = "possible"
    NONE = "none"


def band_of(score: float, possible: float = POSSIBLE, strong: float = STRONG) -> Band:
    """The band of a score.

    Parameters
    ----------
    score : float
        A pair's score, 0..1.
    possible, strong : float
        The bands' lower bounds, 0..1.

    Returns
    -------
    Band
        STRONG from `strong` on, POSSIBLE from `possible` on, else NONE.

    Examples
    --------
    >>> band_of(0.5), band_of(0.3), band_of(0.1)
    (<Band.STRONG: 'strong'>, <Band.POSSIBLE: 'possible'>, <Band.NONE: 'none'>)
    """
    if score >= strong:
        return Band.STRONG
    return Band.POSSIBLE if score >= possible else Band.NONE


@attrs.frozen
class Reason:
    """Why two goals correspond in one dimension: ``text`` in plain words for readers; the
    dimension's cosine (``score``), its part of the pair's score (``contribution``, weight x
    cosine) and what the goals share (theme ids, SDG references, organisation ids, or stems,
    the most telling first) as data. For wording, ``related`` lists stems joined through a
    compound (``long~part``)."""

    dimension: Dimension
    score: float
    contribution: float
    shared: tuple[str, ...]
    related: tuple[str, ...] = ()
    text: str = ""


class _Context:
    """What reasons are worked out from, shared by all pairs of one analysis."""

    def __init__(self, units: Sequence[GoalUnit], corpus: Corpus) -> None:
        self.units = units
        self.corpus = corpus

    @functools.cached_property
    def stem_idf(self) -> dict[str, float]:
        """Each stem's IDF over the goal units, once a reason is asked for (reasons are
        lazy, and counting every unit's stems took half a second at N = 10,000)."""
        df = Counter(s for u in self.units for s in u.stem_counts)
        return {s: idf(n, len(self.units)) for s, n in df.items()}

    def reasons(
        self, i: int, j: int, scores: Sequence[float], weights: Sequence[float]
    ) -> tuple[Reason, ...]:
        out = []
        for name, weight, score in zip(self.corpus.dimensions, weights, scores, strict=True):
            if round(weight * score, DECIMALS) > 0:
                out.append(self._reason(Dimension(name), weight, score, i, j))
        out.sort(key=lambda r: -r.contribution)
        return tuple(out)

    def _reason(self, dim: Dimension, weight: float, score: float, i: int, j: int) -> Reason:
        a, b = self.units[i], self.units[j]
        related: tuple[str, ...] = ()
        if dim is Dimension.WORDING:
            ta, tb = a.stem_counts, b.stem_counts
            shared = tuple(
                sorted(
                    set(ta) & set(tb),
                    key=lambda s: (-min(ta[s], tb[s]) * self.stem_idf[s] ** 2, s),
                )
            )
            related = compound_links(ta, tb)
            text = _wording_text(shared, related, a, b)
        elif dim is Dimension.CONCEPTS:  # the concepts both texts name most first
            ca, cb = a.concepts, b.concepts
            shared = tuple(sorted(set(ca) & set(cb), key=lambda t: (-min(ca[t], cb[t]), t)))
            text = _plain(dim, shared)
        else:
            common = set(_features(dim, a)) & set(_features(dim, b))
            shared = tuple(sorted(common, key=id_sort_key))
            text = _plain(
                dim,
                [a.names.get(o, o) for o in shared] if dim is Dimension.ORGANISATIONS else shared,
            )
        return Reason(
            dim, round(score, DECIMALS), round(weight * score, DECIMALS), shared, related, text
        )


def _features(dim: Dimension, unit: GoalUnit) -> Sequence[str]:
    return {
        Dimension.THEMES: unit.themes,
        Dimension.SDGS: unit.sdgs,
        Dimension.ORGANISATIONS: unit.organisations,
    }[dim]


def _listed(names: Sequence[str], most: int = 4) -> str:
    shown = list(names[:most])
    if len(names) > most:
        shown.append(f"{len(names) - most} more")
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def _plain(dim: Dimension, shared: Sequence[str]) -> str:
    if dim is Dimension.THEMES:
        names = [themes()[t].label if t in themes() else t for t in shared]
        return f"both are linked to the theme{'s' if len(names) > 1 else ''} {_listed(names)}"
    if dim is Dimension.CONCEPTS:
        names = [themes()[t].label if t in themes() else t for t in shared]
        return f"both texts speak of {_listed(names)}"
    if dim is Dimension.SDGS:
        goals = [item_label(ItemKind.SDG, s) for s in shared if "." not in s]
        targets = [f"target {s}" for s in shared if "." in s]
        return f"both serve {_listed(goals + targets)}"
    return f"the same organisations serve both: {_listed(list(shared))}"


def _wording_text(shared: Sequence[str], related: Sequence[str], a: GoalUnit, b: GoalUnit) -> str:
    said = [a.words[s] for s in shared if not s.startswith(NEGATED)]
    parts = []
    if said:
        parts.append(f"both use the words {_listed(said)}")
    pairs = [link.split("~") for link in related]
    joined = [f"{a.words.get(x) or b.words[x]}/{a.words.get(y) or b.words[y]}" for x, y in pairs]
    if joined:
        parts.append(f"related words {_listed(joined, 3)}")
    return "; ".join(parts) or "their wording is alike"


class _LazyReasons(Sequence[Reason]):
    """A correspondence's reasons, worked out on first reading."""

    def __init__(
        self,
        context: _Context,
        i: int,
        j: int,
        scores: tuple[float, ...],
        weights: Sequence[float],
    ) -> None:
        self._args = (context, i, j, scores, weights)
        self._done: tuple[Reason, ...] | None = None

    def _all(self) -> tuple[Reason, ...]:
        if self._done is None:
            context, i, j, scores, weights = self._args
            self._done = context.reasons(i, j, scores, weights)
        return self._done

    def __getitem__(self, at: int) -> Reason:  # type: ignore[override]
        return self._all()[at]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[Reason]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


@attrs.frozen
class Correspondence:
    """Two goals of different municipalities that pursue the same thing: ``score`` (the sum of
    the reasons' contributions, in [0, 1]), its ``band``, and the reasons, strongest first."""

    a: GoalRef
    b: GoalRef
    score: float
    band: Band
    reasons: Sequence[Reason]


# --- choosing the pairs -------------------------------------------------------------------------


def _nested(x: GoalUnit, y: GoalUnit) -> bool:
    return x.ref.id in y.subtree or y.ref.id in x.subtree


def _best(ranked: list[tuple[float, int]], units: Sequence[GoalUnit]) -> set[int]:
    """Of one goal's counterparts ``(-score, position)``, the positions nothing unrelated to
    them beats (a goal's parent and children do not compete with it); ties go to the lower
    position."""
    ranked.sort()
    out: set[int] = set()
    above: list[GoalUnit] = []
    for _, at in ranked:
        unit = units[at]
        for other in above:  # a plain loop: this runs for every cell of every block
            if unit.ref.id not in other.subtree and other.ref.id not in unit.subtree:
                break
        else:
            out.add(at)
        above.append(unit)
    return out


def _mutual_best(
    cells: Sequence[tuple[int, int, float]],
    rows: Sequence[GoalUnit],
    columns: Sequence[GoalUnit],
    strong: float,
) -> set[tuple[int, int]]:
    """The cells below *strong* whose goals are each other's best counterpart (see
    :func:`_best`); only the rows and columns of such cells are ranked."""
    weak = [(x, y) for x, y, s in cells if s < strong]
    if not weak:
        return set()
    by_row: dict[int, list[tuple[float, int]]] = {}
    by_column: dict[int, list[tuple[float, int]]] = {}
    for x, y, s in cells:
        by_row.setdefault(x, []).append((-s, y))
        by_column.setdefault(y, []).append((-s, x))
    best_of_row = {x: _best(by_row[x], columns) for x in {x for x, _ in weak}}
    best_of_column = {y: _best(by_column[y], rows) for y in {y for _, y in weak}}
    return {(x, y) for x, y in weak if y in best_of_row[x] and x in best_of_column[y]}


def _select(
    a: Sequence[int],
    b: Sequence[int],
    scores: BlockScores,
    units: Sequence[GoalUnit],
    strong: float,
) -> list[tuple[int, int]]:
    """The cells (x, y) of one block that correspond (see the module); ``scores.cells`` are
    the cells scoring at least *possible*."""
    rows = [units[i] for i in a]
    columns = [units[j] for j in b]
    mutual = _mutual_best(scores.cells, rows, columns, strong)
    candidates = sorted(
        (-s, len(rows[x].subtree) + len(columns[y].subtree), x, y)
        for x, y, s in scores.cells
        if s >= strong or (x, y) in mutual
    )
    chosen: list[tuple[int, int]] = []
    for _, _, x, y in candidates:
        if _opposed(rows[x], columns[y]):
            continue
        for cx, cy in chosen:  # a plain loop: this runs for nearly every cell of every block
            if (x == cx or _nested(rows[x], rows[cx])) and (
                y == cy or _nested(columns[y], columns[cy])
            ):
                break
        else:
            chosen.append((x, y))
    return _to_parents(chosen, rows, columns, scores)


def _to_parents(
    chosen: list[tuple[int, int]],
    rows: Sequence[GoalUnit],
    columns: Sequence[GoalUnit],
    scores: BlockScores,
) -> list[tuple[int, int]]:
    """Two or more goals under one parent, paired with the same goal, become their parent
    (when it is a unit and scores at least *possible* with that goal): its aim covers them.
    Columns first, then rows."""
    possible = {(x, y) for x, y, _ in scores.cells}
    out = set(chosen)
    for flip in (False, True):
        mine = rows if flip else columns
        at = {unit.ref.id: k for k, unit in enumerate(mine)}
        siblings: dict[tuple[int, int], list[int]] = {}
        for pair in sorted(out):
            other, own = (pair[1], pair[0]) if flip else pair
            parent = mine[own].parent
            if parent is not None and parent in at:
                siblings.setdefault((other, at[parent]), []).append(own)
        for (other, above), owns in siblings.items():
            cell = (above, other) if flip else (other, above)
            if len(owns) > 1 and cell in possible:
                out -= {(own, other) if flip else (other, own) for own in owns}
                out.add(cell)
    return sorted(out)


def _opposed(a: GoalUnit, b: GoalUnit) -> bool:
    """Whether one text negates at least as much of the other as the two share plainly."""
    if not (a.denied or b.denied):
        return False
    opposite = (a.plain & b.denied) | (b.plain & a.denied)
    return bool(opposite) and len(opposite) >= len(a.plain & b.plain)


def _block_weights(
    corpus: Corpus, units: Sequence[GoalUnit], a: Sequence[int], b: Sequence[int]
) -> tuple[float, ...]:
    """The weights for two municipalities' goals: the corpus's, except that across two
    languages the wording (which cannot meet) gives its weight to the concepts (the bilingual
    vocabulary, which stands in for it)."""
    weights = list(corpus.weights)
    dims = [Dimension(d) for d in corpus.dimensions]
    if (
        a
        and b
        and units[a[0]].language != units[b[0]].language
        and Dimension.WORDING in dims
        and Dimension.CONCEPTS in dims
    ):
        weights[dims.index(Dimension.CONCEPTS)] += weights[dims.index(Dimension.WORDING)]
        weights[dims.index(Dimension.WORDING)] = 0.0
    return tuple(weights)


def correspondences(
    units: Sequence[GoalUnit],
    corpus: Corpus,
    engine: Engine,
    pairs: Sequence[tuple[int, int]],
    possible: float = POSSIBLE,
    strong: float = STRONG,
) -> tuple[Correspondence, ...]:
    """Each municipality pair's corresponding goal units, strongest first (ties in pack order).

    Parameters
    ----------
    units : sequence of GoalUnit
        The goal units of all municipalities compared (:func:`munintl.overlap.units.goal_units`).
    corpus : Corpus
        Their features, weighed (one document per unit, in the same order).
    engine : Engine
        The engine that scores the blocks.
    pairs : sequence of (int, int)
        The pairs of municipalities to compare, as the units' ``group`` numbers.
    possible, strong : float
        The bands' lower bounds, in [0, 1].

    Returns
    -------
    tuple of Correspondence

    Examples
    --------
    >>> from munintl import load_packs
    >>> from munintl.overlap import dimensions as dm, engine as en, units as un
    >>> us = [u for g, p in enumerate(load_packs(["bergen", "hamar"])) for u in un.goal_units(p, g)]
    >>> w = dm.goal_weights()
    >>> c = Corpus([{d: dm.DIMENSIONS[d].goal(u) for d in w} for u in us], (*w,), (*w.values(),))
    >>> [(x.a.id, x.b.id, x.band.value) for x in correspondences(us, c, en.PYTHON, [(0, 1)])][:1]
    [('hp-2.1', 'delmal-4', 'strong')]
    """
    members: dict[int, list[int]] = {}
    for i, unit in enumerate(units):
        members.setdefault(unit.group, []).append(i)
    blocks = [(members.get(p, []), members.get(q, [])) for p, q in pairs]
    weights = [_block_weights(corpus, units, a, b) for a, b in blocks]
    context = _Context(units, corpus)
    found = []
    scored = engine.block_scores(corpus, blocks, weights, at_least=possible)
    for (a, b), scale, scores in zip(blocks, weights, scored, strict=True):
        for x, y in _select(a, b, scores, units, strong):
            total = scores.score(x, y)
            found.append(
                Correspondence(
                    units[a[x]].ref,
                    units[b[y]].ref,
                    total,
                    band_of(total, possible, strong),
                    _LazyReasons(context, a[x], b[y], scores.by_dimension(x, y), scale),
                )
            )
    found.sort(key=lambda c: -c.score)  # stable: ties stay in pack and goal order
    return tuple(found)
