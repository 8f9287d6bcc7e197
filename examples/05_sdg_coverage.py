"""SDG coverage: which of the 17 Sustainable Development Goals each municipality's goals serve.

    python examples/05_sdg_coverage.py [PACK ...] [--out DIR]     (default: bergen oslo hamar)

Writes: sdg-coverage.png

A goal carries an SDG when it, or a measure directly under it, links to the SDG or one of its
targets. The coverage keeps apart links the document states from links a curator inferred, so
a reader can see how much of the picture is the municipality's own word.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import munintl
from munintl.reference import sdgs
from munintl.report.coverage_table import render_coverage


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

    coverages = munintl.sdg_coverage(
        *munintl.load_packs(args.packs)
    )  # one Coverage per municipality
    print(render_coverage(coverages))  # the table `munintl coverage` prints

    # The data behind the table: which SDGs every municipality serves, and which only one does.
    served = [set(c.served) for c in coverages]
    common = set.intersection(*served)
    print(
        "\nServed by all:",
        ", ".join(f"{n} {sdgs()[n].short_title}" for n in sorted(common)) or "none",
    )
    for coverage, mine in zip(coverages, served, strict=True):
        others = set().union(*(s for s in served if s is not mine))
        only = sorted(mine - others)
        stated = sum(r.stated for r in coverage.rows)
        total = sum(len(r.goals) for r in coverage.rows)
        only_here = ", ".join(map(str, only)) or "none"
        links = f"{stated} of {total} goal–SDG links stated"
        print(f"{coverage.municipality}: {links}; only here: {only_here}")

    try:
        from munintl.errors import MissingExtraError
        from munintl.plot import plot_sdg_coverage

        print(f"Wrote {plot_sdg_coverage(coverages, out_dir(args.out) / 'sdg-coverage.png')}")
    except MissingExtraError as exc:  # matplotlib comes with munintl[plot]
        print(f"No picture: {exc}")


if __name__ == "__main__":
    main()
