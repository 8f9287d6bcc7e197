"""Turtle: the JSON-LD export (:mod:`munintl.exports.jsonld`) as RDF Turtle, through rdflib.

rdflib is not a core dependency: install the ``rdf`` extra (``pip install "munintl[rdf]"``).
Without it, :func:`to_turtle` raises :class:`munintl.errors.MissingExtraError`.

>>> import munintl
>>> text = to_turtle([munintl.load_pack("hamar")])
>>> "@prefix skos: <http://www.w3.org/2004/02/skos/core#> ." in text
True
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from typing import Any

from munintl.errors import MissingExtraError
from munintl.exports.jsonld import context, to_jsonld_text
from munintl.model import Pack

__all__ = ["to_turtle"]


def to_turtle(packs: Sequence[Pack]) -> str:
    """The packs as RDF Turtle, with the prefixes of the JSON-LD ``@context``.

    Parameters
    ----------
    packs : sequence of Pack

    Returns
    -------
    str
        Turtle text; the same triples as the JSON-LD export.

    Raises
    ------
    munintl.errors.MissingExtraError
        When rdflib (the ``rdf`` extra) is not installed.
    munintl.errors.ExportError
        When a number is not finite.

    Examples
    --------
    >>> import munintl
    >>> "@prefix sdg: <http://metadata.un.org/sdg/> ." in to_turtle([munintl.load_pack("hamar")])
    True
    """
    try:
        import rdflib
    except ImportError:
        raise MissingExtraError(
            'Turtle output needs rdflib: python -m pip install "munintl[rdf]"'
        ) from None
    graph = rdflib.Graph()
    for prefix, namespace in context().items():
        graph.bind(prefix, namespace, override=True)
    with warnings.catch_warnings():  # rdflib's own JSON-LD parser uses its deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        graph.parse(data=to_jsonld_text(packs), format="json-ld")
    out = io.BytesIO()
    _exact_turtle_serializer(graph).serialize(out, encoding="utf-8")
    return out.getvalue().decode("utf-8")


def _exact_turtle_serializer(graph: Any) -> Any:
    """rdflib's Turtle writer, except that an ``xsd:double`` keeps its full lexical form.

    rdflib shortens a double to ``%e`` (six digits: 1234567.89 becomes ``1.234568e+06``), so
    the Turtle would disagree with the JSON-LD; ``"1234567.89"^^xsd:double`` keeps every digit.
    """
    from rdflib import XSD, Literal
    from rdflib.plugins.serializers.turtle import TurtleSerializer

    class ExactTurtleSerializer(TurtleSerializer):
        def label(self, node: Any, position: int) -> str:
            if isinstance(node, Literal) and node.datatype == XSD.double:
                return str(node.n3(self.store.namespace_manager))
            if isinstance(node, Literal) and node.datatype is None and _ends_long_badly(node):
                return _long_string(str(node), node.language)
            return str(super().label(node, position))

    return ExactTurtleSerializer(graph)


def _ends_long_badly(text: str) -> bool:
    """Whether ``text`` is one munintl writes itself: one with a line break (a triple-quoted
    string) ending in a quote. rdflib leaves the last quote unescaped when a backslash comes
    before it (it checks for the backslash after doubling it), and a strict Turtle parser
    (oxigraph) then refuses the file; rdflib's own parser reads it."""
    return "\n" in text and text.endswith('"')


def _long_string(text: str, language: str | None) -> str:
    """A triple-quoted Turtle string with every backslash and quote escaped (always valid)."""
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
    return f'"""{body}"""' + (f"@{language}" if language else "")
