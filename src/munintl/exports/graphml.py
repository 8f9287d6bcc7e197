"""GraphML, the graph format Gephi, yEd, Cytoscape, igraph and networkx read.

Written by networkx's writer from :func:`munintl.exports.flat.export_graph`: every edge has a
unique ``id`` (its relation is the ``relation`` attribute), every attribute name is declared
once with one type, lists are JSON text, and nothing is ``None``. Reading it back with
``networkx.read_graphml(path, force_multigraph=True)`` gives the prepared graph again,
parallel edges included.

>>> import io, munintl, networkx as nx
>>> graph = munintl.goal_network(munintl.load_pack("hamar"))
>>> back = nx.read_graphml(io.BytesIO(to_graphml(graph).encode()), force_multigraph=True)
>>> back.number_of_edges() == graph.number_of_edges(), back.nodes["sdg:17"]["sdg_goal"]
(True, 17)
"""

from __future__ import annotations

import io

import networkx as nx

from munintl.exports.flat import export_graph, keep_carriage_returns

__all__ = ["to_graphml"]


def to_graphml(graph: nx.MultiDiGraph[str]) -> str:
    """GraphML text of a goal network.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A goal network, as :func:`munintl.goal_network` builds it.

    Returns
    -------
    str
        A GraphML document (UTF-8 declared), one ``<key>`` per attribute name and scope.

    Raises
    ------
    munintl.errors.ExportError
        When a value cannot be written (a number that is not finite).

    Examples
    --------
    >>> import munintl
    >>> text = to_graphml(munintl.goal_network(munintl.load_pack("hamar")))
    >>> text.count('attr.name="number"')
    1
    >>> 'id="hamar:hamar-2010--builds_on--hamar:kommuneplan--0"' in text
    True
    """
    buffer = io.BytesIO()
    nx.write_graphml(export_graph(graph), buffer, encoding="utf-8")
    return keep_carriage_returns(buffer.getvalue().decode("utf-8"))
