"""The one text pipeline: normalising, stop words, negation, the stemmers, n-grams, compound
links; and the near-duplicate check (MI204) reading text through it."""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import munintl
import munintl.packs
from munintl.checks.goals import similarity
from munintl.packs import read_pack_dir
from munintl.text import (
    DOMAIN_STOP_STEMS,
    NEGATED,
    NEGATIONS,
    compound_links,
    ngram_counts,
    ngrams,
    normalise,
    stem,
    stems,
    stop_words,
    terms,
    words,
)

NORWEGIAN = "abcdefghijklmnopqrstuvwxyzæøå"


def test_normalise_folds_accents_but_keeps_norwegian_letters() -> None:
    assert normalise("Idé, Göteborg, MÄLAREN, Århus, Tromsø, ÆRE") == (
        "ide, gøteborg, mælaren, århus, tromsø, ære"
    )


def test_words_split_on_hyphens_digits_and_punctuation() -> None:
    assert words("EU-/EØS-lovgivning, FNs bærekraftsmål 17 (2030)") == [
        "eu",
        "eøs",
        "lovgivning",
        "fns",
        "bærekraftsmål",
    ]


@pytest.mark.parametrize(
    ("word", "language", "expected"),
    [
        # Snowball Norwegian: inflection endings in R1, then -dt/-vt, then derivations
        ("påvirke", "nb", "påvirk"),
        ("påvirker", "nb", "påvirk"),
        ("påvirket", "nb", "påvirk"),
        ("rammebetingelser", "nb", "rammebeting"),
        ("samarbeidet", "nb", "samarbeid"),
        ("tiltakene", "nb", "tiltak"),
        ("leverte", "nb", "lever"),
        ("bærekraftig", "nb", "bærekraft"),
        ("byer", "nb", "byer"),  # no R1: left alone
        # Snowball English (Porter 2)
        ("influencing", "en", "influenc"),
        ("influence", "en", "influenc"),
        ("delegations", "en", "deleg"),
        ("cities", "en", "citi"),
        # a language without a stemmer: the word as written
        ("påvirker", "de", "påvirker"),
    ],
)
def test_stem_is_the_snowball_stemmer_of_the_language(
    word: str, language: str, expected: str
) -> None:
    assert stem(word, language) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=NORWEGIAN, min_size=1, max_size=20))
def test_norwegian_stems_keep_the_first_three_letters(word: str) -> None:
    assert stem(word)[:3] == word[:3]


def test_stems_drop_stop_words_the_own_name_and_domain_stems() -> None:
    text = "Oslo kommune skal påvirke Oslos beslutninger i EU og i kommunenes nettverk"
    assert stems(text, ignore=["Oslo"]) == ["påvirk", "beslutning", "eu", "nettverk"]
    assert "og" in stop_words("nb") and "the" in stop_words("en")
    assert stem("kommunenes") in DOMAIN_STOP_STEMS
    assert stems("The municipality will work with the international networks", language="en") == [
        "work",
        "network",
    ]


def test_negation_words_are_never_stop_words() -> None:
    assert {"ikke", "uten", "ingen"} <= NEGATIONS
    assert {"not", "no", "never", "without"} <= NEGATIONS
    assert not NEGATIONS & (stop_words("nb") | stop_words("en"))


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("skal søke om EU-midler", "nb", ["søk", "eu", "midl"]),
        ("skal ikke søke om EU-midler", "nb", ["¬søk", "¬eu", "¬midl"]),
        ("vekst uten utslipp", "nb", ["vekst", "¬utslipp"]),
        # contrast ends the negation; so does the end of a clause
        ("ikke bistand, men handel", "nb", ["¬bistand", "handel"]),
        ("Ikke bistand. Handel", "nb", ["¬bistand", "handel"]),
        ("We will never leave the network", "en", ["¬leav", "¬network"]),
        ("We don't apply for funding", "en", ["¬appli", "¬fund"]),
        ("growth without emissions but with jobs", "en", ["growth", "¬emiss", "job"]),
        # a verb of ceasing negates an activity after it, not a thing
        ("skal slutte å søke om EU-midler", "nb", ["¬søk", "¬eu", "¬midl"]),
        ("slutter med utveksling", "nb", ["¬utveksling"]),
        ("stoppe klimaendringene", "nb", ["stopp", "klimaendring"]),
        ("We will stop applying for funding", "en", ["¬appli", "¬fund"]),
        ("cease to take part in the network", "en", ["¬take", "¬part", "¬network"]),
        ("stop climate change", "en", ["stop", "climat", "chang"]),
    ],
)
def test_negation_marks_the_stems_after_it_up_to_a_contrast_or_the_clause_end(
    text: str, language: str, expected: list[str]
) -> None:
    assert stems(text, language=language) == expected


def test_ceasing_an_activity_shares_no_wording_with_doing_it() -> None:
    said = terms("Kommunen skal søke om EU-midler og delta i europeiske prosjekter")
    ceased = terms("Kommunen skal slutte å søke om EU-midler og delta i europeiske prosjekter")
    assert not set(said) & set(ceased)


def test_a_sentence_and_its_negation_share_no_wording() -> None:
    said = terms("Kommunen skal søke om EU-midler og delta i europeiske prosjekter")
    denied = terms("Kommunen skal ikke søke om EU-midler eller delta i europeiske prosjekter")
    assert not set(said) & set(denied)
    assert all(g.startswith(NEGATED) for g in denied)


def test_the_near_duplicate_check_reads_text_through_the_same_pipeline() -> None:
    # MI204 used six-letter prefixes and its own stop list, which dropped these words as
    # "kommun(e)", "arbeid" and "intern(asjonal)".
    assert similarity("kommunikasjon med innbyggerne", "kommunikasjon med innbyggerne") == 1.0
    assert similarity("nye arbeidsplasser", "nye arbeidsplasser") == 1.0
    assert similarity("interne rutiner", "interne rutiner") == 1.0
    assert similarity("Kommunen skal søke EU-midler", "Kommunen skal ikke søke EU-midler") == 0.0


def test_ngrams_mark_the_ends_and_keep_short_stems_whole() -> None:
    assert ngrams("påvirk") == ("<påv", "påvi", "åvir", "virk", "irk>")
    assert ngrams("eu") == ("<eu>",)
    assert ngrams("by", n=3) == ("<by", "by>")


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=NORWEGIAN, min_size=1, max_size=15), st.integers(2, 6))
def test_ngrams_cover_the_marked_stem(word: str, n: int) -> None:
    grams = ngrams(word, n)
    marked = f"<{word}>"
    assert len(grams) == max(1, len(marked) - n + 1)
    assert grams[0].startswith("<") and grams[-1].endswith(">")
    assert all(g in marked for g in grams)


def test_compounds_share_most_of_their_part_s_ngrams() -> None:
    compound = set(ngrams(stem("rammebetingelsene")))
    part = set(ngrams(stem("betingelser")))
    assert part - compound == {"<bet"}
    assert {"beti", "ting", "ing>"} <= compound & part


def test_terms_count_ngrams_over_repeated_stems() -> None:
    counts = terms("Inkludering og inkluderingen")
    assert counts["<ink"] == 2
    assert counts == ngram_counts({"inkludering": 2})


def test_compound_links_pair_a_compound_with_its_part_only() -> None:
    assert compound_links(
        ["rammebeting", "markedsfør", "avdeling", "arena"], ["beting", "marked", "deling", "aren"]
    ) == ("markedsfør~marked", "rammebeting~beting")


def test_compound_links_leave_out_stems_both_sides_have() -> None:
    assert compound_links(["rammebeting", "beting"], ["beting"]) == ()


def _links_by_definition(a: set[str], b: set[str], part: int = 5, rest: int = 3) -> set[str]:
    shared = a & b
    found = set()
    for x in a - shared:
        for y in b - shared:
            long, short = (x, y) if len(x) > len(y) else (y, x)
            long_enough = len(short) >= part and len(long) - len(short) >= rest
            if long_enough and (long.startswith(short) or long.endswith(short)):
                found.add(f"{long}~{short}")
    return found


@settings(max_examples=200, deadline=None)
@given(
    st.sets(st.text(alphabet="abe", min_size=3, max_size=12), max_size=8),
    st.sets(st.text(alphabet="abe", min_size=3, max_size=12), max_size=8),
)
def test_compound_links_match_their_definition_and_are_symmetric(a: set[str], b: set[str]) -> None:
    expected = tuple(sorted(_links_by_definition(a, b)))
    assert compound_links(a, b) == expected
    assert compound_links(b, a) == expected


_WORDS = st.sampled_from(
    ["søke", "midler", "delta", "prosjekter", "vennskapsbyer", "apply", "funding", "networks"]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=6), st.sampled_from(["ikke", "aldri", "not", "uten"]))
def test_a_negated_clause_shares_no_wording_with_the_plain_one(said: list[str], cue: str) -> None:
    plain = " ".join(said)
    for language in ("nb", "en"):
        assert not set(terms(plain, language=language)) & set(
            terms(f"{cue} {plain}", language=language)
        )
        assert stems(f"{cue} {plain}. {plain}", language=language)[len(said) :] == stems(
            plain, language=language
        )  # the clause ends the negation


@pytest.mark.parametrize("tag", ["nb-NO", "NB", "no", "nb-Latn-NO"])
def test_a_regional_or_cased_tag_is_read_as_its_language(tag: str) -> None:
    text = "Kommunen skal ikke søke om EU-midler til samarbeidet"
    assert stems(text, language=tag) == stems(text, language="nb")
    assert stop_words(tag) == stop_words("nb")


def test_a_region_in_the_tag_leaves_the_overlap_unchanged() -> None:
    # nb-NO is valid BCP 47 and named in the pack format: it once meant no stemming and no stop
    # words, and Bergen-Oslo wording fell from 0.43 to 0.04, its strong pairs to possible.
    bergen, oslo = munintl.load_packs(["bergen", "oslo"])
    regional = attrs.evolve(
        bergen,
        documents=tuple(attrs.evolve(d, language=f"{d.language}-NO") for d in bergen.documents),
    )
    before, after = munintl.overlap(bergen, oslo), munintl.overlap(regional, oslo)
    assert after.similarity.combined == before.similarity.combined
    assert [(c.a.id, c.b.id, c.band) for c in after.correspondences] == [
        (c.a.id, c.b.id, c.band) for c in before.correspondences
    ]


def test_validate_warns_of_a_language_not_read_by_meaning(tmp_path: Path) -> None:
    folder = tmp_path / "bergen"
    shutil.copytree(
        Path(munintl.packs.files("munintl_pack_bergen")),
        folder,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    documents = folder / "documents.toml"
    text = documents.read_text(encoding="utf-8")
    documents.write_text(
        text.replace('language = "nb"', 'language = "German"', 1), encoding="utf-8"
    )
    line = text.splitlines().index('language = "nb"') + 1
    notes = [str(n) for n in read_pack_dir(folder).notes()]
    assert notes == [
        f"bergen: documents.toml:{line}: $.documents[0].language: 'German': munintl reads texts "
        "by meaning in en, nb, nn only (stems, stop words, negation, the bilingual concepts); "
        "'german' texts are compared word for word (if the text is in one of those, give its "
        "code)"
    ]
