"""Pictures: drawn from data into PNG files, with matplotlib loaded only when drawing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from munintl.coverage import sdg_coverage
from munintl.errors import MissingExtraError
from munintl.model import (
    Evidence,
    Goal,
    GoalLevel,
    Link,
    Locator,
    Measure,
    Membership,
    MembershipStatus,
    Pack,
    StatusEntry,
)
from munintl.network import goal_network
from munintl.overlap.similarity import similarity_matrix
from munintl.plot import (
    _network_layout,
    draw_goal_network,
    plot_overlap_heatmap,
    plot_sdg_coverage,
)
from tests.conftest import tiny_pack

PNG = b"\x89PNG\r\n\x1a\n"
LOC = Locator(document="doc", section="1")


def small_pack(name: str = "tiny", code: str = "9999") -> Pack:
    return tiny_pack(
        name,
        code,
        goals=(
            Goal("top", "s", GoalLevel.MAIN_GOAL, "hovedmål", "Et åpent samfunn", LOC),
            Goal("sub", "s", GoalLevel.SUB_GOAL, "delmål", "Lære av andre", LOC, parent="top",
                 number="1", sdgs=(Link("17.17", Evidence.STATED),)),
        ),
        measures=(
            Measure("m1", "sub", "Søke EU-midler", LOC, sdgs=(Link("4", Evidence.STATED),)),
            Measure("m2", "sub", "Delta i nettverk", LOC),
        ),
        memberships=(
            Membership("ms", "eurocities", (StatusEntry(MembershipStatus.MEMBER, LOC),), LOC,
                       serves=(Link("sub", Evidence.STATED),)),
        ),
    )  # fmt: skip


def test_draws_a_png(tmp_path: Path) -> None:
    path = draw_goal_network(goal_network(small_pack()), tmp_path / "sub" / "net.png")
    assert path == tmp_path / "sub" / "net.png"
    data = path.read_bytes()
    assert data.startswith(PNG) and len(data) > 10_000


def test_layout_runs_left_to_right() -> None:
    graph = goal_network(small_pack())
    pos, depth = _network_layout(graph, "tiny")
    x = {node.split(":", 1)[1]: px for node, (px, _) in pos.items()}
    assert depth == 2
    assert (x["s"], x["top"], x["sub"], x["m1"], x["m2"]) == (0.0, 1.0, 2.0, 3.0, 3.0)
    assert x["ms"] < 0 < x["4"] - 3 and x["4"] == x["17"]  # memberships left, SDGs right
    assert set(x) == {"s", "top", "sub", "m1", "m2", "ms", "4", "17"}
    ys = {node.split(":", 1)[1]: py for node, (_, py) in pos.items()}
    assert ys["m1"] < ys["m2"] and ys["sub"] == (ys["m1"] + ys["m2"]) / 2


def test_a_graph_of_several_packs_needs_a_pack_name(tmp_path: Path) -> None:
    graph = goal_network(small_pack(), small_pack("other", "9998"))
    with pytest.raises(ValueError, match="say which one"):
        draw_goal_network(graph, tmp_path / "x.png")
    with pytest.raises(ValueError, match="no pack 'nowhere'"):
        draw_goal_network(graph, tmp_path / "x.png", pack="nowhere")
    assert not (tmp_path / "x.png").exists()
    assert draw_goal_network(graph, tmp_path / "x.png", pack="other").read_bytes().startswith(PNG)


def test_without_matplotlib_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)  # makes the import fail
    with pytest.raises(MissingExtraError, match=r'python -m pip install "munintl\[plot\]"'):
        draw_goal_network(goal_network(small_pack()), tmp_path / "x.png")


def test_matplotlib_is_loaded_only_to_draw_and_pyplot_never() -> None:
    probe = (
        "import sys, tempfile, munintl, munintl.plot;"
        "before = 'matplotlib' in sys.modules;"
        "g = munintl.goal_network(munintl.load_pack('oslo'));"
        "munintl.plot.draw_goal_network(g, tempfile.mkdtemp() + '/o.png');"
        "print(before, 'matplotlib' in sys.modules, 'matplotlib.pyplot' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "False"]


@pytest.mark.parametrize("name", ["bergen", "oslo", "hamar"])
def test_draws_each_bundled_pack(tmp_path: Path, name: str) -> None:
    import munintl

    path = draw_goal_network(munintl.goal_network(munintl.load_pack(name)), tmp_path / "n.png")
    assert path.read_bytes().startswith(PNG)


def test_sdg_coverage_chart(tmp_path: Path) -> None:
    coverages = sdg_coverage(small_pack(), small_pack("other", "9998"))
    path = plot_sdg_coverage(coverages, tmp_path / "coverage.png")
    data = path.read_bytes()
    assert data.startswith(PNG) and len(data) > 10_000
    with pytest.raises(ValueError, match="at least one"):
        plot_sdg_coverage([], tmp_path / "none.png")
    assert not (tmp_path / "none.png").exists()


def test_sdg_coverage_chart_of_the_bundled_packs(tmp_path: Path) -> None:
    path = plot_sdg_coverage(sdg_coverage("bergen", "oslo", "hamar"), tmp_path / "c.png")
    assert path.read_bytes().startswith(PNG)


def test_overlap_heatmap(tmp_path: Path) -> None:
    matrix = similarity_matrix([small_pack(), small_pack("other", "9998")])
    path = plot_overlap_heatmap(matrix, tmp_path / "heat.png", labels={"tiny": "Tiny"})
    data = path.read_bytes()
    assert data.startswith(PNG) and len(data) > 10_000


def test_a_top_k_matrix_cannot_be_drawn(tmp_path: Path) -> None:
    matrix = similarity_matrix([small_pack(), small_pack("other", "9998")], top=1)
    with pytest.raises(ValueError, match="top-k"):
        plot_overlap_heatmap(matrix, tmp_path / "heat.png")
    assert not (tmp_path / "heat.png").exists()


def test_pack_text_never_starts_matplotlib_mathtext(tmp_path: Path) -> None:
    # An unbalanced "$...$" in a title would make matplotlib fail to draw the figure.
    pack = small_pack()
    goals = tuple(attrs.evolve(g, title="Budsjett $x^{$ kroner") for g in pack.goals)
    graph = goal_network(attrs.evolve(pack, goals=goals))
    assert draw_goal_network(graph, tmp_path / "n.png").read_bytes().startswith(PNG)
    coverage = [attrs.evolve(sdg_coverage(pack)[0], municipality="$x^{$")]
    assert plot_sdg_coverage(coverage, tmp_path / "c.png").read_bytes().startswith(PNG)
    matrix = similarity_matrix([pack])
    heat = plot_overlap_heatmap(matrix, tmp_path / "h.png", labels={"tiny": "$x^{$"})
    assert heat.read_bytes().startswith(PNG)
