"""Parsing pack TOML (munintl._toml) and locating lines (munintl._convert.locate_line): the same
result with or without a compiled parser, hints in plain words, lines at the key itself."""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from munintl import _toml
from munintl._convert import locate_line, path_at
from munintl.errors import PackDataError


def _outcome(text: str) -> Any:
    try:
        return ("ok", _toml.parse(text, pack="p", file="f.toml"))
    except PackDataError as exc:
        return ("error", str(exc))


def _tomllib_outcome(text: str) -> Any:
    try:
        return ("ok", tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return ("error", None)


TOML_PIECES = st.sampled_from(
    ["a = 1\n", "b = { c = 1, }\n", "d = { e = 1,\n f = 2 }\n", 't = 07:32\n', 'x = "\\e"\n',
     "[s]\n", "[[g]]\n", 'k = "v"\n', "k = 2\n", "n = nan\n", 'm = """\nq = 1\n"""\n',
     "arr = [1,\n 2,]\n", "dt = 1979-05-27T07:32:00+01:00\n", "# {\n", "z = {}\n"]
)  # fmt: skip


def _compiled() -> list[str]:
    found = []
    for name in ("rtoml", "tomli"):
        try:
            __import__(name)
            found.append(name)
        except ImportError:
            pass
    return found


@pytest.mark.parametrize("parser", [*_compiled(), "none"])
@settings(max_examples=200, deadline=None, database=None)
@given(text=st.lists(TOML_PIECES, max_size=6).map("".join))
def test_parse_agrees_with_tomllib_on_what_loads(parser: str, text: str) -> None:
    """TOML 1.1 constructs (a trailing comma or newline in an inline table, \\e, a time without
    seconds) load with no parser: a compiled parser's answer never differs from tomllib's."""
    fast = None if parser == "none" else __import__(parser).loads
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_toml, "_FAST", fast)
        mine, reference = _outcome(text), _tomllib_outcome(text)
    assert mine[0] == reference[0]
    if mine[0] == "ok":
        assert _plain(mine[1]) == _plain(reference[1])


def _plain(value: Any) -> Any:
    """Parsed TOML with dates as ISO text (the parsers' tzinfo classes differ) and nan as text
    (nan is not equal to itself)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, (dt.date, dt.time)):
        return (type(value).__name__, value.isoformat())
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return value


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("a = { b = 1, }\n", "takes no trailing comma"),
        ("a = { b = 1,\n c = 2 }\n", "must be written on one line"),
        ("a = { b = 1\n}\n", "must close on the line it opens"),
        ('a = "x\n', "must end on the line it starts"),
        ("a = yes\n", "text must be in quotes"),
        ("[t]\na = 1\n[t]\n", "declared twice"),
        ("a = [1, 2\nb = 3\n", "needs its closing ]"),
        ("- item\n", "each line is key = value"),
        ("a = 1,000\n", "without thousands separators"),
        ("a = {b=1}\na.c=2\n", "cannot get more keys later"),
        ('a = """x\n', 'needs its closing """'),
        ('a = "C:\\q"\n', "use 'single quotes'"),
        ("a = “hovedmål”\n", "straight quotes"),
        ("a = «hovedmål»\n", "straight quotes"),
        ("a = ‘x’\n", "straight quotes"),
        ("a = „x“\n", "straight quotes"),
    ],
)
def test_common_toml_mistakes_get_a_hint(text: str, hint: str) -> None:
    with pytest.raises(PackDataError) as caught:
        _toml.parse(text, pack="p", file="f.toml")
    assert hint in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_duplicate_key_names_itself_and_its_field_path() -> None:
    text = '[[goals]]\nid = "a"\n\n[[goals]]\nid = "b"\ntitle = "x"\ntitle = "y"\n'
    with pytest.raises(PackDataError) as caught:
        _toml.parse(text, pack="p", file="goals.toml")
    assert (caught.value.line, caught.value.path) == (7, "$.goals[1].title")
    assert "the key 'title' is given twice" in str(caught.value)


def test_lines_point_at_the_key_itself() -> None:
    text = (
        "[[projects]]\n"  # 1
        'id = "p"\n'  # 2
        'note = """\n'  # 3
        "budget = 1\n"  # 4: inside the string, not a key
        '"""\n'  # 5
        "budget.value = 3\n"  # 6: a dotted key
        "# x\u2028y\n"  # 7: U+2028 is no line break in TOML
        "name = 'n'\n"  # 8
    )
    assert locate_line(text, ["projects", 0, "budget", "value"]) == 6
    assert locate_line(text, ["projects", 0, "name"]) == 8


def test_a_header_inside_a_multi_line_string_is_no_header() -> None:
    text = "[[goals]]\nid = 'a'\ntext = '''\n[[goals]]\n'''\n[[goals]]\nid = 'b'\n"
    assert locate_line(text, ["goals", 1, "id"]) == 7
    assert path_at(text, 7, "id") == ["goals", 1, "id"]


@pytest.mark.parametrize(
    ("lines", "path", "expected"),
    [
        # reported case 04: the typo on the second dotted key of the same table
        (["source.document = 'doc'", "source.pgae = 3"], ["source", "pgae"], 3),
        (["source.document = 'doc'", "source.pgae = 3"], ["source", "document"], 2),
        (["source.document = 'doc'", "source.pgae = 3"], ["source"], 2),
        (['"source" . "page" = 2', "x = 1"], ["source", "page"], 2),
        (["a.b.c = 1", "a.b.d = 2", "a.e = 3"], ["a", "b", "d"], 3),
        (["a.b.c = 1", "a.b.d = 2", "a.e = 3"], ["a", "e"], 4),
    ],
)
def test_a_dotted_key_is_located_at_its_own_line(
    lines: list[str], path: list[str], expected: int
) -> None:
    text = "[[goals]]\n" + "\n".join(lines) + "\n"
    assert locate_line(text, ["goals", 0, *path]) == expected


def test_a_table_named_only_by_its_sub_tables_is_located_at_the_first() -> None:
    text = "[[goals]]\nid = 'a'\n\n[x   .y]\nz = 1\n"
    assert locate_line(text, ["x"]) == 4
    assert locate_line(text, ["x", "y", "z"]) == 5
