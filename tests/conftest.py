"""Shared fixtures: small synthetic packs built in Python, and the bundled packs."""

from __future__ import annotations

import pytest

import munintl.packs
from munintl.model import (
    Document,
    DocumentKind,
    Evidence,
    Goal,
    GoalLevel,
    Kommunenummer,
    Link,
    Locator,
    Municipality,
    Pack,
    Strategy,
    StrategyStatus,
)


@pytest.fixture(autouse=True)
def _fresh_pack_cache() -> None:
    """Each test sees installed packs as they are, not as an earlier test left the cache."""
    munintl.packs.clear_cache()


def tiny_pack(name: str = "tiny", code: str = "9999", **lists: object) -> Pack:
    """A valid pack with one document, one strategy and whatever entity lists are given."""
    loc = Locator(document="doc", section="1")
    base: dict[str, object] = {
        "documents": (Document(id="doc", title="Strategi", kind=DocumentKind.STRATEGY),),
        "strategies": (
            Strategy(
                id="s",
                title="Strategi",
                document="doc",
                status=StrategyStatus.ADOPTED,
                source=loc,
                in_force=True,
            ),
        ),
        "goals": (
            Goal(
                id="g1",
                strategy="s",
                level=GoalLevel.MAIN_GOAL,
                label="hovedmål",
                title="Et åpent samfunn",
                source=loc,
                sdgs=(Link("16", Evidence.INFERRED, rationale="peace and inclusion"),),
            ),
        ),
    }
    base.update(lists)
    return Pack(
        name=name,
        municipality=Municipality(name=name.title(), codes=(Kommunenummer(code),)),
        **base,
    )  # type: ignore[arg-type]
