"""What is compared: a municipality as a whole, and the units in which a strategy states its aims.

A **goal unit** is a goal together with everything below it (its sub-goals, strategy lines and
measures), so a strategy line or a measure speaks for the goal it serves. Two rules make the
units the level at which documents state their aims:

- a goal with exactly one goal under it is one unit with it (Oslo's focus area *Innflytelse*
  and its one main goal; Bergen's part 1 and its goal): the unit is named by the upper goal and
  ``covers`` both;
- a strategy's single root (a purpose or main goal with the whole strategy under it) is not a
  unit: it speaks for the whole strategy, which the similarity of municipalities compares.

Every other goal is a unit, at whatever level; a parent does not compete with its own children
when correspondences are chosen (:mod:`munintl.overlap.goals`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import partial

import attrs

from munintl.disk_cache import derived
from munintl.model import Goal, Measure, MembershipStatus, Pack
from munintl.overlap.concepts import concept_counts
from munintl.overlap.holdings import (
    ItemKind,
    Tie,
    active_goals,
    active_measures,
    organisation_of,
    sdg_refs,
    ties,
)
from munintl.text import NEGATED, ngram_counts, stemmed, strategy_languages
from munintl.timeline import status_on

__all__ = ["GoalRef", "GoalUnit", "MunicipalityUnit", "goal_units", "municipality_unit"]


@attrs.frozen
class GoalRef:
    """A goal as a report names it: municipality (pack), id, the document's level word and
    number, title, and the ids of the goals its unit covers (itself first)."""

    municipality: str
    id: str
    label: str
    number: str | None
    title: str
    covers: tuple[str, ...] = ()


@attrs.frozen
class MunicipalityUnit:
    """A municipality's raw features: the items it holds through a current tie, by kind, and
    the stems of its current goals and measures with their counts."""

    held: Mapping[ItemKind, frozenset[str]]
    stem_counts: Mapping[str, int]


@attrs.frozen
class GoalUnit:
    """A goal unit's raw features; ``group`` is its municipality's position, ``subtree`` the
    ids of every goal in it (to tell a parent from its children)."""

    ref: GoalRef
    group: int
    language: str
    subtree: frozenset[str]
    parent: str | None
    """The id of the unit the goal above this one belongs to (None at the top)."""
    themes: tuple[str, ...]
    sdgs: tuple[str, ...]
    organisations: tuple[str, ...]
    stem_counts: Mapping[str, int]
    ngram_counts: Mapping[str, int]
    concepts: Mapping[str, float]
    words: Mapping[str, str]
    """Each stem with a word it stands for, to say reasons in words."""
    names: Mapping[str, str]
    """Each organisation's name by id."""
    plain: frozenset[str] = frozenset()
    """The stems said plainly."""
    denied: frozenset[str] = frozenset()
    """The stems said under a negation, without the mark."""


def _language(pack: Pack) -> str:
    languages = Counter(strategy_languages(pack).values())
    return languages.most_common(1)[0][0] if languages else "nb"


def municipality_unit(pack: Pack, tied: Iterable[Tie] | None = None) -> MunicipalityUnit:
    """A municipality's features (ended memberships and partnerships do not count; its own
    name is left out of its wording).

    Parameters
    ----------
    pack : Pack
        A loaded pack.
    tied : iterable of Tie, optional
        The pack's ties (:func:`munintl.overlap.holdings.ties`), if they are at hand.

    Returns
    -------
    MunicipalityUnit
        The ids held, by kind, and the stem counts of its goals' and measures' wording.

    Raises
    ------
    KeyError
        If a membership or project names an organisation nobody declares.

    Examples
    --------
    >>> import munintl
    >>> "eurocities" in municipality_unit(munintl.load_pack("bergen")).held[ItemKind.ORGANISATION]
    True
    """
    held: dict[ItemKind, set[str]] = {}
    for tie in ties(pack) if tied is None else tied:
        if tie.current:
            held.setdefault(tie.kind, set()).add(tie.id)
    languages = strategy_languages(pack)
    own = tuple(pack.municipality.name.split())
    counts: dict[str, int] = {}
    goals = active_goals(pack)
    strategy_of = {g.id: g.strategy for g in goals}
    said: list[Goal | Measure] = [*goals, *active_measures(pack)]
    for e in said:
        strategy = e.strategy if isinstance(e, Goal) else strategy_of.get(e.goal, "")
        text = " ".join(t for t in (e.title, e.text) if t)
        for s, _ in stemmed(text, own, languages.get(strategy, "nb")):  # as the goal units
            counts[s] = counts.get(s, 0) + 1
    return MunicipalityUnit({k: frozenset(v) for k, v in held.items()}, counts)


def _children(goals: Sequence[Goal]) -> dict[str, list[str]]:
    children: dict[str, list[str]] = {}
    for g in goals:
        if g.parent:
            children.setdefault(g.parent, []).append(g.id)
    return children


def _subtree(goal_id: str, children: Mapping[str, list[str]]) -> list[str]:
    seen = {goal_id: None}  # ordered; a cycle would be a validation error, never loop on one
    stack = list(children.get(goal_id, ()))
    while stack:
        node = stack.pop()
        if node not in seen:
            seen[node] = None
            stack.extend(children.get(node, ()))
    return list(seen)


def _heads(goals: Sequence[Goal], children: Mapping[str, list[str]]) -> list[tuple[str, list[str]]]:
    """The units' head goals with the goals each covers by collapsing (see the module)."""
    by_id = {g.id: g for g in goals}
    roots: Counter[str] = Counter(
        g.strategy for g in goals if not g.parent or g.parent not in by_id
    )
    absorbed: set[str] = set()
    heads = []
    for g in goals:
        if g.id in absorbed:
            continue
        covers = [g.id]
        while len(children.get(covers[-1], ())) == 1:
            covers.append(children[covers[-1]][0])
        absorbed.update(covers[1:])
        is_root = not g.parent or g.parent not in by_id
        if is_root and roots[g.strategy] == 1 and len(children.get(covers[-1], ())) > 1:
            continue  # the strategy's single root speaks for the whole strategy
        heads.append((g.id, covers))
    return heads


def goal_units(pack: Pack, group: int) -> list[GoalUnit]:
    """The pack's goal units (see the module), in pack order.

    Parameters
    ----------
    pack
        A loaded pack; only its strategies that are not superseded count.
    group
        The pack's position among those compared (carried by each unit).

    Returns
    -------
    list of GoalUnit

    Examples
    --------
    >>> import munintl
    >>> [u.ref.covers for u in goal_units(munintl.load_pack("oslo"), 0)][:2]
    [('innsatsomrade-1', 'innsatsomrade-1-mal'), ('innsatsomrade-2', 'innsatsomrade-2-mal')]
    """
    # Stemming every text is most of an overlap's reading: the units are kept on disk beside
    # the pack (munintl.disk_cache.derived), as made for the first group, and renumbered.
    units = derived(
        pack,
        "goal-units",
        [],
        partial(_goal_units, pack),
        lambda value: type(value) is list and all(type(u) is GoalUnit for u in value),
    )
    return units if group == 0 else [attrs.evolve(unit, group=group) for unit in units]


def _goal_units(pack: Pack) -> list[GoalUnit]:
    """:func:`goal_units` of the first group (0), worked out."""
    goals = active_goals(pack)
    children = _children(goals)
    by_id = {g.id: g for g in goals}
    measures: dict[str, list[Measure]] = {}
    for m in pack.measures:
        measures.setdefault(m.goal, []).append(m)
    serving = _serving(pack)
    languages = strategy_languages(pack)
    fallback = _language(pack)
    heads = _heads(goals, children)
    unit_of = {gid: head for head, covers in heads for gid in covers}
    units = []
    for head, covers in heads:
        g = by_id[head]
        subtree = _subtree(head, children)
        entities: list[Goal | Measure] = []
        orgs: set[str] = set()
        for gid in subtree:
            entities += [by_id[gid], *measures.get(gid, ())]
            orgs |= serving.get(gid, set())
        ref = GoalRef(pack.name, g.id, g.label, g.number, g.title, tuple(covers))
        parent = unit_of.get(g.parent) if g.parent else None
        language = languages.get(g.strategy, fallback)
        units.append(_unit(pack, ref, 0, language, subtree, parent, entities, orgs))
    return units


def _unit(
    pack: Pack,
    ref: GoalRef,
    group: int,
    language: str,
    subtree: Sequence[str],
    parent: str | None,
    entities: Sequence[Goal | Measure],
    orgs: set[str],
) -> GoalUnit:
    own = tuple(pack.municipality.name.split())
    counts: dict[str, int] = {}
    surface: dict[str, str] = {}
    for e in entities:
        text = " ".join(t for t in (e.title, e.text) if t)
        for s, word in stemmed(text, own, language):  # cached: each text is stemmed once
            if s in counts:
                counts[s] += 1
            else:
                counts[s] = 1
                surface[s] = word
    return GoalUnit(
        ref,
        group,
        language,
        frozenset(subtree),
        parent,
        tuple(dict.fromkeys(link.to for e in entities for link in e.themes)),
        tuple(dict.fromkeys(r for e in entities for link in e.sdgs for r in sdg_refs(link.to))),
        tuple(sorted(orgs)),
        counts,
        ngram_counts(counts),
        concept_counts(counts, language),
        surface,
        {o: _organisation_name(pack, o) for o in orgs},
        frozenset(s for s in counts if not s.startswith(NEGATED)),
        frozenset(s[1:] for s in counts if s.startswith(NEGATED)),
    )


def _organisation_name(pack: Pack, org_id: str) -> str:
    try:
        return organisation_of(pack, org_id).name
    except KeyError:  # validation reports an unknown organisation; the overlap names its id
        return org_id


def _serving(pack: Pack) -> dict[str, set[str]]:
    """Goal id -> ids of the organisations whose current membership or project serves it."""
    serving: dict[str, set[str]] = {}
    for ms in pack.memberships:
        if status_on(ms) is not MembershipStatus.ENDED:  # unknown: not known to have ended
            for link in ms.serves:
                serving.setdefault(link.to, set()).add(ms.organisation)
    for project in pack.projects:
        for link in project.serves:
            serving.setdefault(link.to, set()).update(project.organisations)
    return serving
