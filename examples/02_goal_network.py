"""Export the goal network: GraphML for Gephi, yEd or Cytoscape, and a picture of one pack.

    python examples/02_goal_network.py [PACK ...] [--out DIR]     (default: bergen oslo hamar)

Writes: goal-network.graphml, goal-network-bergen.png

The network holds every pack given: goals, measures, memberships and the rest are nodes of
their pack (``bergen:1.2``); SDGs, organisations, themes and partner cities are shared nodes,
so the organisations two municipalities both belong to show up as nodes with edges from both.
The picture (``munintl[plot]``) shows the first pack's strategy, goals, measures and SDGs.
"""

from __future__ import annotations

import argparse
import os
from collections import Counter
from pathlib import Path

import munintl
from munintl.exports.graphml import to_graphml


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
    out = out_dir(args.out)

    packs = munintl.load_packs(args.packs)
    graph = munintl.goal_network(*packs)  # a networkx MultiDiGraph
    kinds = Counter(kind for _, kind in graph.nodes(data="kind"))
    relations = Counter(relation for _, _, relation in graph.edges(data="relation"))
    print(f"Goal network of {', '.join(p.municipality.name for p in packs)}:")
    print(
        f"  {graph.number_of_nodes()} nodes: "
        + ", ".join(f"{n} {k}" for k, n in kinds.most_common())
    )
    print(
        f"  {graph.number_of_edges()} edges: "
        + ", ".join(f"{n} {r}" for r, n in relations.most_common(6))
        + ", ..."
    )

    # Shared nodes: organisations that memberships of more than one municipality point to.
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "organisation":
            members = {
                graph.nodes[u].get("pack")
                for u, _, relation in graph.in_edges(node, data="relation")
                if relation == "member_of"
            }
            if len(members) > 1:
                print(f"  shared organisation: {data['label']} ({', '.join(sorted(members))})")

    graphml = out / "goal-network.graphml"
    graphml.write_text(to_graphml(graph), encoding="utf-8")
    print(f"Wrote {graphml}")

    try:
        from munintl.errors import MissingExtraError
        from munintl.plot import draw_goal_network

        picture = draw_goal_network(
            graph, out / f"goal-network-{packs[0].name}.png", pack=packs[0].name
        )
        print(f"Wrote {picture}")
    except MissingExtraError as exc:  # matplotlib comes with munintl[plot]
        print(f"No picture: {exc}")


if __name__ == "__main__":
    main()
