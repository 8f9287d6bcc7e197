"""`munintl new-pack`: a scaffolded pack validates as it stands and shows every entity kind."""

from __future__ import annotations

import re
import runpy
import string
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from munintl.cli import main
from munintl.errors import MunintlError, PackDataError
from munintl.kommunenummer import not_current
from munintl.model import ENTITY_LISTS
from munintl.packs import load_pack_dir, read_pack_dir
from munintl.scaffold import (
    DATA_FILES,
    EXAMPLE_PREFIX,
    ScaffoldError,
    entity_lines,
    example_leftovers,
    find_pack_folder,
    new_pack,
    pack_files,
)


def scaffold(tmp_path: Path, name: str = "tromso", code: str = "5501", **kw: Any) -> Path:
    new_pack(name, code, directory=tmp_path / "pack", **kw)
    return tmp_path / "pack"


def data_dir(root: Path, package: str = "munintl_pack_tromso") -> Path:
    return root / "src" / package


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_new_pack_loads_with_an_example_of_every_entity_kind(tmp_path: Path) -> None:
    pack = load_pack_dir(data_dir(scaffold(tmp_path, municipality="Tromsø")))
    assert pack.name == "tromso"
    assert (pack.municipality.name, pack.municipality.code) == ("Tromsø", "5501")
    assert [name for name in ENTITY_LISTS if not getattr(pack, name)] == []
    assert pack.strategy is not None and pack.strategy.in_force


def test_every_entity_kind_has_a_commented_section(tmp_path: Path) -> None:
    folder = data_dir(scaffold(tmp_path))
    text = "\n".join((folder / file).read_text(encoding="utf-8") for file in DATA_FILES)
    sections = set(re.findall(r"^# --- (\w+)", text, flags=re.MULTILINE))
    assert set(ENTITY_LISTS) == sections
    for file in DATA_FILES:
        assert "EXAMPLES" in (folder / file).read_text(encoding="utf-8")


def test_the_manifest_lists_the_data_files(tmp_path: Path) -> None:
    manifest = tomllib.loads((data_dir(scaffold(tmp_path)) / "pack.toml").read_text("utf-8"))
    assert manifest["files"] == list(DATA_FILES)
    assert manifest["municipality"]["codes"] == [{"code": "5501"}]


def test_pyproject_registers_the_entry_point_and_installs_the_data(tmp_path: Path) -> None:
    root = scaffold(tmp_path, name="nord-fron", code="3436")
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["name"] == "munintl-pack-nord-fron"
    assert project["project"]["entry-points"]["munintl.packs"] == {
        "nord-fron": "munintl_pack_nord_fron"
    }
    assert project["tool"]["setuptools"]["package-data"] == {"munintl_pack_nord_fron": ["*.toml"]}
    assert any(dep.startswith("munintl") for dep in project["project"]["dependencies"])
    assert (root / "src" / "munintl_pack_nord_fron" / "__init__.py").is_file()
    assert load_pack_dir(data_dir(root, "munintl_pack_nord_fron")).municipality.name == "Nord-Fron"


def test_all_example_ids_are_marked_and_found(tmp_path: Path) -> None:
    pack = load_pack_dir(data_dir(scaffold(tmp_path)))
    ids = [str(getattr(entity, "id", "")) for entity in pack.entities()]
    assert ids and all(i.startswith(EXAMPLE_PREFIX) for i in ids)
    assert example_leftovers(pack) == ids


def test_entity_lines_point_at_each_id(tmp_path: Path) -> None:
    folder = data_dir(scaffold(tmp_path))
    located = entity_lines(folder)
    assert len(located) == len(load_pack_dir(folder).entities())
    for entity_id, (file, line) in located.items():
        assert line is not None
        text = (folder / file).read_text(encoding="utf-8").splitlines()[line - 1]
        assert text.startswith(f'id = "{entity_id}"')


def test_the_scaffolded_pack_test_passes(tmp_path: Path) -> None:
    root = scaffold(tmp_path)
    namespace = runpy.run_path(str(root / "tests" / "test_pack.py"))
    namespace["test_pack_validates"]()  # raises AssertionError when the pack is invalid


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("Tromsø", "tromso"), ("bærum", "baerum"), ("nord_fron", "nord-fron"), ("Ås", "aas")],
)
def test_bad_names_are_refused_with_a_suggestion(name: str, suggestion: str) -> None:
    with pytest.raises(ScaffoldError, match=rf"\(try '{suggestion}'\)$"):
        pack_files(name, "3024")


@pytest.mark.parametrize("name", ["", "1st", "a--b", "-a", "a-", "a.b", "a b"])
def test_names_that_are_not_pack_names_are_refused(name: str) -> None:
    with pytest.raises(ScaffoldError, match="must be lower-case letters"):
        pack_files(name, "3024")


@pytest.mark.parametrize("code", ["301", "03011", "abcd", ""])
def test_a_code_must_be_a_kommunenummer(code: str) -> None:
    with pytest.raises(ScaffoldError, match=r"^--code: .* is not a kommunenummer"):
        pack_files("oslo", code)


@pytest.mark.parametrize("municipality", ['Ola "O"', "back\\slash", "   ", "tab\there"])
def test_a_municipality_name_must_be_safe_to_write(municipality: str) -> None:
    with pytest.raises(ScaffoldError, match="municipality name"):
        pack_files("x", "1234", municipality=municipality)


def test_a_folder_in_use_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "pack").mkdir()
    keep = tmp_path / "pack" / "keep.txt"
    keep.write_text("mine", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="already exists"):
        scaffold(tmp_path)
    assert keep.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in (tmp_path / "pack").iterdir()) == ["keep.txt"]


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "pack").mkdir()
    assert load_pack_dir(data_dir(scaffold(tmp_path))).name == "tromso"


def test_the_default_folder_is_named_after_the_distribution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    written = new_pack("vadso", "5607")
    assert written[0] == Path("munintl-pack-vadso") / "pyproject.toml"
    assert load_pack_dir(tmp_path / "munintl-pack-vadso/src/munintl_pack_vadso").name == "vadso"
    # The project folder new-pack wrote is the pack's folder for the API as for the CLI.
    assert load_pack_dir(tmp_path / "munintl-pack-vadso").name == "vadso"
    assert read_pack_dir("munintl-pack-vadso").pack.name == "vadso"


def test_find_pack_folder(tmp_path: Path) -> None:
    root = scaffold(tmp_path)
    assert find_pack_folder(root) == data_dir(root)
    assert find_pack_folder(data_dir(root)) == data_dir(root)
    (root / "src" / "other").mkdir()
    (root / "src" / "other" / "pack.toml").write_text("", encoding="utf-8")
    assert find_pack_folder(root) == root  # two packages: the caller must say which


_NAMES = st.from_regex(r"\A[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}\Z")
_SAFE = st.characters(
    codec="utf-8", categories=["L", "N", "Zs"], include_characters="-'.", exclude_characters="\\"
)


@settings(max_examples=40, deadline=None)
@given(
    name=_NAMES,
    code=st.text(string.digits, min_size=4, max_size=4),
    municipality=st.text(_SAFE, min_size=1, max_size=30).filter(str.strip),
)
def test_any_valid_name_and_code_gives_a_valid_pack(
    name: str, code: str, municipality: str
) -> None:
    # A hypothesis run found code 0403 (Hamar's before 2020): the pack written did not load.
    assume(not_current(code) is None)  # a retired code is refused (test below)
    with tempfile.TemporaryDirectory() as tmp:
        written = new_pack(name, code, directory=Path(tmp) / "p", municipality=municipality)
        pack = load_pack_dir(written[0].parent / "src" / f"munintl_pack_{name.replace('-', '_')}")
    assert (pack.name, pack.municipality.code) == (name, code)
    assert pack.municipality.name == municipality.strip()


@pytest.mark.parametrize(("code", "successor"), [("0403", "3403"), ("1201", "4601")])
def test_a_retired_code_is_refused_with_its_successor(
    code: str, successor: str, tmp_path: Path
) -> None:
    with pytest.raises(ScaffoldError) as caught:
        new_pack("hamar", code, directory=tmp_path / "p")
    assert str(caught.value) == (
        f"--code: kommunenummer {code} was retired after 2019; its successor is {successor} "
        "(from 2020): give the municipality's current kommunenummer"
    )
    assert not (tmp_path / "p").exists()


# --- the command line ---------------------------------------------------------------------------


def test_cli_new_pack_then_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = tmp_path / "munintl-pack-alta"
    code, out, err = run(capsys, "new-pack", "alta", "--code", "5601", "--dir", str(root))
    assert (code, err) == (0, "")
    assert f"Created the pack 'alta' in {root}/:" in out
    assert "  src/munintl_pack_alta/strategy.toml" in out.splitlines()
    assert f"munintl validate {root}" in out

    code, out, err = run(capsys, "validate", str(root))
    assert code == 0, out + err
    assert out.startswith("alta: valid (20 entities)")
    assert "note: 20 entities still have the scaffold's example ids" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["new-pack", "Alta", "--code", "5601"], "pack name 'Alta'"),
        (["new-pack", "alta", "--code", "56"], "--code: '56' is not a kommunenummer"),
    ],
)
def test_cli_new_pack_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv, "--dir", str(tmp_path / "p"))
    assert (code, out) == (2, "")
    assert err.startswith(f"munintl: error: {message}") and len(err.splitlines()) == 1
    assert not (tmp_path / "p").exists()


def test_cli_new_pack_refuses_a_folder_in_use(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "taken.txt").write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "new-pack", "alta", "--code", "5601", "--dir", str(tmp_path))
    assert code == 2 and "already exists and is not an empty folder" in err


def test_cli_new_pack_requires_a_code(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["new-pack", "alta"])
    assert exc.value.code == 2


def test_cli_validate_lists_every_problem_with_file_line_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = scaffold(tmp_path)
    folder = data_dir(root)
    strategy = folder / "strategy.toml"
    strategy.write_text(
        strategy.read_text(encoding="utf-8").replace('level = "sub_goal"', 'level = "subgoal"', 1),
        encoding="utf-8",
    )
    cooperation = folder / "cooperation.toml"
    cooperation.write_text(
        cooperation.read_text(encoding="utf-8").replace('country = "SE"', 'country = "Sverige"'),
        encoding="utf-8",
    )
    with pytest.raises(PackDataError) as exc:
        load_pack_dir(folder)
    assert len(exc.value.problems) == 2

    code, out, err = run(capsys, "validate", str(root))
    assert code == 1
    lines = out.splitlines()
    level_line = next(
        n for n, text in enumerate(strategy.read_text("utf-8").splitlines(), 1) if "subgoal" in text
    )
    assert lines[0] == (
        f"{strategy}:{level_line}: $.goals[1].level: 'subgoal' is not one of 'purpose', "
        "'main_goal', 'part', 'focus_area', 'sub_goal', 'priority', 'strategy_line' "
        "(did you mean 'sub_goal'?)"
    )
    assert lines[1].startswith(f"{cooperation}:")
    assert "$.partnerships[0].country: 'Sverige' is not an ISO 3166 alpha-2 code" in lines[1]
    assert err.startswith("munintl: error: tromso: strategy.toml:") and "(and 1 more)" in err


def test_scaffold_errors_are_munintl_errors() -> None:
    assert issubclass(ScaffoldError, MunintlError)


# --- alignment checks in `munintl validate` --------------------------------------------------


def test_the_examples_pass_every_alignment_check(tmp_path: Path) -> None:
    from munintl.checks import check

    assert check(load_pack_dir(data_dir(scaffold(tmp_path)))) == []


def test_the_example_strategy_is_current_in_the_year_it_is_made(tmp_path: Path) -> None:
    from munintl.checks import check

    pack_2031 = load_pack_dir(data_dir(scaffold(tmp_path, year=2031)))
    assert pack_2031.strategy is not None and pack_2031.strategy.period is not None
    assert (pack_2031.strategy.period.start, pack_2031.strategy.period.end) == ("2031", "2034")
    assert check(pack_2031, as_of="2033-06-01") == []
    assert [f.code for f in check(pack_2031, as_of="2035-01-01")] == ["MI101"]


def _edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` once; return the 1-based line where the replacement landed."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_validate_points_alignment_findings_at_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = scaffold(tmp_path)
    cooperation = data_dir(root) / "cooperation.toml"
    _edit(cooperation, 'serves = [{ to = "example-goal-europe", evidence = "stated" }]\n', "")
    id_line = 1 + cooperation.read_text("utf-8").splitlines().index('id = "example-membership-ks"')

    code, out, err = run(capsys, "validate", str(root))
    assert (code, err) == (0, "")  # a warning: the pack is still valid
    lines = out.splitlines()
    assert lines[0] == "tromso: valid (20 entities)"
    where = f"{cooperation}:{id_line}: membership example-membership-ks: warning"
    assert lines[1].startswith(f"{where} MI301 serves-no-goal: ")
    assert lines[2].startswith("    hint: ")
    # The example criterion ("every membership serves a goal") is checked too.
    assert lines[3].startswith(f"{where} MI306 fails-own-criterion: ")
    assert "against criterion example-criterion-relevance" in lines[3]
    assert lines[5] == "alignment checks: 0 errors, 2 warnings, 0 info"

    code, _, _ = run(capsys, "validate", str(root), "--fail-on", "warning")
    assert code == 1


def test_validate_fails_on_an_error_finding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = scaffold(tmp_path)
    strategy = data_dir(root) / "strategy.toml"
    _edit(strategy, 'status = "adopted"', 'status = "superseded"')
    code, out, _ = run(capsys, "validate", str(root))
    assert code == 1
    assert ": strategy example-strategy: error MI102 retired-strategy-in-force: " in out
    assert run(capsys, "validate", str(root), "--fail-on", "never")[0] == 0


def test_validate_rejects_a_bad_date(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", str(scaffold(tmp_path)), "--as-of", "someday")
    assert code == 2 and err.startswith("munintl: error: ")
