"""Quick start: load a municipality's pack and walk its goal hierarchy.

    python examples/01_quick_start.py [PACK]        (default: hamar)

Prints the installed packs, then the pack's strategy as a tree: each goal under the document's
own name for its level, with its SDG links (``~`` marks a link a curator inferred rather than
one the document states) and the number of measures under it.
"""

from __future__ import annotations

import argparse
import textwrap

import munintl
from munintl.hierarchy import GoalHierarchy
from munintl.model import Goal


def short(text: str, width: int = 70) -> str:
    return textwrap.shorten(text, width=width, placeholder="…")


def show_goal(hierarchy: GoalHierarchy, goal: Goal, depth: int = 0) -> None:
    """Print one goal (``hierarchy.walk`` gives the goals under it, in document order)."""
    sdgs = ", ".join(("~" if link.is_inferred else "") + link.to for link in goal.sdgs)
    measures = len(hierarchy.measures(goal.id))
    extra = [
        f"SDG {sdgs}" if sdgs else "",
        f"{measures} measure{'s' if measures > 1 else ''}" if measures else "",
    ]
    details = "; ".join(e for e in extra if e)
    number = f"{goal.number} " if goal.number else ""
    print(
        f"{'  ' * depth}[{goal.label}] {number}{short(goal.title)}"
        + (f"  ({details})" if details else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default="hamar")
    # Every example takes --out (examples/README.md); this one writes no file.
    parser.add_argument("--out", metavar="DIR", help="accepted for symmetry; nothing is written")
    args = parser.parse_args()

    # Packs are found through an entry point; nothing is read until a pack is loaded.
    print("Installed packs:", ", ".join(munintl.available_packs()))
    pack = munintl.load_pack(args.pack)
    town = pack.municipality
    print(
        f"\n{town.name} (kommunenummer {town.code}): {len(pack.goals)} goals, "
        f"{len(pack.measures)} measures, {len(pack.memberships)} memberships, "
        f"{len(pack.partnerships)} partnerships, {len(pack.projects)} projects"
    )

    strategy = pack.strategy  # the one in force
    if strategy is None:
        print("The pack holds no strategy.")
        return
    print(f"Strategy: {strategy.title} ({strategy.status.value})\n")
    hierarchy = GoalHierarchy(pack)
    for top in hierarchy.roots(strategy.id):  # the top of the hierarchy
        for goal, depth in hierarchy.walk(top.id):
            show_goal(hierarchy, goal, depth)

    # Every fact says where it comes from: a document and a section or page.
    goal = next(g for g in pack.goals if g.strategy == strategy.id)
    document = pack.get(goal.source.document)
    title = getattr(document, "title", goal.source.document)
    print(f"\nWhere does {goal.id!r} come from? {goal.source} in «{short(title, 60)}»")


if __name__ == "__main__":
    main()
