"""The goal network made ready for graph file formats: the one owner of the content rules that
GraphML, GEXF and node-link JSON share.

- Every edge gets a unique id, :func:`edge_id` of (source, target, relation, index); the id
  is the edge's key in the prepared graph, and ``relation`` stays an attribute.
- Every attribute name has one type across all node kinds and edges: where kinds disagree,
  the attribute is renamed (:data:`RENAMES`: an SDG's number is ``sdg_goal``, a goal's
  ``number`` stays the document's numbering, a string; any other disagreement gets the type
  as a suffix, such as ``value_int``).
- No ``None`` values (absent means unknown); enums are their plain string values.
- Lists are encoded one way: a string holding a JSON array (``'["a", "b"]'``), unless the
  format holds lists itself (node-link JSON keeps them as arrays).
- Numbers are finite: ``nan`` or ``inf`` is refused with :class:`munintl.errors.ExportError`.

>>> import munintl
>>> flat = export_graph(munintl.goal_network(munintl.load_pack("bergen")))
>>> flat.nodes["sdg:17"]["sdg_goal"], "number" in flat.nodes["sdg:17"]
(17, False)
>>> sorted(flat.nodes["sdg:17"])
['kind', 'label', 'sdg_goal']
>>> len({key for _, _, key in flat.edges(keys=True)}) == flat.number_of_edges()
True
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any, Literal

import networkx as nx

from munintl._json import dumps
from munintl.errors import ExportError
from munintl.validation import control_characters, control_message

__all__ = [
    "RENAMES",
    "attribute_types",
    "edge_id",
    "export_graph",
    "export_value",
    "keep_carriage_returns",
]

_SURROGATE = re.compile("[\ud800-\udfff]")

RENAMES: Mapping[tuple[str, str], str] = {
    ("sdg", "number"): "sdg_goal",
    ("sdg_target", "number"): "sdg_goal",
}
"""(node kind, attribute) -> the name it is exported under, where kinds disagree on a type."""

EDGE_SCOPE = "edge"
"""The scope edges count as when attribute types are compared (nodes count by their kind)."""

Scalar = str | int | float | bool
ListMode = Literal["json", "keep"]


def edge_id(source: str, target: str, relation: str, index: int) -> str:
    """The id of an edge in every export: stable for the same packs, and unique.

    Parameters
    ----------
    source, target : str
        The node ids the edge joins.
    relation : str
        The edge's relation, such as ``"contributes_to"``.
    index : int
        How many edges with the same id text came before it (0 for the first), so that
        parallel edges keep apart (a loaded pack has none; packs made in code may).

    Returns
    -------
    str
        ``"<source>--<relation>--<target>--<index>"``; only characters that XML name tokens
        allow when the node ids do (letters, digits, ``.``, ``-``, ``_``, ``:``).

    Examples
    --------
    >>> edge_id("bergen:1.2", "sdg:17", "contributes_to", 0)
    'bergen:1.2--contributes_to--sdg:17--0'
    """
    return f"{source}--{relation}--{target}--{index}"


def export_value(value: Any, where: str, *, lists: ListMode = "json") -> Any:
    """One attribute value as the graph formats hold it; None stays None (the caller drops it).

    Parameters
    ----------
    value : object
        The value in the goal network.
    where : str
        What holds it (``"node bergen:f1, attribute value"``), for the error message.
    lists : {"json", "keep"}
        Encode lists, tuples, sets and mappings as JSON text, or keep them as lists.

    Returns
    -------
    str, int, float, bool, list or None

    Raises
    ------
    munintl.errors.ExportError
        For a number that is not finite (no graph format can hold ``nan`` or ``inf``), or a
        text holding a control character or a lone surrogate (XML cannot hold them).

    Examples
    --------
    >>> export_value(("a", "b"), "x")
    '["a", "b"]'
    >>> export_value(float("nan"), "node t:f, attribute value")
    Traceback (most recent call last):
    ...
    munintl.errors.ExportError: node t:f, attribute value: nan is not a finite number; ...
    """
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(
                f"{where}: {value} is not a finite number; "
                "graph formats and strict JSON cannot hold it"
            )
        return value
    if isinstance(value, str):
        # A pack made in code skips the loader's refusal of control characters; XML cannot
        # hold them (nor a lone surrogate), and the file would be one no reader opens.
        for _, char in control_characters(value):
            raise ExportError(f"{where}: {control_message(char)}")
        if _SURROGATE.search(value):
            raise ExportError(f"{where}: it holds a lone surrogate, which no file can hold")
        return str(value)  # a str subclass becomes a plain str, which every writer knows
    if isinstance(value, Mapping):
        table = {str(k): export_value(v, where, lists="keep") for k, v in value.items()}
        return dumps(table)
    if isinstance(value, Iterable):
        items = [export_value(v, where, lists="keep") for v in value]
        return items if lists == "keep" else dumps(items)
    return str(value)


def _type_name(value: Any) -> str:
    return "list" if isinstance(value, list) else type(value).__name__


def _renames(graph: nx.MultiDiGraph[str]) -> dict[tuple[str, str], str]:
    """(scope, attribute) -> exported name: :data:`RENAMES`, then a type suffix for any name
    whose scopes still disagree (the most common type keeps the plain name)."""
    renames = dict(RENAMES)
    types: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))

    def note(scope: str, where: str, data: Mapping[str, Any]) -> None:
        for name, value in data.items():
            exported = export_value(value, f"{where}, attribute {name}", lists="keep")
            if exported is not None:
                types[renames.get((scope, name), name)][_type_name(exported)].add(scope)

    for node, data in graph.nodes(data=True):
        note(str(data.get("kind")), f"node {node}", data)
    for source, target, data in graph.edges(data=True):
        note(EDGE_SCOPE, f"edge {source} -> {target}", data)
    for name, by_type in types.items():
        if len(by_type) > 1:
            counts = Counter({t: len(scopes) for t, scopes in by_type.items()})
            keeper = sorted(counts, key=lambda t: (-counts[t], t != "str", t))[0]
            for type_name, scopes in by_type.items():
                if type_name != keeper:
                    for scope in scopes:
                        renames[(scope, name)] = f"{name}_{type_name}"
    return renames


def _attributes(
    data: Mapping[str, Any],
    scope: str,
    where: str,
    renames: Mapping[tuple[str, str], str],
    lists: ListMode,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in data.items():
        exported = export_value(value, f"{where}, attribute {name}", lists=lists)
        if exported is not None:
            out[renames.get((scope, name), name)] = exported
    return out


def export_graph(graph: nx.MultiDiGraph[str], *, lists: ListMode = "json") -> nx.MultiDiGraph[str]:
    """A copy of a goal network that follows the content rules of the module docstring.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A goal network, as :func:`munintl.goal_network` builds it.
    lists : {"json", "keep"}
        How list values are held: JSON text (GraphML, GEXF) or lists (node-link JSON).

    Returns
    -------
    networkx.MultiDiGraph
        The same nodes and edges (parallel edges included, in the same order); each edge's
        key is its :func:`edge_id`. The input is not changed.

    Raises
    ------
    munintl.errors.ExportError
        When a value is a number that is not finite.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", kind="goal", number="1.2", level=None)
    >>> g.add_node("sdg:17", kind="sdg", number=17)
    >>> _ = g.add_edge("a", "sdg:17", key="serves", relation="serves", evidence="stated")
    >>> _ = g.add_edge("a", "sdg:17", key=0, relation="serves", evidence="inferred")
    >>> flat = export_graph(g)
    >>> dict(flat.nodes["a"]), dict(flat.nodes["sdg:17"])
    ({'kind': 'goal', 'number': '1.2'}, {'kind': 'sdg', 'sdg_goal': 17})
    >>> [key for _, _, key in flat.edges(keys=True)]
    ['a--serves--sdg:17--0', 'a--serves--sdg:17--1']
    """
    renames = _renames(graph)
    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        scope = str(data.get("kind"))
        flat.add_node(node, **_attributes(data, scope, f"node {node}", renames, lists))
    seen: Counter[tuple[str, str, str]] = Counter()
    used: set[str] = set()
    for source, target, key, data in graph.edges(keys=True, data=True):
        triple = (source, target, str(data.get("relation", key)))
        index = seen[triple]
        # Unique by construction, even if node ids themselves hold "--".
        while (ident := edge_id(*triple, index)) in used:
            index += 1
        seen[triple] = index + 1
        used.add(ident)
        attributes = _attributes(data, EDGE_SCOPE, f"edge {ident}", renames, lists)
        flat.add_edge(source, target, key=ident, **attributes)
    return flat


def attribute_types(graph: nx.MultiDiGraph[str]) -> dict[str, set[str]]:
    """Attribute name -> the Python type names its values have, over all nodes and edges.

    A prepared graph (:func:`export_graph`) has one type per name; this is how tests and
    curious users check that.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        Any graph.

    Returns
    -------
    dict of str to set of str

    Examples
    --------
    >>> import munintl
    >>> g = munintl.goal_network(munintl.load_pack("hamar"))
    >>> attribute_types(g)["number"] == {"str", "int"}, attribute_types(export_graph(g))["number"]
    (True, {'str'})
    """
    types: dict[str, set[str]] = defaultdict(set)
    items = [data for _, data in graph.nodes(data=True)]
    items += [data for _, _, data in graph.edges(data=True)]
    for data in items:
        for name, value in data.items():
            if value is not None:
                types[name].add(_type_name(value))
    return dict(types)


def keep_carriage_returns(document: str) -> str:
    """An XML document whose carriage returns in text survive reading.

    XML parsers turn a raw carriage return into a line feed; Python's XML writers escape it in
    attribute values but not in element text, so pack text with ``\\r`` would come back
    changed. The writers put no raw carriage return anywhere else, so each one left is text
    and becomes the character reference ``&#13;``.

    Parameters
    ----------
    document : str
        GraphML or GEXF text as the XML writer made it.

    Returns
    -------
    str

    Examples
    --------
    >>> keep_carriage_returns("<data>a\\r\\nb</data>")
    '<data>a&#13;\\nb</data>'
    """
    return document.replace("\r", "&#13;")
