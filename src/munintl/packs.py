"""Finding and loading packs: installed ones by entry point, and folders under development.

A pack is a Python package holding ``pack.toml`` (the manifest) and the TOML data files it
lists, registered in the entry-point group ``munintl.packs``. Nothing is imported or read until
a pack is asked for; loaded packs are cached, and one broken pack never stops another.

>>> "bergen" in available_packs()
True
>>> load_pack("bergen").municipality.code
'4601'
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import signal
import stat
import sys
import threading
import types
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from importlib.resources import files
from pathlib import Path
from typing import IO, Any

import attrs
import importlib_metadata
from cattrs.errors import BaseValidationError

from munintl._convert import Segment, _format_path, locate_line, problems_from, structure
from munintl._escape import one_line
from munintl._gc import cyclic_gc_paused
from munintl._toml import parse
from munintl.disk_cache import cache_folder, cached_pack, derived_from
from munintl.errors import (
    InvalidField,
    MunintlError,
    PackDataError,
    PackDiscoveryError,
    PackNotFoundError,
    PackTypeError,
    Problem,
    fresh,
)
from munintl.kommunenummer import histories_meet, history_problems
from munintl.languages import TEXT_LANGUAGES, text_language
from munintl.model import ENTITY_LISTS, FORMAT_VERSION, Document, Manifest, Pack, PackData
from munintl.status_basis import locate_status, missing_bases
from munintl.validation import Origin, control_characters, control_message, validate

__all__ = [
    "ENTRY_POINT_GROUP",
    "MANIFEST",
    "MAX_FILE_BYTES",
    "PackInfo",
    "PackReading",
    "as_packs",
    "available_packs",
    "clear_cache",
    "find_pack_folder",
    "installed_packs",
    "load_pack",
    "load_pack_dir",
    "load_packs",
    "read_pack_dir",
    "refuse_municipality_clashes",
]

ENTRY_POINT_GROUP = "munintl.packs"
MANIFEST = "pack.toml"
MAX_FILE_BYTES = 1024 * 1024
"""A data file larger than this (1 MiB) is refused: real packs are a few dozen KiB."""

_FILE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*\.toml$")
_lock = threading.RLock()
_cache: dict[str, Pack | MunintlError] = {}
_entry_points: dict[str, list[importlib_metadata.EntryPoint]] | None = None


@attrs.frozen
class PackInfo:
    """What ``munintl packs`` shows of one installed pack, broken or not."""

    name: str
    distribution: str | None
    version: str | None
    ok: bool
    error: str | None = None
    municipality: str | None = None
    code: str | None = None
    sources: int = 0


# --- discovery ----------------------------------------------------------------------------------


def _discover() -> dict[str, list[importlib_metadata.EntryPoint]]:
    global _entry_points
    with _lock:
        if _entry_points is None:
            found: dict[str, list[importlib_metadata.EntryPoint]] = {}
            seen: set[tuple[str, str | None]] = set()
            for ep in _group_entry_points():
                dist = _dist_name(ep)
                if (ep.name, dist) not in seen:
                    seen.add((ep.name, dist))
                    found.setdefault(ep.name, []).append(ep)
            _entry_points = found
        return _entry_points


def _group_entry_points() -> list[importlib_metadata.EntryPoint]:
    """The entry points of our group, from every installed distribution that can be read.

    ``importlib_metadata.entry_points()`` fails as a whole when any one distribution in the
    environment, even one unrelated to munintl, has a malformed ``entry_points.txt``; here such
    a distribution is skipped, and the others are found. As there, a distribution found twice
    on ``sys.path`` counts once (the first found shadows the others).
    """
    found: list[importlib_metadata.EntryPoint] = []
    names: set[str] = set()
    for dist in importlib_metadata.distributions():
        try:
            # The name importlib_metadata itself dedupes by, taken from the folder name where it
            # can be: parsing every distribution's METADATA cost ~85 ms of each CLI start.
            raw = getattr(dist, "_normalized_name", None) or dist.metadata["Name"] or ""
            name = re.sub(r"[-_.]+", "-", raw).lower()
        except Exception:  # no name, or unreadable metadata: cannot shadow or be shadowed
            name = ""
        if name and name in names:
            continue
        names.add(name)
        try:
            found.extend(dist.entry_points.select(group=ENTRY_POINT_GROUP))
        except Exception:  # third-party metadata: any parse error; skip that distribution
            continue
    return found


def available_packs() -> list[str]:
    """The names of the installed packs, sorted. Nothing is imported to find them.

    Returns
    -------
    list of str
        The pack names, sorted.

    Examples
    --------
    >>> "oslo" in available_packs()
    True
    """
    return sorted(_discover())


def clear_cache() -> None:
    """Forget discovered and loaded packs (after installing one in a running process).

    Returns
    -------
    None

    Examples
    --------
    >>> clear_cache()
    >>> load_pack("bergen").name
    'bergen'
    """
    global _entry_points
    with _lock:
        _cache.clear()
        _entry_points = None


def load_pack(name: str) -> Pack:
    """The installed pack ``name``, loaded once and cached (safe to call from many threads).

    Parameters
    ----------
    name : str
        The name of an installed pack.

    Returns
    -------
    Pack
        The loaded pack; the same object on later calls.

    Raises
    ------
    munintl.errors.PackNotFoundError
        If no pack of that name is installed.
    munintl.errors.PackDiscoveryError
        If the pack's entry point or package is broken, or claimed twice.
    munintl.errors.PackDataError
        If the pack's data files are invalid.

    Examples
    --------
    >>> pack = load_pack("bergen")
    >>> pack.name, pack.municipality.code
    ('bergen', '4601')
    >>> load_pack("bergen") is pack
    True
    """
    with _lock:
        cached = _cache.get(name)
        if cached is None:
            try:
                cached = _load_installed(name)
            except (PackDataError, PackDiscoveryError) as exc:
                cached = exc
            _cache[name] = cached
    if isinstance(cached, MunintlError):
        # A fresh instance each time: re-raising the cached one would grow its traceback on
        # every call and share one object between threads.
        raise fresh(cached) from cached.__cause__
    return cached


def as_packs(packs: Iterable[Pack | str]) -> list[Pack]:
    """Packs given as loaded packs or installed packs' names, loaded where named: what every
    public function taking packs accepts.

    Parameters
    ----------
    packs : iterable of Pack or str
        Loaded packs, names of installed packs, or both mixed.

    Returns
    -------
    list of Pack
        In the order given.

    Raises
    ------
    munintl.errors.PackNotFoundError
        If a name is not an installed pack.
    munintl.errors.PackTypeError
        If something given is neither a Pack nor a name.

    Examples
    --------
    >>> [p.name for p in as_packs(["oslo", load_pack("hamar")])]
    ['oslo', 'hamar']
    """
    loaded = []
    for p in packs:
        if not isinstance(p, Pack | str):
            raise PackTypeError(
                f"expected a Pack or an installed pack's name, not {type(p).__name__} {p!r}"
            )
        loaded.append(load_pack(p) if isinstance(p, str) else p)
    return loaded


def load_packs(names: Iterable[str]) -> list[Pack]:
    """Several packs at once; two packs for the same municipality are an error.

    Parameters
    ----------
    names : iterable of str
        Names of installed packs.

    Returns
    -------
    list of Pack
        In the order given.

    Raises
    ------
    munintl.errors.PackNotFoundError
        If a name is not an installed pack.
    munintl.errors.PackDiscoveryError
        If a pack is broken, or two packs claim the same municipality.
    munintl.errors.PackDataError
        If a pack's data files are invalid.

    Examples
    --------
    >>> [p.municipality.name for p in load_packs(["oslo", "hamar"])]
    ['Oslo', 'Hamar']
    """
    packs = [load_pack(name) for name in names]
    refuse_municipality_clashes(packs)
    return packs


def refuse_municipality_clashes(packs: Sequence[Pack]) -> None:
    """Refuse two packs (of other names) claiming one municipality: kommunenummer histories
    that meet (the rule :func:`load_packs` and :func:`installed_packs` apply).

    Parameters
    ----------
    packs : sequence of Pack
        Packs to be used together, in the order given.

    Returns
    -------
    None
        When no two packs of other names claim one municipality.

    Raises
    ------
    munintl.errors.PackDiscoveryError
        Naming the later pack, the municipality and the pack that claimed it first.

    Examples
    --------
    >>> refuse_municipality_clashes(load_packs(["bergen", "oslo"]))
    """
    for position, pack in enumerate(packs):
        for first in packs[:position]:
            if first.name == pack.name:
                continue
            if histories_meet(first.municipality.codes, pack.municipality.codes):
                raise PackDiscoveryError(
                    f"claims municipality {pack.municipality.code} ({pack.municipality.name}), "
                    f"already claimed by pack {first.name!r}"
                    + (f" ({first.distribution})" if first.distribution else "")
                    + _history(first, pack),
                    pack=pack.name,
                    distribution=pack.distribution,
                )


def _history(first: Pack, pack: Pack) -> str:
    """How two packs' code histories meet, when not through the same current code."""
    if first.municipality.code == pack.municipality.code:
        return ""
    theirs = " → ".join(c.code for c in first.municipality.codes)
    ours = " → ".join(c.code for c in pack.municipality.codes)
    return f": their kommunenummer histories meet ({ours} and {theirs})"


def installed_packs() -> list[PackInfo]:
    """Every installed pack with its status; broken ones carry the reason, others still load.

    Returns
    -------
    list of PackInfo
        One per installed pack, sorted by name; a broken one has ``ok=False`` and ``error``.

    Examples
    --------
    >>> info = {i.name: i for i in installed_packs()}["bergen"]
    >>> info.ok, info.municipality, info.code
    (True, 'Bergen', '4601')
    """
    infos: list[PackInfo] = []
    loaded: list[Pack] = []
    for name in available_packs():
        eps = _discover()[name]
        try:
            pack = load_pack(name)
            refuse_municipality_clashes([*loaded, pack])
        except (PackDataError, PackDiscoveryError) as exc:
            infos.append(
                PackInfo(
                    name,
                    _dist_name(eps[0]),
                    _dist_version(eps[0]),
                    ok=False,
                    error=str(exc),
                )
            )
            continue
        loaded.append(pack)
        infos.append(
            PackInfo(
                name,
                pack.distribution,
                pack.version,
                ok=True,
                municipality=pack.municipality.name,
                code=pack.municipality.code,
                sources=len(pack.documents),
            )
        )
    return infos


def _load_installed(name: str) -> Pack:
    eps = _discover().get(name)
    if not eps:
        known = ", ".join(available_packs()) or "none"
        raise PackNotFoundError(f"no pack named {name!r} is installed (installed: {known})")
    dist_name = _dist_name(eps[0])
    if len(eps) > 1:
        claimants = ", ".join(sorted(_dist_name(ep) or ep.value for ep in eps))
        raise PackDiscoveryError(
            f"the name is claimed by several distributions: {claimants}",
            pack=name,
            distribution=None,
        )
    ep = eps[0]
    target = _import_contained(ep, name, dist_name)
    try:  # the target is the plugin's object: asking it anything may run its code
        reader = _reader_of(ep, target, name, dist_name)
    except (MunintlError, KeyboardInterrupt):
        raise
    except Exception as exc:
        raise PackDiscoveryError(
            f"entry point {ep.value!r}: its package cannot be inspected: {_exception_text(exc)}",
            pack=name,
            distribution=dist_name,
        ) from exc
    pack = _load(reader, label=name)
    if pack.name != name:
        raise PackDiscoveryError(
            f"entry point name {name!r} differs from the manifest's name {pack.name!r}",
            pack=name,
            distribution=dist_name,
        )
    installed = attrs.evolve(pack, distribution=dist_name, version=_dist_version(eps[0]))
    derived_from(installed, pack, [f"distribution {dist_name}", f"version {installed.version}"])
    return installed


def _reader_of(
    ep: importlib_metadata.EntryPoint, target: Any, name: str, dist_name: str | None
) -> _Reader:
    """The reader of the package an entry point's import gave, after checking it is one."""
    if not isinstance(target, types.ModuleType) or getattr(target, "__spec__", None) is None:
        raise PackDiscoveryError(
            f"entry point {ep.value!r} must name the pack's package (a module holding "
            f"{MANIFEST}), not {type(target).__name__}",
            pack=name,
            distribution=dist_name,
        )
    if not hasattr(target, "__path__"):  # importlib.resources reads data from packages only
        raise PackDiscoveryError(
            f"entry point {ep.value!r} names the module {target.__name__!r}, which is not a "
            f"package (a folder holding {MANIFEST})",
            pack=name,
            distribution=dist_name,
        )
    reader = _package_reader(target, name)
    if reader is None:
        raise PackDiscoveryError(
            f"package {target.__name__!r} holds no {MANIFEST}",
            pack=name,
            distribution=dist_name,
        )
    return reader


def _import_contained(ep: importlib_metadata.EntryPoint, name: str, dist: str | None) -> Any:
    """Import a pack's package; whatever its code raises breaks this pack only.

    A plugin's import may raise anything, even ``SystemExit``, ``KeyboardInterrupt`` or
    ``asyncio.CancelledError``: each becomes a :class:`PackDiscoveryError` naming it. Only a
    real Ctrl-C (a SIGINT that arrives during the import) still stops the program. What the
    import prints goes to stderr, so that machine-readable output on stdout stays clean.
    """
    with _sigint_watch() as interrupted, _stdout_to_stderr():
        try:
            return ep.load()
        except BaseException as exc:
            if interrupted:  # the user's Ctrl-C, not the plugin's doing
                raise
            raise PackDiscoveryError(
                f"entry point {ep.value!r} failed to import: {_exception_text(exc)}",
                pack=name,
                distribution=dist,
            ) from exc


def _exception_text(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception as inner:  # its __str__ is the pack's code too, and may fail in turn
        text = f"(its message cannot be shown: {type(inner).__name__})"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@contextlib.contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """Send what is written to stdout to stderr: through ``sys.stdout`` and, where the process
    has real file descriptors, at descriptor 1 too (``sys.__stdout__``, C extensions, os.write)."""
    with contextlib.redirect_stdout(sys.stderr or io.StringIO()), _fd_1_to_fd_2():
        yield


@contextlib.contextmanager
def _fd_1_to_fd_2() -> Iterator[None]:
    try:
        for stream in (sys.__stdout__, sys.stdout):
            if stream is not None:
                stream.flush()
        saved = os.dup(1)
    except (OSError, ValueError):  # no descriptor 1 (an embedded interpreter): nothing to do
        yield
        return
    try:
        os.dup2(2, 1)
        yield
    finally:
        with contextlib.suppress(OSError, ValueError):
            if sys.__stdout__ is not None:
                sys.__stdout__.flush()
        os.dup2(saved, 1)
        os.close(saved)


@contextlib.contextmanager
def _sigint_watch() -> Iterator[list[bool]]:
    """Notes whether a real SIGINT arrives (the yielded list becomes non-empty); the
    previous handler still runs. Off the main thread no signal can arrive: nothing to note."""
    seen: list[bool] = []
    previous = (
        signal.getsignal(signal.SIGINT)
        if threading.current_thread() is threading.main_thread()
        else None
    )
    if previous is None:  # off the main thread, or a handler not set from Python: hands off
        yield seen
        return

    def note(signum: int, frame: types.FrameType | None) -> None:
        seen.append(True)
        if callable(previous):
            previous(signum, frame)
        elif previous == signal.SIG_DFL:
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, note)
    try:
        yield seen
    finally:
        signal.signal(signal.SIGINT, previous)


def _package_reader(target: types.ModuleType, name: str) -> _Reader | None:
    """A reader for the installed package ``target``, confined to it, or None without a manifest.

    A package on the file system (regular or namespace, in any of its portions) is read as
    the folder holding the manifest, with links confined to it; a zip file (zipimport) holds
    no links. Any other kind of package root cannot be confined, so it is not read.
    """
    spec = target.__spec__
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location)
        with _os_errors(name, None, "cannot read the package folder"):
            if (folder / MANIFEST).is_file():
                return _Reader.of(folder)
    with _os_errors(name, None, "cannot read the package"):
        root = files(target)
        if isinstance(root, zipfile.Path) and root.joinpath(MANIFEST).is_file():
            return _Reader.of(root)
    return None


# A distribution's metadata is written by whoever built it; importlib_metadata raises KeyError
# for a missing field, and UnicodeDecodeError (or worse) for a damaged file. What cannot be
# read is treated as absent: one malformed distribution must not stop all the others.


def _dist_name(ep: importlib_metadata.EntryPoint) -> str | None:
    try:
        return ep.dist.name if ep.dist else None
    except Exception:
        return None


def _dist_version(ep: importlib_metadata.EntryPoint) -> str | None:
    try:
        return ep.dist.version if ep.dist else None
    except Exception:
        return None


def load_pack_dir(path: str | Path) -> Pack:
    """Load a pack folder (the one holding ``pack.toml``) without installing it.

    Files are read only from inside the folder: names with a path, and links that lead
    outside, are refused. Each call reads the files again (nothing is kept in memory); a pack
    whose files and munintl are unchanged since an earlier load is taken from the disk cache
    (:mod:`munintl.disk_cache`; ``MUNINTL_CACHE=off`` turns it off), which gives an equal pack.

    Parameters
    ----------
    path : str or Path
        The pack's folder, or its ``pack.toml``.

    Returns
    -------
    Pack
        The loaded, validated pack.

    Raises
    ------
    PackDataError
        If the folder holds no manifest, cannot be read, or its data is invalid.

    Examples
    --------
    >>> from importlib.resources import files
    >>> load_pack_dir(str(files("munintl_pack_hamar") / "pack.toml")).name
    'hamar'
    """
    reader, label = pack_folder(path)
    return _load(reader, label=label)


def find_pack_folder(path: str | Path) -> Path:
    """The folder holding ``pack.toml``: ``path`` itself, or the one package under its ``src``.

    The one rule for what a pack's folder is, used by :func:`load_pack_dir`, by
    :func:`read_pack_dir` and by every command: a pack's project folder (what
    ``munintl new-pack`` writes) may be given for its package folder.

    Parameters
    ----------
    path : str or Path
        A pack's project folder, package folder or ``pack.toml``.

    Returns
    -------
    Path
        The one package folder under ``path/src`` holding a ``pack.toml``, if there is exactly
        one and ``path`` has no ``pack.toml`` of its own; else ``path``.

    Examples
    --------
    >>> find_pack_folder("no-such-folder").name
    'no-such-folder'
    """
    root = Path(path)
    try:
        if root.is_file() or (root / "pack.toml").is_file() or not (root / "src").is_dir():
            return root
        found = sorted(p.parent for p in (root / "src").glob("*/pack.toml"))
    except OSError:  # unreadable: the loader says so, as a PackDataError
        return root
    return found[0] if len(found) == 1 else root


def pack_folder(path: str | Path) -> tuple[_Reader, str]:
    """The reader of a pack folder given as the folder or its ``pack.toml``, and its label.

    This is how every command finds a folder's pack (``munintl validate`` too).
    """
    root = find_pack_folder(path)
    label = one_line(root.name or str(root))
    with _os_errors(label, None, "cannot read the pack folder"):
        resolved = _resolve(root)  # a link loop is reported as such, not as "no pack.toml"
        if root.name == MANIFEST and root.is_file():
            root = root.parent
            resolved = _resolve(root)
            label = one_line(resolved.name)
        manifest = root / MANIFEST
        if not manifest.is_file():
            if os.path.lexists(manifest):  # there, but a folder, a pipe or a broken link
                raise PackDataError(_not_a_file(manifest), pack=label, file=MANIFEST)
            raise PackDataError(_no_manifest(root))  # the path, not a pack, is wrong
        return _Reader(root, resolved), label  # as _Reader.of(root), resolving once


def _no_manifest(root: Path) -> str:
    """Why a path given as a pack folder holds no manifest: it is missing, a file, or a folder
    without one (a ``Pack.toml`` named). The one wording, for the API and every command."""
    shown = one_line(str(root))
    if not root.exists():
        return f"{shown} does not exist" + (" (a link to nothing)" if root.is_symlink() else "")
    if not root.is_dir():
        why = _not_a_file(root) if not root.is_file() else "it is a file"
        return f"{shown} is not a pack folder: {why}; give the folder holding {MANIFEST}"
    near = [item.name for item in root.iterdir() if item.name.lower() == MANIFEST]
    hint = f" ({near[0]!r} is there: the name is {MANIFEST}, in lower case)" if near else ""
    return f"{shown} is not a pack folder: there is no {MANIFEST} in it{hint}"


def _resolve(path: Path) -> Path:
    """``path.resolve()``, with a link loop as the OSError it is (Python 3.11 raises
    RuntimeError for it, which is no user's error type)."""
    try:
        return path.resolve()
    except RuntimeError:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path)) from None


def _not_a_file(path: Path) -> str:
    """Why ``path``, which is not a readable regular file, cannot be read as one: for the
    message ("there is no such file", "it is a folder, not a regular file", ...)."""
    try:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            mode = path.stat().st_mode
    except FileNotFoundError:
        return (
            "it is a link to a file that does not exist"
            if path.is_symlink()
            else ("there is no such file")
        )
    except OSError as exc:
        return f"it cannot be opened: {exc.strerror or type(exc).__name__}"
    for is_kind, what in _NOT_FILES:
        if is_kind(mode):
            return f"it is {what}, not a regular file"
    return "it is not a regular file"


_NOT_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


@attrs.frozen
class _os_errors:
    """Turn a file system error (no permission, a disk error, a damaged zip file) into the
    user's PackDataError. A class, not a generator: it wraps every file read, and a
    generator-based context manager cost a twentieth of a cached load."""

    pack: str
    file: str | None
    what: str

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, _: object
    ) -> None:
        if isinstance(exc, OSError):
            reason = exc.strerror or type(exc).__name__
            raise PackDataError(f"{self.what}: {reason}", pack=self.pack, file=self.file) from None
        if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):  # a damaged zip
            raise PackDataError(
                f"{self.what}: the zip file is damaged ({type(exc).__name__}: {exc})",
                pack=self.pack,
                file=self.file,
            ) from None


# --- reading ------------------------------------------------------------------------------------


@attrs.frozen
class _Reader:
    """Reads files of one pack, from a folder (confined to it) or a zip file (no links there).

    ``confine`` is the resolved folder every file must resolve into (links included); it is set
    whenever the pack lives on the file system, so an installed pack is confined as well.
    """

    root: Path | zipfile.Path
    confine: Path | None

    @classmethod
    def of(cls, root: Path | zipfile.Path) -> _Reader:
        return cls(root, _resolve(root) if isinstance(root, Path) else None)

    @property
    def folder(self) -> Path | None:
        """The pack's folder on the file system (None for a zip file)."""
        return self.root if isinstance(self.root, Path) else None

    def is_file(self, name: str) -> bool:
        return _FILE_NAME.match(name) is not None and self.root.joinpath(name).is_file()

    def toml_files(self) -> list[str]:
        """The names of the *.toml files lying in the pack's folder, sorted."""
        return sorted(
            item.name
            for item in self.root.iterdir()
            if _FILE_NAME.match(item.name) and item.is_file()
        )

    def read(self, name: str, pack: str) -> str:
        if not _FILE_NAME.match(name):  # checked by the caller too; this is the last line
            raise PackDataError(
                f"file name {name!r} must be a plain *.toml name inside the pack",
                pack=pack,
                file=MANIFEST,
                path="$.files",
            )
        with _os_errors(pack, name, "cannot be read"):
            data = self._bytes(name, pack)
        wide = _utf16(data)
        if wide:
            raise PackDataError(
                f"the file is UTF-16 text ({wide}); save it as UTF-8", pack=pack, file=name
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise PackDataError(
                f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                f"{exc.start}); save the file as UTF-8",
                pack=pack,
                file=name,
                line=line,
            ) from None
        # Windows editors often start UTF-8 files with a byte-order mark, which TOML parsers
        # refuse as an "invalid statement"; it carries no data, so it is dropped.
        return text.removeprefix("\ufeff")

    def _confined(self, item: Path, name: str, pack: str) -> bool:
        """Refuse a file that leads outside the pack's folder, or is above the size limit;
        whether it is a regular file (False when it is missing or not a file).

        ``name`` is a plain file name, so ``item`` lies in the folder unless it is a link:
        only a link needs resolving (resolving every file was a tenth of a load).
        """
        try:
            status = item.lstat()
        except FileNotFoundError:
            return False  # reported as missing by the caller
        if stat.S_ISLNK(status.st_mode) or self.root != self.confine:
            if not _resolve(item).is_relative_to(self.confine or item.parent):
                raise PackDataError(
                    "refused: the file is a link that leads outside the pack's folder",
                    pack=pack,
                    file=name,
                )
            if not item.is_file():
                return False
            status = item.stat()
        if stat.S_ISREG(status.st_mode) and status.st_size > MAX_FILE_BYTES:
            raise PackDataError(_too_big(status.st_size), pack=pack, file=name)
        return stat.S_ISREG(status.st_mode)

    def _bytes(self, name: str, pack: str) -> bytes:
        item = self.root.joinpath(name)
        if self.confine is not None:
            assert isinstance(item, Path)
            present = self._confined(item, name, pack)  # one stat of the file, not two
        else:
            present = item.is_file()
        if not present:
            why = _not_a_file(item) if isinstance(item, Path) else "there is no such file"
            raise PackDataError(f"listed in the manifest but {why}", pack=pack, file=name)
        # Read at most one byte more than allowed: a file that grew after the check above, or
        # one we could not stat, is still never read whole.
        with item.open("rb") as stream:
            # A read of the limit itself allocates a MiB per file (a tenth of a warm load);
            # the file's size now, plus one byte, is read first, then on if it has grown.
            expected = _size_now(stream)
            data = stream.read(expected + 1)
            if len(data) > expected:
                data += stream.read(MAX_FILE_BYTES + 1 - len(data))
        if len(data) > MAX_FILE_BYTES:
            raise PackDataError(_too_big(None), pack=pack, file=name)
        assert isinstance(data, bytes)
        return data


@attrs.frozen
class _ReadOnce(_Reader):
    """A reader that reads each file once and keeps its text, so that the disk cache's key and
    the pack built under it come from the same bytes, even if a file changes meanwhile."""

    texts: dict[str, str]

    def read(self, name: str, pack: str) -> str:
        found = self.texts.get(name)
        if found is None:
            found = self.texts[name] = super().read(name, pack)
        return found


def _size_now(stream: IO[bytes]) -> int:
    """The open file's size as the file system gives it, at most the limit (the limit where
    there is no size to ask for, as for a member of a zip file)."""
    try:
        return min(os.fstat(stream.fileno()).st_size, MAX_FILE_BYTES)
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is an OSError
        return MAX_FILE_BYTES


def _utf16(data: bytes) -> str:
    """Why ``data`` is UTF-16 (as Windows' Notepad and Excel save "Unicode" text), or "".

    >>> _utf16("a = 1".encode("utf-16")), _utf16("a = 1".encode("utf-16-le")), _utf16(b"a = 1")
    ('it starts with a UTF-16 byte-order mark', 'every other byte is 0', '')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "it starts with a UTF-16 byte-order mark"
    head = data[:4096]
    # ASCII text in UTF-16 has a zero byte in every pair; UTF-8 text never holds one.
    if len(head) >= 4 and max(head[0::2].count(0), head[1::2].count(0)) * 2 >= len(head) // 2:
        return "every other byte is 0"
    return ""


def _too_big(size: int | None) -> str:
    actual = f"{size} bytes" if size is not None else f"more than {MAX_FILE_BYTES} bytes"
    return (
        f"file is {actual}, above the limit of {MAX_FILE_BYTES} bytes for a data file "
        "(munintl.packs.MAX_FILE_BYTES); split it into several files"
    )


def _structure(
    data: dict[str, Any], cls: type[Any], *, pack: str, file: str, text: str, root: list[Segment]
) -> tuple[Any, list[Problem]]:
    try:
        return structure(data, cls), []
    except (BaseValidationError, InvalidField, TypeError, ValueError, KeyError) as exc:
        return None, problems_from(exc, pack=pack, file=file, text=text, root=root)


@attrs.frozen
class PackReading:
    """A pack as read from its files, with what the files say beyond the pack itself.

    ``origins`` tell where each entity is written; ``files`` are the data files read, in order;
    ``empty`` those that hold no data; ``unlisted`` the ``*.toml`` files in the pack's folder
    that the manifest does not list (their entities are not read).
    """

    pack: Pack
    origins: tuple[Origin, ...]
    files: tuple[str, ...]
    empty: tuple[str, ...]
    unlisted: tuple[str, ...]
    folder: Path | None

    def entity_lines(self) -> dict[str, tuple[str, int | None]]:
        """Where each entity is written: ``{id: (file name, line of its id)}``."""
        found: dict[str, tuple[str, int | None]] = {}
        for origin in self.origins:
            if origin.file is not None and origin.text is not None:
                line = locate_line(origin.text, [*origin.segments, "id"])
                found.setdefault(origin.entity.id, (origin.file, line))
        return found

    def notes(self) -> list[Problem]:
        """What ``munintl validate`` warns about: empty data files, unlisted ``*.toml`` files,
        documents in a language munintl does not read by meaning."""
        notes = [
            Problem("is listed in files but holds no data; remove it or fill it", self.pack.name, f)
            for f in self.empty
        ]
        notes += [
            Problem(
                f"is in the pack's folder but not listed in {MANIFEST}'s files, so its "
                f"entities are not read; add it to files = [...] (or remove it)",
                self.pack.name,
                f,
            )
            for f in self.unlisted
        ]
        return notes + self._unread_languages()

    def _unread_languages(self) -> list[Problem]:
        """A document in a language munintl does not read by meaning: its texts are compared
        word for word, which an author writing ``German`` for ``de``, say, should know."""
        notes = []
        for origin in self.origins:
            document = origin.entity
            if not isinstance(document, Document):
                continue
            language = text_language(document.language)
            if language in TEXT_LANGUAGES:
                continue
            at = [*origin.segments, "language"]
            line = locate_line(origin.text, at) if origin.text is not None else None
            notes.append(
                Problem(
                    f"{document.language!r}: munintl reads texts by meaning in "
                    f"{', '.join(sorted(TEXT_LANGUAGES))} only (stems, stop words, negation, the "
                    f"bilingual concepts); {language!r} texts are compared word for word (if the "
                    "text is in one of those, give its code)",
                    self.pack.name,
                    origin.file,
                    line,
                    _format_path(at),
                )
            )
        return notes


def read_pack_dir(path: str | Path) -> PackReading:
    """Read a pack folder as :func:`load_pack_dir` does, keeping where everything was written.

    ``munintl validate`` reads a pack through this, so that it sees exactly what the loader
    sees (the byte-order mark, the errors, the folder resolved from ``pack.toml``).

    Parameters
    ----------
    path : str or Path
        The pack's folder, or its ``pack.toml``.

    Returns
    -------
    PackReading
        The pack, where each entity is written, and the folder's empty and unlisted files.

    Raises
    ------
    PackDataError
        As :func:`load_pack_dir`.

    Examples
    --------
    >>> from importlib.resources import files
    >>> reading = read_pack_dir(str(files("munintl_pack_hamar")))
    >>> reading.pack.name, reading.unlisted, reading.empty
    ('hamar', (), ())
    """
    reader, label = pack_folder(path)
    reading = _read(reader, label)
    with _os_errors(reading.pack.name, None, "cannot list the pack folder"):
        on_disk = reader.toml_files()
    unlisted = tuple(
        f
        for f in on_disk
        if f != MANIFEST and f not in reading.files and _may_hold_entities(reader, f, label)
    )
    return attrs.evolve(reading, unlisted=unlisted, folder=reader.folder)


def _may_hold_entities(reader: _Reader, file: str, label: str) -> bool:
    """Whether an unlisted *.toml file may be a forgotten data file: it holds an entity list,
    or cannot be read as TOML at all (a tool's settings, such as pyproject.toml, is not one)."""
    try:
        data = parse(reader.read(file, label), pack=label, file=file)
    except PackDataError:
        return True
    return any(name in data for name in ENTITY_LISTS)


def _load(reader: _Reader, *, label: str) -> Pack:
    """Load and validate a pack, through the disk cache when it is on (munintl.disk_cache)."""
    with cyclic_gc_paused():
        folder = reader.folder
        if folder is None or cache_folder() is None:  # a zip file, or the cache is off
            return _read(reader, label).pack
        once = _ReadOnce(reader.root, reader.confine, {})
        try:
            texts = _texts_read(once, label)
        except PackDataError:  # the plain load finds the error, and says it as always
            return _read(once, label).pack
        # Built from exactly the texts the key was computed from (each file is read once).
        where = reader.confine or folder  # resolved already, by _Reader.of
        return cached_pack(
            where, label, texts, lambda: _read(once, label).pack, lambda found: type(found) is Pack
        )


def _texts_read(reader: _Reader, label: str) -> list[tuple[str, str]]:
    """The manifest's text and each listed file's, as (name, text), in the order listed.

    Only the manifest's ``files`` is read here, not the whole manifest validated: the texts are
    the cache's key, and a pack stored under it was validated, manifest and all, from the same
    texts; anything odd in ``files`` sends the load the plain way, which says what is wrong.
    """
    text = reader.read(MANIFEST, label)
    files = parse(text, pack=label, file=MANIFEST).get("files")
    if not isinstance(files, list) or not all(isinstance(file, str) for file in files):
        raise PackDataError("files is not a list of names", pack=label, file=MANIFEST)
    return [(MANIFEST, text)] + [(file, reader.read(file, label)) for file in files]


def _read(reader: _Reader, label: str) -> PackReading:
    text = reader.read(MANIFEST, label)
    manifest = _manifest(text, label)
    label = manifest.name
    _check_file_list(reader, manifest, label, text)
    lists: dict[str, list[Any]] = {name: [] for name in ENTITY_LISTS}
    origins: list[Origin] = []
    problems: list[Problem] = []
    empty: list[str] = []
    for file in manifest.files:
        file_text = reader.read(file, label)
        raw = parse(file_text, pack=label, file=file)
        misplaced = _manifest_as_data(raw, label, file, file_text)
        data, file_problems = (
            (None, misplaced)
            if misplaced
            else _structure(raw, PackData, pack=label, file=file, text=file_text, root=[])
        )
        problems += file_problems
        if data is None:
            continue
        if manifest.format_version >= 2:
            problems += _missing_bases(raw, label, file, file_text)
        before = len(origins)
        for name in ENTITY_LISTS:
            for position, entity in enumerate(getattr(data, name)):
                lists[name].append(entity)
                origins.append(Origin(entity, file, file_text, [name, position]))
        if len(origins) == before:  # only comments, or only empty lists
            empty.append(file)
    if problems:
        raise PackDataError(problems=tuple(problems))
    pack = Pack(
        name=manifest.name,
        municipality=manifest.municipality,
        format_version=manifest.format_version,
        description=manifest.description,
        **_tuples(lists),
    )
    problems = validate(pack, origins)
    if problems:
        raise PackDataError(problems=tuple(problems))
    return PackReading(pack, tuple(origins), manifest.files, tuple(empty), (), None)


def _tuples(lists: dict[str, list[Any]]) -> dict[str, Any]:
    return {name: tuple(items) for name, items in lists.items()}


def _manifest(text: str, label: str) -> Manifest:
    """The manifest of a pack from the text of its ``pack.toml``."""
    raw = parse(text, pack=label, file=MANIFEST)
    version = raw.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise PackDataError(
            f"format_version {version} is newer than this munintl reads ({FORMAT_VERSION}); "
            "upgrade munintl",
            pack=label,
            file=MANIFEST,
            line=locate_line(text, ["format_version"]),
            path="$.format_version",
        )
    problems = _entities_in_manifest(raw, label, text)
    raw = {key: value for key, value in raw.items() if key not in ENTITY_LISTS}
    manifest, more = _structure(raw, Manifest, pack=label, file=MANIFEST, text=text, root=[])
    if problems or more:
        raise PackDataError(problems=(*problems, *more))
    assert isinstance(manifest, Manifest)
    for segments, char in control_characters(manifest):  # entities are checked in validate()
        raise PackDataError(
            control_message(char),
            pack=label,
            file=MANIFEST,
            line=locate_line(text, segments),
            path=_format_path(segments),
        )
    codes = history_problems(manifest.municipality.codes)
    if codes:
        raise PackDataError(
            problems=tuple(
                Problem(
                    message,
                    label,
                    MANIFEST,
                    locate_line(text, ["municipality", "codes"]),
                    _format_path(["municipality", "codes", *path]),
                )
                for path, message in codes
            )
        )
    if manifest.format_version < 1:
        raise PackDataError(
            f"format_version {manifest.format_version} does not exist; use {FORMAT_VERSION}",
            pack=label,
            file=MANIFEST,
            line=locate_line(text, ["format_version"]),
            path="$.format_version",
        )
    return manifest


def _entities_in_manifest(raw: dict[str, Any], label: str, text: str) -> list[Problem]:
    """Entity lists written in pack.toml: each is reported with where they belong."""
    return [
        Problem(
            f"entity lists belong in a data file listed in `files`, not in {MANIFEST}: move "
            f"the {name} to a file such as {name}.toml and add it to files = [...]",
            label,
            MANIFEST,
            locate_line(text, [name]),
            f"$.{name}",
        )
        for name in raw
        if name in ENTITY_LISTS
    ]


_MANIFEST_KEYS = ("format_version", "files", "municipality")


def _manifest_as_data(raw: dict[str, Any], label: str, file: str, text: str) -> list[Problem]:
    """A pack manifest (this pack's or another's) listed as a data file: one clear problem."""
    keys = [key for key in _MANIFEST_KEYS if key in raw]
    if not keys:
        return []
    return [
        Problem(
            f"this file is a pack manifest (it has {keys[0]}), not a data file: list only data "
            f"files (holding entity lists such as [[goals]]) in {MANIFEST}'s files",
            label,
            file,
            locate_line(text, [keys[0]]),
            f"$.{keys[0]}",
        )
    ]


def _check_file_list(reader: _Reader, manifest: Manifest, label: str, text: str) -> None:
    """The whole list is checked before any file is opened; what is wrong with it is reported
    at its entry in the manifest."""
    if not manifest.files:  # else the pack loads empty, its data files silently unread
        raise PackDataError(
            'lists no data file: list the pack\'s data files, files = ["goals.toml", ...]',
            pack=label,
            file=MANIFEST,
            line=locate_line(text, ["files"]),
            path="$.files",
        )
    for index, file in enumerate(manifest.files):
        if file == MANIFEST or file in manifest.files[:index]:
            raise _entry_error(
                "is listed twice or is the manifest itself", label, text, index, file
            )
        if not _FILE_NAME.match(file):
            raise _entry_error(
                "is not a plain *.toml file name: data files lie directly in the pack's folder",
                label,
                text,
                index,
                file,
            )
        with _os_errors(label, file, "cannot be read"):  # a damaged zip file
            try:
                present = reader.is_file(file)
            except OSError as exc:  # a name too long, no permission: said at its entry
                reason = exc.strerror or type(exc).__name__
                raise _entry_error(f"cannot be read: {reason}", label, text, index, file) from None
        if not present:
            why = (
                "there is no such file"
                if reader.folder is None
                else _not_a_file(reader.folder / file)
            )
            raise _entry_error(
                f"is listed but {why}{_case_hint(reader, file)}", label, text, index, file
            )


def _case_hint(reader: _Reader, file: str) -> str:
    """A did-you-mean for a listed name that differs from a file's only in case."""
    with contextlib.suppress(OSError):
        for name in reader.toml_files():
            if name.lower() == file.lower() and name != file:
                return f" (did you mean {name!r}? file names are case-sensitive)"
    return ""


def _missing_bases(data: dict[str, Any], label: str, file: str, text: str) -> list[Problem]:
    """A format 2 file's statuses without their basis, each a located problem."""
    problems = []
    for segments, what in missing_bases(data):
        if segments[-1] == "rationale":
            message = f"an inferred {what} needs a one-line rationale"
        elif segments[-1] == "evidence":
            message = (
                f'required field is missing: a {what} needs evidence = "stated" (with the '
                'source stating it) or "inferred" (with a rationale)'
            )
        else:
            message = (
                f"required field is missing: the {what} needs its basis, "
                f'{{ evidence = "stated", source = {{ ... }} }} or '
                f'{{ evidence = "inferred", rationale = "..." }}'
            )
        problems.append(
            Problem(message, label, file, _status_line(text, segments), _format_path(segments))
        )
    return problems


def _status_line(text: str, segments: list[Segment]) -> int | None:
    """The line to name for a status missing its basis: the status's own line (``status =
    ...``, ``in_force = ...``) when the missing key is a ``*_basis`` table, which has no line."""
    last = segments[-1]
    if isinstance(last, str) and last.endswith("_basis"):
        line = locate_status(text, [*segments[:-1], last.removesuffix("_basis")])
        if line is not None:
            return line
    return locate_status(text, segments)


def _entry_error(message: str, label: str, text: str, index: int, file: str) -> PackDataError:
    return PackDataError(
        f"{file!r} {message}",
        pack=label,
        file=MANIFEST,
        line=_line_of_item(text, file),
        path=f"$.files[{index}]",
    )


def _line_of_item(text: str, item: str) -> int | None:
    """The line of a text item in the manifest's ``files``, which may span several lines."""
    start = locate_line(text, ["files"])
    if start is None:
        return None
    lines = text.split("\n")
    quoted = (f'"{item}"', f"'{item}'")
    for number in range(start, len(lines) + 1):
        if any(q in lines[number - 1] for q in quoted):
            return number
    return start
