"""The alignment checks: each one triggered by a minimal pack and silent on a sound one; the
runner, the report formats and the ``munintl check`` command."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import munintl
from munintl.checks import (
    CHECKS,
    DUPLICATE_THRESHOLD,
    CheckError,
    check,
    parse_as_of,
    resolve_codes,
    similarity,
)
from munintl.cli import main
from munintl.findings import (
    JSON_FORMAT,
    Finding,
    Severity,
    render_findings,
    sort_findings,
    to_json_document,
)
from munintl.model import (
    Basis,
    CriterionTest,
    Department,
    DepartmentKind,
    Document,
    DocumentKind,
    Evidence,
    Goal,
    GoalLevel,
    Kommunenummer,
    Link,
    Locator,
    Measure,
    MeasureKind,
    Membership,
    MembershipStatus,
    Municipality,
    Outcome,
    Pack,
    Partnership,
    PartnershipStatus,
    Period,
    PlanGoal,
    Project,
    ProjectKind,
    Statement,
    StatementKind,
    StatusEntry,
    Strategy,
    StrategyStatus,
)
from munintl.packs import load_pack_dir
from munintl.validation import validate

AS_OF = "2024-06-01"
LOC = Locator(document="doc", section="1")
DOCS = Path(__file__).resolve().parents[1] / "docs" / "checks.md"


def stated(to: str) -> Link:
    return Link(to, Evidence.STATED)


def inferred(to: str) -> Link:
    return Link(to, Evidence.INFERRED, rationale="a curator's reading")


def status(value: MembershipStatus, since: str | None = None) -> StatusEntry:
    return StatusEntry(value, LOC, since=since, evidence=Evidence.STATED)


def goal(goal_id: str, title: str, **fields: Any) -> Goal:
    base: dict[str, Any] = {
        "strategy": "s",
        "level": GoalLevel.PRIORITY,
        "label": "hovedprioritering",
        "source": LOC,
        "parent": "main",
        "sdgs": (stated("17.17"),),
    }
    base.update(fields)
    return Goal(id=goal_id, title=title, **base)


def sound_pack(**lists: Any) -> Pack:
    """A pack no check finds anything in: every rule the checks enforce is kept."""
    base: dict[str, Any] = {
        "documents": (
            Document(id="doc", title="Strategi", kind=DocumentKind.STRATEGY),
            Document(id="kp", title="Kommuneplanens samfunnsdel", kind=DocumentKind.PLAN),
        ),
        "strategies": (
            Strategy(
                id="s",
                title="Strategi for internasjonalt arbeid",
                document="doc",
                status=StrategyStatus.ADOPTED,
                source=LOC,
                period=Period("2020", "2030"),
                sdg_focus=(stated("17"),),
                in_force=True,
                status_basis=Basis(Evidence.STATED, LOC),
                in_force_basis=Basis(Evidence.STATED, LOC),
            ),
        ),
        "goals": (
            goal(
                "main",
                "Et attraktivt og åpent lokalsamfunn",
                level=GoalLevel.MAIN_GOAL,
                label="hovedmål",
                parent=None,
                plan_goals=(stated("kp-visjon"),),
            ),
            goal("p1", "Påvirke europeiske rammebetingelser gjennom nettverk og allianser"),
            goal("p2", "Styrke kompetanse og tjenester gjennom EU-prosjekter i fagmiljøene"),
        ),
        "measures": (
            Measure("m1", "p1", "Delta i Eurocities' arbeidsgrupper", LOC, responsible=("dept",)),
            Measure(
                "m2", "p2", "Søke prosjektmidler sammen med partnere", LOC, responsible=("dept",)
            ),
        ),
        "departments": (
            Department(
                "dept", "Byrådsavdeling for finans", DepartmentKind.CITY_GOVERNMENT_DEPARTMENT, LOC
            ),
        ),
        "memberships": (
            Membership(
                "eurocities",
                "eurocities",
                (status(MembershipStatus.MEMBER),),
                LOC,
                responsible=("dept",),
                serves=(stated("p1"),),
                outcomes=(stated(Outcome.INFLUENCE.value),),
            ),
        ),
        "partnerships": (
            Partnership("lund", "Lund", "SE", LOC, responsible=("dept",), serves=(stated("p2"),)),
        ),
        "projects": (Project("impetus", "IMPETUS", LOC, serves=(stated("p2"),)),),
        "plan_goals": (PlanGoal("kp-visjon", "kp", "visjon", "En aktiv og attraktiv by", LOC),),
        "statements": (
            Statement(
                "kriterium-relevans",
                StatementKind.CRITERION,
                "Medlemskap skal ha en tydelig relevans",
                LOC,
                test=CriterionTest.SERVES_GOAL,
            ),
            Statement(
                "kriterium-utbytte",
                StatementKind.CRITERION,
                "Medlemskap skal medføre kompetanseheving eller gjennomslagskraft",
                LOC,
                test=CriterionTest.HAS_OUTCOME,
            ),
        ),
    }
    base.update(lists)
    pack = Pack(name="tiny", municipality=Municipality("Tiny", (Kommunenummer("9999"),)), **base)
    assert validate(pack) == [], "a synthetic pack must be valid data"
    return pack


def evolve_list(pack: Pack, name: str, index: int, **changes: Any) -> Pack:
    """The pack with one entity of one list changed, revalidated."""
    items = list(getattr(pack, name))
    items[index] = attrs.evolve(items[index], **changes)
    return sound_pack(**{**_lists(pack), name: tuple(items)})


def _lists(pack: Pack) -> dict[str, Any]:
    from munintl.model import ENTITY_LISTS

    return {name: getattr(pack, name) for name in ENTITY_LISTS}


def found(pack: Pack, code: str, as_of: str = AS_OF) -> list[tuple[str, str, Severity]]:
    return [(f.code, f.subject, f.severity) for f in check(pack, select=code, as_of=as_of)]


# --- the sound pack and the registry ------------------------------------------------------------


def test_the_sound_pack_triggers_no_check() -> None:
    assert check(sound_pack(), as_of=AS_OF) == []


@pytest.mark.parametrize("code", list(CHECKS))
def test_no_check_fires_on_the_sound_pack(code: str) -> None:
    assert found(sound_pack(), code) == []


def test_there_are_at_least_twelve_checks_with_stable_unique_codes() -> None:
    assert len(CHECKS) >= 12
    assert list(CHECKS) == sorted(CHECKS)
    assert all(code.startswith("MI") and len(code) == 5 for code in CHECKS)
    names = [c.name for c in CHECKS.values()]
    assert len(set(names)) == len(names)
    assert {c.severity for c in CHECKS.values()} == set(Severity)


def _doc_section(code: str) -> str:
    text = DOCS.read_text(encoding="utf-8")
    heading = f"#### {code} {CHECKS[code].name}\n"
    assert heading in text, heading
    return re.split(r"\n#{2,4} ", text.split(heading, 1)[1], maxsplit=1)[0]


@pytest.mark.parametrize("code", list(CHECKS))
def test_every_check_is_documented_with_its_severity(code: str) -> None:
    section = _doc_section(code)
    assert f"Severity: **{CHECKS[code].severity.value}**" in section


_DOC_PREAMBLE = """
[[documents]]
id = "doc"
title = "Internasjonal strategi"
kind = "strategy"
"""


@pytest.mark.parametrize("code", list(CHECKS))
def test_every_documented_example_triggers_its_check(code: str, tmp_path: Path) -> None:
    examples = re.findall(r"```toml\n(.*?)```", _doc_section(code), flags=re.S)
    assert len(examples) == 1, f"{code} needs exactly one TOML example"
    pack = load_pack_dir(_write_pack(tmp_path / "example", _DOC_PREAMBLE + examples[0]))
    findings = check(pack, as_of="2024-06-01")
    assert code in {f.code for f in findings}
    assert all(f.severity is CHECKS[code].severity for f in findings if f.code == code)


# --- strategies ---------------------------------------------------------------------------------


def test_mi101_strategy_past_its_period() -> None:
    pack = evolve_list(sound_pack(), "strategies", 0, period=Period("2010", "2015"))
    assert found(pack, "MI101") == [("MI101", "s", Severity.WARNING)]
    assert found(pack, "MI101", as_of="2015-12-31") == []


def test_mi101_also_judges_the_current_strategy_not_marked_in_force() -> None:
    pack = evolve_list(sound_pack(), "strategies", 0, period=Period("2010", "2015"), in_force=False)
    assert found(pack, "MI101") == [("MI101", "s", Severity.WARNING)]


def test_mi101_an_unknown_in_force_is_unknown_not_false() -> None:
    pack = evolve_list(
        sound_pack(),
        "strategies",
        0,
        period=Period("2010", "2015"),
        in_force=None,
        in_force_basis=None,
    )
    (finding,) = check(pack, select="MI101", as_of=AS_OF)
    assert "is the pack's current strategy" in finding.message  # not "marked in force"
    assert {"field": "in_force", "value": "unknown"} in finding.evidence


def test_mi101_ignores_an_expired_strategy_that_is_not_current() -> None:
    pack = evolve_list(
        sound_pack(),
        "strategies",
        0,
        period=Period("2010", "2015"),
        in_force=False,
        status=StrategyStatus.EXPIRED,
    )
    assert found(pack, "MI101") == []


def _two_strategies(old: dict[str, Any], new: dict[str, Any]) -> Pack:
    base = sound_pack()
    old_strategy = attrs.evolve(base.strategies[0], id="old", **old)
    new_strategy = attrs.evolve(base.strategies[0], **new)
    return sound_pack(strategies=(old_strategy, new_strategy))


def test_mi102_superseded_strategy_in_force() -> None:
    pack = _two_strategies({"in_force": True}, {"supersedes": ("old",), "in_force": False})
    assert found(pack, "MI102") == [("MI102", "old", Severity.ERROR)]
    pack = _two_strategies({"in_force": True, "status": StrategyStatus.EXPIRED}, {"in_force": True})
    assert found(pack, "MI102") == [("MI102", "old", Severity.ERROR)]


def test_mi102_silent_when_the_successor_is_in_force() -> None:
    pack = _two_strategies(
        {"in_force": False, "status": StrategyStatus.SUPERSEDED},
        {"supersedes": ("old",), "in_force": True},
    )
    assert found(pack, "MI102") == []


def test_mi103_several_strategies_in_force() -> None:
    pack = _two_strategies({"in_force": True}, {"in_force": True})
    assert found(pack, "MI103") == [("MI103", "s", Severity.WARNING)]
    assert found(_two_strategies({"in_force": False}, {"in_force": True}), "MI103") == []


# --- goals --------------------------------------------------------------------------------------


def test_mi201_goal_without_measure() -> None:
    pack = sound_pack(measures=sound_pack().measures[:1])
    assert found(pack, "MI201") == [("MI201", "p2", Severity.WARNING)]


def test_mi201_leaves_a_strategy_without_any_measure_to_mi202() -> None:
    pack = sound_pack(measures=())
    assert found(pack, "MI201") == []
    assert found(pack, "MI202") == [("MI202", "s", Severity.INFO)]


def test_mi201_does_not_ask_a_purpose_for_measures() -> None:
    purpose = goal(
        "purpose",
        "Formål med det internasjonale arbeidet",
        level=GoalLevel.PURPOSE,
        label="formål",
        parent=None,
    )
    pack = sound_pack(goals=(*sound_pack().goals, purpose))
    assert found(pack, "MI201") == []


def test_mi202_silent_when_some_goal_has_a_measure() -> None:
    assert found(sound_pack(measures=sound_pack().measures[:1]), "MI202") == []


def test_mi203_goal_not_tied_to_the_master_plan() -> None:
    pack = evolve_list(sound_pack(), "goals", 0, plan_goals=())
    assert found(pack, "MI203") == [
        ("MI203", "p1", Severity.WARNING),
        ("MI203", "p2", Severity.WARNING),
    ]


def test_mi203_a_link_on_the_goal_itself_is_enough() -> None:
    pack = evolve_list(sound_pack(), "goals", 0, plan_goals=())
    pack = evolve_list(pack, "goals", 1, plan_goals=(inferred("kp-visjon"),))
    assert found(pack, "MI203") == [("MI203", "p2", Severity.WARNING)]


def test_mi203_silent_without_master_plan_goals() -> None:
    pack = evolve_list(sound_pack(), "goals", 0, plan_goals=())
    assert found(sound_pack(goals=pack.goals, plan_goals=()), "MI203") == []


def test_mi204_near_duplicate_goals() -> None:
    twin = goal("p3", "Påvirke de europeiske rammebetingelsene gjennom nettverk og alliansene")
    pack = sound_pack(goals=(*sound_pack().goals, twin))
    assert found(pack, "MI204") == [("MI204", "p3", Severity.WARNING)]
    (finding,) = check(pack, select="MI204", as_of=AS_OF)
    assert finding.evidence == ({"field": "similar_to", "to": "p1", "value": "1.00"},)


def test_mi204_same_title_different_prose() -> None:
    prose = " ".join(f"ord{n}" for n in range(40))
    other = " ".join(f"tekst{n}" for n in range(40))
    pack = evolve_list(sound_pack(), "goals", 1, text=prose)
    twin = goal(
        "p3", "Påvirke europeiske rammebetingelser gjennom nettverk og allianser", text=other
    )
    pack = sound_pack(goals=(*pack.goals, twin))
    assert found(pack, "MI204") == [("MI204", "p3", Severity.WARNING)]


def test_mi204_compares_only_goals_at_the_same_level() -> None:
    child = goal(
        "p1a",
        "Påvirke europeiske rammebetingelser gjennom nettverk og allianser",
        level=GoalLevel.STRATEGY_LINE,
        label="strategi",
        parent="p1",
    )
    pack = sound_pack(goals=(*sound_pack().goals, child), measures=())
    assert found(pack, "MI204") == []


def test_mi204_ignores_short_mirror_titles() -> None:
    # Bergen's parts "Bergen i verden" and "Verden i Bergen" share every word on purpose.
    parts = (
        goal("del-1", "Bergen i verden", level=GoalLevel.PART, label="del", parent=None),
        goal("del-2", "Verden i Bergen", level=GoalLevel.PART, label="del", parent=None),
    )
    pack = sound_pack(goals=(*sound_pack().goals, *parts))
    assert found(pack, "MI204") == []


def test_mi205_measure_without_department() -> None:
    pack = evolve_list(sound_pack(), "measures", 1, responsible=())
    assert found(pack, "MI205") == [("MI205", "m2", Severity.INFO)]


def test_mi205_a_commitment_binds_the_whole_municipality() -> None:
    pack = evolve_list(sound_pack(), "measures", 1, responsible=(), kind=MeasureKind.COMMITMENT)
    assert found(pack, "MI205") == []


# --- memberships, partnerships, projects -------------------------------------------------------


def test_mi301_serves_no_goal_for_each_kind() -> None:
    pack = evolve_list(sound_pack(), "memberships", 0, serves=())
    pack = evolve_list(pack, "partnerships", 0, serves=())
    pack = evolve_list(pack, "projects", 0, serves=())
    assert found(pack, "MI301") == [
        ("MI301", "eurocities", Severity.WARNING),
        ("MI301", "impetus", Severity.WARNING),
        ("MI301", "lund", Severity.WARNING),
    ]
    kinds = {f.subject: f.subject_kind for f in check(pack, select="MI301", as_of=AS_OF)}
    assert kinds == {"eurocities": "membership", "impetus": "project", "lund": "partnership"}


def test_mi301_skips_what_has_ended_and_awards() -> None:
    pack = evolve_list(
        sound_pack(), "memberships", 0, serves=(), statuses=(status(MembershipStatus.ENDED),)
    )
    pack = evolve_list(pack, "partnerships", 0, serves=(), status=PartnershipStatus.ENDED)
    pack = evolve_list(pack, "projects", 0, serves=(), kind=ProjectKind.AWARD)
    assert found(pack, "MI301") == []


def test_representation_through_an_umbrella_body_is_not_a_membership_to_justify() -> None:
    pack = evolve_list(
        sound_pack(),
        "memberships",
        0,
        statuses=(status(MembershipStatus.REPRESENTED),),
        serves=(),
        responsible=(),
        outcomes=(),
    )
    assert check(pack, select="MI3", as_of=AS_OF) == []


def test_mi302_membership_proposed_for_exit_still_serving() -> None:
    exit_ = (status(MembershipStatus.MEMBER), status(MembershipStatus.PROPOSED_EXIT, "2019-11"))
    pack = evolve_list(sound_pack(), "memberships", 0, statuses=exit_)
    assert found(pack, "MI302") == [("MI302", "eurocities", Severity.WARNING)]
    # Before the proposal the membership was a plain one.
    assert found(pack, "MI302", as_of="2019-10-31") == []


def test_mi302_silent_once_the_links_are_gone() -> None:
    exit_ = (status(MembershipStatus.PROPOSED_EXIT),)
    pack = evolve_list(sound_pack(), "memberships", 0, statuses=exit_, serves=())
    assert found(pack, "MI302") == []
    assert found(pack, "MI301") == []  # on its way out: not asked to serve a goal


def test_mi303_ended_membership_or_partnership_still_serving() -> None:
    pack = evolve_list(
        sound_pack(), "memberships", 0, statuses=(status(MembershipStatus.ENDED, "2020"),)
    )
    pack = evolve_list(pack, "partnerships", 0, status=PartnershipStatus.ENDED)
    assert found(pack, "MI303") == [
        ("MI303", "eurocities", Severity.WARNING),
        ("MI303", "lund", Severity.WARNING),
    ]
    # Before 2020 no status of the membership is known, so it is not judged.
    assert found(pack, "MI303", as_of="2019-12-31") == [("MI303", "lund", Severity.WARNING)]


def test_mi304_serves_a_goal_of_a_strategy_no_longer_in_force() -> None:
    base = sound_pack()
    old = attrs.evolve(
        base.strategies[0], id="old", in_force=False, status=StrategyStatus.SUPERSEDED
    )
    old_goal = goal(
        "old-goal", "Et gammelt mål om vennskapsbyer i Norden", strategy="old", parent=None
    )
    pack = sound_pack(strategies=(old, base.strategies[0]), goals=(*base.goals, old_goal))
    pack = evolve_list(pack, "partnerships", 0, serves=(stated("old-goal"),))
    assert found(pack, "MI304") == [("MI304", "lund", Severity.WARNING)]
    assert found(evolve_list(pack, "partnerships", 0, serves=(stated("p1"),)), "MI304") == []


def test_mi305_membership_without_department() -> None:
    pack = evolve_list(sound_pack(), "memberships", 0, responsible=())
    assert found(pack, "MI305") == [("MI305", "eurocities", Severity.WARNING)]
    pack = evolve_list(pack, "memberships", 0, statuses=(status(MembershipStatus.ENDED),))
    assert found(pack, "MI305") == []


def test_mi306_membership_against_the_municipalitys_own_criteria() -> None:
    pack = evolve_list(sound_pack(), "memberships", 0, outcomes=())
    assert found(pack, "MI306") == [("MI306", "eurocities", Severity.WARNING)]
    (finding,) = check(pack, select="MI306", as_of=AS_OF)
    assert finding.evidence[0] == {
        "field": "criterion",
        "to": "kriterium-utbytte",
        "value": "doc, § 1",
    }


def test_mi306_each_test_and_the_about_list() -> None:
    department = Statement(
        "kriterium-ansvar",
        StatementKind.CRITERION,
        "Ansvar",
        LOC,
        test=CriterionTest.HAS_DEPARTMENT,
        about=("other",),
    )
    other = Membership(
        "other",
        "c40",
        (status(MembershipStatus.MEMBER),),
        LOC,
        serves=(stated("p1"),),
        outcomes=(stated("competence"),),
    )
    pack = sound_pack(
        statements=(*sound_pack().statements, department),
        memberships=(*sound_pack().memberships, other),
    )
    # Only "other" is named by the department criterion, and only it lacks a department.
    assert found(pack, "MI306") == [("MI306", "other", Severity.WARNING)]
    pack = evolve_list(pack, "memberships", 1, responsible=("dept",))
    assert found(pack, "MI306") == []


def test_mi306_silent_without_criteria() -> None:
    pack = evolve_list(sound_pack(statements=()), "memberships", 0, outcomes=(), serves=())
    assert found(pack, "MI306") == []


# --- SDGs and evidence --------------------------------------------------------------------------


def test_mi401_goal_without_sdg() -> None:
    pack = evolve_list(sound_pack(), "goals", 2, sdgs=())
    pack = evolve_list(pack, "goals", 0, sdgs=())
    assert found(pack, "MI401") == [("MI401", "p2", Severity.WARNING)]


def test_mi401_a_link_above_the_goal_frames_it() -> None:
    pack = evolve_list(sound_pack(), "goals", 2, sdgs=())
    pack = evolve_list(pack, "goals", 0, sdgs=(inferred("11"),))
    assert found(pack, "MI401") == []


def test_mi401_a_measures_sdg_link_counts_for_its_goal() -> None:
    pack = evolve_list(sound_pack(), "goals", 2, sdgs=())
    pack = evolve_list(pack, "goals", 0, sdgs=())
    pack = evolve_list(pack, "measures", 1, sdgs=(inferred("4.7"),))
    assert found(pack, "MI401") == []


def test_mi402_stated_focus_carried_by_few_goals() -> None:
    extra = tuple(
        goal(
            f"p{n}", f"Mål nummer {n} om {word} og deltakelse i prosjekter", sdgs=(inferred("11"),)
        )
        for n, word in ((3, "kultur"), (4, "klima"), (5, "næring"), (6, "helse"))
    )
    measures = tuple(Measure(f"m{g.id}", g.id, "Tiltak", LOC, responsible=("dept",)) for g in extra)
    pack = sound_pack(
        goals=(*sound_pack().goals, *extra), measures=(*sound_pack().measures, *measures)
    )
    # SDG 17 is carried by p1 and p2: 2 of 6 is exactly a third, which is not "few".
    assert found(pack, "MI402") == []
    pack = evolve_list(pack, "goals", 2, sdgs=(inferred("4"),))
    # 1 of 6 is fewer than a third.
    assert found(pack, "MI402") == [("MI402", "s", Severity.WARNING)]


def test_mi402_an_action_plan_is_judged_by_the_strategy_it_builds_on() -> None:
    base = sound_pack()
    plan = Strategy(
        "plan",
        "Handlingsplan",
        "doc",
        StrategyStatus.PROPOSED,
        LOC,
        builds_on=("doc",),
        sdg_focus=(stated("13"),),
        status_basis=Basis(Evidence.STATED, LOC),
    )
    pack = sound_pack(strategies=(base.strategies[0], plan))
    assert found(pack, "MI402") == [("MI402", "plan", Severity.WARNING)]


def test_mi403_every_alignment_link_inferred() -> None:
    pack = evolve_list(sound_pack(), "goals", 1, sdgs=(inferred("17.17"), inferred("16")))
    assert found(pack, "MI403") == [("MI403", "p1", Severity.INFO)]
    mixed = evolve_list(pack, "goals", 1, sdgs=(inferred("16"), stated("17.17")))
    assert found(mixed, "MI403") == []


def test_mi404_each_kind_of_inferred_status() -> None:
    guess = Basis(Evidence.INFERRED, rationale="the newest strategy")
    pack = evolve_list(sound_pack(), "strategies", 0, in_force_basis=guess)
    pack = evolve_list(pack, "partnerships", 0, status=PartnershipStatus.ACTIVE, status_basis=guess)
    ended = StatusEntry(MembershipStatus.ENDED, LOC, since="2020")
    entries = (status(MembershipStatus.MEMBER, "2015"), ended)
    pack = evolve_list(pack, "memberships", 0, statuses=entries)
    findings = check(pack, select="MI404", as_of=AS_OF)
    assert [(f.subject, f.severity) for f in findings] == [
        ("eurocities", Severity.INFO),
        ("lund", Severity.INFO),
        ("s", Severity.INFO),
    ]
    by_subject = {f.subject: f for f in findings}
    assert by_subject["s"].message.endswith(
        "in_force true rests on inference (the newest strategy)"
    )
    assert "status 'active' rests on inference (the newest strategy)" in by_subject["lund"].message
    # Only the entry without evidence (recorded without evidence), not the stated one.
    assert by_subject["eurocities"].evidence == (
        {"field": "status", "value": "'ended' since 2020", "evidence": "inferred"},
    )
    assert "(recorded without evidence)" in by_subject["eurocities"].message


def test_mi404_silent_on_stated_and_on_unknown_statuses() -> None:
    assert found(sound_pack(), "MI404") == []  # stated statuses; the partnership's is unknown
    unknown = evolve_list(sound_pack(), "memberships", 0, statuses=())
    unknown = evolve_list(unknown, "strategies", 0, in_force=None, in_force_basis=None)
    assert found(unknown, "MI404") == []


# --- the runner ---------------------------------------------------------------------------------


def test_select_and_ignore_take_codes_prefixes_and_names() -> None:
    assert resolve_codes(["MI30"]) == {c for c in CHECKS if c.startswith("MI30")}
    assert resolve_codes(["serves-no-goal", "mi101"]) == {"MI301", "MI101"}
    pack = evolve_list(sound_pack(), "memberships", 0, serves=(), responsible=())
    assert {f.code for f in check(pack, as_of=AS_OF)} == {"MI301", "MI305", "MI306"}
    assert {f.code for f in check(pack, ignore="MI3", as_of=AS_OF)} == set()
    assert {f.code for f in check(pack, select="MI301,MI305", as_of=AS_OF)} == {"MI301", "MI305"}
    assert {f.code for f in check(pack, select=["MI3"], ignore=["MI306"], as_of=AS_OF)} == {
        "MI301",
        "MI305",
    }


def test_unknown_codes_and_bad_dates_are_errors() -> None:
    with pytest.raises(CheckError, match="no check matches 'MI999'"):
        check(sound_pack(), select="MI999")
    with pytest.raises(CheckError, match="not a real date"):
        check(sound_pack(), as_of="2024-02-30")
    assert issubclass(CheckError, munintl.MunintlError)


def test_as_of_defaults_to_today_and_takes_partial_dates() -> None:
    assert parse_as_of(None) == dt.date.today()
    assert parse_as_of("2016-03") == dt.date(2016, 3, 1)
    assert parse_as_of(dt.date(2020, 1, 2)) == dt.date(2020, 1, 2)


def test_findings_are_sorted_worst_first_then_pack_code_subject() -> None:
    bad = _two_strategies({"in_force": True}, {"supersedes": ("old",), "in_force": True})
    bad = evolve_list(bad, "measures", 1, responsible=())
    bad = evolve_list(bad, "memberships", 0, responsible=())
    findings = check(bad, as_of=AS_OF)
    assert [f.code for f in findings] == ["MI102", "MI103", "MI305", "MI205"]
    assert findings == sort_findings(reversed(findings))


def test_checks_do_not_change_the_pack() -> None:
    pack = evolve_list(sound_pack(), "memberships", 0, serves=())
    before = attrs.asdict(pack)
    check(pack, as_of=AS_OF)
    assert attrs.asdict(pack) == before


def test_check_and_finding_are_public() -> None:
    assert munintl.check is check
    assert munintl.Finding is Finding
    assert munintl.Severity is Severity


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(MembershipStatus)),
            st.booleans(),  # serves a goal
            st.booleans(),  # names a department
        ),
        max_size=8,
    )
)
def test_membership_checks_match_their_definitions(
    rows: list[tuple[MembershipStatus, bool, bool]],
) -> None:
    memberships = tuple(
        Membership(
            f"ms{i}",
            "eurocities",
            (status(state),),
            LOC,
            responsible=("dept",) if owned else (),
            serves=(stated("p1"),) if serves else (),
            outcomes=(stated("competence"),),
        )
        for i, (state, serves, owned) in enumerate(rows)
    )
    pack = sound_pack(memberships=memberships, partnerships=(), projects=())
    active = {MembershipStatus.MEMBER, MembershipStatus.PROPOSED_ENTRY}
    expect = {
        "MI301": {f"ms{i}" for i, (s, serves, _) in enumerate(rows) if s in active and not serves},
        "MI302": {
            f"ms{i}"
            for i, (s, serves, _) in enumerate(rows)
            if s is MembershipStatus.PROPOSED_EXIT and serves
        },
        "MI303": {
            f"ms{i}"
            for i, (s, serves, _) in enumerate(rows)
            if s is MembershipStatus.ENDED and serves
        },
        "MI305": {f"ms{i}" for i, (s, _, owned) in enumerate(rows) if s in active and not owned},
    }
    findings = check(pack, select="MI3", ignore="MI306", as_of=AS_OF)
    for code, subjects in expect.items():
        assert {f.subject for f in findings if f.code == code} == subjects


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 <= similarity(a, b) <= 1.0


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "samarbeid",
                "klima",
                "kultur",
                "næring",
                "helse",
                "skole",
                "Europa",
                "nettverk",
                "prosjekt",
                "vennskapsby",
            ]
        ),
        min_size=1,
        max_size=8,
    )
)
def test_similarity_of_a_text_with_itself_is_one(words: list[str]) -> None:
    text = " ".join(words)
    assert similarity(text, text.upper()) == 1.0
    assert similarity(text, text + " og") == 1.0  # stop words do not count


def test_duplicate_threshold_is_documented() -> None:
    assert f"{DUPLICATE_THRESHOLD}" in DOCS.read_text(encoding="utf-8")


# --- output -------------------------------------------------------------------------------------


def _some_findings() -> list[Finding]:
    pack = evolve_list(sound_pack(), "memberships", 0, serves=(), responsible=())
    pack = evolve_list(pack, "measures", 1, responsible=())
    return check(pack, as_of=AS_OF)


def test_json_document_is_stable_and_round_trips() -> None:
    findings = _some_findings()
    doc = to_json_document(findings, packs=["tiny"], as_of=AS_OF)
    assert list(doc) == ["format", "version", "as_of", "packs", "summary", "findings"]
    assert doc["format"] == JSON_FORMAT and doc["version"] == 1
    assert doc["summary"] == {
        "total": 4,
        "error": 0,
        "warning": 3,
        "info": 1,
        "by_code": {"MI205": 1, "MI301": 1, "MI305": 1, "MI306": 1},
    }
    first = doc["findings"][0]
    assert list(first) == [
        "code", "severity", "pack", "subject", "subject_kind", "message", "hint", "evidence",
    ]  # fmt: skip
    text = json.dumps(doc, ensure_ascii=False)
    again = json.loads(text)
    assert [Finding.from_dict(f) for f in again["findings"]] == findings


def test_text_report_groups_worst_first_with_counts_and_hints() -> None:
    text = render_findings(
        _some_findings(), packs=["tiny"], as_of=AS_OF, titles={"MI301": "serves-no-goal"}
    )
    lines = text.splitlines()
    assert lines[0] == f"munintl check: tiny, as of {AS_OF}"
    assert lines[1] == "4 findings: 0 errors, 3 warnings, 1 info"
    assert text.index("WARNING MI301 serves-no-goal (1)") < text.index("INFO MI205 (1)")
    assert "hint: link it in serves to the goals it serves" in text
    assert "  tiny: membership eurocities" in lines


# --- the command --------------------------------------------------------------------------------


def _write_pack(folder: Path, body: str, version: int = 1) -> Path:
    """A pack of one data file; format 1 by default, as the examples of docs/checks.md are."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.toml").write_text(
        f'format_version = {version}\nname = "tiny"\nfiles = ["data.toml"]\n'
        '[municipality]\nname = "Tiny"\ncodes = [{ code = "9999" }]\n',
        encoding="utf-8",
    )
    (folder / "data.toml").write_text(body, encoding="utf-8")
    return folder


_TOML = """
[[documents]]
id = "doc"
title = "Strategi"
kind = "strategy"

[[strategies]]
id = "s"
title = "Strategi 2010–2015"
document = "doc"
status = "adopted"
status_basis = { evidence = "stated", source = { document = "doc", section = "1" } }
period = { start = "2010", end = "2015" }
in_force = true
in_force_basis = { evidence = "stated", source = { document = "doc", section = "1" } }
source = { document = "doc", section = "1" }

[[memberships]]
id = "ubc"
organisation = "ubc"
statuses = [
  { status = "member", evidence = "stated", source = { document = "doc", section = "vedlegg" } },
]
source = { document = "doc", section = "vedlegg" }
responsible = []
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_check_a_pack_folder_with_fail_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = _write_pack(tmp_path / "tiny", _TOML, 2)
    code, out, _ = run(capsys, "check", str(folder), "--as-of", AS_OF)
    assert code == 0  # warnings only, and the default threshold is error
    assert "WARNING MI101 strategy-expired (1)" in out
    assert "WARNING MI301 serves-no-goal (1)" in out
    assert run(capsys, "check", str(folder), "--as-of", AS_OF, "--fail-on", "warning")[0] == 1
    assert run(capsys, "check", str(folder), "--as-of", "2014", "--select", "MI101",
               "--fail-on", "warning")[0] == 0  # fmt: skip
    assert run(capsys, "check", str(folder), "--fail-on", "never")[0] == 0


def test_cli_check_and_coverage_take_a_project_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _write_pack(tmp_path / "munintl-pack-tiny" / "src" / "munintl_pack_tiny", _TOML, 2)
    project = str(tmp_path / "munintl-pack-tiny")
    code, out, _ = run(capsys, "check", project, "--as-of", AS_OF, "--select", "MI101")
    assert code == 0 and "tiny: strategy s" in out
    code, out, _ = run(capsys, "coverage", project, "--format", "json")
    assert code == 0 and json.loads(out)[0]["pack"] == "tiny"


def test_cli_check_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = _write_pack(tmp_path / "tiny", _TOML, 2)
    code, out, _ = run(capsys, "check", str(folder), "--as-of", AS_OF, "--format", "json",
                       "--ignore", "MI305")  # fmt: skip
    doc = json.loads(out)
    assert code == 0
    assert doc["as_of"] == AS_OF and doc["packs"] == ["tiny"]
    assert [(f["code"], f["subject"], f["severity"]) for f in doc["findings"]] == [
        ("MI101", "s", "warning"),
        ("MI301", "ubc", "warning"),
    ]


def test_cli_check_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "bergen", "--select", "MI999")
    assert code == 2 and err.startswith("munintl: error: no check matches 'MI999'")
    code, _, err = run(capsys, "check", "bergen", "--as-of", "yesterday")
    assert code == 2 and "--as-of" in err
    assert run(capsys, "check", "no-such-pack")[0] == 2


def test_cli_check_on_the_bundled_packs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "bergen", "oslo", "hamar", "--as-of", AS_OF,
                       "--fail-on", "never")  # fmt: skip
    assert code == 0
    assert out.startswith(f"munintl check: bergen, oslo, hamar, as of {AS_OF}\n")


# --- the bundled packs --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bergen", "oslo", "hamar"])
def test_all_checks_run_on_the_bundled_packs(name: str) -> None:
    findings = check(name, as_of=AS_OF)
    assert all(f.pack == name and f.code in CHECKS for f in findings)
    assert all(f.message and "\n" not in f.message and f.hint for f in findings)
    assert findings == sort_findings(findings)


def test_hamars_strategy_ran_out_in_2015() -> None:
    assert found(munintl.load_pack("hamar"), "MI101") == [("MI101", "hamar-2010", Severity.WARNING)]
    assert found(munintl.load_pack("hamar"), "MI101", as_of="2014-06-01") == []


def test_what_docs_say_of_the_bundled_packs_holds() -> None:
    findings = check("bergen", "oslo", "hamar", as_of="2026-11-21")
    by_code: dict[str, set[tuple[str, str]]] = {}
    for f in findings:
        by_code.setdefault(f.code, set()).add((f.pack, f.subject))
    assert not [f for f in findings if f.severity is Severity.ERROR]
    assert "MI204" not in by_code and "MI402" not in by_code
    assert by_code["MI101"] == {("hamar", "hamar-2010")}
    assert by_code["MI302"] == {("bergen", "m-ubc"), ("bergen", "m-global-climate-forum")}
    assert ("oslo", "eurocities") in by_code["MI305"]
    assert {pack for pack, _ in by_code["MI306"]} == {"bergen"}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.frozensets(st.sampled_from("abcdefghijkl"), min_size=0, max_size=9),
        min_size=0,
        max_size=14,
    )
)
def test_mi204_candidate_pairs_hold_every_near_duplicate_pair(
    word_sets: list[frozenset[str]],
) -> None:
    from munintl.checks.goals import _MIN_WORDS, DUPLICATE_THRESHOLD, _candidates

    found = _candidates(word_sets)
    for i, later in enumerate(word_sets):
        for j, earlier in enumerate(word_sets[:i]):
            union = later | earlier
            short = min(len(later), len(earlier)) < _MIN_WORDS  # never judged (_overlap)
            if not short and len(later & earlier) / len(union) >= DUPLICATE_THRESHOLD:
                assert (i, j) in found, (later, earlier)
    assert all(j < i for i, j in found)


def test_mi204_on_a_long_chain_compares_few_pairs() -> None:
    from munintl.checks.goals import _candidates

    sets = [frozenset({"styrke", "samarbeid", f"tema{n}", f"sted{n}"}) for n in range(3000)]
    assert len(_candidates(sets)) < 3000  # all pairs would be 4.5 million
