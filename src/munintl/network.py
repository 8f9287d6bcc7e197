"""The goal network: one or more packs as a typed networkx MultiDiGraph.

Entities of a pack are nodes ``"<pack>:<id>"``; what municipalities can share is one node
across packs: SDGs and targets (``"sdg:17"``, ``"sdg:17.17"``), organisations
(``"org:eurocities"``), themes (``"theme:inclusion"``), partner cities
(``"city:SE:lund"``) and countries (``"country:SE"``). Every node has a ``kind`` and a
``label``; every edge a ``relation`` (also its key) and, for links, ``evidence``.

>>> import munintl
>>> g = goal_network(munintl.load_pack("bergen"), munintl.load_pack("oslo"))
>>> g.nodes["org:eurocities"]["kind"]
'organisation'
>>> sorted({g.nodes[n]["pack"] for n, _ in g.in_edges("org:eurocities")})
['bergen', 'oslo']
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

import networkx as nx

from munintl._status import status_on
from munintl.model import Link, Pack
from munintl.overlap.holdings import city_key
from munintl.reference import is_sdg_ref, organisations, sdgs, themes

__all__ = [
    "EDGE_RELATIONS",
    "NODE_KINDS",
    "goal_network",
]

# Node kinds.
MUNICIPALITY, DOCUMENT, STRATEGY, GOAL, MEASURE = (
    "municipality",
    "document",
    "strategy",
    "goal",
    "measure",
)
DEPARTMENT, ORGANISATION, MEMBERSHIP, PARTNERSHIP, PROJECT = (
    "department",
    "organisation",
    "membership",
    "partnership",
    "project",
)
PLAN_GOAL, STATEMENT, FIGURE, SDG, SDG_TARGET, THEME, CITY, COUNTRY = (
    "plan_goal",
    "statement",
    "figure",
    "sdg",
    "sdg_target",
    "theme",
    "city",
    "country",
)
NODE_KINDS = frozenset(
    {
        MUNICIPALITY,
        DOCUMENT,
        STRATEGY,
        GOAL,
        MEASURE,
        DEPARTMENT,
        ORGANISATION,
        MEMBERSHIP,
        PARTNERSHIP,
        PROJECT,
        PLAN_GOAL,
        STATEMENT,
        FIGURE,
        SDG,
        SDG_TARGET,
        THEME,
        CITY,
        COUNTRY,
    }
)

# Edge relations (edges point from the part to the whole, from the doer to what it serves).
HAS_STRATEGY, PART_OF, IMPLEMENTS, RESPONSIBLE_FOR = (
    "has_strategy",
    "part_of",
    "implements",
    "responsible_for",
)
MEMBER_OF, HAS_MEMBERSHIP, HAS_PARTNERSHIP, HAS_PROJECT = (
    "member_of",
    "has_membership",
    "has_partnership",
    "has_project",
)
SERVES, CONTRIBUTES_TO, ABOUT, ANCHORED_IN = "serves", "contributes_to", "about", "anchored_in"
TARGET_OF, WITH_CITY, IN_COUNTRY, INVOLVES = "target_of", "with_city", "in_country", "involves"
SUPERSEDES, BUILDS_ON, PUBLISHED_IN, CONCERNS = (
    "supersedes",
    "builds_on",
    "published_in",
    "concerns",
)
EDGE_RELATIONS = frozenset(
    {
        HAS_STRATEGY,
        PART_OF,
        IMPLEMENTS,
        RESPONSIBLE_FOR,
        MEMBER_OF,
        HAS_MEMBERSHIP,
        HAS_PARTNERSHIP,
        HAS_PROJECT,
        SERVES,
        CONTRIBUTES_TO,
        ABOUT,
        ANCHORED_IN,
        TARGET_OF,
        WITH_CITY,
        IN_COUNTRY,
        INVOLVES,
        SUPERSEDES,
        BUILDS_ON,
        PUBLISHED_IN,
        CONCERNS,
    }
)


def _value(status: StrEnum | None) -> str | None:
    return status.value if status is not None else None


def city_node(country: str, city: str) -> str:
    """The shared node id of a partner city: the same city key the overlap analysis uses, so
    Gøteborg and Göteborg are one node.

    >>> city_node("SE", "Göteborg") == city_node("SE", "Gøteborg") == "city:SE:goteborg"
    True
    """
    return f"city:{city_key(country, city)}"


class _Builder:
    def __init__(self) -> None:
        self.graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()

    def node(self, node: str, kind: str, label: str, **attrs: Any) -> str:
        if node not in self.graph:
            self.graph.add_node(
                node, kind=kind, label=label, **{k: v for k, v in attrs.items() if v is not None}
            )
        return node

    def edge(self, source: str, target: str, relation: str, link: Link | None = None) -> None:
        data: dict[str, Any] = {"relation": relation}
        if link is not None:
            data["evidence"] = link.evidence.value
            if link.rationale:
                data["rationale"] = link.rationale
        self.graph.add_edge(source, target, key=relation, **data)

    def sdg(self, ref: str) -> str:
        goal = int(ref.split(".")[0])
        goal_node = self.node(
            f"sdg:{goal}", SDG, f"SDG {goal}: {sdgs()[goal].short_title}", number=goal
        )
        if "." not in ref:
            return goal_node
        target = self.node(f"sdg:{ref}", SDG_TARGET, f"SDG target {ref}", number=goal)
        if not self.graph.has_edge(target, goal_node, key=TARGET_OF):
            self.edge(target, goal_node, TARGET_OF)
        return target

    def organisation(self, pack: Pack, org_id: str) -> str:
        org = organisations().get(org_id) or next(o for o in pack.organisations if o.id == org_id)
        return self.node(f"org:{org_id}", ORGANISATION, org.name, org_kind=org.kind.value)

    def links(self, source: str, sdg_links: Iterable[Link], theme_links: Iterable[Link]) -> None:
        for link in sdg_links:
            if is_sdg_ref(link.to):
                self.edge(source, self.sdg(link.to), CONTRIBUTES_TO, link)
        for link in theme_links:
            theme = themes()[link.to]
            self.edge(source, self.node(f"theme:{link.to}", THEME, theme.label), ABOUT, link)


def goal_network(*packs: Pack | str) -> nx.MultiDiGraph[str]:
    """One graph of all given packs (loaded packs or installed packs' names); shared things
    (SDGs, organisations, themes, cities) are single nodes that every pack's entities point
    to."""
    from munintl.packs import as_packs

    b = _Builder()
    for pack in as_packs(packs):
        _add_pack(b, pack)
    return b.graph


def _add_pack(b: _Builder, pack: Pack) -> None:
    p = pack.name

    def local(entity_id: str) -> str:
        return f"{p}:{entity_id}"

    own_organisations = {org.id for org in pack.organisations}

    def entity_node(entity_id: str) -> str:
        # A pack's own organisations are shared nodes like the registry's, not pack-local ones.
        return f"org:{entity_id}" if entity_id in own_organisations else local(entity_id)

    home = b.node(
        f"municipality:{p}",
        MUNICIPALITY,
        pack.municipality.name,
        pack=p,
        code=pack.municipality.code,
    )
    for doc in pack.documents:
        b.node(local(doc.id), DOCUMENT, doc.title, pack=p, doc_kind=doc.kind.value)
    for dept in pack.departments:
        b.node(local(dept.id), DEPARTMENT, dept.name, pack=p)
    for dept in pack.departments:
        if dept.parent:
            b.edge(local(dept.id), local(dept.parent), PART_OF)
    for pg in pack.plan_goals:
        b.node(local(pg.id), PLAN_GOAL, pg.title, pack=p, level=pg.label)
        b.edge(local(pg.id), local(pg.plan), PUBLISHED_IN)
    for org in pack.organisations:
        b.organisation(pack, org.id)

    for strategy in pack.strategies:
        node = b.node(
            local(strategy.id),
            STRATEGY,
            strategy.title,
            pack=p,
            status=strategy.status.value,
            in_force=strategy.in_force,
        )
        b.edge(home, node, HAS_STRATEGY)
        b.edge(node, local(strategy.document), PUBLISHED_IN)
        b.links(node, strategy.sdg_focus, ())
    for strategy in pack.strategies:
        for other in strategy.supersedes:
            b.edge(local(strategy.id), local(other), SUPERSEDES)
        for doc_id in strategy.builds_on:
            b.edge(local(strategy.id), local(doc_id), BUILDS_ON)

    for goal in pack.goals:
        b.node(
            local(goal.id),
            GOAL,
            goal.title,
            pack=p,
            level=goal.level.value,
            label_nb=goal.label,
            number=goal.number,
        )
    for goal in pack.goals:
        b.edge(local(goal.id), local(goal.parent or goal.strategy), PART_OF)
        b.links(local(goal.id), goal.sdgs, goal.themes)
        for link in goal.plan_goals:
            b.edge(local(goal.id), local(link.to), ANCHORED_IN, link)

    for measure in pack.measures:
        node = b.node(
            local(measure.id), MEASURE, measure.title, pack=p, measure_kind=measure.kind.value
        )
        b.edge(node, local(measure.goal), IMPLEMENTS)
        for dept_id in measure.responsible:
            b.edge(local(dept_id), node, RESPONSIBLE_FOR)
        b.links(node, measure.sdgs, measure.themes)

    for ms in pack.memberships:
        org_node = b.organisation(pack, ms.organisation)
        node = b.node(
            local(ms.id),
            MEMBERSHIP,
            f"{pack.municipality.name} in {b.graph.nodes[org_node]['label']}",
            pack=p,
            status=_value(status_on(ms)),
        )
        b.edge(home, node, HAS_MEMBERSHIP)
        b.edge(node, org_node, MEMBER_OF)
        _serving(b, p, node, ms.serves, ms.responsible)
        b.links(node, ms.sdgs, ms.themes)

    for ps in pack.partnerships:
        node = b.node(
            local(ps.id),
            PARTNERSHIP,
            f"{pack.municipality.name} – {ps.city}",
            pack=p,
            partnership_kind=ps.kind.value,
            status=_value(status_on(ps)),
        )
        city = b.node(city_node(ps.country, ps.city), CITY, ps.city, country=ps.country)
        country = b.node(f"country:{ps.country}", COUNTRY, ps.country)
        if not b.graph.has_edge(city, country, key=IN_COUNTRY):
            b.edge(city, country, IN_COUNTRY)
        b.edge(home, node, HAS_PARTNERSHIP)
        b.edge(node, city, WITH_CITY)
        _serving(b, p, node, ps.serves, ps.responsible)
        b.links(node, ps.sdgs, ps.themes)

    for pr in pack.projects:
        node = b.node(local(pr.id), PROJECT, pr.name, pack=p, project_kind=pr.kind.value)
        b.edge(home, node, HAS_PROJECT)
        for org_id in pr.organisations:
            b.edge(node, b.organisation(pack, org_id), INVOLVES)
        _serving(b, p, node, pr.serves, pr.responsible)
        b.links(node, pr.sdgs, pr.themes)

    for st in pack.statements:
        node = b.node(local(st.id), STATEMENT, st.title, pack=p, statement_kind=st.kind.value)
        for about in st.about:
            b.edge(node, entity_node(about), CONCERNS)
    for fig in pack.figures:
        node = b.node(local(fig.id), FIGURE, fig.label, pack=p, value=fig.value)
        for about in fig.about:
            b.edge(node, entity_node(about), CONCERNS)


def _serving(
    b: _Builder, p: str, node: str, serves: Iterable[Link], responsible: Iterable[str]
) -> None:
    for link in serves:
        b.edge(node, f"{p}:{link.to}", SERVES, link)
    for dept in responsible:
        b.edge(f"{p}:{dept}", node, RESPONSIBLE_FOR)
