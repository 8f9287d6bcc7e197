"""The bilingual concept vocabulary: which themes a text names, in Norwegian or English.

``reference/themes.toml`` lists, for each theme, words that speak of it in bokmål and in
English (``[terms.THEME]``). Each word is stemmed by the one text pipeline in its own
language, so a goal's stems name a theme whatever language the goal is written in; that is the
bridge that lets an English strategy meet a Norwegian one.

>>> concepts_of(["påvirk", "rammebeting"], "nb")
{'eu-influence': 2.0}
>>> concepts_of(["influenc", "european", "¬fund"], "en")
{'eu-influence': 2.0}
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from importlib import resources

from munintl.languages import text_language
from munintl.text import NEGATED, stem, words

__all__ = ["PART", "concept_counts", "concepts_of", "vocabulary"]

PART = 5
"""A term stem of at least this many letters also counts inside a compound: at its beginning
or its end (``vennskapsbysamarbeid`` names twin cities)."""


@cache
def vocabulary(language: str) -> dict[str, frozenset[str]]:
    """The term stems of each theme in a language (``nb`` for Norwegian, ``en``; nynorsk uses
    the bokmål terms; another language has none).

    Parameters
    ----------
    language : str
        A BCP 47 language tag, read by :func:`munintl.text.text_language` (``"nb"``,
        ``"nb-NO"``, ``"nn"``, ``"no"``, ``"en"``, ...).

    Returns
    -------
    dict of str to frozenset of str
        Each theme's term stems (empty sets for an unknown language).

    Examples
    --------
    >>> sorted(vocabulary("en")["hosting"])
    ['deleg', 'guest', 'host', 'receiv', 'visit', 'visitor']
    """
    read_as = text_language(language)
    key = "nb" if read_as == "nn" else read_as  # nynorsk uses the bokmål terms
    data = tomllib.loads(
        resources.files("munintl.reference").joinpath("themes.toml").read_text("utf-8")
    )
    return {
        theme: frozenset(stem(w, key) for term in by_language.get(key, ()) for w in words(term))
        for theme, by_language in data["terms"].items()
    }


@lru_cache(maxsize=1 << 16)
def _themes_of(word_stem: str, language: str) -> tuple[str, ...]:
    found = []
    for theme, terms in vocabulary(language).items():
        for term in terms:
            if word_stem == term or (
                len(term) >= PART and (word_stem.startswith(term) or word_stem.endswith(term))
            ):
                found.append(theme)
                break
    return tuple(found)


def concepts_of(stems: Iterable[str], language: str) -> dict[str, float]:
    """How often a text's stems name each theme (a negated stem names none).

    Parameters
    ----------
    stems : iterable of str
        The text's word stems, as the text pipeline makes them.
    language : str
        The language of the stems (``"nb"``, ``"en"``, ...).

    Returns
    -------
    dict of str to float
        Each named theme and how many stems name it (a count, not a 0..1 score).

    Examples
    --------
    >>> concepts_of(["host", "¬visit"], "en")
    {'hosting': 1.0}
    """
    return concept_counts(Counter(stems), language)


def concept_counts(stem_counts: Mapping[str, int], language: str) -> dict[str, float]:
    """:func:`concepts_of` a text given how often each stem occurs (each stem looked up
    once).

    Parameters
    ----------
    stem_counts : mapping of str to int
        How often each stem occurs, in the order the stems first occur.
    language : str
        The language of the stems.

    Returns
    -------
    dict of str to float
        Each named theme and how many stems name it.

    Examples
    --------
    >>> concept_counts({"host": 2, "¬visit": 1}, "en")
    {'hosting': 2.0}
    """
    out: dict[str, float] = {}
    for s, count in stem_counts.items():
        if not s.startswith(NEGATED):
            for theme in _themes_of(s, language):
                out[theme] = out.get(theme, 0.0) + count
    return out
