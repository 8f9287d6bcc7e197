"""The pack contract: every installed pack must keep it, whoever wrote it.

The contract is :class:`munintl.testing.PackContract`, the class every pack's own tests
inherit and ``munintl validate`` runs; here it is applied to each installed pack, and shown to
catch what it promises to catch.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import munintl
from munintl.cli import main
from munintl.model import Document, Evidence, Goal, Link, Pack
from munintl.scaffold import new_pack
from munintl.testing import RULES, PackContract, contract_failures

PACKS = munintl.available_packs()


def test_the_three_bundled_packs_are_installed() -> None:
    assert {"bergen", "hamar", "oslo"} <= set(PACKS)


@pytest.fixture(params=PACKS)
def pack(request: pytest.FixtureRequest) -> Pack:
    return munintl.load_pack(request.param)


class TestBergen(PackContract):
    pack_name = "bergen"


class TestOslo(PackContract):
    pack_name = "oslo"


class TestHamar(PackContract):
    pack_name = "hamar"


def test_every_installed_pack_keeps_the_contract(pack: Pack) -> None:
    assert contract_failures(pack) == []
    assert pack.distribution == f"munintl-pack-{pack.name}"


# --- the contract catches what it promises to catch ---------------------------------------------


def _broken(pack: Pack, rule: str) -> Pack:
    """The pack with one rule broken."""
    if rule == "has_a_seed_document":
        seeds = [d for d in pack.documents if d.source is None]
        other = next(d for d in pack.documents if d.source is not None)
        return attrs.evolve(
            pack,
            documents=tuple(
                attrs.evolve(d, source=other.source) if d in seeds else d for d in pack.documents
            ),
        )
    if rule == "every_entity_has_a_source":
        goal = pack.goals[0]
        return attrs.evolve(pack, goals=(attrs.evolve(goal, source=None), *pack.goals[1:]))
    if rule == "every_locator_points_into_a_document":
        goal = pack.goals[0]
        source = attrs.evolve(goal.source, document="nowhere")
        return attrs.evolve(pack, goals=(attrs.evolve(goal, source=source), *pack.goals[1:]))
    if rule == "every_inferred_link_says_why":
        goal = pack.goals[0]
        link: Link = attrs.evolve(goal.sdgs[0])
        # An inferred link without a rationale cannot be made through the model's validators:
        # the contract must catch it even so (a pack built by other means).
        object.__setattr__(link, "evidence", Evidence.INFERRED)
        object.__setattr__(link, "rationale", None)
        return attrs.evolve(pack, goals=(attrs.evolve(goal, sdgs=(link,)), *pack.goals[1:]))
    if rule == "has_a_strategy_with_goals":
        return attrs.evolve(pack, goals=(), measures=())
    if rule == "ids_are_unique":
        return attrs.evolve(pack, goals=(*pack.goals, pack.goals[0]))
    if rule == "goals_are_rooted_in_a_strategy":
        goal: Goal = pack.goals[0]
        return attrs.evolve(pack, goals=(attrs.evolve(goal, strategy="none"), *pack.goals[1:]))
    raise AssertionError(rule)


@pytest.mark.parametrize("rule", list(RULES))
def test_each_rule_catches_its_breach(rule: str) -> None:
    pack = munintl.load_pack("hamar")
    assert RULES[rule](pack) == []
    assert RULES[rule](_broken(pack, rule)) != []


def test_a_scaffolded_pack_without_a_seed_document_does_not_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "tromso"
    new_pack("tromso", "5501", directory=root, municipality="Tromsø")
    assert main(["validate", str(root)]) == 0
    documents = next(root.glob("src/*/documents.toml"))
    text = documents.read_text(encoding="utf-8")
    signed = 'signed_by = ["Ordfører Kari Nordmann"]\n'
    assert text.count(signed) == 1
    # The seed document now cites the master plan: the pack has no seed document left.
    cited = signed + 'source = { document = "example-master-plan", section = "1" }\n'
    documents.write_text(text.replace(signed, cited), encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(root)]) == 1
    assert "contract: tromso: the pack has no seed document" in capsys.readouterr().out


def test_every_seed_document_is_a_document() -> None:
    for name in PACKS:
        assert all(isinstance(d, Document) for d in munintl.load_pack(name).documents)


def test_a_scaffolded_packs_own_tests_inherit_the_contract_and_pass(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = tmp_path / "tromso"
    new_pack("tromso", "5501", directory=root, municipality="Tromsø")
    test_file = (root / "tests" / "test_pack.py").read_text(encoding="utf-8")
    assert "class TestContract(PackContract):" in test_file
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(root / "tests")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=root,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # test_pack_validates, test_loads_and_names_itself, one per rule, test_every_rule_is_tested
    assert f"{3 + len(RULES)} passed" in done.stdout
