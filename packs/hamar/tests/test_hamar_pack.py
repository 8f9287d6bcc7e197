"""Tests of the Hamar pack against its seed, "Hamar – en internasjonal kommune. Strategi for
internasjonalt samarbeid 2010–2015" (../shared/seeds/hamar-strategy-2010-2015.txt).

The seed is a PDF's text with each page's number run into it ("7 Strategi for internasjonalt
samarbeid ..." starts page 7). The strategy is pages 1–15; what comes before page 1 is the
hosting web site's frame and what follows page 15 (from page 16 on) is an unrelated listing of
other documents. The provenance tests therefore look for each title on the very page its
locator cites, and never in the frame or the unrelated listing.
"""

# The quote tables hold the source's sentences whole, so some lines run past 100 characters.
# ruff: noqa: E501

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import attrs
import pytest

import munintl
from munintl.model import (
    UNRECORDED,
    Evidence,
    GoalLevel,
    Link,
    Locator,
    MembershipStatus,
    Perspective,
    ProjectKind,
    StatementKind,
    StrategyStatus,
)
from munintl.testing import THRESHOLD, PackContract, read_seeds, score, skeleton

REPO_ROOT = Path(__file__).resolve().parents[3]
SEEDS = Path(os.environ.get("MUNINTL_SEEDS", REPO_ROOT / ".." / "shared" / "seeds"))
SEED_FILES = {"strategy-2010": "hamar-strategy-2010-2015.txt"}
LAST_PAGE = 15


@pytest.fixture(scope="module")
def pack():
    return munintl.load_pack("hamar")


def _seed_text(document: str) -> str:
    return read_seeds(SEEDS, {document: SEED_FILES[document]})[document]


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
    assert strategy.status_basis.evidence is Evidence.STATED
    assert strategy.status_basis.source.page == 1
    assert "Vedtatt av Kommunestyret" in pages[1]
    # nothing in the source says whether it is in force after 2015
    assert strategy.in_force is None and strategy.in_force_basis is None
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
    # Page 9 puts a project on hold, not the partnership, and calls neither relation active:
    # both statuses are unknown.
    assert "men prosjektet er stilt i bero til situasjonen i Midtøsten er avklart" in pages[9]
    assert "Khan Younis og Karmiel, er i dag preget av den spente situasjonen" in pages[9]
    assert khan_younis.status is None and khan_younis.status_basis is None
    assert karmiel.status is None and karmiel.status_basis is None
    assert "prosjektet er stilt i bero" in khan_younis.description
    assert khan_younis.source.page == karmiel.source.page == 5
    assert "Khan Younis (Gaza) i Palestina Karmiel i Israel" in pages[5]
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


# --- locators: every (section, page) pair is one the text has -------------------------------------

# Each section the pack cites, with the pages it spans (read off the page markers); the heading
# itself (without its number where the page prints none) starts on the first of them.
SECTION_PAGES = {
    "1.1 Hvorfor internasjonalt samarbeid og strategi?": (4,),
    "1.2 Forankring og sammenheng": (4,),
    "2. Hamar kommunes internasjonale samarbeid": (5, 6),
    "3.1 Hovedmål": (7,),
    "Delmål 1": (8, 9),
    "Delmål 2": (10,),
    "Delmål 3": (11,),
    "Delmål 4": (12,),
    "Hvordan lykkes med det internasjonale samarbeidet?": (13, 14),
    "4.1 Politisk organisering": (13,),
    "4.2 Administrativ organisering": (13,),
    "4.3 Hamar kommune som arbeidsgiver": (13,),
    "4.4 Samarbeid med aktører i Hamarregionen": (14,),
    "5. Aktuelle dokumenter og nettsteder": (15,),
}


def _printed_heading(section: str) -> str:
    # page 5 prints "Hamar kommunes internasjonale samarbeid" without its number "2."
    return section.removeprefix("2. ")


def _heading_at(page_text: str, section: str) -> int:
    heading = _printed_heading(section)
    # "Delmål 1" also occurs in page 7's list of sub-goals; a section starts where the heading
    # is followed by its own text, i.e. its last occurrence on its first page
    return page_text.rfind(heading)


def section_text(pages, section: str | None, page: int) -> str:
    """The part of a page that belongs to a section: from its heading (or the page's start, on a
    page it continues onto) to the next heading of a section on that page."""
    text = pages[page]
    if section is None:
        return text
    own = _heading_at(text, section) if page == SECTION_PAGES[section][0] else 0
    later = [
        _heading_at(text, other)
        for other, span in SECTION_PAGES.items()
        if span[0] == page and other != section and not _contains(section, other)
    ]
    ends = [at for at in later if at > own]
    return text[own : min(ends, default=len(text))]


def _contains(outer: str, inner: str) -> bool:
    """Whether section ``inner`` lies inside section ``outer`` (4.1 inside section 4)."""
    return outer.startswith("Hvordan lykkes") and inner[:2] in ("4.",)


def test_section_headings_start_on_their_first_page(pages):
    for section, span in SECTION_PAGES.items():
        assert _heading_at(pages[span[0]], section) >= 0, section


def _locators(value):
    if isinstance(value, Locator):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _locators(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _locators(getattr(value, field.name))


def test_every_locator_names_a_page_its_section_spans(pack):
    wrong = []
    for entity in pack.entities():
        for locator in _locators(entity):
            if locator.section is None:
                continue
            if locator.page not in SECTION_PAGES.get(locator.section, ()):
                wrong.append((entity.id, locator.section, locator.page))
    assert wrong == []


def test_section_4_strategy_lines_cite_page_14(pack, pages):
    # the headings «Politisk», «Administrativt», «Ressurser» stand in page 14's block; sections
    # 4.1-4.3 themselves are on page 13
    for goal_id in ("lykkes.politisk", "lykkes.administrativt", "lykkes.ressurser"):
        goal = pack.get(goal_id)
        assert goal.source.page == 14
        assert goal.title in section_text(pages, goal.source.section, 14)
    assert "4.1 Politisk organisering" in pages[13]


# --- statuses: each has its evidence, and a stated one quotes its sentence ------------------------

# The sentence stating each stated status, by (entity id, what).
STATUS_QUOTES = {
    ("hamar-2010", "status"): "Vedtatt av Kommunestyret",
    ("ore", "member"): "Hamar er medlem av Osloregionens Europakontor (ORE) i Brussel",
    ("ks-brussel", "represented"): (
        "Alle norske kommuner er dessuten representert i Brussel gjennom KS sitt interessekontor"
    ),
}


def _bases(pack):
    """(entity id, what, Basis) for every status the pack gives."""
    for strategy in pack.strategies:
        yield strategy.id, "status", strategy.status_basis
        if strategy.in_force is not None:
            yield strategy.id, "in_force", strategy.in_force_basis
    for membership in pack.memberships:
        for entry in membership.statuses:
            yield membership.id, entry.status.value, entry.basis
    for partnership in pack.partnerships:
        if partnership.status is not None:
            yield partnership.id, "status", partnership.status_basis


def test_every_status_has_evidence(pack):
    for entity_id, what, basis in _bases(pack):
        assert basis is not None, (entity_id, what)
        if basis.evidence is Evidence.INFERRED:
            assert basis.rationale, (entity_id, what)
            assert basis.rationale != UNRECORDED, (entity_id, what, "placeholder left")
        else:
            assert basis.source is not None, (entity_id, what)


def test_stated_statuses_quote_the_sentence_on_the_cited_page(pack, pages):
    stated = {
        (entity_id, what): basis
        for entity_id, what, basis in _bases(pack)
        if basis.evidence is Evidence.STATED
    }
    assert set(stated) == set(STATUS_QUOTES)
    for key, basis in stated.items():
        where = section_text(pages, basis.source.section, basis.source.page)
        assert STATUS_QUOTES[key] in where, key


def test_no_partnership_status_beyond_the_text(pack):
    # no sentence says of any twin city that the partnership is active, on hold or ended
    assert [p.id for p in pack.partnerships if p.status is not None] == []


# --- stated links: each quotes the sentence stating it --------------------------------------------

# The sentence stating each stated link, by "entity field target".
LINK_QUOTES = {
    "hovedmal plan_goals kommuneplan.visjon": "Det internasjonale samarbeidet støtter opp under visjonen i kommuneplanen",
    "ore serves delmal-2": "Osloregionens Europakontor (ORE) er en viktig medspiller i dette arbeidet",
    "ore serves delmal-2.strategi-1": "Strategi: Hamar kommune skal benytte seg av kompetansen hos Osloregionens Europakontor",
    "ore outcomes competence": "benytte seg av tilbud om kompetanseheving knyttet til EU/ EØS-samarbeidet",
    "ore outcomes project_work": "Osloregionens Europakontor (ORE) er en viktig medspiller i dette arbeidet",
    **{
        f"{city} serves delmal-1": "Samarbeidet med de nordiske vennskapsbyene og Greifswald foregår"
        for city in ("lund", "viborg", "borga", "dalvik", "greifswald")
    },
    **{
        f"{city} serves delmal-2.strategi-2": "søke prosjektmidler sammen med de nordiske vennskapsbyene og Greifswald"
        for city in ("lund", "viborg", "borga", "dalvik", "greifswald")
    },
    **{
        f"{city} serves delmal-3.strategi-1": "benytte kontakter i de nordiske vennskapsbyene"
        for city in ("lund", "viborg", "borga", "dalvik")
    },
    "greifswald serves delmal-1.strategi-2": "legge til rette for deltakelse fra Hamar ved festivalen Nordischer Klang i Greifswald",
    "fargo serves delmal-1": "Vennskapsbysamarbeidet med Fargo er hovedsakelig basert på",
    "khan-younis serves delmal-1": "Samarbeidet med vennskapsbyene i Midtøsten; Khan Younis og Karmiel",
    "karmiel serves delmal-1": "Samarbeidet med vennskapsbyene i Midtøsten; Khan Younis og Karmiel",
    "khan-younis serves delmal-3": "erfaring fra dette fra for eksempel Kosovo og fra vennskapsbysamarbeidet i Midtøsten",
    "karmiel serves delmal-3": "erfaring fra dette fra for eksempel Kosovo og fra vennskapsbysamarbeidet i Midtøsten",
    "kosovo serves delmal-3": "erfaring fra dette fra for eksempel Kosovo",
    "treklang serves delmal-1.strategi-1": "gjennomføre Treklang og flere felles prosjekter",
    "nordischer-klang serves delmal-1.strategi-2": "legge til rette for deltakelse fra Hamar ved festivalen Nordischer Klang",
    "internasjonal-uke serves delmal-4.strategi-1": "løfte fram internasjonal uke som et viktig årlig arrangement",
}


def test_stated_links_quote_the_sentence_on_the_cited_page(pack, pages):
    stated = {
        f"{entity.id} {field} {link.to}": link
        for entity in pack.entities()
        for field, link in _links(entity)
        if link.evidence is Evidence.STATED
    }
    # a new stated link needs its sentence here; a link made inferred leaves the table
    assert set(stated) == set(LINK_QUOTES)
    for key, link in stated.items():
        where = section_text(pages, link.source.section, link.source.page)
        assert LINK_QUOTES[key] in where, key


def test_middle_east_link_rests_on_the_twin_cities_named_on_page_9(pages):
    # "vennskapsbysamarbeidet i Midtøsten" (page 11) is the cooperation with these two
    assert "vennskapsbyene i Midtøsten; Khan Younis og Karmiel" in pages[9]


# --- quoted text: found in the section and on the page its locator names --------------------------

# Statement texts composed by the curator from a figure or a list (not one run of the document's
# sentences); their titles are still checked.
COMPOSED_TEXTS = {"rammeverk", "sentrale-omrader", "dokumentliste", "nordisk-strategi-innhold"}


def _sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.;])\s+", text) if len(skeleton(part)) >= 8]


def test_titles_are_in_the_section_of_their_cited_page(pack, pages):
    missing = []
    for kind, entity_id, title, locator in _titles(pack):
        if (kind, entity_id) in ALLOW_NOT_VERBATIM or locator is None:
            continue
        where = section_text(pages, locator.section, locator.page)
        if score(title, where) < THRESHOLD:
            missing.append((kind, entity_id, locator.section, locator.page, title))
    assert missing == []


def test_document_texts_are_in_the_section_of_their_cited_page(pack, pages):
    missing = []
    entities = [*pack.statements, *(g for g in pack.goals if g.text)]
    for entity in entities:
        if entity.id in COMPOSED_TEXTS or entity.text is None:
            continue
        where = section_text(pages, entity.source.section, entity.source.page)
        for sentence in _sentences(entity.text):
            if score(sentence, where) < THRESHOLD:
                missing.append((entity.id, entity.source.page, sentence))
    assert missing == []


# --- commitments and aims of the prose (issue #19) ----------------------------------------------

# Every "skal" sentence of the strategy's prose (outside the "Strategi:" lines and their
# measures, which the counts above cover), with the entity that carries it.
PROSE_COMMITMENTS = {
    "innledning-europeisk-engasjement": "Vennskapsbysamarbeidet skal, sammen med en mer aktiv rolle overfor EU",
    "innledning-globalt-engasjement": "Videre skal Hamar vise et globalt engasjement",
    "innledning-internasjonal-sammenheng": "Vi skal arbeide for å plassere kommunen",
    "innledning-kompetanseutveksling": "Kompetanseutveksling i kommunesektoren skal stå i fokus",
    "innledning-inkluderende-lokalsamfunn": "Denne strategien skal legge til rette",
    "innledning-kunnskap-og-interesse": "Videre skal strategien bidra til å skape økt kunnskap",
    "forankring-gi-retning": "Den internasjonale strategien skal gi retning",
    "hovedmal": "Gjennom internasjonalt samarbeid skal vi dele kunnskap",
    "prinsipp-integrert": "I Hamar kommune skal internasjonale perspektiver og aktiviteter",
    "dorapner-vennskapsbyer": "Hamar kommune skal også utnytte sitt brede kontaktnett",
    "nordisk-strategi-innhold": "samarbeidet skal være til gjensidig nytte",
    "spre-kunnskap": "Gjennom internasjonalt engasjement skal kommunen bidra til å spre kunnskap",
    "vedtak-internasjonal-uke": "Internasjonal uke skal arrangeres fram til 2015",
    "politisk-signal": "internasjonal aktivitet skal prioriteres i Hamar",
    "vedtak-vennskapsbybudsjett": "vennskapsbysamarbeidet skal ha et eget budsjett",
    "arbeidsgiver-tilrettelegge": "Det skal legges til rette for deltakelse i internasjonal aktivitet",
}


def test_prose_commitments_are_carried(pack, pages):
    for entity_id, words in PROSE_COMMITMENTS.items():
        entity = pack.get(entity_id)
        carried = " ".join(filter(None, (entity.title, getattr(entity, "text", None))))
        assert score(words, carried) >= THRESHOLD, entity_id
        where = section_text(pages, entity.source.section, entity.source.page)
        assert score(words, where) >= THRESHOLD, entity_id


def test_section_4_3_employer(pack, pages):
    employer = [
        s for s in pack.statements if s.source.section == "4.3 Hamar kommune som arbeidsgiver"
    ]
    assert {s.id for s in employer} == {"arbeidsgiver-rolle", "arbeidsgiver-tilrettelegge"}
    assert "4.3 Hamar kommune som arbeidsgiver Hamar kommune må være bevisst" in pages[13]


class TestContract(PackContract):
    """munintl's pack contract, one test per rule (as every pack's tests inherit it)."""

    pack_name = "hamar"
