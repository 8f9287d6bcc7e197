"""The pack contract: every installed pack must pass it, whoever wrote it.

Checked here independently of the loader's own validation, so that a loader bug cannot hide
a broken pack.
"""

from __future__ import annotations

import attrs
import pytest

import munintl
from munintl.model import ENTITY_LISTS, Document, Link, Locator, Pack
from munintl.validation import validate

PACKS = munintl.available_packs()


def test_the_three_bundled_packs_are_installed() -> None:
    assert {"bergen", "hamar", "oslo"} <= set(PACKS)


@pytest.fixture(params=PACKS)
def pack(request: pytest.FixtureRequest) -> Pack:
    return munintl.load_pack(request.param)


def _locators(value: object) -> list[Locator]:
    if isinstance(value, Locator):
        return [value]
    if isinstance(value, tuple):
        return [loc for item in value for loc in _locators(item)]
    if attrs.has(type(value)):
        return [loc for a in attrs.fields(type(value)) for loc in _locators(getattr(value, a.name))]
    return []


def _links(value: object) -> list[Link]:
    if isinstance(value, Link):
        return [value]
    if isinstance(value, tuple):
        return [link for item in value for link in _links(item)]
    if attrs.has(type(value)):
        return [link for a in attrs.fields(type(value)) for link in _links(getattr(value, a.name))]
    return []


def test_loads_and_names_itself(pack: Pack) -> None:
    assert pack.name in PACKS
    assert pack.distribution == f"munintl-pack-{pack.name}"
    assert len(pack.municipality.code) == 4


def test_ids_are_unique(pack: Pack) -> None:
    ids = [e.id for e in pack.entities()]
    assert sorted(ids) == sorted(set(ids))


def test_every_reference_resolves(pack: Pack) -> None:
    assert [str(p) for p in validate(pack)] == []


def test_goal_hierarchy_is_acyclic_and_rooted(pack: Pack) -> None:
    goals = {g.id: g for g in pack.goals}
    for goal in pack.goals:
        seen = set()
        current = goal
        while current.parent is not None:
            assert current.id not in seen, f"cycle through {goal.id}"
            seen.add(current.id)
            current = goals[current.parent]
        assert current.strategy in {s.id for s in pack.strategies}


def test_every_entity_has_a_source(pack: Pack) -> None:
    documents = {d.id for d in pack.documents}
    seeds = [d for d in pack.documents if d.source is None]
    assert seeds, "a pack needs at least one seed document (a document with no source)"
    for name in ENTITY_LISTS:
        for entity in getattr(pack, name):
            if isinstance(entity, Document) and entity.source is None:
                continue  # a seed document is itself the source
            assert getattr(entity, "source", None) is not None, f"{name}: {entity.id}"
    for locator in _locators(pack):
        assert locator.document in documents
        assert locator.section or locator.page


def test_every_inferred_link_says_why(pack: Pack) -> None:
    for link in _links(pack):
        if link.is_inferred:
            assert link.rationale and link.rationale.strip()


def test_has_a_strategy_with_goals(pack: Pack) -> None:
    assert pack.strategy is not None
    assert any(g.strategy == pack.strategy.id for g in pack.goals)
