"""The one text pipeline: Norwegian and English wording as stems, with negation kept.

Used by the overlap's wording and by the near-duplicate check (MI204). Four things make plain
word matching fail on strategy texts, and each has its remedy here:

- *inflection* (``påvirke``, ``påvirker``, ``påvirket``; ``influence``, ``influencing``): the
  Snowball stemmers for Norwegian and English (the ``snowballstemmer`` package), chosen by the
  text's language;
- *function words* (``og``, ``som``, ``skal``; ``the``, ``and``): the Snowball stop lists
  (``reference/stopwords_*.txt``), and words every municipal strategy uses
  (:data:`DOMAIN_STOP_STEMS`);
- *negation* (``skal ikke søke``, ``growth without emissions``): the negation words are kept out
  of the stop lists and mark the stems after them, up to the end of the clause or a word of
  contrast (``men``, ``but``), as negated (:data:`NEGATED` before the stem). A sentence and its
  negation then share no wording;
- *compounds* (``rammebetingelser`` and ``betingelser``): each stem is cut into overlapping
  character 4-grams with boundary marks, :func:`ngrams`, so two compounds that share a part
  share most of that part's n-grams (McNamee and Mayfield, 2004).

>>> stems("Oslo kommune påvirker beslutninger på overnasjonalt nivå")
['oslo', 'påvirk', 'beslutning', 'overnasjonalt', 'nivå']
>>> stems("Kommunen skal ikke søke om EU-midler, men delta i nettverk")
['¬søk', '¬eu', '¬midl', 'delt', 'nettverk']
>>> stems("We will not apply for EU funding", language="en")
['¬appli', '¬eu', '¬fund']
>>> ngrams("påvirk")
('<påv', 'påvi', 'åvir', 'virk', 'irk>')
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import snowballstemmer

from munintl.languages import strategy_tags, text_language

if TYPE_CHECKING:  # pragma: no cover
    from munintl.model import Pack

__all__ = [
    "CESSATIONS",
    "CONTRASTS",
    "DOMAIN_STOP_STEMS",
    "NEGATED",
    "NEGATIONS",
    "NGRAM",
    "compound_links",
    "ngram_counts",
    "ngrams",
    "normalise",
    "stem",
    "stem_words",
    "stemmed",
    "stems",
    "stop_words",
    "strategy_languages",
    "terms",
    "words",
]

NGRAM = 4
"""The n-gram length: long enough to carry meaning, short enough to catch compound parts."""

NEGATED = "¬"
"""Marks a stem said under a negation (``¬søk``): a feature of its own, never the stem's."""

NEGATIONS: frozenset[str] = frozenset(
    {
        # bokmål and nynorsk
        "ikke", "ikkje", "ingen", "ingi", "inga", "inkje", "intet", "ingenting", "aldri",
        "uten", "utan", "verken", "hverken",
        # English
        "not", "no", "never", "without", "nor", "neither", "none", "nothing",
    }
)  # fmt: skip
"""Words that negate what follows them; kept out of the stop lists."""

CESSATIONS: frozenset[str] = frozenset(
    {
        "slutte", "slutter", "sluttet", "slutta", "opphøre", "opphører", "stanse", "stanser",
        "stoppe", "stopper", "stoppet", "stop", "stops", "stopped", "cease", "ceases",
        "ceased", "quit", "quits", "discontinue", "discontinues",
    }
)  # fmt: skip
"""Verbs of ceasing: they negate what follows when an activity follows them (``slutte å
søke``, ``slutte med``, ``stop applying``, ``cease to apply``), not a thing (``stoppe
klimaendringene``, stop climate change, still shares its wording with reducing it)."""

_ACTIVITY_MARKERS = frozenset({"å", "med", "to"})

CONTRASTS: frozenset[str] = frozenset(
    {"men", "derimot", "likevel", "imidlertid", "but", "however", "whereas", "instead"}
)
"""Words of contrast: they end a negation's scope (``ikke A, men B``: B is not negated)."""

_CLAUSE_END = re.compile(r"[.;:!?()\n]")

DOMAIN_STOP_STEMS: frozenset[str] = frozenset(
    {"kommun", "internasjonal", "internasjonalt", "municip", "internat"}
    # The English modal verbs: the Norwegian list has theirs (skal, vil, kan), Snowball's
    # English list does not.
    | {"will", "shall", "must", "can", "also"}
)
"""Stems every municipal international strategy uses in nearly every sentence (``kommune``,
``internasjonalt``; ``municipality``, ``international``; ``will``): they say nothing about
which goal."""

_LANGUAGES = {"nb": "norwegian", "nn": "norwegian", "en": "english"}
"""Text languages (:func:`text_language`) and their Snowball stemmer; others are not stemmed."""


_WORD = re.compile(r"[^\W\d_]+")  # a run of letters; digits and punctuation split words
_FOREIGN = re.compile(r"[^\x00-\x7fæøå]")  # what normalising may have to change
_FOLD = {"ä": "æ", "ö": "ø"}  # Swedish and German spellings of the same letters


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    if char in _FOLD:
        return _FOLD[char]
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """Lower case, with accents folded except on æ, ø and å, and English ``n't`` read as
    ``not``.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The normalised text.

    Examples
    --------
    >>> normalise("Idé og Göteborg, ÅPEN; don't")
    'ide og gøteborg, åpen; do not'
    """
    low = unicodedata.normalize("NFC", text.casefold()).replace("’", "'")
    low = low.replace("n't", " not").replace("cannot", "can not")
    return _FOREIGN.sub(lambda m: _fold(m.group()), low)


def words(text: str) -> list[str]:
    """The normalised words of a text; hyphens and digits split words.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of str
        The words, in order.

    Examples
    --------
    >>> words("EU-/EØS-lovgivning og FNs bærekraftsmål 17")
    ['eu', 'eøs', 'lovgivning', 'og', 'fns', 'bærekraftsmål']
    """
    return _WORD.findall(normalise(text))


@cache
def stop_words(language: str = "nb") -> frozenset[str]:
    """The stop words of a language, without :data:`NEGATIONS` (empty for a language without
    a list).

    Parameters
    ----------
    language : str, default "nb"
        A language code such as ``nb`` or ``en``.

    Returns
    -------
    frozenset of str
        The stop words.

    Examples
    --------
    >>> "og" in stop_words("nb"), "ikke" in stop_words("nb"), "not" in stop_words("en")
    (True, False, False)
    """
    name = {"norwegian": "nb", "english": "en"}.get(_LANGUAGES.get(text_language(language), ""))
    if name is None:
        return frozenset()
    text = resources.files("munintl.reference").joinpath(f"stopwords_{name}.txt").read_text("utf-8")
    listed = {line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"}
    return frozenset(listed - NEGATIONS)


@cache
def _stemmer(language: str) -> Callable[[str], str]:
    algorithm = _LANGUAGES.get(text_language(language))
    if algorithm is None:
        return str  # an unknown language: words are compared as they are written
    stemmer = snowballstemmer.stemmer(algorithm)
    return lru_cache(maxsize=1 << 16)(stemmer.stemWord)


def stem(word: str, language: str = "nb") -> str:
    """The Snowball stem of one normalised word.

    Parameters
    ----------
    word : str
        A normalised word.
    language : str, default "nb"
        A language code; an unknown one leaves the word as it is.

    Returns
    -------
    str
        The stem.

    Examples
    --------
    >>> [stem(w) for w in ("påvirke", "påvirker", "påvirket", "rammebetingelser", "byene")]
    ['påvirk', 'påvirk', 'påvirk', 'rammebeting', 'byen']
    >>> stem("influencing", "en"), stem("ord", "xx")
    ('influenc', 'ord')
    """
    return _stemmer(language)(word)


def stems(text: str, ignore: Iterable[str] = (), language: str = "nb") -> list[str]:
    """The stems of a text's content words, in order, those under a negation marked with
    :data:`NEGATED`. Left out: stop words, negation and contrast words themselves, one-letter
    words, :data:`DOMAIN_STOP_STEMS`, and the stems of the words in ``ignore`` (a
    municipality's own name, so that ``Oslos`` goes with ``Oslo``).

    Parameters
    ----------
    text : str
        Any text.
    ignore : iterable of str, optional
        Names whose words' stems are left out.
    language : str, default "nb"
        A language code.

    Returns
    -------
    list of str
        The stems, in order.

    Examples
    --------
    >>> stems("Bergen kommune skal være en aktiv pådriver for Bergens næringsliv", ["Bergen"])
    ['aktiv', 'pådriv', 'næringsliv']
    """
    return [s for s, _ in stem_words(text, ignore, language)]


def stem_words(
    text: str, ignore: Iterable[str] = (), language: str = "nb"
) -> list[tuple[str, str]]:
    """Like :func:`stems`, each stem with the word it came from (for reasons in plain words).

    Parameters
    ----------
    text : str
        Any text.
    ignore : iterable of str, optional
        Names whose words' stems are left out.
    language : str, default "nb"
        A language code.

    Returns
    -------
    list of (str, str)
        ``(stem, word)`` pairs, in order.

    Examples
    --------
    >>> stem_words("ikke søke midler", language="nb")
    [('¬søk', 'søke'), ('¬midl', 'midler')]
    """
    return list(stemmed(text, tuple(ignore), language))


@lru_cache(maxsize=1 << 14)  # texts repeat: a goal's text is read for its unit and its pack
def stemmed(text: str, ignore: tuple[str, ...], language: str) -> tuple[tuple[str, str], ...]:
    """:func:`stem_words` as a tuple, cached (the latest 16,384 texts): for callers that
    stem many texts and only read the result.

    Parameters
    ----------
    text : str
        Any text.
    ignore : tuple of str
        Names whose words' stems are left out.
    language : str
        A language code.

    Returns
    -------
    tuple of (str, str)
        ``(stem, word)`` pairs, in order; shared between callers.

    Examples
    --------
    >>> stemmed("Hamar skal søke midler", ("Hamar",), "nb")
    (('søk', 'søke'), ('midl', 'midler'))
    """
    to_stem = _stemmer(language)
    stop = stop_words(language)
    skip = _skipped(ignore, language)
    out: list[tuple[str, str]] = []
    for clause in _CLAUSE_END.split(text):
        negated = False
        said = words(clause)
        for position, word in enumerate(said):
            if word in NEGATIONS or (word in CESSATIONS and _activity_at(said, position + 1)):
                negated = True
            elif word in CONTRASTS:
                negated = False
            elif len(word) > 1 and word not in stop:
                s = to_stem(word)
                if s not in skip:
                    out.append((NEGATED + s if negated else s, word))
    return tuple(out)


@lru_cache(maxsize=1 << 12)  # one municipality's name, for each of its texts
def _skipped(ignore: tuple[str, ...], language: str) -> frozenset[str]:
    """The stems left out of a text: the domain's own and those of the names ignored."""
    to_stem = _stemmer(language)
    return DOMAIN_STOP_STEMS | {to_stem(w) for name in ignore for w in words(name)}


def _activity_at(said: list[str], position: int) -> bool:
    """Whether an activity is named at ``position``: an infinitive (``å``, ``to``), ``med``,
    or an English -ing form."""
    if position >= len(said):
        return False
    word = said[position]
    return word in _ACTIVITY_MARKERS or (word.endswith("ing") and len(word) > 4)


@lru_cache(maxsize=1 << 16)
def ngrams(word_stem: str, n: int = NGRAM) -> tuple[str, ...]:
    """Character n-grams of a stem with ``<`` and ``>`` marking its ends; a stem shorter than
    the n-gram is one feature of its own. A negated stem's n-grams are all marked negated, so
    they never meet the plain stem's.

    Parameters
    ----------
    word_stem : str
        A stem, possibly marked with :data:`NEGATED`.
    n : int, default NGRAM
        The n-gram length.

    Returns
    -------
    tuple of str
        The n-grams, in order.

    Examples
    --------
    >>> ngrams("eu"), ngrams("mål"), ngrams("¬eu")
    (('<eu>',), ('<mål', 'mål>'), ('¬<eu>',))
    >>> ngrams("bærekraftsmål")[-3:]
    ('tsmå', 'smål', 'mål>')
    """
    if word_stem.startswith(NEGATED):
        return tuple(NEGATED + g for g in ngrams(word_stem[1:], n))
    marked = f"<{word_stem}>"
    if len(marked) <= n:
        return (marked,)
    return tuple(marked[i : i + n] for i in range(len(marked) - n + 1))


def ngram_counts(stem_counts: Mapping[str, int]) -> dict[str, int]:
    """How often each n-gram occurs, given how often each stem does.

    Parameters
    ----------
    stem_counts : mapping of str to int
        How often each stem occurs.

    Returns
    -------
    dict of str to int
        How often each n-gram occurs.

    Examples
    --------
    >>> ngram_counts({"mål": 2, "bærekraftsmål": 1})["mål>"]
    3
    """
    out: dict[str, int] = {}
    for s, count in stem_counts.items():
        for g in ngrams(s):
            out[g] = out.get(g, 0) + count
    return out


def terms(text: str, ignore: Iterable[str] = (), language: str = "nb") -> dict[str, int]:
    """The wording features of a short text: how often each n-gram of its stems occurs.

    Parameters
    ----------
    text : str
        A short text.
    ignore : iterable of str, optional
        Names whose words' stems are left out.
    language : str, default "nb"
        A language code.

    Returns
    -------
    dict of str to int
        How often each n-gram occurs.

    Examples
    --------
    >>> sorted(terms("EU-prosjekter"))
    ['<eu>', '<pro', 'ekt>', 'jekt', 'osje', 'pros', 'rosj', 'sjek']
    """
    return ngram_counts(Counter(stems(text, ignore, language)))


def compound_links(
    a: Iterable[str], b: Iterable[str], part: int = 5, rest: int = 3
) -> tuple[str, ...]:
    """Pairs of stems, one from each side, where one begins or ends with the other (a compound
    and its part, or a stem and its derivation), as ``"long~part"``. The part has at least
    ``part`` letters and what remains at least ``rest``, which keeps prefixes such as ``av-``
    and ``be-`` (``avdeling``, ``deling``) from counting; stems both sides have are left out
    (they are shared already), and so are negated stems. They explain wording similarity that
    shared stems do not; they do not change any score.

    Parameters
    ----------
    a, b : iterable of str
        The stems of the two sides.
    part : int, default 5
        The fewest letters of the part.
    rest : int, default 3
        The fewest letters left over.

    Returns
    -------
    tuple of str
        The ``"long~part"`` links, sorted.

    Examples
    --------
    >>> compound_links(["rammebeting", "inkludering", "avdeling"], ["beting", "inkluder", "deling"])
    ('inkludering~inkluder', 'rammebeting~beting')
    """
    left = frozenset(s for s in a if not s.startswith(NEGATED))
    right = frozenset(s for s in b if not s.startswith(NEGATED))
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


def strategy_languages(pack: Pack) -> dict[str, str]:
    """The language of each strategy's text: its document's, as :func:`text_language` reads
    it (``nb`` when the document is not in the pack).

    Parameters
    ----------
    pack : Pack
        A loaded pack.

    Returns
    -------
    dict of str to str
        Language code by strategy id.

    Examples
    --------
    >>> import munintl
    >>> strategy_languages(munintl.load_pack("oslo"))["strategi-2023"]
    'nb'
    """
    return {strategy: text_language(tag) for strategy, tag in strategy_tags(pack).items()}
