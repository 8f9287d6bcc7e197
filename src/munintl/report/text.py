"""The report as text for a terminal: a short summary by municipality, everything with details.

The summary lists each group of findings on one line (what was found, how many, the first
few names); ``details=True`` adds every finding with its message and hint, every
correspondence with its reasons, all shared and unique items and the similarity matrix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from munintl.report.document import join_names, strategies_counted
from munintl.report.messages import decimal, message
from munintl.report.terminal import wrap

__all__ = ["render_text"]

_WIDTH = 96
_SUMMARY_NAMES = 3
_SUMMARY_CORRESPONDENCES = 3


def _wrap(
    text: str, indent: str, hang: str | None = None, *, lines: int | None = None
) -> list[str]:
    out = wrap(
        text, _WIDTH, initial_indent=indent, subsequent_indent=hang or indent + "  ",
        break_on_hyphens=False, max_lines=lines, placeholder=" …",
    )  # fmt: skip
    return out or [indent.rstrip()]


def _strategy_lines(m: Mapping[str, Any], lang: str, details: bool) -> list[str]:
    if not m["strategies"]:
        return [f"  {message('strategy.none', lang)}"]
    lines = []
    for s in m["strategies"]:  # never cut: the case number tells two of one title apart
        title = f"{s['title']} ({s['identity']})" if s["identity"] else s["title"]
        parts = [
            f"{message('strategy.heading', lang)}: {title}: {s['status_text']}",
            f"{message('strategy.in_force', lang).lower()}: {s['in_force_text']}",
        ]
        if s["period"]:
            parts.append(f"{message('strategy.period', lang).lower()}: {s['period']}")
        if details and s["source"]:
            parts.append(f"{message('strategy.source', lang).lower()}: {s['source']}")
        lines += _wrap("; ".join(parts), "  ", "    ")
    return lines


def _finding_lines(m: Mapping[str, Any], lang: str, details: bool) -> list[str]:
    f = m["findings"]
    if not f["total"]:
        return [f"  {message('findings.heading', lang)}: {message('findings.none', lang)}"]
    counts = ", ".join(
        f"{message(f'severity.{s}', lang).lower()} {f[s]}" for s in ("error", "warning", "info")
    )
    lines = [f"  {message('findings.count', lang, count=f['total'])} ({counts})"]
    if details and lang != "en":  # the checks write their messages and hints in English
        lines += _wrap(message("findings.english", lang), "    ")
    severity = None
    for group in f["groups"]:
        if group["severity"] != severity:
            severity = group["severity"]
            lines.append(f"    {message(f'severity.{severity}', lang)}")
        names = [item["name"] for item in group["items"]]
        code = f" [{group['code']} {group['check']}]" if details else ""
        head = f"{group['summary']} ({group['count']}){code}"
        if details or len(names) <= _SUMMARY_NAMES:  # longer lists: with --details
            head += ": " + "; ".join(names)
        lines += _wrap(head, "      ", lines=None if details else 2)
        if details:
            lines += _finding_details(group, lang)
    return lines


def _finding_details(group: Mapping[str, Any], lang: str) -> list[str]:
    """Each finding's message and hint; what all say alike once, at the top."""
    hint = message("findings.hint", lang)
    lines = []
    if group["common_message"]:
        lines += _wrap(f"{message('findings.each', lang)}: … {group['common_message']}", "        ")
    if group["common_hint"]:
        lines += _wrap(f"{hint}: {group['common_hint']}", "        ")
    for item in group["items"]:
        lines += _wrap(f"{item['subject']}: {item['detail']}", "        ")
        if not group["common_hint"]:
            lines += _wrap(f"{hint}: {item['hint']}", "          ")
    return lines


def _coverage_lines(m: Mapping[str, Any], lang: str, details: bool) -> list[str]:
    cov = m["coverage"]
    by_state: dict[str, list[str]] = {"stated": [], "inferred": []}
    focus = [str(r["sdg"]) for r in cov["sdgs"] if r["focus"]]
    for row in cov["sdgs"]:
        if row["state"] in by_state:
            by_state[row["state"]].append(str(row["sdg"]))
    summary = cov["summary"]
    parts = [
        f"{message(f'evidence.{s}', lang)}: {', '.join(v) or '-'}" for s, v in by_state.items()
    ]
    if focus:
        parts.append(f"{message('coverage.focus_short', lang)}: {', '.join(focus)}")
    if not details:  # one line: how many, and which by what evidence
        served = message("coverage.served_short", lang, served=cov["served"])
        head = message("coverage.short_heading", lang)
        return _wrap(f"{head}: {served}; {'; '.join(parts)}", "  ")
    lines = _wrap(f"{message('coverage.heading', lang)}: {summary}", "  ")
    lines += _wrap("; ".join(parts), "    ")
    for row in cov["sdgs"]:
        if row["targets"]:
            targets = ", ".join(row["targets"])
            lines += _wrap(f"{row['sdg']} {row['title']}: {targets}", "    ")
    return lines


def _goal(g: Mapping[str, Any]) -> str:
    number = f" {g['number']}" if g["number"] else ""
    return f"{g['municipality']} {g['label']}{number}: {g['title']}"


def _overlap_lines(o: Mapping[str, Any], lang: str, details: bool) -> list[str]:
    lines = ["", message("overlap.heading", lang)]
    shown = o["correspondences"] if details else o["correspondences"][:_SUMMARY_CORRESPONDENCES]
    lines.append(f"  {message('overlap.correspondences', lang)} ({len(o['correspondences'])})")
    for c in shown:
        lines += _wrap(_goal(c["a"]), "    ", lines=None if details else 1)
        lines += _wrap("↔ " + _goal(c["b"]), "      ", lines=None if details else 1)
        lines += _wrap("; ".join(c["reasons"]), "        ", lines=None if details else 1)
    shared = [
        f"{g['title']}: {', '.join(i['label'] for i in g['items'])}"
        for g in o["shared"]
        if g["items"]
    ]
    lines.append(f"  {message('overlap.shared', lang)}")
    for text in shared:
        lines += _wrap(text, "    ", lines=None if details else 1)
    if details:
        lines.append(f"  {message('overlap.unique', lang)}")
        for u in o["unique"]:
            lines += _wrap(u["municipality"], "    ")
            for g in u["groups"]:
                lines += _wrap(f"{g['title']}: {', '.join(g['items'])}", "      ")
    lines += _similarity_lines(o["similarity"], lang, details)
    return lines


_ALL_PAIRS_UP_TO = 4
"""Up to this many municipalities the summary gives every pair (6 pairs); above, each one's
most alike only (10 municipalities have 45 pairs: a block no one reads)."""


def _similarity_lines(sim: Mapping[str, Any], lang: str, details: bool) -> list[str]:
    names, matrix = sim["names"], sim["matrix"]
    if matrix is not None and not details and len(names) > _ALL_PAIRS_UP_TO:
        best = [max((j for j in range(len(names)) if j != i), key=lambda j: row[j])
                for i, row in enumerate(matrix)]  # fmt: skip
        pairs = [f"{names[i]}–{names[j]} {decimal(matrix[i][j], lang)}" for i, j in enumerate(best)]
        head = f"{message('similarity.heading', lang)} (0–1), "
        return _wrap(f"{head}{message('similarity.most_alike', lang)}: {'; '.join(pairs)}", "  ")
    if matrix is None:
        pairs = [
            f"{name}: {', '.join(f'{n} {decimal(s, lang)}' for n, s in near)}"
            for name, near in sim["nearest"].items()
        ]
    else:
        pairs = [
            f"{names[i]}–{names[j]} {decimal(sim['matrix'][i][j], lang)}"
            for i in range(len(names))
            for j in range(i + 1, len(names))
        ]
    return _wrap(f"{message('similarity.heading', lang)} (0–1): {'; '.join(pairs)}", "  ")


def render_text(doc: Mapping[str, Any], *, details: bool = False) -> str:
    """The report as text: by municipality, then the overlap.

    Parameters
    ----------
    doc : mapping
        What :func:`munintl.report.build_report` returns.
    details : bool
        Every finding, correspondence and shared item instead of the summary.

    Returns
    -------
    str
        Lines of at most 96 terminal columns (only a single word longer than that runs over).

    Examples
    --------
    >>> from munintl.report import build_report
    >>> text = render_text(build_report("oslo", as_of="2024-06-01"))
    >>> "Oslo (0301)" in text
    True
    """
    lang = doc["lang"]
    towns = [m["town"] for m in doc["municipalities"]]
    header = message("report.header", lang, names=join_names(towns, lang), as_of=doc["as_of"])
    lines = _wrap(header, "", "  ")
    if details:
        counted = message("report.counted", lang, strategies=strategies_counted(doc))
        lines += _wrap(counted, "", "  ")
    else:
        lines.append(message("report.counted_short", lang))
    for m in doc["municipalities"]:
        lines += ["", *_wrap(f"{m['municipality']} ({m['code']})", "", "  ")]
        lines += _strategy_lines(m, lang, details)
        lines += _finding_lines(m, lang, details)
        lines += _coverage_lines(m, lang, details)
    if doc["overlap"] is not None:
        lines += _overlap_lines(doc["overlap"], lang, details)
    if not details:
        lines.append(message("report.details_hint", lang))
    return "\n".join(lines)
