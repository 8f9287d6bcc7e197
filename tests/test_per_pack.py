"""Derived data of a pack, worked out once per pack object (munintl._per_pack)."""

from __future__ import annotations

import attrs
import pytest

import munintl
from munintl._per_pack import per_pack
from munintl.overlap.holdings import ties, ties_of
from munintl.overlap.similarity import features_of, municipality_features


def test_a_pack_is_derived_from_once_and_each_pack_object_apart() -> None:
    calls: list[str] = []

    @per_pack
    def goals(pack: munintl.Pack) -> int:
        calls.append(pack.name)
        return len(pack.goals)

    first = munintl.load_pack("hamar")
    again = attrs.evolve(first)
    assert first == again and first is not again
    assert goals(first) == goals(first) == goals(again) == len(first.goals)
    assert calls == ["hamar", "hamar"]  # equal packs loaded twice are two entries


def test_an_entry_goes_with_its_pack() -> None:
    derived = per_pack(lambda pack: len(pack.goals))
    pack = attrs.evolve(munintl.load_pack("hamar"))  # load_pack keeps its own
    derived(pack)
    assert len(derived) == 1  # type: ignore[arg-type]
    del pack
    assert len(derived) == 0  # type: ignore[arg-type]  # freed by reference counting


def test_a_failure_is_not_remembered() -> None:
    outcomes = iter([KeyError("unknown organisation"), 7])

    @per_pack
    def flaky(pack: munintl.Pack) -> int:
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    pack = munintl.load_pack("hamar")
    with pytest.raises(KeyError):
        flaky(pack)
    assert flaky(pack) == 7


def test_a_changed_copy_is_derived_anew() -> None:
    pack = munintl.load_pack("bergen")
    fewer = attrs.evolve(pack, memberships=pack.memberships[1:])
    assert len(ties_of(fewer)) < len(ties_of(pack))
    assert ties_of(pack) == tuple(ties(pack))


def test_shared_features_cannot_be_changed_and_public_ones_are_the_callers() -> None:
    pack = munintl.load_pack("oslo")
    shared = features_of(pack)
    with pytest.raises(TypeError):
        shared["organisations"] = {}  # type: ignore[index]
    with pytest.raises(TypeError):
        shared["organisations"]["eurocities"] = 0.0  # type: ignore[index]
    mine = municipality_features(pack)
    mine["organisations"].clear()
    assert features_of(pack)["organisations"] and municipality_features(pack)["organisations"]


def test_the_overlap_reuses_the_features_the_matrix_worked_out() -> None:
    packs = munintl.load_packs(["bergen", "oslo", "hamar"])
    before = [features_of(p) for p in packs]
    result = munintl.overlap(*packs)
    assert [features_of(p) for p in packs] == before
    assert all(a is b for a, b in zip(before, map(features_of, packs), strict=True))
    assert result.similarity == munintl.similarity_matrix(packs)
