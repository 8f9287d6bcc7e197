"""Readable colours: WCAG 2 contrast ratios, and the text colour for a coloured tile.

>>> round(contrast_ratio("#000000", "#FFFFFF"), 1)
21.0
>>> text_colour("#FCC30B")   # dark text on the SDG 7 yellow
'#1A1A1A'
"""

from __future__ import annotations

__all__ = ["DARK", "LIGHT", "contrast_ratio", "relative_luminance", "text_colour"]

DARK = "#1A1A1A"
LIGHT = "#FFFFFF"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The WCAG 2 relative luminance of a ``#RRGGBB`` colour, from 0 (black) to 1 (white).

    Parameters
    ----------
    colour : str
        ``#RRGGBB``.

    Returns
    -------
    float
        The luminance in [0, 1].

    Examples
    --------
    >>> relative_luminance("#FFFFFF")
    1.0
    """
    digits = colour.lstrip("#")
    r, g, b = (_channel(int(digits[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 to 21 (4.5 is the AA minimum).

    Parameters
    ----------
    foreground, background : str
        ``#RRGGBB`` colours; the order does not matter.

    Returns
    -------
    float
        ``(L1 + 0.05) / (L2 + 0.05)``, the lighter luminance over the darker.

    Examples
    --------
    >>> round(contrast_ratio("#FFFFFF", "#19486A"), 2)
    9.65
    """
    a, b = relative_luminance(foreground), relative_luminance(background)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour(background: str) -> str:
    """White or near-black, whichever contrasts more with the background.

    Parameters
    ----------
    background : str
        ``#RRGGBB``.

    Returns
    -------
    str
        :data:`LIGHT` or :data:`DARK`.

    Examples
    --------
    >>> text_colour("#19486A")
    '#FFFFFF'
    """
    light, dark = contrast_ratio(LIGHT, background), contrast_ratio(DARK, background)
    return LIGHT if light >= dark else DARK
