"""An error inside a value that spans lines is reported at its own line (the item of an array,
the key of an inline table), whatever the layout, strings, comments and nesting."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from munintl._convert import locate_line
from munintl.errors import PackDataError
from munintl.packs import load_pack_dir

VALID = Path(__file__).parent / "bad_packs" / "_valid"

# Text that looks like TOML's punctuation, so that a scanner that ignored strings would miscount.
_TRICKY = st.text(alphabet=st.sampled_from(list("ab ,[]{}#='\\\"æ\u2028")), max_size=12)


def _basic_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_ITEM = st.one_of(
    _TRICKY.map(_basic_string),
    _TRICKY.filter(lambda t: "'" not in t and "\u2028" not in t).map(lambda t: f"'{t}'"),
    st.tuples(_TRICKY, st.integers(0, 99)).map(
        lambda p: f"{{ to = {_basic_string(p[0])}, n = {p[1]} }}"
    ),
    st.lists(st.integers(0, 9), max_size=3).map(lambda xs: "[" + ", ".join(map(str, xs)) + "]"),
)
_GAP = st.sampled_from(["", " ", "\n", "\n  ", " # a comment, with ] and } and 'quotes'\n", "\n\n"])


@settings(max_examples=200, deadline=None)
@given(items=st.lists(st.tuples(_GAP, _ITEM), min_size=1, max_size=6), tail=_GAP)
def test_each_item_of_a_multi_line_array_is_found_at_its_line(
    items: list[tuple[str, str]], tail: str
) -> None:
    text = '[[g]]\nid = "x"\nitems = ['
    lines = []
    for position, (gap, item) in enumerate(items):
        text += ("," if position else "") + gap
        lines.append(text.count("\n") + 1)
        text += item
    text += tail + "]\nafter = 1\n"
    assert len(tomllib.loads(text)["g"][0]["items"]) == len(items)  # the text is valid TOML
    for index, line in enumerate(lines):
        assert locate_line(text, ["g", 0, "items", index]) == line
        if items[index][1].startswith("{"):
            assert locate_line(text, ["g", 0, "items", index, "n"]) == line
    assert locate_line(text, ["g", 0, "items", len(items)]) == 3  # no such item: the key's line
    assert locate_line(text, ["g", 0, "after"]) == text.count("\n")


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        (
            'sdgs = [\n  { to = "17", evidence = "stated" },\n'
            '  { to = "17.20", evidence = "stated" },\n]',
            "goals.toml:{line}: $.goals[0].sdgs[1].to: '17.20' is not an SDG",
        ),
        (
            'sdgs = [\n  { to = "17", evidence = "stated" },\n  # a comment\n'
            '  { to = "3", evidence = "infered" },\n]',
            "goals.toml:{line}: $.goals[0].sdgs[1].evidence: 'infered' is not one of",
        ),
    ],
)
def test_a_bad_item_of_a_pack_is_reported_at_its_own_line(
    tmp_path: Path, layout: str, message: str
) -> None:
    folder = tmp_path / "tiny"
    shutil.copytree(VALID, folder)
    goals = folder / "goals.toml"
    text = goals.read_text(encoding="utf-8")
    old = 'sdgs = [{ to = "17", evidence = "stated" }]'
    assert old in text
    text = text.replace(old, layout, 1)
    goals.write_text(text, encoding="utf-8")
    bad = "17.20" if "17.20" in layout else "infered"
    line = text[: text.index(bad)].count("\n") + 1
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(folder)
    assert message.format(line=line) in str(caught.value)
