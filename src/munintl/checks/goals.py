"""Checks on goals: carried out by measures, tied to the master plan, not duplicated; owners
of measures."""

from __future__ import annotations

import math
from collections.abc import Iterator

from munintl.checks._base import Hit, PackIndex, absent, anchored, fact_item, register, short
from munintl.findings import Severity
from munintl.model import (
    Goal,
    GoalLevel,
    MeasureKind,
)
from munintl.text import stems, strategy_languages

DUPLICATE_THRESHOLD = 0.6
"""Two goals are near-duplicates when their word sets overlap at least this much (Jaccard)."""

_MIN_WORDS = 4
"""Goals with fewer distinct words than this are too short to call near-duplicates."""

# --- goals --------------------------------------------------------------------------------------


def _strategies_with_measures(ix: PackIndex) -> set[str]:
    return {
        ix.goals[m.goal].strategy
        for m in ix.pack.measures
        if m.goal in ix.goals and ix.goals[m.goal].strategy in ix.current
    }


@register(
    "MI201",
    "goal-without-measure",
    Severity.WARNING,
    "a goal at the lowest level has no measure or commitment under it (not operationalised)",
)
def goal_without_measure(ix: PackIndex) -> Iterator[Hit]:
    """Find lowest-level goals with no measure or commitment under them (MI201).

    Such a goal, in a strategy that otherwise operationalises its goals, is a gap in carrying it
    out.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per such goal, in strategies that have measures at all (MI202 covers the others).

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("bergen"), datetime.date(2024, 1, 1))
    >>> [hit.subject for hit in goal_without_measure(ix)]
    ['hp-1.3']
    """
    operationalised = _strategies_with_measures(ix)
    for strategy_id, leaves in ix.current_leaves():
        if strategy_id not in operationalised:
            continue  # MI202 reports the strategy once instead of every goal in it
        for goal in leaves:
            if goal.id not in ix.measures:
                yield Hit(
                    goal.id,
                    "goal",
                    f"{ix.goal_name(goal)} has no measure or commitment under it",
                    "add the measures (tiltak) or commitments that carry the goal out, with "
                    "goal = this goal's id",
                    (absent("measures"), fact_item("strategy", strategy_id)),
                )


@register(
    "MI202",
    "strategy-without-measures",
    Severity.INFO,
    "no goal of the strategy has a measure in the pack (measures may live in an action plan)",
)
def strategy_without_measures(ix: PackIndex) -> Iterator[Hit]:
    """Find current strategies none of whose lowest-level goals has a measure in the pack (MI202).

    The pack then cannot show how the goals are carried out (the measures may be in an action
    plan).

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per such strategy.

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("oslo"), datetime.date(2024, 1, 1))
    >>> [hit.subject for hit in strategy_without_measures(ix)]
    []
    """
    operationalised = _strategies_with_measures(ix)
    for strategy in ix.pack.strategies:
        if (
            strategy.id in ix.current
            and ix.leaves.get(strategy.id)
            and (strategy.id not in operationalised)
        ):
            count = len(ix.leaves[strategy.id])
            yield Hit(
                strategy.id,
                "strategy",
                f"{strategy.title!r}: none of its {count} lowest-level goals has a measure "
                "in the pack",
                "add the measures of the action plan (handlingsplan) that carries the "
                "strategy out, each under the goal it serves",
                (absent("measures"), fact_item("lowest-level goals", count)),
            )


@register(
    "MI203",
    "goal-not-in-master-plan",
    Severity.WARNING,
    "the pack holds master-plan goals, but neither this goal nor one above it links to one",
)
def goal_not_in_master_plan(ix: PackIndex) -> Iterator[Hit]:
    """Find lowest-level goals tied to no master-plan goal, on themselves or above (MI203).

    The strategies say they serve the master plan (kommuneplan); such a goal shows no such tie.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per such goal; none when the pack holds no master-plan goals.

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("oslo"), datetime.date(2024, 1, 1))
    >>> [hit.subject for hit in goal_not_in_master_plan(ix)]
    []
    """
    if not ix.pack.plan_goals:
        return
    memo: dict[str, bool] = {}
    for _, leaves in ix.current_leaves():
        for goal in leaves:
            if not anchored(ix, goal, lambda g: bool(g.plan_goals), memo):
                yield Hit(
                    goal.id,
                    "goal",
                    f"{ix.goal_name(goal)} is not tied to a goal of the master plan",
                    "link the goal, or the goal above it, to the master-plan goal it "
                    "supports in plan_goals (inferred with a rationale if the text does "
                    "not say)",
                    (absent("plan_goals on the goal and above it"),),
                )


def _words(text: str, ignore: tuple[str, ...] = (), language: str = "nb") -> frozenset[str]:
    """A text's stems as a set, by the one text pipeline (:mod:`munintl.text`); a negated stem
    stays apart from the plain one."""
    return frozenset(stems(text, ignore, language))


def similarity(a: str, b: str) -> float:
    """The Jaccard overlap of two Norwegian texts' stem sets (0.0 to 1.0).

    Parameters
    ----------
    a, b : str
        The two texts, compared by their stems (:func:`munintl.text.stems`).

    Returns
    -------
    float
        Shared stems over all stems; 0.0 when either text has none.

    Examples
    --------
    >>> similarity("Styrke samarbeidet med vennskapsbyene", "Styrke samarbeid med vennskapsbyer")
    1.0
    >>> similarity("Påvirke europeiske rammebetingelser", "Verden i Bergen")
    0.0
    """
    left, right = _words(a), _words(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


_WordSets = tuple[frozenset[str], frozenset[str]]
"""A goal's words: of its title, and of its title and text."""


def _overlap(left: frozenset[str], right: frozenset[str]) -> float:
    """Jaccard overlap; 0.0 when either side is too short to judge."""
    if len(left) < _MIN_WORDS or len(right) < _MIN_WORDS:
        return 0.0
    return len(left & right) / len(left | right)


def _candidates(word_sets: list[frozenset[str]]) -> set[tuple[int, int]]:
    """Pairs ``(later, earlier)`` of indices that can share ``DUPLICATE_THRESHOLD`` of their
    words: every such pair, and usually few others.

    Prefix filtering (Chaudhuri, Ganti and Kaushik 2006): with words ordered rarest first, two
    sets whose Jaccard overlap reaches t share a word among the first ``n - ceil(t n) + 1`` words
    of each, so only those are indexed. A group of 10,000 goals no longer costs 50 million
    comparisons; the result is the same as comparing every pair (tested).
    """
    counts: dict[str, int] = {}
    for words in word_sets:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    seen: dict[str, list[int]] = {}
    pairs: set[tuple[int, int]] = set()
    for i, words in enumerate(word_sets):
        if len(words) < _MIN_WORDS:  # too short to judge: never a near-duplicate (_overlap)
            continue
        ordered = sorted(words, key=lambda w: (counts[w], w))
        keep = len(ordered) - math.ceil(DUPLICATE_THRESHOLD * len(ordered) - 1e-9) + 1
        for word in ordered[:keep]:
            earlier = seen.setdefault(word, [])
            pairs.update((i, j) for j in earlier)
            earlier.append(i)
    return pairs


@register(
    "MI204",
    "near-duplicate-goals",
    Severity.WARNING,
    "two goals at the same level of one strategy say nearly the same",
)
def near_duplicate_goals(ix: PackIndex) -> Iterator[Hit]:
    """Find goals at the same level of one current strategy that say nearly the same (MI204).

    Two goals that repeat each other blur what each covers; reported on the later goal.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per pair sharing at least ``DUPLICATE_THRESHOLD`` of their words.

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("oslo"), datetime.date(2024, 1, 1))
    >>> [hit.subject for hit in near_duplicate_goals(ix)]
    []
    """
    own_name = (ix.pack.municipality.name,)
    language = strategy_languages(ix.pack)
    groups: dict[tuple[str, GoalLevel], list[tuple[Goal, _WordSets]]] = {}
    for goal in ix.pack.goals:
        if goal.strategy in ix.current:
            lang = language.get(goal.strategy, "nb")
            title = _words(goal.title, own_name, lang)
            full = title | _words(goal.text, own_name, lang) if goal.text else title
            groups.setdefault((goal.strategy, goal.level), []).append((goal, (title, full)))
    for members in groups.values():
        titles = [words[0] for _, words in members]
        fulls = [words[1] for _, words in members]
        for i, j in sorted(_candidates(titles) | _candidates(fulls)):
            later, (later_title, later_full) = members[i]
            earlier, (earlier_title, earlier_full) = members[j]
            share = max(_overlap(later_title, earlier_title), _overlap(later_full, earlier_full))
            if share >= DUPLICATE_THRESHOLD:
                yield Hit(
                    later.id,
                    "goal",
                    f"{ix.goal_name(later)} nearly repeats {ix.goal_name(earlier)} "
                    f"({share:.0%} of their words shared)",
                    "merge the two goals, or sharpen their wording so that each says "
                    "what only it covers",
                    ({"field": "similar_to", "to": earlier.id, "value": f"{share:.2f}"},),
                )


@register(
    "MI205",
    "measure-without-department",
    Severity.INFO,
    "a measure (tiltak) names no responsible department",
)
def measure_without_department(ix: PackIndex) -> Iterator[Hit]:
    """Find measures (tiltak) of current strategies that name no responsible department (MI205).

    A measure nobody owns tends not to happen; commitments and prerequisites are not checked.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per such measure.

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("hamar"), datetime.date(2024, 1, 1))
    >>> len(list(measure_without_department(ix)))
    33
    """
    for measure in ix.pack.measures:
        goal = ix.goals.get(measure.goal)
        # Commitments and prerequisites bind the whole municipality; only measures need owners.
        if (
            measure.kind is MeasureKind.MEASURE
            and not measure.responsible
            and goal is not None
            and goal.strategy in ix.current
        ):
            yield Hit(
                measure.id,
                "measure",
                f"measure {short(measure.title)!r} names no responsible department",
                "name the department or unit that carries it out in responsible, if the "
                "source says",
                (absent("responsible"),),
            )
