"""Comparing municipalities: what they share, and which of their goals correspond.

    python examples/04_compare_municipalities.py [PACK ...] [--out DIR]
                                                (default: bergen oslo hamar)

Writes: overlap-heatmap.png

``munintl.overlap`` returns plain data: the organisations, twin cities, SDGs and themes two or
more municipalities share (with each one's status), what is unique to each, a similarity
matrix per dimension, and pairs of goals that pursue the same thing, each with its reasons.
"""

from __future__ import annotations

import argparse
import os
import textwrap
from pathlib import Path

import munintl
from munintl.overlap import GoalRef


def out_dir(given: str | None) -> Path:
    """--out, else $MUNINTL_EXAMPLES_OUT, else examples/out/ beside this script."""
    folder = Path(given or os.environ.get("MUNINTL_EXAMPLES_OUT") or Path(__file__).parent / "out")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packs", nargs="*", default=["bergen", "oslo", "hamar"])
    parser.add_argument("--out", help="folder for the files written")
    args = parser.parse_args()

    result = munintl.overlap(*munintl.load_packs(args.packs))
    town = {m.name: m.municipality for m in result.municipalities}

    # Shared organisations, with how each municipality takes part.
    print("Shared organisations:")
    for item in result.shared_of("organisation"):
        holders = ", ".join(f"{town[h.municipality]} ({h.status})" for h in item.holders)
        print(f"  {item.label}: {holders}")
    cities = result.shared_of("twin_city")
    print("Shared twin cities:", ", ".join(i.label for i in cities) or "none")

    # The strongest goal correspondences, each with its band and the reasons that add most.
    print("\nGoals that pursue the same thing (strongest first):")
    for match in result.correspondences[:5]:
        print(f"  {match.band.value:<9}{goal(match.a, town)}\n           {goal(match.b, town)}")
        why = "; ".join(r.text for r in match.reasons[:2])  # strongest first, in plain words
        print(f"           because {why}")

    # The similarity matrix, combined over all dimensions.
    names = result.similarity.names
    print(f"\n{'Similarity (0 to 1)':<20}" + "".join(f"{town[n]:>10}" for n in names))
    for name, row in zip(names, result.similarity.combined, strict=True):
        print(f"  {town[name]:<18}" + "".join(f"{score:>10.2f}" for score in row))
    # A municipality that holds nothing in a dimension (Oslo names no twin cities) scores 0
    # there even with itself, so its score with itself is below 1 (docs/overlap.md).
    matrix = result.similarity
    for i, name in enumerate(names):
        dimensions = zip(matrix.dimensions, matrix.by_dimension, strict=True)
        empty = [d.value.replace("_", " ") for d, m in dimensions if not m[i][i]]
        if empty:
            print(f"  ({town[name]} with itself is below 1: it holds no {', '.join(empty)})")

    try:
        from munintl.errors import MissingExtraError
        from munintl.plot import plot_overlap_heatmap

        picture = plot_overlap_heatmap(
            result.similarity, out_dir(args.out) / "overlap-heatmap.png", labels=town
        )
        print(f"Wrote {picture}")
    except MissingExtraError as exc:  # matplotlib comes with munintl[plot]
        print(f"No picture: {exc}")


def goal(ref: GoalRef, town: dict[str, str]) -> str:
    """A goal as the document names it: municipality, level word or number, title."""
    short = textwrap.shorten(ref.title, width=60, placeholder="…")
    return f"{town[ref.municipality]} {ref.number or ref.label} «{short}»"


if __name__ == "__main__":
    main()
