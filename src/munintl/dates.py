"""Partial dates: documents give "2018", "May 2018" or "20.06.2018", and we keep exactly that much.

A partial date is an ISO string of a year, a year and month, or a full date. It is never
padded with invented days or months: comparisons use the earliest or latest day it can mean.

>>> parse_partial_date("2018-06")
(2018, 6, None)
>>> earliest("2018-06"), latest("2018-06")
(datetime.date(2018, 6, 1), datetime.date(2018, 6, 30))
>>> parse_partial_date("2018-02-30")
Traceback (most recent call last):
...
ValueError: '2018-02-30' is not a real date (day is out of range for month)
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re

from munintl._chars import lookalike_note

__all__ = ["earliest", "latest", "parse_partial_date"]

# ASCII digits and the whole text (fullmatch): "\d" would admit any Unicode digit, "$" a
# trailing newline.
_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def parse_partial_date(text: str) -> tuple[int, int | None, int | None]:
    """Split ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into parts, rejecting impossible dates.

    Parameters
    ----------
    text : str
        ASCII digits: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, nothing before or after.

    Returns
    -------
    tuple of (int, int or None, int or None)
        Year, month and day; a part the text does not give is None.

    Raises
    ------
    ValueError
        When the text is not of that form (a look-alike digit is named) or not a real date;
        the model turns it into an ``InvalidField`` at the field.

    Examples
    --------
    >>> parse_partial_date("2018")
    (2018, None, None)
    >>> parse_partial_date("2018-00")
    Traceback (most recent call last):
    ValueError: '2018-00' is not a real date (month must be in 1..12)
    """
    match = _PARTIAL.fullmatch(text)
    if match is None:
        raise ValueError(
            f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD" + lookalike_note(text)
        )
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    try:  # month 00 and day 00 are checked too: `month or 1` would let them pass
        _dt.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real date ({exc})") from None
    return year, month, day


def earliest(text: str) -> _dt.date:
    """The first day a partial date can mean.

    Parameters
    ----------
    text : str
        A partial date (see :func:`parse_partial_date`).

    Returns
    -------
    datetime.date

    Examples
    --------
    >>> earliest("2018")
    datetime.date(2018, 1, 1)
    """
    year, month, day = parse_partial_date(text)
    return _dt.date(year, month or 1, day or 1)


def latest(text: str) -> _dt.date:
    """The last day a partial date can mean.

    Parameters
    ----------
    text : str
        A partial date (see :func:`parse_partial_date`).

    Returns
    -------
    datetime.date

    Examples
    --------
    >>> latest("2020-02")
    datetime.date(2020, 2, 29)
    """
    year, month, day = parse_partial_date(text)
    month = month or 12
    return _dt.date(year, month, day or calendar.monthrange(year, month)[1])
