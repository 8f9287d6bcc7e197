"""Shared parts of the checks: the index every check reads, the registry, evidence items.

One :class:`PackIndex` is built per pack in linear time; each check is a small pure function
over it, registered with :func:`register` under a stable code.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from munintl._status import status_on as status_on  # re-exported by munintl.checks
from munintl.coverage import current_strategies, goal_sdg_links
from munintl.errors import MunintlError
from munintl.findings import EvidenceItem, Severity
from munintl.model import (
    Goal,
    GoalLevel,
    Link,
    Measure,
    Membership,
    MembershipStatus,
    Pack,
    StrategyStatus,
)

RETIRED = frozenset({StrategyStatus.SUPERSEDED, StrategyStatus.EXPIRED})
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


class CheckError(MunintlError, ValueError):
    """A check was asked for in a way that cannot be carried out (unknown code, bad date)."""


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
    """Ids of the current strategies (see :func:`munintl.coverage.current_strategies`)."""
    goals: Mapping[str, Goal]
    children: Mapping[str, tuple[Goal, ...]]
    measures: Mapping[str, tuple[Measure, ...]]
    """Measures by the goal they sit under."""
    sdg_links: Mapping[str, tuple[Link, ...]]
    """Each goal's SDG links with those of its measures."""
    leaves: Mapping[str, tuple[Goal, ...]]
    """Per strategy, its goals at the lowest level: no goal under them, and not a purpose."""
    organisations: Mapping[str, str]
    """Names of the organisations the pack declares itself, by id."""
    statuses: Mapping[str, MembershipStatus | None]
    """Each membership's status on ``as_of``, by membership id."""

    def current_leaves(self) -> Iterator[tuple[str, tuple[Goal, ...]]]:
        """(strategy id, lowest-level goals) of each current strategy, in document order."""
        return ((s, goals) for s, goals in self.leaves.items() if s in self.current)

    def goal_name(self, goal: Goal) -> str:
        number = f" {goal.number}" if goal.number else ""
        return f"{goal.label}{number} {short(goal.title)!r}"

    def organisation_name(self, org_id: str) -> str:
        from munintl.reference import organisations

        if org_id in self.organisations:
            return self.organisations[org_id]
        registered = organisations().get(org_id)
        return registered.name if registered else org_id

    def membership_status(self, membership: Membership) -> MembershipStatus | None:
        """The membership's status on ``as_of`` (see :func:`status_on`)."""
        return self.statuses[membership.id]


def index_pack(pack: Pack, as_of: _dt.date) -> PackIndex:
    """The shared lookups of one pack (linear in its size)."""
    current = frozenset(s.id for s in current_strategies(pack))
    goals = {g.id: g for g in pack.goals}
    children: dict[str, list[Goal]] = {}
    for goal in pack.goals:
        if goal.parent is not None:
            children.setdefault(goal.parent, []).append(goal)
    measures: dict[str, list[Measure]] = {}
    for measure in pack.measures:
        measures.setdefault(measure.goal, []).append(measure)
    leaves: dict[str, list[Goal]] = {s.id: [] for s in pack.strategies}
    for goal in pack.goals:
        if goal.id not in children and goal.level is not GoalLevel.PURPOSE:
            leaves.setdefault(goal.strategy, []).append(goal)
    return PackIndex(
        pack=pack,
        as_of=as_of,
        current=current,
        goals=goals,
        children={k: tuple(v) for k, v in children.items()},
        measures={k: tuple(v) for k, v in measures.items()},
        sdg_links=goal_sdg_links(pack),
        leaves={k: tuple(v) for k, v in leaves.items()},
        organisations={o.id: o.name for o in pack.organisations},
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
        current = ix.goals.get(current.parent) if current.parent else None
    for goal_id in chain:  # memoised, so walking every goal's ancestors stays linear
        memo[goal_id] = found
    return found
