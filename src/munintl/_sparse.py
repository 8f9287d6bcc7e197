"""Sparse vectors for similarity: TF-IDF weighting, full matrices and top-k neighbours.

Each document (a municipality, a goal) is described once, per dimension, as a sparse unit
vector (a dict from feature id to weight). Two engines compute the same results:

- pure Python: an inverted index (feature -> documents holding it), so only pairs that share
  a feature are ever touched. Its cost is the sum over features of (documents holding it)²,
  which grows quadratically for features nearly everyone holds (SDG 17);
- numpy/scipy (the ``fast`` extra): rows in blocks. In each dimension the columns held by
  many documents form a small dense matrix multiplied with BLAS (a common feature is a
  low-rank term: one everybody holds is rank one), the rest a sparse product. Memory stays
  bounded by the block size, so 10,000 municipalities never need a 10,000² matrix.

Both engines rank on scores rounded to :data:`DECIMALS` places and break ties by the lower
index, so they select the same neighbours; their scores agree to float precision.

>>> c = Corpus([{"x": {"a": 1}}, {"x": {"a": 1, "b": 1}}, {"x": {"c": 1}}], ("x",), (1.0,))
>>> round(c.score(0, 1), 4), c.score(0, 0), c.score(0, 2)
(0.6053, 1.0, 0.0)
>>> [[j for j, _ in found] for found in neighbours(c, k=2, groups=[0, 1, 2], backend="python")]
[[1], [0], []]
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from importlib import import_module
from typing import Any, Literal

__all__ = [
    "DECIMALS",
    "Backend",
    "Corpus",
    "combine",
    "fast_available",
    "full_matrices",
    "gram",
    "idf",
    "mutual_best",
    "neighbours",
]

Backend = Literal["auto", "python", "numpy"]
DECIMALS = 9
"""Scores are ranked rounded to this many decimals, so float noise never decides a rank."""

AUTO_NUMPY_ROWS = 256
"""From this many documents on, ``backend="auto"`` uses numpy when it is installed (below
it, importing numpy costs more than it saves)."""

_BLOCK_CELLS = 6_000_000  # scores held at once per block, over all dimensions (48 MB)
_DENSE_BUDGET = 256 * 1024 * 1024  # bytes for one dimension's dense matrix of common columns
_DENSE_SHARE = 16  # a column is "common" when more than 1/16 of the rows hold it

Row = dict[int, float]


def idf(document_frequency: int, documents: int) -> float:
    """Smoothed inverse document frequency: ``1 + ln((1 + N) / (1 + df))``.

    A feature every document holds still weighs 1 (never 0), so a document compared with
    itself scores 1 and two identical documents are identical whatever the corpus.

    >>> idf(3, 3), round(idf(1, 3), 4)
    (1.0, 1.6931)
    """
    return 1.0 + math.log((1 + documents) / (1 + document_frequency))


class _Dimension:
    """One dimension's documents, stored once and compactly: the feature ids and term
    frequencies of all documents end to end (``starts[i]`` is where document ``i`` begins),
    and each feature's IDF over the documents."""

    def __init__(self, docs: Sequence[Mapping[str, float]]) -> None:
        ids: dict[str, int] = {}
        self.ids = array("q")
        self.tfs = array("d")
        self.starts = array("q", [0])
        for doc in docs:
            for feature in doc:
                if feature not in ids:
                    ids[feature] = len(ids)
            self.ids.extend(map(ids.__getitem__, doc))
            self.tfs.extend(doc.values())
            self.starts.append(len(self.ids))
        self.width = len(ids)
        df = Counter(self.ids)  # each document holds a feature once
        self.idf = [idf(df[f], len(docs)) for f in range(self.width)]

    def row(self, i: int) -> Row:
        """Document ``i``'s TF-IDF vector scaled to length 1 (empty stays empty)."""
        start, stop = self.starts[i], self.starts[i + 1]
        idf_ = self.idf
        raw = {
            f: tf * idf_[f]
            for f, tf in zip(self.ids[start:stop], self.tfs[start:stop], strict=True)
            if tf > 0
        }
        norm = math.sqrt(sum(v * v for v in raw.values()))
        return {f: v / norm for f, v in raw.items()} if norm else {}

    def matrix(self) -> Any:
        """All unit rows as a scipy CSR matrix, computed with numpy."""
        numpy, sp = _modules()
        n = len(self.starts) - 1
        indptr = numpy.frombuffer(self.starts, dtype=numpy.int64)
        indices = numpy.frombuffer(self.ids, dtype=numpy.int64)
        data = numpy.frombuffer(self.tfs, dtype=numpy.float64).copy()
        data[data < 0] = 0.0
        data *= numpy.asarray(self.idf, dtype=numpy.float64)[indices]
        row_of = numpy.repeat(numpy.arange(n), numpy.diff(indptr))
        norms = numpy.sqrt(numpy.bincount(row_of, weights=data * data, minlength=n))
        data /= numpy.where(norms > 0, norms, 1.0)[row_of]
        matrix = sp.csr_matrix((data, indices, indptr), shape=(n, self.width))
        matrix.sort_indices()
        return matrix


class Corpus:
    """Documents described along several dimensions, weighed once for every comparison.

    In each dimension a document is a TF-IDF vector scaled to length 1 (the IDF taken over
    the corpus), so a dimension's similarity is a cosine in [0, 1]; ``weights`` (summing to
    1) mix the dimensions into the combined score.
    """

    def __init__(
        self,
        docs: Sequence[Mapping[str, Mapping[str, float]]],
        dimensions: Sequence[str],
        weights: Sequence[float],
    ) -> None:
        self.dimensions = tuple(dimensions)
        self.weights = tuple(weights)
        self.size = len(docs)
        self._dims = [_Dimension([doc.get(d, {}) for doc in docs]) for d in self.dimensions]
        self._rows: dict[int, list[Row]] = {}
        self._matrices: dict[int, Any] = {}

    def __len__(self) -> int:
        return self.size

    def rows(self, d: int) -> list[Row]:
        """Every document's unit vector in dimension ``d`` (made once, for the pure engine)."""
        if d not in self._rows:
            self._rows[d] = [self._dims[d].row(i) for i in range(self.size)]
        return self._rows[d]

    def matrix(self, d: int) -> Any:
        """Dimension ``d`` as a scipy CSR matrix of unit rows (made once, with numpy)."""
        if d not in self._matrices:
            self._matrices[d] = self._dims[d].matrix()
        return self._matrices[d]

    def dimension_scores(self, i: int, j: int) -> tuple[float, ...]:
        """The cosine of documents ``i`` and ``j`` in each dimension."""
        return tuple(_dot(dim.row(i), dim.row(j)) for dim in self._dims)

    def score(self, i: int, j: int) -> float:
        """The combined score: the weighted sum of :meth:`dimension_scores`."""
        return combine(self.dimension_scores(i, j), self.weights)


def combine(scores: Sequence[float], weights: Sequence[float]) -> float:
    """The combined score: the weighted sum of per-dimension scores."""
    return sum(w * s for w, s in zip(weights, scores, strict=True))


def _dot(a: Mapping[int, float], b: Mapping[int, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(v * b[f] for f, v in a.items() if f in b)


def fast_available() -> bool:
    """Whether numpy and scipy (the ``fast`` extra) can be imported."""
    try:
        _modules()
    except ImportError:
        return False
    return True


def _modules() -> tuple[Any, Any]:
    """numpy and scipy.sparse, imported only when the fast engine runs (typed loosely: scipy
    ships no type information of its own)."""
    return import_module("numpy"), import_module("scipy.sparse")


def _use_numpy(backend: Backend, rows: int) -> bool:
    if backend == "numpy":
        if not fast_available():
            from munintl.errors import MunintlError

            raise MunintlError("backend 'numpy' needs numpy and scipy: pip install 'munintl[fast]'")
        return True
    if backend not in ("auto", "python"):
        raise ValueError(f"unknown backend {backend!r} (auto, python, numpy)")
    return backend == "auto" and rows >= AUTO_NUMPY_ROWS and fast_available()


# --- full matrices ------------------------------------------------------------------------------


Matrix = tuple[tuple[float, ...], ...]


def full_matrices(corpus: Corpus, backend: Backend = "auto") -> tuple[Matrix, list[Matrix]]:
    """Every pairwise score: the combined matrix and one matrix per dimension (diagonals
    included), rounded to :data:`DECIMALS`."""
    dims = range(len(corpus.dimensions))
    if _use_numpy(backend, len(corpus)):
        numpy, _ = _modules()
        grams = [(corpus.matrix(d) @ corpus.matrix(d).T).toarray() for d in dims]
        total = numpy.zeros((len(corpus), len(corpus)))
        for weight, g in zip(corpus.weights, grams, strict=True):
            total += weight * g
        return _tuples(numpy.round(total, DECIMALS)), [
            _tuples(numpy.round(g, DECIMALS)) for g in grams
        ]
    grams_ = [gram(corpus, d) for d in dims]
    n = len(corpus)
    combined = tuple(
        tuple(round(combine([g[i][j] for g in grams_], corpus.weights), DECIMALS) for j in range(n))
        for i in range(n)
    )
    return combined, [tuple(tuple(round(x, DECIMALS) for x in row) for row in g) for g in grams_]


def _tuples(array: Any) -> Matrix:
    return tuple(map(tuple, array.tolist()))


def gram(corpus: Corpus, d: int) -> list[list[float]]:
    """Every pairwise cosine in dimension ``d``, by the inverted index (diagonal included)."""
    rows = corpus.rows(d)
    out = [[0.0] * len(rows) for _ in rows]
    postings = _postings(rows)
    for i, row in enumerate(rows):
        for j, s in _accumulate(row, postings).items():
            out[i][j] = s
    return out


def _postings(rows: Sequence[Mapping[int, float]]) -> dict[int, list[tuple[int, float]]]:
    postings: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for j, row in enumerate(rows):
        for f, v in row.items():
            postings[f].append((j, v))
    return postings


def _accumulate(
    row: Mapping[int, float], postings: Mapping[int, list[tuple[int, float]]]
) -> dict[int, float]:
    """A row's dot products with every row that shares a feature with it (inverted index)."""
    acc: dict[int, float] = {}
    get = acc.get
    for f, v in row.items():
        for j, w in postings[f]:
            acc[j] = get(j, 0.0) + v * w
    return acc


# --- top-k neighbours ---------------------------------------------------------------------------

Found = list[tuple[int, tuple[float, ...]]]


def neighbours(
    corpus: Corpus,
    k: int,
    groups: Sequence[int],
    *,
    min_score: float = 0.0,
    backend: Backend = "auto",
) -> list[Found]:
    """For each document, its ``k`` best partners with their per-dimension scores, best first.

    A partner is a document of another group (``groups[i]``: the municipality a goal belongs
    to, or the document itself) whose combined score, rounded to :data:`DECIMALS`, is above 0
    and at least ``min_score``. Ties go to the lower index.
    """
    n = len(corpus)
    if len(groups) != n:
        raise ValueError("groups must give one group per document")
    if k <= 0 or n == 0:
        return [[] for _ in range(n)]
    if _use_numpy(backend, n):
        return _neighbours_numpy(corpus, k, groups, min_score)
    return _neighbours_python(corpus, k, groups, min_score)


def _neighbours_python(
    corpus: Corpus, k: int, groups: Sequence[int], min_score: float
) -> list[Found]:
    dims = range(len(corpus.dimensions))
    rows = [corpus.rows(d) for d in dims]
    postings = [_postings(r) for r in rows]
    weights = corpus.weights
    out: list[Found] = []
    for i in range(len(corpus)):
        # One inverted-index pass per dimension gives every partner's per-dimension scores.
        accs = [_accumulate(rows[d][i], postings[d]) for d in dims]
        own = groups[i]
        ranked: list[tuple[float, int]] = []
        for j in set().union(*accs):
            if groups[j] == own:
                continue
            r = round(sum(w * a.get(j, 0.0) for w, a in zip(weights, accs, strict=True)), DECIMALS)
            if r > 0 and r >= min_score:
                ranked.append((-r, j))
        out.append([(j, tuple(a.get(j, 0.0) for a in accs)) for _, j in heapq.nsmallest(k, ranked)])
    return out


class _Blocks:
    """One dimension ready for products of blocks of rows with all rows: the columns many
    documents hold as a small dense matrix (BLAS), the rest sparse."""

    def __init__(self, matrix: Any) -> None:
        numpy, _ = _modules()
        n, width = matrix.shape
        df = numpy.bincount(matrix.indices, minlength=width)
        budget = _DENSE_BUDGET // (8 * max(n, 1))
        common_count = min(budget, int(numpy.count_nonzero(df > n // _DENSE_SHARE)))
        order = numpy.argsort(-df, kind="stable")
        common = numpy.sort(order[:common_count])
        rare = numpy.sort(order[common_count:])
        self.dense = matrix[:, common].toarray() if len(common) else None
        self.sparse = matrix[:, rare].tocsr() if len(rare) else None
        self.sparse_t = self.sparse.T.tocsr() if self.sparse is not None else None
        self.n = n

    def block(self, start: int, stop: int) -> Any:
        numpy, _ = _modules()
        scores = numpy.zeros((stop - start, self.n))
        if self.dense is not None:
            scores += self.dense[start:stop] @ self.dense.T
        if self.sparse is not None:
            scores += (self.sparse[start:stop] @ self.sparse_t).toarray()
        return scores


def _neighbours_numpy(
    corpus: Corpus, k: int, groups: Sequence[int], min_score: float
) -> list[Found]:
    numpy, _ = _modules()
    n = len(corpus)
    dims = [_Blocks(corpus.matrix(d)) for d in range(len(corpus.dimensions))]
    group = numpy.asarray(groups)
    keep = min(k, n)
    block = max(1, _BLOCK_CELLS // (n * (len(dims) + 1)))
    out: list[Found] = []
    for start in range(0, n, block):
        stop = min(n, start + block)
        parts = [d.block(start, stop) for d in dims]
        scores = numpy.zeros((stop - start, n))
        for weight, part in zip(corpus.weights, parts, strict=True):
            scores += weight * part
        scores = numpy.round(scores, DECIMALS)
        invalid = (group[start:stop, None] == group[None, :]) | (scores <= 0) | (scores < min_score)
        scores[invalid] = -1.0
        kth = -numpy.partition(-scores, keep - 1, axis=1)[:, keep - 1]
        for r in range(stop - start):
            line = scores[r]
            # Every score tied with the k-th best is a candidate; the index breaks the tie.
            chosen = numpy.flatnonzero(line >= kth[r] if kth[r] > 0 else line > 0)
            chosen = chosen[numpy.lexsort((chosen, -line[chosen]))[:k]]
            by_dim = numpy.stack([part[r, chosen] for part in parts], axis=1).tolist()
            out.append([(j, tuple(s)) for j, s in zip(chosen.tolist(), by_dim, strict=True)])
    return out


# --- mutual best pairs within blocks ------------------------------------------------------------

Pair = tuple[int, int, tuple[float, ...]]


def mutual_best(
    corpus: Corpus,
    blocks: Sequence[tuple[Sequence[int], Sequence[int]]],
    k: int,
    *,
    min_score: float = 0.0,
    backend: Backend = "auto",
) -> list[Pair]:
    """Within each block (documents ``a`` against documents ``b``), the pairs where each is
    among the other's ``k`` best in the block, with a combined score (rounded to
    :data:`DECIMALS`) above 0 and at least ``min_score``; with their per-dimension scores.

    Only the blocks are ever scored, so comparing each municipality's goals with those of a
    few others costs the size of the blocks, not the square of all goals.
    """
    if k <= 0:
        return []
    cells = sum(len(a) * len(b) for a, b in blocks)
    if _use_numpy(backend, math.isqrt(cells)):
        return _mutual_numpy(corpus, blocks, k, min_score)
    rows = [corpus.rows(d) for d in range(len(corpus.dimensions))]
    found: list[Pair] = []
    for a, b in blocks:
        parts = [[[_dot(r[i], r[j]) for j in b] for i in a] for r in rows]
        scores = [
            [
                round(combine([p[x][y] for p in parts], corpus.weights), DECIMALS)
                for y in range(len(b))
            ]
            for x in range(len(a))
        ]
        found += [
            (a[x], b[y], tuple(p[x][y] for p in parts)) for x, y in _mutual(scores, k, min_score)
        ]
    return found


def _mutual(scores: Sequence[Sequence[float]], k: int, min_score: float) -> list[tuple[int, int]]:
    """The cells (row, column) of one block's rounded scores where each is among the other's
    ``k`` best, row by row; ties go to the lower index."""

    def best(line: Sequence[float]) -> set[int]:
        ranked = sorted((-s, at) for at, s in enumerate(line) if s > 0 and s >= min_score)
        return {at for _, at in ranked[:k]}

    by_row = [best(line) for line in scores]
    by_column = [best(column) for column in zip(*scores, strict=True)] if scores else []
    return [(x, y) for x, ys in enumerate(by_row) for y in sorted(ys) if x in by_column[y]]


_BATCH_ROWS, _BATCH_COLUMNS = 32, 512  # measured best: fewer products, little waste


def _mutual_numpy(
    corpus: Corpus, blocks: Sequence[tuple[Sequence[int], Sequence[int]]], k: int, min_score: float
) -> list[Pair]:
    # Blocks that share their rows (one municipality against several) form a group; groups are
    # scored in batches, one sparse product per dimension for many municipalities at once.
    together: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for at, (a, b) in enumerate(blocks):
        if a and b:
            together[tuple(a)].append(at)
    found: list[list[Pair]] = [[] for _ in blocks]  # kept in the order of the blocks
    batch: list[tuple[tuple[int, ...], list[int]]] = []
    rows = columns = 0
    for group in together.items():
        batch.append(group)
        rows += len(group[0])
        columns += sum(len(blocks[at][1]) for at in group[1])
        if rows >= _BATCH_ROWS or columns >= _BATCH_COLUMNS:
            _score_batch(corpus, blocks, batch, k, min_score, found)
            batch, rows, columns = [], 0, 0
    if batch:
        _score_batch(corpus, blocks, batch, k, min_score, found)
    return [pair for block in found for pair in block]


def _score_batch(
    corpus: Corpus,
    blocks: Sequence[tuple[Sequence[int], Sequence[int]]],
    batch: Sequence[tuple[tuple[int, ...], list[int]]],
    k: int,
    min_score: float,
    found: list[list[Pair]],
) -> None:
    numpy, _ = _modules()
    row_ids = [i for a, _ in batch for i in a]
    column_ids = sorted({j for _, members in batch for at in members for j in blocks[at][1]})
    position = {j: p for p, j in enumerate(column_ids)}
    parts = [
        (corpus.matrix(d)[row_ids] @ corpus.matrix(d)[column_ids].T).toarray()
        for d in range(len(corpus.dimensions))
    ]
    total = numpy.zeros_like(parts[0])
    for weight, part in zip(corpus.weights, parts, strict=True):
        total += weight * part
    total = numpy.round(total, DECIMALS)
    first = 0
    for a, members in batch:
        here = numpy.arange(first, first + len(a))
        first += len(a)
        picked = numpy.asarray([position[j] for at in members for j in blocks[at][1]])
        combined = total[here[:, None], picked[None, :]]
        widths = [len(blocks[at][1]) for at in members]
        for x, col, block, y in _mutual_cells(combined, widths, k, min_score):
            at = members[block]
            scores = tuple(float(p[first - len(a) + x, picked[col]]) for p in parts)
            found[at].append((a[x], blocks[at][1][y], scores))


def _mutual_cells(
    combined: Any, widths: Sequence[int], k: int, min_score: float
) -> list[tuple[int, int, int, int]]:
    """The mutual best cells of blocks side by side (one row set against several column
    sets, ``widths`` wide), as (row, column, block, column within block), block by block,
    row by row: the same cells as :func:`_mutual` on each block."""
    numpy, _ = _modules()
    combined = numpy.where((combined <= 0) | (combined < min_score), -1.0, combined)
    block_of = numpy.repeat(numpy.arange(len(widths)), widths)
    starts = numpy.concatenate(([0], numpy.cumsum(widths)[:-1])).astype(int)
    # Best first within each block of a row: by block, then score down, then index (stable).
    order = numpy.argsort(block_of * 4.0 + (1.0 - combined), axis=1, kind="stable")
    rank = numpy.empty_like(order)
    numpy.put_along_axis(rank, order, numpy.arange(combined.shape[1])[None, :], axis=1)
    by_row = (rank - starts[block_of][None, :]) < k
    by_column = numpy.zeros_like(by_row)
    tops = numpy.argsort(-combined, axis=0, kind="stable")[:k]
    numpy.put_along_axis(by_column, tops, True, axis=0)
    xs, cols = numpy.nonzero(by_row & by_column & (combined > 0))
    picks = numpy.lexsort((cols, xs, block_of[cols]))
    return [
        (x, col, int(block_of[col]), col - int(starts[block_of[col]]))
        for x, col in zip(xs[picks].tolist(), cols[picks].tolist(), strict=True)
    ]
