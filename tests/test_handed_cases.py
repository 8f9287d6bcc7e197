"""The handed bad-input cases (issue 14): each must PASS its own runner, and the essence of each
right answer is also tested here on its own, so that the suite does not depend on shared/ only.

``../shared/cases/bad-inputs/run.sh`` copies each case to a temporary folder and runs the CLI
and the Python API on it; a case passes when the answer holds what ``case.toml`` demands.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import munintl
from munintl.cli import main
from munintl.errors import PackDataError
from munintl.packs import load_pack_dir, read_pack_dir

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("MUNINTL_BAD_INPUTS", REPO.parent / "shared/cases/bad-inputs"))
VALID = Path(__file__).parent / "bad_packs" / "_valid"
MUNINTL = Path(sys.executable).parent / "munintl"

CASES = sorted(p.name for p in CORPUS.glob("[0-9]*") if p.is_dir()) if CORPUS.is_dir() else []
# The runner drops to user nobody for cases marked `nobody = true` when it runs as root.
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
# Root without any capability: permission bits apply to it as to its files' owner, while the
# checkout stays reachable (it may sit in a folder only root may enter, as under CI).
ROOT_WITHOUT_CAPABILITIES = ["setpriv", "--inh-caps=-all", "--bounding-set=-all"]
AS_ROOT = os.name == "posix" and os.geteuid() == 0


def _nobody_cannot_run_munintl(case: str) -> str:
    """Why user nobody cannot run this checkout's munintl, or "" when it can (or is not used)."""
    with (CORPUS / case / "case.toml").open("rb") as handle:
        if not AS_ROOT or not tomllib.load(handle).get("nobody"):
            return ""
    if not shutil.which("setpriv"):
        return ""  # the runner reports this case as SKIP itself
    done = subprocess.run(
        [*NOBODY, str(MUNINTL), "--version"], capture_output=True, text=True, timeout=60
    )
    if done.returncode == 0:
        return ""
    said = (done.stderr.strip().splitlines() or ["no message"])[-1]
    return f"user nobody cannot run {MUNINTL} here ({said}): a folder on its path is closed to it"


@pytest.mark.skipif(not CASES, reason=f"the handed cases are not at {CORPUS}")
@pytest.mark.skipif(not MUNINTL.exists(), reason="needs the installed munintl script")
@pytest.mark.parametrize("case", CASES)
def test_handed_case_passes_its_runner(case: str, tmp_path: Path) -> None:
    # A checkout under a folder only root may enter (mktemp -d makes them 0700) cannot be run
    # as nobody; the permission itself is then tested as root without capabilities below.
    closed = _nobody_cannot_run_munintl(case)
    if closed:
        pytest.skip(closed)
    out = tmp_path / "result.json"
    done = subprocess.run(
        ["sh", str(CORPUS / "run.sh"), str(MUNINTL), "--json", str(out), case.split("-")[0]],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.is_file(), done.stdout + done.stderr
    (result,) = json.loads(out.read_text(encoding="utf-8"))
    if result["verdict"] == "SKIP":
        pytest.skip("; ".join(result["reasons"]))
    assert result["verdict"] == "PASS", result["reasons"]


# --- the essence of each right answer, standalone -----------------------------------------------


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny"
    shutil.copytree(VALID, folder)
    return folder


def _edit(folder: Path, file: str, old: str, new: str) -> None:
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text
    (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")


def _error(folder: Path) -> str:
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(folder)
    return str(caught.value)


def test_02_a_byte_order_mark_validates_as_it_loads(
    pack_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for file in ("pack.toml", "goals.toml"):
        (pack_dir / file).write_bytes(b"\xef\xbb\xbf" + (pack_dir / file).read_bytes())
    assert load_pack_dir(pack_dir).name == "tiny"
    assert main(["validate", str(pack_dir), "--fail-on", "never"]) == 0
    assert "tiny: valid" in capsys.readouterr().out


def test_02_validate_given_pack_toml_reads_its_folder(
    pack_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(pack_dir / "pack.toml"), "--fail-on", "never"]) == 0
    out = capsys.readouterr().out
    assert f"{pack_dir / 'goals.toml'}:" in out or "alignment checks" in out


def test_07_line_numbers_count_only_line_feeds(pack_dir: Path) -> None:
    _edit(pack_dir, "goals.toml", "[[goals]]\n", "# copied\u2028from a PDF\u2029here\n[[goals]]\n")
    _edit(pack_dir, "goals.toml", 'title = "Tiny learns', 'titel = "Tiny learns')
    line = 1 + (pack_dir / "goals.toml").read_text(encoding="utf-8").split("\n").index(
        'titel = "Tiny learns from others"'
    )
    assert f"goals.toml:{line}: $.goals[1].titel: unknown key 'titel'" in _error(pack_dir)


def test_10_an_unlisted_toml_file_and_an_empty_one_are_reported_by_validate(
    pack_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (pack_dir / "extra.toml").write_text("[[goals]]\n", encoding="utf-8")
    (pack_dir / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (pack_dir / "empty.toml").write_text("# nothing yet\n", encoding="utf-8")
    (pack_dir / "lists.toml").write_text("goals = []\nmeasures = []\n", encoding="utf-8")
    _edit(pack_dir, "pack.toml", '"network.toml"]', '"network.toml", "empty.toml", "lists.toml"]')
    reading = read_pack_dir(pack_dir)
    assert (reading.unlisted, reading.empty) == (("extra.toml",), ("empty.toml", "lists.toml"))
    main(["validate", str(pack_dir), "--fail-on", "never"])
    out = capsys.readouterr().out
    assert "extra.toml: is in the pack's folder but not listed" in out
    assert "empty.toml: is listed in files but holds no data" in out


def test_14_a_header_of_many_spaces_is_located_at_once(pack_dir: Path) -> None:
    (pack_dir / "goals.toml").write_text(f"[x{' ' * 200_000}.y]\nz = 1\n", encoding="utf-8")
    assert "goals.toml:1: $.x: unknown key 'x'" in _error(pack_dir)


@pytest.mark.parametrize("value", ["nan", "+nan", "-nan", "inf", "+inf", "-inf"])
def test_15_non_finite_numbers_are_refused_at_their_field(pack_dir: Path, value: str) -> None:
    _edit(
        pack_dir,
        "network.toml",
        "[[projects]]\n",
        f"[[projects]]\nbudget = {{ value = {value} }}\n",
    )
    message = _error(pack_dir)
    line = 1 + (pack_dir / "network.toml").read_text(encoding="utf-8").split("\n").index(
        f"budget = {{ value = {value} }}"
    )
    assert f"network.toml:{line}: $.projects[0].budget.value: " in message
    assert "only finite numbers are data" in message


def test_18_entities_in_the_manifest_are_sent_to_a_data_file(pack_dir: Path) -> None:
    _edit(pack_dir, "pack.toml", "[municipality]", "[[goals]]\nid = 'x'\n\n[municipality]")
    message = _error(pack_dir)
    assert "pack.toml:" in message and "$.goals" in message
    assert "belong in a data file listed in `files`" in message


def test_18_another_packs_manifest_listed_as_data_is_named_as_such(pack_dir: Path) -> None:
    shutil.copy(pack_dir / "pack.toml", pack_dir / "other.toml")
    _edit(pack_dir, "pack.toml", '"network.toml"]', '"network.toml", "other.toml"]')
    message = _error(pack_dir)
    assert "other.toml:2: $.format_version: this file is a pack manifest" in message


def test_18_a_date_time_with_a_time_zone_gets_the_day_to_write(pack_dir: Path) -> None:
    text = (pack_dir / "documents.toml").read_text(encoding="utf-8")
    assert 'date = "' in text
    start = text.index('date = "')
    end = text.index("\n", start)
    text = text[:start] + "date = 2020-05-04T10:00:00+02:00" + text[end:]
    (pack_dir / "documents.toml").write_text(text, encoding="utf-8")
    assert 'write the day in quotes: "2020-05-04"' in _error(pack_dir)


def test_45_an_unreadable_pack_folder_is_a_pack_data_error(
    pack_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Path.is_file

    def denied(self: Path) -> bool:
        if self.parent == pack_dir:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "is_file", denied)
    message = _error(pack_dir)
    assert message == "tiny: cannot read the pack folder: Permission denied"


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX permission bits")
@pytest.mark.skipif(
    AS_ROOT and not shutil.which("setpriv"), reason="as root, needs setpriv to drop capabilities"
)
def test_45_an_unsearchable_pack_folder_really_is_refused(pack_dir: Path) -> None:
    # As root, run the CLI without capabilities, so that the folder's own bits apply.
    prefix = ROOT_WITHOUT_CAPABILITIES if AS_ROOT else []
    pack_dir.chmod(0o644)
    try:
        done = subprocess.run(
            [*prefix, sys.executable, "-m", "munintl", "validate", str(pack_dir)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        pack_dir.chmod(0o755)
    assert done.returncode == 1, done.stderr
    assert done.stderr == "munintl: error: tiny: cannot read the pack folder: Permission denied\n"


def test_the_bundled_packs_still_load() -> None:
    assert {p.name for p in munintl.load_packs(["bergen", "oslo", "hamar"])} == {
        "bergen",
        "oslo",
        "hamar",
    }


def test_15_an_integer_too_large_for_a_number_is_refused_at_its_field(pack_dir: Path) -> None:
    big = "1" + "0" * 400
    _edit(
        pack_dir, "network.toml", "[[projects]]\n", f"[[projects]]\nbudget = {{ value = {big} }}\n"
    )
    message = _error(pack_dir)
    assert "$.projects[0].budget.value: an integer this large is not a number" in message


# --- the cases whose fix lies in the model layer: their right answers, standalone ------------


def test_22_an_id_with_a_trailing_newline_is_refused(pack_dir: Path) -> None:
    _edit(pack_dir, "network.toml", 'id = "twin-lund"', 'id = "twin-lund\\n"')
    assert "$.partnerships[0].id" in _error_or_nothing(pack_dir)


def test_23_a_lookalike_letter_in_an_id_is_named(pack_dir: Path) -> None:
    _edit(pack_dir, "goals.toml", 'id = "main"', 'id = "m\u0430in"')
    _edit(pack_dir, "goals.toml", 'parent = "main"', 'parent = "m\u0430in"')
    message = _error_or_nothing(pack_dir)
    assert "goals.toml:2: $.goals[0].id" in message and "U+0430" in message


def test_26_a_footnote_digit_in_an_sdg_is_refused_at_its_link(pack_dir: Path) -> None:
    _edit(
        pack_dir,
        "goals.toml",
        'sdgs = [{ to = "17", evidence',
        'sdgs = [{ to = "17\u00b9", evidence',
    )
    assert "goals.toml:8: $.goals[0].sdgs[0].to" in _error_or_nothing(pack_dir)


def test_28_uk_is_answered_with_gb(pack_dir: Path) -> None:
    _edit(pack_dir, "network.toml", 'country = "SE"', 'country = "UK"')
    message = _error_or_nothing(pack_dir)
    assert "$.partnerships[0].country" in message and "GB" in message


def test_33_a_department_cycle_is_refused(pack_dir: Path) -> None:
    _edit(
        pack_dir,
        "network.toml",
        'kind = "office"\n',
        'kind = "office"\nparent = "city-council"\n',
    )
    (pack_dir / "network.toml").write_text(
        (pack_dir / "network.toml").read_text(encoding="utf-8")
        + '\n[[departments]]\nid = "city-council"\nname = "City council"\nkind = "council"\n'
        'parent = "mayor-office"\nsource = { document = "strategy-doc", section = "4" }\n',
        encoding="utf-8",
    )
    message = _error_or_nothing(pack_dir)
    assert "$.departments[0].parent" in message and "cycle" in message


def test_34_statuses_newest_first_are_refused(pack_dir: Path) -> None:
    _edit(
        pack_dir,
        "network.toml",
        'statuses = [{ status = "member"',
        'statuses = [{ status = "ended", since = "2022", source = { document = "strategy-doc", '
        'section = "5" } }, { status = "member"',
    )
    assert "$.memberships[0].statuses" in _error_or_nothing(pack_dir)


def _error_or_nothing(folder: Path) -> str:
    """The error's message, or "" when the pack loads (the assertion then fails, as xfail)."""
    try:
        load_pack_dir(folder)
    except PackDataError as exc:
        return str(exc)
    return ""
