"""Open the goal network in igraph, as a graph tool would: the GraphML export, read back.

    python examples/06_graph_tools.py [PACK ...] [--out DIR]     (default: bergen oslo hamar)

Writes: goal-network-all.graphml

The GraphML export gives every edge its own id and every attribute one type, so strict readers
(igraph, Gephi, yEd, Cytoscape) take it as it is. igraph comes with ``pip install igraph``;
without it the script says so and stops after writing the file.
"""

from __future__ import annotations

import argparse
import os
from collections import Counter
from pathlib import Path

import munintl
from munintl.exports import export


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

    packs = munintl.load_packs(args.packs)
    path = out_dir(args.out) / "goal-network-all.graphml"
    path.write_text(export(packs, "graphml"), encoding="utf-8")
    print(f"Wrote {path}")

    try:
        import igraph
    except ImportError:
        print("No igraph here: pip install igraph, then run this again.")
        return

    graph = igraph.Graph.Read_GraphML(str(path))
    names = ", ".join(p.municipality.name for p in packs)
    print(f"igraph reads the goal network of {names}:")
    print(f"  {graph.vcount()} nodes, {graph.ecount()} edges, directed: {graph.is_directed()}")
    print(f"  node attributes: {', '.join(sorted(graph.vs.attributes()))}")

    # Which SDGs do the most goals, measures and engagements contribute to?
    sdg_links = graph.es.select(relation="contributes_to")
    # igraph holds numbers as floats: sdg_goal 17 reads as 17.0.
    by_goal = Counter(int(graph.vs[e.target]["sdg_goal"]) for e in sdg_links)
    stated = sum(1 for e in sdg_links if e["evidence"] == "stated")
    print(f"  {len(sdg_links)} links to SDGs, {stated} of them stated by the documents")
    for number, count in by_goal.most_common(3):
        print(f"  SDG {number}: {count} links (goal and target links together)")

    # The organisations most memberships point at: what the municipalities share.
    members = Counter(e.target for e in graph.es.select(relation="member_of"))
    for index, count in members.most_common(3):
        print(f"  {graph.vs[index]['label']}: {count} membership{'s' * (count != 1)}")


if __name__ == "__main__":
    main()
