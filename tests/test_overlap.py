"""Overlap analysis: shared and unique items, goal correspondences, the report and the CLI."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import attrs
import pytest

import munintl
import munintl.packs
from munintl.cli import main
from munintl.errors import PackClashError
from munintl.model import (
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
    Organisation,
    OrganisationKind,
    Pack,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    Project,
    StatusEntry,
    Strategy,
    StrategyStatus,
)
from munintl.overlap import GOAL_WEIGHTS, Band, Overlap, overlap
from munintl.overlap.holdings import ItemKind
from munintl.overlap.report import render_overlap
from munintl.overlap.similarity import Dimension, SimilarityError
from munintl.validation import validate

LOC = Locator(document="doc", section="1")


def _links(refs: Sequence[str]) -> tuple[Link, ...]:
    return tuple(Link(r, Evidence.INFERRED, rationale="test") for r in refs)


@attrs.frozen
class G:
    """A goal for :func:`town`: id, title, themes, SDGs, parent, text, and the organisations
    whose memberships serve it."""

    id: str
    title: str
    themes: tuple[str, ...] = ()
    sdgs: tuple[str, ...] = ()
    parent: str | None = None
    text: str | None = None
    served_by: tuple[str, ...] = ()


def town(
    name: str,
    code: str,
    *,
    goals: Sequence[G] = (),
    orgs: Sequence[tuple[str, MembershipStatus]] = (),
    project_orgs: Sequence[str] = (),
    local_orgs: Sequence[Organisation] = (),
    twins: Sequence[tuple[str, str]] = (),
    peers: Sequence[tuple[str, str]] = (),
    focus: Sequence[str] = (),
    measures: Sequence[tuple[str, str, tuple[str, ...]]] = (),
    language: str = "nb",
) -> Pack:
    """A small synthetic municipality. ``orgs`` are memberships (organisation, status),
    ``twins`` and ``peers`` partnerships (city, country), ``focus`` the strategy's stated SDG
    focus, ``measures`` (goal, title, themes), ``language`` its strategy's."""
    serving: dict[str, list[str]] = {}
    for g in goals:
        for org in g.served_by:
            serving.setdefault(org, []).append(g.id)
    memberships = tuple(
        Membership(
            id=f"m-{org}",
            organisation=org,
            statuses=(StatusEntry(status, LOC),),
            source=LOC,
            serves=_links(serving.get(org, ())),
        )
        for org, status in orgs
    )
    partnerships = tuple(
        Partnership(id=f"p{n}", city=city, country=country, source=LOC, kind=kind)
        for n, (city, country, kind) in enumerate(
            [(c, k, PartnershipKind.TWIN_CITY) for c, k in twins]
            + [(c, k, PartnershipKind.PEER) for c, k in peers]
        )
    )
    projects = tuple(
        Project(id=f"pr-{org}", name=f"Project with {org}", source=LOC, organisations=(org,))
        for org in project_orgs
    )
    from munintl.model import Document, DocumentKind

    return Pack(
        name=name,
        municipality=Municipality(name=name.title(), codes=(Kommunenummer(code),)),
        documents=(
            Document(id="doc", title="Strategi", kind=DocumentKind.STRATEGY, language=language),
        ),
        strategies=(
            Strategy(
                id="s",
                title="Strategi",
                document="doc",
                status=StrategyStatus.ADOPTED,
                source=LOC,
                sdg_focus=tuple(Link(r, Evidence.STATED) for r in focus),
                in_force=True,
            ),
        ),
        goals=tuple(
            Goal(
                id=g.id,
                strategy="s",
                level=GoalLevel.SUB_GOAL if g.parent else GoalLevel.MAIN_GOAL,
                label="delmål" if g.parent else "mål",
                number=g.id.removeprefix("g"),
                title=g.title,
                text=g.text,
                source=LOC,
                parent=g.parent,
                themes=_links(g.themes),
                sdgs=_links(g.sdgs),
            )
            for g in goals
        ),
        measures=tuple(
            Measure(id=f"t{n}", goal=goal, title=title, source=LOC, themes=_links(themes))
            for n, (goal, title, themes) in enumerate(measures)
        ),
        organisations=tuple(local_orgs),
        memberships=memberships,
        partnerships=partnerships,
        projects=projects,
    )


def _holders(result: Overlap, kind: str, item_id: str) -> dict[str, str | None]:
    item = result.item(kind, item_id)
    assert item is not None, f"{kind} {item_id} is held by nobody"
    return {h.municipality: h.status for h in item.holders}


# --- the synthetic packs are valid packs ---------------------------------------------------------


def test_the_synthetic_packs_are_valid() -> None:
    pack = town(
        "a",
        "0001",
        goals=[G("g1", "Mål", themes=("inclusion",), sdgs=("10.2",), served_by=("eurocities",))],
        orgs=[("eurocities", MembershipStatus.MEMBER)],
        twins=[("Lund", "SE")],
        focus=["17"],
        measures=[("g1", "Tiltak", ("culture",))],
    )
    assert validate(pack) == []


# --- shared and unique items ---------------------------------------------------------------------


def test_shared_organisations_carry_each_municipality_s_status() -> None:
    a = town("a", "0001", orgs=[("eurocities", MembershipStatus.MEMBER)])
    b = town("b", "0002", orgs=[("eurocities", MembershipStatus.PROPOSED_EXIT)])
    result = overlap(a, b)
    assert [i.id for i in result.shared_of("organisation")] == ["eurocities"]
    assert _holders(result, "organisation", "eurocities") == {"a": "member", "b": "proposed_exit"}


def test_an_organisation_only_a_project_involves_is_held_without_status() -> None:
    a = town("a", "0001", orgs=[("c40", MembershipStatus.MEMBER)])
    b = town("b", "0002", project_orgs=["c40"])
    result = overlap(a, b)
    assert _holders(result, "organisation", "c40") == {"a": "member", "b": None}


def test_different_organisations_of_one_kind_share_the_kind() -> None:
    a = town("a", "0001", orgs=[("vest-norges-brusselkontor", MembershipStatus.MEMBER)])
    b = town("b", "0002", orgs=[("osloregionens-europakontor", MembershipStatus.MEMBER)])
    result = overlap(a, b)
    assert result.shared_of("organisation") == ()
    (kind,) = result.shared_of(ItemKind.ORGANISATION_KIND)
    assert kind.id == OrganisationKind.BRUSSELS_OFFICE.value
    assert [(h.municipality, h.names) for h in kind.holders] == [
        ("a", ("Vest-Norges Brusselkontor",)),
        ("b", ("Osloregionens Europakontor",)),
    ]


def test_a_pack_s_own_organisation_is_named_from_the_pack() -> None:
    own = Organisation(id="byforum", name="Byforum", kind=OrganisationKind.NETWORK, source=LOC)
    a = town("a", "0001", orgs=[("byforum", MembershipStatus.MEMBER)], local_orgs=[own])
    b = town("b", "0002", orgs=[("byforum", MembershipStatus.MEMBER)], local_orgs=[own])
    item = overlap(a, b).item("organisation", "byforum")
    assert item is not None and item.label == "Byforum"


def test_twin_cities_match_by_country_and_normalised_name_and_only_as_twin_cities() -> None:
    a = town("a", "0001", twins=[("Göteborg", "SE"), ("Århus", "DK")], peers=[("Lund", "SE")])
    b = town("b", "0002", twins=[("Gøteborg", "SE"), ("Lund", "SE"), ("Aarhus", "US")])
    result = overlap(a, b)
    assert [i.id for i in result.shared_of("twin_city")] == ["SE:goteborg"]
    # Lund is a peer of a's, not a twin city: the country is shared, the city is not.
    assert [i.id for i in result.shared_of("partner_country")] == ["SE"]
    assert {h.municipality: h.names for h in result.shared_of("partner_country")[0].holders} == {
        "a": ("Göteborg", "Lund"),
        "b": ("Gøteborg", "Lund"),
    }


def test_an_ended_partnership_is_shared_but_not_current() -> None:
    a = town("a", "0001", twins=[("Lund", "SE")])
    ended = Partnership(
        id="old", city="Lund", country="SE", source=LOC, status=PartnershipStatus.ENDED
    )
    b = attrs.evolve(town("b", "0002"), partnerships=(ended,))
    item = overlap(a, b).item("twin_city", "SE:lund")
    assert item is not None
    assert [(h.municipality, h.current, h.status) for h in item.holders] == [
        ("a", True, None),
        ("b", False, "ended"),
    ]


def test_sdg_targets_count_for_their_goal_and_a_stated_focus_is_marked() -> None:
    a = town("a", "0001", goals=[G("g1", "Mål", sdgs=("17.17",))], focus=["17"])
    b = town("b", "0002", goals=[G("g1", "Mål", sdgs=("17",))])
    result = overlap(a, b)
    (sdg,) = result.shared_of("sdg")
    assert sdg.id == "17"
    assert [(h.municipality, h.evidence, h.focus) for h in sdg.holders] == [
        ("a", Evidence.STATED, True),
        ("b", Evidence.INFERRED, False),
    ]
    assert [i.id for i in result.unique_to("a") if i.kind is ItemKind.SDG_TARGET] == ["17.17"]


def test_themes_from_goals_and_measures_are_shared_or_unique() -> None:
    a = town("a", "0001", goals=[G("g1", "Mål", themes=("inclusion",))])
    b = town(
        "b",
        "0002",
        goals=[G("g1", "Mål", themes=("culture",))],
        measures=[("g1", "Tiltak", ("inclusion",))],
    )
    result = overlap(a, b)
    assert [i.id for i in result.shared_of("theme")] == ["inclusion"]
    assert [(i.id, i.holders[0].municipality) for i in result.unique if i.kind == "theme"] == [
        ("culture", "b")
    ]


def test_no_overlap_at_all() -> None:
    a = town(
        "a",
        "0001",
        goals=[G("g1", "Påvirke europeiske rammebetingelser", themes=("eu-influence",))],
        orgs=[("eurocities", MembershipStatus.MEMBER)],
        twins=[("Lund", "SE")],
    )
    b = town(
        "b",
        "0002",
        goals=[G("g1", "Solidaritet med Ukraina", themes=("solidarity",), sdgs=("1",))],
        orgs=[("enisa", MembershipStatus.MEMBER)],  # an agency: not even the kind is shared
        twins=[("Fargo", "US")],
    )
    result = overlap(a, b)
    assert result.shared == ()
    assert result.correspondences == ()
    assert {i.holders[0].municipality for i in result.unique} == {"a", "b"}
    assert result.similarity.score("a", "b") == 0.0
    assert all(m[0][1] == 0.0 for m in result.similarity.by_dimension)
    assert result.similarity.neighbours_of("a") == ()


# --- one municipality compared with itself -------------------------------------------------------


def _rich(name: str = "a") -> Pack:
    return town(
        name,
        "0001",
        goals=[
            G("g1", "Påvirke europeiske rammebetingelser", ("eu-influence",), ("16.7",)),
            G(
                "g2",
                "Et åpent og inkluderende lokalsamfunn",
                ("inclusion",),
                ("10.2",),
                served_by=("intercultural-cities",),
            ),
        ],
        orgs=[
            ("eurocities", MembershipStatus.MEMBER),
            ("intercultural-cities", MembershipStatus.MEMBER),
        ],
        twins=[("Lund", "SE")],
        focus=["17"],
    )


def test_a_municipality_compared_with_itself_shares_everything() -> None:
    original = _rich("a")
    twin = attrs.evolve(original, name="copy")
    result = overlap(original, twin)
    assert result.unique == ()
    assert all([h.municipality for h in i.holders] == ["a", "copy"] for i in result.shared)
    assert result.similarity.score("a", "copy") == 1.0
    assert result.similarity.score("a", "a") == 1.0
    # Each goal is its copy's best match. g1 has no organisation serving it, so that
    # dimension adds nothing and its score is 1 minus the organisations' weight.
    assert [(c.a.id, c.b.id, c.score) for c in result.correspondences] == [
        ("g2", "g2", 1.0),
        ("g1", "g1", round(1 - GOAL_WEIGHTS[Dimension.ORGANISATIONS], 9)),
    ]
    scores = {r.dimension: r.score for r in result.correspondences[0].reasons}
    assert scores == dict.fromkeys(GOAL_WEIGHTS, 1.0)


def test_the_same_pack_twice_is_refused() -> None:
    pack = _rich()
    with pytest.raises(SimilarityError, match="once"):
        overlap(pack, pack)


def test_a_single_municipality_is_refused_as_on_the_command_line() -> None:
    with pytest.raises(SimilarityError, match="overlap compares two or more packs"):
        overlap(_rich())


# --- goal correspondences ------------------------------------------------------------------------


def _pair() -> tuple[Pack, Pack]:
    a = town(
        "a",
        "0001",
        goals=[
            G("g1", "Påvirke europeiske rammebetingelser", ("eu-influence",), ("16.7",)),
            G(
                "g2",
                "Bergen skal være en interkulturell og inkluderende by",
                ("inclusion", "culture"),
                served_by=("intercultural-cities",),
            ),
        ],
        orgs=[("intercultural-cities", MembershipStatus.MEMBER)],
    )
    b = town(
        "b",
        "0002",
        goals=[
            G("g1", "Et åpent og inkluderende lokalsamfunn", ("inclusion",), ("10.2",)),
            G(
                "g2",
                "Innflytelse",
                ("eu-influence",),
                ("16.7",),
                text="Kommunen påvirker beslutninger i EU",
            ),
        ],
    )
    return a, b


def test_goals_about_the_same_thing_correspond_with_reasons() -> None:
    result = overlap(*_pair())
    assert [(c.a.id, c.b.id) for c in result.correspondences] == [("g1", "g2"), ("g2", "g1")]
    influence, inclusion = result.correspondences
    assert {r.dimension: r.shared for r in influence.reasons} == {
        Dimension.THEMES: ("eu-influence",),
        Dimension.CONCEPTS: ("eu-influence",),  # "påvirke", "rammebetingelser" name it
        Dimension.SDGS: ("16", "16.7"),
        Dimension.WORDING: ("påvirk",),
    }
    assert {r.dimension: r.shared for r in inclusion.reasons} == {
        Dimension.THEMES: ("inclusion",),
        Dimension.CONCEPTS: ("inclusion",),
        Dimension.WORDING: ("inkluder",),
    }
    # Reasons in plain words: no stems, no numbers.
    assert [r.text for r in inclusion.reasons] == [
        "both are linked to the theme Inclusion and diversity",
        "both texts speak of Inclusion and diversity",
        "both use the words inkluderende",
    ]
    # The score is the sum of the contributions, each the dimension's weight times its cosine.
    for c in result.correspondences:
        assert c.score == pytest.approx(sum(r.contribution for r in c.reasons), abs=1e-8)
        for r in c.reasons:
            assert r.contribution == pytest.approx(GOAL_WEIGHTS[r.dimension] * r.score, abs=1e-8)
    assert influence.score > inclusion.score  # inclusion shares one theme of a's two


def test_a_theme_cosine_by_hand() -> None:
    # a's g2 has themes {inclusion, culture}, b's g1 {inclusion}. Over the four goals,
    # inclusion is held by 2 (idf 1 + ln(5/3)), culture by 1 (idf 1 + ln(5/2)).
    import math

    inclusion, culture = 1 + math.log(5 / 3), 1 + math.log(5 / 2)
    expected = inclusion / math.hypot(inclusion, culture)
    result = overlap(*_pair())
    themes = next(r for r in result.correspondences[1].reasons if r.dimension == "themes")
    assert themes.score == pytest.approx(expected, abs=1e-9)


def test_organisations_serving_a_sub_goal_count_for_its_parent() -> None:
    a = town(
        "a",
        "0001",
        goals=[G("g1", "Samarbeid"), G("g2", "Nettverk", parent="g1", served_by=("eurocities",))],
        orgs=[("eurocities", MembershipStatus.MEMBER)],
    )
    b = town(
        "b",
        "0002",
        goals=[G("g1", "Storbyer", served_by=("eurocities",))],
        orgs=[("eurocities", MembershipStatus.MEMBER)],
    )
    (c,) = overlap(a, b, possible=0.01).correspondences
    # g1 has one goal under it: they are one unit, named by g1, covering both.
    assert (c.a.id, c.a.covers, c.b.id) == ("g1", ("g1", "g2"), "g1")
    assert {r.dimension: r.shared for r in c.reasons}[Dimension.ORGANISATIONS] == ("eurocities",)


def test_thresholds_set_the_bands_and_filter_correspondences() -> None:
    a, b = _pair()
    assert overlap(a, b, possible=0.99, strong=0.99).correspondences == ()
    found = overlap(a, b, possible=0.01, strong=0.99).correspondences
    assert {c.band for c in found} == {Band.POSSIBLE}
    assert {c.band for c in overlap(a, b, possible=0.01, strong=0.02).correspondences} == {
        Band.STRONG
    }
    with pytest.raises(SimilarityError, match="possible <= strong"):
        overlap(a, b, possible=0.5, strong=0.4)


def test_pairs_limit_which_municipalities_are_compared() -> None:
    a, b = _pair()
    c = attrs.evolve(b, name="c", municipality=Municipality("C", (Kommunenummer("0003"),)))
    result = overlap(a, b, c, pairs=[("a", "c")])
    assert {(x.a.municipality, x.b.municipality) for x in result.correspondences} == {("a", "c")}
    with pytest.raises(SimilarityError, match="two different"):
        overlap(a, b, pairs=[("a", "nowhere")])


def test_top_compares_goals_only_with_nearest_neighbours() -> None:
    a, b = _pair()
    far = town("far", "0009", goals=[G("g1", "Påvirke europeiske rammebetingelser")])
    result = overlap(a, b, far, top=1)
    assert result.similarity.top == 1
    pairs = {(x.a.municipality, x.b.municipality) for x in result.correspondences}
    assert pairs <= {("a", "b"), ("a", "far"), ("b", "far")}
    assert ("a", "b") in pairs


def test_the_overlap_does_not_change_its_inputs() -> None:
    a, b = _pair()
    before = (attrs.evolve(a), attrs.evolve(b))
    overlap(a, b)
    assert (a, b) == before


def test_munintl_overlap_can_be_called_even_after_importing_its_module() -> None:
    import munintl.overlap as module
    from munintl.overlap.analysis import overlap as function

    assert module.overlap is function
    a, b = _pair()
    assert munintl.overlap(a, b) == function(a, b) == module(a, b)


# --- the report ----------------------------------------------------------------------------------


def test_the_report_puts_correspondences_first_then_shared_then_unique() -> None:
    text = render_overlap(overlap(*_pair()))
    order = [
        text.index("Corresponding goals"),
        text.index("Similarity"),
        text.index("Shared by two or more"),
        text.index("Held by one only"),
    ]
    assert order == sorted(order)
    assert "↔ B mål 2: Innflytelse" in text
    assert "themes" in text and "EU influence" in text
    assert "Twin cities: none shared" in text


# --- the bundled packs ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Overlap:
    return overlap(*munintl.load_packs(["bergen", "oslo", "hamar"]))


def _correspondence(result: Overlap, a: tuple[str, str], b: tuple[str, str]) -> set[str]:
    for c in result.correspondences:
        if {(c.a.municipality, c.a.id), (c.b.municipality, c.b.id)} == {a, b}:
            return {r.dimension.value for r in c.reasons}
    raise AssertionError(f"{a} and {b} do not correspond")


def test_bergen_1_2_corresponds_to_oslo_s_influence_focus_area(bundled: Overlap) -> None:
    reasons = _correspondence(bundled, ("bergen", "hp-1.2"), ("oslo", "innsatsomrade-2"))
    assert {"themes", "wording"} <= reasons
    pair = bundled.between("bergen", "oslo")
    first = next(c for c in pair if c.a.id == "hp-1.2")
    assert first.b.title == "Innflytelse"
    assert "eu-influence" in next(r.shared for r in first.reasons if r.dimension == "themes")


def test_bergen_2_1_corresponds_to_hamar_s_sub_goal_4(bundled: Overlap) -> None:
    reasons = _correspondence(bundled, ("bergen", "hp-2.1"), ("hamar", "delmal-4"))
    assert {"themes", "wording"} <= reasons


def test_bergen_and_oslo_share_eurocities_and_a_stated_focus_on_sdg_17(bundled: Overlap) -> None:
    assert _holders(bundled, "organisation", "eurocities") == {
        "bergen": "member",
        "oslo": "member",
    }
    sdg = bundled.item("sdg", "17")
    assert sdg is not None
    focus = {h.municipality for h in sdg.holders if h.focus and h.evidence is Evidence.STATED}
    assert {"bergen", "oslo"} <= focus


def test_no_twin_city_is_shared_by_the_bundled_packs(bundled: Overlap) -> None:
    assert bundled.shared_of("twin_city") == ()


# --- the command line ----------------------------------------------------------------------------


def test_cli_text_report_shows_the_expected_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["overlap", "bergen", "oslo", "hamar"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Overlap of Bergen (4601), Oslo (0301) and Hamar (3403)")
    assert "↔ Oslo innsatsområde 2: Innflytelse" in out
    assert "Eurocities: Bergen (member), Oslo (member)" in out
    assert "SDG 17: Partnerships for the goals: Bergen (stated, focus), Oslo (stated, focus)" in out
    assert "Twin cities: none shared" in out


def test_cli_json_is_the_overlap_as_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["overlap", "bergen", "oslo", "--format", "json", "--top", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [m["name"] for m in data["municipalities"]] == ["bergen", "oslo"]
    assert data["similarity"]["top"] == 1
    assert data["similarity"]["neighbours"][0][0]["name"] == "oslo"
    assert {"a", "b", "score", "reasons"} <= set(data["correspondences"][0])


@pytest.mark.parametrize("argv", [["overlap", "bergen"], ["overlap", "bergen", "nowhere"]])
def test_cli_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith("munintl: error: ")


def test_cli_top_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["overlap", "bergen", "oslo", "--top", "0"])
    assert exc.value.code == 2
    assert "at least 1" in capsys.readouterr().err


# --- the worked example of docs/overlap.md -------------------------------------------------------


def test_the_worked_example_in_the_docs() -> None:
    aby = town(
        "aby",
        "0001",
        goals=[
            G("g1", "Påvirke EU", ("eu-influence",), ("16.7",), served_by=("eurocities",)),
            G("g2", "Inkluderende by", ("inclusion",), ("10",)),
        ],
        orgs=[("eurocities", MembershipStatus.MEMBER), ("c40", MembershipStatus.MEMBER)],
        twins=[("Lund", "SE")],
        focus=["17"],
    )
    bby = town(
        "bby",
        "0002",
        goals=[
            G("g1", "Påvirkning i EU", ("eu-influence",), ("16",), served_by=("eurocities",)),
            G("g2", "Kultur", ("culture",)),
        ],
        orgs=[("eurocities", MembershipStatus.PROPOSED_EXIT)],
        twins=[("Fargo", "US")],
        peers=[("Lund", "SE")],
        focus=["17"],
    )
    result = overlap(aby, bby)
    assert [(i.kind.value, i.id) for i in result.shared] == [
        ("organisation", "eurocities"),
        ("organisation_kind", "network"),
        ("partner_country", "SE"),
        ("sdg", "16"),
        ("sdg", "17"),
        ("theme", "eu-influence"),
    ]
    m = result.similarity
    by_hand = {
        "organisations": 0.5797,
        "organisation_kinds": 1.0,
        "sdgs": 0.5797,
        "themes": 0.3361,
        "partner_countries": 0.5797,
        "twin_cities": 0.0,
        "wording": 0.1708,
    }
    assert {d.value: round(m.score("aby", "bby", d), 4) for d in m.dimensions} == by_hand
    assert round(m.score("aby", "bby"), 4) == 0.4414
    assert m.score("aby", "aby") == m.score("bby", "bby") == 1.0
    (c,) = result.correspondences
    assert (c.a.id, c.b.id, round(c.score, 4), c.band) == ("g1", "g1", 0.8235, Band.STRONG)
    assert [
        (r.dimension.value, round(r.score, 4), round(r.contribution, 4), r.shared, r.related)
        for r in c.reasons
    ] == [
        ("themes", 1.0, 0.3, ("eu-influence",), ()),
        ("concepts", 1.0, 0.2, ("eu-influence",), ()),
        ("wording", 0.5385, 0.1616, ("eu",), ("påvirkning~påvirk",)),
        ("organisations", 1.0, 0.1, ("eurocities",), ()),
        ("sdgs", 0.6191, 0.0619, ("16",), ()),
    ]
    report = render_overlap(result)
    assert "strong   Aby mål 1: Påvirke EU" in report
    assert "↔ Bby mål 1: Påvirkning i EU" in report
    assert (
        "why: both are linked to the theme EU influence; both texts speak of EU influence; both "
        "use the words eu; related words påvirkning/påvirke; the same organisations serve both: "
        "Eurocities; both serve SDG 16: Peace, justice and strong institutions"
    ) in " ".join(report.split())


# --- the dimension registry ----------------------------------------------------------------------


def test_a_dimension_declares_every_part_or_fails_when_declared() -> None:
    from munintl.overlap.dimensions import DIMENSIONS, DimensionSpec, register

    def nothing(unit: object) -> dict[str, float]:
        return {}

    with pytest.raises(TypeError, match="needs a title"):
        DimensionSpec(Dimension.THEMES, " ", "about", goal=nothing, goal_weight=0.1)
    with pytest.raises(TypeError, match="needs a description"):
        DimensionSpec(Dimension.THEMES, "themes", "", goal=nothing, goal_weight=0.1)
    with pytest.raises(TypeError, match="both the features and the weight"):
        DimensionSpec(Dimension.THEMES, "themes", "about", goal=nothing)
    with pytest.raises(TypeError, match="both the features and the weight"):
        DimensionSpec(Dimension.THEMES, "themes", "about", weight=0.2)
    with pytest.raises(TypeError, match="lies in"):
        DimensionSpec(Dimension.THEMES, "themes", "about", goal=nothing, goal_weight=1.5)
    with pytest.raises(TypeError, match="compares nothing"):
        DimensionSpec(Dimension.THEMES, "themes", "about")
    with pytest.raises(TypeError, match="registered twice"):
        register(DimensionSpec(Dimension.THEMES, "themes", "about", goal=nothing, goal_weight=0))
    # Every dimension is declared, and reports take their titles from the declarations.
    assert set(DIMENSIONS) == set(Dimension)
    text = render_overlap(overlap(*_pair()))
    assert all(DIMENSIONS[d].title in text for d in DIMENSIONS if DIMENSIONS[d].weight)


def test_the_concept_vocabulary_names_every_theme_in_both_languages_one_word_a_term() -> None:
    import tomllib
    from importlib import resources

    from munintl.reference import themes
    from munintl.text import words

    text = resources.files("munintl.reference").joinpath("themes.toml").read_text("utf-8")
    terms = tomllib.loads(text)["terms"]
    assert set(terms) == set(themes())
    for theme, by_language in terms.items():
        assert set(by_language) == {"nb", "en"}, theme
        for term in (*by_language["nb"], *by_language["en"]):
            assert words(term) == [term], f"{theme}: {term!r} is not one word"


def test_two_packs_defining_one_organisation_id_differently_are_not_compared() -> None:
    # A pack's own organisation is shared by id: two different ones of one id would make both
    # municipalities seem members of one organisation, a shared item that is not.
    bergen, hamar = munintl.load_packs(["bergen", "hamar"])
    own = hamar.organisations[0]
    clash = attrs.evolve(bergen, organisations=(attrs.evolve(own, name="Another council"),))
    with pytest.raises(PackClashError, match=rf"^organisation '{own.id}' is .* in hamar but "):
        overlap(hamar, clash)
    # Defined alike by both, it is one organisation, and it may be shared.
    alike = attrs.evolve(bergen, organisations=(*bergen.organisations, own))
    assert overlap(hamar, alike).municipalities


def test_the_cli_reports_a_clash_in_one_line_as_bad_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "hamar-b"
    shutil.copytree(
        Path(munintl.packs.files("munintl_pack_hamar")),
        folder,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    manifest = folder / "pack.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        .replace('name = "hamar"', 'name = "hamar-b"', 1)
        .replace(
            'codes = [{ code = "0403", until = 2019 }, { code = "3403", since = 2020 }]',
            'codes = [{ code = "9998" }]',
        ),
        encoding="utf-8",
    )
    orgs = folder / "organisations.toml"
    name = munintl.load_pack("hamar").organisations[0].name
    orgs.write_text(
        orgs.read_text(encoding="utf-8").replace(f'name = "{name}"', 'name = "Another"', 1),
        encoding="utf-8",
    )
    for command in ("overlap", "report"):
        assert main([command, "hamar", str(folder)]) == 1
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and "Traceback" not in err
        assert "is 'Another'" in err or "but 'Another'" in err
