"""Escaping outside text for the HTML, Markdown, plot labels and one-line messages munintl writes.

Pack text is data written by whoever made the pack. Any module that puts it into HTML or
Markdown passes it through here first, so that a title such as ``<script>`` or ``**[click](x)**``
is shown as written and never becomes markup.

>>> html('<b>"Oslo" & Bergen</b>')
'&lt;b&gt;&quot;Oslo&quot; &amp; Bergen&lt;/b&gt;'
>>> markdown("**[click](https://example.org)** <img src=x>")
'\\\\*\\\\*\\\\[click\\\\](https://example.org)\\\\*\\\\* \\\\<img src=x\\\\>'
"""

from __future__ import annotations

import html as _html
import re

__all__ = ["html", "markdown", "mathtext", "no_breaks", "one_line"]

# Characters that start inline markup anywhere in a line (emphasis, code, links, raw HTML,
# entities, tables, strike-through); CommonMark lets any ASCII punctuation be escaped with "\".
_INLINE = re.compile(r"([\\`*_\[\]<>|~&!])")
# What makes markup only at the start of a line: a heading, list item, quote, rule or
# setext underline, and "1." / "1)" ordered lists.
_LINE_START = re.compile(r"^([#+\-=>])|^(\d+)([.)])")


def html(text: str) -> str:
    """Text for HTML element content or a quoted attribute value."""
    return _html.escape(text, quote=True)


def markdown(text: str) -> str:
    """Text for one line of Markdown: inline (a list item, a table cell, a heading's words).

    Line breaks and runs of white space become one space, so pack text cannot end the line it
    is put on (and so start a heading, a list or a new table row).

    >>> markdown("# Not a heading\\n- nor a list | nor a cell")
    '\\\\# Not a heading - nor a list \\\\| nor a cell'
    >>> markdown("1. første mål")
    '1\\\\. første mål'
    """
    one_line = " ".join(text.split())
    escaped = _INLINE.sub(r"\\\1", one_line)
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def no_breaks(text: str) -> str:
    """The text with each run of line-breaking characters (those ``str.splitlines`` breaks
    at: LF, CR, VT, FF, FS, GS, RS, NEL, U+2028, U+2029) as one space, all else as it was, so
    that a title holding a line break stays on its row of plain-text output (``munintl show``,
    the overlap's text), and indentation and padding survive.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        The same text on one line.

    Examples
    --------
    >>> no_breaks("  [1] Oslo\\r\\nog verden\\u2028i dag")
    '  [1] Oslo og verden i dag'
    """
    return _BREAKS.sub(" ", text)


_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def mathtext(text: str) -> str:
    """Text for a matplotlib label: a pair of ``$`` would otherwise start math mode, which
    garbles the text or, malformed, makes drawing the figure fail.

    >>> mathtext("Budsjett $x^{$ kr")
    'Budsjett \\\\$x^{\\\\$ kr'
    """
    return text.replace("$", "\\$")


# Control characters (Cc), the line and paragraph separators (Zl, Zp) and format characters
# (Cf: bidirectional overrides, zero-width marks) can break a message over lines, rewrite a
# terminal or hide text; the pattern finds them with one search per message.
_UNSAFE_IN_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff"
    "\ufff9-\ufffb\ufffe\uffff]"
)


def one_line(text: str) -> str:
    """Text from outside (a folder name, a plugin's exception text) made safe for one line of
    a message: control, separator and invisible format characters are shown escaped.

    >>> one_line("could not read settings:\\n  line 2\\tend\\x1b[2J")
    'could not read settings:\\\\n  line 2\\\\tend\\\\x1b[2J'
    >>> one_line("Tromsø\\u2028kommune")
    'Tromsø\\\\u2028kommune'
    """
    return _UNSAFE_IN_LINE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    char = match[0]
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
