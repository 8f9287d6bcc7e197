"""Generate docs/pack-format.md from the model, so that the format reference stays true.

Field names, types, required/optional and defaults, and enum values come from the attrs
classes in ``munintl.model``; what a field means and what it refers to come from the field's
metadata in the model (:func:`munintl.model.field_meaning`), with its docstring or comment and
its enum's docstring. The ids a pack may refer to (themes, the core organisation registry,
SDGs, outcomes) come from ``munintl.reference``.

    python docs/gen_pack_format.py          # rewrite docs/pack-format.md
    python docs/gen_pack_format.py --check  # exit 1 when the file is out of date

``tests/test_docs.py`` runs the check, and fails when a field has no meaning written down.
"""

from __future__ import annotations

import argparse
import ast
import functools
import inspect
import io
import itertools
import sys
import textwrap
import tokenize
import types
import typing
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import attrs

from munintl import model, reference
from munintl.status_basis import BASIS_FIELDS

OUTPUT = Path(__file__).with_name("pack-format.md")
UNDOCUMENTED = "(undocumented)"

# Fields the model defaults so that format 1 packs and Python code keep working ("recorded
# without evidence"), but which format 2 requires; the loader enforces this through
# munintl.status_basis, whose table this follows.
_FORMAT_2: dict[tuple[str, str], str] = {
    ("StatusEntry", "evidence"): "**required** (format 2)",
    ("StatusEntry", "rationale"): "required when inferred",
    **{
        (cls, basis): f"**required** (format 2) when `{field}` is given"
        for cls, fields in {
            "Strategy": BASIS_FIELDS["strategies"],
            "Partnership": BASIS_FIELDS["partnerships"],
        }.items()
        for field, basis, _ in fields
    },
}

# The data files' lists and the classes they hold, then the tables those classes use.
_VALUE_CLASSES: tuple[type[Any], ...] = (
    model.Locator,
    model.Link,
    model.Period,
    model.Amount,
    model.StatusEntry,
    model.Basis,
)
_MANIFEST_CLASSES: tuple[type[Any], ...] = (
    model.Manifest,
    model.Municipality,
    model.Kommunenummer,
    model.County,
)
_LINK_TARGETS = {
    "SDG": "SDG or target",
    "theme": "[theme](#themes)",
    "goal": "goal",
    "master-plan goal": "master-plan goal",
    "outcome": "[outcome](#outcomes)",
    "plan": "document of kind `plan`",
}


@functools.cache
def field_docstrings(cls: type[Any]) -> dict[str, str]:
    """What the model's source says under or beside each field of ``cls``.

    A docstring under a field (``x: int`` then ``\"\"\"...\"\"\"``) and a comment at the end of
    its line are both taken, in that order.
    """
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    comments = {
        token.start[0]: token.string.lstrip("# ").strip()
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
    }
    tree = ast.parse(source)
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    found: dict[str, str] = {}
    for node, after in itertools.pairwise([*body, None]):
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)):
            continue
        parts = []
        if (
            isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            parts.append(" ".join(after.value.value.split()))
        comment = comments.get(node.end_lineno or node.lineno)
        if comment and not comment.startswith(("type:", "noqa", "fmt:")):
            parts.append(comment[0].upper() + comment[1:].rstrip(".") + ".")
        if parts:
            found[node.target.id] = " ".join(parts)
    return found


def meaning(cls: type[Any], name: str) -> str:
    """What field ``name`` of ``cls`` means, or ``UNDOCUMENTED``.

    The field's ``doc`` metadata; then what the model says under or beside the field; then
    the docstring of the field's enum.
    """
    enum = _enum_of(typing.get_type_hints(cls)[name])
    parts = [
        _meanings(cls)[name].doc,
        field_docstrings(cls).get(name),
        " ".join((enum.__doc__ or "").split()) if enum and _own_doc(enum) else None,
    ]
    found = " ".join(part for part in parts if part) or UNDOCUMENTED
    return found.replace("``", "`")


def _anchor(cls: type[Any]) -> str:
    return f"[{cls.__name__}](#{cls.__name__.lower()})"


def type_name(tp: Any) -> str:
    """A field's type in TOML words."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        return " or ".join(type_name(a) for a in args if a is not type(None))
    if origin is tuple:
        return f"list of {type_name(args[0])}"
    if isinstance(tp, type) and issubclass(tp, Enum):
        return " \\| ".join(f"`{m.value}`" for m in tp)
    if isinstance(tp, type) and attrs.has(tp):
        return f"table ({_anchor(tp)})"
    names = {str: "text", int: "integer", float: "number", bool: "`true` \\| `false`"}
    return names.get(tp, getattr(tp, "__name__", str(tp)))


def default_text(cls: type[Any], field: attrs.Attribute[Any]) -> str:
    if (cls.__name__, field.name) in _FORMAT_2:
        return _FORMAT_2[cls.__name__, field.name]
    if field.default is attrs.NOTHING:
        return "**required**"
    value = field.default
    if value is None:
        return "optional"
    if value == ():
        return "optional (empty list)"
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        value = str(value).lower()
    return f"optional, default `{value}`"


@functools.cache
def _meanings(cls: type[Any]) -> dict[str, model.FieldMeaning]:
    return {m.name: m for m in model.field_meaning(cls)}


def _refers_to(cls: type[Any], name: str) -> str:
    target = _meanings(cls)[name].refers_to
    if target is None:
        return ""
    return f" Refers to: {_LINK_TARGETS.get(target, target)}."


def field_rows(cls: type[Any]) -> Iterator[str]:
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        if field.name.startswith("_"):
            continue
        tp = hints[field.name]
        text = meaning(cls, field.name) + _refers_to(cls, field.name)
        yield f"| `{field.name}` | {type_name(tp)} | {default_text(cls, field)} | {text} |"


def _enum_of(tp: Any) -> type[Enum] | None:
    for candidate in (tp, *typing.get_args(tp)):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return candidate
    return None


def _own_doc(cls: type[Any]) -> bool:
    return bool(cls.__doc__) and cls.__doc__ != getattr(cls.__mro__[1], "__doc__", None)


def class_section(cls: type[Any], usage: str) -> list[str]:
    """A class's heading (its name, so that links to ``#<name>`` work), use, docstring, fields."""
    lines = [f"### {cls.__name__}", "", usage, ""]
    if _own_doc(cls):
        lines += [inspect.cleandoc(cls.__doc__ or "").replace("``", "`"), ""]
    lines += ["| field | type | required | meaning |", "|---|---|---|---|"]
    lines += list(field_rows(cls))
    return [*lines, ""]


def _entity_classes() -> list[tuple[str, type[Any]]]:
    hints = typing.get_type_hints(model.PackData)
    return [(f.name, typing.get_args(hints[f.name])[0]) for f in attrs.fields(model.PackData)]


def _value_users() -> dict[type[Any], str]:
    """For each value class, the fields that hold it (``Goal.source``, ...), in words."""
    classes = [*_MANIFEST_CLASSES, *(cls for _, cls in _entity_classes()), *_VALUE_CLASSES]
    names: dict[type[Any], set[str]] = {cls: set() for cls in _VALUE_CLASSES}
    for cls in classes:
        for field_name, tp in typing.get_type_hints(cls).items():
            for candidate in (tp, *typing.get_args(tp)):
                inner = typing.get_args(candidate) if typing.get_origin(candidate) else ()
                for value_cls in (candidate, *inner):
                    if value_cls in names:
                        names[value_cls].add(f"`{field_name}`")
    return {cls: ", ".join(sorted(found)) for cls, found in names.items()}


def reference_sections() -> list[str]:
    lines = ["## Reference ids", ""]
    lines += [
        "### SDGs",
        "",
        'An SDG link\'s `to` is a goal number as text (`"1"` to `"17"`) or a target id '
        '(`"17.17"`, `"6.a"`). The goals:',
        "",
    ]
    lines += [
        f"- `{n}` {sdg.short_title} ({sdg.short_title_nb})" for n, sdg in reference.sdgs().items()
    ]
    lines += ["", "### Themes", "", "A `themes` link's `to` is one of these ids:", ""]
    lines += ["| id | label | meaning |", "|---|---|---|"]
    lines += [
        f"| `{t.id}` | {t.label} ({t.label_nb}) | {t.description} |"
        for t in reference.themes().values()
    ]
    lines += ["", "### Outcomes", "", "A membership's `outcomes` link's `to` is one of:", ""]
    lines += [f"- `{o.value}`" for o in model.Outcome]
    lines += [
        "",
        "### Organisations in the core registry",
        "",
        'Refer to these by id (`organisation = "eurocities"`); do not declare them in a pack. '
        "Declare other organisations in the pack's `organisations` list.",
        "",
        "| id | name | kind |",
        "|---|---|---|",
    ]
    lines += [
        f"| `{o.id}` | {o.name} | `{o.kind.value}` |" for o in reference.organisations().values()
    ]
    return [*lines, ""]


def render() -> str:
    """The whole of docs/pack-format.md."""
    lines = [
        f"# The pack format (version {model.FORMAT_VERSION})",
        "",
        "<!-- Generated by docs/gen_pack_format.py from munintl.model; do not edit by hand. -->",
        "",
        "A pack is a Python package holding `pack.toml` (the manifest) and the TOML data files "
        "the manifest lists. Each data file may hold any of the entity lists below, as arrays "
        "of tables (`[[goals]]`); every entity has an `id`, unique in the pack, and a "
        "`source`. Tables inside an entity are written inline "
        '(`source = { document = "strategy", section = "2.1" }`). Unknown keys are errors, '
        "and so are text where a number is expected and the reverse. "
        "`docs/adding-a-pack.md` walks through making a pack; `munintl new-pack` writes one "
        "with an example of every entity.",
        "",
        "Partial dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Ids are lower-case letters, "
        "digits, `.`, `_` and `-`, starting with a letter or digit.",
        "",
        "Every status carries its evidence, as links do: a membership's status entries "
        "(`evidence`, and a `rationale` when inferred), a partnership's `status` "
        "(`status_basis`), a strategy's `status` (`status_basis`) and `in_force` "
        "(`in_force_basis`); see [Basis](#basis). A status no source gives is left out "
        "(`statuses = []` for a membership): unknown, never read as active. A pack of "
        "`format_version = 1`, written before statuses carried evidence, still loads: each "
        'status counts as inferred, "recorded without evidence", `munintl validate` warns of '
        "each, and `munintl migrate PATH` upgrades the pack in place.",
        "",
        "## pack.toml",
        "",
    ]
    lines += class_section(model.Manifest, "The top level of `pack.toml`.")
    lines += class_section(model.Municipality, "The `[municipality]` table of `pack.toml`.")
    lines += class_section(model.Kommunenummer, "An entry of `codes` in `[municipality]`.")
    lines += class_section(model.County, "An entry of `counties` in `[municipality]`.")
    entities = _entity_classes()
    lines += ["## Data files", "", "The lists a data file may hold:", ""]
    lines += [f"- [`[[{name}]]`](#{cls.__name__.lower()})" for name, cls in entities]
    lines.append("")
    for name, cls in entities:
        lines += class_section(cls, f"An entry of `[[{name}]]` in a data file.")
    lines += ["## Tables used inside entities", ""]
    users = _value_users()
    for cls in _VALUE_CLASSES:
        lines += class_section(cls, f"Written inline, in {users[cls]}.")
    lines += reference_sections()
    return "\n".join(lines).rstrip() + "\n"


def undocumented() -> list[str]:
    """``Class.field`` for every field whose meaning is not written down anywhere."""
    classes = [*_MANIFEST_CLASSES, *(cls for _, cls in _entity_classes()), *_VALUE_CLASSES]
    return [
        f"{cls.__name__}.{f.name}"
        for cls in classes
        for f in attrs.fields(cls)
        if not f.name.startswith("_") and meaning(cls, f.name) == UNDOCUMENTED
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is out of date: run python docs/gen_pack_format.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
