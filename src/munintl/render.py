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
from munintl.model import Goal, Link, Pack

__all__ = ["render_pack", "tags"]

_WIDTH = 96


def tags(prefix: str, links: Iterable[Link]) -> str:
    """Links as short tags; ``~`` marks an inferred link."""
    return ", ".join(f"{prefix}{'~' if link.is_inferred else ''}{link.to}" for link in links)


def _wrap(text: str, indent: str, hang: str = "") -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()), _WIDTH, initial_indent=indent, subsequent_indent=indent + hang
    )


def _goal_lines(pack: Pack, goal: Goal, depth: int) -> list[str]:
    pad = "  " * depth
    number = f"{goal.number} " if goal.number else ""
    lines = [f"{pad}[{goal.label}] {number}{goal.title}"]
    links = [
        t
        for t in (tags("SDG ", goal.sdgs), tags("#", goal.themes), tags("plan:", goal.plan_goals))
        if t
    ]
    if links:
        lines.extend(_wrap("; ".join(links), pad + "    "))
    for measure in pack.measures_of(goal.id):
        who = f"  ({', '.join(measure.responsible)})" if measure.responsible else ""
        lines.extend(_wrap(f"- {measure.title}{who}", pad + "    ", hang="  "))
    for child in pack.children(goal.id):
        lines.extend(_goal_lines(pack, child, depth + 1))
    return lines


def render_pack(pack: Pack) -> str:
    """The whole pack as text for a terminal."""
    m = pack.municipality
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
        for goal in pack.goals:
            if goal.strategy == strategy.id and goal.parent is None:
                out.extend(_goal_lines(pack, goal, 1))

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
