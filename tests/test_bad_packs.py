"""Broken packs get one clear, located error; nothing else breaks.

``tests/bad_packs/<case>/`` holds a pack with one mistake and ``expected.txt``, the exact
message ``str(error)`` must be. Cases that cannot be committed (a file above the size limit, a
link leading outside the folder) and broken *installed* packs (fake distributions on
``sys.path``) are built here, in ``tmp_path``.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import munintl
import munintl.packs
from munintl.cli import main
from munintl.errors import PackDataError, PackDiscoveryError, PackNotFoundError
from munintl.packs import MAX_FILE_BYTES, load_pack_dir

BAD_PACKS = Path(__file__).parent / "bad_packs"
VALID = BAD_PACKS / "_valid"
CASES = sorted(p.name for p in BAD_PACKS.iterdir() if p.is_dir() and not p.name.startswith("_"))
BUNDLED = ["bergen", "hamar", "oslo"]


def expected(case: str) -> str:
    return (BAD_PACKS / case / "expected.txt").read_text(encoding="utf-8").rstrip("\n")


# --- the corpus ---------------------------------------------------------------------------------


def test_the_base_pack_is_valid() -> None:
    """Every case is this pack with one mistake, so the mistake is what the error is about."""
    pack = load_pack_dir(VALID)
    assert (pack.name, len(pack.entities())) == ("tiny", 9)


def test_the_corpus_covers_what_the_issue_lists() -> None:
    required = {
        "toml-unclosed-string",  # malformed TOML
        "type-number-for-text",  # wrong types
        "unknown-key-typo",  # unknown keys, with a "did you mean"
        "missing-required-field",
        "empty-title",
        "duplicate-id-same-file",
        "unknown-parent-goal",  # a reference to an id that does not exist
        "goal-cycle",
        "sdg-zero",
        "sdg-eighteen",
        "sdg-target-17-99",
        "kommunenummer-three-digits",
        "date-impossible-day",
        "period-ends-before-start",
        "not-utf8",
        "future-format-version",
        "missing-data-file",
    }
    assert required <= set(CASES)
    assert len(CASES) >= 30
    assert all((BAD_PACKS / case / "expected.txt").is_file() for case in CASES)


@pytest.mark.parametrize("case", CASES)
def test_bad_pack_has_its_exact_message(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD_PACKS)  # relative paths keep messages free of this machine's paths
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(case)
    assert expected(case) == str(caught.value)
    assert len(caught.value.problems) == 1
    # A folder without a manifest is no pack: the message names the path instead.
    assert caught.value.pack == (None if case == "no-manifest" else case)
    assert "\n" not in str(caught.value)


def test_a_folder_without_a_manifest_is_bad_input_on_the_command_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Exit 1, as every bad pack: the API raises PackDataError for the same folder.
    monkeypatch.chdir(BAD_PACKS)
    for command in ("validate", "check"):
        assert main([command, "no-manifest"]) == 1
        where = "validate: " if command == "validate" else ""
        assert capsys.readouterr().err == (
            f"munintl: error: {where}no-manifest is not a pack folder: there is no pack.toml "
            "in it\n"
        )


@pytest.mark.parametrize("case", [c for c in CASES if c != "no-manifest"])
def test_bad_pack_cli_says_one_line_and_exits_1(
    case: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(BAD_PACKS)
    assert main(["validate", case]) == 1
    captured = capsys.readouterr()
    assert f"munintl: error: {expected(case)}\n" == captured.err
    assert captured.out == ""


@pytest.mark.parametrize("case", ["unknown-key-typo", "goal-cycle", "not-utf8", "sdg-eighteen"])
def test_check_on_a_bad_folder_gives_the_same_error(
    case: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(BAD_PACKS)
    assert main(["check", case]) == 1
    assert f"munintl: error: {expected(case)}\n" == capsys.readouterr().err


def test_a_typo_is_reported_once_not_also_as_the_field_it_misspells() -> None:
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(BAD_PACKS / "unknown-key-manifest")
    assert [p.path for p in caught.value.problems] == ["$.municipalty"]


def test_several_problems_are_all_kept_and_the_first_is_shown(tmp_path: Path) -> None:
    pack = copy_valid(tmp_path)
    edit(pack / "goals.toml", 'parent = "main"', 'parent = "mian"')
    edit(pack / "network.toml", 'goal = "sub"', 'goal = "sbu"')
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert [str(p) for p in caught.value.problems] == [
        "tiny: goals.toml:16: $.goals[1].parent: unknown goal 'mian'",
        "tiny: network.toml:9: $.measures[0].goal: unknown goal 'sbu'",
    ]
    assert str(caught.value).endswith("unknown goal 'mian' (and 1 more)")


# --- cases built here: too big, links out of the folder -----------------------------------------


def copy_valid(tmp_path: Path, name: str = "pack") -> Path:
    return Path(shutil.copytree(VALID, tmp_path / name))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def pad_to(path: Path, size: int) -> None:
    """Grow a TOML file to exactly ``size`` bytes with comment lines (still valid TOML)."""
    data = path.read_bytes()
    filler = size - len(data)
    line = b"#" + b"x" * 98 + b"\n"
    padding = line * (filler // len(line))
    padding += b"#" + b"x" * (filler - len(padding) - 2) + b"\n" if filler % len(line) else b""
    path.write_bytes(data + padding)
    assert size == path.stat().st_size


def test_the_size_limit_is_one_mebibyte() -> None:
    assert MAX_FILE_BYTES == 1024 * 1024


def test_a_file_at_the_limit_loads(tmp_path: Path) -> None:
    pack = copy_valid(tmp_path)
    pad_to(pack / "goals.toml", MAX_FILE_BYTES)
    assert len(load_pack_dir(pack).goals) == 2


@pytest.mark.parametrize("file", ["goals.toml", "pack.toml"])
def test_a_file_above_the_limit_is_refused(tmp_path: Path, file: str) -> None:
    pack = copy_valid(tmp_path)
    pad_to(pack / file, MAX_FILE_BYTES + 1)
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    label = "tiny" if file == "goals.toml" else "pack"  # before the manifest, the folder's name
    assert (
        f"{label}: {file}: file is {MAX_FILE_BYTES + 1} bytes, above the limit of "
        f"{MAX_FILE_BYTES} bytes for a data file (munintl.packs.MAX_FILE_BYTES); "
        "split it into several files"
    ) == str(caught.value)


def test_a_file_above_the_limit_in_a_zipped_pack_is_refused_after_a_bounded_read(
    tmp_path: Path,
) -> None:
    """An installed pack may live in a zip (no file size to ask for): it is read in bounded
    steps all the same."""
    pack = copy_valid(tmp_path)
    pad_to(pack / "network.toml", 3 * MAX_FILE_BYTES)
    archive = tmp_path / "pack.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(pack.iterdir()):
            zf.write(path, path.name)
    reader = munintl.packs._Reader.of(zipfile.Path(archive))
    assert reader.confine is None
    with pytest.raises(PackDataError) as caught:
        munintl.packs._load(reader, label="tiny")
    assert (
        f"tiny: network.toml: file is more than {MAX_FILE_BYTES} bytes, above the limit of "
        f"{MAX_FILE_BYTES} bytes for a data file (munintl.packs.MAX_FILE_BYTES); "
        "split it into several files"
    ) == str(caught.value)


def test_a_zipped_valid_pack_loads(tmp_path: Path) -> None:
    archive = tmp_path / "pack.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(VALID.iterdir()):
            zf.write(path, path.name)
    pack = munintl.packs._load(munintl.packs._Reader.of(zipfile.Path(archive)), label="tiny")
    assert load_pack_dir(VALID) == pack


needs_symlinks = pytest.mark.skipif(
    not hasattr(os, "symlink") or sys.platform == "win32", reason="needs POSIX symlinks"
)


@needs_symlinks
@pytest.mark.parametrize("file", ["network.toml", "pack.toml"])
def test_a_link_leading_outside_the_folder_is_refused(tmp_path: Path, file: str) -> None:
    pack = copy_valid(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    # The target would load fine: only the link's destination makes it wrong.
    shutil.move(pack / file, outside / file)
    (pack / file).symlink_to(Path("..") / "outside" / file)
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    label = "tiny" if file == "network.toml" else "pack"
    assert (
        f"{label}: {file}: refused: the file is a link that leads outside the pack's folder"
    ) == str(caught.value)


@needs_symlinks
def test_an_absolute_link_to_a_system_file_is_refused(tmp_path: Path) -> None:
    pack = copy_valid(tmp_path)
    (pack / "network.toml").unlink()
    (pack / "network.toml").symlink_to("/etc/passwd")
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert "refused: the file is a link that leads outside" in str(caught.value)


@needs_symlinks
def test_a_link_inside_the_folder_is_followed(tmp_path: Path) -> None:
    pack = copy_valid(tmp_path)
    (pack / "data").mkdir()
    shutil.move(pack / "network.toml", pack / "data" / "network.toml")
    (pack / "network.toml").symlink_to(Path("data") / "network.toml")
    assert load_pack_dir(VALID) == load_pack_dir(pack)


@needs_symlinks
def test_a_dangling_link_is_a_missing_file(tmp_path: Path) -> None:
    pack = copy_valid(tmp_path)
    (pack / "network.toml").unlink()
    (pack / "network.toml").symlink_to(tmp_path / "nowhere.toml")
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert str(caught.value) == (
        "tiny: pack.toml:5: $.files[2]: 'network.toml' is listed but it is a link to a file "
        "that does not exist"
    )


def _link_to_itself(path: Path) -> None:
    path.symlink_to(path.name)


def _link_to_nowhere(path: Path) -> None:
    path.symlink_to("nowhere.toml")


def _make_socket(path: Path) -> None:
    import socket

    with socket.socket(socket.AF_UNIX) as bound:
        bound.bind(str(path))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs and sockets")
@pytest.mark.parametrize(
    ("make", "said"),
    [
        (Path.mkdir, "it is a folder, not a regular file"),
        (os.mkfifo, "it is a named pipe (FIFO), not a regular file"),  # never opened: no hang
        (_make_socket, "it is a socket, not a regular file"),
        (_link_to_itself, "it cannot be opened: Too many levels of symbolic links"),
    ],
)
def test_a_listed_name_that_is_no_regular_file_says_what_it_is(
    tmp_path: Path, make: Any, said: str
) -> None:
    pack = copy_valid(tmp_path)
    (pack / "goals.toml").unlink()
    make(pack / "goals.toml")
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert str(caught.value) == f"tiny: pack.toml:5: $.files[1]: 'goals.toml' is listed but {said}"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
@pytest.mark.parametrize(
    ("make", "said"),
    [
        (Path.mkdir, "it is a folder, not a regular file"),
        (os.mkfifo, "it is a named pipe (FIFO), not a regular file"),
        (_link_to_nowhere, "it is a link to a file that does not exist"),
    ],
)
def test_a_manifest_that_is_no_regular_file_is_the_packs_error_exit_1(
    tmp_path: Path, make: Any, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = copy_valid(tmp_path)
    (pack / "pack.toml").unlink()
    make(pack / "pack.toml")
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert str(caught.value) == f"pack: pack.toml: {said}"
    assert main(["validate", str(pack)]) == 1
    assert capsys.readouterr().err == f"munintl: error: pack: pack.toml: {said}\n"


@needs_symlinks
def test_a_pack_folder_that_is_a_link_loop_is_a_pack_data_error(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to("loop")
    for given in (tmp_path / "loop", tmp_path / "loop" / "pack.toml"):
        with pytest.raises(PackDataError) as caught:
            load_pack_dir(given)
        assert str(caught.value) == (
            f"{given.name}: cannot read the pack folder: Too many levels of symbolic links"
        )


def test_a_listed_file_that_is_a_folder_is_named_as_one(tmp_path: Path) -> None:
    pack = copy_valid(tmp_path)
    (pack / "network.toml").unlink()
    (pack / "network.toml").mkdir()
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert str(caught.value) == (
        "tiny: pack.toml:5: $.files[2]: 'network.toml' is listed but it is a folder, not a regular "
        "file"
    )


def test_a_misspelt_enum_value_gets_a_did_you_mean(tmp_path: Path) -> None:
    pack = copy_valid(tmp_path)
    goals = pack / "goals.toml"
    goals.write_text(
        goals.read_text(encoding="utf-8").replace('evidence = "inferred"', 'evidence = "infered"'),
        encoding="utf-8",
    )
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert "'infered' is not one of 'stated', 'inferred' (did you mean 'inferred'?)" in str(
        caught.value
    )


@needs_symlinks
def test_a_linked_pack_folder_loads(tmp_path: Path) -> None:
    """The folder itself may be a link (a checkout elsewhere): confinement is to its target."""
    pack = copy_valid(tmp_path)
    (tmp_path / "linked").symlink_to(pack)
    assert load_pack_dir(VALID) == load_pack_dir(tmp_path / "linked")


def test_a_file_that_cannot_be_read_is_an_error_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root a test cannot take away read permission, so the refusal is simulated."""
    pack = copy_valid(tmp_path)
    real_open = Path.open

    def refusing_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "goals.toml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert str(caught.value) == "tiny: goals.toml: cannot be read: Permission denied"


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """Windows editors write one; it carries no data."""
    pack = copy_valid(tmp_path)
    for name in ("pack.toml", "goals.toml"):
        (pack / name).write_bytes(b"\xef\xbb\xbf" + (pack / name).read_bytes())
    assert load_pack_dir(VALID) == load_pack_dir(pack)


# --- broken installed packs: fake distributions on sys.path -------------------------------------


class FakeSite:
    """A folder of fake installed distributions, as pip would leave them in site-packages."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir()
        self.modules: list[str] = []

    def dist(
        self,
        dist: str,
        entry_points: dict[str, str],
        *,
        package: str | None = None,
        files: dict[str, str | bytes] | None = None,
        metadata: str | None = None,
    ) -> None:
        info = self.root / f"{dist.replace('-', '_')}-0.1.dist-info"
        info.mkdir()
        meta = f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n"
        (info / "METADATA").write_text(meta if metadata is None else metadata, encoding="utf-8")
        lines = "".join(f"{name} = {value}\n" for name, value in entry_points.items())
        (info / "entry_points.txt").write_text(f"[munintl.packs]\n{lines}", encoding="utf-8")
        if package is not None:
            self.modules.append(package)
            folder = self.root / package
            folder.mkdir()
            for name, content in (files or {"__init__.py": ""}).items():
                data = content.encode("utf-8") if isinstance(content, str) else content
                (folder / name).write_bytes(data)

    def pack_dist(self, name: str, source: Path, *, dist: str | None = None) -> None:
        """A distribution whose package holds the pack folder ``source``, renamed ``name``."""
        files: dict[str, str | bytes] = {"__init__.py": '"""Data only."""\n'}
        for path in sorted(source.glob("*.toml")):
            files[path.name] = path.read_bytes()
        manifest = bytes(files["pack.toml"]).decode("utf-8")
        original = next(line for line in manifest.splitlines() if line.startswith("name = "))
        files["pack.toml"] = manifest.replace(original, f'name = "{name}"', 1)
        package = f"munintl_pack_{name.replace('-', '_')}"
        self.dist(dist or f"munintl-pack-{name}", {name: package}, package=package, files=files)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSite]:
    fake = FakeSite(tmp_path / "site")
    monkeypatch.syspath_prepend(str(fake.root))
    yield fake
    for module in fake.modules:
        sys.modules.pop(module, None)
    munintl.packs.clear_cache()  # sys.path is restored after this; forget what we found


def activate(site: FakeSite) -> None:
    importlib.invalidate_caches()  # the path finder caches folder listings
    munintl.packs.clear_cache()


def broken_site(site: FakeSite) -> dict[str, str]:
    """Fake distributions, one per way an entry point can fail, and their exact messages."""
    site.dist("munintl-pack-ghost", {"ghost": "munintl_pack_ghost"})
    site.dist(
        "munintl-pack-boom",
        {"boom": "munintl_pack_boom"},
        package="munintl_pack_boom",
        files={"__init__.py": "raise RuntimeError('boom at import')\n"},
    )
    site.dist(
        "munintl-pack-quits",
        {"quits": "munintl_pack_quits"},
        package="munintl_pack_quits",
        files={"__init__.py": "import sys\nsys.exit(3)\n"},
    )
    site.dist(
        "munintl-pack-wrong",
        {"wrong": "munintl_pack_wrong:PACK"},
        package="munintl_pack_wrong",
        files={"__init__.py": "PACK = {'name': 'wrong'}\n"},
    )
    site.dist("munintl-pack-empty", {"empty": "munintl_pack_empty"}, package="munintl_pack_empty")
    (site.root / "munintl_pack_single.py").write_text("", encoding="utf-8")
    site.dist("munintl-pack-single", {"single": "munintl_pack_single"})
    site.modules.append("munintl_pack_single")
    site.dist("munintl-pack-twin-a", {"twin": "munintl_pack_empty"})
    site.dist("munintl-pack-twin-b", {"twin": "munintl_pack_empty"})
    site.pack_dist("typo", BAD_PACKS / "unknown-key-typo")
    site.pack_dist("renamed", VALID)
    manifest = site.root / "munintl_pack_renamed" / "pack.toml"
    edit(manifest, 'name = "renamed"', 'name = "other"')
    return {
        "ghost": "ghost (distribution munintl-pack-ghost): entry point 'munintl_pack_ghost' "
        "failed to import: ModuleNotFoundError: No module named 'munintl_pack_ghost'",
        "boom": "boom (distribution munintl-pack-boom): entry point 'munintl_pack_boom' "
        "failed to import: RuntimeError: boom at import",
        "quits": "quits (distribution munintl-pack-quits): entry point 'munintl_pack_quits' "
        "failed to import: SystemExit: 3",
        "wrong": "wrong (distribution munintl-pack-wrong): entry point "
        "'munintl_pack_wrong:PACK' must name the pack's package (a module holding pack.toml), "
        "not dict",
        "empty": "empty (distribution munintl-pack-empty): package 'munintl_pack_empty' "
        "holds no pack.toml",
        "single": "single (distribution munintl-pack-single): entry point "
        "'munintl_pack_single' names the module 'munintl_pack_single', which is not a package "
        "(a folder holding pack.toml)",
        "twin": "twin: the name is claimed by several distributions: munintl-pack-twin-a, "
        "munintl-pack-twin-b",
        "typo": "typo: goals.toml:16: $.goals[1].titel: unknown key 'titel' "
        "(did you mean 'title'?)",
        "renamed": "renamed (distribution munintl-pack-renamed): entry point name 'renamed' "
        "differs from the manifest's name 'other'",
    }


def test_each_broken_entry_point_is_one_error_naming_pack_and_distribution(
    site: FakeSite,
) -> None:
    messages = broken_site(site)
    activate(site)
    for name, message in messages.items():
        error = PackDataError if name == "typo" else PackDiscoveryError
        with pytest.raises(error) as caught:
            munintl.load_pack(name)
        assert message == str(caught.value)
        assert name == caught.value.pack
        if error is PackDiscoveryError and name != "twin":
            assert isinstance(caught.value, PackDiscoveryError)
            assert f"munintl-pack-{name}" == caught.value.distribution


def test_a_broken_pack_fails_the_same_way_every_time_and_keeps_its_cause(site: FakeSite) -> None:
    broken_site(site)
    activate(site)
    with pytest.raises(PackDiscoveryError) as first:
        munintl.load_pack("boom")
    with pytest.raises(PackDiscoveryError) as second:
        munintl.load_pack("boom")
    # Cached (the pack's import ran once), raised as a fresh equal copy each time.
    assert first.value is not second.value
    assert str(first.value) == str(second.value)
    assert first.value.__cause__ is second.value.__cause__
    assert isinstance(first.value.__cause__, RuntimeError)
    assert first.value.__cause__ is second.value.__cause__


def test_broken_packs_do_not_take_the_others_down(site: FakeSite) -> None:
    messages = broken_site(site)
    activate(site)
    assert sorted([*BUNDLED, *messages]) == munintl.available_packs()
    infos = {info.name: info for info in munintl.installed_packs()}
    for name, message in messages.items():
        assert (False, message) == (infos[name].ok, infos[name].error)
    for name in BUNDLED:
        assert infos[name].ok, infos[name].error
        assert name == munintl.load_pack(name).name
    assert [p.name for p in munintl.load_packs(BUNDLED)] == BUNDLED
    with pytest.raises(PackNotFoundError):
        munintl.load_pack("nobody")


def test_a_distribution_with_broken_metadata_does_not_stop_discovery(site: FakeSite) -> None:
    site.pack_dist("tiny", VALID)
    site.dist("nameless", {"nameless": "munintl_pack_tiny"}, metadata="Metadata-Version: 2.1\n")
    activate(site)
    assert sorted([*BUNDLED, "nameless", "tiny"]) == munintl.available_packs()
    assert munintl.load_pack("tiny").distribution == "munintl-pack-tiny"
    infos = {info.name: info for info in munintl.installed_packs()}
    assert (infos["nameless"].distribution, infos["nameless"].version) == (None, None)
    assert (
        infos["nameless"].error
    ) == "nameless: entry point name 'nameless' differs from the manifest's name 'tiny'"


@pytest.mark.parametrize(
    "entry_points",
    [b"[munintl.packs]\nno equals sign here\n", b"\xff\xfe[munintl.packs]\n", b"[munintl.packs\n"],
)
def test_a_distribution_with_malformed_entry_points_is_skipped(
    site: FakeSite, entry_points: bytes
) -> None:
    """importlib_metadata.entry_points() fails as a whole on one such file, even of a
    distribution that has nothing to do with munintl."""
    site.pack_dist("tiny", VALID)
    site.dist("unrelated", {"x": "y"})
    (site.root / "unrelated-0.1.dist-info" / "entry_points.txt").write_bytes(entry_points)
    site.dist("garbled", {"garbled": "munintl_pack_tiny"})
    (site.root / "garbled-0.1.dist-info" / "METADATA").write_bytes(b"Name: \xff\xfe\n")
    activate(site)
    assert sorted([*BUNDLED, "garbled", "tiny"]) == munintl.available_packs()
    assert munintl.load_pack("tiny").name == "tiny"
    infos = {info.name: info for info in munintl.installed_packs()}
    assert (infos["garbled"].ok, infos["garbled"].distribution) == (False, None)
    assert all(infos[name].ok for name in [*BUNDLED, "tiny"])


def test_two_packs_for_one_municipality(site: FakeSite) -> None:
    site.pack_dist("tiny-a", VALID)
    site.pack_dist("tiny-b", VALID)
    activate(site)
    message = (
        "tiny-b (distribution munintl-pack-tiny-b): claims municipality 9999 (Tiny), "
        "already claimed by pack 'tiny-a' (munintl-pack-tiny-a)"
    )
    infos = {info.name: info for info in munintl.installed_packs()}
    assert (infos["tiny-a"].ok, infos["tiny-a"].error) == (True, None)
    assert (False, message) == (infos["tiny-b"].ok, infos["tiny-b"].error)
    with pytest.raises(PackDiscoveryError) as caught:
        munintl.load_packs(["tiny-a", "tiny-b"])
    assert message == str(caught.value)
    # Alone, each is unambiguous and loads; the bundled packs are untouched.
    assert munintl.load_pack("tiny-b").name == "tiny-b"
    assert all(info.ok for name, info in infos.items() if name in BUNDLED)


# --- the command line, in a separate process, so that a traceback would show -------------------


def run_cli(site: FakeSite, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site.root), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "munintl.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_cli_lists_broken_packs_and_exits_1_without_traceback(site: FakeSite) -> None:
    messages = broken_site(site)
    result = run_cli(site, "packs")
    assert (result.returncode, result.stderr) == (1, "")
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    for name, message in messages.items():
        assert f"{name:<12} BROKEN   {message}" == lines[name]
    for name in BUNDLED:
        assert "BROKEN" not in lines[name]


@pytest.mark.parametrize(
    ("command", "pack"),
    [("show", "boom"), ("show", "quits"), ("check", "ghost"), ("check", "typo")],
)
def test_cli_on_a_broken_pack_is_one_line_and_exit_1(
    site: FakeSite, command: str, pack: str
) -> None:
    messages = broken_site(site)
    result = run_cli(site, command, pack)
    assert result.returncode == 1
    assert f"munintl: error: {messages[pack]}\n" == result.stderr
    assert result.stdout == ""


def test_cli_graph_of_two_packs_for_one_municipality_exits_1(site: FakeSite) -> None:
    site.pack_dist("tiny-a", VALID)
    site.pack_dist("tiny-b", VALID)
    result = run_cli(site, "graph", "tiny-a", "tiny-b")
    assert result.returncode == 1
    assert result.stderr.startswith("munintl: error: tiny-b (distribution munintl-pack-tiny-b)")
    assert len(result.stderr.splitlines()) == 1
    # The graph of the packs that do not clash, as with a pack that does not load.
    assert "municipality:tiny-a" in result.stdout and "tiny-b" not in result.stdout


# --- containment: whatever a pack's import does, it breaks that pack only ----------------------


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("raise KeyboardInterrupt", "KeyboardInterrupt"),
        ("raise SystemExit('bye')", "SystemExit: bye"),
        ("import asyncio\nraise asyncio.CancelledError()", "CancelledError"),
        ("raise GeneratorExit", "GeneratorExit"),
        ("class Odd(BaseException): pass\nraise Odd('odd')", "Odd: odd"),
        (  # its message is the pack's code too: asking for it must not break the listing
            "class Mute(Exception):\n    def __str__(self): raise ValueError\nraise Mute()",
            "Mute: (its message cannot be shown: ValueError)",
        ),
    ],
)
def test_an_import_raising_any_base_exception_breaks_that_pack_only(
    site: FakeSite, code: str, shown: str
) -> None:
    site.dist("munintl-pack-bad", {"bad": "munintl_pack_bad"}, package="munintl_pack_bad",
              files={"__init__.py": code + "\n"})  # fmt: skip
    activate(site)
    with pytest.raises(PackDiscoveryError) as caught:
        munintl.load_pack("bad")
    assert str(caught.value) == (
        f"bad (distribution munintl-pack-bad): entry point 'munintl_pack_bad' failed to import: "
        f"{shown}"
    )
    infos = {info.name: info for info in munintl.installed_packs()}
    assert not infos["bad"].ok
    assert all(infos[name].ok for name in BUNDLED)


def test_an_import_error_message_over_several_lines_is_one_escaped_line(site: FakeSite) -> None:
    code = "raise RuntimeError('could not read settings:\\n  line 2\\r\\x1b[2J\\u2028end')\n"
    site.dist("munintl-pack-multi", {"multi": "munintl_pack_multi"}, package="munintl_pack_multi",
              files={"__init__.py": code})  # fmt: skip
    activate(site)
    with pytest.raises(PackDiscoveryError) as caught:
        munintl.load_pack("multi")
    assert str(caught.value).endswith(
        "RuntimeError: could not read settings:\\n  line 2\\r\\x1b[2J\\u2028end"
    )
    assert len(str(caught.value).splitlines()) == 1


def test_what_an_import_prints_never_reaches_stdout(
    site: FakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site.pack_dist("noisy", VALID)
    init = site.root / "munintl_pack_noisy" / "__init__.py"
    init.write_text("print('hello from the pack')\n", encoding="utf-8")
    activate(site)
    assert main(["packs", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert {info["name"] for info in json.loads(captured.out)} >= {"noisy", *BUNDLED}
    assert "hello from the pack" in captured.err


@needs_symlinks
def test_a_namespace_package_is_confined_like_a_regular_one(site: FakeSite) -> None:
    site.pack_dist("nsout", VALID)
    package = site.root / "munintl_pack_nsout"
    (package / "__init__.py").unlink()  # a namespace package: no __init__.py
    outside = site.root.parent / "outside"
    outside.mkdir()
    shutil.move(package / "network.toml", outside / "network.toml")
    (package / "network.toml").symlink_to(Path("..") / ".." / "outside" / "network.toml")
    activate(site)
    with pytest.raises(PackDataError) as caught:
        munintl.load_pack("nsout")
    assert str(caught.value) == (
        "nsout: network.toml: refused: the file is a link that leads outside the pack's folder"
    )


def test_a_valid_namespace_package_loads(site: FakeSite) -> None:
    site.pack_dist("nsok", VALID)
    (site.root / "munintl_pack_nsok" / "__init__.py").unlink()
    activate(site)
    assert len(munintl.load_pack("nsok").entities()) == 9


def test_a_zipped_installed_pack_loads_from_its_zip(site: FakeSite) -> None:
    archive = site.root.parent / "packs.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("munintl_pack_zipped/__init__.py", "")
        for path in sorted(VALID.glob("*.toml")):
            text = path.read_text(encoding="utf-8").replace('name = "tiny"', 'name = "zipped"')
            zf.writestr(f"munintl_pack_zipped/{path.name}", text)
    site.dist("munintl-pack-zipped", {"zipped": "munintl_pack_zipped"})
    site.modules.append("munintl_pack_zipped")
    sys.path.insert(0, str(archive))
    try:
        activate(site)
        assert len(munintl.load_pack("zipped").entities()) == 9
    finally:
        sys.path.remove(str(archive))


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals")
def test_a_real_ctrl_c_during_a_pack_import_ends_the_command_with_130(tmp_path: Path) -> None:
    """The pack's import waits; the user presses Ctrl-C (SIGINT): one line, exit 130."""
    site = FakeSite(tmp_path / "site")
    site.pack_dist("slow", VALID)
    init = site.root / "munintl_pack_slow" / "__init__.py"
    init.write_text(
        "import sys, time\nprint('importing', file=sys.stderr, flush=True)\ntime.sleep(30)\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(site.root)}
    script = "import sys; from munintl.cli import main; sys.exit(main(['show', 'slow']))"
    process = subprocess.Popen(
        [sys.executable, "-c", script],
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        # A run started in the background by a shell inherits SIGINT ignored, and so would the
        # child: Ctrl-C must reach it as it reaches a command typed at a terminal.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    assert process.stderr.readline() == b"importing\n"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err.decode() == "munintl: interrupted\n"


def test_what_an_import_writes_to_descriptor_1_never_reaches_stdout(
    site: FakeSite, capfd: pytest.CaptureFixture[str]
) -> None:
    """Not only print(): sys.__stdout__ and os.write(1, ...) (as a C extension would) too."""
    site.pack_dist("raw", VALID)
    init = site.root / "munintl_pack_raw" / "__init__.py"
    init.write_text(
        "import os, sys\nos.write(1, b'raw bytes\\n')\nsys.__stdout__.write('dunder\\n')\n",
        encoding="utf-8",
    )
    activate(site)
    assert main(["packs", "--format", "json"]) == 0
    captured = capfd.readouterr()
    assert {info["name"] for info in json.loads(captured.out)} >= {"raw", *BUNDLED}
    assert "raw bytes" in captured.err and "dunder" in captured.err


def test_a_package_that_raises_when_inspected_breaks_that_pack_only(site: FakeSite) -> None:
    site.dist(
        "munintl-pack-odd",
        {"odd": "munintl_pack_odd"},
        package="munintl_pack_odd",
        files={
            "__init__.py": "import sys, types\n"
            "class Odd(types.ModuleType):\n"
            "    def __getattribute__(self, name):\n"
            "        if name == '__path__':\n"
            "            raise RuntimeError('no path for you')\n"
            "        return super().__getattribute__(name)\n"
            "sys.modules[__name__].__class__ = Odd\n"
        },
    )
    activate(site)
    with pytest.raises(PackDiscoveryError) as caught:
        munintl.load_pack("odd")
    assert "its package cannot be inspected: RuntimeError: no path for you" in str(caught.value)
    assert all(info.ok for info in munintl.installed_packs() if info.name in BUNDLED)


def test_a_damaged_zip_entry_is_a_pack_data_error(tmp_path: Path) -> None:
    archive = tmp_path / "pack.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as zf:
        for path in sorted(VALID.glob("*.toml")):
            zf.writestr(path.name, path.read_bytes())
    data = bytearray(archive.read_bytes())
    marker = b'title = "Tiny learns from others"'
    at = data.index(marker)
    data[at : at + 5] = b"TITLE"  # the stored bytes no longer match the entry's CRC-32
    archive.write_bytes(bytes(data))
    reader = munintl.packs._Reader.of(zipfile.Path(archive))
    with pytest.raises(PackDataError) as caught:
        munintl.packs._load(reader, label="tiny")
    assert str(caught.value).startswith("tiny: goals.toml: cannot be read: the zip file is damaged")


def test_a_distribution_name_with_control_characters_is_listed_on_one_escaped_line(
    site: FakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site.pack_dist("tiny", VALID, dist="munintl-pack-tiny")
    info = site.root / "munintl_pack_tiny-0.1.dist-info"
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: evil\x1b[2Jname\nVersion: 0.1\x1b]0;x\x07\n", encoding="utf-8"
    )
    activate(site)
    main(["packs"])
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("tiny"))
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[2J" in line


# --- where a problem is: keys written with escapes ------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ('"\\u001b[31mred"', "['\\x1b[31mred']"),  # an escape the terminal would obey
        ('"ti\\u0074el"', ".titel"),  # an escaped letter
        ('"say \\"hi\\""', "['say \"hi\"']"),  # escaped quotes inside the key
    ],
)
def test_an_unknown_key_written_with_escapes_is_found_on_its_line(
    tmp_path: Path, written: str, shown: str
) -> None:
    pack = copy_valid(tmp_path)
    edit(pack / "goals.toml", 'label = "hovedmål"\n', f'label = "hovedmål"\n{written} = 1\n')
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert str(caught.value).startswith(f"tiny: goals.toml:6: $.goals[0]{shown}: unknown key")


# --- a path that is no pack folder: the API says what it is; the command line exits 2 ---------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs and links")
def test_a_path_that_is_no_pack_folder_says_what_it_is(tmp_path: Path) -> None:
    pack = copy_valid(tmp_path)
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "dangling").symlink_to("gone")
    said = {
        pack / "goals.toml": "is not a pack folder: it is a file; give the folder holding "
        "pack.toml",
        tmp_path / "fifo": "is not a pack folder: it is a named pipe (FIFO), not a regular "
        "file; give the folder holding pack.toml",
        tmp_path / "missing": "does not exist",
        tmp_path / "dangling": "does not exist (a link to nothing)",
    }
    for given, message in said.items():
        with pytest.raises(PackDataError) as caught:
            load_pack_dir(given)
        assert str(caught.value) == f"{given} {message}"


@pytest.mark.parametrize(
    ("encoding", "why"),
    [
        ("utf-16", "it starts with a UTF-16 byte-order mark"),
        ("utf-16-le", "every other byte is 0"),
        ("utf-16-be", "every other byte is 0"),
    ],
)
def test_a_utf16_file_is_named_as_one(tmp_path: Path, encoding: str, why: str) -> None:
    pack = copy_valid(tmp_path)
    goals = pack / "goals.toml"
    goals.write_bytes(goals.read_text(encoding="utf-8").encode(encoding))
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert (
        str(caught.value) == f"tiny: goals.toml: the file is UTF-16 text ({why}); save it as UTF-8"
    )


def test_a_listed_file_in_another_case_gets_a_did_you_mean(tmp_path: Path) -> None:
    pack = copy_valid(tmp_path)
    manifest = pack / "pack.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('"goals.toml"', '"Goals.toml"'),
        encoding="utf-8",
    )
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert str(caught.value).endswith(
        "'Goals.toml' is listed but there is no such file (did you mean 'goals.toml'? file "
        "names are case-sensitive)"
    )


def test_a_language_that_is_no_bcp47_tag_is_refused_at_its_field(tmp_path: Path) -> None:
    pack = copy_valid(tmp_path)
    documents = pack / "documents.toml"
    text = documents.read_text(encoding="utf-8")
    text = text.replace("[[documents]]\n", '[[documents]]\nlanguage = "nb_NO"\n', 1)
    documents.write_text(text, encoding="utf-8")
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert str(caught.value) == (
        "tiny: documents.toml:2: $.documents[0].language: 'nb_NO' is not a BCP 47 language tag "
        "(such as nb, nn, en or nb-NO)"
    )


def test_a_manifest_named_in_another_case_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = copy_valid(tmp_path)
    (pack / "pack.toml").rename(pack / "Pack.toml")
    said = (
        f"{pack} is not a pack folder: there is no pack.toml in it ('Pack.toml' is there: the "
        "name is pack.toml, in lower case)"
    )
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert str(caught.value) == said
    assert main(["check", str(pack)]) == 1
    assert capsys.readouterr().err == f"munintl: error: {said}\n"  # the API's words


@needs_symlinks
def test_validate_of_a_pack_folder_link_loop_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "loop").symlink_to("loop")
    assert main(["validate", str(tmp_path / "loop")]) == 1
    assert capsys.readouterr().err == (
        "munintl: error: loop: cannot read the pack folder: Too many levels of symbolic links\n"
    )


# --- what a pack's import leaves running never reaches stdout nor keeps munintl alive ----------


def test_while_a_command_runs_other_threads_print_to_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import threading

    from munintl.cli import _stdout_of_this_thread_only

    with _stdout_of_this_thread_only():
        print("the command's output")
        thread = threading.Thread(target=print, args=("a pack's thread",))
        thread.start()
        thread.join()
    print("after")
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("the command's output\nafter\n", "a pack's thread\n")


def test_what_a_packs_exit_handler_prints_goes_to_stderr(site: FakeSite) -> None:
    site.pack_dist("leftover", VALID)
    (site.root / "munintl_pack_leftover" / "__init__.py").write_text(
        "import atexit\natexit.register(print, 'FROM AN EXIT HANDLER')\n", encoding="utf-8"
    )
    done = run_cli(site, "packs", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert {info["name"] for info in json.loads(done.stdout)} >= {"leftover", *BUNDLED}
    assert done.stderr == "FROM AN EXIT HANDLER\n"


def test_a_thread_a_pack_left_running_does_not_keep_munintl_alive(site: FakeSite) -> None:
    site.pack_dist("lingers", VALID)
    (site.root / "munintl_pack_lingers" / "__init__.py").write_text(
        "import threading, time\nthreading.Thread(target=time.sleep, args=(600,)).start()\n",
        encoding="utf-8",
    )
    done = run_cli(site, "show", "lingers")  # run_cli's timeout (120 s) fails a hang
    assert (done.returncode, done.stderr) == (0, "")
    assert "lingers" in done.stdout


def test_a_listed_name_too_long_for_the_file_system_is_said_at_its_entry(tmp_path: Path) -> None:
    pack = copy_valid(tmp_path)
    long_name = "a" * 300 + ".toml"
    edit(pack / "pack.toml", '"network.toml"]', f'"network.toml", "{long_name}"]')
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert str(caught.value) == (
        f"tiny: pack.toml:5: $.files[3]: '{long_name}' cannot be read: File name too long"
    )


def test_a_cycle_through_thousands_of_goals_is_one_short_line(tmp_path: Path) -> None:
    pack = copy_valid(tmp_path)
    goals = "\n".join(
        f'[[goals]]\nid = "g{i}"\nstrategy = "strategy"\nlevel = "sub_goal"\nlabel = "delmål"\n'
        f'title = "Goal {i}"\nparent = "g{(i + 1) % 3000}"\n'
        'source = { document = "strategy-doc", section = "2" }\n'
        for i in range(3000)
    )
    (pack / "goals.toml").write_text(goals, encoding="utf-8")
    network = pack / "network.toml"
    network.write_text(
        network.read_text(encoding="utf-8")
        .replace('goal = "sub"', 'goal = "g0"')
        .replace('to = "main"', 'to = "g0"'),
        encoding="utf-8",
    )
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert str(caught.value) == (
        "tiny: goals.toml:7: $.goals[0].parent: the goal hierarchy has a cycle: 'g0' → 'g1' → "
        "'g2' → 'g3' → 'g4' → 'g5' → … (2989 more) … → 'g2995' → 'g2996' → 'g2997' → 'g2998' → "
        "'g2999' → 'g0'"
    )


def test_an_unknown_key_longer_than_a_line_is_cut_in_the_message(tmp_path: Path) -> None:
    pack = copy_valid(tmp_path)
    edit(
        pack / "goals.toml",
        'label = "hovedmål"\n',
        'label = "hovedmål"\n' + "k" * 100_000 + " = 1\n",
    )
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    shown = "'" + "k" * 30 + "'… (100000 characters)"
    assert str(caught.value) == f"tiny: goals.toml:6: $.goals[0][{shown}]: unknown key {shown}"


def test_lines_ending_in_a_bare_cr_get_a_hint(tmp_path: Path) -> None:
    pack = copy_valid(tmp_path)
    goals = pack / "goals.toml"
    goals.write_bytes(goals.read_bytes().replace(b"\n", b"\r"))
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert str(caught.value).startswith("tiny: goals.toml:1: invalid TOML: ")
    assert str(caught.value).endswith(
        "(hint: lines of the file end in a bare CR (old Mac style): save it with LF line endings)"
    )


def test_a_byte_order_mark_in_the_middle_of_a_file_is_named(tmp_path: Path) -> None:
    pack = copy_valid(tmp_path)
    edit(pack / "goals.toml", '\n[[goals]]\nid = "sub"', '\n\ufeff[[goals]]\nid = "sub"')
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert str(caught.value) == (
        "tiny: goals.toml:10: invalid TOML: Invalid statement, column 1 (hint: a byte-order mark "
        "(U+FEFF) stands in the middle of the file, where two files were joined: delete it)"
    )


@pytest.mark.parametrize(
    ("written", "note"),
    [
        ("SWE", "Sweden is 'SE'"),  # alpha-3
        ("Sverige", "Sweden is 'SE'"),  # Norwegian name
        ("Germany", "Germany is 'DE'"),  # English name
        ("Storbritannia", "the United Kingdom is 'GB'"),
        ("uk", "the United Kingdom is 'GB'"),
    ],
)
def test_a_country_written_another_way_is_answered_with_its_code(
    tmp_path: Path, written: str, note: str
) -> None:
    pack = copy_valid(tmp_path)
    edit(pack / "network.toml", 'country = "SE"', f'country = "{written}"')
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(pack)
    assert str(caught.value) == (
        f"tiny: network.toml:25: $.partnerships[0].country: {written!r} is not an ISO 3166 "
        f"alpha-2 code ({note})"
    )


def test_cli_a_pack_claiming_a_municipality_already_claimed_does_not_stop_the_others(
    site: FakeSite,
) -> None:
    # A fresh helper's find: `munintl check bergen hamar <a new pack with 3403>` printed
    # nothing for bergen and hamar, and exited 1.
    site.pack_dist("tiny-a", VALID)
    site.pack_dist("tiny-b", VALID)
    result = run_cli(site, "check", "tiny-a", "bergen", "tiny-b", "--format", "json")
    assert result.returncode == 1
    assert result.stderr == (
        "munintl: error: tiny-b (distribution munintl-pack-tiny-b): claims municipality 9999 "
        "(Tiny), already claimed by pack 'tiny-a' (munintl-pack-tiny-a)\n"
    )
    assert json.loads(result.stdout)["packs"] == ["tiny-a", "bergen"]
