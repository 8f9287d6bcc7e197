"""The similarity matrix as an SVG heatmap, written as text (no plotting library needed).

The SVG names itself (``role="img"``, a ``<title>`` and a ``<desc>``) and prints each score
in its cell, so it is readable without telling colours apart.

>>> svg = heatmap_svg(["Bergen", "Oslo"], [[0.9, 0.39], [0.39, 0.95]], title="T", self_label="-")
>>> svg.startswith("<svg") and "0.39" in svg and 'role="img"' in svg
True
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from munintl.report.colours import text_colour

__all__ = ["heatmap_svg", "shade"]

_LOW = (0xF4, 0xF7, 0xFA)
_HIGH = (0x00, 0x4A, 0x73)
_CELL = 64
_LABEL = 170  # room for a row label of _LONGEST characters
_LONGEST = 16
_TOP = 110  # room for the column labels, slanted upwards to the right
_RIGHT = 110  # room for the last column's label


def shade(score: float) -> str:
    """The cell colour of a score in [0, 1]: from a pale grey-blue to a dark blue.

    Parameters
    ----------
    score : float
        A similarity in [0, 1]; values outside are clipped.

    Returns
    -------
    str
        ``#RRGGBB``.

    Examples
    --------
    >>> shade(0.0), shade(1.0)
    ('#F4F7FA', '#004A73')
    """
    t = min(max(score, 0.0), 1.0)
    r, g, b = (round(lo + (hi - lo) * t) for lo, hi in zip(_LOW, _HIGH, strict=True))
    return f"#{r:02X}{g:02X}{b:02X}"


def _label(name: str, x: float, y: float, rotate: bool = False) -> str:
    """A name as an SVG text: cut with an ellipsis when long (the full name is its tooltip
    and is in the table beside), written in its own direction (right-to-left names too)."""
    shown = name if len(name) <= _LONGEST else name[: _LONGEST - 1].rstrip() + "…"
    turn = f' transform="rotate(-40 {x} {y})"' if rotate else ""
    anchor = "start" if rotate else "end"
    return (
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" style="unicode-bidi: plaintext"{turn}>'
        f"<title>{escape(name)}</title>{escape(shown)}</text>"
    )


def _row(i: int, name: str, scores: Sequence[float], self_label: str, comma: bool) -> str:
    """One row of the heatmap: its label, then a cell per column (the diagonal not scored)."""
    y = _TOP + i * _CELL
    parts = [_label(name, _LABEL - 8, y + _CELL / 2 + 5)]
    for j, score in enumerate(scores):
        x = _LABEL + j * _CELL
        own = i == j
        fill = "#FFFFFF" if own else shade(score)
        label = escape(self_label) if own else f"{score:.2f}"
        label = label.replace(".", ",") if comma and not own else label
        parts.append(
            f'<rect x="{x}" y="{y}" width="{_CELL}" height="{_CELL}" fill="{fill}" '
            'stroke="#8A9BA8"/>'
            f'<text x="{x + _CELL / 2}" y="{y + _CELL / 2 + 5}" text-anchor="middle" '
            f'fill="{"#1A1A1A" if own else text_colour(fill)}">{label}</text>'
        )
    return "".join(parts)


def heatmap_svg(
    names: Sequence[str],
    matrix: Sequence[Sequence[float]],
    *,
    title: str,
    self_label: str,
    desc: str = "",
    decimal_comma: bool = False,
) -> str:
    """A square heatmap of a similarity matrix, one row and column per name.

    Parameters
    ----------
    names : sequence of str
        Row and column labels, n of them.
    matrix : sequence of sequence of float
        n x n scores in [0, 1]; the diagonal is shown as ``self_label``, not as a score.
    title : str
        The SVG's accessible name.
    self_label : str
        What the diagonal cells say (a municipality against itself).
    desc : str
        A longer description for screen readers.
    decimal_comma : bool
        Write scores with a decimal comma (``0,40``), as bokmål does.

    Returns
    -------
    str
        An ``<svg>`` element whose ``viewBox`` scales to the page width.

    Examples
    --------
    >>> "seg selv" in heatmap_svg(["A"], [[1.0]], title="t", self_label="seg selv")
    True
    """
    n = len(names)
    width, height = _LABEL + n * _CELL + _RIGHT, _TOP + n * _CELL
    parts = [
        # At most its natural size (one unit a pixel): a small matrix is not blown up, so
        # its text stays the page's size; a large one shrinks to the page's width.
        f'<svg class="heatmap" role="img" style="max-width: {width}px" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="heatmap-title heatmap-desc">',
        f'<title id="heatmap-title">{escape(title)}</title>',
        f'<desc id="heatmap-desc">{escape(desc)}</desc>',
    ]
    for j, name in enumerate(names):
        parts.append(_label(name, _LABEL + j * _CELL + _CELL / 2 - 8, _TOP - 8, rotate=True))
    for i, name in enumerate(names):
        parts.append(_row(i, name, matrix[i], self_label, decimal_comma))
    parts.append("</svg>")
    return "".join(parts)
