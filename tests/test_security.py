"""Loading a pack only reads its TOML files, never evaluates them, and never reads outside its
folder; text from packs cannot turn into markup or terminal control sequences.

See docs/security.md for the trust model these tests hold the library to.
"""

from __future__ import annotations

import ast
import html as std_html
import math
import os
import re
import shutil
import sys
import tomllib
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import munintl
import munintl.packs
from munintl import _escape
from munintl.errors import PackDataError
from munintl.packs import load_pack_dir

SRC = Path(munintl.__file__).parent
ROOT = SRC.parent.parent
VALID = Path(__file__).parent / "bad_packs" / "_valid"
BUNDLED = ["bergen", "hamar", "oslo"]


# --- nothing in the library evaluates data ------------------------------------------------------

# Builtins that run or build code from data, or wait for a user.
FORBIDDEN_BUILTINS = {"eval", "exec", "compile", "__import__", "breakpoint", "input"}
# Modules that deserialise objects (pickle and friends) or run programs.
FORBIDDEN_MODULES = {
    "pickle", "cPickle", "dill", "marshal", "shelve", "yaml", "ruamel", "jsonpickle",
    "subprocess", "ctypes", "code", "codeop", "runpy",
}  # fmt: skip
# Methods that run programs (os.system, os.popen, ...) or load code from a path.
FORBIDDEN_METHODS = {"system", "popen", "spawnl", "spawnv", "execv", "execl", "load_module"}


LAZY_IMPORTERS = {"__init__.py", "_moved.py"}
"""Modules that import by a name from a fixed table of literal module names."""

# The one module that unpickles: the disk cache of validated packs reads back only what munintl
# itself pickled, from a folder and entries that are the user's alone (docs/security.md,
# tests/test_disk_cache.py); a pack's own data is never unpickled.
PICKLE_READERS = {"disk_cache.py"}


def dangerous(source: str, filename: str) -> list[str]:
    """What in a module's source could evaluate data or run programs, as 'line: what'.

    Importing a module by name is allowed with a literal name (an optional dependency), in
    ``__init__.py`` (the lazy public API: names from a fixed table) and in ``_moved.py`` (the
    deprecated forwards of moved names: each caller's fixed table of literal module names).
    """
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        found += [
            f"{node.lineno}: import {name}"
            for name in names
            if name.split(".")[0] in FORBIDDEN_MODULES
            and not (name == "pickle" and filename in PICKLE_READERS)
        ]
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in FORBIDDEN_BUILTINS:
            found.append(f"{node.lineno}: {func.id}()")
        if isinstance(func, ast.Attribute) and func.attr in FORBIDDEN_METHODS:
            found.append(f"{node.lineno}: {func.attr}()")
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        literal = bool(node.args) and isinstance(node.args[0], ast.Constant)
        if name == "import_module" and not literal and filename not in LAZY_IMPORTERS:
            found.append(f"{node.lineno}: import_module()")
    return found


def test_the_detector_finds_what_it_looks_for() -> None:
    source = (
        "import pickle\nfrom yaml import load\nimport os, re\n"
        "x = eval('1')\nos.system('ls')\nfrom importlib import import_module\n"
        "import_module(x)\nimport_module('numpy')\nre.compile('a')\n"
    )
    assert dangerous(source, "model.py") == [
        "1: import pickle",
        "2: import yaml",
        "4: eval()",
        "5: system()",
        "7: import_module()",
    ]


def test_no_module_of_the_library_evaluates_data_or_runs_programs() -> None:
    modules = sorted(SRC.rglob("*.py"))
    assert len(modules) > 10
    found = {
        str(path.relative_to(SRC)): problems
        for path in modules
        if (problems := dangerous(path.read_text(encoding="utf-8"), path.name))
    }
    assert found == {}


def _load_receivers(module: str) -> set[str]:
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    return {
        ast.unparse(node.func.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"load", "loads"}
    }


def test_pack_data_is_parsed_as_toml_only() -> None:
    """The loader's one parser is TOML (munintl._toml: tomllib, or the compiled rtoml or tomli
    where installed, each held to tomllib's answer), which builds only tables, arrays, strings,
    numbers, booleans and dates: no tags, no constructors, nothing to call. The loader's only
    other ``load`` is the entry point's import."""
    assert _load_receivers("packs.py") <= {"ep"}
    assert "from munintl._toml import parse" in (SRC / "packs.py").read_text(encoding="utf-8")
    assert _load_receivers("_toml.py") <= {"tomllib"}
    source = (SRC / "_toml.py").read_text(encoding="utf-8")
    returned = set(re.findall(r"return (\w+)\.loads", source))
    assert returned <= {"rtoml", "tomli", "tomllib"}


def test_the_runtime_dependencies_are_the_documented_six() -> None:
    # snowballstemmer: pure Python, no dependencies; why it is core: docs/overlap.md.
    # iso3166: checks partnership countries when a pack loads (ISO 3166-1 alpha-2).
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    names = [re.split(r"[<>=!~ \[]", dep)[0] for dep in project["project"]["dependencies"]]
    expected = ["attrs", "cattrs", "importlib-metadata", "iso3166", "networkx", "snowballstemmer"]
    assert sorted(names) == expected


# --- files opened while loading: only the pack's own -------------------------------------------

_opened: list[str] | None = None


def _audit(event: str, args: tuple[object, ...]) -> None:
    # Audit hooks cannot be removed: this one does nothing unless a test is recording.
    if event == "open" and _opened is not None and isinstance(args[0], (str, bytes, Path)):
        _opened.append(os.path.realpath(os.fsdecode(args[0])))


sys.addaudithook(_audit)


@contextmanager
def recording_opens() -> Iterator[list[str]]:
    global _opened
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


def test_loading_a_folder_opens_exactly_its_listed_files(tmp_path: Path) -> None:
    pack = Path(shutil.copytree(VALID, tmp_path / "pack"))
    (pack / "unlisted.toml").write_text("not = 'read'\n", encoding="utf-8")
    load_pack_dir(pack)  # imports and reference data are read once, before recording
    with recording_opens() as opened:
        load_pack_dir(pack)
    listed = ["pack.toml", "documents.toml", "goals.toml", "network.toml"]
    assert opened == [os.path.realpath(pack / name) for name in listed]


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX symlinks")
def test_a_link_leading_outside_is_refused_without_opening_its_target(tmp_path: Path) -> None:
    pack = Path(shutil.copytree(VALID, tmp_path / "pack"))
    secret = tmp_path / "secret.toml"
    secret.write_text("[[documents]]\n", encoding="utf-8")
    (pack / "network.toml").unlink()
    (pack / "network.toml").symlink_to(secret)
    load_pack_dir(VALID)
    with recording_opens() as opened, pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert str(caught.value) == (
        "tiny: network.toml: refused: the file is a link that leads outside the pack's folder"
    )
    assert str(secret) not in opened
    assert all(path.startswith(str(pack.resolve())) for path in opened)


@pytest.mark.parametrize("name", ["../goals.toml", "/etc/passwd.toml", "sub/goals.toml", "."])
def test_a_file_name_with_a_path_is_refused_before_anything_is_opened(
    tmp_path: Path, name: str
) -> None:
    pack = Path(shutil.copytree(VALID, tmp_path / "pack"))
    manifest = pack / "pack.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('"network.toml"', f'"{name}"'), encoding="utf-8")
    load_pack_dir(VALID)
    with recording_opens() as opened, pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert caught.value.path == "$.files[2]"
    assert opened == [str(manifest.resolve())]


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX symlinks")
def test_an_installed_pack_is_confined_to_its_package_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    package = site / "munintl_pack_tiny"
    shutil.copytree(VALID, package)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "elsewhere.toml").write_bytes((package / "network.toml").read_bytes())
    (package / "network.toml").unlink()
    (package / "network.toml").symlink_to(tmp_path / "elsewhere.toml")
    info = site / "munintl_pack_tiny-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: munintl-pack-tiny\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[munintl.packs]\ntiny = munintl_pack_tiny\n")
    monkeypatch.syspath_prepend(str(site))
    munintl.packs.clear_cache()
    try:
        with pytest.raises(PackDataError) as caught:
            munintl.load_pack("tiny")
        assert str(caught.value) == (
            "tiny: network.toml: refused: the file is a link that leads outside the pack's folder"
        )
        assert munintl.load_pack("bergen").name == "bergen"
    finally:
        sys.modules.pop("munintl_pack_tiny", None)
        munintl.packs.clear_cache()


# --- text from packs: no terminal control sequences, no markup ----------------------------------


def test_a_terminal_escape_sequence_in_pack_text_is_refused() -> None:
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(Path(__file__).parent / "bad_packs" / "control-character-in-title")
    assert caught.value.path == "$.goals[0].title"
    assert "U+001B" in str(caught.value)


@pytest.mark.parametrize("name", BUNDLED)
def test_what_show_prints_of_a_bundled_pack_has_no_control_characters(name: str) -> None:
    from munintl.render import render_pack

    text = render_pack(munintl.load_pack(name))
    assert [c for c in text if ord(c) < 32 and c not in "\n\t"] == []


TEXT = st.text(max_size=60) | st.sampled_from(
    ["<script>alert(1)</script>", "**bold** _it_ `code`", "[x](javascript:alert(1))",
     "# heading", "- item", "1. item", "> quote", "a | b", "&amp; &lt;", "![i](x.png)",
     "line\nbreak", "~~strike~~", "\\*", "<!-- c -->", "'\"quotes\"'"]
)  # fmt: skip


@settings(max_examples=200, deadline=None, database=None)
@given(TEXT)
def test_html_escaping_round_trips_and_leaves_no_markup(text: str) -> None:
    escaped = _escape.html(text)
    assert std_html.unescape(escaped) == text
    assert not set("<>\"'") & set(escaped)


MARKDOWN_SPECIAL = set("\\`*_[]<>|~&!")


def unescape_markdown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@settings(max_examples=200, deadline=None, database=None)
@given(TEXT)
def test_markdown_escaping_keeps_the_words_and_leaves_no_markup(text: str) -> None:
    escaped = _escape.markdown(text)
    assert unescape_markdown(escaped) == " ".join(text.split())
    assert not any(c in escaped for c in "\n\r")
    # Every special character is escaped: read left to right, a backslash escapes the next.
    i = 0
    while i < len(escaped):
        if escaped[i] == "\\":
            i += 2
            continue
        assert escaped[i] not in MARKDOWN_SPECIAL, (escaped, i)
        i += 1
    # Nothing at the start can open a block (heading, list, quote, rule).
    assert not re.match(r"[#+\-=>]|\d+[.)]", escaped)


def test_markdown_escaping_examples() -> None:
    assert _escape.markdown("<script>") == "\\<script\\>"
    assert _escape.markdown("- [x](y)") == "\\- \\[x\\](y)"
    assert _escape.markdown("12) tolv") == "12\\) tolv"
    assert _escape.markdown("Bergen i verden") == "Bergen i verden"
    assert _escape.html("Tromsø & <Bodø>") == "Tromsø &amp; &lt;Bodø&gt;"


@pytest.mark.parametrize("text", ["Budsjett $x^{$ kr", "$5 and $10", "a \\$ b $"])
def test_mathtext_escaping_keeps_a_plot_drawable_and_literal(text: str) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import io

    import matplotlib.pyplot as plt

    figure, ax = plt.subplots()
    try:
        label = ax.text(0, 0, _escape.mathtext(text))
        figure.savefig(io.BytesIO(), format="png")  # raises for malformed math
        # What is drawn is the text as written: no math mode, dollars shown.
        assert label._preprocess_math(label.get_text()) == (text, False)
    finally:
        plt.close(figure)


def test_unescaped_mathtext_would_break_the_plot() -> None:
    """Why the helper exists: this is what a pack title could do to a figure without it."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import io

    import matplotlib.pyplot as plt

    figure, ax = plt.subplots()
    try:
        ax.text(0, 0, "Budsjett $x^{$ kr")
        with pytest.raises(ValueError):
            figure.savefig(io.BytesIO(), format="png")
    finally:
        plt.close(figure)


# --- messages that embed outside text stay on one line -------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="needs control characters in file names")
def test_a_folder_name_with_control_characters_gives_one_escaped_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from munintl.cli import main

    folder = tmp_path / "evil\nname\x1b[2J\u2028x"
    folder.mkdir()
    assert main(["validate", str(folder)]) == 1  # a folder without pack.toml: bad input
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\x1b" not in err and "\u2028" not in err
    assert "evil\\nname\\x1b[2J\\u2028x" in err


@given(st.text(max_size=40))
@settings(max_examples=200, deadline=None, database=None)
def test_one_line_leaves_no_line_break_or_control_character(text: str) -> None:
    shown = _escape.one_line(text)
    assert len(shown.splitlines()) <= 1
    assert not any(unicodedata.category(c) in {"Cc", "Zl", "Zp"} for c in shown)


def test_every_json_munintl_writes_goes_through_the_strict_helper() -> None:
    """One owner for writing JSON (munintl._json.dumps: allow_nan=False); no module calls
    json.dump or json.dumps itself, so no NaN or Infinity can reach a file."""
    calls = {
        f"{path.relative_to(SRC)}:{node.lineno}"
        for path in SRC.rglob("*.py")
        if path.name != "_json.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr in {"dump", "dumps"}
        and isinstance(node.value, ast.Name) and node.value.id == "json"
    }  # fmt: skip
    assert calls == set()


def test_the_strict_helper_refuses_non_finite_numbers() -> None:
    from munintl._json import dumps

    for value in (math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError):
            dumps({"x": [value]})
    assert dumps({"x": 1.5, "y": "Tromsø"}) == '{"x": 1.5, "y": "Tromsø"}'
