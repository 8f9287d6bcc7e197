"""The README is a promise: its code runs, and CI runs its test command verbatim."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_quick_start_is_two_commands() -> None:
    commands = [block.strip() for block in _blocks("sh")[:2]]
    assert commands[0] == (
        "python -m pip install . ./packs/bergen ./packs/oslo ./packs/hamar "
        "&& munintl report bergen oslo hamar"
    )
    assert commands[1].endswith("&& python -m pytest")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    test_command = _blocks("sh")[1].strip()
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_python_tour_runs() -> None:
    for block in _blocks("python"):
        namespace: dict[str, object] = {}
        exec(compile(block, "README.md", "exec"), namespace)
        assert namespace["munintl"].__name__ == "munintl"  # type: ignore[attr-defined]


def test_every_linked_file_exists() -> None:
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", README):
        if "://" not in target:
            assert (ROOT / target).exists(), target
