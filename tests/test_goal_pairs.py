"""The goal correspondences measured against a labelled set of goal pairs (tests/data).

``tests/data/overlap_pairs.toml`` says, for pairs of goals of the bundled packs, of the English
test pack ``northby`` and of the negation case, whether they correspond, each with a one-line
reason. Precision counts every correspondence found, labelled or not (one the set does not
name counts as false); recall counts the true pairs found.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

import attrs
import pytest

import munintl
from munintl.model import Pack
from munintl.overlap import Band, Correspondence, GoalRef, Overlap, overlap
from munintl.packs import load_pack_dir

DATA = Path(__file__).parent / "data"
PRECISION = RECALL = 0.8


@attrs.frozen
class Label:
    a: str
    b: tuple[str, ...]
    match: bool
    reason: str


def _labels() -> list[Label]:
    rows = tomllib.loads((DATA / "overlap_pairs.toml").read_text("utf-8"))["pairs"]
    return [Label(r["a"], tuple(r["b"]), r["match"], r["reason"]) for r in rows]


def _packs(*names: str) -> list[Pack]:
    bundled = [n for n in names if n in munintl.available_packs()]
    own = [load_pack_dir(DATA / "packs" / n) for n in names if n not in bundled]
    return [*munintl.load_packs(bundled), *own]


@pytest.fixture(scope="module")
def results() -> list[tuple[Overlap, list[Pack]]]:
    packs = _packs("bergen", "oslo", "hamar", "northby")
    negation = _packs("jaby", "neiby")
    return [(overlap(*packs), packs), (overlap(*negation), negation)]


def _within(ref: GoalRef, goals: Sequence[str], packs: Sequence[Pack]) -> bool:
    """Whether a found goal unit is one of the labelled goals or lies inside one."""
    wanted = {g.split(":")[1] for g in goals if g.split(":")[0] == ref.municipality}
    if not wanted:
        return False
    pack = next(p for p in packs if p.name == ref.municipality)
    parent = {g.id: g.parent for g in pack.goals}
    for goal in ref.covers:
        node: str | None = goal
        while node is not None:  # up through the goals above it
            if node in wanted:
                return True
            node = parent.get(node)
    return False


def _hits(c: Correspondence, label: Label, packs: Sequence[Pack]) -> bool:
    return any(
        _within(x, [label.a], packs) and _within(y, label.b, packs)
        for x, y in ((c.a, c.b), (c.b, c.a))
    )


def _measure(
    results: list[tuple[Overlap, list[Pack]]],
) -> tuple[float, float, list[str]]:
    labels = _labels()
    found = [(c, packs) for result, packs in results for c in result.correspondences]
    wrong: list[str] = []
    right = 0
    for c, packs in found:
        hit = [label for label in labels if _hits(c, label, packs)]
        if any(label.match for label in hit):  # a true pair is the more specific knowledge
            right += 1
        else:
            why = hit[0].reason if hit else "not in the labelled set"
            wrong.append(f"{c.a.municipality}:{c.a.id} ~ {c.b.municipality}:{c.b.id}: {why}")
    true = [label for label in labels if label.match]
    recalled = [t for t in true if any(_hits(c, t, packs) for c, packs in found)]
    missed = [f"missed {t.a} ~ {' | '.join(t.b)}: {t.reason}" for t in true if t not in recalled]
    return right / max(len(found), 1), len(recalled) / len(true), wrong + missed


def test_precision_and_recall_on_the_labelled_set(
    results: list[tuple[Overlap, list[Pack]]],
) -> None:
    precision, recall, problems = _measure(results)
    print(f"\nlabelled set: precision {precision:.2f}, recall {recall:.2f}")
    for line in problems:
        print("  " + line)
    assert precision >= PRECISION
    assert recall >= RECALL


def test_the_labelled_set_has_a_reason_for_every_pair_and_near_misses() -> None:
    labels = _labels()
    assert all(label.reason.strip() for label in labels)
    assert sum(not label.match for label in labels) >= 10
    assert any("northby" in g for label in labels for g in (label.a, *label.b))


def test_a_goal_and_its_negation_do_not_correspond(
    results: list[tuple[Overlap, list[Pack]]],
) -> None:
    negation, _ = results[1]
    assert negation.correspondences == ()


def test_the_english_pack_finds_its_counterparts_in_each_norwegian_pack(
    results: list[tuple[Overlap, list[Pack]]],
) -> None:
    result, _ = results[0]
    partners = {
        c.a.municipality if c.b.municipality == "northby" else c.b.municipality
        for c in result.correspondences
        if "northby" in (c.a.municipality, c.b.municipality)
    }
    assert partners == {"bergen", "oslo", "hamar"}


@pytest.mark.parametrize(
    ("a", "b", "reasons"),
    [
        # The public examples, each with the reasons a reader is shown.
        (("bergen", "hp-1.2"), ("oslo", "innsatsomrade-2"), ["EU influence", "påvirke"]),
        (("bergen", "hp-2.1"), ("hamar", "delmal-4"), ["Inclusion and diversity", "inkluderende"]),
        (("bergen", "hp-3.2"), ("hamar", "delmal-4.strategi-3"), ["Hosting and delegations"]),
    ],
)
def test_the_public_examples_hold_with_reasons(
    results: list[tuple[Overlap, list[Pack]]],
    a: tuple[str, str],
    b: tuple[str, str],
    reasons: list[str],
) -> None:
    result, _ = results[0]
    (c,) = [
        c
        for c in result.correspondences
        if {(c.a.municipality, c.a.id), (c.b.municipality, c.b.id)} == {a, b}
    ]
    assert c.band is Band.STRONG
    said = " ".join(r.text for r in c.reasons)
    assert all(word in said for word in reasons), said
    assert not re.search(r"\b0\.\d|[+×=]", said)  # plain words, no arithmetic
    assert "¬" not in said and "påvirk " not in said  # words, not stems
