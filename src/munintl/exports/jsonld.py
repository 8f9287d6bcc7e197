"""JSON-LD: packs as linked data, in standard vocabularies, joinable with the UN's SDG IRIs.

- SDG goals and targets are the UN SDG knowledge organisation system's IRIs
  (``http://metadata.un.org/sdg/17``, ``http://metadata.un.org/sdg/17.17``), SKOS concepts
  with the reference data's labels; a target is ``skos:broader`` its goal.
- A strategy is a ``skos:ConceptScheme`` and its goals are ``skos:Concept`` s in it
  (``skos:broader`` the parent goal, ``skos:topConceptOf`` the strategy for a top goal,
  ``skos:prefLabel`` in the language of the goal's source document, ``nb`` for the bundled
  packs).
- A membership is an ``org:Membership`` (``org:member`` the municipality,
  ``org:organization`` the network, ``org:memberDuring`` only when the pack gives a date).
- Every entity names its source: ``prov:wasDerivedFrom`` the document and ``dct:source`` a
  ``mi:Locator`` (document, section, page).
- Every link is a ``mi:Link`` under ``mi:link`` with ``mi:relation``, ``mi:to``,
  ``mi:evidence`` (``"stated"`` or ``"inferred"``) and ``mi:rationale``; the plain triples
  (``mi:contributesTo``, ``mi:serves``, ``mi:about``, ``mi:anchoredIn``) are there too,
  for short queries.

munintl's own terms are in the namespace ``urn:munintl:vocab:`` (prefix ``mi``) and its
entities are ``urn:munintl:<pack>:<id>``: names, not web addresses, since munintl publishes
no web namespace. The ``@context`` is :func:`context`, shipped in the package as
``munintl/exports/context.jsonld`` and embedded in each document, so no reader needs the
network. Every term is described in ``docs/exports.md``.

>>> import munintl
>>> doc = to_jsonld([munintl.load_pack("hamar")])
>>> sorted(doc)
['@context', '@graph']
>>> sdg17 = next(n for n in doc["@graph"] if n["@id"] == "http://metadata.un.org/sdg/17")
>>> sdg17["skos:notation"], sdg17["@type"]
('17', 'skos:Concept')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import cache
from importlib.resources import files
from typing import Any

from munintl._json import dumps
from munintl.errors import ExportError
from munintl.exports import _nodes
from munintl.exports._nodes import Node, PackWriter, compact, iri_ref, sdg_iri
from munintl.model import Pack
from munintl.overlap.holdings import id_sort_key
from munintl.reference import sdgs, target

__all__ = ["ENTITY_BASE", "VOCAB", "context", "to_jsonld", "to_jsonld_text"]

VOCAB = "urn:munintl:vocab:"
"""munintl's own vocabulary (prefix ``mi``)."""
ENTITY_BASE = _nodes.ENTITY_BASE


@cache
def _context_text() -> str:
    return files("munintl.exports").joinpath("context.jsonld").read_text(encoding="utf-8")


def context() -> dict[str, Any]:
    """The JSON-LD ``@context`` of every munintl document (a fresh copy).

    Returns
    -------
    dict
        Prefix -> namespace IRI, as in ``munintl/exports/context.jsonld``.

    Examples
    --------
    >>> context()["mi"], context()["skos"]
    ('urn:munintl:vocab:', 'http://www.w3.org/2004/02/skos/core#')
    """
    data: dict[str, Any] = json.loads(_context_text())["@context"]
    return data


def to_jsonld(packs: Sequence[Pack]) -> dict[str, Any]:
    """The packs as one JSON-LD document.

    Parameters
    ----------
    packs : sequence of Pack
        The packs to export; shared things (SDGs, organisations, themes, cities) appear once.

    Returns
    -------
    dict
        ``{"@context": ..., "@graph": [node, ...]}``: the pack entities in pack order, then
        the shared nodes, ordered by their ``@id``.

    Raises
    ------
    munintl.errors.ExportError
        When a number is not finite (JSON cannot hold it).

    Examples
    --------
    >>> import munintl
    >>> graph = to_jsonld([munintl.load_pack("bergen")])["@graph"]
    >>> goal = next(n for n in graph if n["@id"] == "urn:munintl:bergen:hp-1.2")
    >>> goal["skos:prefLabel"]["@language"], goal["skos:broader"]
    ('nb', {'@id': 'urn:munintl:bergen:mal-1'})
    """
    shared: dict[str, Node] = {}
    nodes: list[Node] = []
    for pack in packs:
        nodes.extend(PackWriter(pack, shared).nodes())
    linked = {r for node in nodes for r in _sdg_refs(node)}
    # A target's goal is a node too, so that its labels are there for skos:broader.
    for ref in sorted(linked | {r.split(".")[0] for r in linked}, key=id_sort_key):
        shared.setdefault(sdg_iri(ref), _sdg_node(ref))
    nodes.extend(shared[key] for key in sorted(shared))
    return {"@context": context(), "@graph": nodes}


def to_jsonld_text(packs: Sequence[Pack]) -> str:
    """:func:`to_jsonld` as strict JSON text (UTF-8 characters kept, indented).

    Parameters
    ----------
    packs : sequence of Pack

    Returns
    -------
    str

    Raises
    ------
    munintl.errors.ExportError
        When a number is not finite.

    Examples
    --------
    >>> import json, munintl
    >>> "@graph" in json.loads(to_jsonld_text([munintl.load_pack("hamar")]))
    True
    """
    try:
        return dumps(to_jsonld(packs), indent=2)
    except ValueError as exc:  # a non-finite number that the writers did not catch first
        raise ExportError(f"JSON-LD: {exc}") from None


def _sdg_refs(node: Node) -> Iterable[str]:
    for link in node.get("mi:link", ()):
        to = link["mi:to"]["@id"]
        if to.startswith(_nodes.SDG_BASE):
            yield to.removeprefix(_nodes.SDG_BASE)


def _sdg_node(ref: str) -> Node:
    """A goal or target as a SKOS concept, labelled from the reference data."""
    if "." not in ref:
        goal = sdgs()[int(ref)]
        return {
            "@id": sdg_iri(ref),
            "@type": "skos:Concept",
            "skos:notation": ref,
            "skos:prefLabel": [
                {"@value": goal.short_title, "@language": "en"},
                {"@value": goal.short_title_nb, "@language": "nb"},
            ],
            "skos:definition": [
                {"@value": goal.title, "@language": "en"},
                {"@value": goal.title_nb, "@language": "nb"},
            ],
        }
    item = target(ref)
    texts = [{"@value": item.text_en, "@language": "en"}]
    if item.text_nb is not None:
        texts.append({"@value": item.text_nb, "@language": "nb"})
    return compact(
        {
            "@id": sdg_iri(ref),
            "@type": "skos:Concept",
            "skos:notation": ref,
            "skos:prefLabel": texts,
            "skos:broader": iri_ref(sdg_iri(str(item.goal))),
        }
    )
