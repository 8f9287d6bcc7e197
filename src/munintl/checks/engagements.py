"""Checks on memberships, partnerships and projects: serving goals, exits, owners, and the
municipality's own criteria."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from munintl.checks._base import Hit, PackIndex, absent, fact_item, link_item, register, short
from munintl.dates import latest
from munintl.findings import Severity
from munintl.model import (
    CriterionTest,
    Membership,
    MembershipStatus,
    Partnership,
    PartnershipStatus,
    Project,
    ProjectKind,
    StatementKind,
)
from munintl.timeline import status_on

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
        yield partnership, "partnership", status_on(partnership) is PartnershipStatus.ENDED
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


@register(
    "MI301",
    "serves-no-goal",
    Severity.WARNING,
    "a membership, partnership or project serves no goal: international work is a tool, "
    "not a goal in itself",
)
def serves_no_goal(ix: PackIndex) -> Iterator[Hit]:
    """Find active memberships, partnerships and projects that serve no goal (MI301).

    International work is a tool, not a goal in itself, so each engagement should serve one.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per such engagement (ended ones, exits and awards are skipped).

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("bergen"), datetime.date(2024, 1, 1))
    >>> [hit.subject for hit in serves_no_goal(ix)]
    []
    """
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
            (absent("serves"),),
        )


def _served(ix: PackIndex, entity: Engagement) -> str:
    return ", ".join(
        (ix.goals[link.to].number or link.to) if link.to in ix.goals else link.to
        for link in entity.serves
    )


@register(
    "MI302",
    "exit-still-serving",
    Severity.WARNING,
    "a membership proposed for exit is still counted as serving goals",
)
def exit_still_serving(ix: PackIndex) -> Iterator[Hit]:
    """Find memberships proposed for exit that still serve goals (MI302).

    Every count of what serves the strategy then includes something the municipality is leaving.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per such membership.

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("bergen"), datetime.date(2024, 1, 1))
    >>> [hit.subject for hit in exit_still_serving(ix)]
    ['m-global-climate-forum', 'm-ubc']
    """
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
                    fact_item("status", MembershipStatus.PROPOSED_EXIT.value),
                    *(link_item("serves", link) for link in membership.serves),
                ),
            )


@register(
    "MI303",
    "ended-still-serving",
    Severity.WARNING,
    "an ended membership or partnership is still counted as serving goals",
)
def ended_still_serving(ix: PackIndex) -> Iterator[Hit]:
    """Find ended memberships and partnerships that still serve goals (MI303).

    Ended engagements are history; counting them as serving today's goals overstates the alignment.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per such membership or partnership.

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("bergen"), datetime.date(2024, 1, 1))
    >>> [hit.subject for hit in ended_still_serving(ix)]
    []
    """
    for entity, kind, ended in _engagements(ix):
        if ended and entity.serves and not isinstance(entity, Project):
            yield Hit(
                entity.id,
                kind,
                f"{_describe(ix, entity, kind)} has ended but still serves "
                f"{len(entity.serves)} goal(s): {_served(ix, entity)}",
                "remove its serves links, or correct its status if it is still active",
                (
                    fact_item("status", "ended"),
                    *(link_item("serves", link) for link in entity.serves),
                ),
            )


@register(
    "MI304",
    "serves-retired-goal",
    Severity.WARNING,
    "a membership, partnership or project serves a goal of a strategy no longer in force",
)
def serves_retired_goal(ix: PackIndex) -> Iterator[Hit]:
    """Find engagements that serve a goal of a strategy no longer current (MI304).

    After a revision such a link counts towards a goal nobody pursues; it should move to the new
    goals.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per link, of an engagement not ended, to a goal of a strategy not current.

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("oslo"), datetime.date(2024, 1, 1))
    >>> [hit.subject for hit in serves_retired_goal(ix)]
    []
    """
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
                    (link_item("serves", link), fact_item("strategy", goal.strategy)),
                )


@register(
    "MI305",
    "membership-without-department",
    Severity.WARNING,
    "a membership names no responsible department, so nobody follows it up",
)
def membership_without_department(ix: PackIndex) -> Iterator[Hit]:
    """Find active memberships that name no responsible department (MI305).

    A membership nobody follows up yields none of the competence or influence it is meant to bring.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per such membership.

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("oslo"), datetime.date(2024, 1, 1))
    >>> [hit.subject for hit in membership_without_department(ix)]
    ['eurocities']
    """
    for membership in ix.pack.memberships:
        if ix.membership_status(membership) in _ACTIVE_MEMBERSHIP and not membership.responsible:
            yield Hit(
                membership.id,
                "membership",
                f"{_describe(ix, membership, 'membership')} names no responsible department",
                "name the department that follows the membership up in responsible",
                (absent("responsible"),),
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


@register(
    "MI306",
    "fails-own-criterion",
    Severity.WARNING,
    "a membership fails a criterion for taking part that the municipality itself has set",
)
def fails_own_criterion(ix: PackIndex) -> Iterator[Hit]:
    """Find active memberships failing a criterion of the pack's own statements (MI306).

    A ``criterion`` statement with a ``test`` is the municipality's own rule for taking part,
    applied as it wrote it.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per membership and criterion it fails.

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("bergen"), datetime.date(2024, 1, 1))
    >>> len(list(fails_own_criterion(ix)))
    15
    """
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
                    f"({short(criterion.title)!r})",
                    f"fill in {field} if the source supports it; otherwise the membership "
                    "does not meet the municipality's own criterion",
                    (
                        {"field": "criterion", "to": criterion.id, "value": str(criterion.source)},
                        absent(field),
                    ),
                )
