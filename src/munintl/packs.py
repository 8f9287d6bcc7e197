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

import re
import sys
import threading
import types
from collections.abc import Iterable
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import importlib_metadata
from cattrs.errors import BaseValidationError

from munintl._convert import Segment, _format_path, locate_line, problems_from, structure
from munintl.errors import (
    MunintlError,
    PackDataError,
    PackDiscoveryError,
    PackNotFoundError,
    Problem,
)
from munintl.model import ENTITY_LISTS, FORMAT_VERSION, InvalidField, Manifest, Pack, PackData
from munintl.status_basis import locate_status, missing_bases
from munintl.validation import Origin, control_characters, control_message, validate

if TYPE_CHECKING:
    import tomllib as toml
else:
    try:  # the "fast" extra: compiled tomli reads the same TOML 2-3x faster, same messages
        import tomli as toml
    except ImportError:
        import tomllib as toml

__all__ = [
    "ENTRY_POINT_GROUP",
    "MANIFEST",
    "MAX_FILE_BYTES",
    "PackInfo",
    "as_packs",
    "available_packs",
    "clear_cache",
    "installed_packs",
    "load_pack",
    "load_pack_dir",
    "load_packs",
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
    """The names of the installed packs, sorted. Nothing is imported to find them."""
    return sorted(_discover())


def clear_cache() -> None:
    """Forget discovered and loaded packs (after installing one in a running process)."""
    global _entry_points
    with _lock:
        _cache.clear()
        _entry_points = None


def load_pack(name: str) -> Pack:
    """The installed pack ``name``, loaded once and cached (safe to call from many threads)."""
    with _lock:
        cached = _cache.get(name)
        if cached is None:
            try:
                cached = _load_installed(name)
            except (PackDataError, PackDiscoveryError) as exc:
                cached = exc
            _cache[name] = cached
    if isinstance(cached, MunintlError):
        raise cached
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

    Examples
    --------
    >>> [p.name for p in as_packs(["oslo", load_pack("hamar")])]
    ['oslo', 'hamar']
    """
    return [load_pack(p) if isinstance(p, str) else p for p in packs]


def load_packs(names: Iterable[str]) -> list[Pack]:
    """Several packs at once; two packs for the same municipality are an error."""
    packs = [load_pack(name) for name in names]
    _check_clashes(packs)
    return packs


def _check_clashes(packs: list[Pack]) -> None:
    owners: dict[str, Pack] = {}
    for pack in packs:
        first = owners.setdefault(pack.municipality.code, pack)
        if first is not pack and first.name != pack.name:
            raise PackDiscoveryError(
                f"claims municipality {pack.municipality.code} ({pack.municipality.name}), "
                f"already claimed by pack {first.name!r}"
                + (f" ({first.distribution})" if first.distribution else ""),
                pack=pack.name,
                distribution=pack.distribution,
            )


def installed_packs() -> list[PackInfo]:
    """Every installed pack with its status; broken ones carry the reason, others still load."""
    infos: list[PackInfo] = []
    loaded: list[Pack] = []
    for name in available_packs():
        eps = _discover()[name]
        try:
            pack = load_pack(name)
            _check_clashes([*loaded, pack])
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
    # A plugin's import may raise anything, even SystemExit: isolate it, keep the cause.
    # (KeyboardInterrupt still stops the program, as the user asked.)
    try:
        target = ep.load()
    except (Exception, SystemExit) as exc:
        raise PackDiscoveryError(
            f"entry point {ep.value!r} failed to import: {type(exc).__name__}: {exc}",
            pack=name,
            distribution=dist_name,
        ) from exc
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
    root = files(target)
    if not root.joinpath(MANIFEST).is_file():
        raise PackDiscoveryError(
            f"package {target.__name__!r} holds no {MANIFEST}", pack=name, distribution=dist_name
        )
    pack = _load(_Reader.of(root), label=name)
    if pack.name != name:
        raise PackDiscoveryError(
            f"entry point name {name!r} differs from the manifest's name {pack.name!r}",
            pack=name,
            distribution=dist_name,
        )
    return attrs.evolve(pack, distribution=dist_name, version=_dist_version(eps[0]))


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
    """Load a pack folder (the one holding ``pack.toml``) without installing it. Not cached.

    Files are read only from inside the folder: names with a path, and links that lead
    outside, are refused.
    """
    root = Path(path)
    label = root.name or str(root)
    if root.is_file() and root.name == MANIFEST:
        root = root.parent
        label = root.name
    if not (root / MANIFEST).is_file():
        raise PackDataError(f"no {MANIFEST} in {str(root)!r}", pack=label)
    return _load(_Reader.of(root), label=label)


# --- reading ------------------------------------------------------------------------------------


@attrs.frozen
class _Reader:
    """Reads files of one pack, from a package (Traversable) or a folder (confined to it).

    ``confine`` is the resolved folder every file must resolve into (links included); it is set
    whenever the pack lives on the file system, so an installed pack is confined as well.
    """

    root: Traversable | Path
    confine: Path | None

    @classmethod
    def of(cls, root: Traversable | Path) -> _Reader:
        return cls(root, root.resolve() if isinstance(root, Path) else None)

    def is_file(self, name: str) -> bool:
        return _FILE_NAME.match(name) is not None and self.root.joinpath(name).is_file()

    def read(self, name: str, pack: str) -> str:
        if not _FILE_NAME.match(name):  # checked by the caller too; this is the last line
            raise PackDataError(
                f"file name {name!r} must be a plain *.toml name inside the pack",
                pack=pack,
                file=MANIFEST,
                path="$.files",
            )
        item = self.root.joinpath(name)
        if self.confine is not None:
            assert isinstance(item, Path)
            if not item.resolve().is_relative_to(self.confine):
                raise PackDataError(
                    "refused: the file is a link that leads outside the pack's folder",
                    pack=pack,
                    file=name,
                )
            if item.is_file() and item.stat().st_size > MAX_FILE_BYTES:
                raise PackDataError(_too_big(item.stat().st_size), pack=pack, file=name)
        if not item.is_file():
            raise PackDataError("listed in the manifest but missing", pack=pack, file=name)
        # Read at most one byte more than allowed: a file that grew after the check above, or
        # one we could not stat, is still never read whole.
        try:
            with item.open("rb") as stream:
                data = stream.read(MAX_FILE_BYTES + 1)
        except OSError as exc:  # no permission, a disk error: the user's to fix, not a crash
            reason = exc.strerror or type(exc).__name__
            raise PackDataError(f"cannot be read: {reason}", pack=pack, file=name) from exc
        if len(data) > MAX_FILE_BYTES:
            raise PackDataError(_too_big(None), pack=pack, file=name)
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


def _too_big(size: int | None) -> str:
    actual = f"{size} bytes" if size is not None else f"more than {MAX_FILE_BYTES} bytes"
    return (
        f"file is {actual}, above the limit of {MAX_FILE_BYTES} bytes for a data file "
        "(munintl.packs.MAX_FILE_BYTES); split it into several files"
    )


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")


def _parse(text: str, pack: str, file: str) -> dict[str, Any]:
    try:
        return toml.loads(text)
    except toml.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        line = int(match[1]) if match and match[1] else text.count("\n") + 1
        reason = _TOML_POSITION.sub("", message)
        column = f", column {match[2]}" if match and match[2] else ""
        raise PackDataError(
            f"invalid TOML: {reason}{column}", pack=pack, file=file, line=line
        ) from None
    except ValueError:
        # tomllib lets Python's int() refuse a number of thousands of digits unwrapped.
        raise PackDataError(
            f"invalid TOML: a number has more than {sys.get_int_max_str_digits()} digits",
            pack=pack,
            file=file,
        ) from None
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively.
        raise PackDataError(
            "invalid TOML: arrays or tables are nested too deeply", pack=pack, file=file
        ) from None


def _structure(
    data: dict[str, Any], cls: type[Any], *, pack: str, file: str, text: str, root: list[Segment]
) -> tuple[Any, list[Problem]]:
    try:
        return structure(data, cls), []
    except (BaseValidationError, InvalidField, TypeError, ValueError, KeyError) as exc:
        return None, problems_from(exc, pack=pack, file=file, text=text, root=root)


def _load(reader: _Reader, *, label: str) -> Pack:
    text = reader.read(MANIFEST, label)
    raw = _parse(text, label, MANIFEST)
    version = raw.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise PackDataError(
            f"format_version {version} is newer than this munintl reads ({FORMAT_VERSION}); "
            "upgrade munintl",
            pack=label,
            file=MANIFEST,
            line=_line_of(text, "format_version"),
            path="$.format_version",
        )
    manifest, problems = _structure(raw, Manifest, pack=label, file=MANIFEST, text=text, root=[])
    if problems:
        raise PackDataError(problems=tuple(problems))
    assert isinstance(manifest, Manifest)
    for segments, char in control_characters(manifest):  # entities are checked in validate()
        raise PackDataError(
            control_message(char),
            pack=label,
            file=MANIFEST,
            line=locate_line(text, segments),
            path=_format_path(segments),
        )
    if manifest.format_version < 1:
        raise PackDataError(
            f"format_version {manifest.format_version} does not exist; use {FORMAT_VERSION}",
            pack=label,
            file=MANIFEST,
            line=_line_of(text, "format_version"),
            path="$.format_version",
        )
    label = manifest.name
    lists: dict[str, list[Any]] = {name: [] for name in ENTITY_LISTS}
    origins: list[Origin] = []
    # The whole list is checked before any file is opened; what is wrong with it is reported
    # at its entry in the manifest.
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
        if not reader.is_file(file):
            raise _entry_error("is listed but there is no such file", label, text, index, file)
    for file in manifest.files:
        file_text = reader.read(file, label)
        raw_data = _parse(file_text, label, file)
        data, file_problems = _structure(
            raw_data, PackData, pack=label, file=file, text=file_text, root=[]
        )
        problems += file_problems
        if data is None:
            continue
        if manifest.format_version >= 2:
            problems += _missing_bases(raw_data, label, file, file_text)
        for name in ENTITY_LISTS:
            for position, entity in enumerate(getattr(data, name)):
                lists[name].append(entity)
                origins.append(Origin(entity, file, file_text, [name, position]))
    if problems:
        raise PackDataError(problems=tuple(problems))
    entity_lists: dict[str, Any] = {name: tuple(items) for name, items in lists.items()}
    pack = Pack(
        name=manifest.name,
        municipality=manifest.municipality,
        format_version=manifest.format_version,
        description=manifest.description,
        **entity_lists,
    )
    problems = validate(pack, origins)
    if problems:
        raise PackDataError(problems=tuple(problems))
    return pack


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
                f"required field is missing: a {what} needs its basis, "
                f'{{ evidence = "stated", source = {{ ... }} }} or '
                f'{{ evidence = "inferred", rationale = "..." }}'
            )
        line = locate_status(text, segments)
        problems.append(Problem(message, label, file, line, _format_path(segments)))
    return problems


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"^\s*{re.escape(key)}\s*=", line):
            return number
    return None


def _entry_error(message: str, label: str, text: str, index: int, file: str) -> PackDataError:
    return PackDataError(
        f"{file!r} {message}",
        pack=label,
        file=MANIFEST,
        line=_line_of_item(text, "files", file),
        path=f"$.files[{index}]",
    )


def _line_of_item(text: str, key: str, item: str) -> int | None:
    """The line of a text item in the array ``key``, which may span several lines."""
    start = _line_of(text, key)
    if start is None:
        return None
    lines = text.splitlines()
    quoted = (f'"{item}"', f"'{item}'")
    for number in range(start, len(lines) + 1):
        if any(q in lines[number - 1] for q in quoted):
            return number
    return start
