"""Whole-pack meaning and look-alike characters (issue 14, kinds 1 and 3).

Each test is a handed bad input's right answer or a neighbour of it in the same kind.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
import pytest

from munintl.errors import InvalidField, MunintlError
from munintl.model import (
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
    Membership,
    MembershipStatus,
    Partnership,
    PlanGoal,
    StatusEntry,
    Strategy,
    StrategyStatus,
    field_meaning,
)
from munintl.validation import validate
from tests.conftest import tiny_pack

LOC = Locator("doc", "1")


def messages(**lists: Any) -> list[str]:
    return [f"{p.path}: {p.message}" for p in validate(tiny_pack(**lists))]


# --- kind 1: look-alike characters ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ("twin-lund\n", "U+000A LINE FEED"),  # case 22: "$" let a trailing newline through
        ("m\u0430in", "U+0430 CYRILLIC SMALL LETTER A"),  # case 23
        ("g\u00b9", "U+00B9 SUPERSCRIPT ONE"),
        ("g\u0661", "U+0661 ARABIC-INDIC DIGIT ONE"),
    ],
)
def test_an_id_is_ascii_and_a_look_alike_is_named(value: str, named: str) -> None:
    with pytest.raises(InvalidField, match=re.escape(named)) as info:
        Department(value, "Avdeling", DepartmentKind.UNIT, LOC)
    assert info.value.field == "id"
    assert isinstance(info.value, MunintlError)


@pytest.mark.parametrize("code", ["0301\n", "03\u00b901", "\u0660301", "O301"])
def test_a_kommunenummer_is_four_ascii_digits(code: str) -> None:
    with pytest.raises(InvalidField, match="is not a kommunenummer"):
        Kommunenummer(code)


@pytest.mark.parametrize("ref", ["17\u00b9", "17\n", "\u0661\u0667", "17.\u00b9"])
def test_an_sdg_link_with_a_look_alike_is_refused_and_named(ref: str) -> None:
    """Case 26: '17¹' crashed with int()'s ValueError; now a located problem."""
    goal = Goal("g2", "s", GoalLevel.SUB_GOAL, "mål", "t", LOC, sdgs=(Link(ref, Evidence.STATED),))
    (message,) = messages(goals=(goal,))
    assert message.startswith("$.goals[0].sdgs[0].to: ")
    assert "is not an SDG" in message and "U+" in message


@pytest.mark.parametrize("date", ["2018\n", "２０１８", "2018-0\u00b96"])
def test_a_partial_date_is_ascii_digits(date: str) -> None:
    with pytest.raises(InvalidField, match="is not a date"):
        StatusEntry(MembershipStatus.MEMBER, LOC, since=date)


def test_an_unknown_reference_that_differs_by_a_look_alike_names_the_real_id() -> None:
    goal = Goal("ga", "s", GoalLevel.SUB_GOAL, "mål", "t", LOC)
    membership = Membership(
        "m",
        "ubc",
        (StatusEntry(MembershipStatus.MEMBER, LOC),),
        LOC,
        responsible=(),
        serves=(Link("g\u0430", Evidence.STATED),),  # the pack's goal is "ga"
    )
    (message,) = messages(goals=(goal,), memberships=(membership,))
    assert message == (
        "$.memberships[0].serves[0].to: unknown goal 'gа' (did you mean 'ga'? it holds "
        "U+0430 CYRILLIC SMALL LETTER A)"
    )


@pytest.mark.parametrize("text", [" ", "\u200b", "\ufeff\u200d", "\u3164", "\u00ad "])
def test_text_of_only_invisible_characters_is_empty(text: str) -> None:
    with pytest.raises(InvalidField, match="must not be empty"):
        Department("d", text, DepartmentKind.UNIT, LOC)


# --- kind 3: whole-pack meaning --------------------------------------------------------------


def test_country_codes_are_iso_3166_with_a_hint_for_uk() -> None:
    """Case 28."""
    with pytest.raises(InvalidField, match=r"'UK' is not an ISO 3166 alpha-2 code \(the United"):
        Partnership("p", "Lund", "UK", LOC)
    for bad in ("XX", "EN", "se", "S\u0415"):
        with pytest.raises(InvalidField, match="ISO 3166"):
            Partnership("p", "Lund", bad, LOC)
    assert Partnership("p", "Lund", "SE", LOC).country == "SE"


def test_a_department_hierarchy_with_a_cycle_is_refused() -> None:
    """Case 33: goal cycles were caught, department cycles were not."""
    departments = (
        Department("mayor-office", "A", DepartmentKind.OFFICE, LOC, parent="city-council"),
        Department("city-council", "B", DepartmentKind.COUNCIL, LOC, parent="mayor-office"),
        Department("self", "C", DepartmentKind.UNIT, LOC, parent="self"),
    )
    assert messages(departments=departments) == [
        "$.departments[0].parent: the department hierarchy has a cycle: 'mayor-office' → "
        "'city-council' → 'mayor-office'",
        "$.departments[2].parent: the department hierarchy has a cycle: 'self' → 'self'",
    ]


def test_status_histories_are_oldest_first_with_at_most_one_open_status() -> None:
    """Case 34: 'ended 2022' then 'member 2015' read as member today."""
    with pytest.raises(InvalidField, match="2015 is before the entry above it") as info:
        Membership(
            "m",
            "ubc",
            (
                StatusEntry(MembershipStatus.ENDED, LOC, since="2022"),
                StatusEntry(MembershipStatus.MEMBER, LOC, since="2015"),
            ),
            LOC,
        )
    assert info.value.field == "statuses[1].since"
    with pytest.raises(InvalidField, match="a second status with no since"):
        Membership(
            "m",
            "ubc",
            (StatusEntry(MembershipStatus.MEMBER, LOC), StatusEntry(MembershipStatus.ENDED, LOC)),
            LOC,
        )
    # one open status, anywhere, is fine (a source that gives no date for a proposed exit)
    Membership(
        "m",
        "ubc",
        (
            StatusEntry(MembershipStatus.MEMBER, LOC, since="2010"),
            StatusEntry(MembershipStatus.PROPOSED_EXIT, LOC),
        ),
        LOC,
    )


def test_nothing_supersedes_itself() -> None:
    with pytest.raises(InvalidField, match="cannot supersede itself") as info:
        Strategy("s", "S", "doc", StrategyStatus.ADOPTED, LOC, supersedes=("old", "s"))
    assert info.value.field == "supersedes[1]"


def test_two_links_from_one_entity_to_one_target_are_refused_naming_both() -> None:
    """Reported case 14: the graph kept only the second of two links to SDG 17."""
    goal = Goal(
        "g2",
        "s",
        GoalLevel.SUB_GOAL,
        "mål",
        "t",
        LOC,
        sdgs=(Link("17", Evidence.STATED), Link("17", Evidence.INFERRED, rationale="r")),
    )
    assert messages(goals=(goal,)) == [
        "$.goals[0].sdgs[1].to: a second link to '17' (inferred; the first, sdgs[0], is "
        "stated): keep one link per target, the stated one if either is stated"
    ]


def test_a_reference_points_at_the_right_kind_of_thing() -> None:
    plan_goal = PlanGoal("pg", "doc", "hovedmål", "Mål", LOC)  # "doc" is a strategy document
    measure = Measure("m1", "dept", "Tiltak", LOC)  # a department, not a goal
    department = Department("dept", "Avdeling", DepartmentKind.UNIT, LOC)
    assert messages(plan_goals=(plan_goal,), measures=(measure,), departments=(department,)) == [
        "$.measures[0].goal: 'dept' is a department, not a goal",
        "$.plan_goals[0].plan: 'doc' is a document, but not of kind 'plan'",
    ]
    documents = (*tiny_pack().documents, Document("kp", "Kommuneplan", DocumentKind.PLAN))
    assert messages(documents=documents, plan_goals=(attrs.evolve(plan_goal, plan="kp"),)) == []


def test_every_reference_field_declares_what_it_points_at() -> None:
    """Field meaning is declared once, on the model; a field named like a reference without a
    target kind would be an unchecked reference."""
    declared = {
        (cls.__name__, m.name)
        for cls in (Goal, Measure, Membership, Partnership, Strategy, PlanGoal, Department)
        for m in field_meaning(cls)
        if m.refers_to
    }
    assert ("Goal", "parent") in declared and ("Department", "parent") in declared
    assert ("PlanGoal", "plan") in declared and ("Membership", "organisation") in declared
