"""Norwegian wording features: normalising, stop words, the stemmer, n-grams, compound links."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from munintl.text import (
    DOMAIN_STOP_STEMS,
    STOP_WORDS,
    compound_links,
    ngram_counts,
    ngrams,
    normalise,
    stem,
    stems,
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
    ("word", "expected"),
    [
        # step 1: the longest inflection ending inside R1 goes
        ("påvirke", "påvirk"),
        ("påvirker", "påvirk"),
        ("påvirket", "påvirk"),
        ("rammebetingelser", "rammebeting"),  # -er, then -els in step 3
        ("samarbeidet", "samarbeid"),
        ("tiltakene", "tiltak"),
        ("kjærlighet", "kjær"),  # -het, then -lig in step 3
        # erte / ert become er
        ("leverte", "lever"),
        ("levert", "lever"),
        # s goes after a valid s-ending, or after k that follows a non-vowel
        ("barns", "barn"),
        ("parks", "park"),
        ("tiltaks", "tiltaks"),  # k after a vowel: kept
        # step 2: dt and vt lose the t
        ("sendt", "send"),
        # step 3: derivational endings
        ("bærekraftig", "bærekraft"),
        ("vennlig", "venn"),
        # no R1 (no non-vowel after a vowel before the end): left alone
        ("byer", "byer"),
        ("eu", "eu"),
    ],
)
def test_stem_follows_the_snowball_norwegian_steps(word: str, expected: str) -> None:
    assert stem(word) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=NORWEGIAN, min_size=1, max_size=20))
def test_stem_only_cuts_endings_and_keeps_the_first_three_letters(word: str) -> None:
    result = stem(word)
    assert word.startswith(result)
    assert result[:3] == word[:3]


def test_stems_drop_stop_words_the_own_name_and_domain_stems() -> None:
    text = "Oslo kommune skal påvirke Oslos beslutninger i EU og i kommunenes nettverk"
    assert stems(text, ignore=["Oslo"]) == ["påvirk", "beslutning", "eu", "nettverk"]
    assert "og" in STOP_WORDS
    assert stem("kommunenes") in DOMAIN_STOP_STEMS


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
