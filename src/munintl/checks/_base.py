"""Shared parts of the checks: the index every check reads, the registry, evidence items.

One :class:`PackIndex` is built per pack in linear time; each check is a small pure function
over it, registered with :func:`register` under a stable code.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from munintl.coverage import goal_sdg_links
from munintl.findings import EvidenceItem, Severity
from munintl.hierarchy import GoalHierarchy
from munintl.model import (
    Goal,
    GoalLevel,
    Link,
    Measure,
    Membership,
    MembershipStatus,
    Pack,
)
from munintl.reference import organisation
from munintl.timeline import current_strategies, status_on

TITLE_CHARS = 60
"""Titles are cut to this length in messages, which stay one line; the subject id is exact."""


def short(title: str) -> str:
    """The title, cut at a word's end with an ellipsis when longer than :data:`TITLE_CHARS`.

    >>> short("Bergen kommune skal være en aktiv medspiller for å nå FNs bærekraftsmål globalt")
    'Bergen kommune skal være en aktiv medspiller for å nå FNs…'
    """
    if len(title) <= TITLE_CHARS:
        return title
    cut = title[: TITLE_CHARS - 1]  # room for the ellipsis
    if not title[len(cut)].isspace() and len(cut.split()) > 1:
        cut = cut.rsplit(None, 1)[0]  # the last word would be cut: leave it out
    return cut.rstrip(" ,;:–-") + "…"


@attrs.frozen
class Hit:
    """What a check function reports; :func:`check` adds the code, severity and pack."""

    subject: str
    subject_kind: str
    message: str
    hint: str
    evidence: tuple[EvidenceItem, ...] = ()


@attrs.frozen
class PackIndex:
    """One pack with the lookups the checks share, built once in linear time."""

    pack: Pack
    as_of: _dt.date
    current: frozenset[str]
    """Ids of the current strategies (see :func:`munintl.timeline.current_strategies`)."""
    goals: Mapping[str, Goal]
    hierarchy: GoalHierarchy
    measures: Mapping[str, tuple[Measure, ...]]
    """Measures by the goal they sit under."""
    sdg_links: Mapping[str, tuple[Link, ...]]
    """Each goal's SDG links with those of its measures."""
    leaves: Mapping[str, tuple[Goal, ...]]
    """Per strategy, its goals at the lowest level: no goal under them, and not a purpose."""
    statuses: Mapping[str, MembershipStatus | None]
    """Each membership's status on ``as_of``, by membership id."""

    def current_leaves(self) -> Iterator[tuple[str, tuple[Goal, ...]]]:
        """(strategy id, lowest-level goals) of each current strategy, in document order."""
        return ((s, goals) for s, goals in self.leaves.items() if s in self.current)

    def goal_name(self, goal: Goal) -> str:
        number = f" {goal.number}" if goal.number else ""
        return f"{goal.label}{number} {short(goal.title)!r}"

    def organisation_name(self, org_id: str) -> str:
        found = organisation(self.pack, org_id)
        return found.name if found else org_id

    def membership_status(self, membership: Membership) -> MembershipStatus | None:
        """The membership's status on ``as_of`` (see :func:`munintl.timeline.status_on`)."""
        return self.statuses[membership.id]


def index_pack(pack: Pack, as_of: _dt.date) -> PackIndex:
    """The shared lookups of one pack (linear in its size).

    Parameters
    ----------
    pack : Pack
        The pack to check.
    as_of : datetime.date
        The day current strategies and statuses are judged on.

    Returns
    -------
    PackIndex
        The lookups every check reads.

    Examples
    --------
    >>> import datetime, munintl
    >>> ix = index_pack(munintl.load_pack("bergen"), datetime.date(2024, 1, 1))
    >>> sorted(ix.current)
    ['bergen-og-verden-2018']
    """
    hierarchy = GoalHierarchy(pack)
    leaves: dict[str, list[Goal]] = {s.id: [] for s in pack.strategies}
    for goal in pack.goals:
        if not hierarchy.has_children(goal.id) and goal.level is not GoalLevel.PURPOSE:
            leaves.setdefault(goal.strategy, []).append(goal)
    return PackIndex(
        pack=pack,
        as_of=as_of,
        current=frozenset(s.id for s in current_strategies(pack, as_of)),
        goals=hierarchy.goals,
        hierarchy=hierarchy,
        measures={g: hierarchy.measures(g) for g in hierarchy.goals if hierarchy.measures(g)},
        sdg_links=goal_sdg_links(pack),
        leaves={k: tuple(v) for k, v in leaves.items()},
        statuses={m.id: status_on(m, as_of) for m in pack.memberships},
    )


CheckFunction = Callable[[PackIndex], Iterable[Hit]]


@attrs.frozen
class Check:
    """A registered check: its stable code and name, severity, one-line why, and function."""

    code: str
    name: str
    severity: Severity
    why: str
    function: CheckFunction = attrs.field(repr=False)


CHECKS: dict[str, Check] = {}
"""Every check by code, in code order once the module is loaded."""


def register(code: str, name: str, severity: Severity, why: str) -> Callable[[CheckFunction], Any]:
    def register(function: CheckFunction) -> CheckFunction:
        CHECKS[code] = Check(code, name, severity, why, function)
        return function

    return register


# --- evidence helpers ---------------------------------------------------------------------------


def link_item(field: str, link: Link) -> dict[str, str]:
    return {"field": field, "to": link.to, "evidence": link.evidence.value}


def fact_item(field: str, value: object) -> dict[str, str]:
    return {"field": field, "value": str(value)}


def absent(field: str) -> str:
    return f"{field}: none"


def anchored(
    ix: PackIndex, goal: Goal, linked: Callable[[Goal], bool], memo: dict[str, bool]
) -> bool:
    """Whether the goal or a goal above it is ``linked``: a goal serves the goals above it,
    so their links frame it too."""
    chain: list[str] = []
    current: Goal | None = goal
    found = False
    while current is not None:
        if current.id in memo:
            found = memo[current.id]
            break
        chain.append(current.id)
        if linked(current):
            found = True
            break
        current = ix.hierarchy.parent(current.id)
    for goal_id in chain:  # memoised, so walking every goal's ancestors stays linear
        memo[goal_id] = found
    return found
