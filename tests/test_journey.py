"""The pack author's journey, end to end, as docs/adding-a-pack.md tells it.

Scaffold a pack, fill in the guide's small municipality (the TOML blocks of the guide, so the
guide's example is tested too), validate it, install it with pip into a fresh virtual
environment beside the core and a bundled pack, and see it in ``munintl packs``, ``munintl
check`` and ``munintl overlap``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from munintl.cli import main

ROOT = Path(__file__).parents[1]
GUIDE = ROOT / "docs" / "adding-a-pack.md"
NAME, CODE = "fjordvik", "9901"
AS_OF = "2025-06-01"  # inside the example strategy's period (2024–2028)


def guide_files() -> dict[str, str]:
    """The guide's example data files: ```toml blocks whose first line is ``# file: NAME``."""
    text = GUIDE.read_text(encoding="utf-8")
    return dict(re.findall(r"```toml\n# file: (\S+)\n(.*?)```", text, flags=re.DOTALL))


def make_pack(folder: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Steps 3 and 5 of the guide: scaffold, then replace the examples with the guide's data."""
    assert main(["new-pack", NAME, "--code", CODE, "--dir", str(folder)]) == 0
    capsys.readouterr()
    data = folder / "src" / f"munintl_pack_{NAME}"
    for name, text in guide_files().items():
        (data / name).write_text(text, encoding="utf-8")
    return data


def test_the_guide_holds_every_data_file_of_its_example() -> None:
    assert sorted(guide_files()) == sorted(
        ["pack.toml", "documents.toml", "strategy.toml", "organisation.toml", "cooperation.toml"]
    )


def test_the_guide_example_validates_with_no_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / f"munintl-pack-{NAME}"
    make_pack(folder, capsys)
    code = main(["validate", str(folder), "--as-of", AS_OF, "--fail-on", "info"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.splitlines() == [
        f"{NAME}: valid (16 entities)",
        "alignment checks: 0 errors, 0 warnings, 0 info",
    ]  # and no note on leftover example ids


def _run(*argv: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in argv], capture_output=True, text=True, cwd=cwd, timeout=900
    )


def _setuptools_version(python: Path, cwd: Path) -> tuple[int, ...]:
    probe = _run(python, "-c", "import setuptools; print(setuptools.__version__)", cwd=cwd)
    if probe.returncode != 0:
        return ()
    return tuple(int(part) for part in re.findall(r"\d+", probe.stdout)[:2])


@pytest.mark.slow
def test_a_new_municipality_installed_beside_a_bundled_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / f"munintl-pack-{NAME}"
    make_pack(folder, capsys)

    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    bin_dir = env / ("Scripts" if sys.platform == "win32" else "bin")
    python, munintl = bin_dir / "python", bin_dir / "munintl"
    # The packages need setuptools >= 77 to build (PEP 639 licence fields); reuse the venv's
    # own only when it is new enough, else let pip build in isolation as users' pip does.
    isolation = ["--no-build-isolation"] if _setuptools_version(python, tmp_path) >= (77,) else []
    install = _run(
        python, "-m", "pip", "install", "-q", *isolation,
        ROOT, ROOT / "packs" / "hamar", folder,
        cwd=tmp_path,
    )  # fmt: skip
    assert install.returncode == 0, install.stdout + install.stderr

    # Discovered: listed, loaded from site-packages (so the data files were installed).
    packs = _run(munintl, "packs", cwd=tmp_path)
    assert packs.returncode == 0, packs.stdout + packs.stderr
    rows = {line.split()[0]: line for line in packs.stdout.splitlines()}
    assert sorted(rows) == ["fjordvik", "hamar"]
    assert f"Fjordvik ({CODE})" in rows[NAME] and f"[munintl-pack-{NAME}]" in rows[NAME]
    probe = _run(
        python,
        "-c",
        "import munintl, munintl_pack_fjordvik as m; p = munintl.load_pack('fjordvik');"
        "print(p.distribution, len(p.goals), 'site-packages' in m.__file__)",
        cwd=tmp_path,
    )
    assert probe.stdout.split() == [f"munintl-pack-{NAME}", "3", "True"], probe.stderr

    # Checked together with the bundled pack; the new pack has nothing to report.
    check = _run(munintl, "check", NAME, "hamar", "--as-of", AS_OF, "--format", "json",
                 "--fail-on", "never", cwd=tmp_path)  # fmt: skip
    assert check.returncode == 0, check.stderr
    report = json.loads(check.stdout)
    assert report["packs"] == [NAME, "hamar"]
    assert [f for f in report["findings"] if f["pack"] == NAME] == []
    assert any(f["pack"] == "hamar" for f in report["findings"])
    text = _run(munintl, "check", NAME, "hamar", "--as-of", AS_OF, cwd=tmp_path)
    assert text.stdout.startswith(f"munintl check: {NAME}, hamar, as of {AS_OF}")

    # Compared with the bundled pack: the shared Brussels office and twin city are found, and
    # the two municipalities' inclusive-community goals correspond.
    overlap = _run(munintl, "overlap", NAME, "hamar", "--format", "json", cwd=tmp_path)
    assert overlap.returncode == 0, overlap.stdout + overlap.stderr
    result = json.loads(overlap.stdout)
    assert [m["name"] for m in result["municipalities"]] == [NAME, "hamar"]
    shared = {(item["kind"], item["id"]) for item in result["shared"]}
    assert {("organisation", "osloregionens-europakontor"), ("twin_city", "SE:lund")} <= shared
    pairs = {(c["a"]["id"], c["b"]["id"]) for c in result["correspondences"]}
    assert ("delmal-1", "delmal-4") in pairs
    text = _run(munintl, "overlap", NAME, "hamar", cwd=tmp_path)
    assert text.returncode == 0 and "Fjordvik" in text.stdout and "Lund" in text.stdout
