"""The report as plain data: what every renderer (text, JSON, HTML) shows.

:func:`build_report` runs the checks, the SDG coverage and (for two or more packs) the overlap
on the same strategies -- each pack's current ones -- and turns the results into JSON-ready
data in one language, with the documents' own names and numbers for everything it mentions.

>>> doc = build_report("oslo", as_of="2024-06-01")
>>> [m["municipality"] for m in doc["municipalities"]]
['Oslo']
>>> doc["municipalities"][0]["coverage"]["sdgs"][16]["state"]
'stated'
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from munintl.checks import check, parse_as_of
from munintl.coverage import Coverage, sdg_coverage
from munintl.findings import Finding, Severity
from munintl.model import Locator, Pack, Strategy
from munintl.packs import as_packs
from munintl.report.colours import text_colour
from munintl.report.messages import message
from munintl.timeline import current_strategies

__all__ = ["FORMAT", "VERSION", "build_report", "counted_pack"]

FORMAT = "munintl.report"
VERSION = 1
"""Bumped only when a key is removed or changes meaning."""


def counted_pack(pack: Pack) -> Pack:
    """The pack with only the goals and measures of its current strategies: what the report's
    coverage and overlap both count.

    Parameters
    ----------
    pack : Pack
        A loaded pack.

    Returns
    -------
    Pack
        A new pack; goals of strategies that are not current, and their measures, left out.

    Examples
    --------
    >>> import munintl
    >>> oslo = munintl.load_pack("oslo")
    >>> counted_pack(oslo).goals == oslo.goals   # all its goals belong to the 2023 strategy
    True
    """
    current = {s.id for s in current_strategies(pack)}
    goals = tuple(g for g in pack.goals if g.strategy in current)
    kept = {g.id for g in goals}
    return attrs.evolve(
        pack, goals=goals, measures=tuple(m for m in pack.measures if m.goal in kept)
    )


def build_report(
    *packs: Pack | str,
    as_of: _dt.date | str | None = None,
    top: int | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """Findings, SDG coverage and overlap of packs as one JSON-ready document.

    Parameters
    ----------
    *packs : Pack or str
        Loaded packs or installed packs' names, each once.
    as_of : date or str, optional
        The day statuses and periods are judged on (``YYYY[-MM[-DD]]``); None for today.
    top : int, optional
        As in :func:`munintl.overlap`: compare each with its ``top`` most similar only.
    lang : {"en", "nb"}
        The language of every label.

    Returns
    -------
    dict
        ``format``, ``version``, ``lang``, ``as_of``, ``packs``, ``municipalities`` (with
        ``strategies``, ``findings``, ``coverage``), ``overlap`` (None for one pack).

    Raises
    ------
    munintl.checks.CheckError
        If ``as_of`` is not a date.

    Examples
    --------
    >>> doc = build_report("bergen", "oslo", as_of="2024-06-01", lang="nb")
    >>> doc["overlap"]["correspondences"][0]["a"]["municipality"]
    'Bergen'
    """
    loaded = as_packs(packs)
    day = parse_as_of(as_of)
    findings = check(*loaded, as_of=day)
    counted = [counted_pack(p) for p in loaded]
    coverages = sdg_coverage(*counted)
    overlap = None
    if len(loaded) > 1:
        from munintl.report.overlap import overlap_section

        overlap = overlap_section(loaded, counted, top=top, lang=lang)
    return {
        "format": FORMAT,
        "version": VERSION,
        "lang": lang,
        "as_of": day.isoformat(),
        "packs": [p.name for p in loaded],
        "municipalities": [
            _municipality(pack, cov, findings, lang)
            for pack, cov in zip(loaded, coverages, strict=True)
        ],
        "overlap": overlap,
    }


def _municipality(
    pack: Pack, cov: Coverage, findings: Sequence[Finding], lang: str
) -> dict[str, Any]:
    return {
        "pack": pack.name,
        "municipality": pack.municipality.name,
        "code": pack.municipality.code,
        "strategies": [_strategy(pack, s, lang) for s in current_strategies(pack)],
        "findings": _findings(pack, [f for f in findings if f.pack == pack.name], lang),
        "coverage": _coverage(cov, lang),
    }


# --- strategies ---------------------------------------------------------------------------------


def _locator(pack: Pack, where: Locator | None, lang: str) -> str | None:
    if where is None:
        return None
    titles = {d.id: d.title for d in pack.documents}
    parts = [titles.get(where.document, where.document)]
    if where.section and where.section not in parts:
        parts.append(where.section)
    if where.page is not None:
        parts.append(message("strategy.page", lang, page=where.page))
    return ", ".join(parts)


def _period(strategy: Strategy) -> str | None:
    period = strategy.period
    if period is None or (period.start is None and period.end is None):
        return None
    return f"{period.start or '?'}–{period.end or '?'}"


def _strategy(pack: Pack, strategy: Strategy, lang: str) -> dict[str, Any]:
    # Pack format 2: a status says whether the source states it (and where) or a curator
    # inferred it; a format-1 pack's statuses load as inferred, "recorded without evidence".
    basis = strategy.status_basis
    where = [message(f"evidence.{basis.evidence.value}", lang)]
    if not basis.is_inferred and strategy.case_number:
        where.append(message("strategy.case", lang, case=strategy.case_number))
    status = message(f"status.{strategy.status.value}", lang)
    return {
        "id": strategy.id,
        "title": " ".join(strategy.title.split()),
        "period": _period(strategy),
        "status": strategy.status.value,
        "status_evidence": basis.evidence.value,
        "status_text": f"{status} ({', '.join(where)})",
        "status_source": _locator(pack, basis.source, lang),
        "status_rationale": basis.rationale,
        "case_number": strategy.case_number,
        "source": _locator(pack, strategy.source, lang),
    }


# --- findings -----------------------------------------------------------------------------------


def subject_names(pack: Pack) -> dict[str, str]:
    """Every entity a finding can be about, by id, named as its document names it.

    Parameters
    ----------
    pack : Pack
        A loaded pack.

    Returns
    -------
    dict of str to str
        Goals as ``label number: title``, measures by title, memberships by the
        organisation's name, partnerships by city, projects by name, strategies by title.

    Examples
    --------
    >>> import munintl
    >>> subject_names(munintl.load_pack("oslo"))["innsatsomrade-2"]
    'innsatsområde 2: Innflytelse'
    """
    from munintl.overlap.holdings import organisation_of

    names: dict[str, str] = {s.id: s.title for s in pack.strategies}
    for g in pack.goals:
        names[g.id] = f"{g.label} {g.number}: {g.title}" if g.number else f"{g.label}: {g.title}"
    names.update({m.id: m.title for m in pack.measures})
    for ms in pack.memberships:
        try:
            names[ms.id] = organisation_of(pack, ms.organisation).name
        except KeyError:
            names[ms.id] = ms.organisation
    names.update({p.id: p.city for p in pack.partnerships})
    names.update({p.id: p.name for p in pack.projects})
    return {key: " ".join(value.split()) for key, value in names.items()}


def _findings(pack: Pack, findings: Sequence[Finding], lang: str) -> dict[str, Any]:
    from munintl.checks import check_titles

    names = subject_names(pack)
    titles = check_titles()
    groups: dict[tuple[Severity, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.severity, f.code), []).append(f)
    counts = Counter(f.severity.value for f in findings)
    return {
        "total": len(findings),
        **{s.value: counts.get(s.value, 0) for s in Severity},
        "groups": [
            {
                "severity": severity.value,
                "code": code,
                "check": titles.get(code, code),
                "summary": message(f"check.{code}", lang),
                "count": len(items),
                "items": [
                    {
                        "subject": f.subject,
                        "kind": f.subject_kind,
                        "name": names.get(f.subject, f.subject),
                        "message": f.message,
                        "hint": f.hint,
                    }
                    for f in items
                ],
            }
            for (severity, code), items in sorted(
                groups.items(), key=lambda kv: (-kv[0][0].rank, kv[0][1])
            )
        ],
    }


# --- coverage -----------------------------------------------------------------------------------


def _coverage(cov: Coverage, lang: str) -> dict[str, Any]:
    from munintl.reference import sdgs

    rows = []
    for row in cov.rows:
        sdg = sdgs()[row.sdg]
        state = "stated" if row.stated else "inferred" if row.goals else "none"
        rows.append(
            {
                "sdg": row.sdg,
                "title": sdg.short_title_nb if lang == "nb" else sdg.short_title,
                "colour": sdg.colour,
                "text_colour": text_colour(sdg.colour),
                "state": state,
                "focus": row.focus,
                "goals": len(row.goals),
                "stated": row.stated,
                "inferred": row.inferred,
                "targets": list(row.targets),
            }
        )
    return {
        "strategies": list(cov.strategies),
        "goals": cov.goals,
        "linked_goals": cov.linked_goals,
        "served": len(cov.served),
        "sdgs": rows,
    }


_SPACE = re.compile(r"\s+")


def one_line(text: str) -> str:
    """Text with every run of white space made one space.

    >>> one_line(" a\\n b ")
    'a b'
    """
    return _SPACE.sub(" ", text).strip()


def join_names(names: Sequence[str], lang: str = "en") -> str:
    """Names joined as a sentence does: ``a, b and c`` (``og`` in bokmål).

    >>> join_names(["Bergen", "Oslo", "Hamar"], "nb")
    'Bergen, Oslo og Hamar'
    """
    if len(names) < 2:
        return "".join(names)
    word = "og" if lang == "nb" else "and"
    return f"{', '.join(names[:-1])} {word} {names[-1]}"


def strategies_counted(doc: Mapping[str, Any]) -> str:
    """Which strategies the report counts, as one sentence part: ``Bergen: title; ...``; two
    strategies of one title are told apart by their case numbers.

    >>> strategies_counted(build_report("hamar"))
    'Hamar: Hamar – en internasjonal kommune. Strategi for internasjonalt samarbeid 2010–2015'
    """
    parts = []
    for m in doc["municipalities"]:
        titles = [s["title"] for s in m["strategies"]]
        named = [
            f"{s['title']} ({message('strategy.case', doc['lang'], case=s['case_number'])})"
            if titles.count(s["title"]) > 1 and s["case_number"]
            else s["title"]
            for s in m["strategies"]
        ]
        parts.append(f"{m['municipality']}: {', '.join(named) or '-'}")
    return "; ".join(parts)
