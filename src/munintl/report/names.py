"""Names as the report shows them: countries by name (pycountry, of the ``html`` extra, where
installed; the ISO code otherwise), organisations by their own name, lists in the order of
the report's language.

>>> country_name("DK", "nb") if has_country_names() else "Danmark"
'Danmark'
>>> own_name("Die Hanse (the Hanseatic cities network)", "nb")
'Die Hanse'
>>> own_name("Nordisk RITS (Redning Innsats til Sjøs)", "nb")
'Nordisk RITS (Redning Innsats til Sjøs)'
>>> sorted(["Østerrike", "Zambia", "Ålesund", "Ærø"], key=lambda s: sort_key(s, "nb"))
['Zambia', 'Ærø', 'Østerrike', 'Ålesund']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

__all__ = ["country_name", "has_country_names", "own_name", "sort_key"]

_GLOSS = re.compile(r"^(?P<own>.+?) \((?P<gloss>[^()]+)\)$")
# Bokmål puts æ, ø, å after z; a plain sort would put them after every ASCII letter anyway,
# but in the order å, æ, ø (their code points).
_NB_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|"})


@cache
def _translator(lang: str) -> Callable[[str], str] | None:
    try:
        import pycountry
    except ImportError:
        return None
    if lang == "en":
        return lambda name: name
    import gettext

    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
    except OSError:  # no catalogue for this language: the English name
        return lambda name: name


def has_country_names() -> bool:
    """Whether countries can be shown by name (pycountry is installed)."""
    return _translator("en") is not None


def country_name(code: str, lang: str = "en") -> str:
    """A country's name in ``lang`` from its ISO 3166-1 alpha-2 code; the code itself where
    pycountry is missing or does not know it.

    Parameters
    ----------
    code : str
        Such as ``"DK"``.
    lang : {"en", "nb"}
        The language of the name.

    Returns
    -------
    str
        Such as ``"Denmark"`` or ``"Danmark"``.

    Examples
    --------
    >>> country_name("SE", "nb") in ("Sverige", "SE")  # "SE" where pycountry is missing
    True
    >>> country_name("XX")
    'XX'
    """
    translate = _translator(lang)
    if translate is None:
        return code
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    return translate(str(getattr(country, "common_name", None) or country.name))


def own_name(name: str, lang: str) -> str:
    """An organisation's name without the English gloss the registry adds in parentheses
    (``KS Europakontor (KS's Brussels office)``), outside ``lang="en"``; a parenthesis that
    spells out an abbreviation before it (``Nordisk RITS (Redning Innsats til Sjøs)``) is
    part of the name and stays.
    """
    match = _GLOSS.match(name)
    if lang == "en" or match is None:
        return name
    own, gloss = match["own"], match["gloss"]
    initials = "".join(word[0] for word in gloss.split()).upper()
    return name if own.split()[-1].upper() == initials else own


def sort_key(text: str, lang: str) -> str:
    """The key that sorts names as the report's language does."""
    key = text.casefold()
    return key.translate(_NB_ORDER) if lang == "nb" else key
