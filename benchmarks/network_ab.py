"""The goal network step at one size, this tree's ``munintl.goal_network`` against an older
``network.py`` (e.g. ``git show REF:src/munintl/network.py > /tmp/net_before.py``), alternating
runs in one process on the same loaded packs, timed like ``run.py``'s steps (CPU, after a
``gc.collect()``, result freed outside the timing). First it checks that both build the same
graph: the same nodes with the same attributes, the same edges with the same keys and
attributes, all in the same order (``--no-check`` skips that, for an older ``network.py`` that
is known to differ)::

    python benchmarks/network_ab.py /tmp/net_before.py --size 357 --repeats 7
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import networkx as nx
from generate import ensure_pack_dirs

import munintl


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="an older network.py")
    parser.add_argument("--size", type=int, default=357)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/munintl-bm"))
    parser.add_argument("--no-check", action="store_true", help="do not compare the graphs")
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("network_before", args.before)
    assert spec and spec.loader
    before = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(before)
    packs = [munintl.load_pack_dir(p) for p in ensure_pack_dirs(args.size, args.cache)]
    builds = {"before": before.goal_network, "after": munintl.goal_network}
    if not args.no_check:
        if layout(before.goal_network(*packs)) != layout(munintl.goal_network(*packs)):
            print("the two build different graphs")
            return 1
        print("same graph (nodes, attributes, edges, keys and their order)")
    times: dict[str, list[float]] = {name: [] for name in builds}
    for _ in range(args.repeats):
        for name, build in builds.items():
            gc.collect()
            start = time.process_time()
            graph = build(*packs)
            times[name].append(time.process_time() - start)
            del graph
    for name, values in times.items():
        print(f"{name}: CPU median {statistics.median(values):.3f} s (min {min(values):.3f})")
    print("load average", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


def layout(g: nx.MultiDiGraph[str]) -> tuple[list[Any], ...]:
    """Everything an export or a reader can see of a graph, in networkx's iteration order."""
    return (
        [(n, list(d.items())) for n, d in g.nodes(data=True)],
        [(u, v, k, list(d.items())) for u, v, k, d in g.edges(keys=True, data=True)],
        [(n, list(g.succ[n]), list(g.pred[n])) for n in g],
    )


if __name__ == "__main__":
    sys.exit(main())
