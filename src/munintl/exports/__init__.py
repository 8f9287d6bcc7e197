"""Exports of the goal network and of packs as linked data, one module per format.

- :mod:`~munintl.exports.graphml`, :mod:`~munintl.exports.gexf`,
  :mod:`~munintl.exports.node_link`: the goal network for graph tools, all following the
  content rules of :mod:`~munintl.exports.flat` (unique edge ids, one type per attribute);
- :mod:`~munintl.exports.jsonld` and :mod:`~munintl.exports.turtle`: packs as linked data;
- :mod:`~munintl.exports.registry`: the formats by name (``munintl graph --format``).

See ``docs/exports.md`` for every attribute and property.

>>> import munintl
>>> export([munintl.load_pack("hamar")], "graphml").startswith("<?xml")
True
"""

from __future__ import annotations

from munintl.exports.registry import FORMATS, Format, export

__all__ = ["FORMATS", "Format", "export"]
