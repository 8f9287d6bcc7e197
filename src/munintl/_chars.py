"""Characters that look like others: naming them so a message shows what the eye cannot.

Ids, codes, numbers and file names are ASCII. A Cyrillic ``а`` (U+0430) in an id, a
superscript ``²`` after an SDG number or an Arabic-Indic digit in a kommunenummer looks right
and is not; a message about such a value names the character.

>>> lookalike_note("bergen-og-verden-2018\\u0430")
' (it holds U+0430 CYRILLIC SMALL LETTER A)'
>>> lookalike_note("plain")
''
"""

from __future__ import annotations

import unicodedata

__all__ = ["foreign_characters", "lookalike_note", "skeleton"]

_MAX_NAMED = 3


def foreign_characters(text: str) -> list[str]:
    """The distinct non-ASCII (and non-printable ASCII) characters of a text, as
    ``U+XXXX NAME``, in order of appearance.

    >>> foreign_characters("1\\u00b9\\n")
    ['U+00B9 SUPERSCRIPT ONE', 'U+000A LINE FEED']
    """
    named: dict[str, None] = {}
    for char in text:
        if not (char.isascii() and char.isprintable()):
            name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "unnamed character")
            named.setdefault(f"U+{ord(char):04X} {name}")
    return list(named)


_CONTROL_NAMES = {"\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\t": "TAB"}


def lookalike_note(text: str) -> str:
    """`` (it holds U+… NAME, …)`` naming a text's non-ASCII characters, or ``""``."""
    found = foreign_characters(text)
    if not found:
        return ""
    more = f" and {len(found) - _MAX_NAMED} more" if len(found) > _MAX_NAMED else ""
    return f" (it holds {', '.join(found[:_MAX_NAMED])}{more})"


def skeleton(text: str) -> str:
    """A text with look-alikes folded to the ASCII they imitate, for telling which real id an
    unknown one was meant to be (NFKC folds ``²`` to ``2``; Cyrillic and Greek letters that
    share a Latin letter's shape are mapped by hand).

    >>> skeleton("b\\u0435rg\\u0435n\\u00b2")
    'bergen2'
    """
    folded = unicodedata.normalize("NFKC", text)
    return folded.translate(_CONFUSABLES)


# Cyrillic and Greek letters drawn like Latin ones (a subset of Unicode's confusables).
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "і": "i", "ј": "j", "к": "k", "м": "m", "н": "h",
        "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d",
        "ο": "o", "α": "a", "ι": "i", "κ": "k", "ν": "v", "ρ": "p", "τ": "t", "υ": "u",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "Х": "X",
    }
)  # fmt: skip
