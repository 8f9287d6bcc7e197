"""SDG coverage: which of the 17 goals (and which targets) each municipality's goals serve.

A goal *carries* an SDG when the goal itself, or a measure directly under it, links to that
SDG or to one of its targets (``"17"`` or ``"17.17"``). Each (goal, SDG) pair counts once, as
*stated* when any of those links is stated in the document, else as *inferred*. Only goals of
the pack's current strategies count (see :func:`munintl.timeline.current_strategies`); memberships,
partnerships and projects that link to an SDG are listed apart, as ``others``.

>>> from munintl.model import (Pack, Municipality, Kommunenummer, Strategy, StrategyStatus,
...     Goal, GoalLevel, Link, Evidence, Locator)
>>> loc = Locator("doc", "1")
>>> pack = Pack(name="tiny", municipality=Municipality("Tiny", (Kommunenummer("9999"),)),
...     strategies=(Strategy("s", "S", "doc", StrategyStatus.ADOPTED, loc, in_force=True),),
...     goals=(Goal("g", "s", GoalLevel.PRIORITY, "mål", "Samarbeid", loc,
...                 sdgs=(Link("17.17", Evidence.STATED),)),))
>>> (cov,) = sdg_coverage(pack)
>>> cov.served, cov.targets
((17,), ('17.17',))
>>> row = cov.row(17)
>>> row.goals, row.stated, row.inferred
(('g',), 1, 0)
"""

from __future__ import annotations

from typing import Any

import attrs

from munintl._moved import moved_names
from munintl.model import (
    Evidence,
    Link,
    Membership,
    MembershipStatus,
    Pack,
    Partnership,
    PartnershipStatus,
    Project,
)
from munintl.sdg import GOALS, SdgRef
from munintl.timeline import current_strategies, focus_strategies, status_on

__all__ = [
    "Coverage",
    "SdgCoverage",
    "coverage_to_dict",
    "focus_sdgs",
    "goal_sdg_links",
    "sdg_carriers",
    "sdg_coverage",
]


def focus_sdgs(pack: Pack) -> frozenset[int]:
    """The SDGs named as a focus by the strategies whose focus counts (see
    :func:`munintl.timeline.focus_strategies`).

    Parameters
    ----------
    pack : Pack
        The pack.

    Returns
    -------
    frozenset of int
        SDG numbers (1 to 17).

    Examples
    --------
    >>> sorted(focus_sdgs(__import__("munintl").load_pack("oslo")))
    [17]
    """
    return frozenset(
        SdgRef.parse(link.to).goal for s in focus_strategies(pack) for link in s.sdg_focus
    )


def goal_sdg_links(pack: Pack) -> dict[str, tuple[Link, ...]]:
    """Every goal's SDG links: its own, then those of the measures directly under it.

    Keys are all goal ids of the pack, in document order; linear in the pack's size.

    Parameters
    ----------
    pack : Pack
        The pack.

    Returns
    -------
    dict of str to tuple of Link
        By goal id, every goal of the pack (an empty tuple for a goal with no link).

    Examples
    --------
    >>> import munintl
    >>> links = goal_sdg_links(munintl.load_pack("oslo"))
    >>> len(links) == len(munintl.load_pack("oslo").goals)
    True
    """
    links: dict[str, list[Link]] = {g.id: list(g.sdgs) for g in pack.goals}
    for measure in pack.measures:
        if measure.goal in links:
            links[measure.goal].extend(measure.sdgs)
    return {goal_id: tuple(items) for goal_id, items in links.items()}


def sdg_carriers(pack: Pack) -> frozenset[str]:
    """The ids of the entities whose SDG links coverage counts: the goals of the current
    strategies, and the measures directly under them (the rule of :func:`goal_sdg_links`).

    An SDG a municipality holds through anything else (a membership, a partnership, a project,
    a measure under a goal of a superseded strategy) is not in its coverage.

    Parameters
    ----------
    pack : Pack
        The pack.

    Returns
    -------
    frozenset of str
        Goal and measure ids.

    Examples
    --------
    >>> import munintl
    >>> oslo = munintl.load_pack("oslo")
    >>> {"io2-skal-4", "innsatsomrade-2"} <= sdg_carriers(oslo)
    True
    """
    current = {s.id for s in current_strategies(pack)}
    goals = {g.id for g in pack.goals if g.strategy in current}
    return frozenset(goals | {m.id for m in pack.measures if m.goal in goals})


@attrs.frozen
class SdgCoverage:
    """How one municipality's goals serve one SDG."""

    sdg: int
    goals: tuple[str, ...]
    """Ids of the goals that carry the SDG, in document order."""
    stated: int
    """How many of those goals carry it by at least one stated link."""
    inferred: int
    """How many carry it only by inferred links (``stated + inferred == len(goals)``)."""
    targets: tuple[str, ...]
    """The SDG's targets those goals link to, in numeric order."""
    others: tuple[str, ...]
    """Memberships, partnerships and projects that link to the SDG, in document order (ended
    memberships and partnerships left out)."""
    focus: bool
    """Whether the SDG is a stated focus (see :func:`focus_sdgs`)."""


@attrs.frozen
class Coverage:
    """One pack's SDG coverage: a row for each of the 17 SDGs."""

    pack: str
    municipality: str
    strategies: tuple[str, ...]
    goals: int
    """How many goals the current strategies hold."""
    linked_goals: int
    """How many of them carry at least one SDG."""
    rows: tuple[SdgCoverage, ...]

    def row(self, sdg: int) -> SdgCoverage:
        """The row of SDG ``sdg`` (1 to 17)."""
        return self.rows[sdg - 1]

    @property
    def served(self) -> tuple[int, ...]:
        """The SDGs at least one goal carries."""
        return tuple(r.sdg for r in self.rows if r.goals)

    @property
    def targets(self) -> tuple[str, ...]:
        """All targets the goals link to, in SDG and target order."""
        return tuple(t for r in self.rows for t in r.targets)


def _coverage(pack: Pack) -> Coverage:
    strategies = current_strategies(pack)
    strategy_ids = {s.id for s in strategies}
    focus = focus_sdgs(pack)
    goals = [g for g in pack.goals if g.strategy in strategy_ids]
    links = goal_sdg_links(pack)
    ended = {m.id for m in pack.memberships if status_on(m) is MembershipStatus.ENDED} | {
        p.id for p in pack.partnerships if status_on(p) is PartnershipStatus.ENDED
    }

    carried: dict[int, dict[str, bool]] = {n: {} for n in GOALS}  # sdg -> goal -> stated
    targets: dict[int, set[SdgRef]] = {n: set() for n in GOALS}
    linked_goals = 0
    for goal in goals:
        linked_goals += bool(links[goal.id])
        for link in links[goal.id]:
            ref = SdgRef.parse(link.to)
            stated = link.evidence is Evidence.STATED
            carried[ref.goal][goal.id] = carried[ref.goal].get(goal.id, False) or stated
            if ref.is_target:
                targets[ref.goal].add(ref)

    others: dict[int, list[str]] = {n: [] for n in GOALS}
    engagements: tuple[Membership | Partnership | Project, ...] = (
        *pack.memberships,
        *pack.partnerships,
        *pack.projects,
    )
    for entity in engagements:
        if entity.id in ended:
            continue
        for number in dict.fromkeys(SdgRef.parse(link.to).goal for link in entity.sdgs):
            others[number].append(entity.id)

    rows = tuple(
        SdgCoverage(
            sdg=n,
            goals=tuple(carried[n]),
            stated=sum(carried[n].values()),
            inferred=len(carried[n]) - sum(carried[n].values()),
            targets=tuple(str(ref) for ref in sorted(targets[n])),
            others=tuple(others[n]),
            focus=n in focus,
        )
        for n in GOALS
    )
    return Coverage(
        pack=pack.name,
        municipality=pack.municipality.name,
        strategies=tuple(s.id for s in strategies),
        goals=len(goals),
        linked_goals=linked_goals,
        rows=rows,
    )


def sdg_coverage(*packs: Pack | str) -> list[Coverage]:
    """The SDG coverage of each pack (a pack or an installed pack's name), in the order given.

    Parameters
    ----------
    *packs : Pack or str
        Loaded packs or installed packs' names.

    Returns
    -------
    list of Coverage
        One per pack, in the order given; only goals of the current strategies count
        (:func:`munintl.timeline.current_strategies`).

    Raises
    ------
    munintl.errors.PackNotFoundError
        When a name is not an installed pack.

    Examples
    --------
    >>> [c.pack for c in sdg_coverage("bergen", "oslo")]
    ['bergen', 'oslo']
    """
    from munintl.packs import as_packs

    return [_coverage(p) for p in as_packs(packs)]


def coverage_to_dict(coverage: Coverage) -> dict[str, Any]:
    """JSON-ready data of one pack's coverage (what ``munintl coverage --format json`` prints).

    Parameters
    ----------
    coverage : Coverage
        One pack's coverage, from :func:`sdg_coverage`.

    Returns
    -------
    dict
        Plain data (lists, numbers, text) that ``json.dumps`` writes as is.

    Examples
    --------
    >>> (cov,) = sdg_coverage("hamar")
    >>> sorted(coverage_to_dict(cov))[:4]
    ['goals', 'linked_goals', 'municipality', 'pack']
    """
    return {
        "pack": coverage.pack,
        "municipality": coverage.municipality,
        "strategies": list(coverage.strategies),
        "goals": coverage.goals,
        "linked_goals": coverage.linked_goals,
        "served": list(coverage.served),
        "targets": list(coverage.targets),
        "sdgs": [
            {
                "sdg": r.sdg,
                "goals": list(r.goals),
                "stated": r.stated,
                "inferred": r.inferred,
                "targets": list(r.targets),
                "others": list(r.others),
                "focus": r.focus,
            }
            for r in coverage.rows
        ],
    }


# The terminal table is presentation and moved to munintl.report; the old name still works.
__getattr__ = moved_names(__name__, {"render_coverage": "munintl.report.coverage_table"})
