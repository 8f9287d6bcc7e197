"""The engines: TF-IDF weighting, full matrices, top-k neighbours and blocks of scores.

Each document (a municipality, a goal) is described once, per dimension, as a sparse unit
vector (a dict from feature id to weight). Two engines compute the same results; one is
chosen once per analysis (:func:`choose_engine`) and passed on as an object:

- pure Python: an inverted index (feature -> documents holding it), so only pairs that share
  a feature are ever touched. Its cost is the sum over features of (documents holding it)²,
  which grows quadratically for features nearly everyone holds (SDG 17);
- numpy/scipy (the ``fast`` extra): rows in blocks. In each dimension the columns held by
  many documents form a small dense matrix multiplied with BLAS (a common feature is a
  low-rank term: one everybody holds is rank one), the rest a sparse product. Memory stays
  bounded by the block size, so 10,000 municipalities never need a 10,000² matrix. For
  top-k neighbours all dimensions side by side make one float32 product that only picks
  candidates, scored exactly afterwards (see :func:`_neighbours_numpy`).

Both engines rank on scores rounded to :data:`DECIMALS` places and break ties by the lower
index, so they select the same neighbours; their scores agree to float precision.

>>> c = Corpus([{"x": {"a": 1}}, {"x": {"a": 1, "b": 1}}, {"x": {"c": 1}}], ("x",), (1.0,))
>>> round(c.score(0, 1), 4), c.score(0, 0), c.score(0, 2)
(0.6053, 1.0, 0.0)
>>> [[j for j, _ in found] for found in PYTHON.neighbours(c, k=2, groups=[0, 1, 2])]
[[1], [0], []]
"""

from __future__ import annotations

import heapq
import itertools
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from importlib import import_module
from typing import Any, Protocol

import attrs

from munintl._blas_threads import blas_threads_for
from munintl.errors import MissingExtraError

__all__ = [
    "DECIMALS",
    "PYTHON",
    "Corpus",
    "Engine",
    "NumpyEngine",
    "PythonEngine",
    "choose_engine",
    "combine",
    "fast_available",
    "gram",
    "idf",
]

DECIMALS = 9
"""Scores are ranked rounded to this many decimals, so float noise never decides a rank."""

AUTO_NUMPY_ROWS = 256
"""From this many documents on, :func:`choose_engine` takes numpy when it is installed
(below it, importing numpy costs more than it saves)."""

_BLOCK_CELLS = 6_000_000  # float32 scores held at once per block of rows (24 MB)
_DENSE_BUDGET = 256 * 1024 * 1024  # bytes for a dense matrix of common columns (8 per cell)
_DENSE_SHARE = 32  # a column is "common" when more than 1/32 of the rows hold it
_PAIR_SHARE = 4  # the same for the exact scores of chosen pairs (each gathers whole rows)
_FLOAT32_SAFE = 1e30  # weights up to this keep the float32 approximation finite

Row = dict[int, float]


def idf(document_frequency: int, documents: int) -> float:
    """Smoothed inverse document frequency: ``1 + ln((1 + N) / (1 + df))``.

    A feature every document holds still weighs 1 (never 0), so a document compared with
    itself scores 1 and two identical documents are identical whatever the corpus.

    Parameters
    ----------
    document_frequency : int
        How many documents hold the feature (``df``, 0..N).
    documents : int
        How many documents the corpus has (``N``).

    Returns
    -------
    float
        The weight, at least 1 when ``df <= N``.

    Examples
    --------
    >>> idf(3, 3), round(idf(1, 3), 4)
    (1.0, 1.6931)
    """
    return 1.0 + math.log((1 + documents) / (1 + document_frequency))


class _Dimension:
    """One dimension's documents, stored once and compactly: the feature ids and term
    frequencies of all documents end to end (``starts[i]`` is where document ``i`` begins),
    and each feature's IDF over the documents."""

    def __init__(self, docs: Sequence[Mapping[str, float]]) -> None:
        # A feature's id is the number of features seen before it: looking a new one up
        # numbers it (all in C, where a loop over every feature of every document was not).
        ids: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        feature_ids: list[int] = []  # lists first: an array grows slower, item by item
        tfs: list[float] = []
        starts = [0]
        for doc in docs:
            feature_ids += map(ids.__getitem__, doc)
            tfs += doc.values()
            starts.append(len(feature_ids))
        self.ids = array("q", feature_ids)
        self.tfs = array("d", tfs)
        self.starts = array("q", starts)
        self.width = len(ids)
        df = Counter(feature_ids)  # each document holds a feature once
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
        data[~(data > 0)] = 0.0  # as the pure engine: a weight not above 0 (or NaN) counts 0
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
    """The combined score: the weighted sum of per-dimension scores.

    Parameters
    ----------
    scores : sequence of float
        One score per dimension, each 0..1.
    weights : sequence of float
        One weight per dimension, in the same order (they usually sum to 1).

    Returns
    -------
    float
        The weighted sum, 0..1 when the weights sum to 1.

    Raises
    ------
    ValueError
        If `scores` and `weights` differ in length.

    Examples
    --------
    >>> combine([1.0, 0.5], [0.25, 0.75])
    0.625
    """
    return sum(w * s for w, s in zip(weights, scores, strict=True))


def _dot(a: Mapping[int, float], b: Mapping[int, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(v * b[f] for f, v in a.items() if f in b)


def fast_available() -> bool:
    """Whether numpy and scipy (the ``fast`` extra) can be imported.

    Returns
    -------
    bool
        True when both import.

    Examples
    --------
    >>> isinstance(fast_available(), bool)
    True
    """
    try:
        _modules()
    except ImportError:
        return False
    return True


def _modules() -> tuple[Any, Any]:
    """numpy and scipy.sparse, imported only when the fast engine runs (typed loosely: scipy
    ships no type information of its own)."""
    return import_module("numpy"), import_module("scipy.sparse")


# --- full matrices ------------------------------------------------------------------------------


Matrix = tuple[tuple[float, ...], ...]


def _full_python(corpus: Corpus) -> tuple[Matrix, list[Matrix]]:
    grams = [gram(corpus, d) for d in range(len(corpus.dimensions))]
    n = len(corpus)
    combined = tuple(
        tuple(round(combine([g[i][j] for g in grams], corpus.weights), DECIMALS) for j in range(n))
        for i in range(n)
    )
    return combined, [tuple(tuple(round(x, DECIMALS) for x in row) for row in g) for g in grams]


def _full_numpy(corpus: Corpus) -> tuple[Matrix, list[Matrix]]:
    numpy, _ = _modules()
    grams = [
        (corpus.matrix(d) @ corpus.matrix(d).T).toarray() for d in range(len(corpus.dimensions))
    ]
    total = numpy.zeros((len(corpus), len(corpus)))
    for weight, g in zip(corpus.weights, grams, strict=True):
        total += weight * g
    return _tuples(numpy.round(total, DECIMALS)), [_tuples(numpy.round(g, DECIMALS)) for g in grams]


def _tuples(array: Any) -> Matrix:
    return tuple(map(tuple, array.tolist()))


def gram(corpus: Corpus, d: int) -> list[list[float]]:
    """Every pairwise cosine in dimension ``d``, by the inverted index (diagonal included).

    Parameters
    ----------
    corpus : Corpus
        The documents, ``n`` of them.
    d : int
        The dimension's index in ``corpus.dimensions``.

    Returns
    -------
    list of list of float
        An ``n`` x ``n`` matrix of cosines, each 0..1.

    Examples
    --------
    >>> c = Corpus([{"x": {"a": 1}}, {"x": {"a": 1}}, {"x": {"b": 1}}], ("x",), (1.0,))
    >>> [[round(s, 4) for s in row] for row in gram(c, 0)]
    [[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    """
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


def _split(matrix: Any, share: int) -> tuple[Any, Any]:
    """The columns more than 1/``share`` of the rows of ``matrix`` hold (as many as the
    dense budget allows) and the rest, each in order."""
    numpy, _ = _modules()
    n, width = matrix.shape
    df = numpy.bincount(matrix.indices, minlength=width)
    budget = _DENSE_BUDGET // (8 * max(n, 1))
    common_count = min(budget, int(numpy.count_nonzero(df > n // share)))
    order = numpy.argsort(-df, kind="stable")
    return numpy.sort(order[:common_count]), numpy.sort(order[common_count:])


class _Blocks:
    """All weighted dimensions side by side, ready for products of blocks of rows with all
    rows in float32: the columns many documents hold as a small dense matrix (BLAS), the
    rest sparse. The left side is scaled by each column's dimension weight, so one product
    gives the combined score, approximately (see :func:`_neighbours_numpy`)."""

    def __init__(self, matrix: Any, scale: Any) -> None:
        numpy, sp = _modules()
        common, rare = _split(matrix, _DENSE_SHARE)
        dense = matrix[:, common].toarray()  # no columns at all gives products of zeros
        self.dense = dense.astype(numpy.float32)
        self.dense_left = (dense * scale[common]).astype(numpy.float32)
        self.sparse_left: Any = None
        self.sparse_t: Any = None
        self.work = dense.shape[0] * dense.shape[0] * dense.shape[1]  # multiply-adds, all blocks
        if len(rare):
            sparse = matrix[:, rare].tocsr()
            self.sparse_left = (sparse @ sp.diags(scale[rare])).astype(numpy.float32).tocsr()
            self.sparse_t = sparse.T.astype(numpy.float32).tocsr()

    def block(self, start: int, stop: int) -> Any:
        with blas_threads_for(self.work):
            scores = self.dense_left[start:stop] @ self.dense.T
        if self.sparse_t is not None:
            scores += (self.sparse_left[start:stop] @ self.sparse_t).toarray()
        return scores


def _neighbours_numpy(
    corpus: Corpus, k: int, groups: Sequence[int], min_score: float
) -> list[Found]:
    # The combined score is one dot product of all weighted dimensions side by side, so one
    # float32 product per block of rows approximates every score at once. It only picks
    # candidates; they are scored exactly and ranked as the pure engine does. The margin:
    # an approximation `a` and the rounded exact score `r` differ by at most `slack`, that
    # is 5e-10 (rounding to 9 decimals) + gamma(p + 4) * sum |w| (float32's error: at most
    # p terms other than 0, p the most features a row holds, each a product of parts of
    # unit vectors, rounded twice on the way in and once more on adding the dense and
    # sparse halves; gamma(m) = m u / (1 - m u)) + 1e-12 (float64's own error).
    # If the k best approximations A_1..A_k of a row are all valid (r > 0, r >= min_score),
    # the k-th best r is at least A_k - slack, so a pair with a < A_k - 2 * slack cannot
    # rank (even tied); if one is not valid, A_k < max(min_score, 0) + slack, and every
    # valid pair has a >= max(min_score, 0) - slack. Either way every pair that can rank has
    # a >= max(A_k - 2 * slack, max(min_score, 0) - 2 * slack), and any lower bound on A_k
    # does (it only lets more candidates in).
    numpy, sp = _modules()
    n = len(corpus)
    weights = corpus.weights
    if not all(abs(w) <= _FLOAT32_SAFE for w in weights):  # NaN fails too
        return _neighbours_python(corpus, k, groups, min_score)  # float32 would overflow
    matrices = [corpus.matrix(d) for d in range(len(weights))]
    weighted = [d for d, w in enumerate(weights) if w != 0]
    if not weighted:
        return [[] for _ in range(n)]
    pairs = _Pairs(matrices)
    side = sp.hstack([matrices[d] for d in weighted], format="csr")
    scale = numpy.repeat([weights[d] for d in weighted], [matrices[d].shape[1] for d in weighted])
    approx = _Blocks(side, scale)
    p = int(numpy.diff(side.indptr).max(initial=0))
    u = 2.0**-24
    slack = 5e-10 + (p + 4) * u / (1 - (p + 4) * u) * sum(map(abs, weights)) + 1e-12
    floor = max(min_score, 0.0) - 2 * slack
    # With no negative weight, a pair that can rank shares a weighted feature, so its
    # approximation (a sum of terms >= 0, one far above float32's underflow) is above 0.
    positive = all(w >= 0 for w in weights)
    group = numpy.asarray(groups)
    block = max(1, _BLOCK_CELLS // n)
    out: list[Found] = []
    for start in range(0, n, block):
        stop = min(n, start + block)
        scores = approx.block(start, stop)
        numpy.copyto(scores, -numpy.inf, where=group[start:stop, None] == group[None, :])
        bound = numpy.maximum(_kth_bound(scores, k) - 2 * slack, floor)
        # float32 rounds to nearest: step down once so the bound never rises.
        bound = numpy.nextafter(bound.astype(numpy.float32), numpy.float32(-numpy.inf))
        if positive:  # and so above 0
            bound = numpy.maximum(bound, numpy.finfo(numpy.float32).smallest_subnormal)
        # flatnonzero: numpy's two-dimensional nonzero is ten times slower.
        rows, columns = numpy.divmod(numpy.flatnonzero(scores >= bound[:, None]), n)
        out += _select(pairs, weights, k, min_score, start, stop, rows + start, columns)
    return out


def _kth_bound(scores: Any, k: int) -> Any:
    """Per row, a lower bound on the k-th largest score: the k-th largest of the maxima of
    about 8k slices of columns (the k largest maxima are k distinct scores), far cheaper
    than partitioning whole rows; -inf when there are fewer than k slices."""
    numpy, _ = _modules()
    height, n = scores.shape
    size = max(1, n // (8 * k))
    whole = n // size * size
    peaks = scores[:, :whole].reshape(height, -1, size).max(axis=2)
    if whole < n:
        peaks = numpy.hstack([peaks, scores[:, whole:].max(axis=1, keepdims=True)])
    if peaks.shape[1] < k:
        return numpy.full(height, -numpy.inf)
    return numpy.partition(peaks, peaks.shape[1] - k, axis=1)[:, peaks.shape[1] - k]


class _Pairs:
    """Every dimension side by side in float64, for the exact cosines of chosen pairs: the
    columns many documents hold dense (gathering whole rows is cheap), the rest sparse."""

    def __init__(self, matrices: Sequence[Any]) -> None:
        numpy, sp = _modules()
        every = sp.hstack(matrices, format="csr")
        dim_of = numpy.repeat(numpy.arange(len(matrices)), [m.shape[1] for m in matrices])
        common, rare = _split(every, _PAIR_SHARE)
        self.dims = len(matrices)
        self.dense = every[:, common].toarray()
        # Columns stay in dimension order, so each dimension's common ones are one slice.
        self.present, self.starts = numpy.unique(dim_of[common], return_index=True)
        self.sparse = every[:, rare].tocsr()
        self.rare_dim = dim_of[rare]

    def cosines(self, i: Any, j: Any) -> Any:
        """Each pair ``(i[p], j[p])``'s cosine per dimension, a row per pair."""
        numpy, _ = _modules()
        out = numpy.zeros((len(i), self.dims))
        if len(self.present):
            products = self.dense[i] * self.dense[j]
            out[:, self.present] = numpy.add.reduceat(products, self.starts, axis=1)
        shared = self.sparse[i].multiply(self.sparse[j]).tocsr()  # the features both hold
        pair = numpy.repeat(numpy.arange(len(i)), numpy.diff(shared.indptr))
        cells = pair * self.dims + self.rare_dim[shared.indices]
        out += numpy.bincount(cells, weights=shared.data, minlength=out.size).reshape(out.shape)
        return out


def _select(
    pairs: _Pairs,
    weights: Sequence[float],
    k: int,
    min_score: float,
    start: int,
    stop: int,
    i: Any,
    j: Any,
) -> list[Found]:
    """Rows ``start:stop``'s neighbours among the candidate pairs ``(i, j)``, scored exactly
    and ranked as :func:`_neighbours_python` does."""
    numpy, _ = _modules()
    parts = pairs.cosines(i, j)
    total = numpy.zeros(len(i))
    for d, weight in enumerate(weights):
        total += weight * parts[:, d]
    total = numpy.round(total, DECIMALS)
    valid = numpy.flatnonzero((total > 0) & (total >= min_score))
    ranked = valid[numpy.lexsort((j[valid], -total[valid], i[valid]))]
    # Keep the first k of each row: a pair's rank is its place after its row's first pair.
    first = numpy.searchsorted(i[ranked], i[ranked], side="left")
    ranked = ranked[numpy.arange(len(ranked)) - first < k]
    counts = numpy.bincount(i[ranked] - start, minlength=stop - start).tolist()
    found = list(zip(j[ranked].tolist(), map(tuple, parts[ranked].tolist()), strict=True))
    out: list[Found] = []
    at = 0
    for count in counts:
        out.append(found[at : at + count])
        at += count
    return out


# --- blocks of scores ---------------------------------------------------------------------------

Block = tuple[Sequence[int], Sequence[int]]
"""Documents ``a`` against documents ``b`` (goals of one municipality against another's)."""
Weights = Sequence[Sequence[float]] | None
"""The weights of each block's combined score, or None for the corpus's weights."""


@attrs.frozen
class BlockScores:
    """One block's scores for ``a[x]`` against ``b[y]``: the combined score (rounded to
    :data:`DECIMALS`) of any cell, the cells from a threshold on, and each dimension's cosine
    of any cell on demand."""

    _combined: Any  # rows of rounded scores: lists (pure Python) or a numpy array
    _parts: Sequence[Any]
    cells: list[tuple[int, int, float]]
    """The cells ``(x, y, score)`` whose score is above 0 and at least the threshold asked
    for, row by row."""

    def score(self, x: int, y: int) -> float:
        """The combined score of cell ``(x, y)``."""
        return float(self._combined[x][y])

    def by_dimension(self, x: int, y: int) -> tuple[float, ...]:
        """The per-dimension cosines of cell ``(x, y)``, in the corpus's dimension order."""
        return tuple(float(part[x][y]) for part in self._parts)


def _blocks_python(
    corpus: Corpus, blocks: Sequence[Block], weights: Weights, at_least: float
) -> list[BlockScores]:
    rows = [corpus.rows(d) for d in range(len(corpus.dimensions))]
    out = []
    for at, (a, b) in enumerate(blocks):
        scale = corpus.weights if weights is None else weights[at]
        parts = [[[_dot(r[i], r[j]) for j in b] for i in a] for r in rows]
        combined = [
            [round(combine([p[x][y] for p in parts], scale), DECIMALS) for y in range(len(b))]
            for x in range(len(a))
        ]
        cells = [
            (x, y, s)
            for x, line in enumerate(combined)
            for y, s in enumerate(line)
            if s > 0 and s >= at_least
        ]
        out.append(BlockScores(combined, parts, cells))
    return out


_BATCH_CELLS = 100_000  # cells scored in one product per dimension (more only takes memory)


def _blocks_numpy(
    corpus: Corpus, blocks: Sequence[Block], weights: Weights, at_least: float
) -> list[BlockScores]:
    # Blocks are scored in batches of about _BATCH_CELLS cells, each batch with one sparse
    # product per dimension (scipy's overhead per product is what a product per block would
    # cost), which bounds the memory at any number of municipalities.
    out: list[BlockScores] = []
    batch: list[int] = []
    cells = 0
    for at, (a, b) in enumerate(blocks):
        batch.append(at)
        cells += len(a) * len(b)
        if cells >= _BATCH_CELLS:
            out += _score_batch(corpus, blocks, weights, at_least, batch)
            batch, cells = [], 0
    if batch:
        out += _score_batch(corpus, blocks, weights, at_least, batch)
    return out


class _Layout:
    """Where a batch's blocks lie. Consecutive blocks with the same rows (one municipality
    against several, as the pairs come) form a group whose rows are taken once; the cells
    lie block after block, each block row by row."""

    def __init__(self, blocks: Sequence[Block], batch: Sequence[int]) -> None:
        numpy, _ = _modules()
        shared: list[Sequence[int]] = []
        group_of = []
        for n, at in enumerate(batch):
            if n == 0 or blocks[at][0] != blocks[batch[n - 1]][0]:
                shared.append(blocks[at][0])
            group_of.append(len(shared) - 1)
        self.groups = len(shared)
        self.group_of = numpy.asarray(group_of, dtype=numpy.int64)
        group_heights = numpy.asarray([len(a) for a in shared], dtype=numpy.int64)
        self.rows = numpy.asarray([i for a in shared for i in a], dtype=numpy.int64)
        self.row_group = numpy.repeat(numpy.arange(self.groups), group_heights)
        self.group_starts = numpy.concatenate(([0], numpy.cumsum(group_heights)))
        self.heights = group_heights[self.group_of]
        self.widths = numpy.asarray([len(blocks[at][1]) for at in batch], dtype=numpy.int64)
        self.starts = numpy.concatenate(([0], numpy.cumsum(self.heights * self.widths)))
        self.columns = numpy.asarray([j for at in batch for j in blocks[at][1]], dtype=numpy.int64)
        self.column_block = numpy.repeat(numpy.arange(len(batch)), self.widths)
        self.column_starts = numpy.concatenate(([0], numpy.cumsum(self.widths)))
        self.cell_block = numpy.repeat(numpy.arange(len(batch)), self.heights * self.widths)

    def product(self, matrix: Any) -> Any:
        """Every block's cells of ``matrix @ matrix.T``, laid out flat (see :func:`_diagonal`)."""
        numpy, _ = _modules()
        flat = numpy.zeros(int(self.starts[-1]))
        if len(self.rows) and len(self.columns):
            column_group = self.group_of[self.column_block]
            found = _diagonal(matrix, (self.rows, self.row_group), (self.columns, column_group))
            i = numpy.repeat(numpy.arange(len(self.rows)), numpy.diff(found.indptr))
            k = self.column_block[found.indices]
            x = i - self.group_starts[self.group_of[k]]
            flat[self.starts[k] + x * self.widths[k] + found.indices - self.column_starts[k]] = (
                found.data
            )
        return flat


def _diagonal(matrix: Any, rows: tuple[Any, Any], columns: tuple[Any, Any]) -> Any:
    """The groups' products ``matrix[a] @ matrix[b].T`` in one sparse product, ``rows`` and
    ``columns`` being (document ids, group of each): each group's rows and columns get a copy
    of the feature space of their own, so the product is block-diagonal and no cell outside
    a group is ever computed. A cell is summed over the same features in the same order as
    in a product of its group alone, so it is the same float. Returns the product (CSR)."""
    numpy, sp = _modules()
    width = matrix.shape[1]
    count = int(max(rows[1].max(), columns[1].max())) + 1
    halves = []
    for ids, owner in (rows, columns):
        part = matrix[ids]
        shift = numpy.repeat(owner.astype(numpy.int64) * width, numpy.diff(part.indptr))
        halves.append(
            sp.csr_matrix(
                (part.data, part.indices.astype(numpy.int64) + shift, part.indptr),
                shape=(len(ids), width * count),
            )
        )
    return halves[0] @ halves[1].T


def _score_batch(
    corpus: Corpus,
    blocks: Sequence[Block],
    weights: Weights,
    at_least: float,
    batch: Sequence[int],
) -> list[BlockScores]:
    """A batch of blocks' scores (see :class:`_Layout`)."""
    numpy, _ = _modules()
    layout = _Layout(blocks, batch)
    scale = numpy.asarray(
        [corpus.weights if weights is None else weights[at] for at in batch], dtype=float
    ).reshape(len(batch), len(corpus.dimensions))
    total = numpy.zeros(int(layout.starts[-1]))
    parts = []
    for d in range(len(corpus.dimensions)):
        part = layout.product(corpus.matrix(d))
        total += scale[layout.cell_block, d] * part
        parts.append(part)
    total = numpy.round(total, DECIMALS)
    return _cut(total, parts, layout.starts, layout.heights, layout.widths, at_least)


def _cut(
    total: Any, parts: Sequence[Any], starts: Any, heights: Any, widths: Any, at_least: float
) -> list[BlockScores]:
    """A batch's flat scores cut into blocks, with each block's cells from a threshold on."""
    numpy, _ = _modules()
    at = numpy.flatnonzero((total > 0) & (total >= at_least))
    owner = numpy.searchsorted(starts, at, side="right") - 1
    x, y = numpy.divmod(at - starts[owner], widths[owner])
    found: list[list[tuple[int, int, float]]] = [[] for _ in heights]
    for k, xk, yk, value in zip(
        owner.tolist(), x.tolist(), y.tolist(), total[at].tolist(), strict=True
    ):
        found[k].append((xk, yk, value))
    out = []
    for k in range(len(heights)):
        start, stop = int(starts[k]), int(starts[k + 1])
        shape = (int(heights[k]), int(widths[k]))
        out.append(
            BlockScores(
                total[start:stop].reshape(shape),
                [p[start:stop].reshape(shape) for p in parts],
                found[k],
            )
        )
    return out


# --- the engines --------------------------------------------------------------------------------


class Engine(Protocol):
    """What an engine computes; both engines give the same results."""

    name: str

    def full_matrices(self, corpus: Corpus) -> tuple[Matrix, list[Matrix]]:
        """Every pairwise score: the combined matrix and one per dimension (diagonals
        included), rounded to :data:`DECIMALS`."""

    def neighbours(
        self, corpus: Corpus, k: int, groups: Sequence[int], min_score: float = 0.0
    ) -> list[Found]:
        """For each document, its ``k`` best partners with their per-dimension scores,
        best first: documents of another group (``groups[i]``) whose combined score, rounded
        to :data:`DECIMALS`, is above 0 and at least ``min_score``; ties to the lower index."""

    def block_scores(
        self,
        corpus: Corpus,
        blocks: Sequence[Block],
        weights: Weights = None,
        at_least: float = 0.0,
    ) -> list[BlockScores]:
        """The scores of each block, in the order given, combined with each block's
        ``weights`` (default: the corpus's), with the cells scoring above 0 and at least
        ``at_least``. Only the blocks are ever scored, so comparing each municipality's goals
        with a few others' costs the blocks' size."""


class PythonEngine:
    """The pure-Python engine: inverted indexes, so only pairs sharing a feature are touched."""

    name = "python"

    def full_matrices(self, corpus: Corpus) -> tuple[Matrix, list[Matrix]]:
        return _full_python(corpus)

    def neighbours(
        self, corpus: Corpus, k: int, groups: Sequence[int], min_score: float = 0.0
    ) -> list[Found]:
        if _no_neighbours(corpus, k, groups):
            return [[] for _ in range(len(corpus))]
        return _neighbours_python(corpus, k, groups, min_score)

    def block_scores(
        self,
        corpus: Corpus,
        blocks: Sequence[Block],
        weights: Weights = None,
        at_least: float = 0.0,
    ) -> list[BlockScores]:
        return _blocks_python(corpus, blocks, weights, at_least)


class NumpyEngine:
    """The numpy/scipy engine (the ``fast`` extra): rows in blocks, common columns dense."""

    name = "numpy"

    def __init__(self) -> None:
        if not fast_available():
            raise MissingExtraError(
                'the numpy engine needs numpy and scipy: python -m pip install "munintl[fast]"'
            )

    def full_matrices(self, corpus: Corpus) -> tuple[Matrix, list[Matrix]]:
        return _full_numpy(corpus)

    def neighbours(
        self, corpus: Corpus, k: int, groups: Sequence[int], min_score: float = 0.0
    ) -> list[Found]:
        if _no_neighbours(corpus, k, groups):
            return [[] for _ in range(len(corpus))]
        return _neighbours_numpy(corpus, k, groups, min_score)

    def block_scores(
        self,
        corpus: Corpus,
        blocks: Sequence[Block],
        weights: Weights = None,
        at_least: float = 0.0,
    ) -> list[BlockScores]:
        return _blocks_numpy(corpus, blocks, weights, at_least)


def _no_neighbours(corpus: Corpus, k: int, groups: Sequence[int]) -> bool:
    if len(groups) != len(corpus):
        raise ValueError("groups must give one group per document")
    return k <= 0 or len(corpus) == 0


PYTHON = PythonEngine()
"""The pure-Python engine (always available)."""


def choose_engine(engine: Engine | None, documents: int) -> Engine:
    """The engine to use: the one given, else numpy from :data:`AUTO_NUMPY_ROWS` documents
    on when the ``fast`` extra is installed, else :data:`PYTHON`.

    Parameters
    ----------
    engine : Engine or None
        An engine chosen by the caller, or None to choose one.
    documents : int
        How many documents will be compared.

    Returns
    -------
    Engine
        The engine to pass on.

    Examples
    --------
    >>> choose_engine(None, 3).name
    'python'
    """
    if engine is not None:
        return engine
    if documents >= AUTO_NUMPY_ROWS and fast_available():
        return NumpyEngine()
    return PYTHON
