"""THE rule for the status of a membership, partnership or strategy on a day.

Every reader of a status goes through :func:`status_on`, so that an unknown status (a
membership with ``statuses = []``, a partnership without ``status``) is unknown everywhere:
never counted as active, a member, or ended. (The shared design puts this rule in
``munintl.timeline.status_on``, on branch ``core``; this module is where it lives until then.)

>>> from munintl.model import *
>>> loc = Locator(document="d", section="1")
>>> ms = Membership(id="m", organisation="ubc", source=loc, statuses=(
...     StatusEntry(MembershipStatus.MEMBER, loc, since="1991"),
...     StatusEntry(MembershipStatus.PROPOSED_EXIT, loc, since="2019-11-26")))
>>> status_on(ms), status_on(ms, _dt.date(2000, 1, 1)), status_on(ms, _dt.date(1990, 1, 1))
(<MembershipStatus.PROPOSED_EXIT: 'proposed_exit'>, <MembershipStatus.MEMBER: 'member'>, None)
>>> print(status_on(Membership(id="n", organisation="ubc", source=loc, statuses=())))
None
"""

from __future__ import annotations

import datetime as _dt
from typing import overload

from munintl.dates import earliest
from munintl.model import (
    Membership,
    MembershipStatus,
    Partnership,
    PartnershipStatus,
    Strategy,
    StrategyStatus,
)

__all__ = ["status_on"]

Status = MembershipStatus | PartnershipStatus | StrategyStatus


@overload
def status_on(entity: Membership, day: _dt.date | None = None) -> MembershipStatus | None: ...
@overload
def status_on(entity: Partnership, day: _dt.date | None = None) -> PartnershipStatus | None: ...
@overload
def status_on(entity: Strategy, day: _dt.date | None = None) -> StrategyStatus: ...
def status_on(
    entity: Membership | Partnership | Strategy, day: _dt.date | None = None
) -> Status | None:
    """The status of a membership, partnership or strategy on a day, or None when unknown.

    Parameters
    ----------
    entity : Membership, Partnership or Strategy
        What the status is of.
    day : datetime.date, optional
        The day to judge; None (the default) means the latest status the pack gives.

    Returns
    -------
    MembershipStatus, PartnershipStatus, StrategyStatus or None
        A membership's last status whose ``since`` is unknown or not after ``day``; None when
        its statuses are unknown (``statuses = []``), or when it had not begun on ``day`` (its
        ``since``, or its first dated status, is later). A partnership's or a strategy's status
        as given (these carry no history); None when the partnership gives none.

    Examples
    --------
    >>> from munintl.model import Locator, Partnership
    >>> print(status_on(Partnership(id="p", city="Lund", country="SE",
    ...                             source=Locator(document="d", page=1))))
    None
    """
    if not isinstance(entity, Membership):
        return entity.status
    if day is None:
        return entity.status
    if entity.since and earliest(entity.since) > day:
        return None
    status = None
    for entry in entity.statuses:
        if entry.since is None or earliest(entry.since) <= day:
            status = entry.status
    return status
