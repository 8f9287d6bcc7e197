"""Parsing a pack's TOML 1.0: the fastest parser installed, tomllib's words for every error.

With the ``fast`` extra a compiled parser (rtoml, else tomli) reads the files; without it, the
standard library's tomllib. A file the compiled parser refuses, or one that may hold what only
TOML 1.1 allows, is parsed by tomllib, so that what loads, and the message, line and column of
an error, never depend on what is installed; common mistakes get a hint in plain words.

>>> parse("a = 1", pack="p", file="f.toml")
{'a': 1}
>>> parse("a = { b = 1, }", pack="p", file="f.toml")
Traceback (most recent call last):
...
munintl.errors.PackDataError: p: f.toml:1: invalid TOML: Invalid initial character for a key \
part, column 14 (hint: remove the comma before '}': an inline table { ... } takes no trailing comma)
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Callable
from typing import Any, NoReturn

from munintl._convert import _format_path, path_at
from munintl.errors import PackDataError

__all__ = ["parse"]


def _fast_parser() -> Callable[[str], dict[str, Any]] | None:
    """The fastest compiled TOML parser installed (None: only tomllib)."""
    try:
        import rtoml

        return rtoml.loads
    except ImportError:
        pass
    try:
        import tomli

        return tomli.loads
    except ImportError:
        return None


_FAST = _fast_parser()

# What a TOML 1.1 parser (rtoml, tomli >= 2.3) reads but TOML 1.0 (tomllib of Python 3.11,
# the pack format) refuses, or may: \\e and \\x escapes, an inline table with a trailing comma
# or over several lines, a time without seconds. A text that may hold one is left to tomllib,
# so that a pack never loads with the fast extra and fails without it. Each pattern starts with
# a literal (the regular expression engine then skips ahead fast) and is linear; a false alarm
# (a "{" in a comment, a full time of day) only costs the slower parse.
_MAYBE_TOML_1_1 = (
    re.compile(r",[ \t\r\n]*\}"),
    re.compile(r"\{[^}\n]*\n"),
    re.compile(r":[0-9][0-9](?![:0-9])"),
)


def _maybe_toml_1_1(text: str) -> bool:
    """Whether ``text`` may hold what only TOML 1.1 allows.

    >>> _maybe_toml_1_1('a = { b = 1, }'), _maybe_toml_1_1('a = { b = 1 }\\nt = "12:00"')
    (True, True)
    >>> _maybe_toml_1_1('a = { b = 1 }\\n[[goals]]\\nid = "x"\\n')
    False
    """
    return "\\e" in text or "\\x" in text or any(p.search(text) for p in _MAYBE_TOML_1_1)


_POSITION = re.compile(r" \(at line (\d+), column (\d+)\)$| \(at end of document\)$")


def parse(text: str, *, pack: str, file: str) -> dict[str, Any]:
    """The table a TOML 1.0 text holds.

    Parameters
    ----------
    text : str
        The file's text (the byte-order mark already removed).
    pack, file : str
        Where the text comes from, for the message.

    Returns
    -------
    dict
        The parsed TOML document.

    Raises
    ------
    PackDataError
        If the text is not TOML 1.0, with tomllib's reason, line and column and a hint.
    """
    if _FAST is not None and not _maybe_toml_1_1(text):
        try:
            return _FAST(text)
        except Exception:
            pass
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        _raise_located(text, pack=pack, file=file)
    except RecursionError:
        _too_deep(text, pack, file)
    except ValueError:
        # tomllib lets Python's int() refuse a number of thousands of digits unwrapped.
        raise PackDataError(
            f"invalid TOML: a number has more than {sys.get_int_max_str_digits()} digits",
            pack=pack,
            file=file,
        ) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _too_deep(text: str, pack: str, file: str) -> NoReturn:
    # tomllib parses nested arrays and inline tables recursively.
    raise PackDataError(
        "invalid TOML: arrays or tables are nested too deeply",
        pack=pack,
        file=file,
        line=_deep_line(text),
    ) from None


def _deep_line(text: str, limit: int = 100) -> int | None:
    """The first line where arrays and inline tables are nested more than ``limit`` deep
    (brackets in quoted text and comments are skipped; a ``[header]`` opens no value).

    >>> _deep_line("a = 1\\nb = " + "[" * 150 + "]" * 150 + "\\n")
    2
    """
    depth = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if depth == 0 and line.lstrip().startswith("["):
            continue  # a table header
        quote = None
        for char in line:
            if quote:
                quote = None if char == quote else quote
            elif char in "\"'":
                quote = char
            elif char == "#":
                break
            elif char in "[{":
                depth += 1
                if depth > limit:
                    return number
            elif char in "]}":
                depth = max(depth - 1, 0)
    return None


def _raise_located(text: str, *, pack: str, file: str) -> NoReturn:
    """Raise tomllib's account of why ``text`` is not TOML, located, with a hint."""
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _POSITION.search(message)
        reason = _POSITION.sub("", message)
        line = int(match[1]) if match and match[1] else text.count("\n") + 1
        column = int(match[2]) if match and match[2] else None
        where = f", column {column}" if column else ""
        hint = _hint(reason, text, line, column)
        key = _key_on(text, line) if reason.startswith("Cannot overwrite a value") else None
        raise PackDataError(
            f"invalid TOML: {reason}{where}" + (f" (hint: {hint})" if hint else ""),
            pack=pack,
            file=file,
            line=line,
            path=_format_path(path_at(text, line, key)) if key else None,
        ) from None
    raise AssertionError("only called for a text tomllib refuses")  # pragma: no cover


_TABLE = "[table] or [[array of tables]] section"
# Quotation marks a word processor or a Norwegian keyboard puts in place of '"' and "'".
_CURLY_QUOTES = frozenset("“”„‟«»‘’‚‛‹›″")
# tomllib's reason (its start) -> the hint, for mistakes whose hint needs no context.
_HINTS = {
    "Unclosed inline table": (
        f"an inline table {{ ... }} must close on the line it opens; for several lines use a "
        f"{_TABLE}"
    ),
    "Cannot declare": "a [table] is declared twice: merge the two sections into one",
    "Illegal character '\\n'": (
        'a "text" must end on the line it starts; use """...""" for text over several lines'
    ),
    "Invalid value": 'text must be in quotes ("..."); true and false are written in lower case',
    "Unclosed array": "an array [ ... ] needs its closing ] and a comma between its items",
    "Expected '=' after a key": (
        "each line is key = value, a [table] header or a # comment; text goes in quotes"
    ),
    "Expected newline or end of document after a statement": (
        "one key = value per line; numbers without thousands separators or leading zeros "
        '(1000 or 1_000), dates as text in quotes ("2020-05-01")'
    ),
    "Cannot mutate immutable namespace": (
        "a table written inline { ... } or an array [ ... ] cannot get more keys later: "
        "give all its keys in one place"
    ),
    "Unterminated string": 'a multi-line text needs its closing """',
    "Expected \"'''\"": "a multi-line text needs its closing '''",
    "Unescaped '\\' in a string": (
        'a backslash in "text" starts an escape: write \\\\ for one backslash, or use '
        "'single quotes' for text without escapes"
    ),
    "Expected ']' at the end of a table declaration": "a [table] header needs its closing ]",
}


def _hint(reason: str, text: str, line: int, column: int | None) -> str | None:
    """Plain words for the TOML mistakes authors commonly make, from tomllib's reason.

    >>> _hint("Unclosed array", "a = [1", 1, None)
    'an array [ ... ] needs its closing ] and a comma between its items'
    >>> _hint("Invalid statement", "a = 1\\n\\ufeffb = 2\\n", 2, 1)[:21]
    'a byte-order mark (U+'
    """
    if _char_at(text, line, column) == "\ufeff":
        return (
            "a byte-order mark (U+FEFF) stands in the middle of the file, where two files "
            "were joined: delete it"
        )
    if "\r" in text.replace("\r\n", ""):  # TOML allows LF and CRLF only
        return "lines of the file end in a bare CR (old Mac style): save it with LF line endings"
    if reason.startswith("Invalid initial character for a key part"):
        at = _char_at(text, line, column)
        if at == "}":
            return "remove the comma before '}': an inline table { ... } takes no trailing comma"
        if at in ("\n", "\r", "#", None):
            return (
                "an inline table { ... } must be written on one line; for several lines use a "
                + _TABLE
            )
        return None
    if reason.startswith("Invalid value") and _char_at(text, line, column) in _CURLY_QUOTES:
        return (
            'text must be in straight quotes ("..."), not typographic ones (“...”, «...»), '
            "as a word processor writes them"
        )
    if reason.startswith("Cannot overwrite a value"):
        key = _key_on(text, line)
        return f"the key {key!r} is given twice in one table" if key else "a key is given twice"
    for start, hint in _HINTS.items():
        if reason.startswith(start) and (start != "Cannot declare" or "twice" in reason):
            return hint
    return None


def _char_at(text: str, line: int, column: int | None) -> str | None:
    if column is None:
        return None
    lines = text.split("\n")
    if line > len(lines):
        return None
    row = lines[line - 1] + "\n"
    return row[column - 1] if 0 < column <= len(row) else None


def _key_on(text: str, line: int) -> str | None:
    """The key written at the start of a line (quotes removed), if there is one."""
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return None
    key = lines[line - 1].split("=", 1)[0].strip().strip('"').strip("'")
    return key or None
