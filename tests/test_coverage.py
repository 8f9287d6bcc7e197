"""SDG coverage: which SDGs and targets a municipality's goals carry, stated versus inferred."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import munintl
from munintl.cli import main
from munintl.coverage import (
    Coverage,
    coverage_to_dict,
    sdg_coverage,
)
from munintl.model import (
    Document,
    DocumentKind,
    Evidence,
    Goal,
    GoalLevel,
    Kommunenummer,
    Link,
    Locator,
    Measure,
    Membership,
    MembershipStatus,
    Municipality,
    Pack,
    StatusEntry,
    Strategy,
    StrategyStatus,
)
from munintl.report.coverage_table import render_coverage
from munintl.report.terminal import display_width
from munintl.sdg import SdgRef
from munintl.timeline import current_strategies
from munintl.validation import validate

LOC = Locator(document="doc", section="1")


def stated(to: str) -> Link:
    return Link(to, Evidence.STATED)


def inferred(to: str) -> Link:
    return Link(to, Evidence.INFERRED, rationale="a curator's reading")


def strategy(strategy_id: str = "s", **fields: Any) -> Strategy:
    base: dict[str, Any] = {"status": StrategyStatus.ADOPTED, "in_force": True}
    base.update(fields)
    return Strategy(strategy_id, f"Strategi {strategy_id}", "doc", source=LOC, **base)


def goal(goal_id: str, *sdgs: Link, strategy_id: str = "s") -> Goal:
    return Goal(goal_id, strategy_id, GoalLevel.PRIORITY, "mål", f"Mål {goal_id}", LOC, sdgs=sdgs)


def pack(name: str = "tiny", **lists: Any) -> Pack:
    base: dict[str, Any] = {
        "documents": (Document(id="doc", title="Strategi", kind=DocumentKind.STRATEGY),),
        "strategies": (strategy(),),
    }
    base.update(lists)
    result = Pack(
        name=name, municipality=Municipality(name.title(), (Kommunenummer("9999"),)), **base
    )
    assert validate(result) == []
    return result


def test_a_goal_counts_once_per_sdg_and_stated_wins() -> None:
    p = pack(
        goals=(
            goal("g1", inferred("17"), stated("17.17"), inferred("17.16")),
            goal("g2", inferred("17.17")),
            goal("g3", stated("4.7")),
        )
    )
    (cov,) = sdg_coverage(p)
    row = cov.row(17)
    assert (row.goals, row.stated, row.inferred) == (("g1", "g2"), 1, 1)
    assert row.targets == ("17.16", "17.17")
    assert cov.served == (4, 17)
    assert cov.targets == ("4.7", "17.16", "17.17")
    assert (cov.goals, cov.linked_goals) == (3, 3)
    assert cov.row(1).goals == () and cov.row(1).stated == 0


def test_a_measure_link_counts_for_its_goal() -> None:
    p = pack(
        goals=(goal("g1"),), measures=(Measure("m1", "g1", "Tiltak", LOC, sdgs=(stated("13.3"),)),)
    )
    (cov,) = sdg_coverage(p)
    assert (cov.row(13).goals, cov.row(13).stated, cov.row(13).targets) == (("g1",), 1, ("13.3",))
    assert cov.linked_goals == 1


def test_only_goals_of_current_strategies_count() -> None:
    old = strategy("old", status=StrategyStatus.SUPERSEDED, in_force=False)
    p = pack(
        strategies=(old, strategy()),
        goals=(goal("old-goal", stated("1"), strategy_id="old"), goal("g1", stated("2"))),
    )
    (cov,) = sdg_coverage(p)
    assert cov.strategies == ("s",)
    assert cov.served == (2,)
    assert cov.goals == 1


def test_current_strategies_fall_back_to_those_not_retired() -> None:
    p = pack(
        strategies=(
            strategy("old", status=StrategyStatus.EXPIRED, in_force=False),
            strategy("s", in_force=False),
        )
    )
    assert [s.id for s in current_strategies(p)] == ["s"]


def test_focus_and_others_and_ended_memberships() -> None:
    member = Membership(
        "ms1",
        "eurocities",
        (StatusEntry(MembershipStatus.MEMBER, LOC),),
        LOC,
        sdgs=(inferred("11"),),
    )
    gone = Membership(
        "ms2", "ubc", (StatusEntry(MembershipStatus.ENDED, LOC),), LOC, sdgs=(inferred("11"),)
    )
    p = pack(strategies=(strategy(sdg_focus=(stated("17"),)),), memberships=(member, gone))
    (cov,) = sdg_coverage(p)
    assert cov.row(11).others == ("ms1",)
    assert cov.row(11).goals == ()
    assert cov.row(17).focus and not cov.row(11).focus


def test_an_action_plan_building_on_the_strategy_sets_its_focus() -> None:
    plan = strategy("plan", status=StrategyStatus.PROPOSED, in_force=False, builds_on=("doc",),
                    sdg_focus=(stated("17"),))  # fmt: skip
    retired = strategy("old", status=StrategyStatus.SUPERSEDED, in_force=False,
                       builds_on=("doc",), sdg_focus=(stated("13"),))  # fmt: skip
    (cov,) = sdg_coverage(pack(strategies=(strategy(), plan, retired)))
    assert [r.sdg for r in cov.rows if r.focus] == [17]
    assert cov.strategies == ("s",)


def test_bergens_action_plan_puts_the_focus_on_sdg_17() -> None:
    (bergen,) = sdg_coverage("bergen")
    assert [r.sdg for r in bergen.rows if r.focus] == [17]


def test_sdg_ref_goal() -> None:
    assert [SdgRef.parse(r).goal for r in ("1", "17", "6.a", "17.19")] == [1, 17, 6, 17]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(
                st.sampled_from(["3", "3.d", "11", "11.4", "16.7", "17", "17.17"]), st.booleans()
            ),
            max_size=4,
            unique_by=lambda link: link[0],  # two links to one target are refused
        ),
        max_size=6,
    )
)
def test_counts_add_up(goal_links: list[list[tuple[str, bool]]]) -> None:
    goals = tuple(
        goal(f"g{i}", *(stated(to) if is_stated else inferred(to) for to, is_stated in links))
        for i, links in enumerate(goal_links)
    )
    (cov,) = sdg_coverage(pack(goals=goals))
    assert len(cov.rows) == 17
    for row in cov.rows:
        assert row.stated + row.inferred == len(row.goals)
        expected = [
            f"g{i}"
            for i, links in enumerate(goal_links)
            if any(SdgRef.parse(to).goal == row.sdg for to, _ in links)
        ]
        assert list(row.goals) == expected
        assert all(SdgRef.parse(t).goal == row.sdg and "." in t for t in row.targets)
    assert cov.linked_goals == sum(1 for links in goal_links if links)


def test_json_data_shape() -> None:
    (cov,) = sdg_coverage(pack(goals=(goal("g1", stated("17.17")),)))
    data = coverage_to_dict(cov)
    assert list(data) == [
        "pack",
        "municipality",
        "strategies",
        "goals",
        "linked_goals",
        "served",
        "targets",
        "sdgs",
    ]
    assert data["sdgs"][16] == {
        "sdg": 17,
        "goals": ["g1"],
        "stated": 1,
        "inferred": 0,
        "targets": ["17.17"],
        "others": [],
        "focus": False,
    }
    assert json.loads(json.dumps(data)) == data


def test_table_has_a_row_per_sdg_and_a_column_per_municipality() -> None:
    a = pack("alpha", goals=(goal("g1", stated("17.17"), inferred("4")),))
    b = pack("beta", goals=(goal("g1", inferred("17")), goal("g2")))
    text = render_coverage(sdg_coverage(a, b))
    lines = text.splitlines()
    header = lines[3]
    assert header.split() == ["SDG", "Alpha", "Beta"]
    row17 = next(line for line in lines if line.startswith("17 "))
    assert row17.split()[-6:] == ["1", "(1s", "0i)", "1", "(0s", "1i)"]
    assert any(
        line.split()[-2:] == ["2/17", "1/17"] for line in lines if line.startswith("SDGs served")
    )
    assert "Targets, Alpha: 17.17" in lines
    assert "Targets, Beta: none" in lines
    assert len([line for line in lines if line[:2].strip().isdigit()]) == 17
    nb = render_coverage(sdg_coverage(a), lang="nb")
    assert "Samarbeid for å nå målene" in nb


def test_table_in_bokmal_has_no_english_label() -> None:
    a = pack("alpha", goals=(goal("g1", stated("17.17"), inferred("4")),))
    nb = render_coverage(sdg_coverage(a), lang="nb").splitlines()
    assert nb[0].startswith("Bærekraftsmål: mål i den gjeldende strategien")
    assert nb[1].startswith("(o = ved en oppgitt kobling, u = bare ved utledede koblinger")
    assert nb[3].split() == ["Bærekraftsmål", "Alpha"]
    assert next(line for line in nb if line.startswith("17 ")).split()[-3:] == ["1", "(1o", "0u)"]
    assert any(line.startswith("Bærekraftsmål dekket") for line in nb)
    assert "Delmål, Alpha: 17.17" in nb
    for english in ("SDG coverage", "SDGs served", "goals with an SDG", "Targets", "stated link"):
        assert english not in "\n".join(nb)


def test_public_and_accepts_pack_names() -> None:
    assert munintl.sdg_coverage is sdg_coverage
    covs = sdg_coverage("bergen", "oslo", "hamar")
    assert [c.pack for c in covs] == ["bergen", "oslo", "hamar"]
    assert all(isinstance(c, Coverage) and len(c.rows) == 17 for c in covs)
    for c in covs:
        assert all(r.stated + r.inferred == len(r.goals) for r in c.rows)


def test_oslo_states_its_sdg_17_focus() -> None:
    (oslo,) = sdg_coverage("oslo")
    assert oslo.row(17).focus
    assert oslo.row(17).stated >= 1


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cli_coverage(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    assert main(["coverage", "bergen", "oslo", "hamar", "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        assert [c["pack"] for c in json.loads(out)] == ["bergen", "oslo", "hamar"]
    else:
        assert out.splitlines()[3].split() == ["SDG", "Bergen", "Oslo", "Hamar"]


def test_table_columns_line_up_with_wide_names_and_line_breaks() -> None:
    # A municipality's name may hold a line break (U+2028, CR LF), wide characters and
    # combining marks: the header stays one line and every column starts where the cells do.
    a = pack("alpha", goals=(goal("g1", stated("17.17"), inferred("4")),))
    b = pack("beta", goals=(goal("g1", inferred("17")),))
    wide = attrs.evolve(sdg_coverage(a)[0], municipality="東京🌍\u2028Tro\u0301mso\r\nby")
    text = render_coverage([wide, *sdg_coverage(b)])
    lines = text.splitlines()
    assert text.split("\n") == lines
    header, row17 = lines[3], next(line for line in lines if line.startswith("17 "))
    assert header.split()[1:] == ["東京🌍", "Tro\u0301mso", "by", "Beta"]
    # the second column ("Beta") starts at the same terminal column as row 17's second cell
    beta = header.index("Beta")
    assert display_width(header[:beta]) == display_width(row17[: row17.index("1 (0s")])
    assert "Targets, 東京🌍 Tro\u0301mso by: 17.17" in lines
