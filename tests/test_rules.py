"""One owner for each domain rule: every analysis gives the same answer to the same question.

Each test builds one small pack that puts a rule to the test and asks coverage, the checks,
the goal network and the overlap's holdings (and the readable text) the same question.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest

from munintl.checks import check, index_pack
from munintl.coverage import sdg_coverage
from munintl.hierarchy import GoalHierarchy, parent_cycles
from munintl.model import (
    Document,
    DocumentKind,
    Evidence,
    Goal,
    GoalLevel,
    Kommunenummer,
    Link,
    Locator,
    Membership,
    MembershipStatus,
    Municipality,
    Organisation,
    OrganisationKind,
    Pack,
    StatusEntry,
    Strategy,
    StrategyStatus,
)
from munintl.network import goal_network
from munintl.overlap.holdings import ItemKind, active_goals, holdings, id_sort_key
from munintl.overlap.similarity import municipality_features
from munintl.render import render_pack
from munintl.sdg import SdgRef
from munintl.timeline import current_strategies, status_on
from munintl.validation import validate

LOC = Locator("doc", "1")
TODAY = dt.date(2024, 6, 1)


def _pack(**lists: Any) -> Pack:
    base: dict[str, Any] = {"documents": (Document("doc", "Strategi", DocumentKind.STRATEGY),)}
    base.update(lists)
    pack = Pack(name="tiny", municipality=Municipality("Tiny", (Kommunenummer("9999"),)), **base)
    assert validate(pack) == []
    return pack


def _goal(goal_id: str, strategy: str, sdg: str, parent: str | None = None) -> Goal:
    return Goal(
        goal_id,
        strategy,
        GoalLevel.PRIORITY,
        "mål",
        f"Mål {goal_id}",
        LOC,
        parent=parent,
        sdgs=(Link(sdg, Evidence.STATED),),
    )


def expired_strategy_pack() -> Pack:
    """The issue's example: a current strategy with an SDG 16 goal, and an expired one (not
    marked in force, as a pack keeps it for its history) with an SDG 3 goal."""
    return _pack(
        strategies=(
            Strategy("now", "Now", "doc", StrategyStatus.ADOPTED, LOC),
            Strategy("old", "Old", "doc", StrategyStatus.EXPIRED, LOC),
        ),
        goals=(_goal("g-now", "now", "16"), _goal("g-old", "old", "3")),
    )


def test_which_strategies_count_is_one_answer_everywhere() -> None:
    pack = expired_strategy_pack()
    assert [s.id for s in current_strategies(pack)] == ["now"]
    # coverage
    (coverage,) = sdg_coverage(pack)
    assert coverage.served == (16,)
    assert coverage.strategies == ("now",)
    # overlap: holdings and the similarity features
    assert [g.id for g in active_goals(pack)] == ["g-now"]
    sdgs = {h.id for h in holdings(pack) if h.kind is ItemKind.SDG}
    assert sdgs == {"16"}
    assert set(municipality_features(pack)["sdgs"]) == {"16"}
    # checks
    assert index_pack(pack, TODAY).current == frozenset({"now"})
    # MI404 (a status recorded without evidence) is about every strategy, current or not
    subjects = {f.subject for f in check(pack, as_of=TODAY, ignore="MI404")}
    assert not subjects & {"g-old", "old"}
    assert "now" in subjects  # MI202: no measures; the checks do look at the current one
    # network
    graph = goal_network(pack)
    assert graph.nodes["tiny:now"]["current"] is True
    assert graph.nodes["tiny:old"]["current"] is False
    # Pack.strategy
    assert pack.strategy is not None and pack.strategy.id == "now"


def _membership_pack() -> Pack:
    return _pack(
        strategies=(Strategy("now", "Now", "doc", StrategyStatus.ADOPTED, LOC, in_force=True),),
        goals=(_goal("g", "now", "16"),),
        organisations=(Organisation("club", "The Club", OrganisationKind.NETWORK, source=LOC),),
        memberships=(
            Membership(
                "m-club",
                "club",
                (
                    StatusEntry(MembershipStatus.MEMBER, LOC, since="2010"),
                    StatusEntry(MembershipStatus.ENDED, LOC, since="2020"),
                ),
                LOC,
                sdgs=(Link("11", Evidence.STATED),),
            ),
        ),
    )


def test_membership_status_is_one_answer_everywhere() -> None:
    pack = _membership_pack()
    (membership,) = pack.memberships
    assert status_on(membership) is MembershipStatus.ENDED
    assert status_on(membership, dt.date(2015, 1, 1)) is MembershipStatus.MEMBER
    assert membership.status is MembershipStatus.ENDED
    # coverage: an ended membership is not among those serving an SDG
    (coverage,) = sdg_coverage(pack)
    assert coverage.row(11).others == ()
    # overlap: the organisation is held, but not currently
    (club,) = [h for h in holdings(pack) if h.kind is ItemKind.ORGANISATION]
    assert (club.current, club.status) == (False, "ended")
    # checks, today and on a day it was a member
    assert index_pack(pack, TODAY).statuses == {"m-club": MembershipStatus.ENDED}
    assert "m-club" not in {f.subject for f in check(pack, as_of=TODAY, select="MI3")}
    assert "m-club" in {f.subject for f in check(pack, as_of="2015", select="MI3")}
    # network and the readable text
    assert goal_network(pack).nodes["tiny:m-club"]["status"] == "ended"
    assert "The Club [ended]" in render_pack(pack)


def test_organisation_names_come_from_one_look_up() -> None:
    pack = _membership_pack()
    graph = goal_network(pack)
    assert graph.nodes["org:club"]["label"] == "The Club"
    (club,) = [h for h in holdings(pack) if h.kind is ItemKind.ORGANISATION]
    assert club.label == "The Club"
    findings = check(pack, as_of="2015", select="MI3")
    messages = [f.message for f in findings if f.subject == "m-club"]
    assert messages and all("The Club" in m for m in messages)


def test_sdg_targets_are_in_the_un_order_everywhere() -> None:
    refs = ["6.b", "6.a", "6.6", "6.2", "6", "17.17"]
    expected = ["6", "6.2", "6.6", "6.a", "6.b", "17.17"]
    assert [str(r) for r in sorted(SdgRef.parse(r) for r in refs)] == expected
    assert sorted(refs, key=id_sort_key) == expected
    pack = _pack(
        strategies=(Strategy("now", "Now", "doc", StrategyStatus.ADOPTED, LOC, in_force=True),),
        goals=tuple(_goal(f"g{i}", "now", ref) for i, ref in enumerate(refs)),
    )
    (coverage,) = sdg_coverage(pack)
    assert coverage.targets == ("6.2", "6.6", "6.a", "6.b", "17.17")
    targets = [h.id for h in holdings(pack) if h.kind is ItemKind.SDG_TARGET]
    assert targets == ["6.2", "6.6", "6.a", "6.b", "17.17"]
    graph = goal_network(pack)
    assert graph.nodes["sdg:6.a"]["kind"] == "sdg_target"


@pytest.mark.parametrize("text", ["0", "18", "17.", "17.0", "6.A", "17\n", "17¹", "١٧", " 17"])
def test_sdg_ref_refuses_what_is_not_an_sdg(text: str) -> None:
    assert not SdgRef.is_valid(text)


def test_sdg_ref_iri_and_text() -> None:
    ref = SdgRef.parse("6.a")
    assert (ref.goal, ref.target, str(ref), ref.iri) == (
        6,
        "a",
        "6.a",
        "http://metadata.un.org/sdg/6.a",
    )
    assert SdgRef.parse("6").iri == "http://metadata.un.org/sdg/6"
    assert [str(r) for r in ref.counts_for()] == ["6", "6.a"]


def test_goal_hierarchy_walks_a_deep_chain_without_recursion() -> None:
    depth = 3_000
    goals = tuple(
        _goal(f"g{i}", "now", "16", parent=f"g{i - 1}" if i else None) for i in range(depth)
    )
    pack = _pack(
        strategies=(Strategy("now", "Now", "doc", StrategyStatus.ADOPTED, LOC, in_force=True),),
        goals=goals,
    )
    hierarchy = GoalHierarchy(pack)
    assert hierarchy.depth(f"g{depth - 1}") == depth - 1
    assert len(hierarchy.subtree("g0")) == depth
    assert [g.id for g in hierarchy.children("g0")] == ["g1"]
    assert render_pack(pack).count("[mål]") == depth


def test_parent_cycles_are_found_in_linear_time() -> None:
    n = 200_000
    chain: dict[str, str | None] = {str(i): str(i + 1) for i in range(n)}
    chain[str(n)] = "0"
    started = time.perf_counter()
    (cycle,) = parent_cycles(chain)
    assert time.perf_counter() - started < 2.0  # quadratic would take minutes
    assert len(cycle) == n + 1 and cycle[0] == "0"
    assert parent_cycles({"a": "a", "b": None}) == [["a"]]
