"""Which language munintl reads a text in, from its document's BCP 47 tag (one owner).

Whether a tag is BCP 47 at all is :func:`munintl.model.language_problem`'s rule; this module
says how a valid tag is read: by its primary subtag, so that ``nb-NO`` is bokmål like ``nb``.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from munintl.model import Pack

__all__ = ["TEXT_LANGUAGES", "strategy_tags", "text_language"]

TEXT_LANGUAGES: frozenset[str] = frozenset({"nb", "nn", "en"})
"""The languages munintl reads by meaning (stems, stop words, negation, the bilingual concept
vocabulary): ``nb``, ``nn`` and ``en``. A text in another language is compared word for word."""


@cache
def text_language(tag: str) -> str:
    """The language munintl reads a text in, from its document's BCP 47 language tag.

    The one rule for it: the primary language subtag, in lower case (BCP 47 tags are
    case-insensitive, and a region or script does not change the words), with the macrolanguage
    ``no`` (Norwegian) read as bokmål, ``nb``. So ``nb-NO``, ``NB`` and ``no`` are all read as
    bokmål, ``en-GB`` as English.

    Parameters
    ----------
    tag : str
        A BCP 47 language tag, as a document's ``language`` gives it.

    Returns
    -------
    str
        One of :data:`TEXT_LANGUAGES`, or the primary subtag of a language munintl does not
        read by meaning (its texts are compared word for word).

    Examples
    --------
    >>> [text_language(t) for t in ("nb-NO", "NB", "no", "nn", "en-GB", "de-AT")]
    ['nb', 'nb', 'nb', 'nn', 'en', 'de']
    """
    primary = tag.strip().split("-", 1)[0].split("_", 1)[0].lower()
    return "nb" if primary == "no" else primary


def strategy_tags(pack: Pack) -> dict[str, str]:
    """Each strategy's language tag (BCP 47) as its document gives it: what the report's
    ``lang`` attributes say (WCAG 3.1.2), and what :func:`text_language` reads its texts in.

    Parameters
    ----------
    pack : Pack
        A loaded pack.

    Returns
    -------
    dict of str to str
        By strategy id; ``nb`` (the format's default) when the document is not in the pack.

    Examples
    --------
    >>> import munintl
    >>> strategy_tags(munintl.load_pack("oslo"))["strategi-2023"]
    'nb'
    """
    documents = {d.id: d.language for d in pack.documents}
    return {s.id: documents.get(s.document, "nb") for s in pack.strategies}
