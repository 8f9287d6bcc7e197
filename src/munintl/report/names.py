"""Names as the report shows them: countries by name (the ``iso3166`` package the model
already checks codes with; its names are English, in every language of the report),
organisations by their own name, lists in the order of the report's language.

>>> country_name("DK")
'Denmark'
>>> own_name("Die Hanse (the Hanseatic cities network)", "nb")
'Die Hanse'
>>> own_name("Nordisk RITS (Redning Innsats til Sjøs)", "nb")
'Nordisk RITS (Redning Innsats til Sjøs)'
>>> sorted(["Østerrike", "Zambia", "Ålesund", "Ærø"], key=lambda s: sort_key(s, "nb"))
['Zambia', 'Ærø', 'Østerrike', 'Ålesund']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

__all__ = ["country_name", "distinct_towns", "own_name", "sort_key"]

_GLOSS = re.compile(r"^(?P<own>.+?) \((?P<gloss>[^()]+)\)$")
# Bokmål puts æ, ø, å after z; a plain sort would put them after every ASCII letter anyway,
# but in the order å, æ, ø (their code points).
_NB_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|"})


def country_name(code: str) -> str:
    """A country's name from its ISO 3166-1 alpha-2 code; the code itself if unassigned.

    Parameters
    ----------
    code : str
        Such as ``"DK"``.

    Returns
    -------
    str
        The ISO 3166 short name without political qualifiers, such as ``"Denmark"`` or
        ``"Palestine"`` (not ``"Palestine, State of"``).

    Examples
    --------
    >>> country_name("PS"), country_name("XX")
    ('Palestine', 'XX')
    """
    import iso3166

    country = iso3166.countries_by_alpha2.get(code.upper())
    return str(country.apolitical_name) if country is not None else code


def own_name(name: str, lang: str) -> str:
    """An organisation's name without the English gloss the registry adds in parentheses
    (``KS Europakontor (KS's Brussels office)``), outside ``lang="en"``; a parenthesis that
    spells out an abbreviation before it (``Nordisk RITS (Redning Innsats til Sjøs)``) is
    part of the name and stays.

    Parameters
    ----------
    name : str
        An organisation's name as the registry writes it.
    lang : str
        The report's language.

    Returns
    -------
    str
        The name, without a gloss outside English.

    Examples
    --------
    >>> own_name("KS Europakontor (KS's Brussels office)", "nb")
    'KS Europakontor'
    >>> own_name("KS Europakontor (KS's Brussels office)", "en")
    "KS Europakontor (KS's Brussels office)"
    """
    match = _GLOSS.match(name)
    if lang == "en" or match is None:
        return name
    own, gloss = match["own"], match["gloss"]
    initials = "".join(word[0] for word in gloss.split()).upper()
    return name if own.split()[-1].upper() == initials else own


def sort_key(text: str, lang: str) -> str:
    """The key that sorts names as the report's language does.

    Parameters
    ----------
    text : str
        A name.
    lang : str
        The report's language; ``nb`` puts æ, ø and å after z, in that order.

    Returns
    -------
    str
        The sort key.

    Examples
    --------
    >>> sorted(["Ålesund", "Ærø", "Bergen"], key=lambda s: sort_key(s, "nb"))
    ['Bergen', 'Ærø', 'Ålesund']
    >>> sort_key("Ålesund", "en")
    'ålesund'
    """
    key = text.casefold()
    return key.translate(_NB_ORDER) if lang == "nb" else key


def distinct_towns(municipalities: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """Each pack's municipality by a name no other given municipality shares: its own name,
    or, where two share it (Herøy in Nordland and in Møre og Romsdal, the two Vålers), the
    name with its kommunenummer, so "Herøy (1818)–Herøy (1515)" tells them apart.

    Parameters
    ----------
    municipalities : iterable of (pack name, municipality name, kommunenummer)

    Returns
    -------
    dict
        Pack name -> the name to show.

    Examples
    --------
    >>> distinct_towns([("heroy-n", "Herøy", "1818"), ("heroy-m", "Herøy", "1515"),
    ...                 ("oslo", "Oslo", "0301")])
    {'heroy-n': 'Herøy (1818)', 'heroy-m': 'Herøy (1515)', 'oslo': 'Oslo'}
    """
    given = list(municipalities)
    count = Counter(name for _, name, _ in given)
    return {pack: f"{name} ({code})" if count[name] > 1 else name for pack, name, code in given}
