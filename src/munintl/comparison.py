"""Overlap analysis: what municipalities share, what is their own, and which goals correspond.

:func:`overlap` compares any number of packs and returns plain data (:class:`Overlap`):

- ``shared``: items two or more of them hold (organisations with each one's membership status,
  kinds of organisation, twin cities, partner countries, SDGs, targets, themes), each with
  its holders; ``unique``: items only one holds (see :mod:`munintl.holdings`);
- ``correspondences``: pairs of goals of different municipalities that pursue the same thing,
  strongest first, each with its reasons (shared themes, SDGs, organisations, wording);
- ``similarity``: the similarity matrix (:mod:`munintl.similarity`).

A goal stands for itself and everything below it: its sub-goals and their measures (the
themes, SDGs and wording they carry), and the memberships and projects that serve any of them
(the organisations). Goals are compared like municipalities: per dimension the cosine of
TF-IDF vectors, the IDF taken over all goals compared, combined with :data:`GOAL_WEIGHTS`.
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

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

import attrs

from munintl._sparse import (
    DECIMALS,
    Backend,
    Corpus,
    Pair,
    combine,
    idf,
    mutual_best,
)
from munintl._status import status_on
from munintl.holdings import Holding, ItemKind, active_goals, holdings, id_sort_key, sdg_refs
from munintl.model import Evidence, Goal, Measure, MembershipStatus, Pack
from munintl.similarity import (
    Dimension,
    SimilarityError,
    SimilarityMatrix,
    resolve_weights,
    similarity_matrix,
)
from munintl.text import compound_links, ngram_counts, stems

__all__ = [
    "GOAL_WEIGHTS",
    "Correspondence",
    "GoalRef",
    "Holder",
    "Item",
    "MunicipalityRef",
    "Overlap",
    "Reason",
    "overlap",
]

GOAL_WEIGHTS: Mapping[Dimension, float] = MappingProxyType(
    {
        # What a goal is about, as curated (themes) and as written (wording), weighs most.
        Dimension.THEMES: 0.35,
        Dimension.WORDING: 0.35,
        # SDGs are coarse (SDG 17 is everywhere); organisations are strong but seldom linked.
        Dimension.SDGS: 0.15,
        Dimension.ORGANISATIONS: 0.15,
    }
)
"""The default weights of a goal correspondence's score (they sum to 1)."""

PER_GOAL = 1
MIN_SCORE = 0.2


# --- the result ---------------------------------------------------------------------------------


@attrs.frozen
class MunicipalityRef:
    """A compared municipality: its pack's name, its own name and kommunenummer."""

    name: str
    municipality: str
    code: str


@attrs.frozen
class Holder:
    """One municipality's tie to an item (see :class:`munintl.holdings.Holding`)."""

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
class GoalRef:
    """A goal as a report names it: municipality (pack), id, the document's level word and
    number, and title."""

    municipality: str
    id: str
    label: str
    number: str | None
    title: str


@attrs.frozen
class Reason:
    """Why two goals correspond in one dimension: the dimension's cosine, its part of the
    score (weight x cosine), and what the goals share (theme ids, SDG refs, organisation ids,
    or stems, those both goals use often and few goals use at all first). For wording,
    ``related`` lists stems joined through a compound (``long~part``)."""

    dimension: Dimension
    score: float
    contribution: float
    shared: tuple[str, ...]
    related: tuple[str, ...] = ()


@attrs.frozen
class Correspondence:
    """Two goals of different municipalities that pursue the same thing; ``score`` is the sum
    of the reasons' contributions, in [0, 1]."""

    a: GoalRef
    b: GoalRef
    score: float
    reasons: tuple[Reason, ...]


@attrs.frozen
class Overlap:
    """What the compared municipalities share and where their goals meet, with the settings
    that found the correspondences (``goal_weights`` in the order of ``goal_dimensions``)."""

    municipalities: tuple[MunicipalityRef, ...]
    shared: tuple[Item, ...]
    unique: tuple[Item, ...]
    correspondences: tuple[Correspondence, ...]
    similarity: SimilarityMatrix
    goal_dimensions: tuple[Dimension, ...]
    goal_weights: tuple[float, ...]
    per_goal: int
    min_score: float

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


def _holder(name: str, h: Holding) -> Holder:
    return Holder(name, h.via, h.names, h.status, h.evidence, h.focus, h.current)


def _items(packs: Sequence[Pack]) -> list[Item]:
    held: dict[tuple[ItemKind, str], list[tuple[str, Holding]]] = {}
    for pack in packs:
        for h in holdings(pack):
            held.setdefault((h.kind, h.id), []).append((pack.name, h))
    order = list(ItemKind)
    keys = sorted(held, key=lambda k: (order.index(k[0]), id_sort_key(k[1])))
    return [
        Item(
            kind,
            item_id,
            held[kind, item_id][0][1].label,
            tuple(_holder(n, h) for n, h in held[kind, item_id]),
        )
        for kind, item_id in keys
    ]


# --- goal correspondences -----------------------------------------------------------------------


@attrs.frozen
class _GoalDoc:
    ref: GoalRef
    group: int
    features: dict[str, Mapping[str, float]]
    stem_counts: Mapping[str, int]
    stems: frozenset[str]


def _subtrees(goals: Sequence[Goal]) -> dict[str, list[str]]:
    """Each goal's id with the ids of the goals below it, the goal itself first."""
    children: dict[str, list[str]] = {}
    for g in goals:
        if g.parent:
            children.setdefault(g.parent, []).append(g.id)
    out: dict[str, list[str]] = {}
    for g in goals:
        seen = {g.id: None}  # ordered; a cycle would be a validation error, never loop on one
        stack = list(children.get(g.id, ()))
        while stack:
            node = stack.pop()
            if node not in seen:
                seen[node] = None
                stack.extend(children.get(node, ()))
        out[g.id] = list(seen)
    return out


def _goal_docs(pack: Pack, group: int) -> list[_GoalDoc]:
    goals = active_goals(pack)
    by_id = {g.id: g for g in goals}
    measures: dict[str, list[Measure]] = {}
    for m in pack.measures:
        measures.setdefault(m.goal, []).append(m)
    serving: dict[str, set[str]] = {}  # goal id -> ids of the organisations serving it
    for ms in pack.memberships:
        if status_on(ms) is not MembershipStatus.ENDED:  # unknown: not known to have ended
            for link in ms.serves:
                serving.setdefault(link.to, set()).add(ms.organisation)
    for project in pack.projects:
        for link in project.serves:
            serving.setdefault(link.to, set()).update(project.organisations)
    ignore = pack.municipality.name.split()
    said: dict[int, Counter[str]] = {}  # each entity's text is stemmed once, not per subtree

    def stem_counts(entity: Goal | Measure) -> Counter[str]:
        if id(entity) not in said:
            text = " ".join(t for t in (entity.title, entity.text) if t)
            said[id(entity)] = Counter(stems(text, ignore))
        return said[id(entity)]

    docs = []
    for goal, subtree in _subtrees(goals).items():
        entities: list[Goal | Measure] = []
        orgs: set[str] = set()
        for gid in subtree:
            entities.append(by_id[gid])
            entities.extend(measures.get(gid, ()))
            orgs |= serving.get(gid, set())
        counts: Counter[str] = Counter()
        for e in entities:
            counts.update(stem_counts(e))
        features: dict[str, Mapping[str, float]] = {
            Dimension.THEMES.value: {link.to: 1.0 for e in entities for link in e.themes},
            Dimension.SDGS.value: {
                ref: 1.0 for e in entities for link in e.sdgs for ref in sdg_refs(link.to)
            },
            Dimension.ORGANISATIONS.value: dict.fromkeys(sorted(orgs), 1.0),
            Dimension.WORDING.value: ngram_counts(counts),
        }
        g = by_id[goal]
        ref = GoalRef(pack.name, g.id, g.label, g.number, g.title)
        docs.append(_GoalDoc(ref, group, features, counts, frozenset(counts)))
    return docs


def _correspondence(
    corpus: Corpus, docs: Sequence[_GoalDoc], stem_idf: Mapping[str, float], pair: Pair
) -> Correspondence:
    i, j, scores = pair
    a, b = docs[i], docs[j]
    reasons = []
    for name, weight, score in zip(corpus.dimensions, corpus.weights, scores, strict=True):
        if round(score, DECIMALS) <= 0:
            continue
        dim = Dimension(name)
        if dim is Dimension.WORDING:
            # Distinctive stems both goals use often come first: the smaller of the two
            # counts, times the stem's IDF (over all goals compared) squared.
            ta, tb = a.stem_counts, b.stem_counts
            shared = tuple(
                sorted(a.stems & b.stems, key=lambda s: (-min(ta[s], tb[s]) * stem_idf[s] ** 2, s))
            )
            related = compound_links(a.stems, b.stems)
        else:
            common = set(a.features[dim.value]) & set(b.features[dim.value])
            shared, related = tuple(sorted(common, key=id_sort_key)), ()
        reasons.append(
            Reason(
                dim,
                round(score, DECIMALS),
                round(weight * score, DECIMALS),
                shared,
                related,
            )
        )
    reasons.sort(key=lambda r: -r.contribution)
    total = combine(scores, corpus.weights)
    return Correspondence(a.ref, b.ref, round(total, DECIMALS), tuple(reasons))


def _correspondences(
    packs: Sequence[Pack],
    dims: Sequence[Dimension],
    weights: Sequence[float],
    per_goal: int,
    min_score: float,
    pairs: Sequence[tuple[int, int]],
    backend: Backend,
) -> tuple[Correspondence, ...]:
    """For each pair of municipalities, the pairs of their goals where each goal is among
    the other's ``per_goal`` best in the other municipality (mutual ranking keeps a broad
    goal, a purpose that comes second for everything, from pairing with everything)."""
    docs = [doc for group, pack in enumerate(packs) for doc in _goal_docs(pack, group)]
    corpus = Corpus([d.features for d in docs], dims, weights)
    goals_of: list[list[int]] = [[] for _ in packs]
    for i, d in enumerate(docs):
        goals_of[d.group].append(i)
    blocks = [(goals_of[a], goals_of[b]) for a, b in pairs]
    found = mutual_best(corpus, blocks, per_goal, min_score=min_score, backend=backend)
    df = Counter(s for d in docs for s in d.stem_counts)
    stem_idf = {s: idf(n, len(docs)) for s, n in df.items()}
    result = [_correspondence(corpus, docs, stem_idf, pair) for pair in sorted(found)]
    result.sort(key=lambda c: -c.score)  # stable: ties stay in pack and goal order
    return tuple(result)


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
            for i, name in enumerate(similarity.names)
            for n in similarity.neighbours_of(name)
        }
    )


# --- the entry point ----------------------------------------------------------------------------


def overlap(
    *packs: Pack | str,
    per_goal: int = PER_GOAL,
    min_score: float = MIN_SCORE,
    pairs: Iterable[tuple[str, str]] | None = None,
    top: int | None = None,
    weights: Mapping[str, float] | None = None,
    goal_weights: Mapping[str, float] | None = None,
    backend: Backend = "auto",
) -> Overlap:
    """Compare municipalities: shared and unique items, corresponding goals, similarity.

    Goals correspond when, for a pair of municipalities, each is among the other's
    ``per_goal`` best counterparts in the other municipality (by default: each other's best),
    with a score of at least ``min_score``. The pairs of municipalities compared are all of
    them, or ``pairs`` (of pack names), or, with ``top``, each municipality and its ``top``
    nearest neighbours; ``top`` also keeps only those neighbours instead of the full
    similarity matrix. Use ``top`` for hundreds of municipalities and more: all pairs would
    be millions. ``weights`` and ``goal_weights`` replace
    :data:`munintl.similarity.DEFAULT_WEIGHTS` and :data:`GOAL_WEIGHTS`. Inputs are never
    changed. Packs may be loaded packs or installed packs' names.
    """
    from munintl.packs import as_packs

    loaded = as_packs(packs)
    names = [p.name for p in loaded]
    if len(set(names)) != len(names):
        raise SimilarityError("each municipality may be given once")
    if per_goal < 1:
        raise SimilarityError(f"per_goal must be at least 1, not {per_goal}")
    items = _items(loaded)
    similarity = similarity_matrix(loaded, top=top, weights=weights, backend=backend)
    scope = _municipality_pairs(loaded, pairs, similarity)
    dims, scale = resolve_weights(goal_weights, GOAL_WEIGHTS)
    correspondences = _correspondences(loaded, dims, scale, per_goal, min_score, scope, backend)
    return Overlap(
        municipalities=tuple(
            MunicipalityRef(p.name, p.municipality.name, p.municipality.code) for p in loaded
        ),
        shared=tuple(i for i in items if len(i.holders) > 1),
        unique=tuple(i for i in items if len(i.holders) == 1),
        correspondences=correspondences,
        similarity=similarity,
        goal_dimensions=dims,
        goal_weights=scale,
        per_goal=per_goal,
        min_score=min_score,
    )
