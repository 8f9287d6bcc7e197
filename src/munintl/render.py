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

from munintl._escape import no_breaks
from munintl.hierarchy import GoalHierarchy
from munintl.model import Goal, Link, Pack, Strategy
from munintl.reference import organisation
from munintl.timeline import status_on

__all__ = ["render_pack", "tags"]

_WIDTH = 96


def tags(prefix: str, links: Iterable[Link]) -> str:
    """Links as short tags; ``~`` marks an inferred link.

    Parameters
    ----------
    prefix : str
        Put before each target (``"SDG "``, ``"#"``).
    links : iterable of Link
        The links.

    Returns
    -------
    str
        Comma-separated tags.

    Examples
    --------
    >>> tags("#", ())
    ''
    """
    return ", ".join(f"{prefix}{'~' if link.is_inferred else ''}{link.to}" for link in links)


def _wrap(text: str, indent: str, hang: str = "") -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()), _WIDTH, initial_indent=indent, subsequent_indent=indent + hang
    )


_MAX_INDENT = 12
"""Levels of indentation shown; a deeper goal names its level instead (the text stays linear)."""


def _goal_lines(hierarchy: GoalHierarchy, goal: Goal, depth: int) -> list[str]:
    """One goal's lines; its children follow from :meth:`GoalHierarchy.walk` (iterative, so a
    hierarchy 10,000 deep renders in linear time, with no recursion limit)."""
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
    for measure in hierarchy.measures(goal.id):
        who = f"  ({', '.join(measure.responsible)})" if measure.responsible else ""
        lines.extend(_wrap(f"- {measure.title}{who}", pad + "    ", hang="  "))
    return lines


def render_pack(pack: Pack) -> str:
    """The whole pack as text for a terminal (what ``munintl show PACK`` prints).

    Parameters
    ----------
    pack : Pack
        The pack.

    Returns
    -------
    str
        Lines without a final newline: the municipality, the sources, each strategy with its
        goal tree (measures under their goals, links as tags), then memberships,
        partnerships, projects, the master plan, statements, figures and departments.

    Examples
    --------
    >>> import munintl
    >>> render_pack(munintl.load_pack("hamar")).splitlines()[0]
    "Hamar (0403 until 2019, 3403 from 2020; county Innlandet)  pack 'hamar' 0.1.0"
    """
    out = [*_heading(pack), *_sources(pack)]
    hierarchy = GoalHierarchy(pack)
    for strategy in pack.strategies:
        out += _strategy_lines(strategy, hierarchy)
    out += _engagement_lines(pack)
    out += _other_lines(pack)
    return "\n".join(no_breaks(line) for line in out)  # a title's line break stays on its row


def _heading(pack: Pack) -> list[str]:
    m = pack.municipality
    history = ", ".join(
        f"{c.code}"
        + (f" until {c.until}" if c.until else "")
        + (f" from {c.since}" if c.since else "")
        for c in m.codes
    )
    county = f"; county {m.county}" if m.county else ""  # not given: nothing to show
    first = f"{m.name} ({history}{county})  pack {pack.name!r} "
    return [f"{first}{pack.version or ''}".rstrip(), ""]


def _sources(pack: Pack) -> list[str]:
    out = ["Sources"]
    for doc in pack.documents:
        extra = ", ".join(
            x for x in (doc.date, doc.case_number and f"sak {doc.case_number}", doc.adopted_by) if x
        )
        role = "" if doc.source is None else f"  (cited in {doc.source})"
        out.append(f"  {doc.id}: {doc.title} [{doc.kind}{', ' + extra if extra else ''}]{role}")
    return out


def _strategy_lines(strategy: Strategy, hierarchy: GoalHierarchy) -> list[str]:
    period = f", {strategy.period}" if strategy.period else ""
    force = ", in force" if strategy.in_force else ""
    out = ["", f"Strategy {strategy.title!r} ({strategy.status}{period}{force})"]
    decided = (
        strategy.adopted_by,
        strategy.adopted_on,
        strategy.case_number and f"sak {strategy.case_number}",
    )
    adopted = " ".join(x for x in decided if x)
    if adopted:
        out.append(f"  decided: {adopted}")
    if strategy.sdg_focus:
        out.append(f"  SDG focus: {tags('SDG ', strategy.sdg_focus)}")
    for root in hierarchy.roots(strategy.id):
        for goal, depth in hierarchy.walk(root.id):
            out.extend(_goal_lines(hierarchy, goal, depth + 1))
    return out


def _engagement_lines(pack: Pack) -> list[str]:
    departments = {d.id: d.name for d in pack.departments}
    out: list[str] = []
    if pack.memberships:
        out += ["", f"Memberships ({len(pack.memberships)})"]
        for ms in pack.memberships:
            org = _organisation_name(pack, ms.organisation)
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
            programme = f", {pr.programme}" if pr.programme else ""
            out.append(f"  {pr.name} [{pr.kind}{programme}{money}]")
    return out


def _other_lines(pack: Pack) -> list[str]:
    out: list[str] = []
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
    return out


def _organisation_name(pack: Pack, org_id: str) -> str:
    org = organisation(pack, org_id)
    return org.name if org else org_id
