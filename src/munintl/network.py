"""The goal network: one or more packs as a typed networkx MultiDiGraph.

Entities of a pack are nodes ``"<pack>:<id>"``; what municipalities can share is one node
across packs: SDGs and targets (``"sdg:17"``, ``"sdg:17.17"``), organisations
(``"org:eurocities"``), themes (``"theme:inclusion"``), partner cities
(``"city:SE:lund"``) and countries (``"country:SE"``). Every node has a ``kind`` and a
``label``; every edge a ``relation`` and, for links, ``evidence``. Which field of the model
becomes which edge is declared on the field (:func:`munintl.model.field_meaning`). Edge keys
are networkx's own (0, 1, ... per pair of nodes), so two relations between the same two nodes
never overwrite each other.

>>> import munintl
>>> g = goal_network(munintl.load_pack("bergen"), munintl.load_pack("oslo"))
>>> g.nodes["org:eurocities"]["kind"]
'organisation'
>>> sorted({g.nodes[n]["pack"] for n, _ in g.in_edges("org:eurocities")})
['bergen', 'oslo']
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import networkx as nx

from munintl._gc import cyclic_gc_paused
from munintl._moved import moved_names
from munintl.errors import PackClashError
from munintl.model import (
    ENTITY_LISTS,
    Evidence,
    FieldMeaning,
    Link,
    Pack,
    PackData,
    Partnership,
    Relation,
    field_meaning,
)
from munintl.overlap.holdings import city_key
from munintl.reference import is_sdg_ref, organisation, organisation_clash, sdgs, themes
from munintl.sdg import SdgRef
from munintl.timeline import current_strategies, status_on

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

# Edge relations: edges point from the part to the whole, from the doer to what it serves.
# Which field becomes which edge is declared on the model's fields (munintl.model.Relation).
(
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
) = (r.value for r in Relation)
EDGE_RELATIONS = frozenset(r.value for r in Relation)


def _value(status: StrEnum | None) -> str | None:
    return status.value if status is not None else None


def city_node(country: str, city: str) -> str:
    """The shared node id of a partner city: the same city key the overlap analysis uses, so
    Gøteborg and Göteborg are one node.

    Parameters
    ----------
    country : str
        The ISO 3166-1 alpha-2 code.
    city : str
        The city's name, as the pack writes it.

    Returns
    -------
    str
        The node id, ``"city:<country>:<key>"``.

    Examples
    --------
    >>> city_node("SE", "Göteborg") == city_node("SE", "Gøteborg") == "city:SE:goteborg"
    True
    """
    return f"city:{city_key(country, city)}"


_EVIDENCE = {evidence: evidence.value for evidence in Evidence}  # faster than Enum.value

_Adjacency = dict[str, dict[str, dict[int, dict[str, Any]]]]
"""node -> neighbour -> edge key -> edge attributes: networkx's own multigraph layout."""


class _Builder:
    """Fills a graph's node and adjacency dicts as the walk finds nodes and edges.

    The dicts are laid out as networkx's MultiDiGraph keeps them (``_node``, ``_succ``,
    ``_pred``; one key dict per pair of nodes, shared by both directions) and handed to the
    graph once at the end: going through ``add_edge`` for each of ~100,000 edges costs as much
    again as the whole walk. Edge keys are networkx's own (0, 1, ... per pair, in the order
    added), so two relations between the same nodes are two edges, ``relation`` an edge
    attribute; one relation between the same two nodes is one edge (a shared SDG target's
    ``target_of`` is added once, not per pack). A node is added when declared, always before
    its pack's edges; only a reference to an undeclared id (an unvalidated pack) adds a bare
    node (empty attributes), declared later if another pack declares it.
    """

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.succ: _Adjacency = {}
        self.pred: _Adjacency = {}
        self._sdg_nodes: dict[str, str | None] = {}  # an SDG reference as written -> its node

    def node(self, node: str, kind: str, label: str, **attrs: Any) -> str:
        return self.declare(node, {"kind": kind, "label": label, **attrs})

    def declare(self, node: str, data: dict[str, Any]) -> str:
        """Add a node with its attributes (``kind`` and ``label`` first; None values left
        out) unless it is declared already: the first declaration names a shared node."""
        if None in data.values():
            data = {k: v for k, v in data.items() if v is not None}
        known = self.nodes.get(node)
        if known is None:  # _new_node, inline: one call less for each of ~33,000 nodes
            self.nodes[node] = data
            self.succ[node] = {}
            self.pred[node] = {}
        elif not known:  # a bare node (its attributes are empty), declared now
            known.update(data)
        return node

    def _new_node(self, node: str, data: dict[str, Any]) -> None:
        self.nodes[node] = data
        self.succ[node] = {}
        self.pred[node] = {}

    def edge(self, source: str, target: str, relation: str, link: Link | None = None) -> None:
        try:
            out = self.succ[source]
        except KeyError:
            self._new_node(source, {})
            out = self.succ[source]
        if link is None:
            data = {"relation": relation}
        elif link.rationale:
            data = {
                "relation": relation,
                "evidence": _EVIDENCE[link.evidence],
                "rationale": link.rationale,
            }
        else:
            data = {"relation": relation, "evidence": _EVIDENCE[link.evidence]}
        keys = out.get(target)
        if keys is None:  # nearly every pair of nodes has one edge
            into = self.pred.get(target)
            if into is None:
                self._new_node(target, {})
                into = self.pred[target]
            out[target] = into[source] = {0: data}
        elif all(other["relation"] != relation for other in keys.values()):
            keys[len(keys)] = data  # networkx's own numbering: 0, 1, ... in the order added

    def sdg(self, text: str) -> str | None:
        """The node of an SDG or target (None for a reference that is not one)."""
        if text in self._sdg_nodes:
            return self._sdg_nodes[text]
        node = self._new_sdg(SdgRef.parse(text)) if is_sdg_ref(text) else None
        self._sdg_nodes[text] = node
        return node

    def _new_sdg(self, ref: SdgRef) -> str:
        goal = ref.goal
        goal_node = self.node(
            f"sdg:{goal}", SDG, f"SDG {goal}: {sdgs()[goal].short_title}", number=goal
        )
        if not ref.is_target:
            return goal_node
        target = self.node(f"sdg:{ref}", SDG_TARGET, f"SDG target {ref}", number=goal)
        self.edge(target, goal_node, TARGET_OF)
        return target

    def organisation(self, pack: Pack, org_id: str) -> str:
        node = f"org:{org_id}"
        if self.nodes.get(node):  # organisations are shared: the first declaration names it
            return node
        org = organisation(pack, org_id)
        if org is None:
            return f"org:{org_id}"  # an unvalidated pack; validation names the id
        return self.node(f"org:{org_id}", ORGANISATION, org.name, org_kind=org.kind.value)

    def theme(self, theme_id: str) -> str:
        node = f"theme:{theme_id}"
        if self.nodes.get(node):
            return node
        return self.node(node, THEME, themes()[theme_id].label)

    def build(self) -> nx.MultiDiGraph[str]:
        """A new graph holding the filled dicts.

        networkx's own setters of these attributes (descriptors on its graph classes since
        2.x) reset the graph's cached views, and a new graph has no other state to keep in
        step. The layout is networkx's, not its public API: tests/test_network_build.py
        checks every build against one made with ``add_node``/``add_edge``.
        """
        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        graph._node = self.nodes  # type: ignore[attr-defined]
        graph._succ = self.succ  # type: ignore[attr-defined]  # also sets _adj
        graph._pred = self.pred  # type: ignore[attr-defined]
        return graph


def goal_network(*packs: Pack | str) -> nx.MultiDiGraph[str]:
    """One graph of all given packs; shared things (SDGs, organisations, themes, cities) are
    single nodes that every pack's entities point to.

    Parameters
    ----------
    *packs : Pack or str
        The packs (loaded packs or installed packs' names), each once.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes ``"<pack>:<id>"`` for entities and shared nodes (``"sdg:17"``,
        ``"org:eurocities"``, ``"theme:inclusion"``, ``"city:SE:lund"``, ``"country:SE"``),
        each with ``kind`` and ``label``; edges with ``relation`` and, for links,
        ``evidence`` (and ``rationale``).

    Raises
    ------
    munintl.errors.PackClashError
        Two packs giving one organisation id two meanings (another name or kind): its node is
        shared, and both municipalities would seem members of one organisation.

    Examples
    --------
    >>> import munintl
    >>> g = goal_network(munintl.load_pack("hamar"))
    >>> g.nodes["hamar:hamar-2010"]["kind"], g.nodes["hamar:hamar-2010"]["current"]
    ('strategy', True)
    >>> sorted({d["relation"] for _, _, d in g.out_edges("hamar:hamar-2010", data=True)})
    ['builds_on', 'published_in']
    """
    from munintl.packs import as_packs

    loaded = as_packs(packs)
    clash = organisation_clash(loaded)
    if clash:
        raise PackClashError(f"{clash}; one id is one organisation: give one of them another id")
    with cyclic_gc_paused():
        b = _Builder()
        for pack in loaded:
            _add_pack(b, pack)
        return b.build()


_MakeNode = Callable[[Any], dict[str, Any]]

_NODE_ORDER = (
    "documents",
    "departments",
    "plan_goals",
    "strategies",
    "goals",
    "measures",
    "memberships",
    "partnerships",
    "projects",
    "statements",
    "figures",
)
"""The entity lists in the order their entities become nodes (the node order exports keep)."""


def _nodes(pack: Pack, b: _Builder) -> dict[str, _MakeNode]:
    """For each entity list, how an entity becomes a node: its attributes, kind and label
    first (None values are left out)."""
    p, town = pack.name, pack.municipality.name
    current = {s.id for s in current_strategies(pack)}

    def org_label(org_id: str) -> str:
        return str(b.nodes.get(b.organisation(pack, org_id), {}).get("label", org_id))

    made_here: dict[str, _MakeNode] = {
        "strategies": lambda s: {
            "kind": STRATEGY,
            "label": s.title,
            "pack": p,
            "status": s.status.value,
            "in_force": s.in_force,
            "current": s.id in current,
        },
        "memberships": lambda m: {
            "kind": MEMBERSHIP,
            "label": f"{town} in {org_label(m.organisation)}",
            "pack": p,
            "status": _value(status_on(m)),
        },
        "partnerships": lambda ps: {
            "kind": PARTNERSHIP,
            "label": f"{town} – {ps.city}",
            "pack": p,
            "partnership_kind": ps.kind.value,
            "status": _value(status_on(ps)),
        },
    }
    plain = _plain_nodes(p)
    return {name: made_here.get(name) or plain[name] for name in _NODE_ORDER}


def _plain_nodes(p: str) -> dict[str, _MakeNode]:
    """The entity lists whose nodes need nothing but the entity and the pack's name."""
    return {
        "documents": lambda d: {
            "kind": DOCUMENT,
            "label": d.title,
            "pack": p,
            "doc_kind": d.kind.value,
        },
        "departments": lambda d: {"kind": DEPARTMENT, "label": d.name, "pack": p},
        "plan_goals": lambda g: {"kind": PLAN_GOAL, "label": g.title, "pack": p, "level": g.label},
        "goals": lambda g: {
            "kind": GOAL,
            "label": g.title,
            "pack": p,
            "level": g.level.value,
            "label_nb": g.label,
            "number": g.number,
        },
        "measures": lambda m: {
            "kind": MEASURE,
            "label": m.title,
            "pack": p,
            "measure_kind": m.kind.value,
        },
        "projects": lambda pr: {
            "kind": PROJECT,
            "label": pr.name,
            "pack": p,
            "project_kind": pr.kind.value,
        },
        "statements": lambda st: {
            "kind": STATEMENT,
            "label": st.title,
            "pack": p,
            "statement_kind": st.kind.value,
        },
        "figures": lambda f: {"kind": FIGURE, "label": f.label, "pack": p, "value": f.value},
    }


def _add_pack(b: _Builder, pack: Pack) -> None:
    """Every entity of the pack as a node, then every reference its fields declare an edge
    for (:func:`munintl.model.field_meaning`) as an edge."""
    p = pack.name
    home = b.node(
        f"municipality:{p}",
        MUNICIPALITY,
        pack.municipality.name,
        pack=p,
        code=pack.municipality.code,
    )
    for org in pack.organisations:
        b.organisation(pack, org.id)
    declare, ids = b.declare, {}
    for name, make in _nodes(pack, b).items():
        ids[name] = [declare(f"{p}:{entity.id}", make(entity)) for entity in getattr(pack, name)]
    target = _Targets(b, pack, {org.id for org in pack.organisations})
    ids["organisations"] = [target.entity(org.id) for org in pack.organisations]
    pack_edges = {m.name: m.edge for m in field_meaning(Pack) if m.edge}
    for name in ENTITY_LISTS:
        plan = target.plan(_EDGE_FIELDS[name])
        relation = pack_edges.get(name)
        for node, entity in zip(ids[name], getattr(pack, name), strict=True):
            if relation:
                b.edge(home, node, relation)
            if name == "partnerships":
                _partner_city(b, node, entity)
            _field_edges(b, node, entity, plan)


_Find = Callable[[str], "str | None"]
_Step = tuple[str, str, _Find, bool, "str | None"]
"""One edge field of a plan: its name, relation, how to find its target, inward, ``unless``."""


class _Targets:
    """The node a reference of a kind points at."""

    def __init__(self, b: _Builder, pack: Pack, own_organisations: set[str]) -> None:
        self.b, self.pack, self.own = b, pack, own_organisations
        self._local = f"{pack.name}:"

    def entity(self, entity_id: str) -> str:
        # A pack's own organisations are shared nodes like the registry's, not pack-local ones.
        return f"org:{entity_id}" if entity_id in self.own else self._local + entity_id

    def organisation(self, org_id: str) -> str:
        return self.b.organisation(self.pack, org_id)

    def local(self, entity_id: str) -> str:
        return self._local + entity_id

    def plan(self, fields: tuple[_EdgeField, ...]) -> tuple[_Step, ...]:
        """The edge fields of a class with each kind's lookup chosen once, not per reference."""
        # Built here, not kept on self: bound methods kept there would make a reference cycle
        # through the pack, which then outlived the call until a full garbage collection.
        by_kind: dict[str, _Find] = {
            "SDG": self.b.sdg,
            "theme": self.b.theme,
            "organisation": self.organisation,
            "entity": self.entity,
        }
        return tuple(
            (name, relation, by_kind.get(kind, self.local), inward, unless)
            for name, relation, kind, inward, unless in fields
        )


def _field_edges(b: _Builder, node: str, entity: Any, plan: tuple[_Step, ...]) -> None:
    """The edges an entity's fields declare."""
    edge = b.edge
    for name, relation, find, inward, unless in plan:
        if unless and getattr(entity, unless) is not None:
            continue  # a goal under another goal is part of that goal, not of its strategy
        value = getattr(entity, name)
        if value is None:
            continue
        for item in value if type(value) is tuple else (value,):
            if type(item) is Link:
                other = find(item.to)
                link: Link | None = item
            else:
                other, link = find(item), None
            if other is None:
                continue
            if inward:
                edge(other, node, relation, link)
            else:
                edge(node, other, relation, link)


def _partner_city(b: _Builder, node: str, ps: Partnership) -> None:
    """A partner city and its country are shared nodes: a city and a country, not fields."""
    city = b.node(city_node(ps.country, ps.city), CITY, ps.city, country=ps.country)
    country = b.node(f"country:{ps.country}", COUNTRY, ps.country)
    b.edge(city, country, IN_COUNTRY)
    b.edge(node, city, WITH_CITY)


_EdgeField = tuple[str, str, str, bool, str | None]
"""A field that becomes edges: its name, relation, target kind, inward, and ``unless``."""


def _edge_fields(meanings: tuple[FieldMeaning, ...]) -> tuple[_EdgeField, ...]:
    return tuple((m.name, m.edge, str(m.refers_to), m.inward, m.unless) for m in meanings if m.edge)


_EDGE_FIELDS: dict[str, tuple[_EdgeField, ...]] = {
    name: _edge_fields(field_meaning(typing.get_args(hint)[0]))
    for name, hint in typing.get_type_hints(PackData).items()
}
"""For each entity list, the fields of its class that become edges (from the metadata)."""


# The writers moved to munintl.exports (one module per format); the old names still work.
__getattr__ = moved_names(
    __name__,
    {"to_graphml": "munintl.exports.graphml", "to_node_link": "munintl.exports.node_link"},
)
