"""The command line keeps the conventions users know, and the API takes packs or names."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import munintl
import munintl.packs
from munintl.checks import CHECKS
from munintl.cli import main

ROOT = Path(__file__).parents[1]
HAMAR_DIR = ROOT / "packs/hamar"
CASE_08 = ROOT.parent / "shared/cases/reported/08-target-letter-order"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out == f"munintl {munintl.__version__}\n"


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "munintl", "rule", "MI305"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("membership-without-department")


@pytest.mark.parametrize("command", ["show", "graph", "check", "coverage", "report"])
def test_every_pack_command_takes_a_folder(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, command, str(HAMAR_DIR))
    assert code == 0 and err == ""
    assert "Hamar" in out or "hamar" in out


def test_a_file_is_not_a_pack(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", str(ROOT / "README.md"))
    assert code == 1 and err.count("\n") == 1
    assert "README.md is not a pack folder: it is a file; give the folder holding pack.toml" in err


def test_public_functions_take_packs_or_names() -> None:
    by_name = munintl.overlap("bergen", "oslo")
    by_pack = munintl.overlap(*munintl.load_packs(["bergen", "oslo"]))
    assert by_name == by_pack
    assert munintl.goal_network("hamar").number_of_nodes() > 0
    assert munintl.similarity_matrix(["bergen", munintl.load_pack("oslo")]).names == (
        "bergen",
        "oslo",
    )
    assert munintl.check("oslo") == munintl.check(munintl.load_pack("oslo"))
    assert munintl.sdg_coverage("oslo") == munintl.sdg_coverage(munintl.load_pack("oslo"))


def test_select_and_ignore_accumulate(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys, "check", "bergen", "--select", "MI301", "--select", "MI305", "--format", "json"
    )
    assert {f["code"] for f in json.loads(out)["findings"]} == {"MI305"}
    _, out, _ = run(
        capsys, "check", "bergen", "--ignore", "MI306", "--ignore", "MI403", "--format", "json"
    )
    assert not {"MI306", "MI403"} & {f["code"] for f in json.loads(out)["findings"]}


@pytest.mark.parametrize(
    "argv", [["--select", ""], ["--select", "MI3", "--ignore", "MI3"], ["--select", ","]]
)
def test_an_empty_selection_is_an_error(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", "bergen", *argv)
    assert code == 2 and out == ""
    assert err == "munintl: error: --select and --ignore leave no check to run\n"


def test_rule_explains_a_check_from_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rule", "MI305")
    rule = CHECKS["MI305"]
    assert code == 0
    assert out.splitlines()[:5] == [
        f"{rule.name} (MI305)",
        "",
        f"Severity: {rule.severity.value}",
        "",
        rule.why,
    ]
    code, out, _ = run(capsys, "rule", "serves-no-goal", "--format", "json")
    assert code == 0 and json.loads(out)[0]["code"] == "MI301"


def test_rule_all_lists_every_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rule", "--all", "--format", "json")
    assert code == 0 and [r["code"] for r in json.loads(out)] == list(CHECKS)


def test_rule_says_what_a_check_finds_without_the_developers_part(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "rule", "--all", "--format", "json")
    explanations = [r["explanation"] for r in json.loads(out)]
    assert code == 0 and all(explanations)
    for text in explanations:  # no numpydoc sections, doctests or Sphinx roles
        assert "\n---" not in text and ">>>" not in text and ":func:`" not in text, text
    code, out, _ = run(capsys, "rule", "MI201")
    assert "Parameters" not in out and "index_pack" not in out
    assert "is a gap in carrying it\nout." in out


@pytest.mark.parametrize("argv", [["rule"], ["rule", "MI999"], ["rule", "MI301", "--all"]])
def test_rule_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.startswith("munintl: error: ") and err.count("\n") == 1


@pytest.mark.parametrize("command", [["graph", "bergen"], ["report", "oslo"]])
def test_writing_to_a_missing_folder_is_one_line(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "dir" / "x.out"
    code, _, err = run(capsys, *command, "-o", str(target))
    assert code == 2
    assert err == (
        f"munintl: error: cannot write {target}: the folder {target.parent} does not exist\n"
    )


def test_writing_to_a_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "graph", "bergen", "-o", str(tmp_path))
    assert (
        code == 2
        and err == f"munintl: error: cannot write {tmp_path}: it is a folder, not a file\n"
    )


def test_validate_a_missing_path_or_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    code, _, err = run(capsys, "validate", str(missing))
    assert code == 1 and err == f"munintl: error: validate: {missing} does not exist\n"
    file = tmp_path / "notes.txt"
    file.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "validate", str(file))
    assert (
        code == 1
        and err
        == f"munintl: error: validate: {file} is not a pack folder: it is a file; give "
        "the folder holding pack.toml\n"
    )
    # A pack's own pack.toml is read as the loader reads it: as its folder (issue 14).
    manifest = tmp_path / "pack.toml"
    manifest.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "validate", str(manifest))
    assert code == 1 and err.startswith(f"munintl: error: {tmp_path.name}: pack.toml")


def test_help_documents_formats_and_exit_codes() -> None:
    for command in ("report", "check", "graph", "coverage", "overlap", "show", "packs", "rule"):
        result = subprocess.run(
            [sys.executable, "-m", "munintl", command, "--help"], capture_output=True, text=True
        )
        assert result.returncode == 0
        text = " ".join(result.stdout.split())
        assert "exit codes:" in text and "2 usage error" in text, command
        assert "text: text for reading" in text or "graphml: GraphML" in text, command
    report = subprocess.run(
        [sys.executable, "-m", "munintl", "report", "--help"], capture_output=True, text=True
    ).stdout
    assert "html: one self-contained HTML page" in " ".join(report.split())


@pytest.mark.skipif(not CASE_08.is_dir(), reason="../shared/cases is not beside the clone")
def test_case_08_lettered_targets_after_numbered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("vannby", "vannby2"):
        shutil.copytree(CASE_08 / name, tmp_path / name)
    folders = [str(tmp_path / "vannby"), str(tmp_path / "vannby2")]
    _, out, _ = run(capsys, "overlap", *folders)
    shown = [line.split(":")[0].split()[-1] for line in out.splitlines() if "SDG target " in line]
    assert shown == ["6.1", "6.2", "6.a", "6.b"]
    _, out, _ = run(capsys, "coverage", *folders, "--format", "json")
    assert json.loads(out)[0]["targets"] == ["6.1", "6.2", "6.a", "6.b"]
    _, out, _ = run(capsys, "report", *folders, "--format", "json")
    targets = next(g for g in json.loads(out)["overlap"]["shared"] if g["kind"] == "sdg_target")
    assert [i["id"] for i in targets["items"]] == ["6.1", "6.2", "6.a", "6.b"]


# --- a new user's mistakes: one line each, the right exit code ----------------------------------


@pytest.mark.parametrize("command", ["check", "show", "report", "coverage"])
@pytest.mark.parametrize("given", ["./packs/bergn", "/tmp/munintl-nonexistent", "~/nonexistent"])
def test_a_missing_path_does_not_exist(
    command: str, given: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, command, given)
    assert code == 1 and out == ""  # bad input, as load_pack_dir's PackDataError for it
    assert err == f"munintl: error: {Path(given).expanduser()} does not exist\n"


def test_a_folder_that_is_not_a_pack_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 1
    assert err == f"munintl: error: {tmp_path} is not a pack folder: there is no pack.toml in it\n"
    assert err.count(tmp_path.name) == 1


def test_a_bad_choice_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "bergen", "--fail-on", "bogus"])
    _, err = capsys.readouterr()
    assert exc.value.code == 2 and err.count("\n") == 1
    assert err.startswith("munintl: error: check: argument --fail-on: invalid choice: 'bogus'")
    with pytest.raises(SystemExit) as exc:
        main(["report"])
    _, err = capsys.readouterr()
    assert exc.value.code == 2 and err == (
        "munintl: error: report: the following arguments are required: PACK; "
        "munintl report --help lists them\n"
    )


def test_each_command_documents_its_own_exit_codes() -> None:
    def help_of(command: str) -> str:
        out = subprocess.run(
            [sys.executable, "-m", "munintl", command, "--help"], capture_output=True, text=True
        ).stdout
        return " ".join(out.split())

    for command in ("report", "coverage", "overlap", "show", "graph", "packs", "migrate"):
        assert "--fail-on" not in help_of(command).split("exit codes:")[1], command
    assert "missing extra (html: Jinja2)" in help_of("report")
    assert "1 findings at or above --fail-on" in help_of("check")


def test_public_functions_name_what_they_accept() -> None:
    from munintl.errors import MunintlError, PackTypeError

    with pytest.raises(PackTypeError, match="expected a Pack or an installed pack's name, not int"):
        munintl.check(42)  # type: ignore[arg-type]
    assert issubclass(PackTypeError, MunintlError) and issubclass(PackTypeError, TypeError)


def test_overlap_of_one_pack_is_refused_alike(capsys: pytest.CaptureFixture[str]) -> None:
    from munintl.overlap import SimilarityError

    with pytest.raises(SimilarityError, match="overlap compares two or more packs"):
        munintl.overlap("bergen")
    code, _, err = run(capsys, "overlap", "bergen")
    assert code == 2 and err == "munintl: error: overlap compares two or more packs\n"


def test_migrate_names_the_missing_path_before_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "tomlkit", None)
    code, _, err = run(capsys, "migrate", "/tmp/munintl-nonexistent")
    assert code == 1 and err == "munintl: error: migrate: /tmp/munintl-nonexistent does not exist\n"


def test_validate_a_pack_name_hints_at_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "validate", "bergen")
    assert code == 1 and err.count("\n") == 1
    assert err.startswith("munintl: error: validate: bergen does not exist")
    assert (
        "validate takes a pack folder; to check an installed pack, run munintl check bergen" in err
    )


def test_validate_warnings_in_file_and_line_order(capsys: pytest.CaptureFixture[str]) -> None:
    folder = ROOT / "tests/data/v1-pack"
    files = ["pack.toml", "strategy.toml", "network.toml"]  # the manifest's order

    def place(where: str) -> tuple[int, int]:
        file, line = where.split(":")[:2]
        return files.index(Path(file).name), int(line)

    code, out, _ = run(capsys, "validate", str(folder), "--fail-on", "never")
    lines = out.splitlines()
    statuses = [place(line.split(": ")[2]) for line in lines if line.startswith("warning: ")]
    findings = [place(line) for line in lines if line.startswith(str(folder))]
    assert code == 0 and len(statuses) > 1 and len(findings) > 2
    assert statuses == sorted(statuses) and findings == sorted(findings)


def test_the_guide_is_named_not_a_repository_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "new-pack", "nyby", "--code", "9999", "--dir", str(tmp_path / "p"))
    assert code == 0 and "docs/adding-a-pack.md" not in out
    assert "see 'Adding a municipality' in the munintl documentation" in out


def _broken_copy(tmp_path: Path) -> Path:
    """A copy of the Hamar pack with a typo in one key: invalid pack data."""
    folder = tmp_path / "broken"
    shutil.copytree(HAMAR_DIR, folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    goals = munintl.packs.find_pack_folder(folder) / "goals.toml"
    text = goals.read_text(encoding="utf-8")
    goals.write_text(text.replace("\nstrategy = ", "\nstratgy = ", 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("command", "seen"),
    [
        ("check", "munintl check: bergen, oslo"),
        ("coverage", "Oslo"),
        ("overlap", "Bergen"),
        ("report", "Oslo"),
        ("graph", "oslo:"),
    ],
)
def test_one_broken_pack_never_stops_the_others(
    command: str, seen: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = _broken_copy(tmp_path)
    code, out, err = run(capsys, command, "bergen", str(broken), "oslo")
    assert code == 1  # the run is not fine: a pack was left out
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("munintl: error: hamar: ") and "unknown key 'stratgy'" in err
    assert seen in out  # and the others were done


def test_every_pack_broken_is_each_reported_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = _broken_copy(tmp_path)
    code, out, err = run(capsys, "check", str(broken))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "unknown key 'stratgy'" in err


def test_overlap_left_with_one_pack_is_bad_data_not_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "overlap", "bergen", str(_broken_copy(tmp_path)))
    assert code == 1
    assert err.splitlines()[-1] == "munintl: error: overlap compares two or more packs"


@pytest.mark.parametrize("command", ["check", "coverage", "overlap", "report", "graph"])
def test_a_folder_holding_a_pack_already_given_is_refused_alike(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, command, "hamar", str(HAMAR_DIR))
    assert (code, out) == (2, "")
    assert err == (
        f"munintl: error: the pack 'hamar' is given twice (hamar and {HAMAR_DIR}); each pack "
        "may be given once\n"
    )


@pytest.mark.parametrize("fmt", ["graphml", "json", "jsonld"])
def test_machine_output_to_stdout_is_utf8_whatever_the_locale(fmt: str) -> None:
    # A Windows console's cp1252 (or a C locale's ASCII) once wrote a GraphML that said UTF-8
    # and was not, or failed on the first 'ø'.
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    result = subprocess.run(
        [sys.executable, "-m", "munintl", "graph", "hamar", "--format", fmt],
        capture_output=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")  # raises if it is not UTF-8
    assert "Hamar" in text and "–" in text


def test_text_for_people_never_fails_on_a_letter_the_terminal_lacks() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [sys.executable, "-m", "munintl", "report", "bergen"], capture_output=True, env=env
    )
    assert result.returncode == 0 and result.stderr == b""
    assert b"Bergen" in result.stdout and b"?" in result.stdout


def test_dash_is_standard_output_and_an_empty_file_name_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "graph", "hamar", "-o", "-")
    assert code == 0 and out.startswith("<?xml")
    code, out, err = run(capsys, "graph", "hamar", "-o", "")
    assert (code, out) == (2, "")
    assert err == "munintl: error: -o needs a file name (or - for standard output)\n"
