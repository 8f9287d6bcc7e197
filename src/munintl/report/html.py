"""The report as one self-contained HTML page, from Jinja2 templates (the ``html`` extra).

Everything is inline: the style sheet, the SVG heatmap; the page fetches nothing, opens
offline and prints. Jinja2 escapes every value (autoescape on); only the SVG this package
writes itself, with its own escaping, goes in as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from munintl.errors import MissingExtraError
from munintl.report.document import join_names, strategies_counted
from munintl.report.messages import decimal, message
from munintl.report.svg import heatmap_svg

__all__ = ["render_html"]


@cache
def _environment() -> Any:
    try:  # Jinja2 needs MarkupSafe; either missing is the missing extra
        import jinja2
        import markupsafe  # noqa: F401
    except ImportError:
        raise MissingExtraError(
            'the HTML report needs Jinja2: python -m pip install "munintl[html]"'
        ) from None
    return jinja2.Environment(
        loader=jinja2.PackageLoader("munintl.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def _heatmap(doc: Mapping[str, Any], lang: str) -> str | None:
    overlap = doc["overlap"]
    if overlap is None or overlap["similarity"]["matrix"] is None:
        return None
    names = overlap["similarity"]["names"]
    return heatmap_svg(
        names,
        overlap["similarity"]["matrix"],
        title=message("similarity.caption", lang),
        self_label=message("similarity.self", lang),
        desc=message("similarity.alt", lang, names=join_names(names, lang)),
        decimal_comma=lang == "nb",
    )


def render_html(doc: Mapping[str, Any], *, details: bool = False) -> str:
    """The report as one HTML page with its style and pictures inline.

    Parameters
    ----------
    doc : mapping
        What :func:`munintl.report.build_report` returns.
    details : bool
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
    >>> from munintl.report import build_report
    >>> page = render_html(build_report("oslo", as_of="2024-06-01"))
    >>> page.startswith("<!DOCTYPE html>") and "<script" not in page
    True
    """
    import munintl

    template = _environment().get_template("report.html.j2")  # first: the missing-extra error
    from markupsafe import Markup

    lang = doc["lang"]
    heatmap = _heatmap(doc, lang)

    def t(key: str, **fields: object) -> str:
        return message(key, lang, **fields)

    return str(
        template.render(
            doc=doc,
            lang=lang,
            details=details,
            t=t,
            num=lambda value: decimal(value, lang),
            towns=join_names([m["town"] for m in doc["municipalities"]], lang),
            counted=strategies_counted(doc),
            heatmap=Markup(heatmap) if heatmap else None,  # built and escaped in svg.py
            version=munintl.__version__,
        )
    )
