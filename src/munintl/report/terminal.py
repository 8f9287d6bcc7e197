"""Text for a terminal: one line where one line is meant, columns by the width a terminal shows.

A pack's text may hold line breaks (``\\n``, ``\\r``, U+2028, U+2029), tabs, wide characters
(CJK, most emoji: two columns) and combining marks (no column of their own). A heading or a
table cell built from it must stay one line, and a column must line up however many code
points its text has.

>>> one_line("Hård\\u2028kommune\\r\\n  2026")
'Hård kommune 2026'
>>> display_width("Hå"), display_width("e\\u0301"), display_width("東京"), display_width("🌍")
(2, 1, 4, 2)
>>> pad("東京", 6) + "|"
'東京  |'
>>> wrap("東京 大阪 札幌 京都", 10)
['東京 大阪', '札幌 京都']
"""

from __future__ import annotations

import textwrap
import unicodedata
from typing import Any

__all__ = ["display_width", "one_line", "pad", "wrap"]

_ZERO_WIDTH = {"Mn", "Me", "Cf"}  # combining marks, enclosing marks, format characters (ZWJ)


def one_line(text: str) -> str:
    """The text with every run of whitespace, line and paragraph separators included, as one
    space; ``str.split`` knows every Unicode whitespace character.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        The same words on one line, without leading or trailing spaces.

    Examples
    --------
    >>> one_line("a\\tb\\u2029\\u0085c")
    'a b c'
    """
    return " ".join(text.split())


def display_width(text: str) -> int:
    """The columns a terminal gives the text: wide and fullwidth characters two, combining
    marks and format characters none, everything else one.

    Parameters
    ----------
    text : str
        One line (see :func:`one_line`).

    Returns
    -------
    int
        Columns; an approximation for emoji sequences joined by U+200D, which terminals differ on.

    Examples
    --------
    >>> display_width("Ærø")
    3
    """
    width = 0
    for char in text:
        if unicodedata.category(char) in _ZERO_WIDTH:
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int) -> str:
    """The text left-aligned in ``width`` columns (by :func:`display_width`; never cut).

    Parameters
    ----------
    text : str
    width : int
        Columns.

    Returns
    -------
    str

    Examples
    --------
    >>> pad("e\\u0301", 3) == "e\\u0301  "
    True
    """
    return text + " " * max(0, width - display_width(text))


# textwrap counts code points; a wide character is followed by this filler while wrapping, so
# that it counts two. U+FFFF is a noncharacter the loader refuses in any text.
_FILLER = "\uffff"


def wrap(text: str, width: int, **options: Any) -> list[str]:
    """:func:`textwrap.wrap` of the text made one line (:func:`one_line`), with wide
    characters counted as the two columns a terminal gives them.

    Parameters
    ----------
    text : str
    width : int
        Columns per line, indents included.
    **options
        Passed to :func:`textwrap.wrap` (``initial_indent``, ``max_lines``, ...).

    Returns
    -------
    list of str
        The lines.

    Examples
    --------
    >>> wrap("a b c", 3)
    ['a b', 'c']
    """
    widened = "".join(
        char + _FILLER if unicodedata.east_asian_width(char) in ("W", "F") else char
        for char in one_line(text)
    )
    return [line.replace(_FILLER, "") for line in textwrap.wrap(widened, width, **options)]
