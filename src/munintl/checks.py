"""Alignment checks: a linter for international strategies.

The municipalities' own documents say what good alignment is: international work is a tool to
reach the municipality's goals, not a goal in itself. Each check turns one such rule into a
small pure function over one pack, with a stable code, a severity and a one-line why; see
``docs/checks.md`` for every check's rationale and an example that triggers it.

>>> from munintl.model import (Pack, Municipality, Kommunenummer, Membership, StatusEntry,
...     MembershipStatus, Locator)
>>> loc = Locator("doc", "vedlegg")
>>> pack = Pack(name="tiny", municipality=Municipality("Tiny", (Kommunenummer("9999"),)),
...     memberships=(Membership("m-ubc", "ubc", (StatusEntry(MembershipStatus.MEMBER, loc),),
...                             loc, responsible=("dept",)),))
>>> [(f.code, f.subject, f.severity.value) for f in check(pack, as_of="2024-01-01")]
[('MI301', 'm-ubc', 'warning')]
>>> check(pack, select="MI4")
[]
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from munintl.coverage import current_strategies, goal_sdg_links, sdg_number
from munintl.dates import earliest, latest
from munintl.errors import MunintlError
from munintl.findings import EvidenceItem, Finding, Severity, sort_findings
from munintl.model import (
    CriterionTest,
    Goal,
    GoalLevel,
    Link,
    Measure,
    MeasureKind,
    Membership,
    MembershipStatus,
    Pack,
    Partnership,
    PartnershipStatus,
    Project,
    ProjectKind,
    StatementKind,
    Strategy,
    StrategyStatus,
)

__all__ = [
    "CHECKS",
    "DUPLICATE_THRESHOLD",
    "FEW_GOALS_SHARE",
    "Check",
    "CheckError",
    "Hit",
    "PackIndex",
    "check",
    "check_titles",
    "index_pack",
    "parse_as_of",
    "resolve_codes",
    "similarity",
    "status_on",
]

DUPLICATE_THRESHOLD = 0.6
"""Two goals are near-duplicates when their word sets overlap at least this much (Jaccard)."""

FEW_GOALS_SHARE = 1 / 3
"""A stated SDG focus is thin when fewer than this share of the lowest-level goals carry it."""

_MIN_WORDS = 4
"""Goals with fewer distinct words than this are too short to call near-duplicates."""

_RETIRED = frozenset({StrategyStatus.SUPERSEDED, StrategyStatus.EXPIRED})
_TITLE_CHARS = 60
"""Titles are cut to this length in messages, which stay one line; the subject id is exact."""


def _short(title: str) -> str:
    return title if len(title) <= _TITLE_CHARS else title[: _TITLE_CHARS - 1].rstrip() + "…"


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
        return f"{goal.label}{number} {_short(goal.title)!r}"

    def organisation_name(self, org_id: str) -> str:
        from munintl.reference import organisations

        if org_id in self.organisations:
            return self.organisations[org_id]
        registered = organisations().get(org_id)
        return registered.name if registered else org_id

    def membership_status(self, membership: Membership) -> MembershipStatus | None:
        """The membership's status on ``as_of`` (see :func:`status_on`)."""
        return self.statuses[membership.id]


def status_on(membership: Membership, day: _dt.date) -> MembershipStatus | None:
    """A membership's status on a day: its last status whose ``since`` is unknown or not later;
    None when no status is known for that day (the membership had not begun, or its first
    dated status is later)."""
    if membership.since and earliest(membership.since) > day:
        return None
    status = None
    for entry in membership.statuses:
        if entry.since is None or earliest(entry.since) <= day:
            status = entry.status
    return status


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


def _check(code: str, name: str, severity: Severity, why: str) -> Callable[[CheckFunction], Any]:
    def register(function: CheckFunction) -> CheckFunction:
        CHECKS[code] = Check(code, name, severity, why, function)
        return function

    return register


# --- evidence helpers ---------------------------------------------------------------------------


def _link(field: str, link: Link) -> dict[str, str]:
    return {"field": field, "to": link.to, "evidence": link.evidence.value}


def _fact(field: str, value: object) -> dict[str, str]:
    return {"field": field, "value": str(value)}


def _none(field: str) -> str:
    return f"{field}: none"


# --- strategies ---------------------------------------------------------------------------------


@_check(
    "MI101",
    "strategy-expired",
    Severity.WARNING,
    "the pack's current strategy has run past the end of its period",
)
def strategy_expired(ix: PackIndex) -> Iterator[Hit]:
    for strategy in ix.pack.strategies:
        end = strategy.period.end if strategy.period else None
        if strategy.id in ix.current and end is not None and latest(end) < ix.as_of:
            why = "marked in force" if strategy.in_force else "the pack's current strategy"
            yield Hit(
                strategy.id,
                "strategy",
                f"{strategy.title!r} is {why}, but its period {strategy.period} ended "
                f"before {ix.as_of.isoformat()}",
                "add the strategy that replaced it (in_force = true), or, if none did, mark "
                'this one status = "expired"',
                (
                    _fact("period", strategy.period),
                    _fact("in_force", str(strategy.in_force).lower()),
                    _fact("status", strategy.status.value),
                ),
            )


@_check(
    "MI102",
    "retired-strategy-in-force",
    Severity.ERROR,
    "a superseded or expired strategy is marked as the one in force",
)
def retired_strategy_in_force(ix: PackIndex) -> Iterator[Hit]:
    superseded_by: dict[str, str] = {}
    for strategy in ix.pack.strategies:
        for old in strategy.supersedes:
            superseded_by.setdefault(old, strategy.id)
    for strategy in ix.pack.strategies:
        if not strategy.in_force:
            continue
        evidence: list[EvidenceItem] = [_fact("in_force", "true")]
        if strategy.status in _RETIRED:
            evidence.append(_fact("status", strategy.status.value))
        if strategy.id in superseded_by:
            evidence.append({"field": "superseded_by", "to": superseded_by[strategy.id]})
        if len(evidence) > 1:
            yield Hit(
                strategy.id,
                "strategy",
                f"{strategy.title!r} is marked in force but is "
                + (
                    f"superseded by {superseded_by[strategy.id]!r}"
                    if strategy.id in superseded_by
                    else f"{strategy.status.value}"
                ),
                "set in_force = false on the retired strategy and in_force = true on the one "
                "that replaced it",
                tuple(evidence),
            )


@_check(
    "MI103",
    "several-strategies-in-force",
    Severity.WARNING,
    "more than one strategy is marked in force, so which one governs is ambiguous",
)
def several_strategies_in_force(ix: PackIndex) -> Iterator[Hit]:
    in_force = [s for s in ix.pack.strategies if s.in_force]
    for strategy in in_force[1:]:
        yield Hit(
            strategy.id,
            "strategy",
            f"{strategy.title!r} is marked in force, and so is {in_force[0].title!r}",
            "mark only the strategy that governs now as in_force = true",
            tuple(_fact("in_force", s.id) for s in in_force),
        )


# --- goals --------------------------------------------------------------------------------------


def _strategies_with_measures(ix: PackIndex) -> set[str]:
    return {
        ix.goals[m.goal].strategy
        for m in ix.pack.measures
        if m.goal in ix.goals and ix.goals[m.goal].strategy in ix.current
    }


@_check(
    "MI201",
    "goal-without-measure",
    Severity.WARNING,
    "a goal at the lowest level has no measure or commitment under it (not operationalised)",
)
def goal_without_measure(ix: PackIndex) -> Iterator[Hit]:
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
                    (_none("measures"), _fact("strategy", strategy_id)),
                )


@_check(
    "MI202",
    "strategy-without-measures",
    Severity.INFO,
    "no goal of the strategy has a measure in the pack (measures may live in an action plan)",
)
def strategy_without_measures(ix: PackIndex) -> Iterator[Hit]:
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
                (_none("measures"), _fact("lowest-level goals", count)),
            )


def _anchored(
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


@_check(
    "MI203",
    "goal-not-in-master-plan",
    Severity.WARNING,
    "the pack holds master-plan goals, but neither this goal nor one above it links to one",
)
def goal_not_in_master_plan(ix: PackIndex) -> Iterator[Hit]:
    if not ix.pack.plan_goals:
        return
    memo: dict[str, bool] = {}
    for _, leaves in ix.current_leaves():
        for goal in leaves:
            if not _anchored(ix, goal, lambda g: bool(g.plan_goals), memo):
                yield Hit(
                    goal.id,
                    "goal",
                    f"{ix.goal_name(goal)} is not tied to a goal of the master plan",
                    "link the goal, or the goal above it, to the master-plan goal it "
                    "supports in plan_goals (inferred with a rationale if the text does "
                    "not say)",
                    (_none("plan_goals on the goal and above it"),),
                )


# Words every goal of an international strategy may use; they say nothing about which goal.
_STOPWORDS = (
    "og", "i", "på", "til", "av", "for", "med", "som", "at", "en", "et", "ei", "den", "det",
    "de", "er", "skal", "vil", "kan", "om", "fra", "ved", "seg", "sin", "sitt", "sine", "vår",
    "vårt", "våre", "å", "være", "vært", "ha", "har", "også", "by", "byen", "kommune",
    "kommunen", "kommunens", "internasjonal", "internasjonalt", "internasjonale", "arbeid",
    "arbeidet",
    "and", "the", "of", "to", "in", "on", "with", "a", "an", "be", "is", "are", "international",
)  # fmt: skip
_WORD = re.compile(r"\w+")
_LETTERED = re.compile(r"\w*[^\W\d]\w*")
"""A word with at least one letter (numbers such as section numbers are not words here)."""
_STEM = 6
"""Words are cut to their first six letters: a crude stem that folds Norwegian inflection
(``kunnskap``/``kunnskapen``, ``samarbeid``/``samarbeidet``)."""
_STOP_STEMS = frozenset(word[:_STEM] for word in _STOPWORDS)


def _words(text: str, extra_stopwords: frozenset[str] = frozenset()) -> frozenset[str]:
    # Set operations rather than a filtered loop: this runs on every goal of every pack.
    normal = unicodedata.normalize("NFKC", text).casefold()
    stems = {word[:_STEM] for word in _LETTERED.findall(normal)}
    return frozenset(stems - _STOP_STEMS - extra_stopwords)


def similarity(a: str, b: str) -> float:
    """The Jaccard overlap of two texts' normalised word sets (0.0 to 1.0).

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


@_check(
    "MI204",
    "near-duplicate-goals",
    Severity.WARNING,
    "two goals at the same level of one strategy say nearly the same",
)
def near_duplicate_goals(ix: PackIndex) -> Iterator[Hit]:
    own_name = frozenset(w[:_STEM] for w in _WORD.findall(ix.pack.municipality.name.casefold()))
    groups: dict[tuple[str, GoalLevel], list[tuple[Goal, _WordSets]]] = {}
    for goal in ix.pack.goals:
        if goal.strategy in ix.current:
            title = _words(goal.title, own_name)
            full = title | _words(goal.text, own_name) if goal.text else title
            groups.setdefault((goal.strategy, goal.level), []).append((goal, (title, full)))
    # Pairs only within one strategy and level: small groups, so the quadratic loop is cheap.
    for members in groups.values():
        for i, (later, (later_title, later_full)) in enumerate(members):
            for earlier, (earlier_title, earlier_full) in members[:i]:
                share = max(
                    _overlap(later_title, earlier_title), _overlap(later_full, earlier_full)
                )
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


@_check(
    "MI205",
    "measure-without-department",
    Severity.INFO,
    "a measure (tiltak) names no responsible department",
)
def measure_without_department(ix: PackIndex) -> Iterator[Hit]:
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
                f"measure {_short(measure.title)!r} names no responsible department",
                "name the department or unit that carries it out in responsible, if the "
                "source says",
                (_none("responsible"),),
            )


# --- memberships, partnerships, projects -------------------------------------------------------

_ACTIVE_MEMBERSHIP = frozenset({MembershipStatus.MEMBER, MembershipStatus.PROPOSED_ENTRY})
Engagement = Membership | Partnership | Project


def _engagements(ix: PackIndex) -> Iterator[tuple[Engagement, str, bool]]:
    """Memberships, partnerships and projects with their kind and whether they have ended."""
    for membership in ix.pack.memberships:
        status = ix.membership_status(membership)
        if status is not None:
            yield membership, "membership", status is MembershipStatus.ENDED
    for partnership in ix.pack.partnerships:
        yield partnership, "partnership", partnership.status is PartnershipStatus.ENDED
    for project in ix.pack.projects:
        ended = bool(
            project.period and project.period.end and latest(project.period.end) < ix.as_of
        )
        yield project, "project", ended


def _describe(ix: PackIndex, entity: Engagement, kind: str) -> str:
    if isinstance(entity, Membership):
        return f"membership in {ix.organisation_name(entity.organisation)}"
    if isinstance(entity, Partnership):
        return f"{entity.kind.value.replace('_', ' ')} {entity.city} ({entity.country})"
    return f"{entity.kind.value} {entity.name!r}"


@_check(
    "MI301",
    "serves-no-goal",
    Severity.WARNING,
    "a membership, partnership or project serves no goal: international work is a tool, "
    "not a goal in itself",
)
def serves_no_goal(ix: PackIndex) -> Iterator[Hit]:
    for entity, kind, ended in _engagements(ix):
        if ended or entity.serves:
            continue
        if isinstance(entity, Membership) and ix.membership_status(entity) not in (
            _ACTIVE_MEMBERSHIP
        ):
            continue  # one proposed for exit is on its way out; MI302 looks at those
        if isinstance(entity, Project) and entity.kind is ProjectKind.AWARD:
            continue  # an award received is recognition, not work that serves a goal
        yield Hit(
            entity.id,
            kind,
            f"{_describe(ix, entity, kind)} serves no goal of the strategy",
            "link it in serves to the goals it serves (inferred with a rationale if the "
            "text does not say); if it serves none, reconsider it",
            (_none("serves"),),
        )


def _served(ix: PackIndex, entity: Engagement) -> str:
    return ", ".join(
        (ix.goals[link.to].number or link.to) if link.to in ix.goals else link.to
        for link in entity.serves
    )


@_check(
    "MI302",
    "exit-still-serving",
    Severity.WARNING,
    "a membership proposed for exit is still counted as serving goals",
)
def exit_still_serving(ix: PackIndex) -> Iterator[Hit]:
    for membership in ix.pack.memberships:
        if membership.serves and ix.membership_status(membership) is (
            MembershipStatus.PROPOSED_EXIT
        ):
            yield Hit(
                membership.id,
                "membership",
                f"{_describe(ix, membership, 'membership')} is proposed for exit but still "
                f"serves {len(membership.serves)} goal(s): {_served(ix, membership)}",
                "once the exit is decided, add a status entry 'ended'; until then, keep the "
                "serves links only if the membership still serves those goals",
                (
                    _fact("status", MembershipStatus.PROPOSED_EXIT.value),
                    *(_link("serves", link) for link in membership.serves),
                ),
            )


@_check(
    "MI303",
    "ended-still-serving",
    Severity.WARNING,
    "an ended membership or partnership is still counted as serving goals",
)
def ended_still_serving(ix: PackIndex) -> Iterator[Hit]:
    for entity, kind, ended in _engagements(ix):
        if ended and entity.serves and not isinstance(entity, Project):
            yield Hit(
                entity.id,
                kind,
                f"{_describe(ix, entity, kind)} has ended but still serves "
                f"{len(entity.serves)} goal(s): {_served(ix, entity)}",
                "remove its serves links, or correct its status if it is still active",
                (_fact("status", "ended"), *(_link("serves", link) for link in entity.serves)),
            )


@_check(
    "MI304",
    "serves-retired-goal",
    Severity.WARNING,
    "a membership, partnership or project serves a goal of a strategy no longer in force",
)
def serves_retired_goal(ix: PackIndex) -> Iterator[Hit]:
    for entity, kind, ended in _engagements(ix):
        if ended:
            continue
        for link in entity.serves:
            goal = ix.goals.get(link.to)
            if goal is not None and goal.strategy not in ix.current:
                yield Hit(
                    entity.id,
                    kind,
                    f"{_describe(ix, entity, kind)} serves {ix.goal_name(goal)} of "
                    f"strategy {goal.strategy!r}, which is not in force",
                    "link it to the goals of the strategy in force instead",
                    (_link("serves", link), _fact("strategy", goal.strategy)),
                )


@_check(
    "MI305",
    "membership-without-department",
    Severity.WARNING,
    "a membership names no responsible department, so nobody follows it up",
)
def membership_without_department(ix: PackIndex) -> Iterator[Hit]:
    for membership in ix.pack.memberships:
        if ix.membership_status(membership) in _ACTIVE_MEMBERSHIP and not membership.responsible:
            yield Hit(
                membership.id,
                "membership",
                f"{_describe(ix, membership, 'membership')} names no responsible department",
                "name the department that follows the membership up in responsible",
                (_none("responsible"),),
            )


_CRITERION_TESTS: dict[CriterionTest, tuple[str, Callable[[Membership], bool]]] = {
    CriterionTest.SERVES_GOAL: ("serves", lambda m: bool(m.serves)),
    CriterionTest.HAS_OUTCOME: ("outcomes", lambda m: bool(m.outcomes)),
    CriterionTest.HAS_DEPARTMENT: ("responsible", lambda m: bool(m.responsible)),
}
_CRITERION_FAILS = {
    CriterionTest.SERVES_GOAL: "serves no goal",
    CriterionTest.HAS_OUTCOME: "names no outcome",
    CriterionTest.HAS_DEPARTMENT: "names no responsible department",
}


@_check(
    "MI306",
    "fails-own-criterion",
    Severity.WARNING,
    "a membership fails a criterion for taking part that the municipality itself has set",
)
def fails_own_criterion(ix: PackIndex) -> Iterator[Hit]:
    criteria = [
        s for s in ix.pack.statements if s.kind is StatementKind.CRITERION and s.test is not None
    ]
    if not criteria:
        return
    memberships = [m for m in ix.pack.memberships if ix.membership_status(m) in _ACTIVE_MEMBERSHIP]
    for criterion in criteria:
        assert criterion.test is not None
        field, passes = _CRITERION_TESTS[criterion.test]
        about = set(criterion.about)
        for membership in memberships:
            if about and membership.id not in about:
                continue
            if not passes(membership):
                yield Hit(
                    membership.id,
                    "membership",
                    f"{_describe(ix, membership, 'membership')} "
                    f"{_CRITERION_FAILS[criterion.test]}, against criterion {criterion.id} "
                    f"({_short(criterion.title)!r})",
                    f"fill in {field} if the source supports it; otherwise the membership "
                    "does not meet the municipality's own criterion",
                    (
                        {"field": "criterion", "to": criterion.id, "value": str(criterion.source)},
                        _none(field),
                    ),
                )


# --- SDGs and evidence --------------------------------------------------------------------------


@_check(
    "MI401",
    "goal-without-sdg",
    Severity.WARNING,
    "no SDG link frames a lowest-level goal: none on it, its measures or the goals above it",
)
def goal_without_sdg(ix: PackIndex) -> Iterator[Hit]:
    memo: dict[str, bool] = {}
    for _, leaves in ix.current_leaves():
        for goal in leaves:
            if not _anchored(ix, goal, lambda g: bool(ix.sdg_links[g.id]), memo):
                yield Hit(
                    goal.id,
                    "goal",
                    f"{ix.goal_name(goal)} has no SDG link, nor has any goal above it",
                    "link the goal, or the goal above it, to the SDGs or targets it serves in "
                    "sdgs (inferred with a rationale if the text does not say)",
                    (_none("sdgs on the goal, its measures and the goals above it"),),
                )


def _carries(links: Iterable[Link], sdg: int) -> bool:
    return any(sdg_number(link.to) == sdg for link in links)


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


@_check(
    "MI402",
    "sdg-focus-thin",
    Severity.WARNING,
    "an SDG the strategy names as its focus is carried by fewer than a third of its goals",
)
def sdg_focus_thin(ix: PackIndex) -> Iterator[Hit]:
    for strategy in ix.pack.strategies:
        if not strategy.sdg_focus or strategy.status in _RETIRED:
            continue
        goals = _focus_goals(ix, strategy)
        if not goals:
            continue
        for sdg in dict.fromkeys(sdg_number(link.to) for link in strategy.sdg_focus):
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
                        _fact("sdg_focus", sdg),
                        _fact("carried by", ", ".join(carriers) or "none"),
                        _fact("lowest-level goals", len(goals)),
                    ),
                )


@_check(
    "MI403",
    "weak-evidence",
    Severity.INFO,
    "every SDG and master-plan link of a goal is inferred by a curator, none stated",
)
def weak_evidence(ix: PackIndex) -> Iterator[Hit]:
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
                tuple(_link(field, link) for field, link in links),
            )


CHECKS = dict(sorted(CHECKS.items()))


# --- running ------------------------------------------------------------------------------------


def parse_as_of(value: _dt.date | str | None) -> _dt.date:
    """A date to check as of: a date, ``YYYY``/``YYYY-MM``/``YYYY-MM-DD`` (its first day), or
    None for today.

    >>> parse_as_of("2016")
    datetime.date(2016, 1, 1)
    """
    if value is None:
        return _dt.date.today()
    if isinstance(value, _dt.date):
        return value
    try:
        return earliest(value)
    except ValueError as exc:
        raise CheckError(f"--as-of: {exc}") from None


def resolve_codes(patterns: Iterable[str]) -> set[str]:
    """The codes named by codes, code prefixes (``MI3``) or check names (``serves-no-goal``).

    >>> sorted(resolve_codes(["MI10", "weak-evidence"]))
    ['MI101', 'MI102', 'MI103', 'MI403']
    """
    codes: set[str] = set()
    for raw in patterns:
        pattern = raw.strip()
        if not pattern:
            continue
        named = {c.code for c in CHECKS.values() if c.name == pattern.lower()}
        matched = named or {code for code in CHECKS if code.startswith(pattern.upper())}
        if not matched:
            known = ", ".join(CHECKS)
            raise CheckError(f"no check matches {pattern!r} (checks: {known})")
        codes |= matched
    return codes


def _split(value: Iterable[str] | str | None) -> list[str] | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    return [part for item in items for part in item.split(",")]


def check(
    *packs: Pack | str,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
    as_of: _dt.date | str | None = None,
) -> list[Finding]:
    """Run the alignment checks on packs (or installed packs' names); findings sorted worst first.

    ``select`` and ``ignore`` take codes, code prefixes or check names (a string may hold
    several, comma-separated); ``as_of`` is the date expiry and statuses are judged on
    (default today).
    """
    from munintl.packs import load_pack

    selected = resolve_codes(_split(select) or []) if select is not None else set(CHECKS)
    selected -= resolve_codes(_split(ignore) or [])
    day = parse_as_of(as_of)
    findings: list[Finding] = []
    for item in packs:
        pack = load_pack(item) if isinstance(item, str) else item
        ix = index_pack(pack, day)
        for code in sorted(selected):
            registered = CHECKS[code]
            findings.extend(
                Finding(
                    code=code,
                    severity=registered.severity,
                    pack=pack.name,
                    subject=hit.subject,
                    subject_kind=hit.subject_kind,
                    message=hit.message,
                    hint=hit.hint,
                    evidence=hit.evidence,
                )
                for hit in registered.function(ix)
            )
    return sort_findings(findings)


def check_titles() -> dict[str, str]:
    """Each code's check name, for reports."""
    return {code: c.name for code, c in CHECKS.items()}
