"""What is derived from a loaded pack, worked out once per pack object (one owner for the rule).

Why: a user's run reads the same packs in several calls. ``similarity_matrix(packs)`` and then
``overlap(*packs)`` both need every pack's ties and municipality features; at N = 357 working
them out again took 0.15 s of a 2 s pipeline. A :class:`~munintl.model.Pack` is frozen, all
the way down (frozen attrs classes, tuples, strings), so what a pure function derives from it
cannot go stale while the pack lives.

:func:`per_pack` memoises such a function on the pack's identity, not on its value (hashing a
pack would walk all of it), and holds the pack only weakly: an entry goes when its pack does.
Two equal packs loaded separately are two entries. The values are shared between callers,
so they must be immutable or treated as read-only; each use says which.

>>> import munintl
>>> calls = []
>>> @per_pack
... def goal_count(pack):
...     calls.append(pack.name)
...     return len(pack.goals)
>>> pack = munintl.load_pack("hamar")
>>> goal_count(pack) == goal_count(pack) == len(pack.goals), calls
(True, ['hamar'])
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from munintl.model import Pack

__all__ = ["IdentityMap", "per_pack"]

T = TypeVar("T")


class IdentityMap(Generic[T]):
    """Values kept for objects by their identity, not their value (hashing a pack would walk
    all of it), each object held weakly: its entry goes when it does.

    Objects that cannot be held weakly (tuples, numbers) are not kept.

    >>> import munintl
    >>> pack, seen = munintl.load_pack("hamar"), IdentityMap[str]()
    >>> seen.remember(pack, "loaded"); seen.get(pack), seen.get(object()), len(seen)
    ('loaded', None, 1)
    """

    def __init__(self) -> None:
        self._values: dict[int, tuple[weakref.ref[Any], T]] = {}

    def get(self, obj: object) -> T | None:
        """The value kept for this very object, or None."""
        found = self._values.get(id(obj))
        if found is not None and found[0]() is obj:
            return found[1]
        return None

    def remember(self, obj: object, value: T) -> None:
        """Keep ``value`` for ``obj`` while ``obj`` lives (nothing, if it cannot be held weakly)."""
        key = id(obj)
        try:
            ref = weakref.ref(obj, self._forget(key))
        except TypeError:
            return
        self._values[key] = (ref, value)

    def _forget(self, key: int) -> Callable[[weakref.ref[Any]], None]:
        values = self._values

        def forget(ref: weakref.ref[Any]) -> None:
            found = values.get(key)
            if found is not None and found[0] is ref:  # not a newer object at the same address
                del values[key]

        return forget

    def __len__(self) -> int:
        return len(self._values)


class _PerPack(Generic[T]):
    """``derive`` memoised on the identity of its pack (see the module)."""

    def __init__(self, derive: Callable[[Pack], T]) -> None:
        self._derive = derive
        self._values: IdentityMap[tuple[T]] = IdentityMap()
        self.__doc__ = derive.__doc__
        self.__name__ = getattr(derive, "__name__", "derived")

    def __call__(self, pack: Pack) -> T:
        found = self._values.get(pack)
        if found is not None:
            return found[0]
        value = self._derive(pack)  # an error leaves nothing behind: the next call tries again
        self._values.remember(pack, (value,))
        return value

    def __len__(self) -> int:
        return len(self._values)


def per_pack(derive: Callable[[Pack], T]) -> Callable[[Pack], T]:
    """Memoise a pure function of one pack on the pack's identity, holding the pack weakly.

    Parameters
    ----------
    derive : callable
        ``derive(pack) -> value``: pure, and its value immutable or treated as read-only by
        every caller (the value is shared).

    Returns
    -------
    callable
        ``derive`` memoised: the first call with a pack object computes, later calls with the
        same object return the same value; an entry is dropped when its pack is freed.

    Examples
    --------
    >>> import munintl
    >>> count = per_pack(lambda pack: len(pack.goals))
    >>> count(munintl.load_pack("hamar")) > 0
    True
    """
    return _PerPack(derive)
