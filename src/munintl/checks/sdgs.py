"""Checks on SDG links and evidence: goals with no SDG, a thin stated focus, only inferred links."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from munintl.checks._base import (
    Hit,
    PackIndex,
    absent,
    anchored,
    fact_item,
    link_item,
    register,
)
from munintl.findings import Severity
from munintl.model import (
    Goal,
    Link,
    Strategy,
)
from munintl.sdg import SdgRef
from munintl.timeline import RETIRED

FEW_GOALS_SHARE = 1 / 3
"""A stated SDG focus is thin when fewer than this share of the lowest-level goals carry it."""

# --- SDGs and evidence --------------------------------------------------------------------------


@register(
    "MI401",
    "goal-without-sdg",
    Severity.WARNING,
    "no SDG link frames a lowest-level goal: none on it, its measures or the goals above it",
)
def goal_without_sdg(ix: PackIndex) -> Iterator[Hit]:
    """Find lowest-level goals of current strategies with no SDG link on their branch (MI401).

    The strategies put the SDGs at the root of their work; such a goal cannot be placed in that
    frame.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per lowest-level goal with no SDG link on it, its measures or the goals above it.

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("bergen"), datetime.date(2024, 1, 1))
    >>> [hit.subject for hit in goal_without_sdg(ix)]
    []
    """
    memo: dict[str, bool] = {}
    for _, leaves in ix.current_leaves():
        for goal in leaves:
            if not anchored(ix, goal, lambda g: bool(ix.sdg_links[g.id]), memo):
                yield Hit(
                    goal.id,
                    "goal",
                    f"{ix.goal_name(goal)} has no SDG link, nor has any goal above it",
                    "link the goal, or the goal above it, to the SDGs or targets it serves in "
                    "sdgs (inferred with a rationale if the text does not say)",
                    (absent("sdgs on the goal, its measures and the goals above it"),),
                )


def _carries(links: Iterable[Link], sdg: int) -> bool:
    return any(SdgRef.parse(link.to).goal == sdg for link in links)


def _focus_goals(ix: PackIndex, strategy: Strategy) -> tuple[Goal, ...]:
    """The goals a strategy's SDG focus is judged against: its own at the lowest level or, for
    an action plan with no goals of its own, those of the current strategies it builds on."""
    own = ix.leaves.get(strategy.id, ())
    if own:
        return own
    return tuple(
        goal
        for other in ix.pack.strategies
        if other.id in ix.current
        and other.id != strategy.id
        and (other.id in strategy.builds_on or other.document in strategy.builds_on)
        for goal in ix.leaves.get(other.id, ())
    )


@register(
    "MI402",
    "sdg-focus-thin",
    Severity.WARNING,
    "an SDG the strategy names as its focus is carried by fewer than a third of its goals",
)
def sdg_focus_thin(ix: PackIndex) -> Iterator[Hit]:
    """Find SDGs a strategy names as its focus that under a third of its goals carry (MI402).

    A stated focus that few goals carry is a focus in words only.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per strategy and thinly carried SDG of its focus.

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("oslo"), datetime.date(2024, 1, 1))
    >>> [hit.subject for hit in sdg_focus_thin(ix)]
    []
    """
    for strategy in ix.pack.strategies:
        if not strategy.sdg_focus or strategy.status in RETIRED:
            continue
        goals = _focus_goals(ix, strategy)
        if not goals:
            continue
        for sdg in dict.fromkeys(SdgRef.parse(link.to).goal for link in strategy.sdg_focus):
            carriers = [g.id for g in goals if _carries(ix.sdg_links[g.id], sdg)]
            if len(carriers) < FEW_GOALS_SHARE * len(goals):
                yield Hit(
                    strategy.id,
                    "strategy",
                    f"SDG {sdg} is a stated focus of {strategy.title!r}, but only "
                    f"{len(carriers)} of the {len(goals)} lowest-level goals carry it",
                    f"link the goals that serve SDG {sdg} to it (or to its targets), or "
                    "reconsider the focus",
                    (
                        fact_item("sdg_focus", sdg),
                        fact_item("carried by", ", ".join(carriers) or "none"),
                        fact_item("lowest-level goals", len(goals)),
                    ),
                )


@register(
    "MI403",
    "weak-evidence",
    Severity.INFO,
    "every SDG and master-plan link of a goal is inferred by a curator, none stated",
)
def weak_evidence(ix: PackIndex) -> Iterator[Hit]:
    """Find goals of current strategies whose SDG and master-plan links are all inferred (MI403).

    Such links are a curator's reading of the document, not its word, and weigh less.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per goal whose every link is inferred.

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("hamar"), datetime.date(2024, 1, 1))
    >>> len(list(weak_evidence(ix)))
    4
    """
    for goal in ix.pack.goals:
        if goal.strategy not in ix.current:
            continue
        links = [
            *(("sdgs", link) for link in goal.sdgs),
            *(("plan_goals", link) for link in goal.plan_goals),
        ]
        if links and all(link.is_inferred for _, link in links):
            yield Hit(
                goal.id,
                "goal",
                f"{ix.goal_name(goal)}: all its {len(links)} SDG and master-plan links are "
                "inferred, none stated in the document",
                "nothing to fix in the data if the document is silent; read these links as a "
                "curator's judgement, and state the alignment in the next revision",
                tuple(link_item(field, link) for field, link in links),
            )
