"""A cache of validated packs on disk, keyed by the content that was validated, and of what is
derived from them (:func:`derived`: each pack's findings, the overlap's goal units, ...).

Structuring and validating a pack costs about four times parsing its TOML (at N = 357, 1.5 s
against 0.3 s with rtoml). A pack that was loaded before, with the same bytes in every file
that was read, the same munintl code and the same Python, is the same pack; this module keeps
it between processes and gives it back in a tenth of the time.

What is trusted (``docs/security.md`` says it in full): the cache holds pickles that munintl
itself wrote, in a folder only the current user may write to. It is used only when that folder
and each file in it belong to the current user and are writable by nobody else, the same trust
Python gives the bytecode in ``__pycache__``. A pack's own data is never unpickled: what is
unpickled is munintl's validated model of it, found under a key that covers every byte read.

Settings (environment variables, read on every call):

``MUNINTL_CACHE``
    ``on`` (the default; or ``1``, ``yes``, ``true``), ``off`` (or ``0``, ``no``, ``false``),
    or ``packs``: validated packs only, not what is derived from them (see :func:`derived`).
    Any other value keeps the cache on, with a warning.
``MUNINTL_CACHE_DIR``
    The folder (default ``$XDG_CACHE_HOME/munintl/packs``, else ``~/.cache/munintl/packs``).

Only POSIX systems use the cache (ownership checks need ``os.getuid``); a cache that cannot be
read or written is skipped without a word, since the pack is then loaded from its files as
usual: the cache changes how long a load takes, never what it gives.
"""

from __future__ import annotations

import atexit
import datetime
import enum
import hashlib
import importlib.metadata
import io
import os
import pickle
import re
import stat
import struct
import sys
import tempfile
import warnings
import zlib
from collections.abc import Callable, Hashable, Sequence
from functools import cache
from pathlib import Path
from typing import IO, Any, TypeVar

from munintl._derived_store import DerivedStore
from munintl._per_pack import IdentityMap
from munintl._rebuilders import named, rebuilder, slotted_fields
from munintl.model import FixedStrEnum

T = TypeVar("T")

_MAGIC = b"munintl-pack-cache 5\n"  # 5: a rebuilder per class (munintl._rebuilders)
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_ORIGINS: IdentityMap[tuple[str, str]] = IdentityMap()
"""Each object :func:`cached_pack` gave in this process -> (its folder's digest, its key)."""
_GROUP_OR_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH
_REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def cache_folder() -> Path | None:
    """The folder of the pack cache, or None when the cache is off.

    Returns
    -------
    Path or None
        ``$MUNINTL_CACHE_DIR`` (a relative path from the current folder), else
        ``$XDG_CACHE_HOME/munintl/packs`` (when that is an absolute path, as the XDG Base
        Directory specification asks), else ``~/.cache/munintl/packs``; None when
        ``MUNINTL_CACHE`` is ``off`` or the system is not POSIX. The folder may not exist yet.

    Examples
    --------
    >>> import os
    >>> os.environ["MUNINTL_CACHE"] = "off"
    >>> cache_folder() is None
    True
    >>> os.environ["MUNINTL_CACHE_DIR"] = "/tmp/elsewhere"
    >>> os.environ["MUNINTL_CACHE"] = "on"
    >>> str(cache_folder())
    '/tmp/elsewhere'
    >>> del os.environ["MUNINTL_CACHE"], os.environ["MUNINTL_CACHE_DIR"]
    """
    if _setting() == "off" or os.name != "posix":
        return None
    chosen = os.environ.get("MUNINTL_CACHE_DIR")
    if chosen:
        return Path(chosen).absolute()  # a relative one: from the current folder
    base = os.environ.get("XDG_CACHE_HOME")
    if not base or not os.path.isabs(base):  # the XDG spec: a relative path is ignored
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no entry in the user database: no cache
            return None
    return Path(base) / "munintl" / "packs"


_Valid = Callable[[Any], bool]
_Texts = Sequence[tuple[str, str]]  # each file read: (its name, its text)


def _any(value: object) -> bool:
    return True


def cached_pack(
    folder: Path, label: str, texts: _Texts, build: Callable[[], T], valid: _Valid = _any
) -> T:
    """The pack stored for this folder and these texts, or what ``build()`` returns, then stored.

    One entry per folder, used only if its key (a SHA-256 of every file read, the folder, the
    label and munintl's code) is the one computed now. ``build`` runs whenever the cache is
    off, unusable, or holds no matching entry; what it raises passes through, not stored.

    Parameters
    ----------
    folder : Path
        The pack's folder, resolved (two spellings of one folder share an entry).
    label : str
        The name the pack is loaded under (in the pack's messages).
    texts : sequence of (str, str)
        Each file read, as (file name, its text), in the order read.
    build : callable
        Makes the object (loads and validates the pack).
    valid : callable, optional
        Whether an object read back is of the kind ``build`` makes (else it is built again).

    Returns
    -------
    object
        The stored object, or ``build()``'s.

    Raises
    ------
    Exception
        Whatever ``build`` raises.

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ.update(MUNINTL_CACHE="on", MUNINTL_CACHE_DIR=tempfile.mkdtemp())
    >>> texts = [("pack.toml", "name = 'p'")]
    >>> cached_pack(Path("/p"), "p", texts, lambda: ("built", 1))
    ('built', 1)
    >>> cached_pack(Path("/p"), "p", texts, lambda: ("built again", 2))
    ('built', 1)
    >>> cached_pack(Path("/p"), "p", [("pack.toml", "name = 'q'")], lambda: ("edited", 3))
    ('edited', 3)
    >>> del os.environ["MUNINTL_CACHE"], os.environ["MUNINTL_CACHE_DIR"]
    """
    folder_of_cache = _usable_folder()
    if folder_of_cache is None:
        return build()
    where = _digest([str(folder), label])
    key = _digest([_code_fingerprint(), where, *(part for pair in texts for part in pair)])
    entry = folder_of_cache / f"{where}.pickle"
    found: T | None = _read(entry, key)
    if found is None or not valid(found):
        found = build()
        _write(folder_of_cache, entry, key, found)
    _ORIGINS.remember(found, (where, key))
    return found


def _plain_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError(f"a derived value's name is letters, digits and '-', not {name!r}")
    return name


def derived(
    source: object, name: str, parts: Sequence[str], compute: Callable[[], T], valid: _Valid = _any
) -> T:
    """What ``compute()``, a pure function of ``source`` and ``parts``, gives, kept on disk
    beside ``source``, an object :func:`cached_pack` gave in this process.

    As a linter keeps each file's findings, so a second run works out only what changed. The
    key covers the pack's own key (every byte read, the code, the versions), ``name`` and
    ``parts`` (such as the day checked on); one row per pack folder and name. ``compute`` runs
    when ``source`` came from elsewhere (a zip file, memory), the cache is off or keeps packs
    only (``MUNINTL_CACHE=packs``), or no row matches; None is never stored.

    Parameters
    ----------
    source : object
        What the value is derived from (a pack).
    name : str
        What is derived, in the stored row's name (``"findings"``): ``a-z``, ``0-9``, ``-``.
    parts : sequence of str
        Everything else the value depends on.
    compute : callable
        ``compute() -> value``, a value that pickles.
    valid : callable, optional
        Whether a value read back is of the right kind (else it is worked out again).

    Returns
    -------
    object
        The stored value (a new object on every call: callers may own it), or ``compute()``'s.

    Raises
    ------
    ValueError
        For a ``name`` that is not a plain name; else whatever ``compute`` raises.

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ.update(MUNINTL_CACHE="on", MUNINTL_CACHE_DIR=tempfile.mkdtemp())
    >>> pack = cached_pack(Path("/p"), "p", [("pack.toml", "")], lambda: frozenset({"built"}))
    >>> calls = []  # what each call works out; the second is read from the disk
    >>> [derived(pack, "n", [day], lambda: calls.append(day) or len(calls)) for day in "112"]
    [1, 1, 2]
    >>> del os.environ["MUNINTL_CACHE"], os.environ["MUNINTL_CACHE_DIR"]
    """
    origin = _ORIGINS.get(source) if _plain_name(name) else None  # (a bad name raises)
    folder_of_cache = None if origin is None or _keeps_packs_only() else _usable_folder()
    if origin is None or folder_of_cache is None:
        return compute()
    entry = f"{origin[0]}.{name}"  # (the folder's digest, its key)
    key = _digest([origin[1], name, *parts])
    found = _unpickled(_DERIVED.get(folder_of_cache, entry, key))
    if found is not None and valid(found):
        return found  # type: ignore[no-any-return]
    made = compute()
    data = None if made is None else _pickled(made)
    if data is not None:  # written in one transaction with the others (munintl._derived_store)
        _DERIVED.put(folder_of_cache, entry, key, data)
    return made


def _unpickled(data: bytes | None) -> Any:
    """The object of a stored pickle; None for none, or a stale one (worked out again)."""
    if data is None:
        return None
    try:
        return _loads(data)
    except Exception:
        return None


def derived_from(made: object, source: object, parts: Sequence[str]) -> None:
    """Let ``made``, an object made from ``source`` (one :func:`cached_pack` gave) with what
    ``parts`` say changed, keep its :func:`derived` values on disk too, under keys of its own.

    Parameters
    ----------
    made, source : object
        The new object, and the one it was made from.
    parts : sequence of str
        What was changed (an installed pack's distribution and version).

    Returns
    -------
    None

    Examples
    --------
    >>> derived_from(frozenset(), frozenset(), [])  # neither came from the cache: nothing kept
    """
    origin = _ORIGINS.get(source)
    if origin is not None:  # entries of its own too: the two never replace each other's
        where, key = origin
        _ORIGINS.remember(made, (_digest([where, *parts]), _digest([key, *parts])))


def _keeps_packs_only() -> bool:
    return _setting() == "packs"


def _setting() -> str:
    """``MUNINTL_CACHE`` as "on", "off" or "packs"; any other value keeps the cache on, and
    says so once (a typo such as ``pack`` should not pass unnoticed)."""
    given = os.environ.get("MUNINTL_CACHE", "")
    value = given.strip().lower()
    if value in _SETTINGS:
        return _SETTINGS[value]
    if given not in _warned:
        _warned.add(given)
        warnings.warn(
            f"MUNINTL_CACHE={given!r} is none of on, off, packs: the cache stays on",
            RuntimeWarning,
            stacklevel=3,
        )
    return "on"


_SETTINGS = {
    **dict.fromkeys(("", "on", "1", "yes", "true"), "on"),
    **dict.fromkeys(("off", "0", "no", "false"), "off"),
    "packs": "packs",
}
_warned: set[str] = set()


def _digest(parts: Sequence[str]) -> str:
    """SHA-256 of the parts, each prefixed by its length (so no two lists share a digest)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(b"%d\0" % len(data))
        digest.update(data)
    return digest.hexdigest()


@cache
def _code_fingerprint() -> str:
    """munintl's version and the size and time of every file of its package (so an edited
    checkout invalidates the cache too), with the versions of Python and of every
    distribution munintl requires."""
    import munintl

    package = Path(munintl.__file__).parent
    # PyStemmer is no requirement, but snowballstemmer uses it when it is installed: the
    # stems in derived goal units are its stems then.
    names = [*_dependencies(), "PyStemmer"]
    versions = [sys.version, *(f"{name} {_version(name)}" for name in names)]
    digest = hashlib.sha256(repr(versions).encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            status = path.stat()
            digest.update(f"{path.relative_to(package)}\0{status.st_size}\0".encode())
            digest.update(f"{status.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _dependencies() -> list[str]:
    """munintl and every distribution it requires outside its extras (a new iso3166 may know
    other country codes, a new cattrs structure otherwise): what validation may depend on."""
    try:
        required = importlib.metadata.requires("munintl") or []
    except importlib.metadata.PackageNotFoundError:
        required = []
    names = [
        match.group(0)
        for line in required
        if "extra ==" not in line and (match := _REQUIREMENT_NAME.match(line))
    ]
    return ["munintl", *sorted(set(names))]


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _usable_folder() -> Path | None:
    """The cache folder, made if missing, if it belongs to this user and nobody else may
    write to it; else None."""
    folder = cache_folder()
    if folder is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(status.st_mode) or not _owned_and_private(status):
        return None
    return folder


def _owned_and_private(status: os.stat_result) -> bool:
    return status.st_uid == os.getuid() and not status.st_mode & _GROUP_OR_OTHERS_WRITE


def _read(entry: Path, key: str) -> Any | None:
    """The object of one entry, or None if absent, foreign, damaged or of another key."""
    try:
        handle = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(handle).st_mode) or not _owned_and_private(os.fstat(handle)):
            return None
        header = _MAGIC + key.encode() + b"\n"
        if stream.read(len(header)) != header:
            return None
        checksum, data = stream.readline(), stream.read()
        if checksum != _checksum(data):  # damaged on disk: rebuilt, not served
            return None
        try:
            return _loads(data)
        except Exception:  # a stale entry is rebuilt, never fatal
            return None


def _loads(data: bytes) -> Any:
    """The object of a pickle munintl wrote; UnpicklingError for one that names anything a
    pickle of munintl's never does (see :class:`_OwnUnpickler`)."""
    return _OwnUnpickler(io.BytesIO(data)).load()


class _OwnUnpickler(pickle.Unpickler):
    """Finds only what munintl's own pickles name: a rebuilder (:mod:`munintl._rebuilders`,
    which makes only munintl's slotted attrs classes), :func:`_same`, a
    :class:`munintl.model.FixedStrEnum` (whose members refuse to be changed), and Python's
    dates, sets and complex numbers. Nothing is imported and no module's ``__getattr__``
    runs. The cache folder's ownership is what keeps others' pickles out (docs/security.md);
    this is a second wall behind it, so a pickle that got in anyway calls nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if module == _REBUILDERS:
            found = named(name)
        else:
            found = _FOUND_AS_IS.get((module, name)) or _own_enumeration(module, name)
        if found is None:
            raise pickle.UnpicklingError(f"munintl's cache never names {module}.{name}")
        return found


def _own_enumeration(module: str, name: str) -> Any:
    """The :class:`FixedStrEnum` ``name`` of a munintl module imported already, or None."""
    loaded = sys.modules.get(module) if module.partition(".")[0] == "munintl" else None
    found = vars(loaded).get(name) if loaded is not None else None  # no dotted name, no import
    fixed = isinstance(found, type) and issubclass(found, FixedStrEnum)
    return found if fixed and found.__module__ == module else None


def _checksum(data: bytes) -> bytes:
    """The line that guards an entry's pickle against damage on disk (a flipped byte that
    still unpickles would otherwise be served as the pack): its CRC-32, in hex."""
    return b"%08x\n" % zlib.crc32(data)


class _SlotsPickler(pickle.Pickler):
    """Pickles a slotted attrs object of munintl's as a call of its class's rebuilder with its
    field values (:mod:`munintl._rebuilders`; see :class:`_CompactPickler`); what is derived
    from a pack (findings, goal units) repeats few objects, so nothing is looked for twice."""

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        names = slotted_fields(cls)
        if names is None:
            return NotImplemented
        return rebuilder(cls), tuple([getattr(obj, name) for name in names])


class _CompactPickler(pickle.Pickler):
    """Pickles a slotted attrs object of munintl's (every model object) as a call of its
    class's rebuilder with its field values (:mod:`munintl._rebuilders`), and an object equal
    to one pickled before as a reference to that one.

    attrs' own state is a dict of field names that its ``__setstate__`` sets one by one
    through ``object.__setattr__``; field values alone are a fifth smaller, and unpickle
    faster (at N = 357 packs, 0.26 s with attrs' state, 0.19 s with one shared function that
    put the values back, less with a rebuilder per class). Packs repeat small objects (the
    same locator for every fact taken from one page, the same basis for every stated link):
    pickled once and referred to after, they are made once (see :func:`_token` for what
    "equal" means here).
    """

    def __init__(self, file: IO[bytes], protocol: int) -> None:
        super().__init__(file, protocol=protocol)
        self._first: dict[Hashable, Any] = {}  # token -> the first object pickled with it
        self._numbers: dict[Hashable, int] = {}  # a value's shape -> its token
        self._tokens: dict[int, int] = {}  # id -> token (every object lives while dumped)

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        names = slotted_fields(cls)
        if names is None:
            return NotImplemented
        first = self._first.setdefault(self._token(obj), obj)
        if first is not obj:
            return _same, (first,)
        return rebuilder(cls), tuple([getattr(obj, name) for name in names])

    def _token(self, value: Any) -> Hashable:
        """A token two values share when one may stand for the other in the pickle: the
        same type all the way down and equal values (so ``True`` and ``1``, or ``0.0`` and
        ``-0.0``, stay apart); anything but model objects, tuples and plain values is only
        ever like itself."""
        kind = type(value)
        if kind is float:  # by its bits: -0.0 apart from 0.0, and each NaN apart
            return kind, struct.pack(">d", value)
        if kind in _PLAIN or isinstance(value, enum.Enum):
            return kind, value
        known = self._tokens.get(id(value))
        if known is not None:
            return known
        shape: Hashable
        if kind is tuple:
            shape = (tuple, *map(self._token, value))
        elif kind.__module__ == _MODEL and (names := slotted_fields(kind)) is not None:
            # munintl's model classes are frozen and compare by value (tests/test_disk_cache.py):
            # of an equal pair either may stand for the other; another class's may not.
            shape = (kind, *(self._token(getattr(value, name)) for name in names))
        else:
            shape = (_UNIQUE, id(value))
        token = self._tokens[id(value)] = self._numbers.setdefault(shape, len(self._numbers))
        return token


_PLAIN = frozenset({str, int, bool, bytes, type(None), datetime.date})  # equal: interchangeable
_MODEL = "munintl.model"
_UNIQUE = object()


def _same(obj: T) -> T:
    """The object pickled before that an equal one stands for (see :class:`_CompactPickler`)."""
    return obj


_REBUILDERS = "munintl._rebuilders"
_FOUND_AS_IS: dict[tuple[str, str], Any] = {
    ("munintl.disk_cache", "_same"): _same,
    ("datetime", "date"): datetime.date,
    ("builtins", "frozenset"): frozenset,
    ("builtins", "set"): set,
    ("builtins", "complex"): complex,
}


def _write(folder: Path, entry: Path, key: str, value: Any) -> None:
    """Store one entry atomically (a reader never sees half of it); failures are ignored."""
    data = _pickled(value, _CompactPickler)
    if data is not None:
        _store(folder, entry, key, data)


def _pickled(value: Any, pickler: type[pickle.Pickler] = _SlotsPickler) -> bytes | None:
    """The entry's pickle, or None for an object that does not pickle."""
    try:
        data = io.BytesIO()
        pickler(data, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    except Exception:  # an unpicklable object: the cache only helps
        return None
    return data.getvalue()


def _store(folder: Path, entry: Path, key: str, data: bytes) -> None:
    """Write a pickled entry through a temporary file, then rename it into place."""
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(_MAGIC + key.encode() + b"\n" + _checksum(data))
            stream.write(data)
        os.replace(temporary, entry)
    except Exception:  # a full disk: the cache only helps
        Path(temporary).unlink(missing_ok=True)


_DERIVED = DerivedStore()


def flush() -> None:
    """Write every value :func:`derived` keeps waiting in memory (done at exit anyway).

    Returns
    -------
    None

    Examples
    --------
    >>> flush()
    """
    _DERIVED.flush()


def _forked() -> None:  # a forked child leaves its parent's rows and connections alone
    global _DERIVED
    atexit.unregister(_DERIVED.flush)  # (the parent's store's flush also does nothing here)
    _DERIVED = DerivedStore()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)
