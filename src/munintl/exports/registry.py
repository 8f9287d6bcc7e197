"""The export formats by name: the one place a new format is added.

Each :class:`Format` names the function that writes it (imported on first use, so listing
the formats stays cheap and an optional extra is only needed when its format is used).

>>> sorted(FORMATS)
['gexf', 'graphml', 'json', 'jsonld', 'turtle']
>>> FORMATS["jsonld"].suffix
'.jsonld'
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from munintl.errors import ExportError

if TYPE_CHECKING:  # pragma: no cover
    from munintl.model import Pack

__all__ = ["FORMATS", "Format", "export", "write_export"]


@attrs.frozen
class Format:
    """One export format.

    ``writer`` is ``"module:function"``; the function takes the goal network
    (``reads="graph"``) or the packs (``reads="packs"``) and returns the file's text.
    """

    name: str
    suffix: str
    description: str
    writer: str
    reads: Literal["graph", "packs"]
    extra: str | None = None


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("graphml", ".graphml", "GraphML (Gephi, yEd, Cytoscape, igraph)",
               "munintl.exports.graphml:to_graphml", "graph"),
        Format("gexf", ".gexf", "GEXF 1.2 (Gephi)", "munintl.exports.gexf:to_gexf", "graph"),
        Format("json", ".json", "networkx node-link JSON (D3, web tools)",
               "munintl.exports.node_link:to_node_link_json", "graph"),
        Format("jsonld", ".jsonld", "JSON-LD linked data (SKOS, ORG, PROV, UN SDG IRIs)",
               "munintl.exports.jsonld:to_jsonld_text", "packs"),
        Format("turtle", ".ttl", "RDF Turtle (needs the rdf extra)",
               "munintl.exports.turtle:to_turtle", "packs", extra="rdf"),
    )
}  # fmt: skip
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
    module, _, function = fmt.writer.partition(":")
    writer: Any = getattr(import_module(module), function)
    if fmt.reads == "packs":
        return str(writer(list(packs)))
    from munintl.network import goal_network

    return str(writer(goal_network(*packs)))


def write_export(text: str, path: str | Path) -> Path:
    """Write an export to a file, refusing a folder that does not exist.

    Parameters
    ----------
    text : str
        What :func:`export` returned.
    path : str or Path
        The file to write (UTF-8); its folder must exist.

    Returns
    -------
    Path

    Raises
    ------
    munintl.errors.ExportError
        When the folder does not exist or the file cannot be written.

    Examples
    --------
    >>> write_export("x", "/no/such/out.graphml")
    Traceback (most recent call last):
    ...
    munintl.errors.ExportError: cannot write /no/such/out.graphml: folder /no/such does not exist
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {target}: folder {target.parent} does not exist")
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
