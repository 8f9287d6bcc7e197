"""An overlap analysis as readable text (``munintl overlap``).

The strongest goal correspondences come first, each with what adds up to its score; then the
similarity of the municipalities; then what they share and what only one of them holds.

>>> import munintl
>>> from munintl.overlap import overlap
>>> text = render_overlap(overlap(*munintl.load_packs(["bergen", "oslo"])))
>>> text.splitlines()[0]
'Overlap of Bergen (4601) and Oslo (0301)'
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping

from munintl._escape import no_breaks
from munintl.overlap.analysis import Holder, Item, Overlap
from munintl.overlap.dimensions import DIMENSIONS
from munintl.overlap.goals import Correspondence
from munintl.overlap.holdings import UNKNOWN_STATUS, ItemKind
from munintl.overlap.similarity import SimilarityMatrix
from munintl.overlap.units import GoalRef

__all__ = ["render_overlap"]

_WIDTH = 96
_SHOWN_STEMS = 8  # a reason lists the rarest shared stems; JSON has them all
_SHOWN_LINKS = 3

_KIND_TITLES = {
    ItemKind.ORGANISATION: "Organisations",
    ItemKind.ORGANISATION_KIND: "Kinds of organisation",
    ItemKind.TWIN_CITY: "Twin cities",
    ItemKind.PARTNER_COUNTRY: "Partner countries",
    ItemKind.SDG: "SDGs",
    ItemKind.SDG_TARGET: "SDG targets",
    ItemKind.THEME: "Themes",
}
_DIMENSION_TITLES = {d: spec.title for d, spec in DIMENSIONS.items()}


def _wrap(text: str, indent: str, hang: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        _WIDTH,
        initial_indent=indent,
        subsequent_indent=hang or indent,
        break_on_hyphens=False,
    )


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def render_overlap(result: Overlap) -> str:
    """The whole analysis as text for a terminal.

    Parameters
    ----------
    result : Overlap
        An analysis, as :func:`munintl.overlap.overlap` returns it.

    Returns
    -------
    str
        Lines joined by newlines; scores are printed 0..1 with two decimals.

    Examples
    --------
    >>> import munintl
    >>> from munintl.overlap import overlap
    >>> text = render_overlap(overlap(*munintl.load_packs(["bergen", "hamar"])))
    >>> text.splitlines()[2][:19]
    'Corresponding goals'
    """
    towns = {m.name: m.municipality for m in result.municipalities}
    lines = [f"Overlap of {_and([f'{m.municipality} ({m.code})' for m in result.municipalities])}"]
    lines += ["", *_correspondence_lines(result, towns)]
    lines += ["", *_similarity_lines(result.similarity, towns)]
    lines += ["", *_shared_lines(result.shared, towns)]
    lines += ["", *_unique_lines(result, towns)]
    return "\n".join(no_breaks(line) for line in lines)  # a title's line break stays on its row


# --- correspondences ----------------------------------------------------------------------------


def _goal(ref: GoalRef, towns: Mapping[str, str]) -> str:
    number = f" {ref.number}" if ref.number else ""
    return f"{towns[ref.municipality]} {ref.label}{number}: {' '.join(ref.title.split())}"


def _correspondence_lines(result: Overlap, towns: Mapping[str, str]) -> list[str]:
    head = (
        "Corresponding goals, strongest first (strong: the evidence is clear; possible: worth a "
        "look; see docs/overlap.md)"
    )
    if not result.correspondences:
        return [head, "  none"]
    lines = [head]
    for c in result.correspondences:
        lines += _one_correspondence(c, towns)
    return lines


def _one_correspondence(c: Correspondence, towns: Mapping[str, str]) -> list[str]:
    pad = " " * 11
    lines = _wrap(_goal(c.a, towns), f"  {c.band.value:<9}", pad)[:2]
    lines += _wrap(_goal(c.b, towns), pad + "↔ ", pad + "  ")[:2]
    why = "; ".join(r.text for r in c.reasons if r.text)
    lines += _wrap(f"why: {why}", pad, pad + "  ")
    return lines


# --- similarity ---------------------------------------------------------------------------------


def _similarity_lines(matrix: SimilarityMatrix, towns: Mapping[str, str]) -> list[str]:
    names = [towns.get(n, n) for n in matrix.names]
    weights = ", ".join(
        f"{_DIMENSION_TITLES[d]} {w:.2f}"
        for d, w in zip(matrix.dimensions, matrix.weights, strict=True)
    )
    lines = [
        "Similarity (0: nothing in common, 1: alike in every dimension; a dimension where a",
        "municipality holds nothing scores 0 there, even against itself)",
        *_wrap(f"weights: {weights}", "  "),
    ]
    if matrix.top is not None:
        lines.append(f"  Nearest {matrix.top} of each:")
        for key, name in zip(matrix.names, names, strict=True):
            found = matrix.neighbours_of(key)
            near = ", ".join(f"{towns.get(n.name, n.name)} {n.score:.2f}" for n in found) or "none"
            lines += _wrap(f"{name}: {near}", "    ", "      ")
        return lines
    width = max(len(n) for n in names) + 2
    lines.append(" " * (width + 2) + "".join(f"{n[:7]:>8}" for n in names))
    for name, row in zip(names, matrix.combined, strict=True):
        lines.append(f"  {name:<{width}}" + "".join(f"{x:>8.2f}" for x in row))
    if len(names) > 1:
        titles = [_DIMENSION_TITLES[d] for d in matrix.dimensions]
        pair_width = max(width, *(len(a) + len(b) + 3 for a in names for b in names)) + 1
        lines.append("  Per dimension:")
        lines.append(" " * (pair_width + 4) + " ".join(f"{t:>13}" for t in titles))
        for i, a in enumerate(names):
            for j in range(i + 1, len(names)):
                scores = " ".join(f"{m[i][j]:>13.2f}" for m in matrix.by_dimension)
                lines.append(f"    {a + ' – ' + names[j]:<{pair_width}}{scores}")
    return lines


# --- shared and unique --------------------------------------------------------------------------


def _status_words(status: str) -> str:
    return "status unknown" if status == UNKNOWN_STATUS else status.replace("_", " ")


def _detail(kind: ItemKind, h: Holder) -> str:
    parts: list[str] = []
    if kind is ItemKind.ORGANISATION:
        parts.append(_status_words(h.status) if h.status else "through projects")
    elif kind in (ItemKind.ORGANISATION_KIND, ItemKind.PARTNER_COUNTRY):
        parts.append(", ".join(h.names))
    elif kind is ItemKind.TWIN_CITY and h.status:
        parts.append(h.status.replace("_", " "))
    elif kind in (ItemKind.SDG, ItemKind.SDG_TARGET) and h.evidence:
        parts.append(h.evidence.value + (", focus" if h.focus else ""))
    elif kind is ItemKind.THEME and h.evidence and h.evidence.value == "stated":
        parts.append("stated")
    if not h.current and kind is not ItemKind.ORGANISATION:
        parts.append("ended")
    return f" ({'; '.join(parts)})" if parts else ""


def _by_kind(items: Iterable[Item]) -> dict[ItemKind, list[Item]]:
    grouped: dict[ItemKind, list[Item]] = {kind: [] for kind in ItemKind}
    for item in items:
        grouped[item.kind].append(item)
    return grouped


def _shared_lines(shared: Iterable[Item], towns: Mapping[str, str]) -> list[str]:
    lines = ["Shared by two or more"]
    for kind, items in _by_kind(shared).items():
        if not items:
            lines.append(f"  {_KIND_TITLES[kind]}: none shared")
            continue
        lines.append(f"  {_KIND_TITLES[kind]}")
        for item in items:
            holders = ", ".join(
                f"{towns.get(h.municipality, h.municipality)}{_detail(kind, h)}"
                for h in item.holders
            )
            lines += _wrap(f"{item.label}: {holders}", "    ", "      ")
    return lines


def _unique_lines(result: Overlap, towns: Mapping[str, str]) -> list[str]:
    lines = ["Held by one only"]
    for m in result.municipalities:
        own = result.unique_to(m.name)
        lines.append(f"  {m.municipality}" + ("" if own else ": nothing of its own"))
        for kind, items in _by_kind(own).items():
            if items:
                names = ", ".join(i.label for i in items)
                lines += _wrap(f"{_KIND_TITLES[kind]}: {names}", "    ", "      ")
    return lines
