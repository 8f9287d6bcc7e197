from __future__ import annotations

import subprocess
import sys

import attrs
import networkx as nx
import pytest

import munintl
from munintl.errors import PackClashError
from munintl.model import (
    Department,
    DepartmentKind,
    Evidence,
    Link,
    Locator,
    Measure,
    Membership,
    MembershipStatus,
    Partnership,
    StatusEntry,
)
from munintl.network import (
    EDGE_RELATIONS,
    NODE_KINDS,
    city_node,
    goal_network,
)
from tests.conftest import tiny_pack


def has_relation(g: nx.MultiDiGraph[str], u: str, v: str, relation: str) -> bool:
    return any(d["relation"] == relation for d in (g.get_edge_data(u, v) or {}).values())


LOC = Locator(document="doc", section="1")


def _member(pack_name: str, org: str = "eurocities") -> Membership:
    return Membership(
        id=f"m-{org}",
        organisation=org,
        source=LOC,
        responsible=("dept",),
        statuses=(StatusEntry(MembershipStatus.MEMBER, source=LOC),),
        serves=(Link("g1", Evidence.STATED),),
    )


def _pack(name: str, code: str):  # type: ignore[no-untyped-def]
    return tiny_pack(
        name,
        code,
        departments=(Department(id="dept", name="Avdeling", kind=DepartmentKind.UNIT, source=LOC),),
        measures=(
            Measure(id="m1", goal="g1", title="Gjøre noe", source=LOC, responsible=("dept",)),
        ),
        memberships=(_member(name),),
        partnerships=(Partnership(id="p1", city="Göteborg", country="SE", source=LOC),),
    )


def test_entities_become_typed_nodes_and_edges() -> None:
    g = goal_network(_pack("a", "1111"))
    assert g.nodes["a:g1"]["kind"] == "goal"
    assert g.nodes["a:g1"]["level"] == "main_goal"
    assert has_relation(g, "a:g1", "a:s", "part_of")
    assert has_relation(g, "a:m1", "a:g1", "implements")
    assert has_relation(g, "a:dept", "a:m1", "responsible_for")
    assert has_relation(g, "a:m-eurocities", "org:eurocities", "member_of")
    assert has_relation(g, "a:m-eurocities", "a:g1", "serves")
    (edge,) = [d for d in g.get_edge_data("a:g1", "sdg:16").values()]
    assert edge["relation"] == "contributes_to"
    assert (edge["evidence"], edge["rationale"]) == ("inferred", "peace and inclusion")


def test_shared_things_are_one_node_across_packs() -> None:
    g = goal_network(_pack("a", "1111"), _pack("b", "2222"))
    owners = sorted(g.nodes[u]["pack"] for u, _ in g.in_edges("org:eurocities"))
    assert owners == ["a", "b"]
    assert sorted(u for u, _ in g.in_edges("sdg:16")) == ["a:g1", "b:g1"]
    assert sorted(u for u, _ in g.in_edges(city_node("SE", "Göteborg"))) == ["a:p1", "b:p1"]


def test_invariants_every_node_typed_every_relation_known() -> None:
    g = goal_network(_pack("a", "1111"), _pack("b", "2222"))
    assert {d["kind"] for _, d in g.nodes(data=True)} <= NODE_KINDS
    for u, v, data in g.edges(data=True):
        assert data["relation"] in EDGE_RELATIONS
        assert u in g and v in g
    # One relation between two nodes is one edge (a shared target's target_of, once per graph)
    triples = [(u, v, d["relation"]) for u, v, d in g.edges(data=True)]
    assert len(triples) == len(set(triples))


def test_two_relations_between_the_same_nodes_are_two_edges() -> None:
    """Edge keys are networkx's own (0, 1, ...), not the relation: a strategy that both
    supersedes and builds on one document has two edges to it, each with its relation."""
    pack = tiny_pack()
    (strategy,) = pack.strategies
    strategy = attrs.evolve(strategy, supersedes=("doc",), builds_on=("doc",))
    g = goal_network(attrs.evolve(pack, strategies=(strategy,)))
    edges = g.get_edge_data(f"{pack.name}:{strategy.id}", f"{pack.name}:doc")
    assert sorted(edges) == [0, 1, 2]
    assert sorted(d["relation"] for d in edges.values()) == [
        "builds_on",
        "published_in",
        "supersedes",
    ]


def test_sdg_target_links_to_its_goal() -> None:
    pack = tiny_pack(
        measures=(
            Measure(
                id="m", goal="g1", title="t", source=LOC, sdgs=(Link("17.17", Evidence.STATED),)
            ),
        )
    )
    g = goal_network(pack)
    assert g.nodes["sdg:17.17"]["kind"] == "sdg_target"
    assert has_relation(g, "sdg:17.17", "sdg:17", "target_of")


def test_import_munintl_does_not_import_networkx() -> None:
    code = "import sys, munintl; munintl.available_packs(); print('networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    timing = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import munintl"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "networkx" not in timing.stderr


def test_two_packs_giving_one_organisation_id_two_meanings_are_refused() -> None:
    # The node org:<id> is shared: two organisations of one id would become one that both
    # municipalities seem members of (the overlap and the exports refuse the same).
    bergen, hamar = munintl.load_packs(["bergen", "hamar"])
    own = hamar.organisations[0]
    other = attrs.evolve(bergen, organisations=(attrs.evolve(own, name="Another council"),))
    with pytest.raises(PackClashError, match=rf"^organisation '{own.id}' is .* in hamar but "):
        munintl.goal_network(hamar, other)
    alike = attrs.evolve(bergen, organisations=(own,))
    assert munintl.goal_network(hamar, alike).nodes[f"org:{own.id}"]["label"] == own.name
