"""The similarity matrix, and the sparse engine under it: known answers on small synthetic
packs, and the pure-Python and numpy/scipy engines giving the same results on random inputs."""

from __future__ import annotations

import math
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from munintl.model import MembershipStatus, Pack
from munintl.overlap import engine, overlap
from munintl.overlap.engine import PYTHON, Corpus, NumpyEngine, fast_available, idf
from munintl.overlap.similarity import (
    DEFAULT_WEIGHTS,
    Dimension,
    SimilarityError,
    municipality_features,
    resolve_weights,
    similarity_matrix,
)
from tests.test_overlap import G, town

needs_numpy = pytest.mark.skipif(not fast_available(), reason="needs the fast extra")
NUMPY = NumpyEngine() if fast_available() else PYTHON


def _orgs(*ids: str) -> list[tuple[str, MembershipStatus]]:
    return [(i, MembershipStatus.MEMBER) for i in ids]


# --- known answers -------------------------------------------------------------------------------


def test_one_dimension_by_hand() -> None:
    # a: {eurocities, c40}, b: {eurocities}. Over two municipalities eurocities has idf 1,
    # c40 idf 1 + ln(3/2); the cosine is the shared weight over the product of the norms.
    a = town("a", "0001", orgs=_orgs("eurocities", "c40"))
    b = town("b", "0002", orgs=_orgs("eurocities"))
    m = similarity_matrix([a, b])
    c40 = 1 + math.log(3 / 2)
    assert m.score("a", "b", Dimension.ORGANISATIONS) == pytest.approx(
        1 / math.hypot(1, c40), abs=1e-9
    )
    assert m.score("a", "b", "organisation_kinds") == 1.0  # both networks, and nothing else


def test_the_combined_score_is_the_weighted_sum_of_the_dimensions() -> None:
    a = town("a", "0001", orgs=_orgs("eurocities", "c40"), twins=[("Lund", "SE")])
    b = town("b", "0002", orgs=_orgs("eurocities"), twins=[("Lund", "SE"), ("Fargo", "US")])
    m = similarity_matrix([a, b])
    by_dimension = [m.score("a", "b", d) for d in m.dimensions]
    expected = sum(DEFAULT_WEIGHTS[d] * s for d, s in zip(m.dimensions, by_dimension, strict=True))
    assert m.score("a", "b") == pytest.approx(expected, abs=1e-9)
    assert m.weights == tuple(DEFAULT_WEIGHTS[d] for d in m.dimensions)


def test_a_municipality_is_wholly_like_itself_in_the_dimensions_it_has() -> None:
    only_orgs = town("a", "0001", orgs=_orgs("eurocities"))
    m = similarity_matrix([only_orgs])
    # It has organisations and their kinds, nothing else: the diagonal is those weights.
    present = (
        DEFAULT_WEIGHTS[Dimension.ORGANISATIONS] + DEFAULT_WEIGHTS[Dimension.ORGANISATION_KINDS]
    )
    assert m.score("a", "a") == pytest.approx(present, abs=1e-9)
    assert m.score("a", "a", "organisations") == 1.0
    assert m.score("a", "a", "themes") == 0.0


def test_an_ended_membership_does_not_count() -> None:
    a = town(
        "a", "0001", orgs=[("eurocities", MembershipStatus.ENDED), ("c40", MembershipStatus.MEMBER)]
    )
    b = town("b", "0002", orgs=_orgs("eurocities"))
    assert municipality_features(a)["organisations"] == {"c40": 1.0}
    assert similarity_matrix([a, b]).score("a", "b", "organisations") == 0.0


def test_wording_compares_stems_and_leaves_out_the_own_name() -> None:
    a = town("bergen", "0001", goals=[G("g1", "Bergen skal påvirke europeiske beslutninger")])
    features = municipality_features(a)["wording"]
    assert features == {"påvirk": 1, "europeisk": 1, "beslutning": 1}


def test_weights_replace_the_defaults_and_are_scaled_to_one() -> None:
    dims, weights = resolve_weights({"themes": 2, "wording": 6})
    assert dict(zip(dims, weights, strict=True)) == {
        **dict.fromkeys(DEFAULT_WEIGHTS, 0.0),
        Dimension.THEMES: 0.25,
        Dimension.WORDING: 0.75,
    }
    assert sum(resolve_weights(None)[1]) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"colour": 1}, "unknown dimension 'colour'"),
        ({"themes": -1}, "negative"),
        ({"themes": 0}, "above 0"),
    ],
)
def test_bad_weights_are_refused(weights: dict[str, float], message: str) -> None:
    with pytest.raises(SimilarityError, match=message):
        similarity_matrix([town("a", "0001")], weights=weights)


# --- top-k mode ----------------------------------------------------------------------------------


def _three() -> list[Pack]:
    return [
        town("a", "0001", orgs=_orgs("eurocities", "c40"), twins=[("Lund", "SE")]),
        town("b", "0002", orgs=_orgs("eurocities", "c40")),
        town("c", "0003", orgs=_orgs("enisa"), twins=[("Fargo", "US")]),
    ]


def test_top_keeps_the_nearest_neighbours_best_first() -> None:
    full = similarity_matrix(_three())
    top = similarity_matrix(_three(), top=1)
    assert [n.name for n in top.neighbours_of("a")] == ["b"]
    assert top.neighbours_of("a")[0].score == full.score("a", "b")
    assert [n.name for n in full.neighbours_of("a")] == ["b"]  # c has nothing in common with a
    assert top.neighbours_of("c") == ()
    assert top.combined == () and top.by_dimension == ()
    with pytest.raises(SimilarityError, match="neighbours_of"):
        top.score("a", "b")


def test_top_must_be_positive_and_names_unique() -> None:
    with pytest.raises(SimilarityError, match="at least 1"):
        similarity_matrix(_three(), top=0)
    with pytest.raises(SimilarityError, match="once"):
        similarity_matrix([town("a", "0001"), town("a", "0002")])
    with pytest.raises(SimilarityError, match="'x' is not in"):
        similarity_matrix(_three()).neighbours_of("x")


# --- the two engines give the same results -------------------------------------------------------

_vocabulary = st.sampled_from([f"f{i}" for i in range(6)])
_doc = st.fixed_dictionaries(
    {d: st.dictionaries(_vocabulary, st.integers(1, 3), max_size=4) for d in ("x", "y", "z")}
)


def _weighted(draw: st.DrawFn, docs: list[Any], groups: int) -> tuple[Corpus, list[int]]:
    """A corpus of ``docs`` with random weights (not all 0) over x, y, z, and each document's
    group, one of ``groups``."""
    raw = draw(st.lists(st.integers(0, 4), min_size=3, max_size=3).filter(any))
    weights = [w / sum(raw) for w in raw]
    drawn = draw(st.lists(st.integers(0, groups - 1), min_size=len(docs), max_size=len(docs)))
    return Corpus(docs, ("x", "y", "z"), weights), drawn


@st.composite
def corpora(draw: st.DrawFn) -> tuple[Corpus, list[int]]:
    docs = draw(st.lists(_doc, min_size=1, max_size=14))
    return _weighted(draw, docs, groups=5)


@needs_numpy
@settings(max_examples=150, deadline=None)
@given(corpora(), st.integers(1, 5), st.sampled_from([0.0, 0.2, 0.5]))
def test_neighbours_are_the_same_in_both_engines(
    data: tuple[Corpus, list[int]], k: int, min_score: float
) -> None:
    corpus, groups = data
    python = PYTHON.neighbours(corpus, k, groups, min_score=min_score)
    fast = NUMPY.neighbours(corpus, k, groups, min_score=min_score)
    assert [[j for j, _ in line] for line in python] == [[j for j, _ in line] for line in fast]
    for i, (p_line, f_line) in enumerate(zip(python, fast, strict=True)):
        for (j, p_scores), (_, f_scores) in zip(p_line, f_line, strict=True):
            assert p_scores == pytest.approx(f_scores, abs=1e-9)
            # ... and both are the definition: one cosine per dimension.
            assert p_scores == pytest.approx(corpus.dimension_scores(i, j), abs=1e-9)


@st.composite
def near_corpora(draw: st.DrawFn) -> tuple[Corpus, list[int]]:
    # Copies of one document, each term frequency moved a few float32 steps, and one
    # feature of their own: scores closer than float32 tells apart, yet not tied.
    base = draw(st.dictionaries(_vocabulary, st.integers(1, 3), min_size=2, max_size=4))
    docs = [{"x": dict(base)}]
    for _ in range(draw(st.integers(2, 20))):
        steps = draw(st.lists(st.integers(-3, 3), min_size=len(base), max_size=len(base)))
        doc = {f: tf + step * 1e-7 for (f, tf), step in zip(base.items(), steps, strict=True)}
        doc[draw(st.sampled_from(["own1", "own2", "own3"]))] = 1.0
        docs.append({"x": doc})
    return Corpus(docs, ("x", "y", "z"), [0.5, 0.25, 0.25]), list(range(len(docs)))


@st.composite
def tied_corpora(draw: st.DrawFn) -> tuple[Corpus, list[int]]:
    # Few distinct documents, many copies of each: whole runs of partners tie exactly.
    pool = draw(st.lists(_doc, min_size=1, max_size=4))
    docs = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=70))
    return _weighted(draw, docs, groups=31)


@needs_numpy
@settings(max_examples=300, deadline=None)
@given(
    tied_corpora() | near_corpora(),
    st.integers(1, 6),
    st.sampled_from([0.0, 0.3, 0.7]),
    st.integers(1, 9),
)
def test_tied_neighbours_are_the_same_in_both_engines(
    data: tuple[Corpus, list[int]], k: int, min_score: float, rows: int
) -> None:
    # The numpy engine picks candidates from float32 scores, then ranks them exactly; ties
    # must still go to the lower index, k cutting through a tie. Small blocks of rows (as
    # at 10,000 documents) check that every block's rows are placed right.
    corpus, groups = data
    python = PYTHON.neighbours(corpus, k, groups, min_score=min_score)
    with mock.patch.object(engine, "_BLOCK_CELLS", rows * len(corpus)):
        fast = NUMPY.neighbours(corpus, k, groups, min_score=min_score)
    assert [[j for j, _ in line] for line in python] == [[j for j, _ in line] for line in fast]
    for p_line, f_line in zip(python, fast, strict=True):
        for (_, p_scores), (_, f_scores) in zip(p_line, f_line, strict=True):
            assert p_scores == pytest.approx(f_scores, abs=1e-12)


@needs_numpy
@settings(max_examples=100, deadline=None)
@given(corpora())
def test_full_matrices_are_the_same_in_both_engines(data: tuple[Corpus, list[int]]) -> None:
    corpus, _ = data
    python, python_dims = PYTHON.full_matrices(corpus)
    fast, fast_dims = NUMPY.full_matrices(corpus)
    for p, f in zip([python, *python_dims], [fast, *fast_dims], strict=True):
        assert len(p) == len(f) == len(corpus)
        for p_row, f_row in zip(p, f, strict=True):
            assert p_row == pytest.approx(f_row, abs=1e-9)


@needs_numpy
@settings(max_examples=100, deadline=None)
@given(corpora(), st.sampled_from([0.0, 0.2, 0.5]), st.data())
def test_block_scores_are_the_same_in_both_engines(
    data: tuple[Corpus, list[int]], at_least: float, draw: st.DataObject
) -> None:
    corpus, _ = data
    n = len(corpus)
    index = st.lists(st.integers(0, n - 1), min_size=0, max_size=5, unique=True)
    blocks = draw.draw(st.lists(st.tuples(index, index), max_size=4))
    weights = draw.draw(st.none() | st.just([corpus.weights[::-1] for _ in blocks]))
    python = PYTHON.block_scores(corpus, blocks, weights, at_least)
    fast = NUMPY.block_scores(corpus, blocks, weights, at_least)
    assert len(python) == len(fast) == len(blocks)
    for at, ((a, b), p, f) in enumerate(zip(blocks, python, fast, strict=True)):
        assert p.cells == f.cells  # rounded, so the same pairs are chosen
        scale = corpus.weights if weights is None else weights[at]
        for x, i in enumerate(a):
            for y, j in enumerate(b):
                assert p.score(x, y) == f.score(x, y)
                expected = corpus.dimension_scores(i, j)
                assert p.by_dimension(x, y) == pytest.approx(f.by_dimension(x, y), abs=1e-9)
                assert p.by_dimension(x, y) == pytest.approx(expected, abs=1e-9)
                combined = sum(w * e for w, e in zip(scale, expected, strict=True))
                assert p.score(x, y) == pytest.approx(combined, abs=1e-8)
                listed = p.score(x, y) > 0 and p.score(x, y) >= at_least
                assert listed == ((x, y, p.score(x, y)) in p.cells)


def _random_town(n: int, draw: st.DataObject) -> Pack:
    orgs = draw.draw(st.sets(st.sampled_from(["eurocities", "c40", "ubc", "iclei", "enisa"])))
    themes = draw.draw(st.sets(st.sampled_from(["inclusion", "culture", "eu-influence"])))
    sdgs = draw.draw(st.sets(st.sampled_from(["17", "17.17", "11", "10.2"])))
    words = draw.draw(st.lists(st.sampled_from(["påvirke", "byer", "inkludering", "kultur"])))
    twins = draw.draw(st.sets(st.sampled_from([("Lund", "SE"), ("Fargo", "US")])))
    goal = G("g1", " ".join(words) or "Mål", tuple(sorted(themes)), tuple(sorted(sdgs)))
    return town(f"t{n}", f"{n:04d}", goals=[goal], orgs=_orgs(*sorted(orgs)), twins=sorted(twins))


@needs_numpy
@settings(max_examples=40, deadline=None)
@given(st.integers(1, 8), st.integers(1, 4), st.data())
def test_similarity_matrices_of_random_packs_are_the_same_in_both_engines(
    count: int, top: int, draw: st.DataObject
) -> None:
    packs = [_random_town(n, draw) for n in range(count)]
    python = similarity_matrix(packs, top=top, engine=PYTHON)
    fast = similarity_matrix(packs, top=top, engine=NUMPY)
    assert attrs.evolve(python, neighbours=()) == attrs.evolve(fast, neighbours=())
    for name in python.names:
        p, f = python.neighbours_of(name), fast.neighbours_of(name)
        assert [n.name for n in p] == [n.name for n in f]
        assert [n.score for n in p] == pytest.approx([n.score for n in f], abs=1e-9)
    full_python = similarity_matrix(packs, engine=PYTHON)
    full_fast = similarity_matrix(packs, engine=NUMPY)
    for p_row, f_row in zip(full_python.combined, full_fast.combined, strict=True):
        assert p_row == pytest.approx(f_row, abs=1e-9)


@needs_numpy
@settings(max_examples=30, deadline=None)
@given(st.integers(2, 6), st.data())
def test_goal_correspondences_of_random_packs_are_the_same_in_both_engines(
    count: int, draw: st.DataObject
) -> None:
    packs = [_random_town(n, draw) for n in range(count)]
    python = overlap(*packs, engine=PYTHON).correspondences
    fast = overlap(*packs, engine=NUMPY).correspondences
    assert [(c.a, c.b, c.score, c.band) for c in python] == [
        (c.a, c.b, c.score, c.band) for c in fast
    ]
    for p, f in zip(python, fast, strict=True):
        assert [r.score for r in p.reasons] == pytest.approx([r.score for r in f.reasons], abs=1e-9)


def test_idf_is_smoothed_and_never_zero() -> None:
    assert idf(5, 5) == 1.0
    assert idf(1, 5) == pytest.approx(1 + math.log(3))


@needs_numpy
@pytest.mark.parametrize(
    ("docs", "weights"),
    [
        # A weight beyond float32's range: the approximation would overflow (found 4e38 -> inf).
        (
            [
                {"x": {"a": 1.0, "b": 2.0}, "y": {"p": 1.0}},
                {"x": {"a": 1.0, "c": 1.0}, "y": {"p": 1.0, "q": 1.0}},
                {"x": {"b": 1.0, "c": 3.0}, "y": {"q": 2.0}},
                {"x": {"d": 1.0}, "y": {}},
            ],
            (4e38, 1.0),
        ),
        # A term frequency that is not a number counts 0 in both engines, not the whole row.
        (
            [{"x": {"a": math.nan, "b": 1.0}}, {"x": {"b": 1.0}}, {"x": {"b": 1.0, "c": 1.0}}],
            (1.0,),
        ),
    ],
)
def test_extreme_corpora_give_the_same_neighbours_in_both_engines(
    docs: list[dict[str, dict[str, float]]], weights: tuple[float, ...]
) -> None:
    corpus = Corpus(docs, ("x", "y")[: len(weights)], weights)
    groups = list(range(len(docs)))
    expected = PYTHON.neighbours(corpus, 3, groups)
    found = NumpyEngine().neighbours(corpus, 3, groups)
    assert [[j for j, _ in line] for line in found] == [[j for j, _ in line] for line in expected]
    assert any(expected)
