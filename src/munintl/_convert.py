"""The one cattrs converter, and the translation of its errors into located problems.

The converter is strict: unknown keys are errors (a typo must never be silently dropped), and
a string is never turned into a number or a number into a string behind the user's back.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from enum import Enum, StrEnum
from functools import cache
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from munintl.errors import Problem
from munintl.model import InvalidField

__all__ = ["converter", "locate_line", "problems_from", "structure", "unstructure"]

T = TypeVar("T")
Segment = str | int

_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}


def _describe(value: object) -> str:
    kinds = {str: "text", bool: "a boolean", int: "an integer", float: "a number",
             list: "an array", dict: "a table"}  # fmt: skip
    return f"{kinds.get(type(value), type(value).__name__)} {value!r}"[:80]


def _strict(kind: type[Any]) -> Any:
    def hook(value: object, _: type[Any]) -> Any:
        ok = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if not ok:
            raise TypeError(f"expected {_TYPE_NAMES[kind]}, got {_describe(value)}")
        return value

    return hook


def _enum_hook(value: object, cls: type[Enum]) -> Enum:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in cls)
        raise ValueError(f"{value!r} is not one of {allowed}") from None


@cache
def converter() -> cattrs.Converter:
    """The library's converter: forbids unknown keys, strict about primitive types."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for kind in (str, int, float, bool):
        conv.register_structure_hook(kind, _strict(kind))
    # StrEnum comes before str in every string enum's MRO, so this hook wins over str's.
    conv.register_structure_hook(StrEnum, _enum_hook)
    return conv


def structure(data: Any, cls: type[T]) -> T:
    """Turn plain data into a model object (raises cattrs' or the model's errors)."""
    return converter().structure(data, cls)


def unstructure(obj: Any) -> Any:
    """Turn a model object into plain data (dicts, lists, strings, numbers)."""
    return converter().unstructure(obj)


# --- errors -------------------------------------------------------------------------------------


def _format_path(segments: list[Segment]) -> str:
    out = "$"
    for seg in segments:
        out += f"[{seg}]" if isinstance(seg, int) else f".{seg}"
    return out


def _walk(exc: BaseException, path: list[Segment]) -> Iterator[tuple[list[Segment], str]]:
    if isinstance(exc, BaseValidationError):
        # Unknown keys first: a typo explains the "missing field" reported beside it.
        ordered = sorted(exc.exceptions, key=lambda e: not isinstance(e, ForbiddenExtraKeysError))
        for sub in ordered:
            sub_path = list(path)
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    sub_path.append(note.name)
                elif isinstance(note, IterableValidationNote):
                    sub_path.append(int(note.index))
            yield from _walk(sub, sub_path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        for key in sorted(exc.extra_fields):
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            yield [*path, key], f"unknown key {key!r}{hint}"
    elif isinstance(exc, KeyError):
        yield path, "required field is missing"
    elif isinstance(exc, InvalidField):
        yield [*path, *_split_field(exc.field)], exc.reason
    elif isinstance(exc, (TypeError, ValueError)):
        message = str(exc)
        if "missing" in message and "required" in message:  # attrs' own __init__ TypeError
            names = re.findall(r"'(\w+)'", message)
            yield [*path, *(names[:1])], "required field is missing"
        else:
            yield path, message
    else:  # pragma: no cover - cattrs raised something we do not expect; keep its words
        yield path, f"{type(exc).__name__}: {exc}"


def _split_field(field: str) -> list[Segment]:
    out: list[Segment] = []
    for name, index in re.findall(r"(\w+)|\[(\d+)\]", field):
        out.append(name if name else int(index))
    return out


def problems_from(
    exc: BaseException, *, pack: str | None, file: str | None, text: str | None, root: list[Segment]
) -> list[Problem]:
    """Translate a structuring error into problems with file, line and field path."""
    problems = []
    for segments, message in _walk(exc, list(root)):
        line = locate_line(text, segments) if text is not None else None
        problems.append(Problem(message, pack, file, line, _format_path(segments)))
    return problems


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def locate_line(text: str, segments: list[Segment]) -> int | None:
    """The 1-based line of a field path in a TOML text, as near as the text allows.

    >>> toml = "[[goals]]\\nid='a'\\n\\n[[goals]]\\nid='b'\\ntitel='x'\\n"
    >>> locate_line(toml, ["goals", 1, "titel"])
    6
    >>> locate_line(toml, ["goals", 1])
    4
    """
    lines = text.splitlines()
    headers = []
    for number, raw in enumerate(lines):
        match = _HEADER.match(raw)
        if match:
            name = re.sub(r"\s*\.\s*", ".", match[2]).replace('"', "")
            headers.append((number, name, match[1] == "[["))
    start, end, prefix, found = 0, len(lines), "", None
    i = 0
    while i < len(segments):
        seg = segments[i]
        if isinstance(seg, int):
            break
        dotted = f"{prefix}.{seg}" if prefix else seg
        inside = [h for h in headers if start <= h[0] < end]
        if i + 1 < len(segments) and isinstance(segments[i + 1], int):
            items = [h for h in inside if h[1] == dotted and h[2]]
            index = int(segments[i + 1])
            if index < len(items):
                start = items[index][0]
                end = next(
                    (h[0] for h in inside if h[0] > start and not h[1].startswith(dotted + ".")),
                    end,
                )
                found, prefix, i = start + 1, dotted, i + 2
                continue
        tables = [h for h in inside if h[1] == dotted and not h[2]]
        if tables:
            start = tables[0][0]
            end = next((h[0] for h in inside if h[0] > start), end)
            found, prefix, i = start + 1, dotted, i + 1
            continue
        key = re.compile(rf'^\s*"?{re.escape(str(seg))}"?\s*[=.]')
        first = start + 1 if found else start
        for number in range(first, end):
            if _HEADER.match(lines[number]):
                break
            if key.match(lines[number]):
                return number + 1
        return found
    return found
