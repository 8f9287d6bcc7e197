"""A pack as readable text (``munintl show``): the goal tree first, then what backs it.

Links print as ``SDG 17`` when the document states them and ``SDG ~11`` when a curator
inferred them, so a reader always sees the strength of the evidence.

>>> from munintl.model import Link, Evidence
>>> tags("SDG ", (Link("17", Evidence.STATED), Link("11", Evidence.INFERRED, rationale="r")))
'SDG 17, SDG ~11'
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from munintl._status import status_on
from munintl.model import Goal, Link, Measure, Pack

__all__ = ["render_pack", "tags"]

_WIDTH = 96


def tags(prefix: str, links: Iterable[Link]) -> str:
    """Links as short tags; ``~`` marks an inferred link."""
    return ", ".join(f"{prefix}{'~' if link.is_inferred else ''}{link.to}" for link in links)


def _wrap(text: str, indent: str, hang: str = "") -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()), _WIDTH, initial_indent=indent, subsequent_indent=indent + hang
    )


_MAX_INDENT = 12
"""Levels of indentation shown; a deeper goal names its level instead (the text stays linear)."""


def _indexes(pack: Pack) -> tuple[dict[str | None, list[Goal]], dict[str, list[Measure]]]:
    """Each goal's children and measures, in document order, built once per rendering."""
    children: dict[str | None, list[Goal]] = {}
    for goal in pack.goals:
        children.setdefault(goal.parent, []).append(goal)
    measures: dict[str, list[Measure]] = {}
    for measure in pack.measures:
        measures.setdefault(measure.goal, []).append(measure)
    return children, measures


def _goal_lines(
    root: Goal,
    depth: int,
    children: dict[str | None, list[Goal]],
    measures: dict[str, list[Measure]],
) -> list[str]:
    """The goal ``root`` and everything under it, depth first, in document order.

    Iterative, with children and measures looked up in indexes built once: a hierarchy
    10,000 deep renders in linear time, with no recursion limit.
    """
    lines: list[str] = []
    stack = [(root, depth)]
    seen: set[str] = set()
    while stack:
        goal, level = stack.pop()
        if goal.id in seen:  # a cycle (refused by validation; never loop on one)
            continue
        seen.add(goal.id)
        lines.extend(_one_goal(goal, level, measures.get(goal.id, [])))
        stack.extend((child, level + 1) for child in reversed(children.get(goal.id, [])))
    return lines


def _one_goal(goal: Goal, depth: int, measures: list[Measure]) -> list[str]:
    pad = "  " * min(depth, _MAX_INDENT)
    deeper = f"(level {depth}) " if depth > _MAX_INDENT else ""
    number = f"{goal.number} " if goal.number else ""
    lines = [f"{pad}{deeper}[{goal.label}] {number}{goal.title}"]
    links = [
        t
        for t in (tags("SDG ", goal.sdgs), tags("#", goal.themes), tags("plan:", goal.plan_goals))
        if t
    ]
    if links:
        lines.extend(_wrap("; ".join(links), pad + "    "))
    for measure in measures:
        who = f"  ({', '.join(measure.responsible)})" if measure.responsible else ""
        lines.extend(_wrap(f"- {measure.title}{who}", pad + "    ", hang="  "))
    return lines


def render_pack(pack: Pack) -> str:
    """The whole pack as text for a terminal."""
    m = pack.municipality
    children, measures = _indexes(pack)
    history = ", ".join(
        f"{c.code}"
        + (f" until {c.until}" if c.until else "")
        + (f" from {c.since}" if c.since else "")
        for c in m.codes
    )
    out = [
        f"{m.name} ({history}; county {m.county or '?'})  pack {pack.name!r} "
        f"{pack.version or ''}".rstrip(),
        "",
    ]
    names = {o.id: o.name for o in pack.organisations}
    departments = {d.id: d.name for d in pack.departments}

    out.append("Sources")
    for doc in pack.documents:
        extra = ", ".join(
            x for x in (doc.date, doc.case_number and f"sak {doc.case_number}", doc.adopted_by) if x
        )
        role = "" if doc.source is None else f"  (cited in {doc.source})"
        out.append(f"  {doc.id}: {doc.title} [{doc.kind}{', ' + extra if extra else ''}]{role}")

    for strategy in pack.strategies:
        period = f", {strategy.period}" if strategy.period else ""
        force = ", in force" if strategy.in_force else ""
        out += ["", f"Strategy {strategy.title!r} ({strategy.status}{period}{force})"]
        adopted = " ".join(
            x
            for x in (
                strategy.adopted_by,
                strategy.adopted_on,
                strategy.case_number and f"sak {strategy.case_number}",
            )
            if x
        )
        if adopted:
            out.append(f"  decided: {adopted}")
        if strategy.sdg_focus:
            out.append(f"  SDG focus: {tags('SDG ', strategy.sdg_focus)}")
        for goal in children.get(None, []):
            if goal.strategy == strategy.id:
                out.extend(_goal_lines(goal, 1, children, measures))

    if pack.memberships:
        out += ["", f"Memberships ({len(pack.memberships)})"]
        for ms in pack.memberships:
            org = names.get(ms.organisation) or _registry_name(ms.organisation)
            who = ", ".join(departments.get(d, d) for d in ms.responsible) or "no department"
            serves = f"; serves {', '.join(link.to for link in ms.serves)}" if ms.serves else ""
            out.append(f"  {org} [{status_on(ms) or 'status unknown'}] - {who}{serves}")
    if pack.partnerships:
        out += ["", f"Partnerships ({len(pack.partnerships)})"]
        for p in pack.partnerships:
            since = f" since {p.since}" if p.since else ""
            status = f", {status_on(p)}" if status_on(p) else ""
            out.append(f"  {p.city} ({p.country}) [{p.kind}{status}{since}]")
    if pack.projects:
        out += ["", f"Projects and activities ({len(pack.projects)})"]
        for pr in pack.projects:
            money = f", {pr.budget.value:,.0f} {pr.budget.currency}" if pr.budget else ""
            out.append(
                f"  {pr.name} [{pr.kind}{', ' + pr.programme if pr.programme else ''}{money}]"
            )
    if pack.plan_goals:
        out += ["", "Master plan"]
        out += [f"  [{g.label}] {g.title}" for g in pack.plan_goals]
    if pack.statements:
        out += ["", "Statements"]
        for st in pack.statements:
            out.extend(_wrap(f"[{st.kind}] {st.title}", "  "))
    if pack.figures:
        out += ["", "Figures"]
        out += [f"  {f.label}: {f.as_printed}" for f in pack.figures]
    if pack.departments:
        out += ["", "Departments"]
        out += [f"  {d.name} [{d.kind}]" for d in pack.departments]
    return "\n".join(out)


def _registry_name(org_id: str) -> str:
    from munintl.reference import organisations

    org = organisations().get(org_id)
    return org.name if org else org_id
