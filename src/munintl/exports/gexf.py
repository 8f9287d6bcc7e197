"""GEXF, the format Gephi opens natively, written by networkx's GEXF writer (version 1.2).

The content rules are GraphML's (:mod:`munintl.exports.flat`): unique edge ids, one type
per attribute name, no ``None``, lists as JSON text. A node's ``label`` becomes the GEXF
node label. GEXF gives some attribute names a meaning of its own (``start`` and ``end`` make a
graph dynamic, ``type`` says whether an edge is directed); an attribute of that name is
written as ``attr_<name>`` instead, so its value keeps its meaning. networkx's writer adds
the edge attribute ``networkx_key``, equal to the edge id; its reader makes it the edge's key
again and gives the id as the attribute ``id``. ``networkx.read_gexf`` gives a
``MultiDiGraph`` when the file has parallel edges, else a ``DiGraph``.

>>> import io, munintl, networkx as nx
>>> graph = munintl.goal_network(munintl.load_pack("hamar"))
>>> back = nx.read_gexf(io.BytesIO(to_gexf(graph).encode()))
>>> back.number_of_edges() == graph.number_of_edges()
True
>>> source, target, data = next(iter(back.edges(data=True)))
>>> data["id"], sorted(data)
('municipality:hamar--has_strategy--hamar:hamar-2010--0', ['id', 'relation'])
"""

from __future__ import annotations

import io
import re
from typing import Any

import networkx as nx

from munintl.exports.flat import export_graph, keep_carriage_returns

__all__ = ["RESERVED", "to_gexf"]

RESERVED = frozenset({"id", "key", "pid", "start", "end", "viz", "weight", "type"})
"""Attribute names GEXF (or networkx's GEXF writer) reads as something else."""


def _safe(data: dict[str, Any]) -> dict[str, Any]:
    return {f"attr_{k}" if k in RESERVED else k: v for k, v in data.items()}


def to_gexf(graph: nx.MultiDiGraph[str]) -> str:
    """GEXF 1.2 text of a goal network.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A goal network, as :func:`munintl.goal_network` builds it.

    Returns
    -------
    str
        A GEXF document; each edge's ``id`` is its :func:`munintl.exports.flat.edge_id`.

    Raises
    ------
    munintl.errors.ExportError
        When a value cannot be written (a number that is not finite).

    Examples
    --------
    >>> import munintl
    >>> text = to_gexf(munintl.goal_network(munintl.load_pack("hamar")))
    >>> text.count('title="number"'), 'defaultedgetype="directed"' in text
    (1, True)
    """
    flat = export_graph(graph)
    ready: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    ready.add_nodes_from((node, _safe(data)) for node, data in flat.nodes(data=True))
    for source, target, key, data in flat.edges(keys=True, data=True):
        # networkx's writer takes the GEXF edge id from the "id" attribute.
        ready.add_edge(source, target, key=key, id=key, **_safe(data))
    buffer = io.BytesIO()
    nx.write_gexf(ready, buffer, encoding="utf-8", version="1.2draft")
    return _schema_valid(keep_carriage_returns(buffer.getvalue().decode("utf-8")))


# networkx's writer gives <graph> a name="" the GEXF 1.2draft schema does not allow (strict
# validators refuse the file), and <meta> the day of writing (the same packs gave another file
# each day). Both are optional: left out, the file is valid and reproducible.
_GRAPH_NAME = re.compile(r'(<graph\b[^>]*?) name=""')
_MODIFIED = re.compile(r'(<meta\b[^>]*?) lastmodifieddate="[^"]*"')


def _schema_valid(text: str) -> str:
    return _MODIFIED.sub(r"\1", _GRAPH_NAME.sub(r"\1", text, count=1), count=1)
