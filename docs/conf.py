"""Sphinx configuration: the API reference, built from the docstrings of the public modules.

Build it with ``python -m sphinx -W -b html docs docs/_build/html`` (``tests/test_docs.py``
does the same, warnings as errors, into a temporary folder).
"""

from __future__ import annotations

from importlib.metadata import version as _version

project = "munintl"
author = "munintl developers"
copyright = "munintl developers, MIT licence"
release = _version("munintl")
version = ".".join(release.split(".")[:2])

# napoleon reads the numpydoc sections (Parameters, Returns, Raises, Examples) of docstrings.
extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.viewcode"]
napoleon_google_docstring = False

# Only the reStructuredText pages are Sphinx sources; the Markdown guides beside them are
# read on GitHub (or any Markdown viewer) and linked from index.rst.
source_suffix = {".rst": "restructuredtext"}
exclude_patterns = ["_build"]
root_doc = "index"

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "undoc-members": True, "show-inheritance": True}
# Type hints name classes Sphinx cannot link (attrs' internals, networkx); say so, not warn.
nitpicky = False

html_theme = "alabaster"
html_title = f"munintl {release}"
