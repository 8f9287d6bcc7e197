"""munintl._blas_threads: small dense products run on one BLAS thread, large ones as set."""

from __future__ import annotations

from typing import Any

import pytest

from munintl import _blas_threads
from munintl._blas_threads import SMALL_PRODUCT, blas_threads_for

threadpoolctl = pytest.importorskip("threadpoolctl")
numpy = pytest.importorskip("numpy")  # loads numpy's BLAS, which threadpoolctl then finds


def _blas_threads_now() -> list[int]:
    libraries = threadpoolctl.threadpool_info()
    return [lib["num_threads"] for lib in libraries if lib["user_api"] == "blas"]


@pytest.fixture
def two_threads() -> Any:
    """BLAS set to two threads for the test (the machine may have set it to one)."""
    with threadpoolctl.threadpool_limits(limits=2, user_api="blas"):
        if set(_blas_threads_now()) != {2}:
            pytest.skip("this BLAS cannot be set to two threads")
        yield


@pytest.mark.usefixtures("two_threads")
def test_a_small_product_runs_on_one_thread_and_the_setting_comes_back() -> None:
    with blas_threads_for(357 * 301 * 357):
        assert set(_blas_threads_now()) == {1}
        product = numpy.ones((357, 301), dtype=numpy.float32) @ numpy.ones((301, 357))
    assert product[0, 0] == 301
    assert set(_blas_threads_now()) == {2}


@pytest.mark.usefixtures("two_threads")
def test_a_large_product_keeps_the_threads_blas_is_set_to() -> None:
    with blas_threads_for(SMALL_PRODUCT):
        assert set(_blas_threads_now()) == {2}


def test_without_threadpoolctl_blas_runs_as_set(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_threadpoolctl(name: str) -> Any:
        raise ImportError(name)

    _blas_threads._controller.cache_clear()
    monkeypatch.setattr(_blas_threads, "import_module", no_threadpoolctl)
    try:
        before = _blas_threads_now()
        with blas_threads_for(1):
            assert _blas_threads_now() == before
    finally:
        _blas_threads._controller.cache_clear()


def test_the_overlap_engine_asks_for_its_dense_products_work_in_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from munintl.overlap import engine
    from munintl.overlap.engine import Corpus, NumpyEngine

    asked: list[float] = []

    def spy(multiply_adds: float) -> Any:
        asked.append(multiply_adds)
        return blas_threads_for(multiply_adds)

    monkeypatch.setattr(engine, "blas_threads_for", spy)
    docs = [{"x": {"a": 1.0, "b": float(i % 3)}} for i in range(40)]  # a and b: common columns
    NumpyEngine().neighbours(Corpus(docs, ("x",), (1.0,)), 3, list(range(40)))
    assert asked and set(asked) == {40 * 40 * 2}  # rows x rows x dense columns, every block


@pytest.mark.usefixtures("two_threads")
def test_another_thread_leaves_blas_as_set() -> None:
    # A red-team's find: two threads' blocks overlapping left BLAS on one thread (the setting
    # is the process's), so only the main thread limits it.
    import threading

    seen: list[set[int]] = []

    def other() -> None:
        with blas_threads_for(1):
            seen.append(set(_blas_threads_now()))

    thread = threading.Thread(target=other)
    thread.start()
    thread.join(20)
    assert seen == [{2}]
    assert set(_blas_threads_now()) == {2}
