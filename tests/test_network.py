from __future__ import annotations

import subprocess
import sys

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
    assert g.has_edge("a:g1", "a:s", key="part_of")
    assert g.has_edge("a:m1", "a:g1", key="implements")
    assert g.has_edge("a:dept", "a:m1", key="responsible_for")
    assert g.has_edge("a:m-eurocities", "org:eurocities", key="member_of")
    assert g.has_edge("a:m-eurocities", "a:g1", key="serves")
    edge = g.edges["a:g1", "sdg:16", "contributes_to"]
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
    for u, v, key, data in g.edges(keys=True, data=True):
        assert key == data["relation"] and key in EDGE_RELATIONS
        assert u in g and v in g


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
    assert g.has_edge("sdg:17.17", "sdg:17", key="target_of")


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
