"""Property-based tests of the loader, the converter and the goal network (hypothesis).

- Any data a pack can hold (random TOML documents, random dicts, valid packs with random
  mutations) loads as a valid ``Pack`` or fails with ``PackDataError``: never another exception.
- Every model class survives ``structure(unstructure(x))``.
- Any valid pack, written to TOML files, loads back equal; its goal network keeps its invariants.

Example budgets are fixed (``max_examples``) so CI time is bounded; no example database is kept.
"""

from __future__ import annotations

import datetime as dt
import math
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import munintl
import munintl.model as model
import munintl.packs
from munintl._convert import structure, unstructure
from munintl.errors import PackDataError
from munintl.model import ENTITY_LISTS, Manifest, Pack, PackData
from munintl.network import EDGE_RELATIONS, NODE_KINDS, goal_network
from munintl.packs import load_pack_dir
from munintl.validation import validate
from tests.model_strategies import MODEL_CLASSES, strategy_of, valid_packs

VALID = Path(__file__).parent / "bad_packs" / "_valid"
BUNDLED = ["bergen", "hamar", "oslo"]

# Small budgets: each example writes and loads a pack folder of a few KiB.
FAST = settings(max_examples=200, deadline=None, database=None)
FILES = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- a minimal TOML writer (inline tables and arrays only: enough for any TOML data) ------------


def toml_string(text: str) -> str:
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif (ord(char) < 0x20 and char != "\t") or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out) + '"'


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        items = (f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items() if v is not None)
        return "{" + ", ".join(items) + "}"
    raise TypeError(f"TOML cannot hold {value!r}")


def dumps(document: dict[str, Any]) -> str:
    """A TOML document: one line per top-level key, ``None`` left out (TOML has no null)."""
    lines = (f"{toml_string(k)} = {toml_value(v)}" for k, v in document.items() if v is not None)
    return "".join(line + "\n" for line in lines)


def write_pack(folder: Path, manifest: dict[str, Any], files: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.toml").write_text(dumps(manifest), encoding="utf-8")
    for name, document in files.items():
        text = document if isinstance(document, str) else dumps(document)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def valid_documents() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The tiny valid pack, parsed: its manifest and data files as plain dicts."""
    manifest = tomllib.loads((VALID / "pack.toml").read_text(encoding="utf-8"))
    files = {
        name: tomllib.loads((VALID / name).read_text(encoding="utf-8"))
        for name in manifest["files"]
    }
    return manifest, files


# --- random TOML data ----------------------------------------------------------------------------

FIELD_NAMES = sorted(
    {
        a.name
        for cls in vars(model).values()
        if isinstance(cls, type) and attrs.has(cls)
        for a in attrs.fields(cls)
    }
)
# Values a pack author might plausibly get wrong, beside random ones.
TRICKY_TEXT = ["", " ", "0", "17", "18", "17.99", "07", "2018-02-30", "20.06.2018", "2020",
               "main", "sub", "strategy-doc", "eurocities", "stated", "inferred", "9999",
               "Main Goal", "../x.toml", "pack.toml", "goals.toml"]  # fmt: skip

keys = st.sampled_from(FIELD_NAMES) | st.text(max_size=8)
scalars = (
    st.sampled_from(TRICKY_TEXT)
    | st.text(max_size=12)
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.dates()
    | st.datetimes()
    | st.times()
)
toml_data = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)
entity_tables = st.dictionaries(keys, toml_data, max_size=8)
data_documents = st.dictionaries(
    st.sampled_from(ENTITY_LISTS) | keys,
    st.lists(entity_tables, max_size=3) | toml_data,
    max_size=4,
)


@settings(max_examples=100, deadline=None, database=None)
@given(st.dictionaries(keys, toml_data, max_size=5))
def test_the_test_writer_writes_toml_that_reads_back(document: dict[str, Any]) -> None:
    """The writer below is what the file-based properties rest on: check it first."""
    assume("nan" not in dumps(document))  # nan != nan
    assert tomllib.loads(dumps(document)) == {k: v for k, v in document.items()}


def load_or_error(folder: Path) -> Pack | PackDataError:
    try:
        return load_pack_dir(folder)
    except PackDataError as exc:
        return exc


def assert_well_formed(outcome: Pack | PackDataError, folder: Path) -> None:
    """A pack, or an error whose every problem names pack and file, on a line of that file."""
    if isinstance(outcome, Pack):
        return
    assert "\n" not in str(outcome)
    assert outcome.problems
    for problem in outcome.problems:
        assert problem.pack and problem.message
        if problem.line is not None:
            assert problem.file is not None
            # TOML counts lines by "\n" only (U+2028 and friends are text).
            lines = (folder / problem.file).read_text(encoding="utf-8").split("\n")
            assert 1 <= problem.line <= max(1, len(lines))


@FILES
@given(document=data_documents)
def test_random_data_files_load_or_fail_with_pack_data_error(document: dict[str, Any]) -> None:
    manifest, files = valid_documents()
    files["goals.toml"] = document
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_pack(Path(tmp) / "pack", manifest, files)
        assert_well_formed(load_or_error(folder), folder)


@FILES
@given(document=st.dictionaries(keys, toml_data, max_size=6), keep=st.booleans())
def test_random_manifests_load_or_fail_with_pack_data_error(
    document: dict[str, Any], keep: bool
) -> None:
    manifest, files = valid_documents()
    if keep:  # random changes to a real manifest, or a random one
        document = {**manifest, **document}
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_pack(Path(tmp) / "pack", document, files)
        assert_well_formed(load_or_error(folder), folder)


@settings(max_examples=100, deadline=None, database=None)
@given(st.text(max_size=300) | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_random_text_as_a_data_file_loads_or_fails_with_pack_data_error(text: str) -> None:
    manifest, files = valid_documents()
    files["goals.toml"] = text
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_pack(Path(tmp) / "pack", manifest, files)
        assert_well_formed(load_or_error(folder), folder)


@FAST
@given(data=toml_data, cls=st.sampled_from([Manifest, PackData]))
def test_the_loaders_structuring_step_never_raises(data: Any, cls: type[Any]) -> None:
    """The step the loader runs on parsed dicts: an object, or located problems."""
    obj, problems = munintl.packs._structure(
        data, cls, pack="p", file="f.toml", text=dumps({"x": 1}), root=[]
    )
    assert (obj is None) == bool(problems)
    assert obj is None or isinstance(obj, cls)


# --- mutations of a valid pack ------------------------------------------------------------------


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into nested dicts and lists (the root excluded)."""
    found = []
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, sub in items:
        found.append((*prefix, key))
        if isinstance(sub, (dict, list)):
            found.extend(paths(sub, (*prefix, key)))
    return found


def mutate(root: Any, path: tuple[Any, ...], operation: str, value: Any) -> None:
    *head, last = path
    container = root
    for key in head:
        container = container[key]
    if operation == "delete":
        del container[last]
    elif operation == "replace":
        container[last] = value
    elif operation == "duplicate" and isinstance(container, list):
        container.append(container[last])
    elif operation == "insert" and isinstance(container[last], dict):
        container[last][str(value) if not isinstance(value, str) else value] = value


mutations = st.tuples(
    st.sampled_from(["delete", "replace", "replace", "duplicate", "insert"]),
    st.randoms(use_true_random=False),
    scalars | toml_data,
)


@FILES
@given(steps=st.lists(mutations, min_size=1, max_size=3))
def test_mutated_valid_packs_load_or_fail_with_pack_data_error(
    steps: list[tuple[str, Any, Any]],
) -> None:
    manifest, files = valid_documents()
    documents: dict[str, Any] = {"pack.toml": manifest, **files}
    for operation, rnd, value in steps:
        name = rnd.choice(sorted(documents))
        candidates = paths(documents[name])
        if candidates:
            mutate(documents[name], rnd.choice(candidates), operation, value)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_pack(
            Path(tmp) / "pack",
            documents.pop("pack.toml"),
            {k: v for k, v in documents.items() if isinstance(v, dict)},
        )
        outcome = load_or_error(folder)
        assert_well_formed(outcome, folder)
        if isinstance(outcome, Pack):
            assert_network_invariants(outcome)


# --- round trips for every model class ----------------------------------------------------------


def test_every_model_class_is_round_tripped() -> None:
    public = {name for name in model.__all__ if attrs.has(getattr(model, name))}
    assert public == {cls.__name__ for cls in MODEL_CLASSES}
    assert {"Goal", "Link", "Locator", "Manifest", "Pack", "PackData", "Period"} <= public


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_structure_of_unstructure_is_identity(cls: type[Any]) -> None:
    # The containers of every entity list cost most to draw: fewer examples for them.
    @settings(
        max_examples=15 if cls in (Pack, PackData) else 40,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(strategy_of(cls))
    def round_trip(obj: Any) -> None:
        assert structure(unstructure(obj), type(obj)) == obj

    round_trip()


# --- valid packs, generated with consistent references ------------------------------------------


def assert_network_invariants(*packs: Pack) -> None:
    """Every node has a kind from NODE_KINDS and a label, every edge a relation from
    EDGE_RELATIONS (an attribute; keys are networkx's own, so no relation overwrites another),
    one relation between two nodes is one edge, every entity of every pack is a node."""
    graph = goal_network(*packs)
    for node, data in graph.nodes(data=True):
        assert data.get("kind") in NODE_KINDS, node
        assert isinstance(data.get("label"), str), node
    seen: set[tuple[str, str, str]] = set()
    for source, target, key, data in graph.edges(keys=True, data=True):
        assert source in graph and target in graph
        assert data["relation"] in EDGE_RELATIONS
        assert isinstance(key, int)
        assert (source, target, data["relation"]) not in seen
        seen.add((source, target, data["relation"]))
    for pack in packs:
        for entity in pack.entities():
            if isinstance(entity, model.Organisation):  # shared between packs
                assert f"org:{entity.id}" in graph
            else:
                assert f"{pack.name}:{entity.id}" in graph
        for goal in pack.goals:
            assert graph.nodes[f"{pack.name}:{goal.id}"]["kind"] == "goal"


def pack_documents(pack: Pack) -> tuple[dict[str, Any], dict[str, Any]]:
    data = unstructure(pack)
    manifest = {
        "format_version": data["format_version"],
        "name": data["name"],
        "description": data["description"],
        "municipality": data["municipality"],
        "files": ["data.toml"],
    }
    return manifest, {"data.toml": {name: data[name] for name in ENTITY_LISTS}}


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(valid_packs())
def test_valid_packs_validate_round_trip_through_files_and_keep_network_invariants(
    pack: Pack,
) -> None:
    assert validate(pack) == []
    assert pack == structure(unstructure(pack), Pack)
    with tempfile.TemporaryDirectory() as tmp:
        manifest, files = pack_documents(pack)
        loaded = load_pack_dir(write_pack(Path(tmp) / "pack", manifest, files))
    assert pack == loaded
    assert_network_invariants(pack)


@pytest.mark.parametrize("name", BUNDLED)
def test_the_bundled_packs_network_keeps_its_invariants(name: str) -> None:
    assert_network_invariants(munintl.packs.load_pack(name))


def test_the_bundled_packs_together_keep_the_network_invariants() -> None:
    assert_network_invariants(*munintl.packs.load_packs(BUNDLED))


def test_a_statement_about_the_packs_own_organisation_points_at_its_org_node() -> None:
    """Found by these properties (the edge once made a node without a kind)."""
    pack = load_pack_dir(VALID)
    org = model.Organisation(
        id="local-club", name="Local club", kind=model.OrganisationKind.NETWORK
    )
    note = model.Statement(
        id="club-note",
        kind=model.StatementKind.NOTE,
        title="The club matters",
        source=model.Locator("strategy-doc", "7"),
        about=("local-club",),
    )
    pack = attrs.evolve(pack, organisations=(org,), statements=(note,))
    assert validate(pack) == []
    assert_network_invariants(pack)


# --- mutations of the bundled packs' text: look-alikes, invisible characters, numbers, cuts ----

BUNDLED_FOLDERS = {name: Path(munintl.packs.files(f"munintl_pack_{name}")) for name in BUNDLED}
LOOKALIKE_DIGITS = ["\u0661", "\u06f1", "\u0967", "\uff11", "\U0001d7d9", "\u00b9", "\u2460"]
INVISIBLE = ["\u200b", "\u200e", "\u202e", "\ufeff", "\u2028", "\u2029", "\u0085", "\u00ad",
             "\x1b", "\x00", "\x7f", "\r", "\u2060"]  # fmt: skip
NUMBERS = ["nan", "+nan", "-inf", "inf", "-0", "1e309", "-1e309", "99999999999999999999999",
           "1" + "0" * 400, "0x10", "1_000", "1.5", "0o7", "-0.0", "1e-400"]  # fmt: skip


def _text_mutation(text: str, kind: str, where: int, pick: int) -> str:
    position = where % (len(text) + 1)
    if kind == "lookalike-digit":
        digits = [i for i, c in enumerate(text) if c.isascii() and c.isdigit()]
        if digits:
            i = digits[where % len(digits)]
            return text[:i] + LOOKALIKE_DIGITS[pick % len(LOOKALIKE_DIGITS)] + text[i + 1 :]
    if kind == "invisible":
        return text[:position] + INVISIBLE[pick % len(INVISIBLE)] + text[position:]
    if kind == "number":
        import re

        numbers = list(re.finditer(r"(?<=[=\[,] )-?[0-9][0-9_.]*", text))
        if numbers:
            match = numbers[where % len(numbers)]
            number = NUMBERS[pick % len(NUMBERS)]
            return text[: match.start()] + number + text[match.end() :]
    if kind == "truncate":
        return text[:position]
    return text


@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(
    name=st.sampled_from(BUNDLED),
    kind=st.sampled_from(["lookalike-digit", "invisible", "number", "truncate"]),
    where=st.integers(min_value=0, max_value=10**6),
    pick=st.integers(min_value=0, max_value=100),
    file_pick=st.integers(min_value=0, max_value=100),
)
def test_mutated_bundled_packs_load_or_fail_with_pack_data_error(
    name: str, kind: str, where: int, pick: int, file_pick: int
) -> None:
    source = BUNDLED_FOLDERS[name]
    files = sorted(p.name for p in source.glob("*.toml"))
    target = files[file_pick % len(files)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / name
        folder.mkdir()
        for file in files:
            (folder / file).write_bytes((source / file).read_bytes())
        text = (source / target).read_text(encoding="utf-8")
        (folder / target).write_text(_text_mutation(text, kind, where, pick), encoding="utf-8")
        outcome = load_or_error(folder)  # anything but a PackDataError fails the test
        assert_well_formed(outcome, folder)


@pytest.mark.parametrize("name", BUNDLED)
@pytest.mark.parametrize("lookalike", LOOKALIKE_DIGITS)
def test_a_lookalike_digit_in_the_kommunenummer_is_refused(name: str, lookalike: str) -> None:
    source = BUNDLED_FOLDERS[name]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / name
        folder.mkdir()
        for file in source.glob("*.toml"):
            (folder / file.name).write_bytes(file.read_bytes())
        manifest = (folder / "pack.toml").read_text(encoding="utf-8")
        code = munintl.load_pack(name).municipality.code
        assert f'"{code}"' in manifest
        changed = manifest.replace(f'"{code}"', f'"{code[:-1]}{lookalike}"', 1)
        (folder / "pack.toml").write_text(changed, encoding="utf-8")
        with pytest.raises(PackDataError) as caught:
            load_pack_dir(folder)
        assert caught.value.file == "pack.toml" and "codes" in (caught.value.path or "")
