from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from munintl.cli import main

BERGEN_DIR = Path(__file__).parents[1] / "packs/bergen/src/munintl_pack_bergen"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_packs_lists_the_bundled_packs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "packs")
    assert code == 0
    for name, number in [("bergen", "4601"), ("hamar", "3403"), ("oslo", "0301")]:
        line = next(row for row in out.splitlines() if row.startswith(name))
        assert number in line and f"munintl-pack-{name}" in line


def test_packs_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "packs", "--format", "json")
    rows = {row["name"]: row for row in json.loads(out)}
    assert code == 0 and rows["oslo"]["code"] == "0301" and rows["oslo"]["ok"] is True


def test_show_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "hamar")
    assert code == 0 and out.startswith("Hamar (0403 until 2019, 3403 from 2020")
    code, out, _ = run(capsys, "show", "hamar", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["name"] == "hamar"
    assert data["municipality"]["codes"][1]["code"] == "3403"


def test_graph_formats(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "graph", "oslo", "--format", "json")
    assert code == 0 and any(n["id"] == "municipality:oslo" for n in json.loads(out)["nodes"])
    target = tmp_path / "g.graphml"
    code, _, _ = run(capsys, "graph", "bergen", "hamar", "-o", str(target))
    assert code == 0 and "<graphml" in target.read_text(encoding="utf-8")


def test_unknown_pack_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "narvik")
    assert code == 2
    assert (
        err == "munintl: error: no pack named 'narvik' is installed (installed: bergen, "
        "hamar, oslo)\n"
    )


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["graph", "bergen", "--format", "png"])
    assert exc.value.code == 2


def test_validate_good_and_bad_folders(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", str(BERGEN_DIR))
    assert code == 0 and out.startswith("bergen: valid")
    broken = tmp_path / "broken"
    shutil.copytree(BERGEN_DIR, broken, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    docs = broken / "documents.toml"
    docs.write_text(
        docs.read_text(encoding="utf-8").replace("title =", "titel =", 1), encoding="utf-8"
    )
    code, _, err = run(capsys, "validate", str(broken))
    assert code == 1
    assert err.startswith("munintl: error: bergen: documents.toml:")
    assert "$.documents[0].titel: unknown key 'titel' (did you mean 'title'?)" in err
    assert len(err.strip().splitlines()) == 1


def test_console_script_prints_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "munintl.cli", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1  # a folder that is not a pack: bad input, as in the API
    assert "Traceback" not in result.stderr
    assert result.stderr == (
        f"munintl: error: validate: {tmp_path} is not a pack folder: there is no pack.toml in it\n"
    )


# --- the format follows the output file's name unless given -------------------------------------


@pytest.mark.parametrize(
    ("argv", "starts"),
    [
        (["report", "oslo", "hamar", "-o", "{}/report.html"], "<!DOCTYPE html>"),
        (["report", "oslo", "hamar", "-o", "{}/report.HTM"], "<!DOCTYPE html>"),
        (["report", "oslo", "hamar", "-o", "{}/report.json"], "{"),
        (["report", "oslo", "hamar", "-o", "{}/report.txt"], "munintl report: Oslo and Hamar"),
        (["report", "oslo", "hamar", "-o", "{}/report.md"], "munintl report: Oslo and Hamar"),
        (["report", "oslo", "hamar", "--format", "text", "-o", "{}/r.html"], "munintl report"),
        (["graph", "oslo", "-o", "{}/graph.gexf"], "<?xml"),
        (["graph", "oslo", "-o", "{}/graph.jsonld"], "{"),
        (["graph", "oslo", "-o", "{}/graph.xml"], "<?xml"),
    ],
)
def test_without_format_the_output_files_suffix_chooses_it(
    tmp_path: Path, argv: list[str], starts: str
) -> None:
    # A user wrote `munintl report ... -o report.html` and got plain text in it.
    argv = [part.format(tmp_path) for part in argv]
    assert main(argv) == 0
    written = Path(argv[argv.index("-o") + 1]).read_text(encoding="utf-8")
    assert written.startswith(starts), written[:80]
    if argv[-1].endswith(".gexf"):
        assert "gexf.net" in written[:400]
    if argv[-1].endswith(".xml"):
        assert "<graphml" in written[:400]  # an unknown suffix: the default format
    if argv[-1].endswith(".jsonld"):
        assert "@context" in written


def test_without_format_standard_output_gets_the_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["graph", "oslo", "-o", "-"]) == 0
    assert "<graphml" in capsys.readouterr().out[:400]


def test_a_broken_pack_given_by_folder_is_named_by_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A broken copy of an installed pack was reported as `bergen: goals.toml:...` only, which
    # did not say whether the installed bergen or the copy had failed.
    from importlib.resources import files

    copy = tmp_path / "copy"
    shutil.copytree(str(files("munintl_pack_hamar")), copy)
    goals = copy / "goals.toml"
    goals.write_text(goals.read_text(encoding="utf-8").replace("title =", "titel =", 1))
    assert main(["check", "oslo", str(copy)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("munintl: error: hamar: goals.toml:") and err.count("\n") == 1
    assert err.rstrip().endswith(f"(pack folder {copy})")
    assert main(["check", "no-such-pack-x"]) == 2  # a usage error names no folder
    assert "pack folder" not in capsys.readouterr().err
    (copy / "pack.toml").write_text(
        (copy / "pack.toml").read_text(encoding="utf-8").replace('name = "hamar"', 'name = "hx"')
    )
    assert main(["check", "oslo", str(copy)]) == 1
    err = capsys.readouterr().err  # no installed pack of that name: the line is the API's own
    assert err.startswith("munintl: error: hx: goals.toml:") and "pack folder" not in err
