"""Making a model object again from its field values, as the disk cache stored it (one owner
for the rule; :mod:`munintl.disk_cache` pickles each slotted attrs object of munintl's as a
call of its class's rebuilder with the object's field values in order).

A rebuilder puts each value into its slot and returns the object; no validator runs again,
since the values were validated when the object was first made. It is made once per class
and keeps the class's slot setters, so the call costs no lookup, and it sets them in one
``map`` (a loop in C): unpickling 100,000 objects of a six-field class took 95 ms, against
112 ms with one shared function that looks up a class's setters and loops over them in
Python (``benchmarks/README.md``, "Seventh stop"). Writing out a function per
class would be faster still, but that needs ``exec``, which the library never calls
(``tests/test_security.py``).

Pickle finds a rebuilder by name in this module: ``"rebuild:<module>:<class>"``, the module's
dots written as ``/`` (pickle splits names at dots). The module-level :func:`__getattr__`
makes it on first use in a process, for a slotted attrs class at the top level of one of
munintl's modules that is imported already; any other name is not found, and that pickle does
not load (the disk cache then works the value out again).
"""

from __future__ import annotations

import inspect
import operator
import sys
import types
from collections.abc import Callable
from itertools import repeat
from typing import Any, TypeVar

import attrs

T = TypeVar("T")

_FIELDS: dict[type, tuple[str, ...] | None] = {}
_REBUILDERS: dict[type, Callable[..., Any]] = {}
_PREFIX = "rebuild:"
_OWN = "munintl"  # the package whose classes may be made again from a pickle


def slotted_fields(cls: type) -> tuple[str, ...] | None:
    """The field names of a slotted attrs class at the top level of one of munintl's modules,
    in order; None for any other class (whose objects are pickled as usual)."""
    try:
        return _FIELDS[cls]
    except KeyError:
        pass
    found = None
    own = cls.__module__.partition(".")[0] == _OWN and "." not in cls.__qualname__
    if own and attrs.has(cls):
        names = tuple(field.name for field in attrs.fields(cls))
        slots = [inspect.getattr_static(cls, name, None) for name in names]
        if all(isinstance(slot, types.MemberDescriptorType) for slot in slots):
            found = names
    _FIELDS[cls] = found
    return found


def rebuilder(cls: type[T]) -> Callable[..., T]:
    """The function that makes an object of ``cls`` from its field values in order, given as
    positional arguments; TypeError for a class :func:`slotted_fields` does not take, and,
    when called, for another number of values (a pickle made when the class had other
    fields)."""
    try:
        return _REBUILDERS[cls]
    except KeyError:
        pass
    names = slotted_fields(cls)
    if names is None:
        raise TypeError(f"{cls!r} is not a slotted attrs class of munintl's")
    setters = tuple(inspect.getattr_static(cls, name).__set__ for name in names)
    count, new, call = len(setters), object.__new__, operator.call

    def rebuild(*values: Any) -> T:
        if len(values) != count:
            raise TypeError(f"{cls.__qualname__} takes {count} field values, not {len(values)}")
        obj: T = new(cls)
        any(map(call, setters, repeat(obj), values))  # each setter returns None: all run
        return obj

    rebuild.__module__ = __name__
    rebuild.__qualname__ = rebuild.__name__ = _name(cls)
    _REBUILDERS[cls] = rebuild
    return rebuild


def _name(cls: type) -> str:
    return f"{_PREFIX}{cls.__module__.replace('.', '/')}:{cls.__qualname__}"


def __getattr__(name: str) -> Any:
    """The rebuilder a pickle names (see the module); AttributeError for any other name."""
    made = named(name)
    if made is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return made


def named(name: str) -> Callable[..., Any] | None:
    """The rebuilder of ``name`` (``"rebuild:<module>:<class>"``), or None: for any other
    name, a module not imported yet, or a class :func:`slotted_fields` does not take. Nothing
    is imported and no module's own ``__getattr__`` runs."""
    module, _, qualname = name.removeprefix(_PREFIX).partition(":")
    if not name.startswith(_PREFIX) or "." in name:
        return None
    loaded = sys.modules.get(module.replace("/", "."))
    cls = vars(loaded).get(qualname) if loaded is not None else None
    if not isinstance(cls, type) or slotted_fields(cls) is None or _name(cls) != name:
        return None
    return rebuilder(cls)
