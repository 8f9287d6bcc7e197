"""Norwegian-aware wording features: normalise, drop stop words, stem, cut stems into n-grams.

Goal texts in the packs are short Norwegian (bokmål) sentences. Three things make plain word
matching fail on them, and each has its own remedy here:

- *inflection* (``påvirke``, ``påvirker``, ``påvirket``): a light stemmer, :func:`stem`, written
  from the published description of the Snowball Norwegian algorithm;
- *compounds* (``rammebetingelser`` and ``betingelser``, ``bærekraftsmål`` and ``mål``): each
  stem is cut into overlapping character 4-grams with boundary marks, :func:`ngrams`, so two
  compounds that share a part share most of that part's n-grams;
- *function words* (``og``, ``som``, ``skal``) and words every strategy uses (``kommune``):
  :data:`STOP_WORDS` and :data:`DOMAIN_STOP_STEMS`.

Why n-grams of stems and not a dictionary of compound parts: a splitter needs a lexicon that
the core does not ship (and a small corpus cannot supply one), while n-grams need nothing and
are a well-tested remedy for compounding languages in retrieval (McNamee and Mayfield, 2004,
"Character N-Gram Tokenization for European Language Text Retrieval"). Cutting *stems* rather
than raw words keeps inflection endings from making n-grams of their own. Weighting (TF-IDF)
is done where documents are compared, in :mod:`munintl.similarity`.

>>> stems("Oslo kommune påvirker beslutninger på overnasjonalt nivå")
['oslo', 'påvirk', 'beslutning', 'overnasjonalt', 'nivå']
>>> ngrams("påvirk")
('<påv', 'påvi', 'åvir', 'virk', 'irk>')
>>> sorted(terms("EU-prosjekter"))
['<eu>', '<pro', 'ekt>', 'jekt', 'osje', 'pros', 'rosj', 'sjek']
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

__all__ = [
    "DOMAIN_STOP_STEMS",
    "NGRAM",
    "STOP_WORDS",
    "compound_links",
    "ngram_counts",
    "ngrams",
    "normalise",
    "stem",
    "stems",
    "terms",
    "words",
]

NGRAM = 4
"""The n-gram length: long enough to carry meaning, short enough to catch compound parts."""

# Function words of bokmål (and the commonest nynorsk forms), lower case. Written for this
# project; they are removed before stemming, so inflected forms are listed as they occur.
STOP_WORDS: frozenset[str] = frozenset(
    (
        "alle", "alt", "andre", "annen", "annet", "at", "av", "bare", "begge", "ble", "bli",
        "blir", "blitt", "både", "da", "dag", "de", "deg", "dei", "deira", "dem", "den",
        "denne", "dere", "deres", "det", "dette", "di", "din", "disse", "ditt", "du", "då",
        "eg", "ei", "ein", "eit", "eller", "en", "enn", "er", "et", "ett", "etter", "for",
        "fordi", "fra", "frå", "før", "ha", "hadde", "han", "hans", "har", "hennar", "hennes",
        "her", "hos", "hun", "hva", "hvem", "hver", "hvilke", "hvilken", "hvis", "hvor",
        "hvordan", "hvorfor", "i", "ikke", "ikkje", "ingen", "inn", "innen", "ja", "jeg", "kan",
        "kom", "korleis", "kun", "kunne", "kva", "kvar", "man", "mange", "me", "med", "meg",
        "meir", "mellom", "men", "mer", "min", "mine", "mitt", "mot", "mye", "må", "no", "noe",
        "noen", "noko", "nokon", "når", "og", "også", "om", "opp", "oss", "over", "på", "samt",
        "seg", "selv", "si", "sin", "sine", "sitt", "skal", "skulle", "slik", "slike", "som",
        "så", "sånn", "til", "tross", "um", "under", "ut", "uten", "var", "vart", "ved", "vere",
        "vi", "vil", "ville", "vår", "våre", "vårt", "være", "vært", "å"
    )
)  # fmt: skip

DOMAIN_STOP_STEMS: frozenset[str] = frozenset({"kommun"})
"""Stems every municipal strategy uses in nearly every sentence (``kommune``, ``kommunens``).
Removed after stemming; TF-IDF weighting handles the rest of the common vocabulary."""

_WORD = re.compile(r"[^\W\d_]+")  # a run of letters; digits and punctuation split words
_FOREIGN = re.compile(r"[^\x00-\x7fæøå]")  # what normalising may have to change
_FOLD = {"ä": "æ", "ö": "ø"}  # Swedish and German spellings of the same letters


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    if char in _FOLD:
        return _FOLD[char]
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """Lower case, with accents folded except on æ, ø and å.

    >>> normalise("Idé og Göteborg, ÅPEN")
    'ide og gøteborg, åpen'
    """
    low = unicodedata.normalize("NFC", text.casefold())
    return _FOREIGN.sub(lambda m: _fold(m.group()), low)


def words(text: str) -> list[str]:
    """The normalised words of a text; hyphens and digits split words.

    >>> words("EU-/EØS-lovgivning og FNs bærekraftsmål 17")
    ['eu', 'eøs', 'lovgivning', 'og', 'fns', 'bærekraftsmål']
    """
    return _WORD.findall(normalise(text))


# --- the stemmer --------------------------------------------------------------------------------
# Implemented from the published description of the Snowball Norwegian stemmer
# (snowballstem.org/algorithms/norwegian/stemmer.html): three suffix-removal steps, each only
# inside the region R1.

_VOWELS = frozenset("aeiouyæåø")
_S_ENDING = frozenset("bcdfghjlmnoprtvyz")
_STEP1_DELETE = frozenset({
    "a", "e", "ede", "ande", "ende", "ane", "ene", "hetene", "en", "heten", "ar", "er", "heter",
    "as", "es", "edes", "endes", "enes", "hetenes", "ens", "hetens", "ers", "ets", "et", "het",
    "ast",
})  # fmt: skip
_STEP1_TO_ER = frozenset({"erte", "ert"})
_STEP1 = sorted(_STEP1_DELETE | _STEP1_TO_ER | {"s"}, key=len, reverse=True)
_STEP3 = sorted(
    ["leg", "eleg", "ig", "eig", "lig", "elig", "els", "lov", "elov", "slov", "hetslov"],
    key=len,
    reverse=True,
)


def _r1(word: str) -> int:
    """Where R1 starts: after the first non-vowel that follows a vowel, but not before the
    fourth letter."""
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            return max(i + 1, 3)
    return len(word)


def _longest_in_r1(word: str, suffixes: list[str], r1: int) -> str | None:
    for suffix in suffixes:  # longest first
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            return suffix
    return None


@lru_cache(maxsize=1 << 16)  # a corpus repeats its words: stem each once
def stem(word: str) -> str:
    """The stem of one normalised Norwegian word (Snowball's Norwegian algorithm).

    >>> [stem(w) for w in ("påvirke", "påvirker", "påvirket", "bærekraftig", "byene")]
    ['påvirk', 'påvirk', 'påvirk', 'bærekraft', 'byen']
    >>> [stem(w) for w in ("rammebetingelser", "betingelsene", "samarbeidet", "tiltakene")]
    ['rammebeting', 'beting', 'samarbeid', 'tiltak']

    Words too short to have an R1 (``byer``) are left as they are.
    """
    r1 = _r1(word)
    # Step 1: the main inflection endings.
    suffix = _longest_in_r1(word, _STEP1, r1)
    if suffix in _STEP1_DELETE:
        word = word[: -len(suffix)]
    elif suffix in _STEP1_TO_ER:
        word = word[: -len(suffix)] + "er"
    elif suffix == "s" and len(word) >= 2:
        before = word[-2]
        if before in _S_ENDING or (before == "k" and (len(word) < 3 or word[-3] not in _VOWELS)):
            word = word[:-1]
    # Step 2: "dt" and "vt" lose the t.
    if word.endswith(("dt", "vt")) and len(word) - 2 >= r1:
        word = word[:-1]
    # Step 3: derivational endings.
    suffix = _longest_in_r1(word, _STEP3, r1)
    if suffix:
        word = word[: -len(suffix)]
    return word


# --- features -----------------------------------------------------------------------------------


def stems(text: str, ignore: Iterable[str] = ()) -> list[str]:
    """The stems of a text's content words, in order. Left out: stop words, one-letter words,
    :data:`DOMAIN_STOP_STEMS`, and the stems of the words in ``ignore`` (a municipality's own
    name, so that ``Oslos`` goes with ``Oslo``).

    >>> stems("Bergen kommune skal være en aktiv pådriver for Bergens næringsliv", ["Bergen"])
    ['aktiv', 'pådriv', 'næringsliv']
    """
    skip = DOMAIN_STOP_STEMS | {stem(w) for name in ignore for w in words(name)}
    out: list[str] = []
    for word in words(text):
        if len(word) > 1 and word not in STOP_WORDS:
            s = stem(word)
            if s not in skip:
                out.append(s)
    return out


@lru_cache(maxsize=1 << 16)
def ngrams(word_stem: str, n: int = NGRAM) -> tuple[str, ...]:
    """Character n-grams of a stem with ``<`` and ``>`` marking its ends; a stem shorter than
    the n-gram is one feature of its own.

    >>> ngrams("eu"), ngrams("mål")
    (('<eu>',), ('<mål', 'mål>'))
    >>> ngrams("bærekraftsmål")[-3:]
    ('tsmå', 'smål', 'mål>')
    """
    marked = f"<{word_stem}>"
    if len(marked) <= n:
        return (marked,)
    return tuple(marked[i : i + n] for i in range(len(marked) - n + 1))


def ngram_counts(stem_counts: Mapping[str, int]) -> dict[str, int]:
    """How often each n-gram occurs, given how often each stem does.

    >>> ngram_counts({"mål": 2, "bærekraftsmål": 1})["mål>"]
    3
    """
    out: dict[str, int] = {}
    for s, count in stem_counts.items():
        for g in ngrams(s):
            out[g] = out.get(g, 0) + count
    return out


def terms(text: str, ignore: Iterable[str] = ()) -> dict[str, int]:
    """The wording features of a short text: how often each n-gram of its stems occurs."""
    return ngram_counts(Counter(stems(text, ignore)))


def compound_links(
    a: Iterable[str], b: Iterable[str], part: int = 5, rest: int = 3
) -> tuple[str, ...]:
    """Pairs of stems, one from each side, where one begins or ends with the other (a compound
    and its part, or a stem and its derivation), as ``"long~part"``. The part has at least
    ``part`` letters and what remains at least ``rest``, which keeps prefixes such as ``av-``
    and ``be-`` (``avdeling``, ``deling``) from counting; stems both sides have are left out
    (they are shared already). They explain wording similarity that shared stems do not; they
    do not change any score.

    >>> compound_links(["rammebeting", "inkludering", "avdeling"], ["beting", "inkluder", "deling"])
    ('inkludering~inkluder', 'rammebeting~beting')
    """
    left, right = frozenset(a), frozenset(b)
    shared = left & right
    mine, theirs = left - shared, right - shared
    links: set[str] = set()
    # Cut each stem's long-enough beginnings and endings and look them up on the other side:
    # linear in the letters of the two goals, not in the product of their stems.
    for longs, shorts in ((mine, theirs), (theirs, mine)):
        for long in longs:
            for cut in range(part, len(long) - rest + 1):
                for short in (long[:cut], long[-cut:]):
                    if short in shorts:
                        links.add(f"{long}~{short}")
    return tuple(sorted(links))
