"""Node-link JSON: networkx's node-link format, for D3 and other web tools.

The document is ``{"directed": true, "multigraph": true, "graph": {}, "nodes": [...],
"edges": [...]}``: each node an object with its ``id`` and attributes, each edge an object
with ``source``, ``target``, ``key`` (the edge's unique id, :func:`munintl.exports.flat.edge_id`)
and attributes. It is what ``networkx.node_link_data(graph, edges="edges")`` gives for the
prepared graph (:func:`munintl.exports.flat.export_graph`), and
``networkx.node_link_graph(data, edges="edges")`` reads it back. Lists stay JSON arrays.
The text is strict JSON: no ``NaN`` or ``Infinity``.

>>> import json, munintl
>>> data = json.loads(to_node_link_json(munintl.goal_network(munintl.load_pack("hamar"))))
>>> sorted(data)
['directed', 'edges', 'graph', 'multigraph', 'nodes']
>>> sorted(data["edges"][0])
['key', 'relation', 'source', 'target']
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from munintl._json import dumps
from munintl.exports.flat import export_graph

__all__ = ["EDGES", "EDGE_KEY", "to_node_link", "to_node_link_json"]

EDGES = "edges"
"""The name of the list of edges in the document."""
EDGE_KEY = "key"
"""The name of an edge's unique id in the document (networkx's multigraph key)."""


def to_node_link(graph: nx.MultiDiGraph[str]) -> dict[str, Any]:
    """Node-link data of a goal network, as plain Python data.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A goal network, as :func:`munintl.goal_network` builds it.

    Returns
    -------
    dict
        ``directed``, ``multigraph``, ``graph``, ``nodes`` and ``edges``, as in the module
        docstring.

    Raises
    ------
    munintl.errors.ExportError
        When a value cannot be written (a number that is not finite).

    Examples
    --------
    >>> import munintl
    >>> data = to_node_link(munintl.goal_network(munintl.load_pack("hamar")))
    >>> len({edge["key"] for edge in data["edges"]}) == len(data["edges"])
    True
    """
    data: dict[str, Any] = nx.node_link_data(
        export_graph(graph, lists="keep"), edges=EDGES, key=EDGE_KEY
    )
    return data


def to_node_link_json(graph: nx.MultiDiGraph[str]) -> str:
    """:func:`to_node_link` as strict JSON text (UTF-8 characters kept, indented).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A goal network.

    Returns
    -------
    str

    Examples
    --------
    >>> import json, munintl
    >>> text = to_node_link_json(munintl.goal_network(munintl.load_pack("hamar")))
    >>> json.loads(text)["multigraph"]
    True
    """
    return dumps(to_node_link(graph), indent=2)
