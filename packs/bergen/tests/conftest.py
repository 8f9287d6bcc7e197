"""Shared fixtures of the Bergen pack's tests: the pack, its seed texts, and where each section a
locator may name begins and ends in those texts.

A section is given by the raw seed text at which it starts and the raw text at which it ends
(the next heading), exactly as printed, OCR damage included; a section printed in two places
(a main goal, printed on the goals page and again in its part) has two spans. Sections nest: a
chapter ("Vennskapsbyer") spans its subsections ("Vennskapsbyer – Seattle").
"""

# The project writes test assertions as `expected == actual`, which ruff's SIM300 calls Yoda.
# ruff: noqa: SIM300

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

import munintl
from munintl.model import Pack
from munintl.testing import read_seeds

REPO_ROOT = Path(__file__).resolve().parents[3]
SEEDS = Path(os.environ.get("MUNINTL_SEEDS", REPO_ROOT.parent / "shared" / "seeds"))
SEED_FILES = {
    "strategy-2018": "bergen-strategy-2018-full-ocr.txt",
    "summary": "bergen-strategy-2018-summary.txt",
    "action-plan-news-2019": "bergen-action-plan-2019-news.txt",
    "seeds-readme": "README.md",
}

END = None  # a span running to the end of the text

# The appendix entries in the printed order: (the section's name after "Appendiks – ", the raw
# heading). Each runs to the next; UNESCO's heading is printed beside OWHC's and its text after
# SSTT's, so its body is listed there and its heading added as a span of its own below.
_APPENDIX = [
    (
        "The Cooperation Programme on Health and Related Social Issues in the Barents "
        "Euro-Region and the Northern Dimension in Public health and Social Well-Being",
        "The Cooperation Programme on Health and\n",
    ),
    ("Covenant of Mayors: Mayors adapt", "Covenant of Mayors: Mayors adapt"),
    ("Eureau", " Eureau\n"),
    ("Eurocities", "Eurocities\n\nNettside"),
    (
        "European Network and Information Security Agency (ENISA)",
        "European Network and Information Security\nAgency (ENISA)",
    ),
    ("Global Climate Forum (GCF)", "Global Climate Forum (GCF)\n\nNettside"),
    ("Hansabynettverket", "Hansabynettverket\n\nNettside"),
    ("ICORN", "ICORN\n\nNettside"),
    ("Intercultural cities", "Intercultural cities\n\nNettside"),
    ("International Congress on Archives (ICA)", "International Congress on Archives (ICA)\n\n"),
    (
        "International Federation of Library Associations (IFLA)",
        " International Federation of Library Associations\n(IFLA)",
    ),
    ("International Water Association (IWA)", "International Water Association (IWA)\n\n"),
    (
        "Local Governments for Sustainability (ICLEI)",
        "Local Governments for Sustainability (ICLEI)\n\n",
    ),
    ("Memory of the world", "Memory of the world\n"),
    ("Nordisk Redning Innsats til Sjøs (RITS)", " Nordisk Redning Innsats til Sjgs (RITS)"),
    ("Nordisk Veiforum", "Nordisk Veiforum\n\nNettside"),
    ("Ordførere for fred", "Ordfarere for fred\n\nNettside"),
    (
        "The Organisation of World Heritage Cities",
        "The Organisation of World Heritage Cities\n\nUNESCO",
    ),
    ("Rainbow cities network", "Rainbow cities network\n\nNettside"),
    (
        "Scandinavian Society for Trenchless Technologies (SSTT)",
        "Scandinavian Society for Trenchless Technologies\n(SSTT)",
    ),
    ("UNESCO Creative Cities Network", "Nettside: https://en.unesco.org/creative-cities/home"),
    ("Union of the Baltic Cities (UBC)", "Union of the Baltic Cities (UBC)\n\nNettside"),
    ("Vest-Norges Brusselkontor", " Vest-Norges Brusselkontor\n\nNettside"),
    ("WAPR - World Association for Psychosocial Rehabilitation", " WAPR - World Association"),
    ("World Urban Parks Association", "World Urban Parks Association\n\nNettside"),
]
_TWINS = "Vennskapsbyer\n\n|déen"
_PRIORITIES = "Felgende tre hovedprioriteringer falger opp denne malsettingen:\n\n"

SPANS: dict[str, list[tuple[str, str, str | None]]] = {
    "strategy-2018": [
        (
            "Bergen bystyre behandlet saken i møtet 20.06.2018 sak 173/18",
            " Bergen bystyre",
            "FORORD",
        ),
        ("Forord", "FORORD", " Sammendrag"),
        ("Sammendrag", " Sammendrag", "INNLEDNING"),
        ("Innledning – Bergen – en internasjonal by", "INNLEDNING", " Bakgrunn for internasjonal"),
        ("Bakgrunn for internasjonal strategi", " Bakgrunn for internasjonal", "Faringer for"),
        (
            "Føringer for internasjonal strategi – Bergen kommunes planer",
            "Faringer for internasjonal strategi",
            " Kommuneplanens samfunnsdel\n\nUtover",
        ),
        (
            "Kommuneplanens samfunnsdel",
            " Kommuneplanens samfunnsdel\n\nUtover",
            "FNs baerekraftsmal\n\nBergen kommune forplikter",
        ),
        (
            "FNs bærekraftsmål",
            "FNs baerekraftsmal\n\nBergen kommune forplikter",
            "Regionalt, nasjonalt og internasjonalt rammeverk",
        ),
        (
            "Regionalt, nasjonalt og internasjonalt rammeverk",
            "Regionalt, nasjonalt og internasjonalt rammeverk",
            " Oppfelging av internasjonal strategi",
        ),
        (
            "Oppfølging av internasjonal strategi – Handlingsplan",
            " Oppfelging av internasjonal strategi",
            "Samarbeid\n\nInternasjonalt arbeid griper",
        ),
        (
            "Oppfølging av internasjonal strategi – Samarbeid",
            "Samarbeid\n\nInternasjonalt arbeid griper",
            "Mal for internasjonal strategi\n",
        ),
        (
            "Mål for internasjonal strategi",
            "Mal for internasjonal strategi\n",
            "INTERNASJONAL STRATEGI FOR BERGEN KOMMUNE l l",
        ),
        ("Mål for «Bergen i verden»", "MAL FOR «BERGEN | VERDEN»", "MAL FOR «VERDEN | BERGEN>"),
        ("Mål for «Bergen i verden»", "MAL FOR BERGEN | VERDEN:", _PRIORITIES + "1.1."),
        ("Mål for «Verden i Bergen»", "MAL FOR «VERDEN | BERGEN>", "MAL FOR «BERGEN KOMMUNE"),
        ("Mål for «Verden i Bergen»", "MAL FOR VERDEN | BERGEN:", _PRIORITIES + "2.1."),
        (
            "Mål for «Bergen kommune sitt internasjonale arbeid»",
            "MAL FOR «BERGEN KOMMUNE SITT INTERNASJONALE ARBEID»",
            "INTERNASJONAL STRATEGI FOR BERGEN KOMMUNE l l",
        ),
        (
            "Mål for «Bergen kommune sitt internasjonale arbeid»",
            "MAL FOR BERGEN KOMMUNE SITT INTERNASJONALE ARBEID:",
            _PRIORITIES + "3.1.",
        ),
        (
            "Bildetekst: Fargespill (etter Mål for internasjonal strategi)",
            "Pride-paraden",
            " 1. Bergeniverden",
        ),
        ("1. Bergen i verden", " 1. Bergeniverden", "1.1.  Bergen kommune skal vaere en\n"),
        ("1.1", "1.1.  Bergen kommune skal vaere en\n", "1.2.  Bergen kommune skal pavirke\n"),
        ("1.2", "1.2.  Bergen kommune skal pavirke\n", "1.3.  Bergen kommune skal vaere en\n"),
        ("1.3", "1.3.  Bergen kommune skal vaere en\n", "2. Verden i Bergen\n"),
        ("2. Verden i Bergen", "2. Verden i Bergen\n", "2.1.  Bergen skal vaere en"),
        ("2.1", "2.1.  Bergen skal vaere en", "2.2.  Bergen skal veere attraktiv"),
        ("2.2", "2.2.  Bergen skal veere attraktiv", "2.3.  Bergen skal vaere en kunnskapsby i\n"),
        ("2.3", "2.3.  Bergen skal vaere en kunnskapsby i\n", " 3. Bergen kommune sitt"),
        (
            "3. Bergen kommune sitt internasjonale arbeid",
            " 3. Bergen kommune sitt",
            " 3.1.  Bergen kommune skal sikre god",
        ),
        (
            "3.1",
            " 3.1.  Bergen kommune skal sikre god",
            "3.2.  Bergen kommune skal legge til rette\n",
        ),
        ("3.2", "3.2.  Bergen kommune skal legge til rette\n", " 3.3.  Bergen kommune skal bruke"),
        ("3.3", " 3.3.  Bergen kommune skal bruke", "Kriterier for deltakelse i internasjonale\n"),
        (
            "Kriterier for deltakelse i internasjonale nettverk og organisasjoner",
            "Kriterier for deltakelse i internasjonale\n",
            " APPENDIKS",
        ),
        ("Appendiks", " APPENDIKS", _TWINS),
        *[
            (f"Appendiks – {name}", start, end)
            for (name, start), (_, end) in zip(
                _APPENDIX, [*_APPENDIX[1:], ("", _TWINS)], strict=True
            )
        ],
        (
            "Appendiks – UNESCO Creative Cities Network",
            "UNESCO Creative Cities Network\n",
            "Nettside: https://www.ovpm.org/",
        ),
        ("Vennskapsbyer", _TWINS, END),
        ("Vennskapsbyer – Gøteborg", "Goteborg\n\nGoteborg er", "Abo/Turku\n\nTurku"),
        ("Vennskapsbyer – Åbo/Turku", "Abo/Turku\n\nTurku", "Arhus\n\nArhus er"),
        ("Vennskapsbyer – Århus", "Arhus\n\nArhus er", "Seattle\n\nVennskapsforbindelsen"),
        ("Vennskapsbyer – Seattle", "Seattle\n\nVennskapsforbindelsen", "Newcastle\n\nVennskapet"),
        ("Vennskapsbyer – Newcastle", "Newcastle\n\nVennskapet", END),
    ],
    "summary": [
        (
            "Internasjonal strategi",
            "Internasjonal strategi\n\nInternasjonal strategi synliggjør",
            "Mål for det internasjonale arbeidet",
        ),
        ("Mål for det internasjonale arbeidet", "Mål for det internasjonale arbeidet", END),
    ],
    "action-plan-news-2019": [
        (
            "Legger fram internasjonal handlingsplan og gjennomgang av kommunens internasjonale "
            "samarbeidsarenaer",
            "Legger fram internasjonal handlingsplan",
            "Styrker arbeidet med bærekraftsmålene\n",
        ),
        (
            "Styrker arbeidet med bærekraftsmålene",
            "Styrker arbeidet med bærekraftsmålene\n",
            "Gjennomgang av internasjonalt samarbeid",
        ),
        ("Gjennomgang av internasjonalt samarbeid", "Gjennomgang av internasjonalt samarbeid", END),
    ],
    "seeds-readme": [("Source documents", "# Source documents", END)],
}


def _cut(text: str, start: str, end: str | None) -> str:
    """The text from ``start`` (which must occur once) to the next ``end`` after it."""
    assert 1 == text.count(start), f"section start {start!r} occurs {text.count(start)} times"
    begin = text.index(start)
    if end is None:
        return text[begin:]
    assert end in text[begin + 1 :], f"section end {end!r} not after {start!r}"
    return text[begin : text.index(end, begin + 1)]


@pytest.fixture(scope="session")
def pack() -> Pack:
    return munintl.load_pack("bergen")


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    return read_seeds(SEEDS, SEED_FILES)


@pytest.fixture(scope="session")
def sections(seeds: dict[str, str]) -> dict[tuple[str, str], list[str]]:
    """(document, section) -> the raw seed text of each place the section is printed."""
    found: dict[tuple[str, str], list[str]] = {}
    for document, spans in SPANS.items():
        for name, start, end in spans:
            found.setdefault((document, name), []).append(_cut(seeds[document], start, end))
    return found


@pytest.fixture(scope="session")
def section_text(
    sections: dict[tuple[str, str], list[str]],
) -> Callable[[str, str | None], list[str]]:
    def lookup(document: str, section: str | None) -> list[str]:
        assert section is not None, f"a locator into {document} names no section"
        assert (document, section) in sections, f"unknown section {section!r} of {document}"
        return sections[(document, section)]

    return lookup
