"""The code-quality gates CI enforces: ruff (lint and format) and mypy --strict on src/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_lint() -> None:
    folders = [
        d
        for d in ("src", "tests", "packs", "examples", "benchmarks", "docs")
        if (ROOT / d).is_dir()
    ]
    result = _run("ruff", "check", *folders)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = _run("ruff", "format", "--check", "src")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_src() -> None:
    result = _run("mypy", "src")
    assert result.returncode == 0, result.stdout + result.stderr


MAX_FUNCTION_LINES = 60
"""Every function in src/, docstring included, stays under this many lines (issue 13)."""


def _function_lengths() -> list[tuple[int, str]]:
    import ast

    lengths = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                lengths.append((size, f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"))
    return lengths


def test_every_function_in_src_is_under_sixty_lines() -> None:
    too_long = [(n, where) for n, where in _function_lengths() if n >= MAX_FUNCTION_LINES]
    assert not too_long, sorted(too_long, reverse=True)


def test_the_length_measure_sees_functions() -> None:
    lengths = _function_lengths()
    assert len(lengths) > 500
    assert any(where.endswith(" migrate_pack") for _, where in lengths)
