"""The export formats by name: the one place a new format is added.

Each :class:`Format` holds a function that imports its writer on first use, so listing the
formats stays cheap and an optional extra is only needed when its format is used.

>>> sorted(FORMATS)
['gexf', 'graphml', 'json', 'jsonld', 'turtle']
>>> FORMATS["jsonld"].suffix
'.jsonld'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs

from munintl.errors import ExportError
from munintl.model import pack_name_problem
from munintl.reference import organisation_clash

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from munintl.model import Pack

__all__ = ["FORMATS", "Format", "export"]


@attrs.frozen
class Format:
    """One export format: its name, file suffix, a one-line description, the function that
    turns packs into the file's text, and the optional extra it needs (if any)."""

    name: str
    suffix: str
    description: str
    write: Callable[[Sequence[Pack]], str]
    extra: str | None = None


def _network(packs: Sequence[Pack]) -> nx.MultiDiGraph[str]:
    from munintl.network import goal_network

    return goal_network(*packs)


def _graphml(packs: Sequence[Pack]) -> str:
    from munintl.exports.graphml import to_graphml

    return to_graphml(_network(packs))


def _gexf(packs: Sequence[Pack]) -> str:
    from munintl.exports.gexf import to_gexf

    return to_gexf(_network(packs))


def _node_link(packs: Sequence[Pack]) -> str:
    from munintl.exports.node_link import to_node_link_json

    return to_node_link_json(_network(packs))


def _jsonld(packs: Sequence[Pack]) -> str:
    from munintl.exports.jsonld import to_jsonld_text

    return to_jsonld_text(packs)


def _turtle(packs: Sequence[Pack]) -> str:
    from munintl.exports.turtle import to_turtle

    return to_turtle(packs)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("graphml", ".graphml", "GraphML (Gephi, yEd, Cytoscape, igraph)", _graphml),
        Format("gexf", ".gexf", "GEXF 1.2 (Gephi)", _gexf),
        Format("json", ".json", "networkx node-link JSON (D3, web tools)", _node_link),
        Format("jsonld", ".jsonld", "JSON-LD linked data (SKOS, ORG, PROV, UN SDG IRIs)", _jsonld),
        Format("turtle", ".ttl", "RDF Turtle (needs the rdf extra)", _turtle, extra="rdf"),
    )
}
"""Format name -> :class:`Format`, as ``munintl graph --format`` offers them."""


def export(packs: Sequence[Pack], format_name: str) -> str:
    """The packs' goal network or linked data in one format.

    Parameters
    ----------
    packs : sequence of Pack
        The packs to export together.
    format_name : str
        A key of :data:`FORMATS`.

    Returns
    -------
    str
        The file's text.

    Raises
    ------
    munintl.errors.ExportError
        For an unknown format, or a value the format cannot hold.
    munintl.errors.MissingExtraError
        When the format needs an optional extra that is not installed.

    Examples
    --------
    >>> import munintl
    >>> export([munintl.load_pack("hamar")], "gexf").startswith("<?xml")
    True
    >>> export([], "pdf")
    Traceback (most recent call last):
    ...
    munintl.errors.ExportError: unknown format 'pdf' (known: gexf, graphml, json, jsonld, turtle)
    """
    fmt = FORMATS.get(format_name)
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise ExportError(f"unknown format {format_name!r} (known: {known})")
    return fmt.write(_one_meaning_per_id(packs))


def _one_meaning_per_id(packs: Sequence[Pack]) -> list[Pack]:
    """The packs, refused where an id would mean two things in one export.

    Node ids and IRIs are ``<pack>:<id>``, so two packs of one name would silently become one
    (the report refuses the same); a pack's own organisation is the shared node
    ``org:<id>``, so two packs defining one id as two organisations (another name or kind)
    would become one organisation that both seem to belong to.
    """
    seen: set[str] = set()
    for pack in packs:
        reserved = pack_name_problem(pack.name)
        if reserved:  # a pack made in code: loading refuses the name
            raise ExportError(f"pack name {reserved}")
        if pack.name in seen:
            raise ExportError(
                f"the pack {pack.name!r} is given twice; each pack may be given once (two packs "
                "of one name would merge into one in the export)"
            )
        seen.add(pack.name)
    clash = organisation_clash(packs)
    if clash:
        raise ExportError(
            f"{clash}; one id is one organisation in the export: give one of them another id"
        )
    return list(packs)
