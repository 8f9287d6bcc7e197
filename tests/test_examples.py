"""Every script in examples/ runs, prints something meaningful, and writes what it says it writes.

Scripts are discovered, so a new example is run without touching this file. An example declares
the files it writes in its docstring, on a line ``Writes: name, name``; it then takes
``--out DIR``.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

EXAMPLES_DIR = Path(__file__).parents[1] / "examples"
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.py"))
PNG = b"\x89PNG\r\n\x1a\n"

# What each known example must print, beyond the checks every example gets.
EXPECTED: dict[str, list[str]] = {
    "01_quick_start.py": [
        "Installed packs: bergen, hamar, oslo",
        "Hamar (kommunenummer 3403)",
        "[hovedmål]",
    ],
    "02_goal_network.py": [
        "Goal network of Bergen, Oslo, Hamar",
        "shared organisation: Eurocities (bergen, oslo)",
    ],
    "03_alignment_checks.py": ["checks on Bergen, Oslo, Hamar", "Worst first:", "hint: "],
    "04_compare_municipalities.py": [
        "Eurocities: Bergen (member), Oslo (member)",
        "Goals that pursue the same thing",
        "Similarity (0 to 1)",
    ],
    "05_sdg_coverage.py": ["SDG coverage", "17 Partnerships for the goals", "goal–SDG links"],
    "06_graph_tools.py": ["igraph reads the goal network of Bergen, Oslo, Hamar", "Eurocities: 2"],
    "07_linked_data.py": [
        "Bergen's goals that serve SDG 17:",
        "1.3 Bergen kommune skal være en aktiv medspiller",
        "-> SDG 17: inferred",
    ],
}


def declared_outputs(script: Path) -> list[str]:
    """The file names on the ``Writes:`` line of the script's docstring."""
    doc = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8"))) or ""
    for line in doc.splitlines():
        if line.startswith("Writes:"):
            return [name.strip() for name in line.removeprefix("Writes:").split(",")]
    return []


def run(script: Path, cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "MUNINTL_EXAMPLES_OUT"}
    return subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        cwd=cwd,  # not the repository: an example must not depend on where it is run from
        env={**environment, **env},
        timeout=300,
    )


def assert_written(folder: Path, names: list[str]) -> None:
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)
    for name in names:
        data = (folder / name).read_bytes()
        assert len(data) > 1000, f"{name} is (nearly) empty"
        if name.endswith(".png"):
            assert data.startswith(PNG), f"{name} is not a PNG file"
        elif name.endswith(".graphml"):
            assert nx.read_graphml(folder / name).number_of_nodes() > 0
        elif name.endswith(".json"):
            assert json.loads(data)


def test_the_examples_are_found_and_draw_the_pictures() -> None:
    assert set(EXPECTED) <= {p.name for p in EXAMPLES}
    pictures = {name for p in EXAMPLES for name in declared_outputs(p) if name.endswith(".png")}
    assert {"goal-network-bergen.png", "sdg-coverage.png", "overlap-heatmap.png"} <= pictures


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_runs_and_writes_its_files(script: Path, tmp_path: Path) -> None:
    outputs = declared_outputs(script)
    out = tmp_path / "out"
    result = run(script, tmp_path, *(["--out", str(out)] if outputs else []))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) >= 3, result.stdout
    assert any(town in result.stdout for town in ("Bergen", "Oslo", "Hamar")), result.stdout
    for expected in EXPECTED.get(script.name, []):
        assert expected in result.stdout
    if outputs:
        assert_written(out, outputs)
        for name in outputs:
            assert f"Wrote {out / name}" in result.stdout
    else:
        assert not out.exists()


def test_examples_write_into_the_folder_named_by_the_environment(tmp_path: Path) -> None:
    script = next(p for p in EXAMPLES if declared_outputs(p))
    result = run(script, tmp_path, MUNINTL_EXAMPLES_OUT=str(tmp_path / "from-env"))
    assert result.returncode == 0, result.stderr
    assert_written(tmp_path / "from-env", declared_outputs(script))
