"""The disk cache of validated packs (munintl.disk_cache): a cached load is the same pack, any
change of a byte read or of munintl's code rebuilds it, errors are never cached, and the cache
is used only in a folder that is the user's own."""

from __future__ import annotations

import contextlib
import enum
import io
import math
import os
import pickle
import shutil
import sqlite3
import struct
import sys
import zlib
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import munintl
import munintl.checks
import munintl.cli
import munintl.disk_cache
import munintl.model
import munintl.packs
from munintl import _derived_store, _rebuilders
from munintl._derived_store import DATABASE
from munintl.errors import PackDataError
from munintl.model import Amount, Locator, Pack
from munintl.overlap import similarity, units
from munintl.packs import load_pack_dir
from tests.model_strategies import valid_packs

HAMAR = Path(str(files("munintl_pack_hamar")))
pytestmark = pytest.mark.skipif(os.name != "posix", reason="the cache is used on POSIX only")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MUNINTL_CACHE", "on")
    monkeypatch.setenv("MUNINTL_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "hamar"
    shutil.copytree(HAMAR, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The labels of packs really read and validated (not taken from the cache)."""
    seen: list[str] = []
    real = munintl.packs._read

    def counting(reader: munintl.packs._Reader, label: str) -> munintl.packs.PackReading:
        seen.append(label)
        return real(reader, label)

    monkeypatch.setattr(munintl.packs, "_read", counting)
    return seen


def _edit(folder: Path, old: str, new: str) -> None:
    goals = folder / "goals.toml"
    text = goals.read_text(encoding="utf-8")
    assert old in text
    goals.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_second_load_comes_from_the_cache_and_is_the_same_pack(
    cache: Path, pack_dir: Path, builds: list[str]
) -> None:
    first = load_pack_dir(pack_dir)
    second = load_pack_dir(pack_dir)
    assert builds == ["hamar"]
    assert second == first and second is not first
    assert isinstance(second, Pack)
    assert [p.name for p in cache.iterdir()] == [p.name for p in cache.glob("*.pickle")]
    assert len(list(cache.iterdir())) == 1
    assert (cache.stat().st_mode & 0o777) == 0o700


def test_the_cache_is_off_when_asked(
    cache: Path, pack_dir: Path, builds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MUNINTL_CACHE", "off")
    load_pack_dir(pack_dir)
    load_pack_dir(pack_dir)
    assert builds == ["hamar", "hamar"]
    assert not cache.exists()


def test_an_edited_file_is_read_again_and_replaces_the_entry(
    cache: Path, pack_dir: Path, builds: list[str]
) -> None:
    before = load_pack_dir(pack_dir)
    _edit(pack_dir, 'title = "', 'title = "Endret: ')
    after = load_pack_dir(pack_dir)
    assert builds == ["hamar", "hamar"]
    assert after != before
    assert any(goal.title.startswith("Endret: ") for goal in after.goals)
    assert len(list(cache.iterdir())) == 1  # one entry per folder: edits do not pile up
    assert load_pack_dir(pack_dir) == after and builds == ["hamar", "hamar"]


def test_changed_munintl_code_rebuilds(
    cache: Path, pack_dir: Path, builds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_pack_dir(pack_dir)
    monkeypatch.setattr(munintl.disk_cache, "_code_fingerprint", lambda: "another version")
    load_pack_dir(pack_dir)
    assert builds == ["hamar", "hamar"]


def test_the_code_fingerprint_covers_munintls_files() -> None:
    munintl.disk_cache._code_fingerprint.cache_clear()
    first = munintl.disk_cache._code_fingerprint()
    module = Path(munintl.disk_cache.__file__)
    status = module.stat()
    try:
        os.utime(module, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
        munintl.disk_cache._code_fingerprint.cache_clear()
        assert munintl.disk_cache._code_fingerprint() != first
    finally:
        os.utime(module, ns=(status.st_atime_ns, status.st_mtime_ns))
        munintl.disk_cache._code_fingerprint.cache_clear()


def test_errors_are_never_cached_and_read_the_same(
    cache: Path, pack_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit(pack_dir, 'title = "', "title = 7 #")
    with pytest.raises(PackDataError) as cached_on:
        load_pack_dir(pack_dir)
    monkeypatch.setenv("MUNINTL_CACHE", "off")
    with pytest.raises(PackDataError) as cached_off:
        load_pack_dir(pack_dir)
    assert str(cached_on.value) == str(cached_off.value)
    assert "goals.toml:" in str(cached_on.value)
    assert list(cache.glob("*.pickle")) == []


def test_a_missing_listed_file_says_what_it_always_said(cache: Path, pack_dir: Path) -> None:
    (pack_dir / "goals.toml").unlink()
    with pytest.raises(PackDataError, match="is listed but there is no such file"):
        load_pack_dir(pack_dir)


@pytest.mark.parametrize("mode", [0o770, 0o777, 0o755 | 0o020])
def test_a_folder_others_may_write_to_is_not_used(
    cache: Path, pack_dir: Path, builds: list[str], mode: int
) -> None:
    cache.mkdir(mode=0o700)
    cache.chmod(mode)
    load_pack_dir(pack_dir)
    load_pack_dir(pack_dir)
    assert builds == ["hamar", "hamar"]
    assert list(cache.iterdir()) == []


def test_an_entry_others_may_write_to_is_not_read(
    cache: Path, pack_dir: Path, builds: list[str]
) -> None:
    load_pack_dir(pack_dir)
    (entry,) = cache.iterdir()
    entry.chmod(0o666)
    load_pack_dir(pack_dir)
    assert builds == ["hamar", "hamar"]


def test_a_link_in_place_of_an_entry_is_not_followed(
    cache: Path, pack_dir: Path, builds: list[str], tmp_path: Path
) -> None:
    load_pack_dir(pack_dir)
    (entry,) = cache.iterdir()
    elsewhere = tmp_path / "elsewhere.pickle"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    load_pack_dir(pack_dir)
    assert builds == ["hamar", "hamar"]


@pytest.mark.parametrize("damage", ["truncate", "garbage", "other key"])
def test_a_damaged_entry_is_rebuilt_without_a_word(
    cache: Path, pack_dir: Path, builds: list[str], damage: str
) -> None:
    first = load_pack_dir(pack_dir)
    (entry,) = cache.iterdir()
    data = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        entry.write_bytes(data[:90] + b"\x00" * 50 + data[140:])
    else:
        entry.write_bytes(data.replace(data[21:30], b"0" * 9, 1))
    assert load_pack_dir(pack_dir) == first
    assert builds == ["hamar", "hamar"]
    assert load_pack_dir(pack_dir) == first and builds == ["hamar", "hamar"]


def test_an_unwritable_cache_folder_only_costs_time(
    tmp_path: Path, pack_dir: Path, builds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MUNINTL_CACHE", "on")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("MUNINTL_CACHE_DIR", str(blocker / "cache"))
    assert load_pack_dir(pack_dir).name == "hamar"
    assert builds == ["hamar"]


def test_each_file_is_read_once_for_key_and_pack(
    cache: Path, pack_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    real = munintl.packs._Reader._bytes

    def counting(self: munintl.packs._Reader, name: str, pack: str) -> bytes:
        reads.append(name)
        return real(self, name, pack)

    monkeypatch.setattr(munintl.packs._Reader, "_bytes", counting)
    load_pack_dir(pack_dir)
    assert sorted(reads) == sorted(set(reads))
    assert "pack.toml" in reads and "goals.toml" in reads


def test_without_a_home_folder_there_is_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUNINTL_CACHE", "on")
    for name in ("MUNINTL_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert munintl.disk_cache.cache_folder() is None


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MUNINTL_CACHE", "on")
    monkeypatch.delenv("MUNINTL_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert munintl.disk_cache.cache_folder() == tmp_path / "munintl" / "packs"


def test_a_relative_xdg_cache_home_is_ignored_as_the_spec_asks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MUNINTL_CACHE", "on")
    monkeypatch.delenv("MUNINTL_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setattr(Path, "home", staticmethod(lambda: tmp_path))
    assert munintl.disk_cache.cache_folder() == tmp_path / ".cache" / "munintl" / "packs"


def test_a_relative_munintl_cache_dir_is_taken_from_the_current_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MUNINTL_CACHE", "on")
    monkeypatch.setenv("MUNINTL_CACHE_DIR", "here/cache")
    monkeypatch.chdir(tmp_path)
    assert munintl.disk_cache.cache_folder() == tmp_path / "here" / "cache"


def test_the_key_covers_every_required_distribution() -> None:
    # iso3166 decides which country codes validate: a new release must not reuse old packs.
    assert {"munintl", "attrs", "cattrs", "iso3166", "networkx"} <= set(
        munintl.disk_cache._dependencies()
    )
    assert not {"jinja2", "rtoml", "tomlkit"} & set(munintl.disk_cache._dependencies())


@pytest.fixture
def pretend_version(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, str], None]]:
    """Make the disk cache see another version of one distribution (until the test ends)."""
    real = munintl.disk_cache._version

    def pretend(distribution: str, version: str) -> None:
        monkeypatch.setattr(
            munintl.disk_cache,
            "_version",
            lambda name: version if name == distribution else real(name),
        )
        munintl.disk_cache._code_fingerprint.cache_clear()

    yield pretend
    monkeypatch.undo()
    munintl.disk_cache._code_fingerprint.cache_clear()


def test_another_version_of_a_dependency_rebuilds(
    cache: Path, pack_dir: Path, builds: list[str], pretend_version: Callable[[str, str], None]
) -> None:
    load_pack_dir(pack_dir)
    pretend_version("iso3166", "99.0")
    load_pack_dir(pack_dir)
    assert builds == ["hamar", "hamar"]


# --- the entries' format: model objects as (class, field values) --------------------------------


def _compact(value: object) -> bytes:
    stream = io.BytesIO()
    munintl.disk_cache._CompactPickler(stream, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return stream.getvalue()


@pytest.mark.parametrize("name", ["bergen", "oslo", "hamar"])
def test_a_bundled_pack_comes_back_equal_and_smaller_than_attrs_own_pickle(name: str) -> None:
    pack = munintl.load_pack(name)
    data = _compact(pack)
    assert pickle.loads(data) == pack
    assert len(data) < 0.95 * len(pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL))


@settings(max_examples=60, deadline=None)
@given(pack=valid_packs())
def test_any_valid_pack_comes_back_equal(pack: Pack) -> None:
    again = pickle.loads(_compact(pack))
    assert again == pack
    assert hash(again.municipality) == hash(pack.municipality)  # frozen, hashable as before


@attrs.frozen
class _Pair:
    a: object
    b: object


def test_equal_model_objects_are_pickled_once_and_come_back_as_one() -> None:
    pack = munintl.load_pack("bergen")
    again = pickle.loads(_compact(pack))
    assert again == pack
    locators = [link.evidence for goal in again.goals for link in goal.sdgs if link.evidence]
    assert len({id(x) for x in locators}) == len(set(locators)) < len(locators)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (Locator("d", page=1), Locator("d", page=True)),
        (Amount(0.0), Amount(-0.0)),
        (Amount(1), Amount(1.0)),
        (Amount(math.nan), Amount(-math.nan)),
    ],
)
def test_model_objects_equal_but_not_alike_stay_apart(one: object, other: object) -> None:
    shared = Locator("d", "1")
    value = ((one, shared), (other, Locator("d", "1")))
    again = pickle.loads(_compact(value))
    assert [_alike(x) for x, _ in again] == [_alike(one), _alike(other)]
    assert again[0][1] is again[1][1]  # the equal locators are one object again


def _alike(obj: object) -> list[tuple[type, object]]:
    """Each field's type and value, a float by its bits (so -0.0 and -nan are told apart)."""
    fields = [getattr(obj, f.name) for f in attrs.fields(type(obj))]
    return [(type(v), struct.pack(">d", v) if type(v) is float else v) for v in fields]


def test_only_model_objects_are_shared() -> None:
    value = (_Pair([1], 2), _Pair([1], 2), _Old(1, "b"), _Old(1, "b"))
    again = pickle.loads(_compact(value))
    assert again == value
    assert again[0] is not again[1] and again[2] is not again[3]
    again[0].a.append(3)
    assert again[1].a == [1]


def test_every_model_class_is_frozen_and_compares_by_value() -> None:
    # The disk cache stores an equal model object as a reference to the first (it may stand
    # for it only because it can never change and equal means alike).
    from attr._make import _frozen_setattrs  # attrs has no public flag for "frozen"

    classes = [c for c in vars(munintl.model).values() if isinstance(c, type) and attrs.has(c)]
    assert len(classes) > 20
    for cls in classes:
        if cls.__module__ == "munintl.model":
            assert cls.__setattr__ is _frozen_setattrs, cls
            assert cls.__eq__ is not object.__eq__, cls


@attrs.frozen
class _Old:
    a: int
    b: str


@attrs.define
class _WithDict:
    a: int
    extra: dict[str, int] = attrs.Factory(dict)


def test_anything_but_a_slotted_attrs_object_of_munintl_is_pickled_as_usual() -> None:
    value = {"x": [_WithDict(1), (Pack, None)], "y": _Old(2, "b")}
    assert pickle.loads(_compact(value)) == value
    assert b"rebuild:" not in _compact(value)  # _Old is a test's class, not munintl's
    assert _rebuilders.slotted_fields(dict) is None
    assert _rebuilders.slotted_fields(_Old) is None
    assert _rebuilders.slotted_fields(Locator) == tuple(f.name for f in attrs.fields(Locator))


def test_an_entry_whose_class_has_other_fields_now_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _compact(Locator("d", page=1))
    fields = len(attrs.fields(Locator))
    # In a new process, Locator now has one field only.
    monkeypatch.setitem(_rebuilders._FIELDS, Locator, ("document",))
    monkeypatch.delitem(_rebuilders._REBUILDERS, Locator)
    with pytest.raises(TypeError, match=f"Locator takes 1 field values, not {fields}"):
        pickle.loads(data)  # _read takes this as a stale entry, and the pack is built again


def test_a_pickle_finds_the_function_that_makes_a_model_object_again_by_its_name() -> None:
    data = _compact(Locator("d", page=1))
    assert b"rebuild:munintl/model:Locator" in data
    made = getattr(_rebuilders, "rebuild:munintl/model:Locator")
    assert made is _rebuilders.rebuilder(Locator)
    locator = Locator("d", page=1)
    again = made(*(getattr(locator, field.name) for field in attrs.fields(Locator)))
    assert again == locator and type(again) is Locator


@pytest.mark.parametrize(
    "name",
    [
        "rebuild:os:system",  # not munintl's
        "rebuild:subprocess:Popen",
        "rebuild:munintl/sdg:SdgRef.parse",  # not a class at a module's top level
        "rebuild:munintl/errors:MunintlError",  # munintl's, but not a slotted attrs class
        "rebuild:munintl/model:NoSuchClass",
        "rebuild:munintl/no_such_module:Goal",
        "rebuild:munintl/model:Locator:extra",
        "Locator",
    ],
)
def test_a_pickle_naming_anything_else_does_not_load(name: str) -> None:
    with pytest.raises(AttributeError):
        getattr(_rebuilders, name)
    with pytest.raises((AttributeError, TypeError)):
        pickle.loads(_call("munintl._rebuilders", name, "d"))


def _call(module: str, name: str, argument: str) -> bytes:
    """A pickle that calls ``module.name(argument)`` (protocol 4: STACK_GLOBAL, REDUCE)."""

    def text(value: str) -> bytes:
        return b"\x8c" + bytes([len(value.encode())]) + value.encode()

    return b"\x80\x04" + text(module) + text(name) + b"\x93" + text(argument) + b"\x85R."


CALLED: list[str] = []


def record(text: str) -> str:
    CALLED.append(text)
    return text


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("os", "getcwd"),  # a helper's find: plain pickle.loads would call it
        ("builtins", "eval"),
        ("tests.test_disk_cache", "record"),
        ("munintl.disk_cache", "flush"),  # munintl's, but not what its pickles name
        ("munintl.model", "Pack"),  # a model class is made by its rebuilder, not called
        # A red-team's finds: protocol 4 follows dotted names from an allowed module ...
        ("munintl._rebuilders", "inspect.os.system"),
        ("munintl._rebuilders", "sys.modules"),
        ("munintl._rebuilders", "_FIELDS"),
        ("munintl._rebuilders", "rebuild:munintl/model:Locator.__init__"),
        # ... and a munintl module named was imported before its class was checked.
        ("munintl.__main__", "run"),
        ("munintl", "load_pack"),  # the package's lazy __getattr__ is not run either
        ("munintl.overlap.holdings", "Tie"),  # not an enumeration
    ],
)
def test_the_cache_unpickles_only_what_munintl_pickles_name(module: str, name: str) -> None:
    was_imported = set(sys.modules)
    with pytest.raises(pickle.UnpicklingError, match="munintl's cache never names"):
        munintl.disk_cache._loads(_call(module, name, "x"))
    assert set(sys.modules) == was_imported


def _build(*, on_member: bool) -> bytes:
    """A pickle that gets munintl.model.Evidence (or its member ``stated``) and then applies
    pickle's BUILD with the state {"_value_": "FORGED"} to it."""
    head = _call("munintl.model", "Evidence", "stated")[:-1]  # without STOP
    if not on_member:
        head = head[: head.index(b"\x93") + 1]  # the class itself
    state = b"}\x8c\x07_value_\x8c\x06FORGED" + b"s"
    return head + state + b"b."


@pytest.mark.parametrize("on_member", [True, False])
def test_a_pickle_cannot_change_an_enumeration_or_its_members(on_member: bool) -> None:
    # A red-team's find: BUILD on an allowed enum member changed it for the whole process,
    # and the overlap printed "FORGED" where the source says "stated".
    with pytest.raises(TypeError):
        munintl.disk_cache._loads(_build(on_member=on_member))
    assert munintl.model.Evidence.STATED.value == "stated"
    assert "_value_" not in vars(munintl.model.Evidence)


def test_every_enumeration_of_munintl_refuses_to_be_changed() -> None:
    found = [
        cls
        for module in list(sys.modules.values())
        if module is not None and getattr(module, "__name__", "").startswith("munintl")
        for cls in vars(module).values()
        if isinstance(cls, type) and issubclass(cls, enum.Enum)
        and cls.__module__ == module.__name__
    ]  # fmt: skip
    assert len(found) >= 20
    assert [cls for cls in found if not issubclass(cls, munintl.model.FixedStrEnum)] == []


def _put_pickle(cache: Path, data: bytes) -> None:
    """Replace the pickle of the cache's one entry with ``data``, keeping its magic and key
    lines and giving it a valid checksum (as someone who can write the folder could)."""
    (entry,) = cache.iterdir()
    magic, key, _, _ = entry.read_bytes().split(b"\n", 3)
    entry.write_bytes(b"\n".join([magic, key, b""]) + munintl.disk_cache._checksum(data) + data)


def test_a_forged_entry_with_a_valid_checksum_calls_nothing_and_the_pack_loads(
    cache: Path, pack_dir: Path, builds: list[str]
) -> None:
    first = load_pack_dir(pack_dir)
    forged = _call("tests.test_disk_cache", "record", "called")
    _put_pickle(cache, forged)
    CALLED.clear()
    assert load_pack_dir(pack_dir) == first
    assert CALLED == [] and builds == ["hamar", "hamar"]
    assert pickle.loads(forged) == "called" and CALLED == ["called"]  # the forgery works


def test_a_well_formed_entry_that_is_not_a_pack_is_built_again(
    cache: Path, pack_dir: Path, builds: list[str]
) -> None:
    first = load_pack_dir(pack_dir)
    _put_pickle(cache, pickle.dumps(frozenset(), protocol=4))  # what munintl's unpickler finds
    assert load_pack_dir(pack_dir) == first
    assert builds == ["hamar", "hamar"]


def test_a_pickle_made_by_hand_calls_the_function_it_names() -> None:
    # The check that the forged pickles above would work if the name were found.
    assert pickle.loads(_call("builtins", "len", "abc")) == 3


def test_damage_that_still_unpickles_is_rebuilt_not_served(
    cache: Path, pack_dir: Path, builds: list[str]
) -> None:
    # Found by a red-team run: one letter of the municipality's name changed inside the
    # pickle unpickled fine, and the load gave that pack.
    first = load_pack_dir(pack_dir)
    (entry,) = cache.iterdir()
    data = entry.read_bytes()
    assert data.count(b"Hamar") >= 1
    entry.write_bytes(data.replace(b"Hamar", b"Hxmar"))
    again = load_pack_dir(pack_dir)
    assert again == first and again.municipality.name == "Hamar"
    assert builds == ["hamar", "hamar"]
    assert entry.read_bytes() == data  # rewritten whole


# --- what is derived from a cached pack (munintl.disk_cache.derived) ---------------------------


def _second_hamar(pack_dir: Path) -> Path:
    """A second pack folder, as a second municipality (the overlap compares two or more)."""
    other = pack_dir.parent / "hamar2"
    shutil.copytree(pack_dir, other)
    manifest = other / "pack.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('name = "hamar"', 'name = "hamar2"', 1), encoding="utf-8")
    return other


def _rows(cache: Path) -> list[str]:
    """The entries of the derived store's database (munintl._derived_store), by name."""
    path = cache / DATABASE
    if not path.exists():
        return []
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return sorted(e for (e,) in connection.execute("SELECT entry FROM derived_v1"))


@pytest.fixture
def worked_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the derived values really worked out (not read from the cache)."""
    seen: list[str] = []
    real = munintl.disk_cache.derived

    def counting(source: object, name: str, parts: Any, compute: Any, *valid: Any) -> Any:
        def counted() -> Any:
            seen.append(name)
            return compute()

        return real(source, name, parts, counted, *valid)

    for module in (munintl.checks, units, similarity):
        monkeypatch.setattr(module, "derived", counting)
    return seen


def test_a_packs_findings_are_kept_beside_it_and_read_back_equal(
    cache: Path, pack_dir: Path, worked_out: list[str]
) -> None:
    first = munintl.check(load_pack_dir(pack_dir), as_of="2024-01-01")
    again = munintl.check(load_pack_dir(pack_dir), as_of="2024-01-01")  # as a second process
    assert worked_out == ["findings"]
    assert again == first and first
    assert again[0] is not first[0] and again[0].evidence is not first[0].evidence  # owned
    munintl.disk_cache.flush()
    assert [e.rsplit(".", 1)[1] for e in _rows(cache)] == ["findings"]


def test_findings_are_worked_out_again_for_another_day_other_checks_or_an_edit(
    cache: Path, pack_dir: Path, worked_out: list[str]
) -> None:
    munintl.check(load_pack_dir(pack_dir), as_of="2024-01-01")
    munintl.check(load_pack_dir(pack_dir), as_of="2010-01-01")
    munintl.check(load_pack_dir(pack_dir), as_of="2010-01-01", select="MI1")
    _edit(pack_dir, 'title = "', 'title = "Endret: ')
    edited = munintl.check(load_pack_dir(pack_dir), as_of="2010-01-01", select="MI1")
    assert worked_out == ["findings"] * 4
    munintl.disk_cache.flush()
    assert len(_rows(cache)) == 1  # replaced, never piled up
    assert edited == munintl.check(load_pack_dir(pack_dir), as_of="2010-01-01", select="MI1")
    assert worked_out == ["findings"] * 4


def test_the_overlap_reads_what_it_derived_and_gives_the_same_result(
    cache: Path, pack_dir: Path, worked_out: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    other = _second_hamar(pack_dir)
    first = munintl.overlap(load_pack_dir(pack_dir), load_pack_dir(other))
    assert sorted(set(worked_out)) == ["features", "goal-units"]
    worked_out.clear()
    again = munintl.overlap(load_pack_dir(pack_dir), load_pack_dir(other))
    assert worked_out == []
    monkeypatch.setenv("MUNINTL_CACHE", "off")
    plain = munintl.overlap(load_pack_dir(pack_dir), load_pack_dir(other))
    assert again == first == plain
    assert [u.group for u in units.goal_units(load_pack_dir(other), 1)] == [1] * len(
        units.goal_units(load_pack_dir(other), 0)
    )


def test_packs_only_keeps_nothing_derived(
    cache: Path, pack_dir: Path, worked_out: list[str], builds: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("MUNINTL_CACHE", "packs")
    munintl.check(load_pack_dir(pack_dir))
    munintl.check(load_pack_dir(pack_dir))
    munintl.disk_cache.flush()
    assert worked_out == ["findings", "findings"] and builds == ["hamar"]
    assert not _rows(cache) and len(list(cache.glob("*.pickle"))) == 1  # the pack alone


def test_a_pack_not_given_by_the_cache_has_nothing_derived_kept(
    cache: Path, pack_dir: Path, worked_out: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MUNINTL_CACHE", "off")
    pack = load_pack_dir(pack_dir)
    monkeypatch.setenv("MUNINTL_CACHE", "on")
    munintl.check(pack)
    munintl.check(pack)
    assert worked_out == ["findings", "findings"]
    munintl.disk_cache.flush()
    assert not _rows(cache)


def test_an_installed_pack_keeps_its_findings_under_a_key_of_its_own(
    cache: Path, worked_out: list[str]
) -> None:
    installed = munintl.packs._load_installed("hamar")
    plain = load_pack_dir(HAMAR)
    assert installed.distribution and plain.distribution is None
    origin = munintl.disk_cache._ORIGINS
    assert origin.get(installed) is not None and origin.get(installed) != origin.get(plain)
    assert munintl.check(installed) == munintl.check(munintl.packs._load_installed("hamar"))
    assert worked_out == ["findings"]


def test_a_derived_values_name_is_a_plain_name(cache: Path) -> None:
    with pytest.raises(ValueError, match="letters, digits"):
        munintl.disk_cache.derived(object(), "../x", [], lambda: 1)


def test_a_damaged_derived_entry_is_worked_out_again(
    cache: Path, pack_dir: Path, worked_out: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = munintl.check(load_pack_dir(pack_dir), as_of="2024-01-01")
    munintl.disk_cache.flush()
    with contextlib.closing(sqlite3.connect(cache / DATABASE)) as connection, connection:
        (data,) = connection.execute("SELECT data FROM derived_v1").fetchone()
        damaged = bytearray(data)
        damaged[-3] ^= 0xFF
        connection.execute("UPDATE derived_v1 SET data = ?", (bytes(damaged),))
    monkeypatch.setattr(munintl.disk_cache, "_DERIVED", _derived_store.DerivedStore())  # anew
    assert munintl.check(load_pack_dir(pack_dir), as_of="2024-01-01") == first
    assert worked_out == ["findings", "findings"]


def test_a_value_waiting_to_be_written_is_read_from_memory(
    cache: Path, pack_dir: Path, worked_out: list[str]
) -> None:
    first = munintl.check(load_pack_dir(pack_dir), as_of="2024-01-01")
    assert not _rows(cache)  # not written yet: kept until exit
    assert munintl.check(load_pack_dir(pack_dir), as_of="2024-01-01") == first
    assert worked_out == ["findings"]
    munintl.disk_cache.flush()
    assert len(_rows(cache)) == 1


def test_many_waiting_rows_are_written_without_waiting_for_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_derived_store, "PENDING_BYTES", 100)
    store = _derived_store.DerivedStore()
    store.put(tmp_path, "a", "k", b"a" * 60)
    assert not _rows(tmp_path)
    store.put(tmp_path, "b", "k", b"b" * 60)
    assert _rows(tmp_path) == ["a", "b"]


def test_the_store_keeps_the_latest_value_of_an_entry(tmp_path: Path) -> None:
    store = _derived_store.DerivedStore()
    for n in range(50):
        store.put(tmp_path, "e", "k", pickle.dumps(n))
    store.flush()
    assert pickle.loads(_derived_store.DerivedStore().get(tmp_path, "e", "k") or b"") == 49
    assert (tmp_path / DATABASE).stat().st_mode & 0o777 == 0o600


def test_a_database_others_may_write_to_or_a_link_is_not_used(tmp_path: Path) -> None:
    store = _derived_store.DerivedStore()
    store.put(tmp_path, "e", "k", b"data")
    store.flush()
    (tmp_path / DATABASE).chmod(0o622)
    assert _derived_store.DerivedStore().get(tmp_path, "e", "k") is None
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / DATABASE).symlink_to(tmp_path / DATABASE)
    (tmp_path / DATABASE).chmod(0o600)
    assert _derived_store.DerivedStore().get(elsewhere, "e", "k") is None


def test_a_file_that_is_not_a_database_is_made_again(tmp_path: Path) -> None:
    (tmp_path / DATABASE).write_bytes(b"not a database, but 100 bytes long " * 3)
    (tmp_path / DATABASE).chmod(0o600)
    store = _derived_store.DerivedStore()
    assert store.get(tmp_path, "e", "k") is None
    store.put(tmp_path, "e", "k", b"data")
    store.flush()
    assert _derived_store.DerivedStore().get(tmp_path, "e", "k") == b"data"


def test_a_row_of_the_wrong_types_is_no_row(tmp_path: Path) -> None:
    store = _derived_store.DerivedStore()
    store.put(tmp_path, "e", "k", b"data")
    store.flush()
    for column, value in (("crc", "x"), ("crc", float("inf")), ("data", "text"), ("key", 1)):
        with contextlib.closing(sqlite3.connect(tmp_path / DATABASE)) as connection, connection:
            connection.execute("DELETE FROM derived_v1")
            connection.execute("INSERT INTO derived_v1 VALUES ('e', 'k', 0, x'00')")
            connection.execute(f"UPDATE derived_v1 SET {column} = ?", (value,))
        assert _derived_store.DerivedStore().get(tmp_path, "e", "k") is None, column


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_writes_nothing_of_its_parents(tmp_path: Path) -> None:
    store = _derived_store.DerivedStore()
    store.put(tmp_path, "parent's", "k", b"data")
    pid = os.fork()
    if pid == 0:  # the child: the parent's rows are not its own to write
        store.flush()
        os._exit(0)
    os.waitpid(pid, 0)
    assert _rows(tmp_path) == []
    store.flush()
    assert _rows(tmp_path) == ["parent's"]


def test_the_reports_counted_packs_keep_what_is_derived_under_keys_of_their_own(
    cache: Path, pack_dir: Path, worked_out: list[str]
) -> None:
    from munintl.report.document import counted_pack

    other = _second_hamar(pack_dir)
    packs = [counted_pack(load_pack_dir(p)) for p in (pack_dir, other)]
    origins = munintl.disk_cache._ORIGINS
    assert all(origins.get(p) is not None for p in packs)
    plain = load_pack_dir(pack_dir)
    assert origins.get(packs[0]) != origins.get(plain)
    first = munintl.overlap(*packs)
    worked_out.clear()
    again = munintl.overlap(*[counted_pack(load_pack_dir(p)) for p in (pack_dir, other)])
    assert again == first and worked_out == []


def test_the_key_covers_pystemmer_which_snowballstemmer_uses_when_installed(
    pretend_version: Callable[[str, str], None],
) -> None:
    before = munintl.disk_cache._code_fingerprint()
    pretend_version("PyStemmer", "9.9")
    assert munintl.disk_cache._code_fingerprint() != before


@pytest.mark.parametrize(
    ("value", "meaning"),
    [("", "on"), ("ON", "on"), ("1", "on"), (" Off ", "off"), ("0", "off"), ("false", "off"),
     ("no", "off"), ("packs", "packs"), ("PACKS", "packs")],
)  # fmt: skip
def test_the_settings_of_munintl_cache(
    value: str, meaning: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MUNINTL_CACHE", value)
    assert munintl.disk_cache._setting() == meaning


def test_an_unknown_setting_keeps_the_cache_on_and_says_so_in_one_line(
    cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MUNINTL_CACHE", "Pack-Typo")
    monkeypatch.setattr(munintl.disk_cache, "_warned", set())
    with pytest.warns(RuntimeWarning, match="'Pack-Typo' is none of on, off, packs"):
        assert munintl.disk_cache._setting() == "on"
    monkeypatch.setattr(munintl.disk_cache, "_warned", set())
    assert munintl.cli.main(["check", "hamar", "--fail-on", "never"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "munintl: warning: MUNINTL_CACHE='Pack-Typo' is none of on, off, packs: the cache stays on"
    ]  # quoted as given, not lowered


@pytest.mark.parametrize("stored", [42, ["x"], [None], {"a": 1}, None])
def test_a_stored_value_of_the_wrong_kind_is_worked_out_again(
    stored: object, cache: Path, pack_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = _second_hamar(pack_dir)
    first_check = munintl.check(load_pack_dir(pack_dir), as_of="2024-01-01")
    first_overlap = munintl.overlap(load_pack_dir(pack_dir), load_pack_dir(other))
    munintl.disk_cache.flush()
    data = pickle.dumps(stored)
    with contextlib.closing(sqlite3.connect(cache / DATABASE)) as connection, connection:
        connection.execute("UPDATE derived_v1 SET data = ?, crc = ?", (data, zlib.crc32(data)))
    monkeypatch.setattr(munintl.disk_cache, "_DERIVED", _derived_store.DerivedStore())
    assert munintl.check(load_pack_dir(pack_dir), as_of="2024-01-01") == first_check
    assert munintl.overlap(load_pack_dir(pack_dir), load_pack_dir(other)) == first_overlap
