"""Checks on strategies: past their period, retired but in force, several in force."""

from __future__ import annotations

from collections.abc import Iterator

from munintl.checks._base import Hit, PackIndex, fact_item, register
from munintl.dates import latest
from munintl.findings import EvidenceItem, Severity
from munintl.timeline import RETIRED

# --- strategies ---------------------------------------------------------------------------------


@register(
    "MI101",
    "strategy-expired",
    Severity.WARNING,
    "the pack's current strategy has run past the end of its period",
)
def strategy_expired(ix: PackIndex) -> Iterator[Hit]:
    """Find current strategies whose period ended before ``ix.as_of`` (MI101).

    A strategy past its period no longer steers, so every other finding is judged against an
    outdated frame.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per current strategy past the end of its period.

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("hamar"), datetime.date(2024, 1, 1))
    >>> [hit.subject for hit in strategy_expired(ix)]
    ['hamar-2010']
    """
    for strategy in ix.pack.strategies:
        end = strategy.period.end if strategy.period else None
        if strategy.id in ix.current and end is not None and latest(end) < ix.as_of:
            why = "marked in force" if strategy.in_force else "the pack's current strategy"
            yield Hit(
                strategy.id,
                "strategy",
                f"{strategy.title!r} is {why}, but its period {strategy.period} ended "
                f"before {ix.as_of.isoformat()}",
                "add the strategy that replaced it (in_force = true), or, if none did, mark "
                'this one status = "expired"',
                (
                    fact_item("period", strategy.period),
                    fact_item(
                        "in_force",
                        "unknown" if strategy.in_force is None else str(strategy.in_force).lower(),
                    ),
                    fact_item("status", strategy.status.value),
                ),
            )


@register(
    "MI102",
    "retired-strategy-in-force",
    Severity.ERROR,
    "a superseded or expired strategy is marked as the one in force",
)
def retired_strategy_in_force(ix: PackIndex) -> Iterator[Hit]:
    """Find strategies marked in force that are superseded or expired (MI102).

    The data then contradicts itself, and whatever asks which strategy governs gets a wrong answer.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per retired strategy marked in force.

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("bergen"), datetime.date(2024, 1, 1))
    >>> [hit.subject for hit in retired_strategy_in_force(ix)]
    []
    """
    superseded_by: dict[str, str] = {}
    for strategy in ix.pack.strategies:
        for old in strategy.supersedes:
            superseded_by.setdefault(old, strategy.id)
    for strategy in ix.pack.strategies:
        if not strategy.in_force:
            continue
        evidence: list[EvidenceItem] = [fact_item("in_force", "true")]
        if strategy.status in RETIRED:
            evidence.append(fact_item("status", strategy.status.value))
        if strategy.id in superseded_by:
            evidence.append({"field": "superseded_by", "to": superseded_by[strategy.id]})
        if len(evidence) > 1:
            yield Hit(
                strategy.id,
                "strategy",
                f"{strategy.title!r} is marked in force but is "
                + (
                    f"superseded by {superseded_by[strategy.id]!r}"
                    if strategy.id in superseded_by
                    else f"{strategy.status.value}"
                ),
                "set in_force = false on the retired strategy and in_force = true on the one "
                "that replaced it",
                tuple(evidence),
            )


@register(
    "MI103",
    "several-strategies-in-force",
    Severity.WARNING,
    "more than one strategy is marked in force, so which one governs is ambiguous",
)
def several_strategies_in_force(ix: PackIndex) -> Iterator[Hit]:
    """Find every strategy marked in force after the first one (MI103).

    ``Pack.strategy`` takes the first, which may not be the one that governs.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per strategy in force after the first.

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("bergen"), datetime.date(2024, 1, 1))
    >>> [hit.subject for hit in several_strategies_in_force(ix)]
    []
    """
    in_force = [s for s in ix.pack.strategies if s.in_force]
    for strategy in in_force[1:]:
        yield Hit(
            strategy.id,
            "strategy",
            f"{strategy.title!r} is marked in force, and so is {in_force[0].title!r}",
            "mark only the strategy that governs now as in_force = true",
            tuple(fact_item("in_force", s.id) for s in in_force),
        )
