"""The one cattrs converter, and the translation of its errors into located problems.

The converter is strict: unknown keys are errors (a typo must never be silently dropped), and
a string is never turned into a number or a number into a string behind the user's back.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as _dt
import difflib
import itertools
import math
import re
import tomllib
from collections.abc import Callable, Iterator
from enum import Enum, StrEnum
from functools import cache, lru_cache
from types import NoneType, UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from munintl._toml_position import value_last_line, value_offset
from munintl.errors import InvalidField, Problem

__all__ = ["converter", "locate_line", "path_at", "problems_from", "structure", "unstructure"]

T = TypeVar("T")
Segment = str | int

_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}


def _describe(value: object) -> str:
    """A short description of a TOML value for a message (containers by kind only: their
    contents would make the one-line message long and say little).

    >>> _describe(42), _describe({"a": 1}), _describe([1])
    ('an integer 42', 'a table', 'an array')
    >>> _describe("x" * 70)
    "text 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'"
    """
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, _dt.datetime):  # before date: a datetime is a date
        return f"a TOML date-time {value.isoformat()}"
    if isinstance(value, (_dt.date, _dt.time)):
        return f"a TOML {type(value).__name__} {value.isoformat()}"
    kinds = {str: "text", bool: "a boolean", int: "an integer", float: "a number"}
    shown = repr(value)
    shown = shown if len(shown) <= 64 else shown[:60] + "...'"
    return f"{kinds.get(type(value), type(value).__name__)} {shown}"


def _date_hint(value: _dt.date | _dt.time) -> str:
    """TOML reads an unquoted 2018-06-20 as a date; packs keep dates as text, in quotes, and
    as days at most (no time of day, no time zone): the hint shows the text to write.

    >>> _date_hint(_dt.datetime(2020, 1, 2, 9, 30, tzinfo=_dt.timezone.utc))  # doctest: +ELLIPSIS
    'expected text, got a TOML date-time 2020-01-02T09:30:00+00:00; packs keep ... "2020-01-02"'
    """
    if isinstance(value, _dt.datetime):
        return (
            f"expected text, got {_describe(value)}; packs keep dates without a time of day "
            f'or time zone: write the day in quotes: "{value.date().isoformat()}"'
        )
    if isinstance(value, _dt.time):
        return f"expected text, got {_describe(value)}; a time of day is not a date in a pack"
    return f'expected text, got {_describe(value)}; write it in quotes: "{value.isoformat()}"'


def _strict(kind: type[Any]) -> Any:
    def hook(value: object, _: type[Any]) -> Any:
        if type(value) is kind:  # the common case, first: ~100,000 calls per 100 packs
            return value
        ok = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if kind is str and isinstance(value, (_dt.date, _dt.time)):
            raise TypeError(_date_hint(value))
        if not ok:
            raise TypeError(f"expected {_TYPE_NAMES[kind]}, got {_describe(value)}")
        return value

    def integer(value: object, _: type[Any]) -> Any:
        if type(value) is int and not _INT64_MIN <= value <= _INT64_MAX:
            shown = str(value) if abs(value) < 10**30 else "an integer this large"
            raise ValueError(f"{shown} is beyond the 64-bit integers TOML allows")
        return hook(value, _)

    return integer if kind is int else hook


# TOML's integers are 64-bit; tomllib reads any size, which exports and other readers cannot.
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


def _tables_only(cls: type[Any], conv: cattrs.Converter) -> Callable[[Any, type[Any]], Any]:
    """cattrs' hook for an attrs class, refusing anything but a table.

    Without this, text where a table belongs fails deep inside cattrs with
    "'str' object has no attribute 'keys'".
    """
    inner = conv.gen_structure_attrs_fromdict(cls)

    def hook(value: Any, type_: type[Any]) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected a table, got {_describe(value)}")
        return inner(value, type_)

    return hook


def _is_array(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _arrays_only(type_: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """cattrs' hook for ``tuple[X, ...]``, refusing anything but an array.

    cattrs would turn any iterable into a tuple: text into its letters, a table into its keys.
    """
    inner = homogenous_tuple_structure_factory(type_, conv)
    table_items = attrs.has(get_args(type_)[0])

    def hook(value: Any, t: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            what = "an array of tables" if table_items else "an array"
            raise TypeError(f"expected {what}, got {_describe(value)}")
        return inner(value, t)

    return hook


def _enum_hook(value: object, cls: type[Enum]) -> Enum:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in cls)
        close = _closest(value, tuple(m.value for m in cls)) if isinstance(value, str) else None
        hint = f" (did you mean {close!r}?)" if close else ""
        raise ValueError(f"{value!r} is not one of {allowed}{hint}") from None


def _finite(value: object, _: type[Any]) -> float:
    """A number for a float field: finite only (TOML's nan and inf are no amount or figure)."""
    if type(value) is float and math.isfinite(value):  # the common case, first
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {_describe(value)}")
    try:
        number = float(value)  # an integer of hundreds of digits overflows here
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        shown = repr(value) if isinstance(value, float) else "an integer this large"
        raise ValueError(f"{shown} is not a number munintl accepts: only finite numbers are data")
    return number


# --- the fast converter's hooks -------------------------------------------------------------
# The fast converter only has to accept exactly what the detailed one accepts and build the same
# objects: any exception it raises sends the data to the detailed converter, which finds and
# words the problems. So its hooks resolve their inner hooks once, when built, and test the
# common case first (cattrs' own hooks dispatch again on every value).


def _is_optional(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) in (Union, UnionType) and len(args) == 2 and NoneType in args


def _optional_fast(type_: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """``X | None``: None, or whatever X's hook makes of the value."""
    args = get_args(type_)
    other = args[0] if args[1] is NoneType else args[1]
    inner = conv.get_structure_hook(other)
    if other in _PRIMITIVES:  # a primitive value is its own structure: no call for it

        def primitive(value: Any, _: Any) -> Any:
            if value is None or (type(value) is other and other is not int):
                return value
            return inner(value, other)  # an int: its hook checks TOML's 64-bit range

        return primitive

    def hook(value: Any, _: Any) -> Any:
        return None if value is None else inner(value, other)

    return hook


def _arrays_fast(type_: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """``tuple[X, ...]`` from an array only (the fast twin of :func:`_arrays_only`)."""
    item_type = get_args(type_)[0]
    inner = conv.get_structure_hook(item_type)
    primitive = item_type in _PRIMITIVES and item_type is not int  # ints: range-checked

    def hook(value: Any, _: Any) -> tuple[Any, ...]:
        if type(value) is not list and not isinstance(value, (list, tuple)):
            raise TypeError("not an array")
        if primitive:
            for item in value:
                if type(item) is not item_type:
                    break
            else:
                return tuple(value)
        return tuple([inner(item, item_type) for item in value])

    return hook


def _enum_fast(value: Any, cls: type[Enum]) -> Enum:
    """A string enum's member by a dictionary look-up (``cls(value)`` goes through the
    metaclass first); a value not found there goes the slow way, which also words the error."""
    try:
        return cls._value2member_map_[value]
    except (KeyError, TypeError):
        return _enum_hook(value, cls)


_PRIMITIVES = (str, int, bool)


def _tables_fast(cls: type[Any], conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    return conv.gen_structure_attrs_fromdict(cls)


@cache
def converter(detailed: bool = True) -> cattrs.Converter:
    """The library's converter: forbids unknown keys, strict about primitive types.

    ``detailed=False`` is the same converter without cattrs' error collection: about a third
    faster, for a first try; on failure the detailed one runs again to say what and where.
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    for kind in (str, int, bool):
        conv.register_structure_hook(kind, _strict(kind))
    conv.register_structure_hook(float, _finite)
    # StrEnum comes before str in every string enum's MRO, so this hook wins over str's.
    conv.register_structure_hook(StrEnum, _enum_hook if detailed else _enum_fast)
    conv.register_structure_hook_factory(attrs.has, _tables_only)
    conv.register_structure_hook_factory(_is_array, _arrays_only)
    if not detailed:
        # cattrs' own function for a class, without _tables_only's guard: given anything but
        # a table it fails (at ``o.keys()``, looking for unknown keys), and failing is enough.
        conv.register_structure_hook_factory(attrs.has, _tables_fast)
        conv.register_structure_hook_factory(_is_array, _arrays_fast)
        conv.register_structure_hook_factory(_is_optional, _optional_fast)
    return conv


def structure(data: Any, cls: type[T]) -> T:
    """Turn plain data into a model object (raises cattrs' or the model's errors).

    Valid data, the common case, goes through the fast converter; data that fails there is
    structured again by the detailed one, whose error names every problem with its path.
    """
    try:
        return converter(detailed=False).structure(data, cls)
    except Exception:
        pass
    return converter().structure(data, cls)


def unstructure(obj: Any) -> Any:
    """Turn a model object into plain data (dicts, lists, strings, numbers)."""
    return converter().unstructure(obj)


# --- errors -------------------------------------------------------------------------------------


_PLAIN_KEY = re.compile(r"[^\W\d][\w-]*")


def _format_path(segments: list[Segment]) -> str:
    """A field path as JSONPath; a key that is not a plain name is quoted, so that a key
    holding a newline, a dot or a quote cannot break the one-line message or mislead.

    >>> _format_path(["goals", 3, "title"])
    '$.goals[3].title'
    >>> _format_path(["goals", "a.b", "\\n"])
    "$.goals['a.b']['\\\\n']"
    """
    out = "$"
    for seg in segments:
        if isinstance(seg, int):
            out += f"[{seg}]"
        elif _PLAIN_KEY.fullmatch(seg) and len(seg) <= _LONGEST_KEY:
            out += f".{seg}"
        else:
            out += f"[{_shown_key(seg)}]"
    return out


_LONGEST_KEY = 60


def _shown_key(key: str) -> str:
    """A key quoted for a message; a key longer than a line is cut, with its length.

    >>> _shown_key("titel"), _shown_key("k" * 1000)[-25:]
    ("'titel'", "kkkkk'… (1000 characters)")
    """
    if len(key) <= _LONGEST_KEY:
        return repr(key)
    return f"{key[: _LONGEST_KEY // 2]!r}… ({len(key)} characters)"


def _walk(exc: BaseException, path: list[Segment]) -> Iterator[tuple[list[Segment], str]]:
    if isinstance(exc, BaseValidationError):
        # Unknown keys first: a typo explains the "missing field" reported beside it, so a
        # missing field that an unknown key's hint names is not reported a second time.
        ordered = sorted(exc.exceptions, key=lambda e: not isinstance(e, ForbiddenExtraKeysError))
        hinted = {
            name
            for sub in ordered
            if isinstance(sub, ForbiddenExtraKeysError)
            for name in _suggestions(sub).values()
        }
        for sub in ordered:
            sub_path = list(path)
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    sub_path.append(note.name)
                elif isinstance(note, IterableValidationNote):
                    sub_path.append(int(note.index))
            if isinstance(sub, KeyError) and sub_path[len(path) :] and sub_path[-1] in hinted:
                continue
            yield from _walk(sub, sub_path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        suggestions = _suggestions(exc)
        for key in sorted(exc.extra_fields):
            hint = f" (did you mean {suggestions[key]!r}?)" if key in suggestions else ""
            yield [*path, key], f"unknown key {_shown_key(key)}{hint}"
    elif isinstance(exc, KeyError):
        yield path, "required field is missing"
    elif isinstance(exc, InvalidField):
        yield [*path, *_split_field(exc.field)], exc.reason
    elif isinstance(exc, (TypeError, ValueError)):
        # Our own hooks' words (cattrs reports a missing field as a KeyError above, so no
        # other library's message text needs reading here).
        yield path, str(exc)
    else:  # pragma: no cover - cattrs raised something we do not expect; keep its words
        yield path, f"{type(exc).__name__}: {exc}"


def _suggestions(exc: ForbiddenExtraKeysError) -> dict[str, str]:
    """For each unknown key, the known field it most likely misspells (when one is close)."""
    known = tuple(a.name for a in attrs.fields(exc.cl)) if attrs.has(exc.cl) else ()
    out = {}
    for key in exc.extra_fields:
        close = _closest(key, known)
        if close is not None:
            out[key] = close
    return out


@lru_cache(maxsize=4096)
def _closest(key: str, known: tuple[str, ...]) -> str | None:
    """The known field ``key`` most likely misspells (cached: a file may repeat one typo
    thousands of times, and difflib is slow)."""
    close = difflib.get_close_matches(key, known, n=1)
    return close[0] if close else None


def _split_field(field: str) -> list[Segment]:
    out: list[Segment] = []
    for name, index in re.findall(r"([A-Za-z0-9_]+)|\[([0-9]+)\]", field):
        out.append(name if name else int(index))
    return out


def problems_from(
    exc: BaseException, *, pack: str | None, file: str | None, text: str | None, root: list[Segment]
) -> list[Problem]:
    """Translate a structuring error into problems with file, line and field path.

    At most :data:`MAX_PROBLEMS` are located and listed; the rest are counted in one last
    problem (thousands of copies of one mistake say no more than the first few, and listing
    them all made a 1 MiB file take seconds).
    """
    problems: list[Problem] = []
    more = 0
    for segments, message in _walk(exc, list(root)):
        if len(problems) >= MAX_PROBLEMS:
            more += 1
            continue
        line = locate_line(text, segments) if text is not None else None
        problems.append(Problem(message, pack, file, line, _format_path(segments)))
    if more:
        problems.append(
            Problem(f"and {more} more problems like those above: fix those first", pack, file)
        )
    return problems


MAX_PROBLEMS = 200
"""Problems listed per file; the others are counted."""


# One token of a line of TOML that matters for finding where strings start and end: a
# multi-line string delimiter, a one-line string, or a comment. Linear (no nested repetition).
_TOKEN = re.compile(r'"""|\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#')
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


@attrs.frozen
class _TomlIndex:
    """The table headers and keys of one TOML text, indexed so that locating a path costs a
    few binary searches rather than a pass over the file (a 1 MiB file can hold thousands of
    problems, each located separately). Lines are counted by ``\\n`` only, as TOML does."""

    headers: list[tuple[int, str, bool]]  # (0-based line, dotted name, is [[array]] entry)
    header_lines: list[int]  # the first item of each of ``headers``, for bisect
    by_name: dict[tuple[str, bool], list[int]]  # (name, is entry) -> header lines, in order
    keys: dict[str, list[int]]  # each prefix of a line's key (``a``, ``a.b``) -> lines, in order
    size: int  # the number of lines
    starts: list[int]  # the offset in the text where each line starts, for bisect

    def named(self, name: str, entry: bool, start: int, end: int, nth: int = 0) -> int | None:
        """The line of the ``nth`` header ``name`` in ``[start, end)``, or None."""
        found = self.by_name.get((name, entry), [])
        position = bisect.bisect_left(found, start) + nth
        return found[position] if position < len(found) and found[position] < end else None

    def key_line(self, key: str, start: int, end: int) -> int | None:
        """The first line in ``[start, end)`` whose key is ``key``."""
        found = self.keys.get(key, [])
        position = bisect.bisect_left(found, start)
        return found[position] if position < len(found) and found[position] < end else None

    def first_under(self, name: str, start: int, end: int) -> int | None:
        """The line of the first header in ``[start, end)`` of a table under ``name``."""
        position = bisect.bisect_left(self.header_lines, start)
        for number, header, _ in self.headers[position:]:
            if number >= end:
                break
            if header.startswith(name + "."):
                return number
        return None

    def next_header(self, after: int, end: int, unless_under: str | None = None) -> int:
        """The line of the first header after ``after`` (skipping sub-tables of
        ``unless_under``), or ``end``."""
        position = bisect.bisect_right(self.header_lines, after)
        for number, name, _ in self.headers[position:]:
            if number >= end:
                break
            if unless_under is None or not name.startswith(unless_under + "."):
                return number
        return end


def _header(line: str) -> tuple[str, bool] | None:
    """The dotted name of a table header line and whether it is an ``[[array]]`` entry.

    Plain string operations: a regular expression here backtracked quadratically on a header
    holding thousands of spaces.

    >>> _header('  [[ goals ]]  # x'), _header('[a . "b"]'), _header("a = [1]")
    (('goals', True), ('a.b', False), None)
    """
    stripped = line.strip()
    if not stripped.startswith("["):
        return None
    entry = stripped.startswith("[[")
    close = stripped.find("]]" if entry else "]")
    rest = stripped[close + (2 if entry else 1) :].lstrip() if close >= 0 else "x"
    if rest and not rest.startswith("#"):  # not a header: an array continuing a value
        return None
    inner = stripped[2 if entry else 1 : close]
    if not inner.strip():
        return None
    parts = [part.strip().strip('"').strip("'") for part in inner.split(".")]
    return ".".join(parts), entry


def _dotted_key(line: str) -> list[str]:
    """The parts of the key of a ``key = value`` line (``["a", "b"]`` of ``a.b = 1``), quotes
    removed; empty for a line that holds no key.

    >>> _dotted_key('source.page = 2'), _dotted_key(' "a b" . c=1'), _dotted_key("# x")
    (['source', 'page'], ['a b', 'c'], [])
    """
    parts: list[str] = []
    rest = line.lstrip()
    while rest and rest[0] not in "#[=":
        if rest[0] in "\"'":
            quoted = _quoted_key(rest)
            if quoted is None:
                return parts
            parts.append(quoted[0])
            rest = rest[quoted[1] :].lstrip()
        else:
            match = _BARE_KEY.match(rest)
            if not match:
                return parts
            parts.append(match[0])
            rest = rest[match.end() :].lstrip()
        if not rest.startswith("."):
            break
        rest = rest[1:].lstrip()
    return parts


def _quoted_key(rest: str) -> tuple[str, int] | None:
    r"""The key a line starting with a quoted key names, escapes read (``"\u001b"`` is the
    key the parser reports), and where its closing quote ends; None when it is not closed.

    >>> _quoted_key('"a\\"b" = 1'), _quoted_key("'a\\u0041' = 1"), _quoted_key('"\\u0041" = 1')
    (('a"b', 6), ('a\\u0041', 9), ('A', 8))
    """
    quote = rest[0]
    position = 1
    while True:
        close = rest.find(quote, position)
        if close < 0:
            return None
        if quote == "'" or (len(rest[1:close]) - len(rest[1:close].rstrip("\\"))) % 2 == 0:
            break
        position = close + 1  # an escaped quote: the key goes on
    raw = rest[1:close]
    if quote == '"' and "\\" in raw:
        # a key the parser refuses is reported by it; its raw text is then the best guess
        with contextlib.suppress(tomllib.TOMLDecodeError):
            raw = str(tomllib.loads(f"k = {rest[: close + 1]}")["k"])
    return raw, close + 1


def _open_string(line: str, inside: str | None) -> str | None:
    """The multi-line string delimiter still open at the end of ``line`` (None: none is)."""
    if '"""' not in line and "'''" not in line:
        return inside
    position = 0
    if inside is not None:
        close = line.find(inside)
        if close < 0:
            return inside
        position, inside = close + 3, None
    for match in _TOKEN.finditer(line, position):
        token = match[0]
        if inside is not None:
            if token == inside:
                inside = None
        elif token == "#":
            break
        elif token in ('"""', "'''"):
            inside = token
    return inside


@lru_cache(maxsize=8)
def _toml_index(text: str) -> _TomlIndex:
    headers = []
    by_name: dict[tuple[str, bool], list[int]] = {}
    keys: dict[str, list[int]] = {}
    inside: str | None = None  # the open multi-line string's delimiter
    lines = text.split("\n")  # TOML's lines: U+2028 and friends are text, not line breaks
    starts = list(itertools.accumulate((len(raw) + 1 for raw in lines[:-1]), initial=0))
    value_ends = -1  # the last line of a multi-line array or inline table being skipped
    for number, raw in enumerate(lines):
        if number <= value_ends:  # "[0]" on a line of its own there is an item, not a header
            continue
        if inside is None:
            header = _header(raw)
            if header is not None:
                headers.append((number, *header))
                by_name.setdefault(header, []).append(number)
            else:
                parts = _dotted_key(raw)
                for size in range(1, len(parts) + 1):  # a.b = 1 holds a and a.b
                    keys.setdefault(".".join(parts[:size]), []).append(number)
                if parts and "=" in raw and raw.rstrip()[-1:] not in ("]", "}"):
                    value_ends = value_last_line(text, starts, number)
                    if value_ends > number:
                        continue  # the scan went past any string opened on this line
        inside = _open_string(raw, inside)
    return _TomlIndex(headers, [h[0] for h in headers], by_name, keys, len(lines), starts)


def _deepest_table(
    index: _TomlIndex, prefix: str, rest: list[Segment], start: int, end: int
) -> tuple[int | None, list[str]]:
    """The header ``[a.b.c]`` naming the most of the path's next names (``a``, ``b``, ``c``)
    in ``[start, end)``, and those names; (None, []) when none names even the first."""
    names = [str(s) for s in itertools.takewhile(lambda s: isinstance(s, str), rest)]
    for size in range(len(names), 0, -1):
        dotted = ".".join([*([prefix] if prefix else []), *names[:size]])
        line = index.named(dotted, False, start, end)
        if line is not None:
            return line, names[:size]
    return None, []


def locate_line(text: str, segments: list[Segment]) -> int | None:
    """The 1-based line of a field path in a TOML text, as near as the text allows.

    >>> toml = "[[goals]]\\nid='a'\\n\\n[[goals]]\\nid='b'\\ntitel='x'\\n"
    >>> locate_line(toml, ["goals", 1, "titel"])
    6
    >>> locate_line(toml, ["goals", 1])
    4
    >>> locate_line(toml, ["goals"])
    1
    >>> locate_line("[[p]]\\nnote = \'\'\'\\nx = 1\\n\'\'\'\\nx = 2\\n", ["p", 0, "x"])
    5
    >>> links = "[[g]]\\nsdgs = [\\n  { to = '3' },\\n  { to = '17.20' },\\n]\\n"
    >>> locate_line(links, ["g", 0, "sdgs", 1, "to"]), locate_line(links, ["g", 0, "sdgs"])
    (4, 2)
    >>> dotted = "[[g]]\\nsource.document = 'd'\\nsource.pgae = 3\\n"
    >>> locate_line(dotted, ["g", 0, "source", "pgae"]), locate_line(dotted, ["g", 0, "source"])
    (3, 2)
    """
    index = _toml_index(text)
    start, end, prefix, found = 0, index.size, "", None
    i = 0
    while i < len(segments):
        seg = segments[i]
        if isinstance(seg, int):
            break
        dotted = f"{prefix}.{seg}" if prefix else seg
        if i + 1 < len(segments) and isinstance(segments[i + 1], int):
            item = index.named(dotted, True, start, end, nth=int(segments[i + 1]))
            if item is not None:
                start = item
                end = index.next_header(start, end, unless_under=dotted)
                found, prefix, i = start + 1, dotted, i + 2
                continue
        table, taken = _deepest_table(index, prefix, segments[i:], start, end)
        if table is not None:
            start = table
            end = index.next_header(start, end)
            found, prefix, i = (
                start + 1,
                ".".join([*([prefix] if prefix else []), *taken]),
                i + len(taken),
            )
            continue
        entry = index.named(dotted, True, start, end)
        if entry is not None:  # an array of tables named as a whole (``[[goal]]``): the first
            return entry + 1
        inner = index.first_under(dotted, start, end)
        if inner is not None:  # only sub-tables name it (``[x.y]`` for ``x``): the first
            return inner + 1
        first = start + 1 if found else start
        return (
            _key_line(text, index, segments[i:], first, index.next_header(first - 1, end)) or found
        )
    return found


def _key_line(
    text: str, index: _TomlIndex, rest: list[Segment], first: int, stop: int
) -> int | None:
    """The 1-based line of the key the path's next names make, in lines ``[first, stop)``,
    the longest dotted key first (``source.page``); where the path goes on inside the key's
    value (an array's item), that item's line."""
    names = [str(s) for s in itertools.takewhile(lambda s: isinstance(s, str), rest)]
    for size in range(len(names), 0, -1):
        line = index.key_line(".".join(names[:size]), first, stop)
        if line is not None:
            offset = value_offset(text, index.starts[line], rest[size:])
            return bisect.bisect_right(index.starts, offset)
    return None


def path_at(text: str, line: int, key: str) -> list[Segment]:
    """The field path of ``key`` written on ``line`` (1-based): its table's path, then the key.

    >>> path_at("[[goals]]\\nid='a'\\n[[goals]]\\nid='b'\\nid='c'\\n", 5, "id")
    ['goals', 1, 'id']
    >>> path_at("a.b = 1\\n", 1, "a.b")
    ['a', 'b']
    """
    index = _toml_index(text)
    position = bisect.bisect_right(index.header_lines, line - 1) - 1
    segments: list[Segment] = []
    if position >= 0:
        number, name, entry = index.headers[position]
        segments.extend(name.split("."))
        if entry:
            segments.append(bisect.bisect_right(index.by_name[(name, True)], number) - 1)
    segments.extend(part.strip().strip('"').strip("'") for part in key.split("."))
    return segments
