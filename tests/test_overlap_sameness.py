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

import munintl
from munintl.overlap import PYTHON, NumpyEngine, Overlap
from munintl.overlap.engine import fast_available

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


if __name__ == "__main__":  # write the digests (see the module's docstring)
    written = {case: digest(make()) for case, make in sorted(CASES.items())}
    DIGESTS.write_text(json.dumps(written, indent=1, sort_keys=True) + "\n", encoding="utf-8")
