"""Tests of the Oslo pack against its seed: byrådssak 98/23, "Strategi for Oslo kommunes
internasjonale arbeid" (25.05.2023).

Counts the issue names, a set of facts checked against the seed text, and a provenance test
that finds every title and name the pack carries in the seed text its locator cites.
"""

# The project writes test assertions as `expected == actual`, which ruff's SIM300 calls Yoda.
# The quote tables hold the source's sentences whole, so some lines run past 100 characters.
# ruff: noqa: SIM300, E501

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import attrs
import pytest

import munintl
from munintl import provenance, reference
from munintl.model import UNRECORDED, Evidence, Goal, Link, Locator, Pack
from munintl.testing import PackContract, read_seeds

REPO_ROOT = Path(__file__).resolve().parents[3]
SEEDS = Path(os.environ.get("MUNINTL_SEEDS", REPO_ROOT.parent / "shared" / "seeds"))
SEED_FILES = {"byradssak-98-23": "oslo-strategy-2023-byradssak-98-23.txt"}
SEED_ID = "byradssak-98-23"

# Titles and names that are deliberately not verbatim in the seed.
ALLOWED_NOT_VERBATIM = {
    # The seed misspells the agency as "Beredskapetsetaten"; the pack carries its real name
    # (the department's note records the printed form).
    "Beredskapsetaten",
}


@pytest.fixture(scope="module")
def pack() -> Pack:
    return munintl.load_pack("oslo")


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    return read_seeds(SEEDS, SEED_FILES)


@pytest.fixture(scope="module")
def seed(seeds: dict[str, str]) -> str:
    return seeds[SEED_ID]


def _section(seed: str, heading: str, next_heading: str) -> str:
    """The seed text between a heading line and the next heading line given."""
    start = seed.index(f"\n{heading}\n")
    end = seed.index(f"\n{next_heading}\n", start + 1)
    return seed[start:end]


def _goal(pack: Pack, goal_id: str) -> Goal:
    goal = pack.get(goal_id)
    assert isinstance(goal, Goal)
    return goal


# --- counts -------------------------------------------------------------------------------------


def test_one_purpose(pack: Pack) -> None:
    purposes = [g for g in pack.goals if g.level == "purpose"]
    assert 1 == len(purposes)
    assert "formål" == purposes[0].label


def test_four_focus_areas_each_with_one_goal(pack: Pack) -> None:
    areas = [g for g in pack.goals if g.level == "focus_area"]
    assert ["1", "2", "3", "4"] == [a.number for a in areas]
    assert {"innsatsområde"} == {a.label for a in areas}
    for area in areas:
        assert "formal" == area.parent
        children = pack.children(area.id)
        assert 1 == len(children)
        assert "main_goal" == children[0].level
        assert "mål" == children[0].label


def test_sixteen_commitments_four_six_six(pack: Pack) -> None:
    commitments = [m for m in pack.measures if m.kind == "commitment"]
    assert 16 == len(commitments)
    per_area = Counter(_goal(pack, m.goal).parent for m in commitments)
    expected = {"innsatsomrade-1": 4, "innsatsomrade-2": 6, "innsatsomrade-3": 6}
    assert expected == dict(per_area)


def test_commitments_are_the_seeds_bullets(pack: Pack, seed: str) -> None:
    """Every bullet after an "Oslo kommune skal" line is a commitment, in the seed's order."""
    bullets = []
    for block in seed.split("Oslo kommune skal\n")[1:]:
        block = block.split("\nInnsatsområde ")[0]
        bullets += [line[2:].strip() for line in block.splitlines() if line.startswith("- ")]
    titles = [m.title for m in pack.measures if m.kind == "commitment"]
    assert bullets == titles


def test_prerequisites_under_focus_area_4(pack: Pack) -> None:
    prerequisites = [m for m in pack.measures if m.kind == "prerequisite"]
    assert 4 == len(prerequisites)
    assert {"innsatsomrade-4-mal"} == {m.goal for m in prerequisites}


def test_principles_findings_peers(pack: Pack) -> None:
    principles = [s for s in pack.statements if s.kind == "principle"
                  and s.source.section == "Prinsipper for internasjonalt arbeid i Oslo kommune"]
    assert 6 == len(principles)
    assert 7 == len([s for s in pack.statements if s.kind == "finding"])
    peers = {(p.city, p.country) for p in pack.partnerships if p.kind == "peer"}
    assert {("Stockholm", "SE"), ("København", "DK"), ("Amsterdam", "NL")} == peers


def test_every_focus_area_and_commitment_has_a_theme(pack: Pack) -> None:
    for goal in pack.goals:
        if goal.level == "focus_area":
            assert goal.themes, goal.id
    for measure in pack.measures:
        assert measure.themes, measure.id


# --- facts against the seed ---------------------------------------------------------------------


def test_municipality(pack: Pack) -> None:
    assert "Oslo" == pack.municipality.name
    assert "0301" == pack.municipality.code


def test_the_case(pack: Pack, seed: str) -> None:
    case = pack.get(SEED_ID)
    assert "2023-05-25" == case.date
    assert "Byrådet, den 25.05.2023" in seed
    assert "98/23" == case.case_number
    assert "Byrådssak 98/23" in seed
    assert ("Raymond Johansen",) == case.signed_by
    assert "Byrådet, den 25.05.2023\n\nRaymond Johansen" in seed


def test_bystyre_request_of_25_may_2022(pack: Pack, seed: str) -> None:
    request = pack.get("vedtak-bystyret-2022-05-25")
    assert "decision" == request.kind
    assert request.title in seed
    assert "25.mai 2022" in request.title


def test_proposed_decision_kept_as_printed(pack: Pack, seed: str) -> None:
    point_1 = pack.get("innstilling-punkt-1")
    point_2 = pack.get("innstilling-punkt-2")
    assert "1. Bystyret tar Strategi for Oslo kommunes internasjonale arbeid til orientering." \
        == f"1. {point_1.title}"
    assert f"1. {point_1.title}" in seed
    assert f"2. {point_2.title}" in seed
    # The document's own number, not the "corrected" one; the discrepancy is a note.
    assert "sak 143/19" in point_2.title
    assert 2 == seed.count("byrådssak 143/09")
    note = pack.get("note-sak-143-19")
    assert "note" == note.kind
    assert {"innstilling-punkt-2", "strategi-2010"} <= set(note.about)


def test_strategies(pack: Pack, seed: str) -> None:
    new, old = pack.get("strategi-2023"), pack.get("strategi-2010")
    assert "proposed" == new.status  # the seed is the byråd's innstilling
    assert new is pack.strategy
    assert ("strategi-2010",) == new.supersedes
    # The case calls the 2010 strategy the current one ("gjeldende") six times and only
    # proposes to repeal it: adopted, not superseded; whether either is in force is unknown.
    assert 6 == seed.lower().count("gjeldende")
    assert "adopted" == old.status
    assert new.in_force is None and new.in_force_basis is None
    assert old.in_force is None and old.in_force_basis is None
    assert "143/09" == old.case_number
    assert "2010" == pack.get(old.document).date
    replaces = ("Den nye strategien erstatter Strategi for Oslo kommunes internasjonale "
                "arbeid fra 2010")
    assert replaces in seed


def test_purpose(pack: Pack, seed: str) -> None:
    purpose = _goal(pack, "formal")
    expected = ("Internasjonalt arbeid i Oslo kommune skal bidra til nå kommunens mål og fremme "
                "bærekraftig utvikling i Oslo og i verden")
    assert expected == purpose.title
    assert f"Formål\n\n{expected}." in seed


def test_focus_area_goals(pack: Pack, seed: str) -> None:
    expected = {
        "innsatsomrade-1": ("Læring, innovasjon og utvikling",
                            "Oslo kommune fremmer læring og utvikler gode kommunale tjenester "
                            "gjennom internasjonalt arbeid"),
        "innsatsomrade-2": ("Innflytelse",
                            "Oslo kommune deltar i internasjonale prosesser og påvirker "
                            "beslutninger som tas på overnasjonalt nivå i tråd med kommunens "
                            "interesser"),
        "innsatsomrade-3": ("Globalt samfunnsansvar",
                            "Oslo kommune bidrar til å løse globale utfordringer"),
        "innsatsomrade-4": ("Kompetanse og kultur for internasjonalt arbeid",
                            "Oslo kommunes internasjonale arbeid er profesjonelt og kjennetegnes "
                            "av strategisk innretning, langsiktighet og nysgjerrighet"),
    }
    for area_id, (title, goal) in expected.items():
        area = _goal(pack, area_id)
        assert title == area.title
        assert goal == pack.children(area_id)[0].title
        assert f"Innsatsområde {area.number}) {title}\n\nMål: {goal}\n" in seed


def test_sdg_17_stated_for_focus_area_3_only(pack: Pack, seed: str) -> None:
    area_3 = _goal(pack, "innsatsomrade-3")
    stated = [link for link in area_3.sdgs if link.evidence is Evidence.STATED]
    assert ["17"] == [link.to for link in stated]
    section = stated[0].source.section
    assert "Innsatsområde 3) Globalt samfunnsansvar" == section
    area_4 = "Innsatsområde 4) Kompetanse og kultur for internasjonalt arbeid"
    text = _section(seed, section, area_4)
    assert "spesielt mål 17, som handler om samarbeid for å nå målene" in text
    assert "ha et særlig fokus på FNs bærekraftsmål nr. 17" in text
    assert ["17"] == [link.to for link in pack.strategy.sdg_focus]
    # Every other SDG link in the pack is inferred.
    stated_elsewhere = {
        (entity.id, link.to)
        for entity in pack.entities()
        for link in getattr(entity, "sdgs", ())
        if link.evidence is Evidence.STATED
    }
    assert {("innsatsomrade-3", "17"), ("io3-skal-1", "17")} == stated_elsewhere


def test_impetus(pack: Pack, seed: str) -> None:
    impetus = pack.get("impetus")
    assert ("beredskapsetaten",) == impetus.responsible
    assert ("horizon-europe",) == impetus.organisations
    assert "Beredskapetsetaten, som har deltatt i EU-prosjektet IMPETUS" in seed
    assert "Prosjektet er fullfinansiert av EUs forsknings- og innovasjonsprogram." in seed
    figures = {f.id: f for f in pack.figures}
    assert 11 == figures["fig-ovelse-virksomheter"].value
    assert 170 == figures["fig-ovelse-deltakere"].value
    assert 40 == figures["fig-ovelse-land"].value
    assert "170 deltakere fra 40 land" in seed
    assert "deltakelse fra 11 virksomheter i kommunen" in seed


def test_eurocities_working_group_and_membership(pack: Pack, seed: str) -> None:
    group = pack.get("eurocities-arbeidsgruppe-avfall")
    assert ("renovasjons-og-gjenvinningsetaten",) == group.responsible
    assert ("eurocities",) == group.organisations
    assert "Renovasjons- og gjenvinningsetaten over flere år ledet en arbeidsgruppe i " \
        "Eurocities" in seed
    membership = pack.get("eurocities")
    assert "member" == membership.status
    assert "en europeisk interesseorganisasjon for storbyer som Oslo er medlem av" in seed


def test_c40_membership_status_unknown(pack: Pack, seed: str) -> None:
    # The case speaks of taking part in C40, never of membership.
    assert () == pack.get("c40").statuses
    assert "deltakelse i det globale klimanettverket for byer, C40" in seed
    c40_paragraph = next(par for par in seed.split("\n\n") if "C40" in par)
    assert "medlem" not in c40_paragraph


def test_c40(pack: Pack, seed: str) -> None:
    assert "c40" == pack.get("c40").organisation
    office = pack.get("c40-kontor-oslo")
    assert ("c40",) == office.organisations
    assert "etableringen av et C40-kontor i Oslo" in seed
    sharing = pack.get("c40-klimabudsjett-byggeplasser")
    for city in ("London", "New York", "Mumbai"):
        assert city in sharing.description
    assert "byer som London, New York og Mumbai nå utvikler klimabudsjett" in seed


def test_ukraine_support(pack: Pack, seed: str) -> None:
    grant = pack.get("ukraina-flyktninghjelpen")
    assert 10_000_000 == grant.budget.value
    assert "NOK" == grant.budget.currency
    assert ("flyktninghjelpen",) == grant.organisations
    assert "10 millioner kroner i støtte til Flyktningshjelpens arbeid i Ukraina" in seed
    assert "2022-02" == pack.get("ukraina-solidaritet").period.start
    assert "invasjonen av Ukraina i februar 2022" in seed
    assert ("eurocities",) == pack.get("eurocities-ukraina-gjenoppbygging").organisations


def test_coordinating_unit_and_related_strategies(pack: Pack, seed: str) -> None:
    office = pack.get("internasjonalt-kontor")
    assert "byradslederens-kontor" == office.parent
    assert "Internasjonalt kontor ved Byrådslederens kontor skal koordinere" in seed
    assert "2015" == pack.get("profileringsstrategi-2015").date
    assert "Internasjonal profileringsstrategi for Osloregionen fra 2015" in seed
    assert "2023" == pack.get("barekraftig-reisemal-2023").date
    assert "Strategi for Oslo som bærekraftig reisemål av 2023" in seed


# --- provenance -----------------------------------------------------------------------------------


def _titles(pack: Pack) -> list[tuple[str, str, Locator | None]]:
    """(what, text, locator) for every title and name the pack carries."""
    out: list[tuple[str, str, Locator | None]] = []
    for doc in pack.documents:
        out.append((doc.id, doc.title, doc.source or Locator(document=doc.id, section="title")))
    for kind in ("strategies", "goals", "measures", "statements"):
        out += [(e.id, e.title, e.source) for e in getattr(pack, kind)]
    out += [(g.id + " text", g.text, g.source) for g in pack.goals if g.text]
    out += [(d.id, d.name, d.source) for d in pack.departments]
    out += [(p.id, p.name, p.source) for p in pack.projects]
    out += [(p.id, p.city, p.source) for p in pack.partnerships]
    out += [(f.id, f.as_printed, f.source) for f in pack.figures]
    return out


def test_every_title_is_in_its_seed(pack: Pack, seeds: dict[str, str]) -> None:
    missing = []
    for what, text, locator in _titles(pack):
        assert locator is not None, what
        seed_text = seeds[locator.document]
        if text in ALLOWED_NOT_VERBATIM:
            assert provenance.score(text, seed_text) < provenance.THRESHOLD, (
                f"{text!r} is found after all: take it off the allow-list")
            continue
        if provenance.score(text, seed_text) < provenance.THRESHOLD:
            missing.append((what, text))
    assert [] == missing


def test_membership_organisations_are_named_in_the_seed(pack: Pack, seed: str) -> None:
    registry = reference.organisations()
    for membership in pack.memberships:
        organisation = registry[membership.organisation]
        names = (organisation.name, *organisation.aliases)
        assert any(name in seed for name in names), membership.id


def _locators(value: object) -> list[Locator]:
    if isinstance(value, Locator):
        return [value]
    if isinstance(value, tuple):
        return [loc for item in value for loc in _locators(item)]
    if attrs.has(type(value)):
        return [loc for field in attrs.fields(type(value))
                for loc in _locators(getattr(value, field.name))]
    return []


def test_every_section_is_a_heading_of_its_seed(pack: Pack, seeds: dict[str, str]) -> None:
    for entity in pack.entities():
        for locator in _locators(entity):
            assert locator.document in seeds, (entity.id, locator.document)
            if locator.section is not None:
                lines = {line.strip().rstrip(":") for line in seeds[locator.document].splitlines()}
                assert locator.section in lines, (entity.id, locator.section)


def test_every_stated_link_has_a_source(pack: Pack) -> None:
    for entity in pack.entities():
        for field in attrs.fields(type(entity)):
            value = getattr(entity, field.name)
            if isinstance(value, tuple):
                for link in value:
                    if isinstance(link, Link) and link.evidence is Evidence.STATED:
                        assert link.source is not None, (entity.id, field.name, link.to)


# --- sections: the seed's headings and the text under each ----------------------------------------

# Every heading line of the seed a locator may name, with its level: a section runs from its
# heading line to the next heading of the same or a higher level. The strategy proper (headed by
# its title, the second time the title stands alone on a line) sits between the Saksfremstilling's
# introduction and "Byrådet bemerker".
HEADING_LEVELS = {
    "Strategi for Oslo kommunes internasjonale arbeid": 1,
    "Sammendrag": 1,
    "Byrådet innstiller til bystyret å fatte følgende vedtak": 2,
    "Saksfremstilling": 1,
    "Bakgrunn": 2,
    "Innledning": 2,
    "Byenes rolle i internasjonalt arbeid": 3,
    "Prinsipper for internasjonalt arbeid i Oslo kommune": 2,
    "Formål": 2,
    "Innsatsområder": 2,
    "Innsatsområde 1) Læring, innovasjon og utvikling": 2,
    "Innsatsområde 2) Innflytelse": 2,
    "Innsatsområde 3) Globalt samfunnsansvar": 2,
    "Innsatsområde 4) Kompetanse og kultur for internasjonalt arbeid": 2,
    "Byrådet bemerker": 1,
    "Lover og regelverk, tidligere vedtak": 1,
    "Økonomiske og administrative konsekvenser": 1,
    "Vedlegg": 1,
}


def section_text(seed: str, section: str | None) -> str:
    """The seed's text under every occurrence of a heading (the whole seed for None)."""
    if section is None:
        return seed
    lines = seed.splitlines()
    heads = [line.strip().rstrip(":") for line in lines]
    level = HEADING_LEVELS[section]
    parts = []
    for start, head in enumerate(heads):
        if head != section:
            continue
        end = next(
            (
                i
                for i in range(start + 1, len(lines))
                if HEADING_LEVELS.get(heads[i], 99) <= level
            ),
            len(lines),
        )
        parts.append("\n".join(lines[start:end]))
    assert parts, section
    return "\n".join(parts)


def test_every_cited_section_is_a_known_heading(pack: Pack) -> None:
    for entity in pack.entities():
        for locator in _locators(entity):
            if locator.section is not None:
                assert locator.section in HEADING_LEVELS, (entity.id, locator.section)


def test_sections_split_where_the_seed_does(seed: str) -> None:
    strategy = section_text(seed, "Strategi for Oslo kommunes internasjonale arbeid")
    assert "Formål" in strategy and "Byrådet bemerker" not in strategy
    assert "Mer enn halvparten" in section_text(seed, "Byenes rolle i internasjonalt arbeid")
    area_2 = section_text(seed, "Innsatsområde 2) Innflytelse")
    assert "ta initiativ og ledelse" in area_2 and "Globalt samfunnsansvar" not in area_2
    assert "Saksfremstilling" not in section_text(seed, "Sammendrag")


def test_titles_are_in_the_section_they_cite(pack: Pack, seeds: dict[str, str]) -> None:
    missing = []
    for what, text, locator in _titles(pack):
        if text in ALLOWED_NOT_VERBATIM or locator is None:
            continue
        seed_text = seeds[locator.document]
        # the seed itself is cited by its "title" (see _titles)
        section = None if locator.section == "title" else locator.section
        if provenance.score(text, section_text(seed_text, section)) < provenance.THRESHOLD:
            missing.append((what, locator.section, text))
    assert [] == missing


def _sentences(text: str) -> list[str]:
    parts = [part.strip("… ") for part in text.replace("?", ".").split(". ")]
    return [part for part in parts if len(provenance.skeleton(part)) >= 8]


def test_statement_texts_are_in_the_section_they_cite(pack: Pack, seed: str) -> None:
    # Notes carry the curator's explanation (in English); decisions add where they stand.
    missing = []
    for statement in pack.statements:
        if statement.kind in ("note", "decision") or statement.text is None:
            continue
        where = section_text(seed, statement.source.section)
        for sentence in _sentences(statement.text):
            if provenance.score(sentence, where) < provenance.THRESHOLD:
                missing.append((statement.id, sentence))
    assert [] == missing


# --- statuses: each has its evidence, and a stated one quotes its sentence ------------------------

STATUS_QUOTES = {
    ("strategi-2023", "status"): "Byrådet legger nå frem Strategi for Oslo kommunes internasjonale arbeid",
    ("strategi-2010", "status"): "Byrådets vedtak i sak 143/19, Strategi for Oslo kommunes internasjonale arbeid",
    ("eurocities", "member"): "en europeisk interesseorganisasjon for storbyer som Oslo er medlem av",
}


def _bases(pack: Pack):
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


def test_every_status_has_evidence(pack: Pack) -> None:
    for entity_id, what, basis in _bases(pack):
        assert basis is not None, (entity_id, what)
        if basis.evidence is Evidence.INFERRED:
            assert basis.rationale and basis.rationale != UNRECORDED, (entity_id, what)
        else:
            assert basis.source is not None, (entity_id, what)


def test_stated_statuses_quote_the_sentence_in_the_cited_section(pack: Pack, seed: str) -> None:
    stated = {
        (entity_id, what): basis
        for entity_id, what, basis in _bases(pack)
        if basis.evidence is Evidence.STATED
    }
    assert set(STATUS_QUOTES) == set(stated)
    for key, basis in stated.items():
        assert STATUS_QUOTES[key] in section_text(seed, basis.source.section), key


# --- stated links: each quotes the sentence stating it --------------------------------------------

_IO3 = "Innsatsområde 3) Globalt samfunnsansvar"
LINK_QUOTES = {
    "strategi-2023 sdg_focus 17": "ha et særlig fokus på FNs bærekraftsmål nr. 17",
    "innsatsomrade-3 sdgs 17": "Internasjonalt arbeid er et viktig bidrag i arbeidet med bærekraftsmålene, spesielt mål 17",
    "io3-skal-1 sdgs 17": "ha et særlig fokus på FNs bærekraftsmål nr. 17",
    "eurocities serves innsatsomrade-2": "Innsatsområde 2) Innflytelse er også et prioritert område i gjeldende strategi, og det gjøres mye bra innenfor dette området i dag. For eksempel har Renovasjons- og gjenvinningsetaten over flere år ledet en arbeidsgruppe i Eurocities",
    "eurocities outcomes influence": "har Renovasjons- og gjenvinningsetaten gitt Oslo kommune økt innflytelse",
    "eurocities outcomes competence": "Dette har gitt Oslo kommune kunnskap om hvilke regelverksendringer som diskuteres i EU",
    "eurocities outcomes profiling": "bygget et godt omdømme for Oslo i EU",
    "c40 serves innsatsomrade-3": "Et eksempel på hvordan Oslo kommune tar et globalt samfunnsansvar er at kommunen deler kunnskap og løsninger med andre byer for å fremme bærekraftig utvikling i globalt. For eksempel gjøres dette gjennom deltakelse i det globale klimanettverket for byer, C40",
    "impetus serves innsatsomrade-1": "Et eksempel på dette er Beredskapetsetaten, som har deltatt i EU-prosjektet IMPETUS",
    "beredskapsovelse serves innsatsomrade-1": "Prosjektet bidro til at kommunen fikk gjennomført en stor beredskapsøvelse",
    "eurocities-arbeidsgruppe-avfall serves innsatsomrade-2": "For eksempel har Renovasjons- og gjenvinningsetaten over flere år ledet en arbeidsgruppe i Eurocities",
    "c40-klimabudsjett-byggeplasser serves innsatsomrade-3": "C40, der kommunen har delt Oslos erfaringer med klimabudsjett og utslippsfrie byggeplasser",
    "c40-kontor-oslo serves innsatsomrade-3": "Oslo kommune har bidratt til etableringen av et C40-kontor i Oslo",
    "freds-og-menneskerettighetsarrangementer serves innsatsomrade-3": "Oslo kommune tar også et globalt samfunnsansvar ved å fremme fred, demokrati, arbeidstakerrettigheter og menneskerettigheter. Dette har vært en del av kommunens internasjonale engasjement gjennom flere år. Blant annet har Oslo kommune støttet flere større internasjonale arrangementer",
}


def test_stated_links_quote_the_sentence_in_the_cited_section(pack: Pack, seed: str) -> None:
    stated = {
        f"{entity.id} {field.name} {link.to}": link
        for entity in pack.entities()
        for field in attrs.fields(type(entity))
        if isinstance(getattr(entity, field.name), tuple)
        for link in getattr(entity, field.name)
        if isinstance(link, Link) and link.evidence is Evidence.STATED
    }
    assert set(LINK_QUOTES) == set(stated)
    for key, link in stated.items():
        assert link.source is not None, key
        assert LINK_QUOTES[key] in section_text(seed, link.source.section), key


def test_the_focus_area_examples_are_given_under_their_area(seed: str) -> None:
    # the three worked examples each stand in the paragraph introducing their focus area
    background = section_text(seed, "Saksfremstilling")
    for area, example in (
        ("Innsatsområdet 1) Læring, innovasjon og utvikling", "IMPETUS"),
        ("Innsatsområde 2) Innflytelse", "Eurocities"),
        ("Innsatsområde 3) Globalt samfunnsansvar", "C40"),
    ):
        assert background.index(area) < background.index(example), area
    assert _IO3 in HEADING_LEVELS


# --- commitments and aims of the case (issue #19) -------------------------------------------------

# Every "skal" sentence outside the sixteen bullets, with the entity carrying it.
PROSE_COMMITMENTS = {
    "formal": "Internasjonalt arbeid i Oslo kommune skal bidra til nå kommunens mål",
    "prinsipp-tydelig-retning": "Strategiens innsatsområder og mål skal gi tydelig retning og veivalg",
    "innsatsomradene-skal-bidra": "Gjennom en målrettet innsats på disse områdene skal internasjonalt arbeid bidra",
    "innsatsomrade-1": "Oslo kommunes deltakelse i internasjonale prosjekter sammen med næringsliv, organisasjoner, forsknings- og utdanningsinstitusjoner skal bidra",
    "innsatsomrade-2": "Politikkutforming og politisk påvirkning som styrker Oslo kommunes innflytelse i disse organisasjonene, skal derfor være en sentral del",
    "innsatsomrade-3": "Gjennom internasjonalt arbeid skal kommunen også fremme fred, demokrati og arbeidstaker- og menneskerettigheter",
    "io1-videreforing": "skal fortsatt være en sentral del av kommunens internasjonale arbeid",
    "prinsipp-oppfolging-virksomhetene": "Internasjonalt kontor ved Byrådslederens kontor skal koordinere og informere",
    "prinsipp-malrettet": "kommunens internasjonale arbeid skal være målrettet",
    "profilering-og-reiseliv": "Oslo kommune skal ta en sterkere rolle i arbeidet med merkevarebygging",
    "vedtak-bystyret-2022-05-25": "at byrådet skal legge frem en ny strategi",
    "klima-og-miljoby": "det internasjonale arbeidet skal bidra til å nå kommunens mål på alle områder",
    "io4-forutsetning-for-a-lykkes": "er en forutsetning for at kommunen skal lykkes",
}


def test_prose_commitments_are_carried(pack: Pack, seed: str) -> None:
    for entity_id, words in PROSE_COMMITMENTS.items():
        entity = pack.get(entity_id)
        carried = " ".join(filter(None, (entity.title, getattr(entity, "text", None))))
        assert provenance.score(words, carried) >= provenance.THRESHOLD, entity_id
        where = section_text(seed, entity.source.section)
        assert provenance.score(words, where) >= provenance.THRESHOLD, entity_id


class TestContract(PackContract):
    """munintl's pack contract, one test per rule (as every pack's tests inherit it)."""

    pack_name = "oslo"
