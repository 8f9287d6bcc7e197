"""What a municipality holds that another may hold too, and how it holds it.

A *holding* is one item (an organisation, a kind of organisation, a twin city, a partner
country, an SDG or target, a theme) with the pack's entities that tie the municipality to it.
Overlap analysis compares holdings across municipalities; the similarity matrix weighs them.

Only the strategies that are not superseded count, with their goals and measures: a pack may
describe the strategy an adopted one replaced.

>>> from munintl.model import *
>>> loc = Locator(document="d", section="1")
>>> pack = Pack(
...     name="x", municipality=Municipality(name="X", codes=(Kommunenummer("9999"),)),
...     memberships=(Membership(id="m", organisation="eurocities", source=loc,
...         statuses=(StatusEntry(MembershipStatus.MEMBER, loc),),
...         sdgs=(Link("17.17", Evidence.STATED),)),),
...     partnerships=(Partnership(id="p", city="Göteborg", country="SE", source=loc),))
>>> [(h.kind.value, h.id, h.status) for h in holdings(pack)]  # doctest: +NORMALIZE_WHITESPACE
[('organisation', 'eurocities', 'member'), ('organisation_kind', 'network', None),
 ('twin_city', 'SE:goteborg', None), ('partner_country', 'SE', None),
 ('sdg', '17', None), ('sdg_target', '17.17', None)]
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

import attrs

from munintl._per_pack import per_pack
from munintl.model import (
    Evidence,
    FixedStrEnum,
    Goal,
    Link,
    Measure,
    Membership,
    MembershipStatus,
    Organisation,
    Pack,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    Project,
)
from munintl.reference import organisation, sdgs, themes
from munintl.sdg import SdgRef
from munintl.timeline import current_strategies, focus_strategies, status_on

__all__ = [
    "UNKNOWN_STATUS",
    "Holding",
    "HoldingFields",
    "ItemKind",
    "Tie",
    "active_goals",
    "active_measures",
    "city_key",
    "holding_fields",
    "holdings",
    "holdings_of",
    "id_sort_key",
    "item_label",
    "organisation_of",
    "sdg_refs",
    "sorted_items",
    "ties",
    "ties_by_item",
    "ties_of",
]


class ItemKind(FixedStrEnum):
    """The kinds of item municipalities can share, in the order reports list them."""

    ORGANISATION = "organisation"
    ORGANISATION_KIND = "organisation_kind"
    TWIN_CITY = "twin_city"
    PARTNER_COUNTRY = "partner_country"
    SDG = "sdg"
    SDG_TARGET = "sdg_target"
    THEME = "theme"


@attrs.frozen
class Holding:
    """One item a municipality holds.

    ``via`` names the pack's entities that tie the municipality to the item, in pack order;
    ``names`` says the same for a reader where ids would not: the organisations of a kind, the
    cities of a partner country.
    ``status`` is the membership status for an organisation (``"unknown"`` when no source
    gives it, ``None`` when only projects involve it) and the partnership status for a twin
    city (``None`` when no source gives it). ``evidence`` (SDGs, targets, themes) is
    ``stated`` when any of the ties is stated by a document. ``focus`` marks an SDG or target
    that a strategy names as its focus. ``current`` is false when every tie is known to have
    ended.
    """

    kind: ItemKind
    id: str
    label: str
    via: tuple[str, ...]
    names: tuple[str, ...] = ()
    status: str | None = None
    evidence: Evidence | None = None
    focus: bool = False
    current: bool = True


# Scandinavian letters spelled out the way foreign and older spellings write them, so that
# Gøteborg, Göteborg and Goteborg are one city, and so are Århus and Aarhus.
_CITY_FOLD = str.maketrans({"æ": "ae", "ø": "o", "ö": "o", "ä": "a", "å": "a", "ü": "u"})


def city_key(country: str, city: str) -> str:
    """How twin cities are compared: country and normalised name (case, accents, the
    Scandinavian letters and the old double-a for å are ignored).

    Parameters
    ----------
    country : str
        The ISO 3166-1 alpha-2 country code, kept as given.
    city : str
        The city's name in any spelling.

    Returns
    -------
    str
        ``"COUNTRY:slug"``.

    Examples
    --------
    >>> city_key("SE", "Gøteborg") == city_key("SE", "Göteborg") == city_key("SE", "Goteborg")
    True
    >>> city_key("DK", "Århus"), city_key("DK", "Aarhus"), city_key("FI", "Borgå/Porvoo")
    ('DK:arhus', 'DK:arhus', 'FI:borga-porvoo')
    """
    folded = unicodedata.normalize("NFC", city.casefold()).translate(_CITY_FOLD)
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
    )
    slug = "-".join("".join(c if c.isalnum() else " " for c in plain).split())
    return f"{country}:{slug.replace('aa', 'a')}"


def active_goals(pack: Pack) -> list[Goal]:
    """The goals of the pack's current strategies (see
    :func:`munintl.timeline.current_strategies`), in pack order.

    Parameters
    ----------
    pack : Pack
        A loaded pack.

    Returns
    -------
    list of Goal

    Examples
    --------
    >>> import munintl
    >>> [g.id for g in active_goals(munintl.load_pack("bergen"))][:2]
    ['del-1', 'mal-1']
    """
    current = {s.id for s in current_strategies(pack)}
    return [g for g in pack.goals if g.strategy in current]


def active_measures(pack: Pack) -> list[Measure]:
    """The measures under :func:`active_goals`, in pack order.

    Parameters
    ----------
    pack : Pack
        A loaded pack.

    Returns
    -------
    list of Measure

    Examples
    --------
    >>> import munintl
    >>> [m.id for m in active_measures(munintl.load_pack("bergen"))][:1]
    ['c-del-1-baerekraftsmal-pa-agendaen']
    """
    goal_ids = {g.id for g in active_goals(pack)}
    return [m for m in pack.measures if m.goal in goal_ids]


def organisation_of(pack: Pack, org_id: str) -> Organisation:
    """An organisation by id: the pack's own declaration first, then the core registry.

    Parameters
    ----------
    pack : Pack
        A loaded pack.
    org_id : str
        The organisation's id.

    Returns
    -------
    Organisation

    Raises
    ------
    KeyError
        If neither the pack nor the registry declares `org_id`.

    Examples
    --------
    >>> import munintl
    >>> organisation_of(munintl.load_pack("bergen"), "eurocities").name
    'Eurocities'
    """
    found = organisation(pack, org_id)
    if found is None:
        raise KeyError(org_id)
    return found


_KIND_LABELS = {"ngo": "NGO", "brussels_office": "Brussels office"}


def item_label(kind: ItemKind, item_id: str) -> str:
    """A readable name for an item that needs no pack to name it.

    Parameters
    ----------
    kind : ItemKind
        The item's kind.
    item_id : str
        The item's id (an SDG number for ``ItemKind.SDG``).

    Returns
    -------
    str
        The label; the id itself for kinds named only by a pack.

    Examples
    --------
    >>> item_label(ItemKind.SDG, "17"), item_label(ItemKind.ORGANISATION_KIND, "brussels_office")
    ('SDG 17: Partnerships for the goals', 'Brussels office')
    """
    if kind is ItemKind.SDG:
        return f"SDG {item_id}: {sdgs()[int(item_id)].short_title}"
    if kind is ItemKind.SDG_TARGET:
        return f"SDG target {item_id}"
    if kind is ItemKind.THEME:
        theme = themes().get(item_id)
        return theme.label if theme else item_id
    if kind is ItemKind.ORGANISATION_KIND:
        return _KIND_LABELS.get(item_id, item_id.replace("_", " ").capitalize())
    return item_id


# Which of several memberships of one organisation speaks for the municipality: the most
# engaged one.
UNKNOWN_STATUS = "unknown"
"""A membership's :attr:`Holding.status` when the pack gives none (``statuses = []``)."""

_STATUS_RANK = {
    MembershipStatus.MEMBER.value: 0,
    MembershipStatus.REPRESENTED.value: 1,
    MembershipStatus.PROPOSED_EXIT.value: 2,
    MembershipStatus.PROPOSED_ENTRY.value: 3,
    MembershipStatus.ENDED.value: 4,
}


class Tie(NamedTuple):
    """One entity of a pack tying its municipality to one item: the raw material of holdings.

    ``label`` is the item's name where the pack gives it (an organisation, a city); ``name``
    is what a reader should see for the tie (see :attr:`Holding.names`).
    """

    kind: ItemKind
    id: str
    via: str
    current: bool = True
    label: str | None = None
    name: str | None = None
    status: str | None = None
    evidence: Evidence | None = None
    focus: bool = False


@lru_cache(maxsize=4096)  # called for every SDG link of every goal unit
def sdg_refs(ref: str) -> tuple[str, ...]:
    """What an SDG link counts for: a target counts for its goal too.

    Parameters
    ----------
    ref : str
        An SDG (``"17"``) or an SDG target (``"17.17"``).

    Returns
    -------
    tuple of str
        The goal, then the target if `ref` is one.

    Raises
    ------
    munintl.errors.InvalidSdgRefError
        If `ref` is neither an SDG nor an SDG target.

    Examples
    --------
    >>> sdg_refs("17.17"), sdg_refs("17")
    (('17', '17.17'), ('17',))
    """
    return tuple(ref for _, ref in _sdg_items(ref))


@lru_cache(maxsize=4096)  # every pack names the same few hundred references, many times over
def _sdg_items(ref: str) -> tuple[tuple[ItemKind, str], ...]:
    """The SDG and target items a link to `ref` counts for (see :func:`sdg_refs`)."""
    return tuple(
        (ItemKind.SDG_TARGET if r.is_target else ItemKind.SDG, str(r))
        for r in SdgRef.parse(ref).counts_for()
    )


_new = tuple.__new__  # a Tie from all its fields in order, without NamedTuple's keywords


def _links(
    entity_id: str, sdg_links: Iterable[Link], theme_links: Iterable[Link], focus: bool = False
) -> list[Tie]:
    # Half of all ties (1.8 million at N = 10,000): made as plain tuples of the fields.
    out = [
        _new(Tie, (kind, ref, entity_id, True, None, None, None, link.evidence, focus))
        for link in sdg_links
        for kind, ref in _sdg_items(link.to)
    ]
    out += [
        _new(
            Tie, (ItemKind.THEME, link.to, entity_id, True, None, None, None, link.evidence, False)
        )
        for link in theme_links
    ]
    return out


def ties(pack: Pack) -> Iterator[Tie]:
    """Every tie of the pack's municipality to an item, entity by entity.

    Parameters
    ----------
    pack : Pack
        A loaded pack.

    Yields
    ------
    Tie

    Raises
    ------
    KeyError
        If a membership or project names an organisation nobody declares.

    Examples
    --------
    >>> import munintl
    >>> tuple(next(ties(munintl.load_pack("bergen"))))[1:3]
    ('barents-health-programme', 'm-barents-health')
    """
    yield from ties_of(pack)


@per_pack  # the similarity matrix and the overlap read them, often of the same packs
def ties_of(pack: Pack) -> tuple[Tie, ...]:
    """:func:`ties` as a tuple, worked out once per pack object (:mod:`munintl._per_pack`).

    Parameters
    ----------
    pack : Pack
        A loaded pack.

    Returns
    -------
    tuple of Tie
        The same ties as :func:`ties`, in its order (shared between callers; tuples of named
        tuples, so nobody can change them).

    Raises
    ------
    KeyError
        If a membership or project names an organisation nobody declares.

    Examples
    --------
    >>> import munintl
    >>> pack = munintl.load_pack("bergen")
    >>> ties_of(pack) == tuple(ties(pack)) and ties_of(pack) is ties_of(pack)
    True
    """
    # Not kept on disk (munintl.disk_cache.derived): at N = 357 reading them back saved a
    # second run 0.03 s, and storing them cost a first run 0.09 s.
    return tuple(_each_tie(pack))


def _each_tie(pack: Pack) -> Iterator[Tie]:
    for ms in pack.memberships:
        org = organisation_of(pack, ms.organisation)
        known = status_on(ms)
        current = known is not MembershipStatus.ENDED
        status = known.value if known is not None else UNKNOWN_STATUS
        yield Tie(ItemKind.ORGANISATION, org.id, ms.id, current, org.name, status=status)
        yield Tie(ItemKind.ORGANISATION_KIND, org.kind.value, org.id, current, name=org.name)
    for project in pack.projects:
        for org_id in project.organisations:
            org = organisation_of(pack, org_id)
            yield Tie(ItemKind.ORGANISATION, org.id, project.id, label=org.name)
            yield Tie(ItemKind.ORGANISATION_KIND, org.kind.value, org.id, name=org.name)
    for ps in pack.partnerships:
        given = status_on(ps)
        current = given is not PartnershipStatus.ENDED
        twin_status = given.value if given is not None else None
        if ps.kind is PartnershipKind.TWIN_CITY:
            key = city_key(ps.country, ps.city)
            label = f"{ps.city} ({ps.country})"
            yield Tie(ItemKind.TWIN_CITY, key, ps.id, current, label, ps.city, twin_status)
        yield Tie(ItemKind.PARTNER_COUNTRY, ps.country, ps.id, current, name=ps.city)

    for strategy in focus_strategies(pack):
        yield from _links(strategy.id, strategy.sdg_focus, (), focus=True)
    for goal in active_goals(pack):
        yield from _links(goal.id, goal.sdgs, goal.themes)
    for measure in active_measures(pack):
        yield from _links(measure.id, measure.sdgs, measure.themes)
    engagements: list[Membership | Partnership | Project] = [
        *pack.memberships,
        *pack.partnerships,
        *pack.projects,
    ]
    for entity in engagements:
        yield from _links(entity.id, entity.sdgs, entity.themes)


def _rank(status: str) -> int:
    return _STATUS_RANK.get(status, len(_STATUS_RANK))


HoldingFields = tuple[
    str, tuple[str, ...], tuple[str, ...], str | None, Evidence | None, bool, bool
]
"""A :class:`Holding`'s fields after its kind and id: label, via, names, status, evidence,
focus, current."""


def holding_fields(kind: ItemKind, item_id: str, tied: Sequence[Tie]) -> HoldingFields:
    """What one municipality's ties to one item amount to: a :class:`Holding`'s fields after
    its kind and id (the overlap makes its holders from them without a Holding in between).

    Parameters
    ----------
    kind : ItemKind
        The item's kind.
    item_id : str
        The item's id.
    tied : sequence of Tie
        The pack's ties to this item (one or more), in pack order.

    Returns
    -------
    tuple
        ``(label, via, names, status, evidence, focus, current)``, as :class:`Holding`
        describes them.

    Examples
    --------
    >>> t = Tie(ItemKind.SDG, "17", "goal-1", evidence=Evidence.STATED)
    >>> holding_fields(ItemKind.SDG, "17", [t])[:2]
    ('SDG 17: Partnerships for the goals', ('goal-1',))
    """
    if len(tied) == 1:  # most items (the loop below gives the same for one tie)
        t = tied[0]
        label_ = t.label or item_label(kind, item_id)
        names_ = (t.name,) if t.name else ()
        return label_, (t.via,), names_, t.status, t.evidence, t.focus, t.current
    via: dict[str, None] = {}
    names: dict[str, None] = {}
    label: str | None = None
    best: dict[bool, str] = {}  # current or not -> the most engaged status of those ties
    evidence: Evidence | None = None
    focus = current = False
    for t in tied:
        via[t.via] = None
        if t.name:
            names[t.name] = None
        label = label or t.label
        if t.status is not None and (
            t.current not in best or _rank(t.status) < _rank(best[t.current])
        ):
            best[t.current] = t.status
        if t.evidence is not None and evidence is not Evidence.STATED:
            evidence = t.evidence
        focus = focus or t.focus
        current = current or t.current
    status = best.get(True, best.get(False))
    label = label or item_label(kind, item_id)
    return label, tuple(via), tuple(names), status, evidence, focus, current


def holdings(pack: Pack) -> tuple[Holding, ...]:
    """Everything the pack's municipality holds, one holding per item, sorted by kind and id.

    Parameters
    ----------
    pack : Pack
        A loaded pack.

    Returns
    -------
    tuple of Holding

    Raises
    ------
    KeyError
        If a membership or project names an organisation nobody declares (see :func:`ties`).

    Examples
    --------
    >>> import munintl
    >>> held = holdings(munintl.load_pack("bergen"))
    >>> [(h.kind.value, h.current) for h in held if h.id == "eurocities"]
    [('organisation', True)]
    """
    return holdings_of(ties(pack))


def holdings_of(tied: Iterable[Tie]) -> tuple[Holding, ...]:
    """:func:`holdings` from a pack's ties, for a caller that reads the ties for more.

    Parameters
    ----------
    tied : iterable of Tie
        A pack's ties, as :func:`ties` gives them.

    Returns
    -------
    tuple of Holding

    Examples
    --------
    >>> import munintl
    >>> pack = munintl.load_pack("hamar")
    >>> holdings_of(ties(pack)) == holdings(pack)
    True
    """
    grouped = ties_by_item(tied)
    return tuple(
        Holding(kind, item_id, *holding_fields(kind, item_id, grouped[kind, item_id]))
        for kind, item_id in sorted_items(grouped)
    )


def ties_by_item(tied: Iterable[Tie]) -> dict[tuple[ItemKind, str], list[Tie]]:
    """A pack's ties grouped by the item they tie to, in the order the items first occur.

    Parameters
    ----------
    tied : iterable of Tie
        A pack's ties, as :func:`ties` gives them.

    Returns
    -------
    dict of (ItemKind, str) to list of Tie
        Each item's ties, in pack order.

    Examples
    --------
    >>> grouped = ties_by_item([Tie(ItemKind.SDG, "17", "g1"), Tie(ItemKind.SDG, "17", "g2")])
    >>> [t.via for t in grouped[ItemKind.SDG, "17"]]
    ['g1', 'g2']
    """
    grouped: dict[tuple[ItemKind, str], list[Tie]] = {}
    for tie in tied:
        key = (tie.kind, tie.id)
        if key in grouped:
            grouped[key].append(tie)
        else:
            grouped[key] = [tie]
    return grouped


_KIND_ORDER = {kind: n for n, kind in enumerate(ItemKind)}


def sorted_items(
    items: Iterable[tuple[ItemKind, str]],
) -> list[tuple[ItemKind, str]]:
    """Items in the order reports list them: by kind (:class:`ItemKind`'s order), then by id
    (:func:`id_sort_key`).

    Parameters
    ----------
    items : iterable of (ItemKind, str)
        Kinds and ids of items.

    Returns
    -------
    list of (ItemKind, str)

    Examples
    --------
    >>> [i for _, i in sorted_items([(ItemKind.SDG, "17"), (ItemKind.THEME, "a"),
    ...                              (ItemKind.SDG, "2")])]
    ['2', '17', 'a']
    """
    return sorted(items, key=lambda k: (_KIND_ORDER[k[0]], id_sort_key(k[1])))


@lru_cache(maxsize=1 << 14)  # the same few hundred ids are sorted in every pack
def id_sort_key(item_id: str) -> tuple[tuple[int, int, str], ...]:
    """Numbers in ids sort as numbers, so SDG 2 comes before SDG 17, and lettered parts after
    numbered ones, as the UN orders SDG targets (6.1 to 6.6, then 6.a, 6.b).

    Parameters
    ----------
    item_id : str
        A dotted id such as ``"16.10"`` or ``"6.a"``.

    Returns
    -------
    tuple of (int, int, str)
        One key per dotted part.

    Examples
    --------
    >>> sorted(["17", "2", "16.10", "16.7"], key=id_sort_key)
    ['2', '16.7', '16.10', '17']
    >>> sorted(["6.b", "6.a", "6.2", "6.1", "6", "7.a"], key=id_sort_key)
    ['6', '6.1', '6.2', '6.a', '6.b', '7.a']
    """
    return tuple(
        (0, int(part), "") if part.isascii() and part.isdecimal() else (1, 0, part)
        for part in item_id.split(".")
    )
