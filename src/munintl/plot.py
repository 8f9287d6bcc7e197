"""Pictures: one municipality's goal network, SDG coverage, and an overlap heatmap, as PNG files.

Needs the ``plot`` extra (``pip install 'munintl[plot]'``, which brings matplotlib).
matplotlib is imported inside the functions, never at import time, and figures are drawn on
their own Agg canvas: nothing touches pyplot's global state or the user's chosen backend.
Each function takes data, writes one file and returns its path.

>>> import munintl, tempfile, pathlib
>>> graph = munintl.goal_network(munintl.load_pack("hamar"))
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = draw_goal_network(graph, pathlib.Path(tmp) / "hamar.png")
...     path.read_bytes()[:4] == b"\\x89PNG"
True
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from munintl._escape import mathtext
from munintl.errors import MissingExtraError, PlotError
from munintl.sdg import GOALS

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    from matplotlib.figure import Figure

    from munintl.coverage import Coverage
    from munintl.overlap.similarity import SimilarityMatrix

__all__ = [
    "KIND_COLOURS",
    "draw_goal_network",
    "plot_overlap_heatmap",
    "plot_sdg_coverage",
]

KIND_COLOURS: dict[str, str] = {
    "strategy": "#222222",
    "goal": "#1f5fa8",
    "measure": "#7fa7d6",
    "membership": "#d9822b",
    "partnership": "#a05195",
    "project": "#2a9d8f",
}
"""Node colours by kind in :func:`draw_goal_network` (SDGs take the official SDG colours)."""

_COOPERATION = ("membership", "partnership", "project")
Point = tuple[float, float]


def _figure(width: float, height: float) -> Figure:
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise MissingExtraError(
            'pictures need matplotlib: python -m pip install "munintl[plot]"'
        ) from None
    # A bare Figure renders with the Agg canvas on savefig; pyplot is never involved.
    return Figure(figsize=(width, height), layout="constrained")


def _save(figure: Figure, path: str | Path, dpi: int) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, dpi=dpi, format="png")
    return target


def _short(text: str, width: int | None = None) -> str:
    """Pack text as a label: shortened, and with ``$`` escaped so it never starts mathtext."""
    one_line = " ".join(text.split())
    shown = textwrap.shorten(one_line, width=width, placeholder="…") if width else one_line
    return mathtext(shown)


# --- the goal network ----------------------------------------------------------------------------


def _edges_into(graph: nx.MultiDiGraph[str], node: str, relation: str) -> list[str]:
    return [u for u, _, d in graph.in_edges(node, data=True) if d["relation"] == relation]


def _sdg_links(graph: nx.MultiDiGraph[str], node: str) -> list[str]:
    """The SDG nodes a node contributes to (a target counts for its SDG)."""
    found = []
    for _, target, data in graph.out_edges(node, data=True):
        if data["relation"] == "contributes_to":
            found.append(f"sdg:{graph.nodes[target]['number']}")
    return list(dict.fromkeys(found))


def _network_layout(graph: nx.MultiDiGraph[str], pack: str) -> tuple[dict[str, Point], int]:
    """Positions: strategies, then goals by depth, then measures, left to right; what serves
    the goals on their left and the SDGs on their right. Returns positions and goal depth."""
    pos, goal_depth, leaves = _tree_positions(graph, pack)
    cooperation = [
        n
        for n, d in graph.nodes(data=True)
        if d.get("kind") in _COOPERATION and d.get("pack") == pack
    ]
    # Stretch the tree when the column of memberships, partnerships and projects is longer.
    rows = max(len(leaves), len(cooperation), 1)
    stretch = rows / max(len(leaves), 1)
    pos = {node: (x, y * stretch) for node, (x, y) in pos.items()}

    def served_y(node: str) -> float:
        served = [v for _, v, d in graph.out_edges(node, data=True) if d["relation"] == "serves"]
        ys = [pos[v][1] for v in served if v in pos]
        return sum(ys) / len(ys) if ys else rows + 1.0

    def spread(nodes: list[str], x: float) -> None:
        step = rows / (len(nodes) + 1)
        for index, node in enumerate(nodes, start=1):
            pos[node] = (x, index * step + 0.5)

    tree = list(pos)
    spread(sorted(cooperation, key=served_y), -1.5)
    sdgs = sorted(
        {sdg for node in tree for sdg in _sdg_links(graph, node)},
        key=lambda n: int(graph.nodes[n]["number"]),
    )
    spread(sdgs, goal_depth + 2.5)
    return pos, goal_depth


def _tree_positions(
    graph: nx.MultiDiGraph[str], pack: str
) -> tuple[dict[str, Point], int, list[str]]:
    """The strategy trees' positions, their deepest goal level and their leaves in row order."""
    strategies = [
        n
        for n, d in graph.nodes(data=True)
        if d.get("kind") == "strategy"
        and d.get("pack") == pack
        and _edges_into(graph, n, "part_of")
    ]
    pos: dict[str, Point] = {}
    depth_of: dict[str, int] = {}
    leaves: list[str] = []

    def visit(node: str, depth: int) -> float:
        # Leaves (measures, or goals with nothing under them) take the next row; a goal sits
        # at the middle of what is under it.
        depth_of[node] = depth
        ys = [
            visit(child, depth + 1)
            for child in _edges_into(graph, node, "part_of")
            if child not in depth_of
        ]
        for measure in _edges_into(graph, node, "implements"):
            leaves.append(measure)
            ys.append(float(len(leaves)))
        if not ys:
            leaves.append(node)
            ys.append(float(len(leaves)))
        pos[node] = (float(depth), sum(ys) / len(ys))
        return pos[node][1]

    for strategy in strategies:
        visit(strategy, 0)
    goal_depth = max(depth_of.values(), default=0)
    for row, node in enumerate(leaves, start=1):
        if graph.nodes[node]["kind"] == "measure":
            pos[node] = (goal_depth + 1.0, float(row))
    return pos, goal_depth, leaves


def draw_goal_network(
    graph: nx.MultiDiGraph[str],
    path: str | Path,
    *,
    pack: str | None = None,
    title: str | None = None,
    dpi: int = 110,
) -> Path:
    """Draw one municipality's goal network from :func:`munintl.goal_network` into a PNG file.

    The strategy and its goal hierarchy run left to right, with the measures under the goals
    in the next column; memberships, partnerships and projects stand on the left, joined to
    the goals they serve; the SDGs the goals and measures contribute to stand on the right,
    in the official SDG colours. ``pack`` picks the municipality when the graph holds several.

    Parameters
    ----------
    graph : networkx.MultiDiGraph, a goal network
    path : str or pathlib.Path, the PNG file to write
    pack : str, optional, the pack to draw; required when the graph holds several
    title : str, optional, by default the municipality's name
    dpi : int, default 110, dots per inch

    Returns
    -------
    pathlib.Path, the file written

    Raises
    ------
    munintl.errors.PlotError
        When ``pack`` is missing for a graph of several packs, or not in the graph.
    munintl.errors.MissingExtraError
        When matplotlib (the ``plot`` extra) is not installed.

    Examples
    --------
    >>> import munintl, tempfile
    >>> graph = munintl.goal_network(munintl.load_pack("hamar"))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     draw_goal_network(graph, f"{tmp}/hamar.png", dpi=20).name
    'hamar.png'
    """
    pack = _pick_pack(graph, pack)
    pos, goal_depth = _network_layout(graph, pack)
    rows = max((y for _, y in pos.values()), default=1.0)
    figure = _figure(16.0, max(6.0, rows * 0.16 + 2))
    ax = figure.add_subplot()
    ax.set_axis_off()
    _draw_edges(ax, graph, pos)
    _draw_nodes(ax, graph, pos)
    _legend(ax, figure)
    ax.set_xlim(-4.2, goal_depth + 3.6)
    ax.invert_yaxis()
    municipality = next(
        (d["label"] for n, d in graph.nodes(data=True) if n == f"municipality:{pack}"), pack
    )
    ax.set_title(title or f"{_short(municipality)}: goal network", fontsize=11, loc="left")
    return _save(figure, path, dpi)


def _legend(ax: Any, figure: Figure) -> None:
    legend = [("strategy", "strategy"), ("goal", "goal"), ("measure", "measure")]
    legend += [(k, k) for k in _COOPERATION]
    for kind, label in legend:
        ax.scatter([], [], color=KIND_COLOURS[kind], label=label, s=30)
    figure.legend(loc="outside lower left", fontsize=7, frameon=False, ncols=len(legend))


def _pick_pack(graph: nx.MultiDiGraph[str], pack: str | None) -> str:
    packs = sorted({d["pack"] for _, d in graph.nodes(data=True) if "pack" in d})
    if pack is None:
        if len(packs) != 1:
            raise PlotError(f"the graph holds packs {packs}; say which one to draw with pack=")
        return str(packs[0])
    if pack not in packs:
        raise PlotError(f"the graph holds no pack {pack!r} (it holds {packs})")
    return pack


def _draw_edges(ax: Any, graph: nx.MultiDiGraph[str], pos: dict[str, Point]) -> None:
    from munintl.reference import SDG_COLOURS

    lines: list[tuple[str, str, str, float]] = []  # from, to, colour, alpha
    for u, v, data in graph.edges(data=True):
        relation = data["relation"]
        if u in pos and v in pos and relation in {"part_of", "implements", "serves"}:
            lines.append((u, v, "#9a9a9a", 0.25 if relation == "serves" else 0.6))
    for node in [n for n in pos if graph.nodes[n]["kind"] in {"strategy", "goal", "measure"}]:
        for sdg in _sdg_links(graph, node):
            lines.append((node, sdg, SDG_COLOURS[graph.nodes[sdg]["number"]], 0.35))
    for u, v, colour, alpha in lines:
        (x1, y1), (x2, y2) = pos[u], pos[v]
        ax.plot([x1, x2], [y1, y2], color=colour, alpha=alpha, linewidth=0.7, zorder=1)


def _draw_nodes(ax: Any, graph: nx.MultiDiGraph[str], pos: dict[str, Point]) -> None:
    from munintl.reference import SDG_COLOURS

    for node, (x, y) in pos.items():
        data = graph.nodes[node]
        kind = data["kind"]
        colour = SDG_COLOURS[data["number"]] if kind == "sdg" else KIND_COLOURS.get(kind, "#777")
        size = {"strategy": 120, "goal": 60, "sdg": 140}.get(kind, 18)
        ax.scatter([x], [y], s=size, color=colour, zorder=2, edgecolors="white", linewidths=0.5)
        if kind == "measure":
            continue
        dy = 0.0
        if kind == "sdg":
            text, align, dx = f"SDG {data['number']}", "left", 0.12
        elif kind in _COOPERATION:
            text, align, dx = _short(data["label"], 40), "right", -0.1
        elif kind == "strategy":  # above its node, clear of the top goal's label
            text, align, dx, dy = _short(data["label"], 40), "center", 0.0, -0.8
        else:
            number = f"{data['number']} " if data.get("number") else ""
            text, align, dx = number + _short(data["label"], 30), "left", 0.08
        # A white box keeps a label readable where it crosses the edges beside it.
        box = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"}
        ax.text(x + dx, y + dy, text, fontsize=6.5, ha=align, va="center", zorder=3, bbox=box)


# --- SDG coverage --------------------------------------------------------------------------------


def plot_sdg_coverage(
    coverages: Sequence[Coverage],
    path: str | Path,
    *,
    title: str | None = None,
    dpi: int = 110,
) -> Path:
    """Bar charts of SDG coverage from :func:`munintl.sdg_coverage`, one row per municipality.

    Each bar is the number of goals that carry an SDG, in that SDG's official colour: solid for
    goals that carry it by a stated link, pale and hatched for those that carry it only by an
    inferred one. A star marks an SDG a strategy names as its focus.

    Parameters
    ----------
    coverages : sequence of Coverage, one row per municipality
    path : str or pathlib.Path, the PNG file to write
    title : str, optional, the figure's title
    dpi : int, default 110, dots per inch

    Returns
    -------
    pathlib.Path, the file written

    Raises
    ------
    munintl.errors.PlotError
        When ``coverages`` is empty.
    munintl.errors.MissingExtraError
        When matplotlib (the ``plot`` extra) is not installed.

    Examples
    --------
    >>> import munintl, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     plot_sdg_coverage(munintl.sdg_coverage("hamar"), f"{tmp}/sdg.png", dpi=20).name
    'sdg.png'
    """
    from munintl.reference import SDG_COLOURS, sdgs

    if not coverages:
        raise PlotError("no coverage to plot: give at least one municipality's coverage")
    figure = _figure(12.0, 1.0 + 2.1 * len(coverages))
    axes = figure.subplots(len(coverages), 1, sharex=True, squeeze=False)[:, 0]
    numbers = list(GOALS)
    colours = [SDG_COLOURS[n] for n in numbers]
    top = max((len(r.goals) for c in coverages for r in c.rows), default=0)
    for ax, coverage in zip(axes, coverages, strict=True):
        _coverage_bars(ax, coverage, top)
    names = [f"{n} {_short(sdgs()[n].short_title, 24)}" for n in numbers]
    axes[-1].set_xticks(numbers, names, rotation=40, ha="right", rotation_mode="anchor", fontsize=8)
    for label, colour in zip(axes[-1].get_xticklabels(), colours, strict=True):
        label.set_color(colour)
    default = (
        "SDG coverage: goals carrying each SDG (solid: stated, hatched: inferred only;"
        " ★ stated focus)"
    )
    figure.suptitle(title or default, fontsize=10, x=0.01, ha="left")
    return _save(figure, path, dpi)


def _draw_panels(
    axes: Any, panels: list[tuple[str, Any]], names: list[str], weights: Any, columns: int
) -> Any:
    """Each panel in its axes (names on the left column only); the last image drawn."""
    image = None
    for index, (ax, (name, grid)) in enumerate(zip(axes, panels, strict=False)):
        weight = "" if index == 0 else f" ({weights[index - 1]:.0%})"
        image = _heatmap(ax, grid, names, name + weight, first=index == 0)
        if index % columns:
            ax.set_yticks(list(range(len(names))), [""] * len(names), fontsize=7)
    for ax in axes[len(panels) :]:
        ax.set_axis_off()
    return image


def _panels(matrix: SimilarityMatrix) -> list[tuple[str, Any]]:
    """The combined grid, then one per dimension, each with its title."""
    return [("combined", matrix.combined)] + [
        (dim.value.replace("_", " "), grid)
        for dim, grid in zip(matrix.dimensions, matrix.by_dimension, strict=True)
    ]


def _heatmap(ax: Any, grid: Any, names: list[str], title: str, *, first: bool) -> Any:
    """One panel: the grid of scores, titled, with the names on both axes."""
    image = ax.imshow(grid, cmap="Blues", vmin=0.0, vmax=1.0)
    ax.set_title(title, fontsize=9, fontweight="bold" if first else "normal")
    ticks = list(range(len(names)))
    ax.set_xticks(ticks, names, rotation=45, ha="right", rotation_mode="anchor", fontsize=7)
    ax.set_yticks(ticks, names, fontsize=7)
    if len(names) <= 12:  # numbers stay legible up to about a dozen municipalities
        for i, row in enumerate(grid):
            for j, value in enumerate(row):
                colour = "white" if value > 0.6 else "#222222"
                ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=7,
                        color=colour)  # fmt: skip
    return image


def _coverage_bars(ax: Any, coverage: Coverage, top: int) -> None:
    """One municipality's row: stated and inferred bars per SDG, a star on a stated focus."""
    from munintl.reference import SDG_COLOURS

    numbers = list(GOALS)
    colours = [SDG_COLOURS[n] for n in numbers]
    stated = [coverage.row(n).stated for n in numbers]
    inferred = [coverage.row(n).inferred for n in numbers]
    ax.bar(numbers, stated, color=colours, edgecolor="white", linewidth=0.5)
    ax.bar(numbers, inferred, bottom=stated, color=colours, alpha=0.45, hatch="///",
           edgecolor="white", linewidth=0.5)  # fmt: skip
    for n in numbers:
        row = coverage.row(n)
        if row.focus:
            ax.text(n, len(row.goals) + 0.15, "★", ha="center", va="bottom", fontsize=11,
                    color=SDG_COLOURS[n])  # fmt: skip
    ax.set_ylim(0, max(top, 1) * 1.3 + 0.5)
    ax.set_ylabel(_short(coverage.municipality), fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.get_major_locator().set_params(integer=True)
    served = f"{len(coverage.served)}/17 SDGs, {coverage.linked_goals}/{coverage.goals} goals"
    ax.set_title(served, fontsize=8, loc="right", color="#555555")


# --- overlap --------------------------------------------------------------------------------------


def plot_overlap_heatmap(
    matrix: SimilarityMatrix,
    path: str | Path,
    *,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    dpi: int = 110,
) -> Path:
    """Heatmaps of how alike municipalities are: the combined score, then each dimension.

    ``matrix`` is a full :class:`munintl.overlap.SimilarityMatrix` (``overlap(...).similarity``
    or ``similarity_matrix(packs)``; a top-k matrix has no full matrix to draw). Each cell is
    a score from 0 (nothing in common) to 1 (the same), printed in the cell. ``labels`` maps
    pack names to the names shown (``{"bergen": "Bergen"}``).

    Parameters
    ----------
    matrix : SimilarityMatrix, a full one
    path : str or pathlib.Path, the PNG file to write
    labels : mapping of str to str, optional, the names shown for the packs
    title : str, optional, the figure's title
    dpi : int, default 110, dots per inch

    Returns
    -------
    pathlib.Path, the file written

    Raises
    ------
    munintl.errors.PlotError
        When the matrix is a top-k one.
    munintl.errors.MissingExtraError
        When matplotlib (the ``plot`` extra) is not installed.

    Examples
    --------
    >>> import tempfile
    >>> from munintl.overlap import similarity_matrix
    >>> matrix = similarity_matrix(["hamar", "oslo"])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     plot_overlap_heatmap(matrix, f"{tmp}/overlap.png", labels={"oslo": "Oslo"}).name
    'overlap.png'
    """
    if matrix.top is not None or not matrix.combined:
        raise PlotError("a top-k similarity matrix has no full matrix to draw; omit top=")
    names = [_short((labels or {}).get(name, name)) for name in matrix.names]
    panels = _panels(matrix)
    columns = 4
    rows = -(-len(panels) // columns)
    size = max(2.6, 0.45 * len(names) + 1.2)
    figure = _figure(columns * size, rows * size + 0.6)
    axes = figure.subplots(rows, columns, squeeze=False).ravel()
    image = _draw_panels(axes, panels, names, matrix.weights, columns)
    if image is not None:
        figure.colorbar(image, ax=list(axes), shrink=0.6, label="similarity (0 to 1)")
    default = "How alike the municipalities are: combined, and per dimension (weight)"
    figure.suptitle(title or default, fontsize=10, x=0.01, ha="left")
    return _save(figure, path, dpi)
