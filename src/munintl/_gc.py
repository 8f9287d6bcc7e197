"""Pausing Python's cyclic garbage collector around bulk allocation, and adopting what was
allocated as old (one owner for both rules).

Why: loading 357 packs allocates about 210,000 objects the collector tracks (links, locators,
entities), and the goal network and the overlap as many again. CPython's collector walks
each new object when it is young, again when it is promoted, and again in every full
collection that its arrival triggers; at N = 357 that was 0.47 s of a 2.3 s pipeline, and it
found nothing to free (packs are acyclic and freed by reference counting).

So :class:`cyclic_gc_paused` first collects the young generations as usual (what the caller
made before the call: a walk of at most a few thousand objects), pauses the collector while
munintl allocates in bulk, and on leaving adopts what is young, which is then what munintl
made, as old: it moves every young object to the oldest generation without walking it
(``gc.freeze()`` then ``gc.unfreeze()``, which the standard library documents as putting the
frozen objects back into the oldest generation; both are constant time on CPython 3.11 to
3.13). munintl's bulk calls leave no cyclic garbage (``tests/test_gc.py``), so nothing the
collector could free is adopted. As a safety net, since CPython counts the objects it promotes
itself towards its next full collection but not these, munintl counts them and runs a full
collection itself once it has adopted :data:`HEAP_MULTIPLE` times as many objects as the
collector tracked after its last one (and at least :data:`ADOPTED_BEFORE_FULL`): a multiple of
the heap, where CPython's own rule (a quarter of it) walks every new object four times over;
at N = 10,000 one full collection walks some 8 million objects in 4 s.

Adoption is skipped where it would be wrong or slow: when the process has frozen objects
itself (``gc.freeze()`` before forking workers; unfreezing them would undo that), on Python
3.14 and later (whose incremental collector makes freezing linear in the heap) and on builds
without the GIL; and while the caller has turned the collector off (nothing is collected
automatically then, and munintl starts no collection). The state is process-wide, as the
collector is.
"""

from __future__ import annotations

import gc
import sys
import sysconfig
import threading

ADOPTED_BEFORE_FULL = 1_000_000
"""At least this many adopted objects between two full collections that munintl starts."""
HEAP_MULTIPLE = 4
"""Adopted objects, as a multiple of the objects alive after the last full collection munintl
started, that start the next one."""

ADOPTS = (
    sys.implementation.name == "cpython"
    and (3, 11) <= sys.version_info[:2] < (3, 14)
    and not sysconfig.get_config_var("Py_GIL_DISABLED")
)
"""Whether this interpreter adopts young objects as old (see the module)."""

_lock = threading.Lock()
_adopted = 0  # objects adopted since the last full collection munintl started
_allowance = ADOPTED_BEFORE_FULL  # adopted objects that start the next one


class cyclic_gc_paused:
    """Pause the cyclic garbage collector while many objects are allocated; on leaving, adopt
    the young objects as old (see the module) and restore the collector's previous state.

    Examples
    --------
    >>> import gc
    >>> with cyclic_gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """

    def __enter__(self) -> None:
        self._was_enabled = gc.isenabled()
        if ADOPTS and self._was_enabled:
            # The caller's young objects are collected as usual first, so that what is adopted
            # on leaving is what munintl made: a cycle dropped just before the call is freed
            # now, not adopted (it would wait for a full collection).
            gc.collect(1)
        gc.disable()

    def __exit__(self, *_: object) -> None:
        try:
            if ADOPTS and self._was_enabled:
                adopt_young_as_old()
        finally:
            if self._was_enabled:
                gc.enable()


def adopt_young_as_old() -> int:
    """Move every object in the young generations to the oldest without walking it, and run
    a full collection once the adopted objects reach the allowance (see the module).

    Returns
    -------
    int
        About how many objects were adopted (the young generation's count); 0 when adoption
        is skipped (:data:`ADOPTS` false, or objects frozen by the process).

    Examples
    --------
    >>> import gc
    >>> young = [[] for _ in range(10)]
    >>> adopt_young_as_old() >= 0 and gc.get_count()[0] < 10
    True
    """
    global _adopted, _allowance
    if not ADOPTS:
        return 0
    with _lock:
        if gc.get_freeze_count():  # the process froze objects itself: leave them frozen
            return 0
        young = gc.get_count()[0]
        gc.freeze()
        gc.unfreeze()
        _adopted += young
        if _adopted <= _allowance:
            return young
        gc.collect()
        gc.freeze()  # count what survived, without building a list of it
        alive = gc.get_freeze_count()
        gc.unfreeze()
        _adopted, _allowance = 0, max(ADOPTED_BEFORE_FULL, HEAP_MULTIPLE * alive)
        return young
