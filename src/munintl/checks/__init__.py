"""Alignment checks: a linter for international strategies.

The municipalities' own documents say what good alignment is: international work is a tool to
reach the municipality's goals, not a goal in itself. Each check turns one such rule into a
small pure function over one pack, with a stable code, a severity and a one-line why; see
``docs/checks.md`` for every check's rationale and an example that triggers it.

>>> from munintl.model import (Pack, Municipality, Kommunenummer, Membership, StatusEntry,
...     MembershipStatus, Locator, Evidence)
>>> loc = Locator("doc", "vedlegg")
>>> member = StatusEntry(MembershipStatus.MEMBER, loc, evidence=Evidence.STATED)
>>> pack = Pack(name="tiny", municipality=Municipality("Tiny", (Kommunenummer("9999"),)),
...     memberships=(Membership("m-ubc", "ubc", (member,), loc, responsible=("dept",)),))
>>> [(f.code, f.subject, f.severity.value) for f in check(pack, as_of="2024-01-01")]
[('MI301', 'm-ubc', 'warning')]
>>> check(pack, select="MI4")
[]
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from functools import partial

# Importing the families registers their checks in CHECKS.
from munintl._gc import cyclic_gc_paused
from munintl.checks import engagements, goals, sdgs, statuses, strategies  # noqa: F401
from munintl.checks._base import CHECKS, Check, Hit, PackIndex, index_pack
from munintl.checks.goals import DUPLICATE_THRESHOLD, similarity
from munintl.checks.sdgs import FEW_GOALS_SHARE
from munintl.dates import earliest
from munintl.disk_cache import derived
from munintl.errors import CheckError
from munintl.findings import Finding, sort_findings
from munintl.model import Pack

__all__ = [
    "CHECKS",
    "DUPLICATE_THRESHOLD",
    "FEW_GOALS_SHARE",
    "Check",
    "CheckError",
    "Hit",
    "PackIndex",
    "check",
    "check_titles",
    "index_pack",
    "parse_as_of",
    "resolve_codes",
    "similarity",
]

# The registry in code order, whatever order the families registered in.
_ordered = sorted(CHECKS.items())
CHECKS.clear()
CHECKS.update(_ordered)


# --- running ------------------------------------------------------------------------------------


def parse_as_of(value: _dt.date | str | None) -> _dt.date:
    """A date to check as of: a date, ``YYYY``/``YYYY-MM``/``YYYY-MM-DD`` (its first day), or
    None for today.

    Parameters
    ----------
    value : datetime.date, str or None
        The date, as given on the command line or in code.

    Returns
    -------
    datetime.date
        The day to judge on.

    Raises
    ------
    munintl.errors.CheckError
        When the text is not such a date.

    Examples
    --------
    >>> parse_as_of("2016")
    datetime.date(2016, 1, 1)
    """
    if value is None:
        return _dt.date.today()
    if isinstance(value, _dt.date):
        return value
    try:
        return earliest(value)
    except ValueError as exc:
        raise CheckError(f"--as-of: {exc}") from None


def resolve_codes(patterns: Iterable[str]) -> set[str]:
    """The codes named by codes, code prefixes (``MI3``) or check names (``serves-no-goal``).

    Parameters
    ----------
    patterns : iterable of str
        Codes, prefixes or names; blank ones are skipped.

    Returns
    -------
    set of str
        The matching codes.

    Raises
    ------
    munintl.errors.CheckError
        When a pattern matches no check (the message lists the checks).

    Examples
    --------
    >>> sorted(resolve_codes(["MI10", "weak-evidence"]))
    ['MI101', 'MI102', 'MI103', 'MI403']
    """
    codes: set[str] = set()
    for raw in patterns:
        pattern = raw.strip()
        if not pattern:
            continue
        named = {c.code for c in CHECKS.values() if c.name == pattern.lower()}
        matched = named or {code for code in CHECKS if code.startswith(pattern.upper())}
        if not matched:
            known = ", ".join(CHECKS)
            raise CheckError(f"no check matches {pattern!r} (checks: {known})")
        codes |= matched
    return codes


def _split(value: Iterable[str] | str | None) -> list[str] | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    return [part for item in items for part in item.split(",")]


def check(
    *packs: Pack | str,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
    as_of: _dt.date | str | None = None,
) -> list[Finding]:
    """Run the alignment checks on packs (or installed packs' names); findings sorted worst first.

    ``select`` and ``ignore`` take codes, code prefixes or check names (a string may hold
    several, comma-separated); ``as_of`` is the date expiry and statuses are judged on
    (default today).

    Parameters
    ----------
    *packs : Pack or str
        Loaded packs or installed packs' names.
    select, ignore : str or iterable of str, optional
        Which checks to run, and which to leave out.
    as_of : datetime.date or str, optional
        The day to judge on (default today).

    Returns
    -------
    list of Finding
        Sorted by :func:`munintl.findings.sort_findings`.

    Raises
    ------
    munintl.errors.CheckError
        For an unknown code or a date that is not one.
    munintl.errors.PackNotFoundError
        When a name is not an installed pack.

    Examples
    --------
    >>> [f.code for f in check("hamar", select="MI101", as_of="2024-01-01")]
    ['MI101']
    """
    from munintl.packs import as_packs

    selected = resolve_codes(_split(select) or []) if select is not None else set(CHECKS)
    selected -= resolve_codes(_split(ignore) or [])
    day = parse_as_of(as_of)
    codes = sorted(selected)
    findings: list[Finding] = []
    with cyclic_gc_paused():  # tens of thousands of findings at N = 357 (see munintl._gc)
        for pack in as_packs(packs):
            # A pack's findings depend on it, the day and the checks run, and on nothing else:
            # kept on disk beside the pack, a second run works out only what changed.
            findings += derived(
                pack,
                "findings",
                [day.isoformat(), *codes],
                partial(_check_pack, pack, day, codes),
                lambda value: type(value) is list and all(type(f) is Finding for f in value),
            )
        return sort_findings(findings)


def _check_pack(pack: Pack, day: _dt.date, codes: Sequence[str]) -> list[Finding]:
    """The findings of the checks ``codes`` on one pack, judged on ``day``."""
    ix = index_pack(pack, day)
    return [finding for code in codes for finding in _run(CHECKS[code], ix)]


def _run(registered: Check, ix: PackIndex) -> list[Finding]:
    """One check on one pack, its hits as findings."""
    return [
        Finding(
            code=registered.code,
            severity=registered.severity,
            pack=ix.pack.name,
            subject=hit.subject,
            subject_kind=hit.subject_kind,
            message=hit.message,
            hint=hit.hint,
            evidence=hit.evidence,
        )
        for hit in registered.function(ix)
    ]


def check_titles() -> dict[str, str]:
    """Each code's check name, for reports.

    Returns
    -------
    dict of str to str
        Code to check name, in code order.

    Examples
    --------
    >>> check_titles()["MI301"]
    'serves-no-goal'
    """
    return {code: c.name for code, c in CHECKS.items()}
