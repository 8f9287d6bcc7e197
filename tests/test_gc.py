"""The garbage-collector rules of munintl._gc: pause, adopt young objects as old, and still
free every unreachable cycle (the adopted ones in a full collection munintl starts itself)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

import munintl
from munintl import _gc
from munintl._gc import adopt_young_as_old, cyclic_gc_paused

needs_adoption = pytest.mark.skipif(not _gc.ADOPTS, reason="this Python does not adopt")


class Node:
    """An object that can sit in a reference cycle and be watched with a weak reference."""

    def __init__(self) -> None:
        self.other: Node | None = None


def cycle() -> weakref.ref[Node]:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


@pytest.fixture
def collector() -> Iterator[None]:
    """A known collector state: enabled, nothing frozen, munintl's counters reset."""
    was = gc.isenabled()
    gc.collect()
    gc.enable()
    saved = _gc._adopted, _gc._allowance
    _gc._adopted, _gc._allowance = 0, _gc.ADOPTED_BEFORE_FULL
    yield
    _gc._adopted, _gc._allowance = saved
    if gc.get_freeze_count():
        gc.unfreeze()
    if not was:
        gc.disable()


def test_the_pause_restores_the_collector_state(collector: None) -> None:
    with cyclic_gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with cyclic_gc_paused():
        pass
    assert not gc.isenabled()  # a caller who turned it off keeps it off


def test_the_pause_restores_the_state_when_the_body_raises(collector: None) -> None:
    with pytest.raises(KeyError), cyclic_gc_paused():
        raise KeyError("x")
    assert gc.isenabled()


@needs_adoption
def test_young_objects_made_in_a_pause_are_old_after_it(collector: None) -> None:
    with cyclic_gc_paused():
        made = [[index] for index in range(5_000)]
        assert gc.get_count()[0] >= 5_000
    assert gc.get_count()[0] < 100
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in made)
    assert _gc._adopted >= 5_000


@needs_adoption
def test_an_adopted_cycle_is_freed_by_the_next_full_collection(collector: None) -> None:
    with cyclic_gc_paused():
        watched = cycle()
    gc.collect(0)
    assert watched() is not None  # old now: a young collection does not walk it
    gc.collect()
    assert watched() is None


@needs_adoption
def test_munintl_starts_a_full_collection_once_it_adopted_enough(
    collector: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_gc, "_allowance", 1_000)
    with cyclic_gc_paused():
        watched = cycle()
        keep = [[index] for index in range(2_000)]
    assert watched() is None  # collected: 2,000 adopted objects exceed the allowance of 1,000
    assert _gc._adopted == 0
    assert _gc._allowance >= _gc.ADOPTED_BEFORE_FULL
    assert len(keep) == 2_000


@needs_adoption
def test_nothing_is_adopted_or_collected_while_the_caller_has_the_collector_off(
    collector: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_gc, "_allowance", 10)
    gc.disable()
    dropped = cycle()
    with cyclic_gc_paused():
        watched = cycle()
        keep = [[index] for index in range(100)]
    assert watched() is not None and dropped() is not None
    assert _gc._adopted == 0
    assert gc.get_count()[0] >= 100  # still young: the caller's own collections will walk them
    assert len(keep) == 100
    gc.enable()


@needs_adoption
def test_a_cycle_the_caller_dropped_before_the_call_is_freed_not_adopted(collector: None) -> None:
    # Found by a red-team run: a cycle dropped just before a munintl call was adopted with
    # munintl's objects and lived until munintl's own full collection, 660 calls later.
    heap = [[] for _ in range(50_000)]
    gc.collect()
    dropped = cycle()
    with cyclic_gc_paused():
        assert dropped() is None  # collected as the pause began
        made = [[index] for index in range(1_000)]
    assert dropped() is None and len(made) == 1_000 and heap


@needs_adoption
def test_objects_the_process_froze_stay_frozen(collector: None) -> None:
    frozen_before = [[index] for index in range(100)]
    gc.freeze()
    count = gc.get_freeze_count()
    with cyclic_gc_paused():
        made = [[index] for index in range(100)]
    assert gc.get_freeze_count() == count
    assert adopt_young_as_old() == 0
    assert frozen_before and made


def test_adoption_is_off_where_freezing_is_not_constant_time() -> None:
    import sys
    import sysconfig

    if sys.version_info >= (3, 14) or sysconfig.get_config_var("Py_GIL_DISABLED"):
        assert not _gc.ADOPTS
    else:
        expected = sys.implementation.name == "cpython"
        assert expected is _gc.ADOPTS


def test_the_goal_network_keeps_no_pack_alive_after_it_returns(collector: None) -> None:
    # A reference cycle through the pack (bound methods kept on a helper) made every pack
    # outlive goal_network until a full collection.
    gc.disable()
    packs = munintl.load_packs(["oslo", "hamar"])
    watched = [weakref.ref(p) for p in packs]
    munintl.goal_network(*packs)
    del packs
    munintl.packs.clear_cache()
    assert [w() for w in watched] == [None, None]


def test_munintls_bulk_calls_leave_no_cyclic_garbage(collector: None) -> None:
    # What munintl adopts is freed by reference counting when dropped; a cycle among it would
    # wait for the next full collection (see munintl._gc), so none may be made.
    packs = munintl.load_packs(["bergen", "oslo", "hamar"])
    calls = {
        "goal_network": lambda: munintl.goal_network(*packs),
        "check": lambda: munintl.check(*packs),
        "similarity_matrix": lambda: munintl.similarity_matrix(packs),
        "overlap": lambda: munintl.overlap(*packs),
        "sdg_coverage": lambda: munintl.sdg_coverage(*packs),
    }
    for name, call in calls.items():
        call()  # first-use caches
        gc.collect()
        gc.disable()
        try:
            call()
            assert gc.collect() == 0, name
        finally:
            gc.enable()


def test_loading_a_pack_folder_leaves_no_cyclic_garbage(collector: None) -> None:
    from importlib.resources import files

    folder = str(files("munintl_pack_hamar"))
    munintl.load_pack_dir(folder)
    gc.collect()
    gc.disable()
    try:
        munintl.load_pack_dir(folder)
        assert gc.collect() == 0
    finally:
        gc.enable()


@needs_adoption
def test_the_next_allowance_is_a_multiple_of_the_heap(
    collector: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_gc, "_allowance", 10)
    monkeypatch.setattr(_gc, "ADOPTED_BEFORE_FULL", 10)
    with cyclic_gc_paused():
        keep = [[index] for index in range(100)]
    assert _gc._adopted == 0  # a full collection ran
    alive = len(gc.get_objects())
    assert 0.9 * _gc.HEAP_MULTIPLE * alive <= _gc._allowance <= 1.1 * _gc.HEAP_MULTIPLE * alive
    assert len(keep) == 100
