"""What holds when: which strategies count, and the status of an entity on a day.

These are the only owners of those two rules; coverage, the checks, the overlap, the
network and the renderers all ask here, so they can never disagree.

>>> from munintl.model import (Pack, Municipality, Kommunenummer, Strategy, StrategyStatus,
...     Locator)
>>> loc = Locator("doc", "1")
>>> pack = Pack(name="tiny", municipality=Municipality("Tiny", (Kommunenummer("9999"),)),
...     strategies=(Strategy("old", "Old", "doc", StrategyStatus.EXPIRED, loc),
...                 Strategy("new", "New", "doc", StrategyStatus.ADOPTED, loc)))
>>> [s.id for s in current_strategies(pack)]
['new']
"""

from __future__ import annotations

import datetime as _dt
from typing import overload

from munintl.dates import earliest
from munintl.model import (
    Membership,
    MembershipStatus,
    Pack,
    Partnership,
    PartnershipStatus,
    Strategy,
    StrategyStatus,
)

__all__ = ["RETIRED", "begins", "current_strategies", "focus_strategies", "status_on"]

RETIRED = frozenset({StrategyStatus.SUPERSEDED, StrategyStatus.EXPIRED})
"""Strategy statuses that take a strategy out of force; a pack may keep such a strategy for
its history."""


def begins(entity: Membership | Partnership | Strategy) -> _dt.date | None:
    """The first day an entity can have begun, when its source says (None: unknown).

    A strategy begins with its period, else on the day it was adopted; a membership or a
    partnership on its ``since``.

    Parameters
    ----------
    entity : Membership, Partnership or Strategy
        The entity.

    Returns
    -------
    datetime.date or None
        The earliest day its start can mean, or None when the pack gives no start.

    Examples
    --------
    >>> from munintl.model import Period, Locator
    >>> begins(Strategy("s", "S", "d", StrategyStatus.ADOPTED, Locator("d", "1"),
    ...                 period=Period("2018", "2030")))
    datetime.date(2018, 1, 1)
    """
    if isinstance(entity, Strategy):
        start = entity.period.start if entity.period else None
        start = start or entity.adopted_on
    else:
        start = entity.since
    return earliest(start) if start else None


def current_strategies(pack: Pack, as_of: _dt.date | None = None) -> tuple[Strategy, ...]:
    """The strategies that count: those marked in force or, when none is marked, those not
    superseded or expired; on a day, only those that had begun by then.

    Parameters
    ----------
    pack : Pack
        The pack.
    as_of : datetime.date, optional
        The day asked about; None (the default) asks about the pack as it stands, whatever
        the dates.

    Returns
    -------
    tuple of Strategy
        In pack order; empty when no strategy counts.

    Examples
    --------
    >>> import datetime, munintl
    >>> bergen = munintl.load_pack("bergen")
    >>> [s.id for s in current_strategies(bergen)]
    ['bergen-og-verden-2018']
    >>> # In 2010 the 2018 strategy had not begun; the 2019 plan gives no date, so it counts.
    >>> [s.id for s in current_strategies(bergen, datetime.date(2010, 1, 1))]
    ['handlingsplan-2019']
    """
    candidates = [s for s in pack.strategies if status_on(s, as_of) is not None]
    in_force = tuple(s for s in candidates if s.in_force)
    return in_force or tuple(s for s in candidates if s.status not in RETIRED)


def focus_strategies(pack: Pack, as_of: _dt.date | None = None) -> tuple[Strategy, ...]:
    """The strategies whose stated SDG focus counts: the current ones, and plans not retired
    that build on one of them (Bergen's 2019 action plan names SDG 17 for the 2018 strategy).

    Parameters
    ----------
    pack : Pack
        The pack.
    as_of : datetime.date, optional
        As for :func:`current_strategies`.

    Returns
    -------
    tuple of Strategy
        In pack order.

    Examples
    --------
    >>> import munintl
    >>> [s.id for s in focus_strategies(munintl.load_pack("bergen"))]
    ['bergen-og-verden-2018', 'handlingsplan-2019']
    """
    current = {s.id for s in current_strategies(pack, as_of)}
    anchors = current | {s.document for s in pack.strategies if s.id in current}
    return tuple(
        s
        for s in pack.strategies
        if s.id in current
        or (
            s.status not in RETIRED
            and status_on(s, as_of) is not None
            and not anchors.isdisjoint(s.builds_on)
        )
    )


@overload
def status_on(entity: Membership, day: _dt.date | None = None) -> MembershipStatus | None: ...
@overload
def status_on(entity: Partnership, day: _dt.date | None = None) -> PartnershipStatus | None: ...
@overload
def status_on(entity: Strategy, day: _dt.date | None = None) -> StrategyStatus | None: ...


def status_on(
    entity: Membership | Partnership | Strategy, day: _dt.date | None = None
) -> MembershipStatus | PartnershipStatus | StrategyStatus | None:
    """The status of a membership, partnership or strategy on a day.

    A membership's status is the last entry of its history (oldest first) whose ``since`` is
    unknown or not later than the day. Nothing has a status before it began. Without a day,
    the latest status the sources give.

    Parameters
    ----------
    entity : Membership, Partnership or Strategy
        The entity.
    day : datetime.date, optional
        The day asked about; None (the default) for the latest known status.

    Returns
    -------
    MembershipStatus, PartnershipStatus, StrategyStatus or None
        None when unknown: no status recorded, the entity had not begun, or its first dated
        status is later than the day.

    Examples
    --------
    >>> import datetime
    >>> from munintl.model import StatusEntry, Locator
    >>> loc = Locator("d", "1")
    >>> m = Membership("m", "ubc", (StatusEntry(MembershipStatus.MEMBER, loc, since="2010"),
    ...     StatusEntry(MembershipStatus.ENDED, loc, since="2020")), loc)
    >>> status_on(m).value, status_on(m, datetime.date(2015, 6, 1)).value
    ('ended', 'member')
    >>> status_on(m, datetime.date(2005, 1, 1)) is None
    True
    """
    if day is not None:
        start = begins(entity)
        if start is not None and start > day:
            return None
    if not isinstance(entity, Membership):
        return entity.status
    if day is None:
        return entity.statuses[-1].status if entity.statuses else None
    status = None
    for entry in entity.statuses:
        if entry.since is None or earliest(entry.since) <= day:
            status = entry.status
    return status
