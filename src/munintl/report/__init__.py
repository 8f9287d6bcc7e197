"""The report people read: findings, SDG coverage and overlap as text, JSON or one HTML page.

>>> from munintl.report import build_report, render_text
>>> text = render_text(build_report("hamar", as_of="2024-06-01"))
>>> text.splitlines()[0]
'munintl report: Hamar, as of 2024-06-01'
"""

from __future__ import annotations

from munintl.report.document import build_report, counted_pack
from munintl.report.text import render_text

__all__ = ["build_report", "counted_pack", "render_html", "render_json", "render_text"]


def render_json(doc: dict[str, object]) -> str:
    """The report data as indented JSON text.

    Parameters
    ----------
    doc : dict
        What :func:`build_report` returns.

    Returns
    -------
    str
        JSON, non-ASCII letters kept.

    Examples
    --------
    >>> import json
    >>> json.loads(render_json({"format": "munintl.report"}))["format"]
    'munintl.report'
    """
    from munintl._json import dumps  # strict JSON: no NaN or Infinity

    return dumps(doc, indent=2)


def render_html(doc: dict[str, object], *, details: bool = False) -> str:
    """The report as one self-contained HTML page (needs the ``html`` extra: Jinja2).

    See :func:`munintl.report.html.render_html`.

    Parameters
    ----------
    doc : dict
        What :func:`build_report` returns.
    details : bool, default False
        Also show the checks' codes, the entities' ids and each finding's message and hint.

    Returns
    -------
    str
        A complete HTML document.

    Raises
    ------
    munintl.errors.MissingExtraError
        If Jinja2 (the ``html`` extra) is not installed.

    Examples
    --------
    >>> page = render_html(build_report("hamar", as_of="2024-06-01"))
    >>> page.startswith("<!DOCTYPE html>")
    True
    """
    from munintl.report.html import render_html as render

    return render(doc, details=details)
