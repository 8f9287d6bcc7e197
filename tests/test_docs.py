"""The docs: the generated pack-format reference is up to date, and the API docs build cleanly."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import attrs

from munintl import model, reference

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_pack_format", DOCS / "gen_pack_format.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pack_format_md_is_up_to_date() -> None:
    committed = (DOCS / "pack-format.md").read_text(encoding="utf-8")
    assert committed == _generator().render(), (
        "docs/pack-format.md is out of date: run python docs/gen_pack_format.py"
    )
    assert _generator().main(["--check"]) == 0


def test_every_field_of_the_format_has_a_meaning() -> None:
    missing = _generator().undocumented()
    assert missing == [], (
        f"document these fields (a docstring under the field in munintl.model, or a note in "
        f"docs/gen_pack_format.py): {missing}"
    )


def test_pack_format_documents_every_list_field_enum_value_and_reference_id() -> None:
    text = (DOCS / "pack-format.md").read_text(encoding="utf-8")
    for name in model.ENTITY_LISTS:
        assert f"`[[{name}]]`" in text
    rows = re.findall(r"^\| `(\w+)` \|", text, flags=re.MULTILINE)
    assert {"format_version", "parent", "evidence", "rationale", "as_printed"} <= set(rows)
    for level in model.GoalLevel:
        assert f"`{level.value}`" in text
    for theme in reference.themes():
        assert f"| `{theme}` |" in text
    for org in reference.organisations():
        assert f"| `{org}` |" in text
    assert "| `level` | `purpose` \\| `main_goal` \\|" in text
    assert "| `id` | text | **required** |" in text


def test_the_generator_reports_an_undocumented_field() -> None:
    gen = _generator()  # a fresh copy: changing its notes touches no other test
    assert gen.meaning(model.Goal, "title") == "The title or wording, as the document gives it."
    declared = gen._meanings  # the field metadata, as the generator reads it
    untitled = {**declared(model.Goal)}
    untitled["title"] = attrs.evolve(untitled["title"], doc=None)
    gen._meanings = lambda cls: untitled if cls is model.Goal else declared(cls)
    assert "Goal.title" in gen.undocumented()
    assert gen.meaning(model.Goal, "title") == gen.UNDOCUMENTED


def _public_modules() -> set[str]:
    """Public modules of munintl that git tracks (work in progress elsewhere is not flagged)."""
    listed = subprocess.run(
        ["git", "ls-files", ":(glob)src/munintl/*.py", ":(glob)src/munintl/*/__init__.py"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    files = [Path(line) for line in listed.stdout.splitlines()] if listed.returncode == 0 else []
    if not files:  # not a git checkout: every module present
        src = ROOT / "src" / "munintl"
        files = [*src.glob("*.py"), *src.glob("*/__init__.py")]
    names = {p.parent.name if p.name == "__init__.py" else p.stem for p in files}
    return {f"munintl.{n}" for n in names if n != "munintl" and not n.startswith("_")}


def test_every_public_module_is_in_the_api_reference() -> None:
    api = (DOCS / "api.rst").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\.\. automodule:: (munintl\.\w+)", api, flags=re.MULTILINE))
    assert _public_modules() - documented == set(), "add these modules to docs/api.rst"


def test_sphinx_builds_the_api_docs_with_warnings_as_errors(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-E", "-q", "-b", "html",
         "-d", str(tmp_path / "doctrees"), str(DOCS), str(tmp_path / "html")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    api = (tmp_path / "html" / "api.html").read_text(encoding="utf-8")
    for name in ("munintl.packs.load_pack", "munintl.model.Goal", "munintl.scaffold.new_pack"):
        assert f'id="{name}"' in api


def test_the_guide_uses_only_commands_that_exist() -> None:
    from munintl.cli import _parser

    sub = next(a for a in _parser()._actions if a.dest == "command")
    for page in (DOCS / "adding-a-pack.md", ROOT / "examples" / "README.md"):
        text = page.read_text(encoding="utf-8")
        used = set(re.findall(r"(?:\$ |`)munintl ([a-z][a-z-]*)", text))
        assert used <= set(sub.choices), f"{page.name} uses {sorted(used - set(sub.choices))}"
    guide = (DOCS / "adding-a-pack.md").read_text(encoding="utf-8")
    assert {"new-pack", "validate", "packs", "check", "overlap"} <= set(
        re.findall(r"(?:\$ |`)munintl ([a-z][a-z-]*)", guide)
    )


def test_the_docs_index_names_every_guide() -> None:
    index = (DOCS / "index.rst").read_text(encoding="utf-8")
    for page in sorted(DOCS.glob("*.md")):
        assert f"docs/{page.name}" in index, f"docs/index.rst does not mention {page.name}"


def _public_functions_without_sections() -> list[str]:
    """Public functions (named in their module's ``__all__``, or not private where a module has
    none) whose docstring lacks Returns/Yields or Examples (numpydoc, issue 13)."""
    import ast

    src = Path(__file__).parents[1] / "src" / "munintl"
    missing = []
    for path in sorted(src.rglob("*.py")):
        parts = path.relative_to(src).parts
        if any(p.startswith("_") and p != "__init__.py" for p in parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        public: set[str] | None = None
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
            ):
                try:
                    public = set(ast.literal_eval(node.value))
                except ValueError:  # a computed __all__ (sorted([...])): read its names
                    public = {n.value for n in ast.walk(node.value) if isinstance(n, ast.Constant)}
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            if public is not None and node.name not in public:
                continue
            if any(
                getattr(d, "id", getattr(d, "attr", "")) == "overload" for d in node.decorator_list
            ):
                continue
            doc = ast.get_docstring(node) or ""
            if not ("Returns" in doc or "Yields" in doc) or "Examples" not in doc:
                missing.append(f"{path.relative_to(src)}:{node.lineno} {node.name}")
    return missing


def test_every_public_function_has_numpydoc_returns_and_examples() -> None:
    assert _public_functions_without_sections() == []
