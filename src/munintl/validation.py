"""Whole-pack validation: what no single entity can check on its own.

Ids are unique, every reference resolves (documents, goals, departments, organisations, SDGs,
themes, master-plan goals), and the goal hierarchy has no cycles.

>>> from munintl.model import Pack, Municipality, Kommunenummer
>>> pack = Pack(name="tiny", municipality=Municipality(name="Tiny", codes=(Kommunenummer("9999"),)))
>>> validate(pack)
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

import attrs

from munintl._convert import Segment, _format_path, locate_line
from munintl.errors import Problem
from munintl.model import ENTITY_LISTS, Goal, Link, Locator, Outcome, Pack
from munintl.reference import is_sdg_ref, organisations, themes

__all__ = ["Origin", "control_characters", "parent_cycles", "validate"]


class Origin(NamedTuple):
    """Where an entity was read from: file name, file text, and its path in that file."""

    entity: Any
    file: str | None
    text: str | None
    segments: list[Segment]


# What each reference-holding field points at, by field name (the same name means the same
# thing in every class, which keeps this table short and the data format predictable).
_FIELD_TARGETS: dict[str, str] = {
    "document": "document",
    "builds_on": "document",
    "plan": "document",
    "supersedes": "strategy or document",
    "strategy": "strategy",
    "goal": "goal",
    "serves": "goal",
    "responsible": "department",
    "organisation": "organisation",
    "organisations": "organisation",
    "sdgs": "SDG",
    "sdg_focus": "SDG",
    "themes": "theme",
    "plan_goals": "master-plan goal",
    "outcomes": "outcome",
    "about": "entity",
}
_PARENT_TARGET = {"goals": "goal", "departments": "department"}
_LIST_KIND = {
    "documents": "document",
    "strategies": "strategy",
    "goals": "goal",
    "departments": "department",
    "organisations": "organisation",
    "plan_goals": "master-plan goal",
}


def _default_origins(pack: Pack) -> list[Origin]:
    return [
        Origin(entity, None, None, [name, index])
        for name in ENTITY_LISTS
        for index, entity in enumerate(getattr(pack, name))
    ]


def _references(
    value: Any, path: list[Segment], field: str | None
) -> Iterator[tuple[list[Segment], str, str]]:
    """Yield (path, target kind, id) for every reference inside one entity."""
    if isinstance(value, Locator):
        yield [*path, "document"], "document", value.document
    elif isinstance(value, Link):
        if field in _FIELD_TARGETS:
            yield [*path, "to"], _FIELD_TARGETS[field], value.to
        if value.source is not None:
            yield from _references(value.source, [*path, "source"], "source")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            if isinstance(item, str):
                if field in _FIELD_TARGETS:
                    yield [*path, index], _FIELD_TARGETS[field], item
            else:
                yield from _references(item, [*path, index], field)
    elif attrs.has(type(value)):
        for attribute in attrs.fields(type(value)):
            sub = getattr(value, attribute.name)
            sub_path = [*path, attribute.name]
            if isinstance(sub, str) and attribute.name in _FIELD_TARGETS:
                yield sub_path, _FIELD_TARGETS[attribute.name], sub
            elif sub is not None and not isinstance(sub, (str, int, float, bool)):
                yield from _references(sub, sub_path, attribute.name)


def validate(pack: Pack, origins: Sequence[Origin] | None = None) -> list[Problem]:
    """All problems of a pack that need the whole pack to see; [] when it is sound."""
    origins = list(origins) if origins is not None else _default_origins(pack)
    problems: list[Problem] = []

    def report(origin: Origin, extra: list[Segment], message: str) -> None:
        segments = [*origin.segments, *extra]
        line = locate_line(origin.text, segments) if origin.text is not None else None
        problems.append(Problem(message, pack.name, origin.file, line, _format_path(segments)))

    ids: dict[str, Origin] = {}
    known: dict[str, set[str]] = {kind: set() for kind in _LIST_KIND.values()}
    registry = organisations()
    for origin in origins:
        entity_id = origin.entity.id
        if entity_id in ids:
            first = ids[entity_id]
            where = _where(first)
            report(
                origin,
                ["id"],
                f"duplicate id {entity_id!r} (first used at {where})",
            )
            continue
        ids[entity_id] = origin
        list_name = str(origin.segments[0]) if origin.segments else ""
        if list_name in _LIST_KIND:
            known[_LIST_KIND[list_name]].add(entity_id)
        if list_name == "organisations" and entity_id in registry:
            report(
                origin,
                ["id"],
                f"organisation {entity_id!r} is in the core registry; "
                "refer to it by id instead of declaring it",
            )

    def resolves(kind: str, ref: str) -> bool:
        if kind == "SDG":
            return is_sdg_ref(ref)
        if kind == "theme":
            return ref in themes()
        if kind == "outcome":
            return ref in {o.value for o in Outcome}
        if kind == "organisation":
            return ref in registry or ref in known["organisation"]
        if kind == "strategy or document":
            return ref in known["strategy"] or ref in known["document"]
        if kind == "entity":
            return ref in ids
        return ref in known[kind]

    for origin in origins:
        entity = origin.entity
        list_name = str(origin.segments[0]) if origin.segments else ""
        for attribute in _fields_to_visit(type(entity)):
            value = getattr(entity, attribute.name)
            if value is None:
                continue
            if attribute.name == "parent" and isinstance(value, str):
                kind = _PARENT_TARGET.get(list_name, "entity")
                if not resolves(kind, value):
                    report(origin, ["parent"], f"unknown {kind} {value!r}")
                continue
            if isinstance(value, str):
                kind = _FIELD_TARGETS.get(attribute.name, "")
                if kind and not resolves(kind, value):
                    report(origin, [attribute.name], _unknown(kind, value))
                continue
            for path, kind, ref in _references(value, [attribute.name], attribute.name):
                if not resolves(kind, ref):
                    report(origin, path, _unknown(kind, ref))

    clean: dict[int, bool] = {}  # by file text: many entities share one
    for origin in origins:
        text = origin.text
        if text is not None:
            if id(text) not in clean:
                clean[id(text)] = _clean_toml(text)
            if clean[id(text)]:
                continue
        for path, char in control_characters(origin.entity):
            report(origin, path, control_message(char))

    goals = {g.id: g for g in pack.goals}
    goal_origins = {o.entity.id: o for o in origins if isinstance(o.entity, Goal)}
    for goal in pack.goals:
        if goal.parent in goals and goals[goal.parent].strategy != goal.strategy:
            report(
                goal_origins[goal.id],
                ["parent"],
                f"parent goal {goal.parent!r} belongs to another strategy",
            )
    for cycle in _cycles(goals):
        report(
            goal_origins[cycle[0]],
            ["parent"],
            "the goal hierarchy has a cycle: " + " → ".join(repr(g) for g in [*cycle, cycle[0]]),
        )
    return problems


# Field types that can hold no reference (plain text, numbers, flags): a field of one of these
# types, unless its name says it is a reference, is not visited (a tenth of a load was spent
# looking at titles and notes). Any other type is visited, so a new field is never missed.
_PLAIN_TYPES = frozenset(
    {"str", "str | None", "int", "int | None", "float", "float | None", "bool", "bool | None"}
)


_PLAIN_OBJECTS = (str, int, float, bool, str | None, int | None, float | None, bool | None)


def _plain(declared: Any) -> bool:
    """Whether a field's type (as written, or resolved by cattrs) is one of _PLAIN_TYPES."""
    if isinstance(declared, str):
        return declared in _PLAIN_TYPES
    return any(declared == plain for plain in _PLAIN_OBJECTS)


_VISITED: dict[type[Any], tuple[attrs.Attribute[Any], ...]] = {}


def _fields_to_visit(cls: type[Any]) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of a model class that may hold a reference (see _PLAIN_TYPES).

    >>> from munintl.model import Goal
    >>> "title" in [a.name for a in _fields_to_visit(Goal)]
    False
    """
    found = _VISITED.get(cls)
    if found is None:
        found = _VISITED[cls] = tuple(
            attribute
            for attribute in attrs.fields(cls)
            if attribute.name in _FIELD_TARGETS
            or attribute.name == "parent"
            or not _plain(attribute.type)
        )
    return found


def _where(origin: Origin) -> str:
    """Where an entity was read, as ``file:line $.path`` (as much of it as is known)."""
    path = _format_path(origin.segments)
    if origin.file is None:
        return path
    line = locate_line(origin.text, origin.segments) if origin.text is not None else None
    return f"{origin.file}:{line} {path}" if line else f"{origin.file} {path}"


def _unknown(kind: str, ref: str) -> str:
    if kind == "SDG":
        return f"{ref!r} is not an SDG (1–17) or an SDG target such as '17.17'"
    if kind == "theme":
        return f"unknown theme {ref!r} (see munintl.reference.themes())"
    if kind == "outcome":
        allowed = ", ".join(repr(o.value) for o in Outcome)
        return f"{ref!r} is not one of {allowed}"
    return f"unknown {kind} {ref!r}"


def _cycles(goals: dict[str, Goal]) -> list[list[str]]:
    """Each cycle in the parent relation once, as the goals on it in parent order, starting
    with the goal met first in document order.

    >>> from munintl.model import Locator
    >>> def goal(i, parent):
    ...     return Goal(id=i, strategy="s", level="sub_goal", label="l", title="t",
    ...                 source=Locator("d", "1"), parent=parent)
    >>> _cycles({"a": goal("a", "b"), "b": goal("b", "a"), "c": goal("c", "c")})
    [['a', 'b'], ['c']]
    """
    return parent_cycles({goal_id: goal.parent for goal_id, goal in goals.items()})


def parent_cycles(parents: dict[str, str | None]) -> list[list[str]]:
    """Each cycle of a parent relation (``{id: parent id}``) once, in linear time.

    Each cycle lists its members in parent order, starting with the one first in ``parents``;
    cycles come in the order of their first members.

    >>> parent_cycles({"a": "b", "b": "c", "c": "b", "d": None, "e": "e"})
    [['b', 'c'], ['e']]
    """
    order = {node: position for position, node in enumerate(parents)}
    walk_of: dict[str, int] = {}  # node -> the walk that first reached it
    cycles = []
    for walk, start in enumerate(parents):
        path: list[str] = []
        current: str | None = start
        while current is not None and current in parents and current not in walk_of:
            walk_of[current] = walk
            path.append(current)
            current = parents[current]
        if current is not None and walk_of.get(current) == walk:  # closed on this walk
            cycle = path[path.index(current) :]
            first = min(range(len(cycle)), key=lambda i: order[cycle[i]])
            cycles.append(cycle[first:] + cycle[:first])
    return sorted(cycles, key=lambda c: order[c[0]])


# Tab, line feed and carriage return are ordinary text; the other control characters are not.
# They arrive by copying from PDFs, and in a terminal an escape sequence can rewrite what
# ``munintl show`` prints; XML (GraphML) cannot hold most of them at all. The pattern is
# category Cc (U+0000-U+001F, U+007F-U+009F) less those three, and the noncharacters U+FFFE and
# U+FFFF: one search per text (a Python call per character was half the time of a load).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


# In TOML a control character can only reach a string raw (C1, U+FFFE/U+FFFF; TOML refuses raw
# C0 and DEL) or as an escape: \b, \f, \u, \U (TOML 1.1 adds \e and \x).
_CONTROL_ESCAPE = re.compile(r"\\[bfuUex]")


def _clean_toml(text: str) -> bool:
    """Whether no string read from this TOML text can hold a control character, so that its
    entities need not be walked (most files: the walk was a quarter of a load)."""
    return _CONTROL.search(text) is None and _CONTROL_ESCAPE.search(text) is None


def control_characters(
    value: Any, path: list[Segment] | None = None
) -> Iterator[tuple[list[Segment], str]]:
    """The first control character of each text inside a model object, with the text's path.

    >>> from munintl.model import Locator
    >>> list(control_characters(Locator("doc", section="2\\x1b[2J")))
    [(['section'], '\\x1b')]
    """
    path = [] if path is None else path
    if isinstance(value, str):
        bad = _CONTROL.search(value)
        if bad is not None:
            yield path, bad[0]
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from control_characters(item, [*path, index])
    elif attrs.has(type(value)):
        for attribute in attrs.fields(type(value)):
            if attribute.init:
                yield from control_characters(
                    getattr(value, attribute.name), [*path, attribute.name]
                )


def control_message(char: str) -> str:
    """The message for a control character found in a text.

    >>> control_message("\\x1b")
    'holds the control character U+001B; remove it (it garbles terminals and exports)'
    """
    return (
        f"holds the control character U+{ord(char):04X}; "
        "remove it (it garbles terminals and exports)"
    )
