"""The evidence check on statuses (MI4xx, with the checks on links' evidence): a status that a
curator inferred, or that a format 1 pack recorded without evidence."""

from __future__ import annotations

from collections.abc import Iterator

from munintl.checks._base import Hit, PackIndex, fact_item, register
from munintl.findings import Severity
from munintl.model import Basis, Membership, Partnership, Strategy

# --- statuses -----------------------------------------------------------------------------------


@register(
    "MI404",
    "inferred-status",
    Severity.INFO,
    "a status (of a membership, partnership or strategy, or whether a strategy is in force) "
    "rests on a curator's inference, not on a sentence of the source",
)
def inferred_status(ix: PackIndex) -> Iterator[Hit]:
    """Find statuses that rest on a curator's inference, not on a sentence of the source (MI404).

    A status is a claim about the present that other checks build on, so a reader should know when
    no source states it.

    Parameters
    ----------
    ix : PackIndex
        The indexed pack (see :func:`munintl.checks._base.index_pack`).

    Yields
    ------
    Hit
        One per strategy, membership or partnership with an inferred status.

    Examples
    --------
    >>> import datetime, munintl
    >>> from munintl.checks._base import index_pack
    >>> ix = index_pack(munintl.load_pack("bergen"), datetime.date(2024, 1, 1))
    >>> len(list(inferred_status(ix)))
    18
    """
    entities: list[tuple[Membership | Partnership | Strategy, str]] = [
        *((s, "strategy") for s in ix.pack.strategies),
        *((m, "membership") for m in ix.pack.memberships),
        *((p, "partnership") for p in ix.pack.partnerships),
    ]
    for entity, kind in entities:
        inferred = [
            (field, value, basis) for field, value, basis in _bases(entity) if basis.is_inferred
        ]
        if not inferred:
            continue
        what = "; ".join(
            f"{field} {value} rests on inference ({basis.rationale})"
            for field, value, basis in inferred
        )
        yield Hit(
            entity.id,
            kind,
            f"{_name(ix, entity)}: {what}",
            'nothing to fix if no source says it; where one does, give evidence = "stated" with '
            "the locator of the sentence; where no source and no sound inference gives it, leave "
            "the status out (unknown)",
            tuple(
                {**fact_item(field, value), "evidence": basis.evidence.value}
                for field, value, basis in inferred
            ),
        )


def _bases(entity: Membership | Partnership | Strategy) -> Iterator[tuple[str, str, Basis]]:
    """(field, value, basis) of each status the entity gives: ``("status", "'member' since
    2015", ...)``."""
    if isinstance(entity, Membership):
        for entry in entity.statuses:
            since = f" since {entry.since}" if entry.since else ""
            yield "status", f"{entry.status.value!r}{since}", entry.basis
    elif isinstance(entity, Partnership):
        if entity.status is not None and entity.status_basis is not None:
            yield "status", repr(entity.status.value), entity.status_basis
    else:
        yield "status", repr(entity.status.value), entity.status_basis
        if entity.in_force is not None and entity.in_force_basis is not None:
            yield "in_force", str(entity.in_force).lower(), entity.in_force_basis


def _name(ix: PackIndex, entity: Membership | Partnership | Strategy) -> str:
    if isinstance(entity, Membership):
        return f"membership in {ix.organisation_name(entity.organisation)}"
    if isinstance(entity, Partnership):
        return f"{entity.kind.value.replace('_', ' ')} {entity.city} ({entity.country})"
    return f"strategy {entity.title!r}"
