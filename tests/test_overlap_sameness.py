"""The overlap gives exactly the results it gave before it was made faster (issue 18).

``tests/data/overlap_digests.json`` holds, for the three real packs and for sets of synthetic
packs (``benchmarks/generate.py``), each engine and a few options, a digest of every part of
the result: the municipalities, the shared and unique items with their holders, the
correspondences with their scores, bands and reasons in their order, the similarity matrix and
the settings. It was written by the implementation before the speed-ups; any changed score,
pair, reason, item or order changes a digest. Regenerate it only for an intended change of
results: ``python tests/test_overlap_sameness.py``.
"""

from __future__ import annotations

import enum
import hashlib
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import munintl
from munintl.overlap import PYTHON, NumpyEngine, Overlap, engine
from munintl.overlap.engine import Corpus, fast_available

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import generate  # noqa: E402

DIGESTS = Path(__file__).parent / "data" / "overlap_digests.json"
SECTIONS = ("municipalities", "shared", "unique", "correspondences", "similarity", "settings")


def plain(value: Any) -> Any:
    """A result as JSON data: attrs classes field by field, enums by value, any sequence (the
    reasons, worked out when read) as a list; floats keep every digit (``repr``)."""
    if attrs.has(type(value)):
        return {f.name: plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, str | int | float | type(None)):
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, Sequence):
        return [plain(v) for v in value]
    raise TypeError(f"no plain form for {type(value).__name__}")


def digest(result: Overlap) -> dict[str, Any]:
    """Each section's size and SHA-256 of its canonical JSON, and the first correspondences
    in words (so that a failure shows where the results part)."""
    data = plain(result)
    parts = {
        "municipalities": data["municipalities"],
        "shared": data["shared"],
        "unique": data["unique"],
        "correspondences": data["correspondences"],
        "similarity": data["similarity"],
        "settings": [data[k] for k in ("goal_dimensions", "goal_weights", "possible", "strong")],
    }
    out: dict[str, Any] = {
        name: {
            "size": len(part) if isinstance(part, list) else None,
            "sha256": hashlib.sha256(
                json.dumps(part, sort_keys=True, ensure_ascii=True).encode()
            ).hexdigest(),
        }
        for name, part in parts.items()
    }
    out["first"] = [
        f"{c.a.municipality}/{c.a.id} ~ {c.b.municipality}/{c.b.id} {c.score!r} {c.band.value} "
        + ",".join(f"{r.dimension.value}:{r.contribution!r}" for r in c.reasons)
        for c in result.correspondences[:8]
    ]
    return out


def _numpy() -> Any:
    return NumpyEngine() if fast_available() else None


def _real(**options: Any) -> Callable[[], Overlap]:
    return lambda: munintl.overlap(*munintl.load_packs(["bergen", "oslo", "hamar"]), **options)


def _synthetic(count: int, **options: Any) -> Callable[[], Overlap]:
    return lambda: munintl.overlap(*generate.generate_packs(count), **options)


CASES: dict[str, Callable[[], Overlap]] = {
    "real": _real(engine=PYTHON),
    "real-top1": _real(top=1, engine=PYTHON),
    "real-weights": _real(
        engine=PYTHON, possible=0.2, strong=0.4, goal_weights={"sdgs": 1, "wording": 2}
    ),
    "synthetic-12-all": _synthetic(12, engine=PYTHON),
    "synthetic-12-pairs": _synthetic(
        12, engine=PYTHON, pairs=[("syn-0000", "syn-0003"), ("syn-0007", "syn-0002")]
    ),
    "synthetic-40-top5-python": _synthetic(40, top=5, engine=PYTHON),
    "synthetic-40-top5-numpy": lambda: _synthetic(40, top=5, engine=_numpy())(),
    "real-numpy": lambda: _real(engine=_numpy())(),
}
NEEDS_NUMPY = {"synthetic-40-top5-numpy", "real-numpy"}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_overlap_gives_the_results_it_gave_before(case: str) -> None:
    if case in NEEDS_NUMPY and not fast_available():
        pytest.skip("the numpy engine needs the fast extra")
    expected = json.loads(DIGESTS.read_text(encoding="utf-8"))[case]
    found = digest(CASES[case]())
    assert found["first"] == expected["first"]
    for section in SECTIONS:
        assert found[section] == expected[section], section


def test_the_digest_sees_a_changed_reason() -> None:
    result = CASES["real"]()
    c = result.correspondences[0]
    changed = attrs.evolve(c, reasons=(*c.reasons[1:], c.reasons[0]))
    other = attrs.evolve(result, correspondences=(changed, *result.correspondences[1:]))
    before, after = digest(result), digest(other)
    assert before["correspondences"] != after["correspondences"]
    assert before["shared"] == after["shared"]


def _one_block(corpus: Corpus, a: list[int], b: list[int], scale: Sequence[float]) -> Any:
    """The numpy engine's scores of one block as it computed them before (issue 18): one
    sparse product per block and dimension, combined dimension by dimension, rounded."""
    import numpy

    parts = [
        (corpus.matrix(d)[a] @ corpus.matrix(d)[b].T).toarray()
        if a and b
        else numpy.zeros((len(a), len(b)))
        for d in range(len(corpus.dimensions))
    ]
    total = numpy.zeros((len(a), len(b)))
    for weight, part in zip(scale, parts, strict=True):
        total += weight * part
    return numpy.round(total, engine.DECIMALS), parts


@pytest.mark.skipif(not fast_available(), reason="the numpy engine needs the fast extra")
@settings(max_examples=60, deadline=None)
@given(st.data(), st.sampled_from([0.0, 0.3]), st.sampled_from([1, 7, 100_000]))
def test_the_numpy_engine_scores_blocks_to_the_same_float_as_one_product_per_block(
    data: st.DataObject, at_least: float, batch_cells: int
) -> None:
    stems = st.dictionaries(st.sampled_from("abcdefghij"), st.integers(1, 3), max_size=6)
    docs = data.draw(st.lists(st.fixed_dictionaries({"x": stems, "y": stems}), min_size=1))
    corpus = Corpus(docs, ("x", "y"), (0.3, 0.7))
    index = st.lists(st.integers(0, len(docs) - 1), max_size=5, unique=True)
    blocks = data.draw(st.lists(st.tuples(index, index), max_size=6))
    blocks += [(a, b[::-1]) for a, b in blocks[:2]]  # blocks sharing rows, one after another
    weights = [(0.5, 0.5) if n % 2 else (0.3, 0.7) for n in range(len(blocks))]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "_BATCH_CELLS", batch_cells)
        found = NumpyEngine().block_scores(corpus, blocks, weights, at_least)
    for (a, b), scale, scores in zip(blocks, weights, found, strict=True):
        total, parts = _one_block(corpus, a, b, scale)
        for x in range(len(a)):
            for y in range(len(b)):
                assert scores.score(x, y) == total[x][y]
                assert scores.by_dimension(x, y) == tuple(p[x][y] for p in parts)
        expected = [(x, y, total[x][y]) for x in range(len(a)) for y in range(len(b))]
        assert scores.cells == [c for c in expected if c[2] > 0 and c[2] >= at_least]


if __name__ == "__main__":  # write the digests (see the module's docstring)
    written = {case: digest(make()) for case, make in sorted(CASES.items())}
    DIGESTS.write_text(json.dumps(written, indent=1, sort_keys=True) + "\n", encoding="utf-8")
