"""The import layering of docs/architecture.md, enforced: no module imports from a layer above.

Imports are read with ``ast`` from the source, so an import inside a function or under
``TYPE_CHECKING`` counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src"
DOC = Path(__file__).parents[1] / "docs" / "architecture.md"

# Layer of each module or package (a package's modules share its layer), lowest first.
LAYERS: dict[str, int] = {
    **dict.fromkeys(
        [
            "munintl.errors",
            "munintl._moved",
            "munintl._chars",
            "munintl._json",
            "munintl._escape",
            "munintl._gc",
            "munintl._per_pack",
            "munintl.kommunenummer",
            "munintl.dates",
            "munintl.languages",
            "munintl.model",
            "munintl.sdg",
            "munintl.timeline",
            "munintl.hierarchy",
            "munintl.reference",
        ],
        1,
    ),
    **dict.fromkeys(
        [
            "munintl._convert",
            "munintl._toml",
            "munintl._toml_position",
            "munintl.disk_cache",
            "munintl._rebuilders",
            "munintl._derived_store",
            "munintl.testing",
            "munintl.validation",
            "munintl.status_basis",
            "munintl.packs",
            "munintl.migrate",
            "munintl.scaffold",
            "munintl.provenance",
        ],
        2,
    ),
    **dict.fromkeys(
        [
            "munintl.network",
            "munintl.checks",
            "munintl.findings",
            "munintl.coverage",
            "munintl.overlap",
            "munintl._blas_threads",
            "munintl.text",
        ],
        3,
    ),
    **dict.fromkeys(
        [
            "munintl.render",
            "munintl.report",
            "munintl.plot",
            "munintl.exports",
            "munintl.overlap.report",
        ],
        4,
    ),
    **dict.fromkeys(["munintl.cli", "munintl.__main__"], 5),
}
FACADE = "munintl"
"""The package itself: it imports a name's module on first use, so any layer may import it,
and it may import any layer."""

# Third-party packages the model layer may use (it is imported by everything).
MODEL_LAYER_LIBRARIES = {"attrs", "iso3166"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int | None:
    """The layer of a module, by the longest listed prefix (``munintl.checks.goals`` is in
    ``munintl.checks``'s layer)."""
    while module:
        if module in LAYERS:
            return LAYERS[module]
        module = module.rpartition(".")[0]
    return None


def imports(path: Path) -> list[tuple[int, str]]:
    return imports_from(path, module_name(path))


def imports_from(path: Path, module: str) -> list[tuple[int, str]]:
    """(line, name) of every import in a file, relative imports resolved; ``from a import b``
    gives ``a.b``, so that ``from munintl import network`` is the network, not the facade."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""
            found.extend((node.lineno, f"{name}.{alias.name}") for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return found


SOURCES = sorted((SRC / "munintl").rglob("*.py"))


def test_every_module_has_a_layer_and_is_named_in_the_architecture_doc() -> None:
    doc = DOC.read_text(encoding="utf-8")
    modules = {module_name(p) for p in SOURCES} - {FACADE}
    assert {m for m in modules if layer_of(m) is None} == set()
    assert {m for m in LAYERS if f"`{m}`" not in doc} == set()


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_imports_from_a_layer_above(path: Path) -> None:
    module = module_name(path)
    if module == FACADE:
        return
    own = layer_of(module)
    assert own is not None
    upward = [
        f"line {line}: {name} (layer {layer_of(name)})"
        for line, name in imports(path)
        if name.startswith("munintl.") and (layer_of(name) or 0) > own
    ]
    assert upward == [], f"{module} (layer {own}) imports from above"


@pytest.mark.parametrize(
    "path",
    [p for p in SOURCES if layer_of(module_name(p)) == 1],
    ids=lambda p: str(p.relative_to(SRC)),
)
def test_the_model_layer_needs_no_heavy_library(path: Path) -> None:
    """networkx, cattrs and the optional extras stay out of the layer everything imports."""
    import sys

    third_party = (
        {name.split(".")[0] for _, name in imports(path) if not name.startswith("munintl")}
        - set(sys.stdlib_module_names)
        - {"__future__"}
    )
    assert third_party <= MODEL_LAYER_LIBRARIES


def test_the_layer_test_catches_an_upward_import(tmp_path: Path) -> None:
    """The check itself can fail: a model module importing the network inside a function,
    even through the package, is found."""
    bad = tmp_path / "munintl" / "model.py"
    bad.parent.mkdir()
    bad.write_text("def _bad():\n    from munintl import network\n", encoding="utf-8")
    names = [name for _, name in imports_from(bad, "munintl.model")]
    assert names == ["munintl.network"]
    assert layer_of(names[0]) == 3 > LAYERS["munintl.model"]


@pytest.mark.parametrize(
    ("old", "name", "new"),
    [
        ("munintl.network", "to_graphml", "munintl.exports.graphml"),
        ("munintl.network", "to_node_link", "munintl.exports.node_link"),
        ("munintl.coverage", "render_coverage", "munintl.report.coverage_table"),
    ],
)
def test_a_moved_name_is_found_at_its_old_place_with_a_warning(
    old: str, name: str, new: str
) -> None:
    import importlib

    with pytest.warns(DeprecationWarning, match=f"{old}.{name} has moved to {new}.{name}"):
        found = getattr(importlib.import_module(old), name)
    assert found is getattr(importlib.import_module(new), name)


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    import munintl.network

    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        munintl.network.nothing  # noqa: B018
