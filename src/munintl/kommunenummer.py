"""Kommunenummer and their history, checked against Statistics Norway's classification 131.

One owner for the rules: a municipality's codes have at most one still in use; a code the
classification retired is named with its successor; two municipalities whose code histories
meet (a shared code in overlapping years, or one's code the successor of the other's) are the
same municipality. The classification is read from ``reference/kommunenummer.toml`` (partial
for now: a code it does not list is unknown, not wrong; see that file).

>>> from munintl.model import Kommunenummer as K
>>> history_problems((K("1201"),))[0][1]  # doctest: +ELLIPSIS
'kommunenummer 1201 was retired after 2019; its successor is 4601 (from 2020): ...'
>>> history_problems((K("1201", until=2019), K("4601", since=2020)))
[]
>>> histories_meet((K("1201", until=2019), K("4601", since=2020)), (K("1201"),))
True
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from typing import Any

import attrs

from munintl.model import Kommunenummer

__all__ = ["ClassifiedCode", "classification", "histories_meet", "history_problems", "not_current"]


@attrs.frozen
class ClassifiedCode:
    """A kommunenummer as classification 131 gives it: its years and its successors."""

    code: str
    name: str
    since: int | None = None
    until: int | None = None
    successors: tuple[str, ...] = ()


@cache
def classification() -> tuple[dict[str, ClassifiedCode], bool]:
    """The known codes by number, and whether the list is complete.

    Read once from ``reference/kommunenummer.toml`` and cached.

    Returns
    -------
    tuple of (dict of str to ClassifiedCode, bool)
        The codes classification 131 gives, keyed by code, and whether that list is complete
        (when it is not, a code missing from it is unknown, not wrong).

    Examples
    --------
    >>> codes, complete = classification()
    >>> codes["1201"].until, codes["1201"].successors
    (2019, ('4601',))
    """
    raw: dict[str, Any] = tomllib.loads(
        files("munintl.reference").joinpath("kommunenummer.toml").read_text(encoding="utf-8")
    )
    codes = {
        entry["code"]: ClassifiedCode(
            entry["code"],
            entry["name"],
            entry.get("since"),
            entry.get("until"),
            tuple(entry.get("successors", ())),
        )
        for entry in raw["codes"]
    }
    return codes, bool(raw["complete"])


def history_problems(codes: Sequence[Kommunenummer]) -> list[tuple[list[str | int], str]]:
    """What is wrong with a municipality's code history, as (path under ``codes``, message).

    Parameters
    ----------
    codes : sequence of Kommunenummer
        The municipality's codes, as its manifest lists them.

    Returns
    -------
    list of tuple
        ``(path, message)`` pairs: ``path`` is ``[index]`` or ``[index, field]`` within
        ``codes``; [] when sound.

    Examples
    --------
    >>> from munintl.model import Kommunenummer as K
    >>> [path for path, _ in history_problems((K("1201"), K("4601")))]
    [[1], [0, 'until']]
    >>> history_problems((K("1201", until=2019), K("4601", since=2020)))
    []
    """
    problems: list[tuple[list[str | int], str]] = []
    open_codes = [i for i, c in enumerate(codes) if c.until is None]
    for index in open_codes[1:]:
        problems.append(
            (
                [index],
                f"two kommunenummer are in use at once ({codes[open_codes[0]].code} and "
                f"{codes[index].code}): give the older one its last year with until = YEAR",
            )
        )
    known, complete = classification()
    for index, entry in enumerate(codes):
        official = known.get(entry.code)
        if official is None:
            if complete:
                problems.append(([index, "code"], _unknown(entry.code)))
            continue
        problems += [([index, *path], message) for path, message in _against(entry, official)]
    return problems


def _unknown(code: str) -> str:
    return f"{code} is not a kommunenummer in Statistics Norway's classification 131"


def _against(entry: Kommunenummer, official: ClassifiedCode) -> list[tuple[list[str], str]]:
    """How one listed code disagrees with the classification's years for it."""
    found: list[tuple[list[str], str]] = []
    if official.until is not None and (entry.until is None or entry.until > official.until):
        after = ", ".join(official.successors) or "none"
        found.append(
            (
                ["until"],
                f"{_retired(official, official.until)}: write until = {official.until} and add "
                f'{{ code = "{after}", since = {official.until + 1} }}',
            )
        )
    if official.since is not None and entry.since is not None and entry.since < official.since:
        found.append(
            (
                ["since"],
                f"kommunenummer {entry.code} is valid from {official.since} "
                f"(Statistics Norway's classification 131), not from {entry.since}",
            )
        )
    return found


def _retired(official: ClassifiedCode, until: int) -> str:
    after = ", ".join(official.successors) or "none"
    return (
        f"kommunenummer {official.code} was retired after {until}; its successor is {after} "
        f"(from {until + 1})"
    )


def not_current(code: str) -> str | None:
    """Why ``code`` cannot be a municipality's current kommunenummer, or None when it can.

    Parameters
    ----------
    code : str
        Four digits (a valid :class:`munintl.model.Kommunenummer` code).

    Returns
    -------
    str or None
        The reason: the code was retired (with its successor), or it is missing from a
        complete classification; None for a code in use, or one a partial list does not know.

    Examples
    --------
    >>> not_current("1201")
    'kommunenummer 1201 was retired after 2019; its successor is 4601 (from 2020)'
    >>> not_current("4601") is None
    True
    """
    known, complete = classification()
    official = known.get(code)
    if official is None:
        return _unknown(code) if complete else None
    return None if official.until is None else _retired(official, official.until)


def _years(entry: Kommunenummer) -> tuple[float, float]:
    return (entry.since or float("-inf"), entry.until or float("inf"))


def histories_meet(a: Sequence[Kommunenummer], b: Sequence[Kommunenummer]) -> bool:
    """Whether two code histories belong to one municipality.

    They meet when they share a code in years that overlap, or when a code of one is, by the
    classification, the successor of a code of the other.

    Parameters
    ----------
    a, b : sequence of Kommunenummer
        The two municipalities' codes.

    Returns
    -------
    bool
        True when the histories meet.

    Examples
    --------
    >>> from munintl.model import Kommunenummer as K
    >>> histories_meet((K("4601", since=2020),), (K("1201", until=2019),))
    True
    >>> histories_meet((K("0301"),), (K("4601"),))
    False
    """
    known, _ = classification()
    for x in a:
        for y in b:
            if x.code == y.code:
                (x0, x1), (y0, y1) = _years(x), _years(y)
                if x0 <= y1 and y0 <= x1:
                    return True
            for first, second in ((x, y), (y, x)):
                official = known.get(first.code)
                if official is not None and second.code in official.successors:
                    return True
    return False
