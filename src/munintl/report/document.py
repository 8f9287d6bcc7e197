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
from munintl.disk_cache import derived_from
from munintl.findings import Finding, Severity
from munintl.languages import strategy_tags
from munintl.model import Basis, Locator, Pack, Strategy
from munintl.packs import as_packs
from munintl.report.colours import text_colour
from munintl.report.hints import hint_in
from munintl.report.messages import message
from munintl.report.names import country_name, distinct_towns, own_name
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
    counted = attrs.evolve(
        pack, goals=goals, measures=tuple(m for m in pack.measures if m.goal in kept)
    )
    # A function of the pack alone, so what the overlap derives from it is kept on disk too.
    derived_from(counted, pack, ["counted: the goals and measures of current strategies"])
    return counted


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
    towns = distinct_towns((p.name, p.municipality.name, p.municipality.code) for p in loaded)
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
            {**_municipality(pack, cov, findings, lang), "town": towns[pack.name]}
            for pack, cov in zip(loaded, coverages, strict=True)
        ],
        "overlap": overlap,
    }


def _municipality(
    pack: Pack, cov: Coverage, findings: Sequence[Finding], lang: str
) -> dict[str, Any]:
    strategies = current_strategies(pack)
    tags = strategy_tags(pack)
    return {
        "pack": pack.name,
        # The language of its texts (titles, goals): its first current strategy's document's.
        "text_lang": tags[strategies[0].id] if strategies else "nb",
        "municipality": pack.municipality.name,
        "code": pack.municipality.code,
        "strategies": [{**_strategy(pack, s, lang), "text_lang": tags[s.id]} for s in strategies],
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


def _basis(pack: Pack, basis: Basis | None, shown_source: str | None, lang: str) -> dict[str, Any]:
    """A status's evidence in words: ``stated`` or ``inferred``, its rationale, and its
    locator unless it is the source the block names already (the source is shown once)."""
    if basis is None:
        return {"evidence": None, "source": None, "rationale": None}
    source = _locator(pack, basis.source, lang)
    return {
        "evidence": basis.evidence.value,
        "source": source if source != shown_source else None,
        "rationale": basis.rationale,
    }


def _in_force_text(strategy: Strategy, lang: str) -> str:
    if strategy.in_force is None:
        return message("in_force.unknown", lang)
    value = message(f"in_force.{'yes' if strategy.in_force else 'no'}", lang)
    basis = strategy.in_force_basis
    return f"{value} ({message(f'evidence.{basis.evidence.value}', lang)})" if basis else value


def strategy_identity(strategy: Strategy, lang: str = "en") -> str:
    """What tells a strategy from another of the same title: its case number and date.

    >>> import munintl
    >>> strategy_identity(munintl.load_pack("bergen").strategies[0])
    'case 173/18, 2018-06-20'
    """
    parts = [message("strategy.case", lang, case=strategy.case_number)] * bool(strategy.case_number)
    return ", ".join(parts + ([strategy.adopted_on] if strategy.adopted_on else []))


def _strategy(pack: Pack, strategy: Strategy, lang: str) -> dict[str, Any]:
    # Pack format 2: a status says whether the source states it (and where) or a curator
    # inferred it; a format-1 pack's statuses load as inferred, "recorded without evidence".
    source = _locator(pack, strategy.source, lang)
    status = _basis(pack, strategy.status_basis, source, lang)
    in_force = _basis(pack, strategy.in_force_basis, source, lang)
    evidence = message(f"evidence.{status['evidence']}", lang)
    status_value = strategy.status.value
    return {
        "id": strategy.id,
        "title": " ".join(strategy.title.split()),
        "identity": strategy_identity(strategy, lang),
        "label": ", ".join(
            p
            for p in (strategy_identity(strategy, lang), message(f"status.{status_value}", lang))
            if p
        ),
        "period": _period(strategy),
        "status": strategy.status.value,
        "status_evidence": status["evidence"],
        "status_text": f"{message(f'status.{strategy.status.value}', lang)} ({evidence})",
        "status_source": status["source"],
        "status_rationale": status["rationale"],
        "in_force": strategy.in_force,
        "in_force_evidence": in_force["evidence"],
        "in_force_text": _in_force_text(strategy, lang),
        "in_force_source": in_force["source"],
        "in_force_rationale": in_force["rationale"],
        "case_number": strategy.case_number,
        "adopted_on": strategy.adopted_on,
        "source": source,
    }


# --- findings -----------------------------------------------------------------------------------


def subject_names(pack: Pack, lang: str = "en") -> dict[str, str]:
    """Every entity a finding can be about, by id, named as its document names it.

    Parameters
    ----------
    pack : Pack
        A loaded pack.
    lang : {"en", "nb"}
        Organisations by their own name; an English gloss only in ``"en"``.

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
            names[ms.id] = own_name(organisation_of(pack, ms.organisation).name, lang)
        except KeyError:
            names[ms.id] = ms.organisation
    names.update({p.id: f"{p.city} ({country_name(p.country)})" for p in pack.partnerships})
    names.update({p.id: p.name for p in pack.projects})
    return {key: " ".join(value.split()) for key, value in names.items()}


def _findings(pack: Pack, findings: Sequence[Finding], lang: str) -> dict[str, Any]:
    from munintl.checks import check_titles

    names = subject_names(pack, lang)
    titles = check_titles()
    groups: dict[tuple[Severity, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.severity, f.code), []).append(f)
    counts = Counter(f.severity.value for f in findings)
    return {
        "total": len(findings),
        **{s.value: counts.get(s.value, 0) for s in Severity},
        "groups": [
            _group(severity, code, items, titles, names, lang)
            for (severity, code), items in sorted(
                groups.items(), key=lambda kv: (-kv[0][0].rank, kv[0][1])
            )
        ],
    }


_MIN_SHARED = 24
"""The shortest ending that many findings' messages share which is shown once for all."""


def common_tail(texts: Sequence[str]) -> str:
    """The end two or more texts share, from a word's start; empty if short or only one.

    >>> common_tail(["Eurocities names no responsible department",
    ...              "membership in C40 names no responsible department"])
    'names no responsible department'
    """
    if len(texts) < 2:
        return ""
    shortest = min(len(t) for t in texts)
    size = 0
    while size < shortest and len({t[-size - 1] for t in texts}) == 1:
        size += 1
    tail = texts[0][len(texts[0]) - size :] if size else ""
    if size < shortest or (size == shortest and not tail.startswith(" ")):
        tail = tail.split(" ", 1)[1] if " " in tail else ""  # begin at a whole word
    tail = tail.strip()
    return tail if len(tail) >= _MIN_SHARED else ""


def _group(
    severity: Severity,
    code: str,
    items: Sequence[Finding],
    titles: Mapping[str, str],
    names: Mapping[str, str],
    lang: str,
) -> dict[str, Any]:
    common = _common_text(items, lang)
    return {
        "severity": severity.value,
        "code": code,
        "check": titles.get(code, code),
        "summary": message(f"check.{code}", lang),
        "count": len(items),
        **common,
        "items": [_finding_item(f, names, lang, common["common_message"]) for f in items],
    }


def _common_text(items: Sequence[Finding], lang: str) -> dict[str, str | None]:
    """What every finding of a group says alike, to be shown once: the end of the message
    and the hint (in the report's language where the hints' memory has it)."""
    hints = {f.hint for f in items}
    hint, hint_lang = hint_in(hints.pop(), lang) if len(hints) == 1 else (None, None)
    shared = len(items) > 1 and hint is not None
    return {
        "common_message": common_tail([f.message for f in items]) or None,
        "common_hint": hint if shared else None,
        "common_hint_lang": hint_lang if shared else None,
    }


def _finding_item(
    f: Finding, names: Mapping[str, str], lang: str, common: str | None = None
) -> dict[str, Any]:
    # Which of a strategy's statuses a finding means (its status, or whether it is in
    # force): the evidence names the fields; the name says it in the report's language.
    facts = [
        str(e["field"])
        for e in f.evidence
        if f.code == "MI404" and isinstance(e, Mapping) and e.get("field") in _STATUS_FACTS
    ]
    name = names.get(f.subject, f.subject)
    hint, hint_lang = hint_in(f.hint, lang)
    if facts and f.subject_kind == "strategy":
        name += f" ({', '.join(message(f'fact.{fact}', lang) for fact in facts)})"
    return {
        "subject": f.subject,
        "kind": f.subject_kind,
        "name": name,
        "facts": facts,
        "message": f.message,
        "detail": f.message[: -len(common)].rstrip() + " …" if common else f.message,
        "hint": hint,
        "hint_lang": hint_lang,
    }


_STATUS_FACTS = ("status", "in_force")


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
    many = "coverage.summary_many" if len(cov.strategies) > 1 else "coverage.summary"
    return {
        "summary": message(
            many, lang, served=len(cov.served), linked=cov.linked_goals, goals=cov.goals
        ),
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
