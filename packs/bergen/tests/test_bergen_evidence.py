"""The Bergen pack against its sources, per kind of fact (issue #19):

- every status (membership, twin city, strategy, in force) carries its evidence: stated with a
  locator, inferred with a rationale of its own, or is unknown;
- every locator names a section of its document, and every title and text the pack quotes is
  found in that section (OCR damage allowed for by :mod:`munintl.provenance`);
- every stated link and stated status points at a section holding the sentence that states it
  (the sentences are recorded below), and nothing is stated that is not recorded here;
- every quotation in a status's note or rationale, or in a link's rationale, is found in the
  sources.

The sections' places in the seed texts are in ``conftest.py``.
"""

# The project writes test assertions as `expected == actual`, which ruff's SIM300 calls Yoda.
# ruff: noqa: SIM300

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from difflib import SequenceMatcher
from pathlib import Path

from munintl import provenance
from munintl.model import Basis, Evidence, Locator, Pack, StatusEntry

PACK_DIR = Path(__file__).resolve().parents[1] / "src" / "munintl_pack_bergen"
LINK_FIELDS = ("sdgs", "themes", "plan_goals", "serves", "outcomes", "sdg_focus")

# What the format 2 conversion wrote where a format 1 status had no evidence.
PLACEHOLDERS = ("recorded without evidence", "to be checked against the source")

# Each stated link and status, with the sentence (correct Norwegian) that states it. The
# sentence must be found in the section its locator names.
STATED_LINKS = {
    ("del-1", "plan_goals", "kps-visjon"): (
        "I en internasjonal kontekst vil en aktiv by synliggjøre Bergen i verden"
    ),
    ("m-vest-norges-brusselkontor", "serves", "hp-1.2"): (
        "En aktiv bruk av medlemskapet i Vest-Norges og KS sitt Brusselkontor blir viktig i "
        "denne sammenhengen"
    ),
    ("m-vest-norges-brusselkontor", "outcomes", "influence"): (
        "Et godt samarbeid vil kunne bidra til å styrke regionens gjennomslagskraft inn mot EU. "
        "En aktiv bruk av medlemskapet i Vest-Norges og KS sitt Brusselkontor"
    ),
    ("m-ks-europakontor", "serves", "hp-1.2"): (
        "En aktiv bruk av medlemskapet i Vest-Norges og KS sitt Brusselkontor blir viktig i "
        "denne sammenhengen"
    ),
    ("m-ks-europakontor", "outcomes", "influence"): (
        "Et godt samarbeid vil kunne bidra til å styrke regionens gjennomslagskraft inn mot EU. "
        "En aktiv bruk av medlemskapet i Vest-Norges og KS sitt Brusselkontor"
    ),
    ("handlingsplan-2019", "sdg_focus", "17"): (
        "har et særskilt fokus på bærekraftsmål 17: Samarbeid for å nå målene"
    ),
    ("menneskerettighetsby", "serves", "del-1"): (
        "Bergen kommune har som ambisjon å bli en menneskerettighetsby etter modell fra andre land"
    ),
}
_ELSEWHERE = (
    "Internasjonal strategi legger kommunens medlemskap i «Transparency International» og "
    "«Initiativ for etisk handel» til grunn"
)
STATED_STATUSES = {
    ("m-eureau", "represented"): "Bergen kommune er medlem gjennom Norsk Vann",
    ("m-eurocities", "member"): (
        "De fire byene er også alle medlemmer av internasjonale organisasjoner og nettverk som "
        "UBC, Eurocities"
    ),
    ("m-global-climate-forum", "member"): "avslutte medlemskapet i Global Climate Forum (GCF)",
    ("m-global-climate-forum", "proposed_exit"): (
        "avslutte medlemskapet i Global Climate Forum (GCF)"
    ),
    ("m-ica", "member"): "Bergen Byarkiv er medlem i ICA",
    (
        "m-ifla",
        "member",
    ): "Biblioteket er medlem av den internasjonale bibliotekorganisasjonen IFLA",
    ("m-memory-of-the-world", "member"): (
        "Lepra-arkivene under Bymuseet i Bergen ble inkludert som medlem i 2001"
    ),
    ("m-owhc", "member"): "Bergen var en av stiftelsesbyene da organisasjonen ble etablert i 1993",
    ("m-unesco-creative-cities", "member"): (
        "I 2015 ble Bergen kommune medlem i UNESCO sitt internasjonale nettverk for kreative byer"
    ),
    ("m-ubc", "member"): "Bergen har vært medlem siden opprettelsen i 1991",
    ("m-ubc", "proposed_exit"): "avslutte medlemskapet i Union of Baltic Cities (UBC)",
    ("m-vest-norges-brusselkontor", "member"): (
        "Foreningen Vest-Norges Brusselkontor som p.t. består av 18 kommuner (Austevoll, "
        "Austrheim, Balestrand, Bergen"
    ),
    ("m-transparency-international", "member"): _ELSEWHERE,
    ("m-etisk-handel", "member"): _ELSEWHERE,
    ("m-ks-europakontor", "member"): "En aktiv bruk av medlemskapet i Vest-Norges og KS sitt",
    ("m-human-rights-cities-network", "proposed_entry"): (
        "melde Bergen kommune inn i den europeiske organisasjonen for menneskerettighetsbyer, "
        "The Human Rights Cities Network"
    ),
    ("bergen-og-verden-2018", "adopted"): (
        "Bystyret vedtar «Bergen og verden – Internasjonal strategi for Bergen kommune»."
    ),
    ("handlingsplan-2019", "proposed"): (
        "Saken ble behandlet i byrådet 26. november og skal videre til behandling i utvalg og "
        "bystyre."
    ),
}


# --- what the pack holds -------------------------------------------------------------------------


def _bases(pack: Pack) -> Iterator[tuple[str, str, Basis | StatusEntry]]:
    """(entity id, the status given, its basis) for every status the pack gives."""
    for membership in pack.memberships:
        for entry in membership.statuses:
            yield membership.id, str(entry.status), entry
    for partnership in pack.partnerships:
        if partnership.status is not None:
            assert partnership.status_basis is not None, partnership.id
            yield partnership.id, str(partnership.status), partnership.status_basis
    for strategy in pack.strategies:
        yield strategy.id, str(strategy.status), strategy.status_basis
        if strategy.in_force is not None:
            assert strategy.in_force_basis is not None, strategy.id
            yield strategy.id, f"in_force={strategy.in_force}", strategy.in_force_basis


def _locators(pack: Pack) -> Iterator[tuple[str, Locator]]:
    """(entity id, locator) for every locator in the pack: sources, links', statuses'."""
    for entity in pack.entities():
        source = getattr(entity, "source", None)
        if source is not None:
            yield entity.id, source
        for field in LINK_FIELDS:
            for link in getattr(entity, field, ()):
                if link.source is not None:
                    yield entity.id, link.source
    for entity_id, _, basis in _bases(pack):
        if basis.source is not None:
            yield entity_id, basis.source


def _titles(pack: Pack) -> Iterator[tuple[str, Locator, str]]:
    """(entity id, locator, title) for every title the pack takes from a section."""
    fields = {
        "documents": "title", "strategies": "title", "goals": "title", "measures": "title",
        "departments": "name", "partnerships": "city", "projects": "name",
        "plan_goals": "title", "statements": "title", "figures": "as_printed",
    }  # fmt: skip
    for list_name, field in fields.items():
        for entity in getattr(pack, list_name):
            if entity.source is not None:  # a seed document is the whole text
                yield entity.id, entity.source, getattr(entity, field)


def _texts(pack: Pack) -> Iterator[tuple[str, Locator, str]]:
    """(entity id, locator, text) for every text the pack quotes from a section."""
    fields = {
        "goals": "text", "measures": "text", "plan_goals": "text", "statements": "text",
        "memberships": "description", "partnerships": "description", "projects": "description",
        "departments": "note",
    }  # fmt: skip
    for list_name, field in fields.items():
        for entity in getattr(pack, list_name):
            if getattr(entity, field):
                yield entity.id, entity.source, getattr(entity, field)


# --- OCR-tolerant comparison ---------------------------------------------------------------------

# A text's sentences are compared as skeletons with the section, as in test_bergen_pack.py: at
# least COVERAGE of a sentence's skeleton must be found around the place it best matches, in runs
# of MIN_RUN or more, in order; the section may hold more (a page header, a caption, an omission
# marked "…").
COVERAGE = 0.95
MIN_RUN = 3
SLACK = 300


def _coverage(sentence: str, text: str) -> float:
    small, large = provenance.skeleton(sentence), provenance.skeleton(text)
    best = SequenceMatcher(None, large, small, autojunk=False).find_longest_match(
        0, len(large), 0, len(small)
    )
    start = max(0, best.a - best.b - SLACK)
    window = large[start : best.a + (len(small) - best.b) + SLACK]
    blocks = SequenceMatcher(None, window, small, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= MIN_RUN) / len(small)


def _sentences(text: str) -> list[str]:
    """A text's sentences and its parts around "…", without a curator's [remarks]."""
    text = re.sub(r"\[[^\]]*\]", " ", text)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«])|\s*…\s*", text)
    return [p for p in parts if provenance.skeleton(p)]


def _found(needle: str, places: list[str]) -> bool:
    """Whether ``needle`` is found in one of a section's places (a title: in one piece)."""
    return any(provenance.score(needle, place) >= provenance.THRESHOLD for place in places)


def _covered(sentence: str, places: list[str]) -> bool:
    return any(_coverage(sentence, place) >= COVERAGE for place in places)


# Titles the skeleton cannot find although they are verbatim (an OCR damage it does not model).
ALLOWED_NOT_FOUND = {
    # "lzsninger" for "løsninger": the skeleton keeps the "z".
    "c-hp-3.3-bidra-med-erfaring",
}


# --- 1. every status has its evidence ------------------------------------------------------------


def test_the_pack_is_format_2(pack: Pack) -> None:
    assert 2 == pack.format_version


def test_every_status_has_evidence(pack: Pack) -> None:
    problems = []
    for entity_id, status, basis in _bases(pack):
        if basis.evidence is Evidence.STATED:
            if basis.source is None or basis.source.section is None:
                problems.append((entity_id, status, "stated without the sentence's section"))
        elif not basis.rationale or any(p in basis.rationale for p in PLACEHOLDERS):
            problems.append((entity_id, status, "inferred without a rationale of its own"))
        elif "\n" in basis.rationale:
            problems.append((entity_id, status, "rationale of more than one line"))
    assert [] == problems


def test_no_status_placeholder_is_left_in_the_data_files() -> None:
    left = [
        (path.name, number)
        for path in sorted(PACK_DIR.glob("*.toml"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if any(placeholder in line for placeholder in PLACEHOLDERS)
    ]
    assert [] == left


def test_memberships_described_only_as_cooperation_have_no_status(pack: Pack) -> None:
    unknown = sorted(m.id for m in pack.memberships if not m.statuses)
    assert ["m-barents-health", "m-enisa", "m-nordisk-rits"] == unknown
    assert all(m.status is None for m in pack.memberships if m.id in unknown)


def test_twin_city_statuses_rest_on_inference(pack: Pack) -> None:
    # No source calls a twin-city tie active; the 2019 review reports no result for any.
    for partnership in pack.partnerships:
        basis = partnership.status_basis
        assert basis is not None, partnership.id
        assert Evidence.INFERRED == basis.evidence, partnership.id
        assert basis.rationale is not None
        assert "2019 review" in basis.rationale, partnership.id


def test_action_plan_in_force_is_unknown(pack: Pack) -> None:
    plan = pack.get("handlingsplan-2019")
    assert plan is not None
    assert plan.in_force is None  # type: ignore[attr-defined]


# A quotation in a curator's note or rationale: «…», or '…' standing as a quotation (an
# apostrophe, as in "Bergen's", is not one).
_QUOTATION = re.compile(r"(?:^|(?<=[\s(]))'([^']+?)'(?=[\s.,;:)]|$)|«([^«»]+)»")


def _unquoted(words: str, sources: str) -> list[str]:
    """The parts of the quotations in ``words`` that are not found in ``sources``."""
    return [
        part
        for pair in _QUOTATION.findall(words)
        for part in re.split(r"\s*…\s*", pair[0] or pair[1])
        if len(provenance.skeleton(part)) >= 4 and not _found(part, [sources])
    ]


def _all_sources(seeds: dict[str, str]) -> str:
    return "\n".join(seeds[d] for d in ("strategy-2018", "summary", "action-plan-news-2019"))


def test_every_quotation_in_a_status_note_or_rationale_is_in_the_sources(
    pack: Pack, seeds: dict[str, str]
) -> None:
    sources = _all_sources(seeds)
    missing = [
        (entity_id, status, part)
        for entity_id, status, basis in _bases(pack)
        for part in _unquoted(
            " ".join(filter(None, (basis.rationale, getattr(basis, "note", None)))), sources
        )
    ]
    assert [] == missing


def test_every_quotation_in_a_link_rationale_is_in_the_sources(
    pack: Pack, seeds: dict[str, str]
) -> None:
    sources = _all_sources(seeds)
    quoted, missing = 0, []
    for entity in pack.entities():
        for field in LINK_FIELDS:
            for link in getattr(entity, field, ()):
                quoted += len(_QUOTATION.findall(link.rationale or ""))
                missing += [
                    (entity.id, field, link.to, part)
                    for part in _unquoted(link.rationale or "", sources)
                ]
    assert [] == missing
    assert quoted > 50  # the rationales do quote (60 quotations when written)


def test_an_invented_quotation_is_caught(seeds: dict[str, str]) -> None:
    invented = "The entry says 'Bergen er medlem av ENISA'; Bergen's «omfattende» role."
    assert ["Bergen er medlem av ENISA"] == _unquoted(invented, _all_sources(seeds))


# --- 2. every quoted title and text is found in the section its locator names ------------------


def test_every_locator_names_a_section_of_its_document(
    pack: Pack, section_text: Callable[[str, str | None], list[str]]
) -> None:
    for _, locator in _locators(pack):
        assert section_text(locator.document, locator.section)


def test_every_title_is_found_in_the_section_it_cites(
    pack: Pack, section_text: Callable[[str, str | None], list[str]]
) -> None:
    missing = [
        (entity_id, locator.section, title)
        for entity_id, locator, title in _titles(pack)
        if entity_id not in ALLOWED_NOT_FOUND
        and not _found(title, section_text(locator.document, locator.section))
    ]
    assert [] == missing


def test_every_text_is_found_in_the_section_it_cites(
    pack: Pack, section_text: Callable[[str, str | None], list[str]]
) -> None:
    missing = [
        (entity_id, locator.section, sentence)
        for entity_id, locator, text in _texts(pack)
        for sentence in _sentences(text)
        if not _covered(sentence, section_text(locator.document, locator.section))
    ]
    assert [] == missing


def test_a_sentence_is_not_found_beside_its_section(
    section_text: Callable[[str, str | None], list[str]],
) -> None:
    # The check can fail: 1.2's commitment is in 1.2, not in 1.3 or in part 1's introduction.
    sentence = (
        "Bystyrerepresentanter skal gjennom sin deltakelse i internasjonale organisasjoner og i "
        "sitt samarbeid internasjonalt bidra til å styrke og videreutvikle et politisk "
        "kontaktnettverk."
    )
    assert _found(sentence, section_text("strategy-2018", "1.2"))
    assert not _found(sentence, section_text("strategy-2018", "1.3"))
    assert not _covered(sentence, section_text("strategy-2018", "1. Bergen i verden"))


# --- 3. stated links and statuses point at the sentence stating them ---------------------------


def _stated_links(pack: Pack) -> dict[tuple[str, str, str], Locator | None]:
    return {
        (entity.id, field, link.to): link.source
        for entity in pack.entities()
        for field in LINK_FIELDS
        for link in getattr(entity, field, ())
        if link.evidence is Evidence.STATED
    }


def test_every_stated_link_points_at_the_sentence_stating_it(
    pack: Pack, section_text: Callable[[str, str | None], list[str]]
) -> None:
    stated = _stated_links(pack)
    assert set(STATED_LINKS) == set(stated)
    for key, locator in stated.items():
        assert locator is not None, key
        assert _found(STATED_LINKS[key], section_text(locator.document, locator.section)), key


def test_every_stated_status_points_at_the_sentence_stating_it(
    pack: Pack, section_text: Callable[[str, str | None], list[str]]
) -> None:
    stated = {
        (entity_id, status): basis.source
        for entity_id, status, basis in _bases(pack)
        if basis.evidence is Evidence.STATED
    }
    assert set(STATED_STATUSES) == set(stated)
    for key, locator in stated.items():
        assert locator is not None, key
        assert _found(STATED_STATUSES[key], section_text(locator.document, locator.section)), key


def test_a_stated_sentence_is_not_found_in_another_entry(
    section_text: Callable[[str, str | None], list[str]],
) -> None:
    # The check can fail: UBC's membership sentence is in its own entry, not in GCF's.
    sentence = STATED_STATUSES[("m-ubc", "member")]
    assert _found(
        sentence, section_text("strategy-2018", "Appendiks – Union of the Baltic Cities (UBC)")
    )
    assert not _found(
        sentence, section_text("strategy-2018", "Appendiks – Global Climate Forum (GCF)")
    )


# --- 4. the commitments the issue names ----------------------------------------------------------


def test_the_summary_commitment_to_coordination_is_in_the_pack(
    pack: Pack, seeds: dict[str, str]
) -> None:
    statement = pack.get("sammendrag-koordinert-og-samordnet")
    assert statement is not None
    title = statement.title  # type: ignore[attr-defined]
    assert title.startswith("Bergen kommune skal organisere dette arbeidet slik at kommunen er")
    assert "kommune skal organisere dette arbeidet slik at kommunen er" in seeds["strategy-2018"]


def _held(pack: Pack, goal_id: str) -> str:
    """What the pack holds of a goal's section: the titles of the goal and of the goals under
    it (a part's section lists its main goal and priorities), its text, its measures."""
    subtree = [goal_id]
    for parent in subtree:
        subtree += [child.id for child in pack.children(parent)]
    goals = [pack.get(goal_id)] + [pack.get(g) for g in subtree[1:]]
    words = [g.title for g in goals if g is not None]  # type: ignore[attr-defined]
    words.append(getattr(pack.get(goal_id), "text", None) or "")
    for measure in pack.measures:
        if measure.goal == goal_id:
            words += [measure.title, measure.text or ""]
    return " ".join(words)


# Where the OCR text of a section breaks, besides a full stop: a numbered heading ("1.1. "), the
# page footer, a photo caption (left out of the pack, see statements.toml).
_BREAKS = re.compile(
    r"(?<=\.)\s+|\s*\b\d\.\d\.\s+|\s*INTERNASJONAL STRATEGI FOR BERGEN KOMMUNE\s*"
    r"|\s*Den store barnesykkeldagen:.*?Foto: [^.]*\."
)
CHECKED_COMMITMENTS = 28  # such sentences in the sections, priority headings included (counted)
_COMMITS = re.compile(r"(?:Bergen|Bergen kommune|Kommunen) (?:skal|vil) ")


def test_every_skal_commitment_of_a_goal_is_a_measure_or_in_its_text(
    pack: Pack, sections: dict[tuple[str, str], list[str]]
) -> None:
    # Each sentence of a part's or a priority's section in which Bergen (kommune) commits itself
    # ("skal", "vil") is the title of a goal there, a commitment under the goal or a sentence of
    # its text.
    missing, checked = [], 0
    for goal in pack.goals:
        if goal.level not in ("part", "priority"):
            continue
        held = _held(pack, goal.id)
        for place in sections[("strategy-2018", goal.source.section or "")]:
            for piece in _BREAKS.split(re.sub(r"\s+", " ", place)):
                if _COMMITS.match(piece):
                    checked += 1
                    if not _covered(piece, [held]):
                        missing.append((goal.id, piece))
    assert [] == missing
    assert CHECKED_COMMITMENTS == checked


def test_the_commitment_check_catches_a_missing_commitment(
    pack: Pack, sections: dict[tuple[str, str], list[str]]
) -> None:
    place = sections[("strategy-2018", "3.2")][0]
    held = _held(pack, "hp-3.2").replace("Bergen kommune skal skape gode møteplasser", "")
    pieces = _BREAKS.split(re.sub(r"\s+", " ", place))
    commitment = [p for p in pieces if p.startswith("Bergen kommune skal skape gode")]
    assert 1 == len(commitment)
    assert not _covered(commitment[0], [held])
