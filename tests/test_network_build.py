"""The goal network's builder fills networkx's dicts directly (for speed); these tests hold it
to the graph networkx's public API makes from the same walk, and the walk to the field
metadata, so a dropped, renumbered or reordered node, edge or attribute fails here."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import pytest

import munintl
from munintl import network
from munintl.model import (
    ENTITY_LISTS,
    Evidence,
    Link,
    Locator,
    Measure,
    Membership,
    Organisation,
    OrganisationKind,
    Pack,
    Partnership,
    field_meaning,
)
from munintl.network import NODE_KINDS, city_node
from munintl.sdg import SdgRef
from tests.conftest import tiny_pack

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

import generate

LOC = Locator(document="doc", section="1")


class _Mirrored(network._Builder):
    """The builder, with every node and edge it is given also added to a second graph the
    way the goal network was built before: ``add_node``/``add_edge``, networkx numbering
    the edge keys, one edge per relation between two nodes."""

    def __init__(self) -> None:
        super().__init__()
        self.public: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        BUILT.append(self)

    def declare(self, node: str, data: dict[str, Any]) -> str:
        if node not in self.public or not self.public.nodes[node]:
            self.public.add_node(node, **{k: v for k, v in data.items() if v is not None})
        return super().declare(node, data)

    def edge(self, source: str, target: str, relation: str, link: Link | None = None) -> None:
        known = self.public.get_edge_data(source, target) or {}
        if all(d["relation"] != relation for d in known.values()):
            data = {"relation": relation}
            if link is not None:
                data["evidence"] = link.evidence.value
                if link.rationale:
                    data["rationale"] = link.rationale
            self.public.add_edge(source, target, **data)
        super().edge(source, target, relation, link)


BUILT: list[_Mirrored] = []


@pytest.fixture
def mirrored(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    BUILT.clear()
    monkeypatch.setattr(network, "_Builder", _Mirrored)
    yield
    BUILT.clear()


def layout(g: nx.MultiDiGraph[str]) -> tuple[list[Any], ...]:
    """Everything an export or a reader can see, in networkx's iteration order."""
    return (
        [(n, list(d.items())) for n, d in g.nodes(data=True)],
        [(u, v, k, list(d.items())) for u, v, k, d in g.edges(keys=True, data=True)],
        [(u, v, k) for u, v, k in g.in_edges(keys=True)],
        [(n, list(g.succ[n]), list(g.pred[n])) for n in g],
    )


def assert_same_as_public(*packs: Pack) -> nx.MultiDiGraph[str]:
    g = munintl.goal_network(*packs)
    (builder,) = BUILT
    BUILT.clear()
    assert layout(g) == layout(builder.public)
    assert nx.utils.graphs_equal(g, builder.public)
    # networkx's invariants: every edge has its own data dict, seen from both ends; both ends
    # share one key dict, so an edge added later between the same nodes is seen from both
    assert all(g.pred[v][u][k] is d for u, v, k, d in g.edges(keys=True, data=True))
    assert len({id(d) for _, _, d in g.edges(data=True)}) == g.number_of_edges()
    for u, v in list(g.edges()):
        g.add_edge(u, v, key="probe")
        assert "probe" in g.pred[v][u]
        g.remove_edge(u, v, key="probe")
    assert layout(g) == layout(builder.public)
    return g


@pytest.mark.usefixtures("mirrored")
def test_the_real_packs_build_as_through_the_public_api() -> None:
    real = [munintl.load_pack(name) for name in ("bergen", "oslo", "hamar")]
    for packs in ([p] for p in real):
        assert_same_as_public(*packs)
    g = assert_same_as_public(*real)
    assert_same_as_public(*reversed(real))
    assert g.number_of_edges() > 1000  # the comparison saw the whole graph


@pytest.mark.usefixtures("mirrored")
def test_generated_packs_build_as_through_the_public_api() -> None:
    packs = generate.generate_packs(12, seed=3)
    g = assert_same_as_public(*packs)
    assert {d["relation"] for _, _, d in g.edges(data=True)} >= {"serves", "contributes_to"}


@pytest.mark.usefixtures("mirrored")
def test_undeclared_references_become_bare_nodes_declared_later() -> None:
    """An unvalidated pack: a measure of an undeclared goal, a membership of an organisation
    no registry knows. Their nodes are bare (no attributes) until another pack declares
    one; the shared organisation keeps its place in the node order."""
    stray = Measure(id="m", goal="nowhere", title="t", source=LOC)
    member = Membership(id="m-x", organisation="newcomer", source=LOC, statuses=())
    a = tiny_pack("a", "1111", measures=(stray,), memberships=(member,))
    b = tiny_pack("b", "2222", memberships=(member,))
    newcomer = Organisation(id="newcomer", name="Newcomer", kind=OrganisationKind.NETWORK)
    b = attrs.evolve(b, organisations=(newcomer,))
    g = assert_same_as_public(a, b)
    assert g.nodes["a:nowhere"] == {}
    assert g.nodes["org:newcomer"]["kind"] == "organisation"
    assert list(g).index("org:newcomer") < list(g).index("municipality:b")


@pytest.mark.usefixtures("mirrored")
def test_two_relations_and_repeated_references_keep_networkx_numbering() -> None:
    pack = tiny_pack()
    (strategy,) = pack.strategies
    strategy = attrs.evolve(strategy, supersedes=("doc", "doc"), builds_on=("doc",))
    twice = Link("17.17", Evidence.INFERRED, rationale="why")
    measure = Measure(id="m", goal="g1", title="t", source=LOC, sdgs=(twice, twice))
    g = assert_same_as_public(attrs.evolve(pack, strategies=(strategy,), measures=(measure,)))
    assert sorted(g.get_edge_data(f"{pack.name}:{strategy.id}", f"{pack.name}:doc")) == [0, 1, 2]
    assert list(g.get_edge_data(f"{pack.name}:m", "sdg:17.17").values()) == [
        {"relation": "contributes_to", "evidence": "inferred", "rationale": "why"}
    ]


def _target(pack: Pack, kind: str | None, ref: str) -> str:
    """The node a reference points at, by its declared kind (what the field metadata says)."""
    if kind == "SDG":
        return f"sdg:{SdgRef.parse(ref)}"
    if kind == "theme":
        return f"theme:{ref}"
    own = {o.id for o in pack.organisations}
    if kind == "organisation" or (kind == "entity" and ref in own):
        return f"org:{ref}"
    return f"{pack.name}:{ref}"


def declared_edges(pack: Pack) -> Iterator[tuple[str, str, str, dict[str, str]]]:
    """Every edge the pack's field metadata declares: (source, target, relation, link data),
    the municipality's own edges (the pack's fields) included, and each partner city's."""
    own = {o.id for o in pack.organisations}
    home = f"municipality:{pack.name}"
    for_pack = {m.name: m.edge for m in field_meaning(Pack) if m.edge}
    for name in ENTITY_LISTS:
        for entity in getattr(pack, name):
            node = f"org:{entity.id}" if entity.id in own else f"{pack.name}:{entity.id}"
            if name in for_pack:
                yield home, node, for_pack[name], {}
            if isinstance(entity, Partnership):
                city = city_node(entity.country, entity.city)
                yield node, city, "with_city", {}
                yield city, f"country:{entity.country}", "in_country", {}
            for m in field_meaning(type(entity)):
                if not m.edge or (m.unless and getattr(entity, m.unless) is not None):
                    continue
                value = getattr(entity, m.name)
                items = () if value is None else value if isinstance(value, tuple) else (value,)
                for item in items:
                    ref, data = _reference(item)
                    other = _target(pack, m.refers_to, ref)
                    yield (other, node, m.edge, data) if m.inward else (node, other, m.edge, data)


def _reference(item: Link | str) -> tuple[str, dict[str, str]]:
    """What a reference points at, and the edge data a link adds."""
    if not isinstance(item, Link):
        return item, {}
    data = {"evidence": item.evidence.value}
    return item.to, {**data, "rationale": item.rationale} if item.rationale else data


def test_the_edges_are_exactly_those_the_field_metadata_declares() -> None:
    """An oracle from the metadata alone (not the builder): each reference of each edge field
    is an edge with its relation, evidence and rationale, and the graph has no other edges
    than these and each SDG target's edge to its goal."""
    packs = [munintl.load_pack(name) for name in ("bergen", "oslo", "hamar")]
    packs += generate.generate_packs(3, seed=2)
    g = munintl.goal_network(*packs)
    declared = {
        (source, target, frozenset({"relation": relation, **data}.items()))
        for pack in packs
        for source, target, relation, data in declared_edges(pack)
    }
    targets = [n for n, kind in g.nodes(data="kind") if kind == "sdg_target"]
    target_of = frozenset({("relation", "target_of")})
    declared |= {(t, f"sdg:{SdgRef.parse(t[4:]).goal}", target_of) for t in targets}
    edges = [(u, v, frozenset(d.items())) for u, v, d in g.edges(data=True)]
    assert len(edges) == len(set(edges))
    assert set(edges) == declared
    assert len(edges) > 1500 and targets


# Each node kind's attributes: always there, and there when known (None is left out).
NODE_ATTRIBUTES: dict[str, tuple[set[str], set[str]]] = {
    "municipality": ({"pack", "code"}, set()),
    "document": ({"pack", "doc_kind"}, set()),
    "department": ({"pack"}, set()),
    "plan_goal": ({"pack"}, {"level"}),
    "strategy": ({"pack", "status", "current"}, {"in_force"}),
    "goal": ({"pack", "level", "label_nb"}, {"number"}),
    "measure": ({"pack", "measure_kind"}, set()),
    "membership": ({"pack"}, {"status"}),
    "partnership": ({"pack", "partnership_kind"}, {"status"}),
    "project": ({"pack", "project_kind"}, set()),
    "statement": ({"pack", "statement_kind"}, set()),
    "figure": ({"pack"}, {"value"}),
    "organisation": ({"org_kind"}, set()),
    "sdg": ({"number"}, set()),
    "sdg_target": ({"number"}, set()),
    "theme": (set(), set()),
    "city": ({"country"}, set()),
    "country": (set(), set()),
}


def test_every_node_has_its_kinds_attributes() -> None:
    packs = [munintl.load_pack(name) for name in ("bergen", "oslo", "hamar")]
    packs += generate.generate_packs(3, seed=1)
    g = munintl.goal_network(*packs)
    assert NODE_ATTRIBUTES.keys() == NODE_KINDS
    for node, data in g.nodes(data=True):
        always, when_known = NODE_ATTRIBUTES[data["kind"]]
        assert always | {"kind", "label"} <= data.keys() <= always | when_known | {"kind", "label"}
        assert None not in data.values(), node
    for pack in packs:
        for entity in pack.entities():
            data = g.nodes.get(f"{pack.name}:{entity.id}") or g.nodes[f"org:{entity.id}"]
            assert data.get("pack", pack.name) == pack.name


def test_a_packs_nodes_come_list_by_list_in_a_fixed_order() -> None:
    """Exports list nodes in the graph's order; a pack's entities enter it list by list."""
    order = [
        "municipality",
        "document",
        "department",
        "plan_goal",
        "strategy",
        "goal",
        "measure",
        "membership",
        "partnership",
        "project",
        "statement",
        "figure",
    ]
    packs = [munintl.load_pack(name) for name in ("bergen", "oslo", "hamar")]
    g = munintl.goal_network(*packs)
    for pack in packs:
        kinds = [d["kind"] for _, d in g.nodes(data=True) if d.get("pack") == pack.name]
        assert kinds == sorted(kinds, key=order.index)
        assert {"municipality", "goal", "measure", "statement"} <= set(kinds)
