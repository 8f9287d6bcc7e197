"""Tests of the Hamar pack against its seed, "Hamar – en internasjonal kommune. Strategi for
internasjonalt samarbeid 2010–2015" (../shared/seeds/hamar-strategy-2010-2015.txt).

The seed is a PDF's text with each page's number run into it ("7 Strategi for internasjonalt
samarbeid ..." starts page 7). The strategy is pages 1–15; what comes before page 1 is the
hosting web site's frame and what follows page 15 (from page 16 on) is an unrelated listing of
other documents. The provenance tests therefore look for each title on the very page its
locator cites, and never in the frame or the unrelated listing.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import attrs
import pytest

import munintl
from munintl.model import (
    Evidence,
    GoalLevel,
    Link,
    MembershipStatus,
    PartnershipStatus,
    Perspective,
    ProjectKind,
    StatementKind,
    StrategyStatus,
)
from munintl.testing import THRESHOLD, PackContract, score, skeleton

REPO_ROOT = Path(__file__).resolve().parents[3]
SEEDS = Path(os.environ.get("MUNINTL_SEEDS", REPO_ROOT / ".." / "shared" / "seeds"))
SEED_FILES = {"strategy-2010": "hamar-strategy-2010-2015.txt"}
LAST_PAGE = 15


@pytest.fixture(scope="module")
def pack():
    return munintl.load_pack("hamar")


def _seed_text(document: str) -> str:
    path = SEEDS / SEED_FILES[document]
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"seed file missing: {path}")
        pytest.skip(f"seed file missing: {path} (set MUNINTL_SEEDS)")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pages() -> dict[int, str]:
    """The strategy's pages 1–15, by number (frame and unrelated listing cut off)."""
    text = _seed_text("strategy-2010")
    start = text.index("1 Hamar - en internasjonal kommune Strategi")
    end = text.index("\n\n16\n", start)
    chunks = re.split(r"\n\n(?=\d+ )", text[start:end])
    result: dict[int, str] = {}
    for chunk in chunks:
        number = int(chunk.split(" ", 1)[0])
        result[number] = chunk
    assert sorted(result) == list(range(1, LAST_PAGE + 1))
    return result


@pytest.fixture(scope="module")
def strategy_text(pages) -> str:
    return "\n".join(pages[n] for n in sorted(pages))


@pytest.fixture(scope="module")
def unrelated_tail() -> str:
    text = _seed_text("strategy-2010")
    return text[text.index("\n\n16\n") :]


# --- counts ---------------------------------------------------------------------------------------

# Strategy lines and measures per sub-goal, counted in the text (pages 9, 10, 11, 12).
EXPECTED_PER_SUB_GOAL = {
    "delmal-1": (3, [5, 4, 1]),
    "delmal-2": (3, [3, 4, 2]),
    "delmal-3": (1, [4]),
    "delmal-4": (3, [2, 2, 2]),
}
# Section 4 (page 14): Politisk, Administrativt, Ressurser, and 4.4's strategy.
EXPECTED_SECTION_4 = {
    "lykkes.politisk": 3,
    "lykkes.administrativt": 5,
    "lykkes.ressurser": 3,
    "lykkes.regionalt": 1,
}


def test_goal_levels(pack):
    levels = Counter(g.level for g in pack.goals)
    assert levels[GoalLevel.MAIN_GOAL] == 1
    assert levels[GoalLevel.SUB_GOAL] == 4
    assert levels[GoalLevel.STRATEGY_LINE] == 10 + 4
    assert len(pack.goals) == 19


def test_sub_goals_numbered(pack):
    subs = [g for g in pack.goals if g.level is GoalLevel.SUB_GOAL]
    assert [g.number for g in subs] == ["1", "2", "3", "4"]
    assert {g.label for g in subs} == {"delmål"}
    assert {g.parent for g in subs} == {"hovedmal"}


@pytest.mark.parametrize("sub_goal", sorted(EXPECTED_PER_SUB_GOAL))
def test_strategy_lines_and_measures_per_sub_goal(pack, sub_goal):
    lines_expected, measures_expected = EXPECTED_PER_SUB_GOAL[sub_goal]
    lines = pack.children(sub_goal)
    assert len(lines) == lines_expected
    assert all(g.level is GoalLevel.STRATEGY_LINE and g.label == "strategi" for g in lines)
    assert [len(pack.measures_of(g.id)) for g in lines] == measures_expected
    # no measure hangs directly on a sub-goal
    assert pack.measures_of(sub_goal) == []


def test_section_4(pack):
    section_4 = {
        g.id: len(pack.measures_of(g.id))
        for g in pack.children("hovedmal")
        if g.level is GoalLevel.STRATEGY_LINE
    }
    assert section_4 == EXPECTED_SECTION_4


def test_measure_totals(pack):
    assert len(pack.measures) == 10 + 9 + 4 + 6 + 12
    assert {m.kind.value for m in pack.measures} == {"measure"}


def test_other_counts(pack):
    assert len(pack.strategies) == 1
    assert len(pack.partnerships) == 8
    assert len(pack.memberships) == 2
    assert len(pack.figures) == 3
    assert len(pack.plan_goals) == 1
    kinds = Counter(p.kind for p in pack.projects)
    assert kinds == {
        ProjectKind.PROJECT: 5,
        ProjectKind.ACTIVITY: 3,
        ProjectKind.EVENT: 1,
        ProjectKind.AWARD: 1,
    }


# --- links ----------------------------------------------------------------------------------------


def test_every_sub_goal_and_strategy_line_has_a_theme(pack):
    for goal in pack.goals:
        if goal.level in (GoalLevel.SUB_GOAL, GoalLevel.STRATEGY_LINE):
            assert goal.themes, goal.id


def _links(entity):
    for attribute in attrs.fields(type(entity)):
        value = getattr(entity, attribute.name)
        if isinstance(value, tuple):
            for item in value:
                if isinstance(item, Link):
                    yield attribute.name, item


def test_stated_links_cite_their_source_and_inferred_ones_explain(pack):
    for entity in pack.entities():
        for field, link in _links(entity):
            if link.evidence is Evidence.STATED:
                assert link.source is not None, (entity.id, field, link.to)
            else:
                assert link.rationale, (entity.id, field, link.to)


def test_no_sdg_or_theme_is_claimed_as_stated(pack):
    # The strategy names no SDG and uses no theme vocabulary: all such links are inferred.
    for entity in pack.entities():
        for field, link in _links(entity):
            if field in ("sdgs", "themes", "sdg_focus"):
                assert link.evidence is Evidence.INFERRED, (entity.id, field, link.to)


def test_locators_point_into_the_strategy(pack):
    for entity in pack.entities():
        source = getattr(entity, "source", None)
        if source is None:
            continue
        assert source.document == "strategy-2010", entity.id
        assert source.page is not None and 1 <= source.page <= LAST_PAGE, entity.id


# --- spot checks against the seed -----------------------------------------------------------------


def test_municipality(pack):
    assert pack.municipality.code == "3403"
    assert pack.municipality.county == "Innlandet"
    assert [c.code for c in pack.municipality.codes] == ["0403", "3403"]


def test_strategy(pack, pages):
    strategy = pack.strategy
    assert strategy.id == "hamar-2010"
    assert (strategy.period.start, strategy.period.end) == ("2010", "2015")
    assert strategy.status is StrategyStatus.ADOPTED
    assert "Vedtatt av Kommunestyret" in pages[1]
    assert strategy.adopted_by == "Kommunestyret"
    assert strategy.adopted_on is None  # not in the text
    assert "kommuneplan" in strategy.builds_on
    assert "vennskapsbyutredningen-2007" in strategy.builds_on
    assert "et-laerende-nordisk-fellesskap-2009" in strategy.builds_on


def test_vision_and_main_goal(pack, pages):
    vision = pack.get("kommuneplan.visjon")
    assert vision.label == "visjon"
    assert vision.plan == "kommuneplan"
    assert "«Hamar skal være sentrum i det mest attraktive boområdet i Innlandet»" in pages[7]
    main = pack.get("hovedmal")
    assert [(link.to, link.evidence) for link in main.plan_goals] == [
        ("kommuneplan.visjon", Evidence.STATED)
    ]


def test_documents_years(pack, pages):
    assert pack.get("vennskapsbyutredningen-2007").date == "2007"
    assert "Vennskapsbyutredningen (2007)" in pages[15]
    assert pack.get("et-laerende-nordisk-fellesskap-2009").date == "2009"
    assert "ble vedtatt i Borgå i 2009" in pages[8]
    # page 4 cuts the year off; the pack does not guess it from there
    assert "Et lærende nordisk fellesskap fra Videre" in pages[4]


def test_twin_cities(pack, pages):
    countries = {p.id: p.country for p in pack.partnerships}
    assert countries == {
        "lund": "SE",
        "viborg": "DK",
        "borga": "FI",
        "dalvik": "IS",
        "greifswald": "DE",
        "fargo": "US",
        "khan-younis": "PS",
        "karmiel": "IL",
    }
    assert {p.kind.value for p in pack.partnerships} == {"twin_city"}
    for printed in (
        "Lund i Sverige",
        "Viborg i Danmark",
        "Borgå (Porvoo) i Finland",
        "Dalvik på Island",
        "Greifswald i Tyskland",
        "Fargo (Nord-Dakota) i USA",
        "Khan Younis (Gaza) i Palestina",
        "Karmiel i Israel",
    ):
        assert printed in pages[5]


def test_middle_east(pack, pages):
    khan_younis, karmiel = pack.get("khan-younis"), pack.get("karmiel")
    assert "prosjektet er stilt i bero til situasjonen i Midtøsten er avklart" in pages[9]
    assert khan_younis.status is PartnershipStatus.ON_HOLD
    assert khan_younis.source.page == 9
    # the hold is said of Khan Younis only
    assert karmiel.status is PartnershipStatus.ACTIVE
    assert khan_younis.responsible == ("midtostenkomiteen",)
    assert karmiel.responsible == ("midtostenkomiteen",)
    assert "idrett" in karmiel.areas


def test_ore(pack, pages):
    ore = pack.get("ore")
    assert "Hamar er medlem av Osloregionens Europakontor (ORE) i Brussel" in pages[5]
    assert ore.organisation == "osloregionens-europakontor"
    assert ore.status is MembershipStatus.MEMBER
    assert "Strategiavdelingen er i dag kommunens representant i koordineringsgruppen" in pages[13]
    assert ore.responsible == ("strategiavdelingen",)
    assert {o.to for o in ore.outcomes} == {"competence", "project_work"}
    assert ore.perspective is Perspective.BOTH


def test_ks_representation(pack, pages):
    ks = pack.get("ks-brussel")
    assert "Alle norske kommuner er dessuten representert i Brussel gjennom KS sitt" in pages[10]
    assert ks.organisation == "ks-europakontor"
    assert "Representert, ikke eget medlemskap" in ks.statuses[-1].note


def test_departments(pack, pages):
    assert pack.get("strategiavdelingen").parent == "radmannens-stab"
    assert "i rådmannens stab får Strategiavdelingen" in pages[14]
    assert pack.get("resultatenheten-for-kultur").parent == "resultatenhetene"
    assert pack.get("midtostenkomiteen").kind.value == "committee"
    assert pack.get("formannskapet").kind.value == "committee"
    visit = pack.get("lykkes.politisk.tiltak-2")
    assert visit.responsible == ("formannskapet",)
    assert "formannskapet skal minst to ganger i løpet av valgperioden" in pages[14]


def test_big_lakes(pack, pages):
    big_lakes = pack.get("big-lakes")
    assert "budsjett: 4,8 mill NOK" in pages[10]
    assert (big_lakes.budget.value, big_lakes.budget.currency) == (4_800_000, "NOK")
    assert "interreg" in big_lakes.organisations
    assert len(big_lakes.partners) == 4
    assert any("Päijänne" in p for p in big_lakes.partners)


def test_hru_projects(pack):
    names = {p.name for p in pack.projects if "hamarregionen-utvikling" in p.organisations}
    assert names == {
        "Kompetansetilførsel for regional vekst og utvikling",
        "Næringslivet som motor for inkludering",
    }


def test_award_and_activities(pack, pages):
    award = pack.get("internasjonal-kommune-2006")
    assert "utnevnt til «Internasjonal kommune» av Fredskorpset og KS i 2006" in pages[11]
    assert award.kind is ProjectKind.AWARD
    assert award.period.start == "2006"
    assert set(award.organisations) == {"fredskorpset", "ks"}
    week = pack.get("internasjonal-uke")
    assert "Internasjonal uke skal arrangeres fram til 2015" in pages[12]
    assert week.period.end == "2015"
    assert week.responsible == ("resultatenheten-for-kultur",)
    assert pack.get("stoppested-verden").kind is ProjectKind.EVENT
    treklang = pack.get("treklang")
    assert "støttes av Nordisk kulturfond og Nordplus" in pages[8]
    assert set(treklang.organisations) == {"nordisk-kulturfond", "nordplus"}


def test_figures(pack, pages):
    eea = pack.get("andel-eos-saker")
    assert eea.value == 70 and eea.unit == "%"
    assert "over 70 %" in eea.as_printed
    assert pack.get("andel-innvandrere-innflyttere").as_printed.startswith("2/3 ")
    assert pack.get("sprak-i-hamarskolen").value == 38
    for figure in pack.figures:
        assert figure.as_printed in pages[figure.source.page], figure.id


def test_framing(pack, pages):
    framing = pack.get("rammeverk")
    assert framing.kind is StatementKind.FRAMING
    assert "«Hamar i verden» og «verden i Hamar»" in pages[6]
    placed = {
        entity_id: pack.get(entity_id).perspective
        for entity_id in framing.about
        if hasattr(pack.get(entity_id), "perspective")
    }
    assert placed["kosovo"] is Perspective.ABROAD
    assert placed["delmal-3"] is Perspective.ABROAD
    assert placed["fargo"] is Perspective.ABROAD
    assert placed["delmal-2"] is Perspective.BOTH
    assert placed["ore"] is Perspective.BOTH
    assert placed["delmal-4.strategi-3"] is Perspective.AT_HOME
    assert placed["internasjonal-uke"] is Perspective.AT_HOME
    assert placed["delmal-4"] is Perspective.AT_HOME
    assert all(p is not None for p in placed.values())
    # every partnership is placed, by the figure's «Vennskapsbyer»
    assert {p.id for p in pack.partnerships} <= set(framing.about)
    for item in (
        "Systemeksport/bistand",
        "Vennskapsbyer",
        "EU/EØS",
        "Osloregionens Europakontor",
        "Vertskapsrollen",
        "Internasjonal uke",
        "Integrering",
    ):
        assert item in framing.text and item in pages[6]


def test_responsible_only_where_named(pack):
    named = {m.id: m.responsible for m in pack.measures if m.responsible}
    assert named == {
        "delmal-2.strategi-3.tiltak-1": ("radmannens-stab",),
        "delmal-4.strategi-1.tiltak-1": ("resultatenheten-for-kultur",),
        "delmal-4.strategi-3.tiltak-1": ("servicekontoret", "radmannens-stab"),
        "lykkes.politisk.tiltak-2": ("formannskapet",),
        "lykkes.administrativt.tiltak-1": ("strategiavdelingen", "radmannen"),
        "lykkes.administrativt.tiltak-2": ("strategiavdelingen",),
        "lykkes.administrativt.tiltak-3": ("servicekontoret", "radmannens-stab"),
        "lykkes.administrativt.tiltak-4": ("resultatenhetene",),
    }


# --- provenance -----------------------------------------------------------------------------------

# Titles that are deliberately not verbatim, and why. Keep this list short.
ALLOW_NOT_VERBATIM = {
    # labels of figures are composed descriptions; their `as_printed` is checked instead
    ("figures", "andel-eos-saker"),
    ("figures", "andel-innvandrere-innflyttere"),
    ("figures", "sprak-i-hamarskolen"),
}


def _titles(pack):
    """(list, id, text, locator) for every title or name the pack carries."""
    for document in pack.documents:
        yield "documents", document.id, document.title, document.source
    for strategy in pack.strategies:
        yield "strategies", strategy.id, strategy.title, strategy.source
    for name in ("goals", "measures", "statements", "plan_goals"):
        for entity in getattr(pack, name):
            yield name, entity.id, entity.title, entity.source
    for name in ("departments", "organisations", "projects"):
        for entity in getattr(pack, name):
            yield name, entity.id, entity.name, entity.source
    for partnership in pack.partnerships:
        yield "partnerships", partnership.id, partnership.city, partnership.source
    for figure in pack.figures:
        yield "figures", figure.id, figure.label, figure.source
        yield "figures.as_printed", figure.id, figure.as_printed, figure.source


def test_every_title_is_found_on_its_cited_page(pack, pages):
    missing = []
    for kind, entity_id, title, locator in _titles(pack):
        if (kind, entity_id) in ALLOW_NOT_VERBATIM:
            continue
        # the seed document itself (no locator) is checked against its title page
        page = locator.page if locator is not None else 1
        if score(title, pages[page]) < THRESHOLD:
            missing.append((kind, entity_id, page, title, round(score(title, pages[page]), 2)))
        # a short name's consonant frame ("Lund" -> "ln") matches almost anywhere: demand the
        # name itself, letter for letter (case aside)
        elif len(skeleton(title)) < 8 and title.lower() not in pages[page].lower():
            missing.append((kind, entity_id, page, title, "not literally on the page"))
    assert missing == []


def test_membership_organisations_named_in_text(pack, pages):
    ore = pack.get("ore")
    assert score("Osloregionens Europakontor", pages[ore.source.page]) >= THRESHOLD
    # KS's Brussels office: the registry's name is not the text's; the text says
    # "KS sitt interessekontor" (page 10).
    ks = pack.get("ks-brussel")
    assert score("KS sitt interessekontor", pages[ks.source.page]) >= THRESHOLD


def test_nothing_from_the_unrelated_listing(pack, unrelated_tail):
    # Names that occur only in the unrelated listing after page 15 must not appear anywhere.
    dump = repr(pack.entities())
    for foreign in (
        "Barents",
        "Regionalplan kultur",
        "Eldrerådet",
        "Stange",
        "Rana",
        "Flå",
        "Trøndelag",
        "Larvik",
        "Hammerfest",
        "Molde",
        "AGDER",
        "Lunner",
        "Hitra",
        "Oppland",
        "KFUK",
        "Namdalseid",
        "Nord-Salten",
        "Vestfold",
        "IMDi",
    ):
        assert foreign in unrelated_tail
        assert foreign not in dump, foreign


class TestContract(PackContract):
    """munintl's pack contract, one test per rule (as every pack's tests inherit it)."""

    pack_name = "hamar"
