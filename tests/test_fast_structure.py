"""The fast converter (the loader's first try) accepts exactly what the detailed one accepts,
and builds equal objects: its hooks skip cattrs' dispatch and error collection, never a check.

Each example takes a real file of a bundled pack and changes one place in it: a value replaced
by an edge value, a key removed, or an unknown key added.
"""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from munintl._convert import converter
from munintl.model import PackData

PACKS = Path(__file__).resolve().parent.parent / "packs"
FILES = sorted(f for f in PACKS.glob("*/src/munintl_pack_*/*.toml") if f.name != "pack.toml")
EDGE_VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    1,
    -1,
    2**70,
    1.5,
    float("nan"),
    float("inf"),
    "",
    " ",
    "x",
    "17",
    "stated",
    "inferred",
    "member",
    "2020",
    "2020-13",
    [],
    ["x"],
    [1],
    [None],
    {},
    {"to": "17", "evidence": "stated"},
    {"document": "x", "section": "1"},
    dt.date(2020, 1, 2),
    dt.datetime(2020, 1, 2, 3, 4),
    dt.time(12, 0),
)


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path inside a parsed TOML document (tables' keys and arrays' positions)."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


DOCUMENTS = [tomllib.loads(f.read_text(encoding="utf-8")) for f in FILES]


def _entity_places() -> list[tuple[dict[str, Any], tuple[Any, ...]]]:
    """One entity for each distinct place in the files (array positions taken as one), with
    the path of that place inside ``{list: [entity]}``: small data, every field visited."""
    seen: dict[tuple[Any, ...], tuple[dict[str, Any], tuple[Any, ...]]] = {}
    for document in DOCUMENTS:
        for path in _places(document):
            shape = tuple("#" if isinstance(step, int) else step for step in path)
            if len(path) < 2 or shape in seen:
                continue
            entity = {path[0]: [document[path[0]][path[1]]]}
            seen[shape] = (entity, (path[0], 0, *path[2:]))
    return list(seen.values())


PLACES = _entity_places()


def _outcome(detailed: bool, data: Any) -> tuple[bool, Any]:
    try:
        return True, converter(detailed=detailed).structure(data, PackData)
    except Exception:
        return False, None


def _changed(data: dict[str, Any], path: tuple[Any, ...], change: str, value: Any) -> Any:
    data = copy.deepcopy(data)
    holder: Any = data
    for step in path[:-1]:
        holder = holder[step]
    if change == "replace":
        holder[path[-1]] = value
    elif change == "remove" and isinstance(holder, dict):
        del holder[path[-1]]
    elif change == "add" and isinstance(holder[path[-1]], dict):
        holder[path[-1]]["unknown_key"] = value
    return data


def test_the_bundled_packs_files_give_equal_objects_both_ways() -> None:
    assert FILES
    for document in DOCUMENTS:
        fast, detailed = _outcome(False, document), _outcome(True, document)
        assert fast == detailed
        assert fast[0]


@pytest.mark.parametrize("change", ["replace", "remove", "add"])
def test_one_change_anywhere_is_accepted_or_refused_alike(change: str) -> None:
    assert len(PLACES) > 100
    values = EDGE_VALUES if change != "remove" else (None,)
    differ = [
        (path, value)
        for data, path in PLACES
        for value in values
        if _outcome(False, changed := _changed(data, path, change, value))
        != _outcome(True, changed)
    ]
    assert differ == []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    place=st.sampled_from(PLACES),
    values=st.lists(st.sampled_from(EDGE_VALUES), min_size=1, max_size=4),
)
def test_an_array_of_edge_values_is_judged_alike(
    place: tuple[dict[str, Any], tuple[Any, ...]], values: list[Any]
) -> None:
    data = _changed(*place, "replace", values)
    assert _outcome(False, data) == _outcome(True, data)


@pytest.mark.parametrize("value", EDGE_VALUES, ids=repr)
def test_each_edge_value_as_a_whole_file_is_judged_alike(value: Any) -> None:
    assert _outcome(False, value) == _outcome(True, value)
