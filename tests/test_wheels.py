"""Packs must work from built wheels, not only from an editable checkout."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.mark.slow
def test_core_and_pack_wheels_install_and_load_in_a_fresh_venv(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
            str(ROOT / "packs" / "bergen"),
        ],
        check=True,
    )
    built = sorted(p.name for p in wheels.glob("*.whl"))
    assert [name.split("-")[0] for name in built] == ["munintl", "munintl_pack_bergen"]

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", *map(str, wheels.glob("*.whl"))], check=True
    )
    probe = (
        "import munintl, munintl_pack_bergen, pathlib;"
        "p = munintl.load_pack('bergen');"
        "print(p.municipality.code, len(p.goals) > 0, p.distribution,"
        " 'site-packages' in pathlib.Path(munintl_pack_bergen.__file__).parts)"
    )
    out = subprocess.run(
        [str(python), "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.split() == ["4601", "True", "munintl-pack-bergen", "True"]
    cli = subprocess.run(
        [str(env_dir / "bin" / "munintl"), "packs"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert cli.stdout.startswith("bergen ")
