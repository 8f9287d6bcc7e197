"""Kommunenummer against Statistics Norway's classification 131 (issue 14, kind 3): at most one
code in use, a retired code named with its successor, and two packs whose code histories meet
are the same municipality. The classification shipped is partial (see
src/munintl/reference/kommunenummer.toml): codes it does not list are not judged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import munintl
from munintl.errors import PackDataError, PackDiscoveryError
from munintl.kommunenummer import classification, histories_meet, history_problems
from munintl.model import Kommunenummer as K
from munintl.packs import load_pack_dir, refuse_municipality_clashes

VALID = Path(__file__).parent / "bad_packs" / "_valid"


def _pack_with_codes(tmp_path: Path, codes: str) -> Path:
    folder = tmp_path / "tiny"
    shutil.copytree(VALID, folder)
    manifest = (folder / "pack.toml").read_text(encoding="utf-8")
    manifest = manifest.replace('codes = [{ code = "9999" }]', f"codes = {codes}")
    (folder / "pack.toml").write_text(manifest, encoding="utf-8")
    return folder


def test_a_retired_code_listed_as_current_is_named_with_its_successor(tmp_path: Path) -> None:
    folder = _pack_with_codes(tmp_path, '[{ code = "1201" }]')
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(folder)
    assert str(caught.value) == (
        "tiny: pack.toml:9: $.municipality.codes[0].until: kommunenummer 1201 was retired after "
        "2019; its successor is 4601 (from 2020): write until = 2019 and add "
        '{ code = "4601", since = 2020 }'
    )


def test_two_codes_in_use_at_once_are_refused(tmp_path: Path) -> None:
    folder = _pack_with_codes(tmp_path, '[{ code = "9998" }, { code = "9999" }]')
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(folder)
    assert "$.municipality.codes[1]: two kommunenummer are in use at once (9998 and 9999)" in str(
        caught.value
    )


def test_a_history_as_the_classification_gives_it_loads(tmp_path: Path) -> None:
    codes = '[{ code = "1201", until = 2019 }, { code = "4601", since = 2020 }]'
    assert load_pack_dir(_pack_with_codes(tmp_path, codes)).municipality.code == "4601"


def test_a_code_used_before_the_classification_knows_it_is_refused() -> None:
    [(path, message)] = history_problems((K("4601", since=2010),))
    assert path == [0, "since"]
    assert message.startswith("kommunenummer 4601 is valid from 2020")


def test_a_code_the_partial_list_does_not_hold_is_not_judged() -> None:
    known, complete = classification()
    assert not complete and "9999" not in known
    assert history_problems((K("9999"),)) == []


@pytest.mark.parametrize(
    ("a", "b", "meet"),
    [
        ((K("1201", until=2019), K("4601", since=2020)), (K("4601"),), True),
        ((K("1201", until=2019),), (K("4601", since=2020),), True),  # successor
        ((K("0403", until=2019),), (K("3403", since=2020),), True),
        ((K("9999", until=2010),), (K("9999", since=2011),), False),  # reused later
        ((K("9999", since=2000),), (K("9999", until=2005),), True),
        ((K("0301"),), (K("4601"),), False),
    ],
)
def test_code_histories_meet(a: tuple[K, ...], b: tuple[K, ...], meet: bool) -> None:
    assert histories_meet(a, b) is meet
    assert histories_meet(b, a) is meet


def test_two_packs_whose_histories_meet_are_one_municipality(tmp_path: Path) -> None:
    old = load_pack_dir(_pack_with_codes(tmp_path, '[{ code = "1201", until = 2019 }]'))
    bergen = munintl.load_pack("bergen")
    with pytest.raises(PackDiscoveryError) as caught:
        refuse_municipality_clashes([bergen, old])
    assert "already claimed by pack 'bergen'" in str(caught.value)
    assert "kommunenummer histories meet (1201 and 1201 → 4601)" in str(caught.value)


def test_the_bundled_packs_are_three_municipalities() -> None:
    assert len(munintl.load_packs(["bergen", "oslo", "hamar"])) == 3
