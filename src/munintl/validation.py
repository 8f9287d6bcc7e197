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

from munintl._chars import lookalike_note, skeleton
from munintl._convert import Segment, _format_path, locate_line
from munintl.errors import Problem
from munintl.hierarchy import parent_cycles
from munintl.model import (
    ENTITY_LISTS,
    DocumentKind,
    FieldMeaning,
    Link,
    Outcome,
    Pack,
    field_meaning,
)
from munintl.reference import is_sdg_ref, organisations, themes

__all__ = ["Origin", "control_characters", "parent_cycles", "validate"]


class Origin(NamedTuple):
    """Where an entity was read from: file name, file text, and its path in that file."""

    entity: Any
    file: str | None
    text: str | None
    segments: list[Segment]


# What each list holds, as a reference kind (see munintl.model.REFERENCE_KINDS).
_LIST_KIND = {
    "documents": "document",
    "strategies": "strategy",
    "goals": "goal",
    "departments": "department",
    "organisations": "organisation",
    "plan_goals": "master-plan goal",
    "memberships": "membership",
    "partnerships": "partnership",
    "projects": "project",
    "measures": "measure",
    "statements": "statement",
    "figures": "figure",
}
# A reference kind that is a union of the kinds of several lists.
_UNION_KINDS = {"strategy or document": ("strategy", "document")}


def _default_origins(pack: Pack) -> list[Origin]:
    return [
        Origin(entity, None, None, [name, index])
        for name in ENTITY_LISTS
        for index, entity in enumerate(getattr(pack, name))
    ]


def _references(value: Any, path: list[Segment]) -> Iterator[tuple[list[Segment], str, str]]:
    """Yield (path, target kind, id) for every reference inside one model object, in field
    order, as its fields' metadata declares (:func:`munintl.model.field_meaning`)."""
    for meaning in _fields_to_visit(type(value)):
        sub = getattr(value, meaning.name)
        if sub is None or (type(sub) is tuple and not sub):  # most fields: nothing inside
            continue
        sub_path: list[Segment] = [*path, meaning.name]
        items = enumerate(sub) if type(sub) is tuple else ((None, sub),)
        refers_to = meaning.refers_to
        for index, item in items:
            item_path = sub_path if index is None else [*sub_path, index]
            if isinstance(item, str):  # an id, or a string enum's value
                if refers_to:
                    yield item_path, refers_to, item
            elif isinstance(item, Link):
                if refers_to:
                    yield [*item_path, "to"], refers_to, item.to
                if item.source is not None:
                    yield from _references(item.source, [*item_path, "source"])
            elif _is_model(type(item)):  # a Locator, Period, Amount: as deep as the model
                yield from _references(item, item_path)


def _is_model(cls: type[Any]) -> bool:
    """``attrs.has``, remembered (it looks the class up anew on every call, and on a string
    enum that goes through the enum's slow attribute look-up)."""
    found = _MODELS.get(cls)
    if found is None:
        found = _MODELS[cls] = attrs.has(cls)
    return found


_MODELS: dict[type[Any], bool] = {}


def _duplicate_links(entity: Any) -> Iterator[tuple[list[Segment], str]]:
    """Two links of one field to the same target: the second would silently overwrite the
    first wherever links are keyed by target (the graph, the overlap); likewise an id listed
    twice in one list of references (``responsible``, ``about``), which becomes one edge."""
    for meaning in _fields_to_visit(type(entity)):  # a field of links is one of them
        items = getattr(entity, meaning.name)
        if not (isinstance(items, tuple) and items):
            continue
        if isinstance(items[0], Link):
            yield from _second_links(meaning.name, items)
        elif meaning.refers_to and isinstance(items[0], str) and len(set(items)) < len(items):
            first: dict[str, int] = {}
            for index, ref in enumerate(items):
                if ref in first:  # the first repeat only: a list of 60,000 is one mistake
                    yield (
                        [meaning.name, index],
                        f"{ref!r} is listed twice (first as {meaning.name}[{first[ref]}]); "
                        "list it once",
                    )
                    break
                first[ref] = index


def _second_links(name: str, links: tuple[Link, ...]) -> Iterator[tuple[list[Segment], str]]:
    first: dict[str, int] = {}
    for index, link in enumerate(links):
        if link.to in first:
            earlier = links[first[link.to]]
            yield (
                [name, index, "to"],
                f"a second link to {link.to!r} ({link.evidence.value}; the first, "
                f"{name}[{first[link.to]}], is {earlier.evidence.value}): keep one "
                "link per target, the stated one if either is stated",
            )
        else:
            first[link.to] = index


Found = list[tuple[Origin, list[Segment], str]]
"""Problems as they are found: the entity's origin, the path within it, the message."""


def validate(pack: Pack, origins: Sequence[Origin] | None = None) -> list[Problem]:
    """All problems of a pack that need the whole pack to see; [] when it is sound.

    Parameters
    ----------
    pack : Pack
        The pack, built from its data files.
    origins : sequence of Origin, optional
        Where each entity was read (file, text, path), so that problems name file and line;
        by default each entity's place in the pack's lists, with no file.

    Returns
    -------
    list of Problem
        In the order found: duplicate ids, references that do not resolve or point at the
        wrong kind of thing, duplicate links, control characters, goals under another
        strategy's goal, cycles in the goal and department hierarchies.

    Examples
    --------
    >>> import munintl
    >>> hamar = munintl.load_pack("hamar")
    >>> validate(hamar)
    []
    >>> looped = attrs.evolve(hamar.departments[0], parent=hamar.departments[0].id)
    >>> problems = validate(attrs.evolve(hamar, departments=(looped, *hamar.departments[1:])))
    >>> [(p.path, p.message) for p in problems]  # doctest: +NORMALIZE_WHITESPACE
    [('$.departments[0].parent',
      "the department hierarchy has a cycle: 'kommunestyret' → 'kommunestyret'")]
    """
    origins = list(origins) if origins is not None else _default_origins(pack)
    found: Found = []
    kinds = _identities(origins, found)
    plans = {d.id for d in pack.documents if d.kind is DocumentKind.PLAN}
    resolver = _Resolver(kinds, plans, frozenset(organisations()))
    for origin in origins:
        for path, kind, ref in _references(origin.entity, []):
            problem = resolver.problem(kind, ref)
            if problem:
                found.append((origin, path, problem))
        found.extend((origin, path, message) for path, message in _duplicate_links(origin.entity))
    _controls(origins, found)
    _hierarchies(pack, origins, found)
    problems = []
    for origin, extra, message in found:
        segments = [*origin.segments, *extra]
        line = locate_line(origin.text, segments) if origin.text is not None else None
        problems.append(Problem(message, pack.name, origin.file, line, _format_path(segments)))
    return problems


def _identities(origins: list[Origin], found: Found) -> dict[str, str]:
    """Each id with the kind of entity it names; a duplicate id, or a declaration of an
    organisation the core registry holds, is a problem."""
    ids: dict[str, Origin] = {}
    kinds: dict[str, str] = {}
    registry = organisations()
    for origin in origins:
        entity_id = origin.entity.id
        if entity_id in ids:
            where = _where(ids[entity_id])
            found.append((origin, ["id"], f"duplicate id {entity_id!r} (first used at {where})"))
            continue
        ids[entity_id] = origin
        list_name = str(origin.segments[0]) if origin.segments else ""
        kinds[entity_id] = _LIST_KIND.get(list_name, "entity")
        if list_name == "organisations" and entity_id in registry:
            message = (
                f"organisation {entity_id!r} is in the core registry; "
                "refer to it by id instead of declaring it"
            )
            found.append((origin, ["id"], message))
    return kinds


def _controls(origins: list[Origin], found: Found) -> None:
    clean: dict[int, bool] = {}  # by file text: many entities share one
    for origin in origins:
        text = origin.text
        if text is not None:
            if id(text) not in clean:
                clean[id(text)] = _clean_toml(text)
            if clean[id(text)]:
                continue
        for path, char in control_characters(origin.entity):
            found.append((origin, path, control_message(char)))


def _hierarchies(pack: Pack, origins: list[Origin], found: Found) -> None:
    """A goal's parent is a goal of its own strategy; no hierarchy has a cycle."""
    goals = {g.id: g for g in pack.goals}
    by_id = {o.entity.id: o for o in origins}
    for goal in pack.goals:
        if goal.parent in goals and goals[goal.parent].strategy != goal.strategy:
            message = f"parent goal {goal.parent!r} belongs to another strategy"
            found.append((by_id[goal.id], ["parent"], message))
    for name, entities in (("goal", pack.goals), ("department", pack.departments)):
        for cycle in parent_cycles({e.id: e.parent for e in entities}):
            found.append(
                (by_id[cycle[0]], ["parent"], f"the {name} hierarchy has a cycle: {_chain(cycle)}")
            )


def _chain(cycle: list[str], shown: int = 6) -> str:
    """A cycle as ``'a' → 'b' → 'a'``; a long one as its first and last few, with the count,
    so that a cycle through 5,000 goals is still one readable line."""
    ids = [repr(i) for i in [*cycle, cycle[0]]]
    if len(cycle) > 2 * shown:
        ids = [*ids[:shown], f"… ({len(cycle) - 2 * shown + 1} more) …", *ids[-shown:]]
    return " → ".join(ids)


# Field types that can hold no reference (plain text, numbers, flags): a field of one of these
# types, unless its metadata says it is a reference, is not visited (a tenth of a load was
# spent looking at titles and notes). Any other type is visited, so a new field is never missed.
_PLAIN_TYPES = frozenset(
    {"str", "str | None", "int", "int | None", "float", "float | None", "bool", "bool | None"}
)


_PLAIN_OBJECTS = (str, int, float, bool, str | None, int | None, float | None, bool | None)


def _plain(declared: Any) -> bool:
    """Whether a field's type (as written, or resolved by cattrs) is one of _PLAIN_TYPES."""
    if isinstance(declared, str):
        return declared in _PLAIN_TYPES
    return any(declared == plain for plain in _PLAIN_OBJECTS)


_VISITED: dict[type[Any], tuple[FieldMeaning, ...]] = {}


def _fields_to_visit(cls: type[Any]) -> tuple[FieldMeaning, ...]:
    """The fields of a model class that may hold a reference: declared as one in their
    metadata, or of a type that may hold one inside (see _PLAIN_TYPES).

    >>> from munintl.model import Goal
    >>> "title" in [m.name for m in _fields_to_visit(Goal)]
    False
    """
    found = _VISITED.get(cls)
    if found is None:
        types = {a.name: a.type for a in attrs.fields(cls)}
        found = _VISITED[cls] = tuple(
            m for m in field_meaning(cls) if m.refers_to or not _plain(types[m.name])
        )
    return found


def _where(origin: Origin) -> str:
    """Where an entity's id was written, as ``file:line $.path.id`` (as much of it as is
    known): the line to compare with the duplicate's, which is its ``id`` line too."""
    segments = [*origin.segments, "id"]
    path = _format_path(segments)
    if origin.file is None:
        return path
    line = locate_line(origin.text, segments) if origin.text is not None else None
    return f"{origin.file}:{line} {path}" if line else f"{origin.file} {path}"


class _Resolver:
    """Whether a reference of a kind resolves, and in which words to say it does not.

    ``kinds``: the pack's ids with the kind of entity each names; ``plans``: ids of the
    documents of kind ``plan``; ``registry``: ids of the core organisation registry.
    """

    def __init__(self, kinds: dict[str, str], plans: set[str], registry: frozenset[str]) -> None:
        self.kinds, self.plans, self.registry = kinds, plans, registry
        self._folded: dict[str, str] | None = None
        self._themes = themes()
        self._outcomes = frozenset(o.value for o in Outcome)
        self._sdgs: dict[str, bool] = {}
        self._present: frozenset[str] | None = None

    def resolves(self, kind: str, ref: str) -> bool:
        if kind == "SDG":  # a pack names few SDGs, each many times; parsing one is slow
            known = self._sdgs.get(ref)
            if known is None:
                known = self._sdgs[ref] = is_sdg_ref(ref)
            return known
        if kind == "theme":
            return ref in self._themes
        if kind == "outcome":
            return ref in self._outcomes
        if kind == "plan":
            return ref in self.plans
        if kind == "entity":
            return ref in self.kinds or ref in self.registry
        if kind == "organisation" and ref in self.registry:
            return True
        return self.kinds.get(ref) in _UNION_KINDS.get(kind, (kind,))

    def problem(self, kind: str, ref: str) -> str | None:
        """Why ``ref`` does not resolve as a ``kind``, or None when it does."""
        if self.resolves(kind, ref):
            return None
        if kind == "SDG":
            return f"{ref!r} is not an SDG (1–17) or an SDG target such as '17.17'" + (
                lookalike_note(ref)
            )
        if kind == "theme":
            return f"unknown theme {ref!r} (see munintl.reference.themes()){lookalike_note(ref)}"
        if kind == "outcome":
            allowed = ", ".join(repr(o.value) for o in Outcome)
            return f"{ref!r} is not one of {allowed}{lookalike_note(ref)}"
        actual = self.kinds.get(ref)
        if kind == "plan" and actual == "document":
            return f"{ref!r} is a document, but not of kind 'plan'"
        if actual is not None:
            return f"{ref!r} is a {actual}, not a {kind}"
        return f"unknown {kind} {ref!r}{self._meant(ref)}{self._none_of(kind)}"

    def _none_of(self, kind: str) -> str:
        """A hint when the pack holds no entity of the kind at all: the file holding them is
        more likely empty or unlisted than every reference to them wrong."""
        if self._present is None:
            self._present = frozenset(self.kinds.values())
        wanted = _UNION_KINDS.get(kind, (kind,))
        lists = [name for name, held in _LIST_KIND.items() if held in wanted]
        # An organisation is usually the core registry's: a pack declares few of its own.
        if not lists or kind == "organisation" or any(k in self._present for k in wanted):
            return ""
        return (
            f"; the pack has no {' or '.join(lists)} at all (is the data file holding them "
            "empty, or not listed in pack.toml's files?)"
        )

    def _meant(self, ref: str) -> str:
        """A hint when an unknown id differs from a real one only by look-alike characters."""
        note = lookalike_note(ref)
        if not note:
            return ""
        if self._folded is None:  # built once, on the first look-alike
            self._folded = {skeleton(i): i for i in (*self.registry, *self.kinds)}
        known = self._folded.get(skeleton(ref))
        if known is None:
            return note
        return f" (did you mean {known!r}? {note.strip()[1:-1]})"


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

    Parameters
    ----------
    value : object
        A model object, a tuple or a text.
    path : list of str or int, optional
        The path of ``value`` itself.

    Returns
    -------
    iterator of (list of str or int, str)
        Each text's path and its first control character.

    Examples
    --------
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

    Parameters
    ----------
    char : str
        One character.

    Returns
    -------
    str

    Examples
    --------
    >>> control_message("\\x1b")
    'holds the control character U+001B; remove it (it garbles terminals and exports)'
    """
    return (
        f"holds the control character U+{ord(char):04X}; "
        "remove it (it garbles terminals and exports)"
    )
