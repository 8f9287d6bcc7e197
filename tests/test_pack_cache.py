"""The pack cache under threads: every caller gets the same object, and a pack loads once."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import munintl.packs
from munintl.errors import PackDataError, PackNotFoundError
from munintl.model import Pack

THREADS = 8
BUNDLED = ["bergen", "hamar", "oslo"]


@pytest.fixture
def counted_loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Count calls of the internal loader, slowed down so that threads really overlap."""
    calls: Counter[str] = Counter()
    real = munintl.packs._load_installed

    def slow_load(name: str) -> Pack:
        calls[name] += 1
        time.sleep(0.05)
        return real(name)

    monkeypatch.setattr(munintl.packs, "_load_installed", slow_load)
    yield calls


def together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads that all start at the same moment; results (or exceptions)
    in call order."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        barrier.wait()
        try:
            return call()
        except Exception as exc:
            return exc

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_concurrent_loads_of_one_pack_load_once_and_share_the_object(
    counted_loads: Counter[str],
) -> None:
    results = together([lambda: munintl.packs.load_pack("bergen")] * THREADS)
    assert all(isinstance(r, Pack) for r in results)
    assert all(r is results[0] for r in results)
    assert Counter({"bergen": 1}) == counted_loads
    assert results[0] is munintl.packs.load_pack("bergen")


def test_concurrent_loads_of_several_packs_load_each_once(counted_loads: Counter[str]) -> None:
    names = BUNDLED * THREADS
    results = together([lambda n=n: munintl.packs.load_pack(n) for n in names])
    assert [r.name for r in results] == names
    for name in BUNDLED:
        loaded = {id(r) for r in results if r.name == name}
        assert len(loaded) == 1
    assert Counter(dict.fromkeys(BUNDLED, 1)) == counted_loads


def test_a_broken_pack_fails_once_and_every_thread_sees_an_equal_fresh_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: Counter[str] = Counter()

    def broken(name: str) -> Pack:
        calls[name] += 1
        time.sleep(0.05)
        raise PackDataError("broken on purpose", pack=name, file="goals.toml", line=3)

    monkeypatch.setattr(munintl.packs, "_load_installed", broken)
    results = together([lambda: munintl.packs.load_pack("bergen")] * THREADS)
    assert all(isinstance(r, PackDataError) for r in results)
    # Equal errors, each a fresh object: re-raising one cached instance grew its traceback.
    assert len({id(r) for r in results}) == len(results)
    assert {str(r) for r in results} == {"bergen: goals.toml:3: broken on purpose"}
    assert {r.problems for r in results} == {results[0].problems}
    assert Counter({"bergen": 1}) == calls


def test_a_cached_error_does_not_grow_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(name: str) -> Pack:
        raise PackDataError("broken on purpose", pack=name)

    monkeypatch.setattr(munintl.packs, "_load_installed", broken)
    munintl.packs.clear_cache()
    depths = []
    for _ in range(3):
        try:
            munintl.packs.load_pack("bergen")
        except PackDataError as exc:
            depth, tb = 0, exc.__traceback__
            while tb is not None:
                depth, tb = depth + 1, tb.tb_next
            depths.append(depth)
    munintl.packs.clear_cache()
    assert depths[0] == depths[1] == depths[2]


def test_an_unknown_name_is_not_cached(counted_loads: Counter[str]) -> None:
    """Installing a pack later and asking again must work after clear_cache, and asking for a
    name that is not installed costs nothing to remember."""
    results = together([lambda: munintl.packs.load_pack("atlantis")] * 4)
    assert all(isinstance(r, PackNotFoundError) for r in results)
    assert "atlantis" not in munintl.packs._cache


def test_clear_cache_makes_the_next_load_read_again(counted_loads: Counter[str]) -> None:
    first = munintl.packs.load_pack("oslo")
    assert first is munintl.packs.load_pack("oslo")
    munintl.packs.clear_cache()
    second = munintl.packs.load_pack("oslo")
    assert first is not second
    assert first == second
    assert Counter({"oslo": 2}) == counted_loads


def test_discovery_and_clearing_from_many_threads_never_fail() -> None:
    def listing() -> list[str]:
        return munintl.packs.available_packs()

    def clearing() -> None:
        munintl.packs.clear_cache()

    def infos() -> list[str]:
        return [info.name for info in munintl.packs.installed_packs() if info.ok]

    calls: list[Callable[[], Any]] = [listing, clearing, infos] * 4
    results = together(calls)
    assert not [r for r in results if isinstance(r, Exception)]
    for call, result in zip(calls, results, strict=True):
        if call is listing or call is infos:
            assert result == BUNDLED


def test_load_packs_from_threads_agree_with_load_pack() -> None:
    results = together([lambda: munintl.packs.load_packs(BUNDLED)] * THREADS)
    for packs in results:
        assert [munintl.packs.load_pack(n) for n in BUNDLED] == packs
        assert all(p is munintl.packs.load_pack(p.name) for p in packs)
