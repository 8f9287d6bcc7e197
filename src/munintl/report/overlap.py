"""The overlap part of the report: correspondences with reasons in words, shared and unique
items, the similarity matrix, as plain data in one language.

Reasons name things, never scores: ``both name Eurocities; both aim at SDG 17.17; shared
words: europeiske, rammebetingelser``. Shared words are words of both goals' titles as the
report shows them, in the first title's spelling; a stem the two share only in texts the report
does not show is not listed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from munintl.coverage import sdg_carriers
from munintl.languages import strategy_tags
from munintl.model import Pack
from munintl.overlap import Correspondence, Dimension, GoalRef, Item, Overlap, Reason, overlap
from munintl.overlap.holdings import ItemKind, id_sort_key
from munintl.report.messages import MESSAGES, message
from munintl.report.names import (
    country_name,
    distinct_towns,
    own_name,
    sort_key,
)

__all__ = ["overlap_section", "title_words"]

_SHOWN_WORDS = 6


_LETTERS = re.compile(r"[^\W\d_]+")  # as munintl.text splits words, before lower-casing


def title_words(title: str) -> dict[str, str]:
    """Each stem of a displayed title with the word as the title writes it (the first one).

    Parameters
    ----------
    title : str
        A goal's title as the report shows it.

    Returns
    -------
    dict of str to str
        Stem to word, in the title's spelling and case; stop words left out.

    Examples
    --------
    >>> title_words("Påvirke EUs rammebetingelser")["eus"]
    'EUs'
    """
    from munintl.text import normalise, stem, stop_words

    found: dict[str, str] = {}
    for word in _LETTERS.findall(title):
        low = normalise(word)
        if len(low) > 1 and low not in stop_words("nb"):
            found.setdefault(stem(low), word)
    return found


def _sdg_label(ref: str, lang: str) -> str:
    return message("reason.sdg", lang, ref=ref)


def _item_label(item: Item, lang: str) -> str:
    from munintl.reference import sdgs, themes

    if item.kind is ItemKind.SDG:
        sdg = sdgs()[int(item.id)]
        return f"{item.id}. {sdg.short_title_nb if lang == 'nb' else sdg.short_title}"
    if item.kind is ItemKind.SDG_TARGET:
        return _sdg_label(item.id, lang)
    if item.kind is ItemKind.ORGANISATION_KIND and f"orgkind.{item.id}" in MESSAGES:
        return message(f"orgkind.{item.id}", lang)
    if item.kind is ItemKind.THEME and lang == "nb":
        theme = themes().get(item.id)
        return theme.label_nb if theme else item.label
    if item.kind is ItemKind.PARTNER_COUNTRY:
        return country_name(item.id)
    if item.kind is ItemKind.TWIN_CITY and item.label.endswith(")"):
        city, _, code = item.label[:-1].rpartition(" (")  # "Göteborg (SE)"
        return f"{city} ({country_name(code)})"
    if item.kind is ItemKind.ORGANISATION:
        return own_name(item.label, lang)
    return item.label


_ORDERED = (ItemKind.SDG, ItemKind.SDG_TARGET)
"""Kinds listed in their own order (the UN's); the others by name in the report's language."""


def _in_order(kind: ItemKind, items: Sequence[Item], lang: str) -> list[Item]:
    if kind in _ORDERED:
        return list(items)
    return sorted(items, key=lambda i: sort_key(_item_label(i, lang), lang))


def _reason(
    reason: Reason,
    labels: Mapping[tuple[ItemKind, str], str],
    words: tuple[Mapping[str, str], Mapping[str, str]],
    lang: str,
) -> str | None:
    dim = reason.dimension
    if dim is Dimension.ORGANISATIONS:
        items = [own_name(labels.get((ItemKind.ORGANISATION, o), o), lang) for o in reason.shared]
        return message("reason.organisations", lang, items=", ".join(items))
    if dim is Dimension.SDGS:
        refs = sorted(reason.shared, key=id_sort_key)
        return message("reason.sdgs", lang, items=", ".join(_sdg_label(r, lang) for r in refs))
    if dim in (Dimension.THEMES, Dimension.CONCEPTS):
        from munintl.reference import themes

        known = themes()
        items = [
            (known[t].label_nb if lang == "nb" else known[t].label) if t in known else t
            for t in reason.shared
        ]
        key = "reason.themes" if dim is Dimension.THEMES else "reason.concepts"
        return message(key, lang, items=", ".join(items))
    a, b = words
    shown = list(dict.fromkeys(a[s] for s in reason.shared if s in a and s in b))[:_SHOWN_WORDS]
    return message("reason.wording", lang, items=", ".join(shown)) if shown else None


def _goal(
    ref: GoalRef, towns: Mapping[str, str], tags: Mapping[tuple[str, str], str]
) -> dict[str, Any]:
    return {
        "municipality": towns[ref.municipality],
        "text_lang": tags.get((ref.municipality, ref.id), "nb"),
        "pack": ref.municipality,
        "id": ref.id,
        "label": ref.label,
        "number": ref.number,
        "title": " ".join(ref.title.split()),
    }


def _correspondence(
    c: Correspondence,
    towns: Mapping[str, str],
    labels: Mapping[tuple[ItemKind, str], str],
    tags: Mapping[tuple[str, str], str],
    lang: str,
) -> dict[str, Any]:
    # Shared words are words the reader sees in both titles, as the first one writes them.
    said = (title_words(c.a.title), title_words(c.b.title))
    reasons = [_reason(r, labels, said, lang) for r in c.reasons]
    return {
        "a": _goal(c.a, towns, tags),
        "b": _goal(c.b, towns, tags),
        "score": c.score,
        "band": c.band.value,
        "reasons": [r for r in reasons if r],
    }


def _holder_parts(
    kind: ItemKind,
    item: Item,
    towns: Mapping[str, str],
    goal_ids: Mapping[str, frozenset[str]],
    lang: str,
) -> list[tuple[str, str]]:
    """Each holder as (town, how it holds the item, or "")."""
    out = []
    for h in item.holders:
        town, note = towns[h.municipality], ""
        if kind in (ItemKind.SDG, ItemKind.SDG_TARGET):
            # Coverage counts goals and their measures (sdg_carriers); say when an SDG is held
            # through engagements alone.
            by_goals = any(v in goal_ids[h.municipality] for v in h.via)
            note = message("overlap.via_goals" if by_goals else "overlap.via_engagements", lang)
        elif kind is ItemKind.ORGANISATION:
            raw = h.status or "none"  # no membership: held through projects
            key = f"membership.{raw}"
            note = message(key, lang) if key in MESSAGES else raw.replace("_", " ")
        elif kind in (ItemKind.ORGANISATION_KIND, ItemKind.PARTNER_COUNTRY) and h.names:
            own = (own_name(n, lang) if kind is ItemKind.ORGANISATION_KIND else n for n in h.names)
            note = ", ".join(sorted(own, key=lambda n: sort_key(n, lang)))
        out.append((town, note))
    return out


def _shared(
    result: Overlap, towns: Mapping[str, str], goal_ids: Mapping[str, frozenset[str]], lang: str
) -> list[dict[str, Any]]:
    groups = []
    for kind in ItemKind:
        items = result.shared_of(kind)
        groups.append(
            {
                "kind": kind.value,
                "title": message(f"kind.{kind.value}", lang),
                "items": [
                    {
                        "id": item.id,
                        "label": _item_label(item, lang),
                        "holders": [f"{t} ({n})" if n else t for t, n in parts],
                        # The same, apart: the page isolates each town's name (<bdi>).
                        "holder_parts": parts,
                    }
                    for item in _in_order(kind, items, lang)
                    for parts in [_holder_parts(kind, item, towns, goal_ids, lang)]
                ],
            }
        )
    return groups


def _unique(
    result: Overlap, towns: Mapping[str, str], goal_ids: Mapping[str, frozenset[str]], lang: str
) -> list[dict[str, Any]]:
    out = []
    for m in result.municipalities:
        own = result.unique_to(m.name)
        groups = [
            {
                "kind": kind.value,
                "title": message(f"kind.{kind.value}", lang),
                "items": [
                    _item_label(i, lang) + _engagements_only(kind, i, goal_ids, lang)
                    for i in _in_order(kind, [i for i in own if i.kind is kind], lang)
                ],
            }
            for kind in ItemKind
        ]
        out.append({"municipality": towns[m.name], "groups": [g for g in groups if g["items"]]})
    return out


def _engagements_only(
    kind: ItemKind, item: Item, goal_ids: Mapping[str, frozenset[str]], lang: str
) -> str:
    """`` (through memberships, …)`` after an SDG no goal of its holder carries (its coverage
    tile then says "not served"), else ``""``."""
    if kind not in (ItemKind.SDG, ItemKind.SDG_TARGET):
        return ""
    (holder,) = item.holders
    if any(v in goal_ids[holder.municipality] for v in holder.via):
        return ""
    return f" ({message('overlap.via_engagements', lang)})"


def _similarity(result: Overlap, towns: Mapping[str, str]) -> dict[str, Any]:
    matrix = result.similarity
    names = [towns[n] for n in matrix.names]
    if matrix.top is not None:
        nearest = {
            towns[name]: [[towns[n.name], n.score] for n in matrix.neighbours_of(name)]
            for name in matrix.names
        }
        return {"names": names, "matrix": None, "nearest": nearest}
    return {"names": names, "matrix": [list(row) for row in matrix.combined], "nearest": None}


def overlap_section(
    packs: Sequence[Pack], counted: Sequence[Pack], *, top: int | None, lang: str
) -> dict[str, Any]:
    """The overlap of packs as report data.

    Parameters
    ----------
    packs : sequence of Pack
        The packs as loaded (their wording names the shared words).
    counted : sequence of Pack
        The same packs with only their current strategies' goals (see
        :func:`munintl.report.document.counted_pack`); these are compared.
    top : int, optional
        As in :func:`munintl.overlap`.
    lang : {"en", "nb"}
        The language of the labels.

    Returns
    -------
    dict
        ``correspondences``, ``shared``, ``unique``, ``similarity``.

    Examples
    --------
    >>> import munintl
    >>> packs = munintl.load_packs(["bergen", "oslo"])
    >>> section = overlap_section(packs, packs, top=None, lang="en")
    >>> [i["label"] for i in section["shared"][0]["items"]][:1]
    ['Eurocities']
    """
    result = overlap(*counted, top=top)
    towns = distinct_towns((m.name, m.municipality, m.code) for m in result.municipalities)
    labels = {(i.kind, i.id): i.label for i in (*result.shared, *result.unique)}
    goal_ids = {p.name: sdg_carriers(p) for p in counted}
    tags = {}  # (pack, goal id) -> the language tag of its strategy's document
    for p in counted:
        by_strategy = strategy_tags(p)
        tags.update({(p.name, g.id): by_strategy.get(g.strategy, "nb") for g in p.goals})
    return {
        "correspondences": [
            _correspondence(c, towns, labels, tags, lang) for c in result.correspondences
        ],
        "shared": _shared(result, towns, goal_ids, lang),
        "unique": _unique(result, towns, goal_ids, lang),
        "similarity": _similarity(result, towns),
    }
