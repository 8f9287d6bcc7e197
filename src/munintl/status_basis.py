"""Which statuses a data file gives without their basis (evidence), found in its raw TOML.

Format 2 requires a basis on every status; format 1 had none, so its statuses load as inferred,
"recorded without evidence". The model cannot tell a status that omitted its basis from one
that gave the default, so the raw table is read: this is the one place that knows which keys
make a status's basis. The loader refuses what this finds in a format 2 pack; ``munintl
validate`` warns of it in a format 1 pack, and ``munintl migrate`` fills it in.

>>> data = {"partnerships": [{"id": "p", "status": "active"}],
...         "strategies": [{"id": "s", "status": "adopted", "in_force": True,
...                         "in_force_basis": {"evidence": "inferred", "rationale": "r"}}]}
>>> for path, what in missing_bases(data):
...     print(path, what)
['strategies', 0, 'status_basis'] strategy status
['partnerships', 0, 'status_basis'] partnership status
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from munintl._convert import Segment, _format_path, locate_line
from munintl.errors import Problem

__all__ = ["BASIS_FIELDS", "locate_status", "missing_bases", "statuses_without_evidence"]

BASIS_FIELDS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "strategies": (
        ("status", "status_basis", "strategy status"),
        ("in_force", "in_force_basis", "in_force"),
    ),
    "partnerships": (("status", "status_basis", "partnership status"),),
}
"""Per entity list: (field, the field holding its basis, what to call it in a message)."""


def missing_bases(data: Mapping[str, Any]) -> Iterator[tuple[list[Segment], str]]:
    """Yield where a data file's table gives a status without its basis.

    Parameters
    ----------
    data : mapping
        One data file as parsed TOML (``tomllib.loads``), already known to structure.

    Yields
    ------
    tuple of (list of str or int, str)
        The field path of the missing key (``["memberships", 0, "statuses", 1, "evidence"]``)
        and what lacks it ("membership status", "strategy status", "partnership status",
        "in_force"). An inferred membership status without its ``rationale`` is reported at
        ``rationale``.

    Examples
    --------
    >>> entry = {"status": "member", "evidence": "inferred"}
    >>> list(missing_bases({"memberships": [{"statuses": [entry]}]}))
    [(['memberships', 0, 'statuses', 0, 'rationale'], 'membership status')]
    """
    for name, fields in BASIS_FIELDS.items():
        for index, table in enumerate(_tables(data.get(name))):
            for field, basis, what in fields:
                if table.get(field) is not None and basis not in table:
                    yield [name, index, basis], what
    for index, membership in enumerate(_tables(data.get("memberships"))):
        for position, entry in enumerate(_tables(membership.get("statuses"))):
            path: list[Segment] = ["memberships", index, "statuses", position]
            if "evidence" not in entry:
                yield [*path, "evidence"], "membership status"
            elif entry["evidence"] == "inferred" and "rationale" not in entry:
                yield [*path, "rationale"], "membership status"


def _tables(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


_INLINE_ARRAY = re.compile(r"^\s*statuses\s*=\s*\[")


def locate_status(text: str, segments: list[Segment]) -> int | None:
    """The 1-based line of a status, or of a key in it, in a data file's TOML text.

    As :func:`munintl._convert.locate_line`, but an entry of an inline ``statuses = [...]``
    array that spans several lines is found at its own line, not at the array's first.

    Parameters
    ----------
    text : str
        The data file's TOML text.
    segments : list of str or int
        The field path, as :func:`missing_bases` yields it.

    Returns
    -------
    int or None
        The line, or None when the path is not found in ``text``.

    Examples
    --------
    >>> lines = ["[[memberships]]", "statuses = [", '{ status = "member" },', "{ status = 'x' }]"]
    >>> locate_status("\\n".join(lines), ["memberships", 0, "statuses", 1, "evidence"])
    4
    >>> _nth_entry('[{ a = "}\\\\"{" }, # {\\n {}]', 1, 7)
    8
    """
    line = locate_line(text, segments)
    if "statuses" not in segments[:-1]:
        return line
    cut = segments.index("statuses")
    array = locate_line(text, segments[: cut + 1])
    entry = segments[cut + 1] if cut + 1 < len(segments) else None
    lines = text.split("\n")  # TOML's lines: U+2028 and friends are not line breaks
    if array is None or not isinstance(entry, int) or not _INLINE_ARRAY.match(lines[array - 1]):
        return line
    start = lines[array - 1].index("[")
    return _nth_entry("\n".join(lines[array - 1 :])[start:], entry, array) or line


def _nth_entry(text: str, wanted: int, first_line: int) -> int | None:
    """The line of the ``wanted``-th inline table of the array ``text`` starts with."""
    depth, count, quote, comment, escaped, line = 0, -1, "", False, False, first_line
    for char in text:
        if char == "\n":
            line, comment = line + 1, False
        elif comment:
            continue
        elif escaped:
            escaped = False
        elif quote:
            escaped = quote == '"' and char == "\\"
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#":
            comment = True
        elif char in "[{":
            depth += 1
            if char == "{" and depth == 2:
                count += 1
                if count == wanted:
                    return line
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return None
    return None


def statuses_without_evidence(path: str | Path) -> list[Problem]:
    """The statuses a format 1 pack folder gives without evidence, each located.

    Each counts as inferred, "recorded without evidence"; ``munintl validate`` warns of each and
    ``munintl migrate`` gives each its basis. A pack of format 2 has none (the loader refuses
    them), so this is empty for it.

    Parameters
    ----------
    path : str or Path
        A pack folder that loads (see :func:`munintl.load_pack_dir`).

    Returns
    -------
    list of Problem
        One per status, naming the pack, file, line and field path of the status.

    Examples
    --------
    >>> import munintl
    >>> v1_pack = Path(munintl.__file__).parents[2] / "tests" / "data" / "v1-pack"
    >>> print(statuses_without_evidence(v1_pack)[0])  # doctest: +NORMALIZE_WHITESPACE
    oldtown: strategy.toml:12: $.strategies[0].status: strategy status recorded without
    evidence (format 1): counts as inferred; give its basis, or run munintl migrate
    """
    folder = Path(path)
    manifest = tomllib.loads((folder / "pack.toml").read_text(encoding="utf-8-sig"))
    if manifest.get("format_version") != 1:
        return []
    name = str(manifest.get("name", folder.name))
    problems = []
    for file in manifest.get("files", []):
        text = (folder / file).read_text(encoding="utf-8-sig")
        for segments, what in missing_bases(tomllib.loads(text)):
            where = _status_of(segments)
            message = (
                f"{what} recorded without evidence (format 1): counts as inferred; give its "
                "basis, or run munintl migrate"
            )
            line = locate_status(text, where)
            problems.append(Problem(message, name, file, line, _format_path(where)))
    return problems


def _status_of(segments: list[Segment]) -> list[Segment]:
    """The path of the status a missing basis belongs to (``status_basis`` -> ``status``)."""
    last = segments[-1]
    if last in ("evidence", "rationale"):
        return segments[:-1]
    return [*segments[:-1], str(last).removesuffix("_basis")]
