"""Upgrade a pack of format 1 to format 2 in place, keeping its comments and layout.

Format 2 gives every status its evidence (see :mod:`munintl.status_basis`). A format 1 pack
gives none, so each status it gives becomes inferred, with a rationale saying that it was
recorded without evidence and is to be checked against the source: the migration adds no
claim the pack did not make. Needs the ``migrate`` extra (tomlkit, which edits TOML without
losing comments or layout).

>>> MIGRATED_RATIONALE
'recorded without evidence (format 1); to be checked against the source'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from munintl._convert import Segment, _format_path
from munintl.errors import MissingExtraError, PackDataError, Problem
from munintl.model import FORMAT_VERSION
from munintl.status_basis import locate_status, missing_bases

__all__ = ["MIGRATED_RATIONALE", "Migration", "migrate_pack"]

MIGRATED_RATIONALE = "recorded without evidence (format 1); to be checked against the source"
"""The rationale ``munintl migrate`` gives each status that a format 1 pack gave no evidence."""


@attrs.frozen
class Migration:
    """What :func:`migrate_pack` did: the pack, its format before, and each status it gave a
    basis (as a located :class:`~munintl.errors.Problem` naming file, line and field path)."""

    pack: str
    from_version: int
    changes: tuple[Problem, ...] = ()


def _tomlkit() -> Any:
    try:
        import tomlkit
    except ImportError:
        raise MissingExtraError(
            'pack migrations need tomlkit: python -m pip install "munintl[migrate]"'
        ) from None
    return tomlkit


def migrate_pack(path: str | Path) -> Migration:
    """Upgrade the format 1 pack in folder ``path`` to the current format, in place.

    Every status without evidence gets ``evidence = "inferred"`` and the rationale
    :data:`MIGRATED_RATIONALE` (a membership status entry in its own table; a partnership's or
    strategy's ``status`` and ``in_force`` a ``status_basis`` / ``in_force_basis``), and
    ``format_version`` becomes 2. Comments, order and layout of everything else stay as they
    were. A pack already in the current format is left untouched.

    Parameters
    ----------
    path : str or Path
        The folder holding ``pack.toml``.

    Returns
    -------
    Migration
        The pack's name, its format before, and one change per status given a basis.

    Raises
    ------
    PackDataError
        The pack does not load as it is (fix it first), or is of a format this munintl does
        not know; nothing is written.
    MissingExtraError
        tomlkit, of the ``migrate`` extra, is not installed.

    Examples
    --------
    >>> import shutil, tempfile, munintl.migrate
    >>> v1_pack = Path(munintl.migrate.__file__).parents[2] / "tests" / "data" / "v1-pack"
    >>> folder = shutil.copytree(v1_pack, Path(tempfile.mkdtemp()) / "pack")
    >>> done = migrate_pack(folder)
    >>> done.from_version, len(done.changes)
    (1, 6)
    >>> print(done.changes[0])
    oldtown: strategy.toml:13: $.strategies[0].status_basis: inferred, recorded without evidence
    >>> migrate_pack(folder).changes
    ()
    """
    from munintl.packs import MANIFEST, load_pack_dir

    tomlkit = _tomlkit()
    folder = Path(path)
    pack = load_pack_dir(folder)  # a pack that does not load is not touched
    if pack.format_version >= FORMAT_VERSION:
        return Migration(pack.name, pack.format_version)
    manifest = tomlkit.parse((folder / MANIFEST).read_text(encoding="utf-8"))
    originals, rewritten, changes = _with_bases(folder, manifest.get("files", []), pack.name)
    originals[MANIFEST] = (folder / MANIFEST).read_text(encoding="utf-8")
    manifest["format_version"] = FORMAT_VERSION
    rewritten[MANIFEST] = tomlkit.dumps(manifest)
    _write(folder, rewritten)
    try:
        load_pack_dir(folder)
    except PackDataError:  # never leave a pack broken: put the files back as they were
        _write(folder, originals)
        raise
    return Migration(pack.name, pack.format_version, tuple(changes))


def _with_bases(
    folder: Path, files: list[str], name: str
) -> tuple[dict[str, str], dict[str, str], list[Problem]]:
    """Each data file that lacks a basis: its text before, its text after, and the changes."""
    tomlkit = _tomlkit()
    originals: dict[str, str] = {}
    rewritten: dict[str, str] = {}
    changes: list[Problem] = []
    for file in files:
        text = (folder / file).read_text(encoding="utf-8")
        document = tomlkit.parse(text)
        added = [segments for segments, _ in missing_bases(document)]
        for segments in added:
            _add_basis(document, segments, tomlkit)
        if added:
            originals[file] = text
            rewritten[file] = tomlkit.dumps(document)
            changes += [_change(name, file, rewritten[file], s) for s in added]
    return originals, rewritten, changes


def _add_basis(document: Any, segments: list[Segment], tomlkit: Any) -> None:
    """Give the status at ``segments`` (a missing key, see :func:`missing_bases`) its basis.

    The new keys go right after the status they explain. An inline table is rewritten from
    its own text with the keys added before its closing brace (so its spacing stays the
    file's); a table gets each key inserted after the status's line: appending at the end
    would put it after comments that introduce the next table.
    """
    *path, key = segments
    holder: Any = document
    for segment in path[:-1]:
        holder = holder[segment]
    table = holder[path[-1]]
    rationale = f'"{MIGRATED_RATIONALE}"'
    pairs = {
        "evidence": [("evidence", '"inferred"'), ("rationale", rationale)],
        "rationale": [("rationale", rationale)],
    }.get(str(key), [(str(key), f'{{ evidence = "inferred", rationale = {rationale} }}')])
    if isinstance(table, tomlkit.items.InlineTable):
        text = table.as_string().rstrip().removesuffix("}").rstrip()
        added = ", ".join(f"{name} = {value}" for name, value in pairs)
        holder[path[-1]] = tomlkit.parse(f"x = {text}, {added} }}\n")["x"]
        return
    after = {"status_basis": "status", "in_force_basis": "in_force"}.get(str(key), "status")
    after = "evidence" if key == "rationale" else after
    for name, value in pairs:
        # tomlkit has no public way to insert a key at a position; _insert_after is the one
        # its own Table.add and __setitem__ build on (since tomlkit 0.5).
        table.value._insert_after(after, name, tomlkit.parse(f"x = {value}\n")["x"])
        after = name


def _change(pack: str, file: str, text: str, segments: list[Segment]) -> Problem:
    where = segments if segments[-1] in ("status_basis", "in_force_basis") else segments[:-1]
    line = locate_status(text, list(where))
    return Problem(
        "inferred, recorded without evidence", pack, file, line, _format_path(list(where))
    )


def _write(folder: Path, texts: dict[str, str]) -> None:
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
