"""Where an element of a TOML value starts: the n-th item of an array, or a key of an inline
table, found by scanning the value's text (strings, comments and nesting respected).

The line index in :mod:`munintl._convert` finds the line of a key; a value may span lines
(``sdgs = [`` then one link a line), and an error in its third item belongs on that item's
line, not on the key's.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

_CLOSERS = ",]}\n#"


def value_offset(text: str, key_end: int, path: Sequence[str | int]) -> int:
    """The offset of the value that ``path`` names, inside the value after ``key_end``.

    ``key_end`` is an offset on the key's line before its ``=``; ``path`` continues the field
    path from that key (``[2, "to"]`` for the third item's ``to``). The scan goes as deep as
    the text allows and returns the start of the deepest value it reached (the key's own value
    when nothing deeper is found), so a damaged or unusual value never makes it fail.

    >>> text = 'sdgs = [\\n  { to = "17" },\\n  { to = "17.20" },\\n]\\n'
    >>> text.count("\\n", 0, value_offset(text, 0, [1, "to"])) + 1
    3
    >>> text.count("\\n", 0, value_offset(text, 0, [5])) + 1
    1
    """
    equals = text.find("=", key_end)
    if equals < 0:
        return key_end
    position = _skip_blank(text, equals + 1)
    for step in path:
        inner = _element(text, position, step)
        if inner is None:
            break
        position = inner
    return position


def value_last_line(text: str, starts: Sequence[int], line: int) -> int:
    """The last line (0-based) of the value of the key written on ``line``: the line itself,
    or where a multi-line array or inline table closes (whose lines hold no keys or headers).

    ``starts`` gives the offset where each line starts.

    >>> text = "a = [\\n  [1],\\n]\\nb = 2\\n"
    >>> value_last_line(text, [0, 6, 13, 15, 21], 0), value_last_line(text, [0, 6, 13, 15, 21], 3)
    (2, 3)
    """
    equals = _key_end(text, starts[line])
    if equals is None:
        return line
    value = _skip_blank(text, equals + 1)
    if text[value : value + 1] not in ("[", "{"):
        return line
    end = _skip_value(text, value)
    return max(line, bisect.bisect_right(starts, max(end - 1, value)) - 1)


def _element(text: str, position: int, step: str | int) -> int | None:
    """The start of item ``step`` of the array, or of key ``step``'s value in the inline
    table, that starts at ``position``; None when it is not there."""
    opener = text[position : position + 1]
    if isinstance(step, int) and opener == "[":
        return _nth_item(text, position + 1, step)
    if isinstance(step, str) and opener == "{":
        return _key_value(text, position + 1, step)
    return None


def _nth_item(text: str, position: int, wanted: int) -> int | None:
    for _ in range(wanted):
        position = _skip_blank(text, position)
        if text[position : position + 1] in ("]", ""):
            return None
        position = _skip_blank(text, _skip_value(text, position))
        if text[position : position + 1] != ",":
            return None
        position += 1
    position = _skip_blank(text, position)
    return None if text[position : position + 1] in ("]", "") else position


def _key_value(text: str, position: int, wanted: str) -> int | None:
    while True:
        position = _skip_blank(text, position)
        equals = _key_end(text, position)
        if equals is None:
            return None
        names = [part.strip().strip("\"'") for part in text[position:equals].split(".")]
        value = _skip_blank(text, equals + 1)
        if names and names[0] == wanted:
            return value
        position = _skip_blank(text, _skip_value(text, value))
        if text[position : position + 1] != ",":
            return None
        position += 1


def _key_end(text: str, position: int) -> int | None:
    """The offset of the ``=`` after the key starting at ``position`` (quotes respected)."""
    quote = None
    for offset in range(position, min(len(text), position + 1000)):
        char = text[offset]
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "=":
            return offset
        elif char in "}\n":
            return None
    return None


def _skip_blank(text: str, position: int) -> int:
    """Past white space, line breaks and comments."""
    size = len(text)
    while position < size:
        char = text[position]
        if char in " \t\r\n":
            position += 1
        elif char == "#":
            end = text.find("\n", position)
            position = size if end < 0 else end
        else:
            break
    return position


def _skip_value(text: str, position: int) -> int:
    """Past one value: a string, an array or inline table (nested), or a bare scalar."""
    char = text[position : position + 1]
    if char in ('"', "'"):
        return _skip_string(text, position)
    if char == "[":
        return _skip_array(text, position + 1)
    if char == "{":
        return _skip_table(text, position + 1)
    while position < len(text) and text[position] not in _CLOSERS:
        position += 1
    return position


def _skip_array(text: str, position: int) -> int:
    while True:
        position = _skip_blank(text, position)
        if text[position : position + 1] in ("]", ""):
            return position + 1
        position = _skip_blank(text, _skip_value(text, position))
        if text[position : position + 1] != ",":
            return position + 1 if text[position : position + 1] == "]" else position
        position += 1


def _skip_table(text: str, position: int) -> int:
    while True:
        position = _skip_blank(text, position)
        if text[position : position + 1] in ("}", ""):
            return position + 1
        equals = _key_end(text, position)
        if equals is None:
            return position
        position = _skip_blank(text, _skip_value(text, _skip_blank(text, equals + 1)))
        if text[position : position + 1] != ",":
            return position + 1 if text[position : position + 1] == "}" else position
        position += 1


def _skip_string(text: str, position: int) -> int:
    """Past a basic, literal or multi-line string starting at ``position``."""
    quote = text[position]
    if text.startswith(quote * 3, position):
        end = text.find(quote * 3, position + 3)
        if quote == '"':
            while end > 0 and _escaped(text, end):
                end = text.find(quote * 3, end + 1)
        if end < 0:
            return len(text)
        end += 3
        while text[end : end + 1] == quote:  # up to two quotes may end the content
            end += 1
        return end
    offset = position + 1
    while offset < len(text) and text[offset] not in (quote, "\n"):
        offset += 2 if quote == '"' and text[offset] == "\\" else 1
    return offset + 1


def _escaped(text: str, position: int) -> bool:
    """Whether the character at ``position`` is escaped by an odd run of backslashes."""
    run = 0
    while position - run - 1 >= 0 and text[position - run - 1] == "\\":
        run += 1
    return run % 2 == 1
