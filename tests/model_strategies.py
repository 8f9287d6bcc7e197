"""Hypothesis strategies for munintl's model: valid values by construction.

Every strategy here builds values that satisfy the model's rules (non-blank text, one-line
rationales, a basis for every stated or inferred status, periods in order, status histories
oldest first, references that resolve) by the way it draws them, not by drawing freely and
filtering: filtered strategies discard most of what they draw, and hypothesis's health check
fails them on some versions and seeds (CI failed so on hypothesis 6.155.2). ``strategy_of``
raises if a class gains a rule across fields that this module does not build for, so a new
rule fails here loudly instead of making generation slow.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any

import attrs
import iso3166
from hypothesis import strategies as st

import munintl.model as model
from munintl.dates import earliest
from munintl.errors import InvalidField
from munintl.model import Pack
from munintl.reference import organisations, sdgs, themes

__all__ = [
    "MODEL_CLASSES",
    "REGISTRY",
    "SDG_REFS",
    "bases",
    "idents",
    "lines",
    "links",
    "locators",
    "partial_dates",
    "strategy_of",
    "texts",
    "valid_packs",
]

idents = st.from_regex(r"\A[a-z0-9][a-z0-9._-]{0,8}\Z")
# A pack's name is an id the goal network's shared nodes do not use (a rare draw: filtered).
pack_names = idents.filter(lambda name: name not in model.SHARED_NODE_PREFIXES)

# Text as packs may hold it: no control characters but tab and line breaks (validation refuses
# the others, see test_security.py), around one character a reader can see, so never blank.
_INVISIBLE_LETTERS = "\u115f\u1160\u17b4\u17b5\u3164\uffa0"  # letters drawn blank
_SEEN = st.characters(
    whitelist_categories=("L", "N", "P", "S"), blacklist_characters=_INVISIBLE_LETTERS
)
# U+FFFE and U+FFFF are no characters (category Cn): the loader refuses them, as XML does.
_NONCHARACTERS = "\ufffe\uffff"
_ANY = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters=_NONCHARACTERS
) | st.sampled_from("\t\n\r")
# A rationale is one line: no line break of any kind (U+0085 is a control character, U+2028
# and U+2029 are the categories Zl and Zp).
_ON_ONE_LINE = st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters=_NONCHARACTERS
) | st.just("\t")


def _around_a_seen_character(chars: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    side = st.text(chars, max_size=5)
    return st.tuples(side, _SEEN, side).map("".join)


texts = _around_a_seen_character(_ANY)
lines = _around_a_seen_character(_ON_ONE_LINE)
years = st.integers(min_value=1000, max_value=2999)
_DAYS = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31))
_PRECISIONS = st.sampled_from([4, 7, 10])  # year, month, day


@st.composite
def partial_dates(draw: st.DrawFn) -> str:
    return draw(_DAYS).isoformat()[: draw(_PRECISIONS)]


@st.composite
def ordered_partial_dates(draw: st.DrawFn, size: int) -> list[str]:
    """``size`` partial dates, ordered by the first day each spans (``2020`` spans the year),
    so each is not before the one above it and no period they bound ends before it starts."""
    dates = [draw(partial_dates()) for _ in range(size)]
    return sorted(dates, key=earliest)


@st.composite
def locators(draw: st.DrawFn, documents: st.SearchStrategy[str] = idents) -> model.Locator:
    """A locator with a section, a page or both (never neither)."""
    which = draw(st.sampled_from(["section", "page", "both"]))
    return model.Locator(
        document=draw(documents),
        section=draw(texts) if which != "page" else None,
        page=draw(st.integers(1, 999)) if which != "section" else None,
    )


@st.composite
def _evidence_and_rationale(draw: st.DrawFn) -> tuple[model.Evidence, str | None]:
    """Inferred comes with a rationale; stated may have one."""
    evidence = draw(st.sampled_from(model.Evidence))
    needed = evidence is model.Evidence.INFERRED
    return evidence, draw(lines if needed else st.none() | lines)


@st.composite
def bases(draw: st.DrawFn) -> model.Basis:
    """A basis: stated with a locator, or inferred with a rationale (and perhaps a locator)."""
    evidence, rationale = draw(_evidence_and_rationale())
    stated = evidence is model.Evidence.STATED
    source = draw(locators() if stated else st.none() | locators())
    return model.Basis(evidence, source, rationale)


@st.composite
def _links(draw: st.DrawFn) -> model.Link:
    evidence, rationale = draw(_evidence_and_rationale())
    return model.Link(to=draw(idents), evidence=evidence, rationale=rationale)


@st.composite
def periods(draw: st.DrawFn) -> model.Period:
    start, end = draw(ordered_partial_dates(2))
    return model.Period(
        start=draw(st.sampled_from([start, None])), end=draw(st.sampled_from([end, None]))
    )


@st.composite
def kommunenumre(draw: st.DrawFn) -> model.Kommunenummer:
    since, until = sorted(draw(st.lists(years, min_size=2, max_size=2)))
    return model.Kommunenummer(
        code=draw(st.from_regex(r"\A[0-9]{4}\Z")),
        since=draw(st.sampled_from([since, None])),
        until=draw(st.sampled_from([until, None])),
    )


@st.composite
def status_entries(draw: st.DrawFn, since: str | None = None) -> model.StatusEntry:
    evidence, rationale = draw(_evidence_and_rationale())
    return model.StatusEntry(
        status=draw(st.sampled_from(model.MembershipStatus)),
        source=draw(locators()),
        since=since,
        note=draw(st.none() | texts),
        evidence=evidence,
        rationale=rationale,
    )


@st.composite
def _history_dates(draw: st.DrawFn) -> list[str | None]:
    """The ``since`` of each entry of a status history as the model requires it: dated entries
    oldest first, at most one entry with none (placed anywhere)."""
    size = draw(st.integers(0, 3))
    dated: list[str] = draw(ordered_partial_dates(size))
    days: list[str | None] = [*dated]
    if days and draw(st.booleans()):
        days[draw(st.integers(0, size - 1))] = None
    return days


@st.composite
def status_histories(draw: st.DrawFn) -> tuple[model.StatusEntry, ...]:
    return tuple(draw(status_entries(since)) for since in draw(_history_dates()))


# Field-by-field strategies where the type alone says too little (ids, non-empty text, dates).
_BY_VALIDATOR: dict[str, st.SearchStrategy[Any]] = {
    "_ident": idents,
    "_pack_name": pack_names,
    "_text": texts,
    "_one_line": lines,
    "_partial_date": partial_dates(),
    "_year": years,
}
_BY_FIELD: dict[tuple[str, str], st.SearchStrategy[Any]] = {
    ("Partnership", "country"): st.sampled_from(sorted(iso3166.countries_by_alpha2)),
    ("Document", "language"): st.sampled_from(["nb", "nn", "en"]),
    ("Amount", "value"): st.floats(min_value=0, allow_nan=False, allow_infinity=False),
    ("Amount", "currency"): st.from_regex(r"\A[A-Z]{3}\Z"),
    ("Figure", "value"): st.none() | st.floats(allow_nan=False, allow_infinity=False),
    ("Municipality", "codes"): st.lists(kommunenumre(), min_size=1, max_size=2).map(tuple),
    ("Membership", "statuses"): status_histories(),
}
# Classes whose rules span fields: built whole by the strategies above.
_BY_CLASS: dict[type[Any], st.SearchStrategy[Any]] = {
    model.Locator: locators(),
    model.Link: _links(),
    model.Basis: bases(),
    model.Period: periods(),
    model.Kommunenummer: kommunenumre(),
    model.StatusEntry: (st.none() | partial_dates()).flatmap(status_entries),
}


def _validator_name(attribute: attrs.Attribute[Any]) -> str | None:
    validator = attribute.validator
    return getattr(validator, "__name__", None) if validator is not None else None


def strategy_for(cls: type[Any], attribute: attrs.Attribute[Any], hint: Any) -> Any:
    """Valid values of one field of a model class."""
    key = (cls.__name__, attribute.name)
    if key in _BY_FIELD:
        return _BY_FIELD[key]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        return st.none() | strategy_for(cls, attribute, inner)
    validator = _validator_name(attribute)
    if origin is tuple:
        item = texts if validator == "_texts" else idents if validator == "_idents" else None
        items = item if item is not None else strategy_of(args[0])
        return st.lists(items, max_size=2).map(tuple)
    if validator in _BY_VALIDATOR:
        return _BY_VALIDATOR[validator]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(hint)
    if attrs.has(hint):
        return strategy_of(hint)
    simple = {str: texts, bool: st.booleans(), int: st.integers(0, 99), float: st.floats(-1e9, 1e9)}
    return simple[hint]


def _made_consistent(cls: type[Any], values: dict[str, Any]) -> dict[str, Any]:
    """The rules across fields that field-by-field drawing cannot know, applied to the drawn
    values: a basis only for a value that is given; a strategy never supersedes itself."""
    for name in list(values):
        given = name.removesuffix("_basis")
        if given != name and given in values and values[given] is None:
            values[name] = None
    if cls is model.Strategy:
        values["supersedes"] = tuple(s for s in values["supersedes"] if s != values["id"])
    return values


def _build(cls: type[Any], values: dict[str, Any]) -> Any:
    try:
        return cls(**_made_consistent(cls, values))
    except InvalidField as exc:  # pragma: no cover - fails the test, by design
        raise AssertionError(
            f"tests/model_strategies.py draws invalid {cls.__name__} values ({exc}): build the "
            "new rule in _made_consistent or _BY_CLASS rather than filtering"
        ) from exc


def strategy_of(cls: type[Any]) -> st.SearchStrategy[Any]:
    """Valid instances of a model class, from its fields' types and validators (``Pack``
    without its entity lists; :func:`valid_packs` builds those with resolving references)."""
    if cls in _BY_CLASS:
        return _BY_CLASS[cls]
    hints = typing.get_type_hints(cls)
    fields = {
        a.name: st.deferred(lambda a=a: strategy_for(cls, a, hints[a.name]))
        for a in attrs.fields(cls)
        if a.init and not (cls is Pack and a.name in model.ENTITY_LISTS)
    }
    return st.fixed_dictionaries(fields).map(lambda values: _build(cls, values))


MODEL_CLASSES = sorted(
    (
        cls
        for cls in vars(model).values()
        if isinstance(cls, type) and attrs.has(cls) and cls.__module__ == model.__name__
    ),
    key=lambda cls: cls.__name__,
)

# --- valid packs, generated with consistent references ------------------------------------------

SDG_REFS = sorted(
    [str(n) for n in sdgs()] + [t.id for goal in sdgs().values() for t in goal.targets]
)
REGISTRY = sorted(organisations())


@st.composite
def links(draw: st.DrawFn, targets: list[str], max_size: int = 2) -> tuple[model.Link, ...]:
    """Links to distinct targets among ``targets``."""
    if not targets:
        return ()
    chosen = draw(st.lists(st.sampled_from(targets), max_size=max_size, unique=True))
    out = []
    for to in chosen:
        evidence, rationale = draw(_evidence_and_rationale())
        out.append(model.Link(to=to, evidence=evidence, rationale=rationale))
    return tuple(out)


@st.composite
def valid_packs(draw: st.DrawFn) -> Pack:
    """A pack whose every reference resolves and whose goal hierarchy is a forest."""
    # Unique by construction (an index after a dot: no registry id has one), not by filtering.
    pool = iter(f"{i}.{n}" for n, i in enumerate(draw(st.lists(idents, min_size=40, max_size=40))))

    def some(choices: list[str], most: int = 2) -> list[str]:
        if not choices:
            return []
        return draw(st.lists(st.sampled_from(choices), max_size=most, unique=True))

    theme_ids = sorted(themes())

    def loc(documents: list[str]) -> model.Locator:
        return draw(locators(st.sampled_from(documents)))

    def basis(documents: list[str]) -> model.Basis:
        evidence, rationale = draw(_evidence_and_rationale())
        source = (
            loc(documents) if evidence is model.Evidence.STATED or draw(st.booleans()) else None
        )
        return model.Basis(evidence, source, rationale)

    def status_entry(documents: list[str], since: str | None) -> model.StatusEntry:
        evidence, rationale = draw(_evidence_and_rationale())
        return model.StatusEntry(
            status=draw(st.sampled_from(model.MembershipStatus)),
            source=loc(documents),
            since=since,
            evidence=evidence,
            rationale=rationale,
        )

    def status_and_basis(kind: type[enum.Enum], documents: list[str]) -> dict[str, Any]:
        status = draw(st.none() | st.sampled_from(kind))
        return {"status": status, "status_basis": None if status is None else basis(documents)}

    name = draw(pack_names)
    histories = _history_dates()
    doc_ids = [next(pool) for _ in range(draw(st.integers(1, 2)))]
    # The first document is the master plan: a plan goal's plan is a document of kind plan.
    kinds = [model.DocumentKind.PLAN, *(draw(st.sampled_from(model.DocumentKind)) for _ in doc_ids)]
    documents = tuple(
        model.Document(id=d, title=draw(texts), kind=kind)
        for d, kind in zip(doc_ids, kinds, strict=False)
    )
    strategy_ids = [next(pool) for _ in range(draw(st.integers(1, 2)))]
    strategies = tuple(
        model.Strategy(
            id=s,
            title=draw(texts),
            document=draw(st.sampled_from(doc_ids)),
            status=draw(st.sampled_from(model.StrategyStatus)),
            status_basis=basis(doc_ids),
            source=loc(doc_ids),
            supersedes=tuple(some([x for x in strategy_ids if x != s] + doc_ids)),
            builds_on=tuple(some(doc_ids)),
            sdg_focus=draw(links(SDG_REFS)),
        )
        for s in strategy_ids
    )
    plan_goals = tuple(
        model.PlanGoal(
            id=next(pool),
            plan=doc_ids[0],
            label=draw(texts),
            title=draw(texts),
            source=loc(doc_ids),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    goals: list[model.Goal] = []
    for _ in range(draw(st.integers(0, 5))):
        strategy = draw(st.sampled_from(strategy_ids))
        parents = [g.id for g in goals if g.strategy == strategy]
        goals.append(
            model.Goal(
                id=next(pool),
                strategy=strategy,
                level=draw(st.sampled_from(model.GoalLevel)),
                label=draw(texts),
                title=draw(texts),
                source=loc(doc_ids),
                parent=draw(st.none() | st.sampled_from(parents)) if parents else None,
                sdgs=draw(links(SDG_REFS)),
                themes=draw(links(theme_ids)),
                plan_goals=draw(links([p.id for p in plan_goals])),
            )
        )
    goal_ids = [g.id for g in goals]
    departments: list[model.Department] = []
    for _ in range(draw(st.integers(0, 3))):
        earlier = [d.id for d in departments]
        departments.append(
            model.Department(
                id=next(pool),
                name=draw(texts),
                kind=draw(st.sampled_from(model.DepartmentKind)),
                source=loc(doc_ids),
                parent=draw(st.none() | st.sampled_from(earlier)) if earlier else None,
            )
        )
    dept_ids = [d.id for d in departments]
    # A pack's own organisation is shared by id across packs (munintl.reference's
    # organisation_clash): prefixed with the pack's name, packs of other names never give one
    # id two meanings (which the overlap and the exports rightly refuse).
    own_orgs = tuple(
        model.Organisation(
            id=f"{name}-{next(pool)}",
            name=draw(texts),
            kind=draw(st.sampled_from(model.OrganisationKind)),
            source=loc(doc_ids),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    org_ids = REGISTRY + [o.id for o in own_orgs]
    measures = tuple(
        model.Measure(
            id=next(pool),
            goal=draw(st.sampled_from(goal_ids)),
            title=draw(texts),
            source=loc(doc_ids),
            kind=draw(st.sampled_from(model.MeasureKind)),
            responsible=tuple(some(dept_ids)),
            sdgs=draw(links(SDG_REFS)),
            themes=draw(links(theme_ids)),
        )
        for _ in range(draw(st.integers(0, 3) if goal_ids else st.just(0)))
    )
    memberships = tuple(
        model.Membership(
            id=next(pool),
            organisation=draw(st.sampled_from(org_ids)),
            statuses=tuple(status_entry(doc_ids, since) for since in draw(histories)),
            source=loc(doc_ids),
            responsible=tuple(some(dept_ids)),
            serves=draw(links(goal_ids)),
            sdgs=draw(links(SDG_REFS)),
            outcomes=draw(links([o.value for o in model.Outcome])),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    partnerships = tuple(
        model.Partnership(
            id=next(pool),
            city=draw(texts),
            country=draw(st.sampled_from(sorted(iso3166.countries_by_alpha2))),
            source=loc(doc_ids),
            **status_and_basis(model.PartnershipStatus, doc_ids),
            serves=draw(links(goal_ids)),
            themes=draw(links(theme_ids)),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    projects = tuple(
        model.Project(
            id=next(pool),
            name=draw(texts),
            source=loc(doc_ids),
            organisations=tuple(some(org_ids)),
            responsible=tuple(some(dept_ids)),
            serves=draw(links(goal_ids)),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    about = [*doc_ids, *strategy_ids, *goal_ids, *dept_ids, *(m.id for m in measures),
             *(o.id for o in own_orgs),
             *(m.id for m in memberships), *(p.id for p in partnerships),
             *(p.id for p in projects), *(p.id for p in plan_goals)]  # fmt: skip
    statements = tuple(
        model.Statement(
            id=next(pool),
            kind=draw(st.sampled_from(model.StatementKind)),
            title=draw(texts),
            source=loc(doc_ids),
            about=tuple(some(about)),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    figures = tuple(
        model.Figure(
            id=next(pool),
            label=draw(texts),
            as_printed=draw(texts),
            source=loc(doc_ids),
            value=draw(st.none() | st.floats(allow_nan=False, allow_infinity=False)),
            about=tuple(some(about)),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    return Pack(
        name=name,
        municipality=model.Municipality(
            name=draw(texts), codes=(model.Kommunenummer(draw(st.from_regex(r"\A[0-9]{4}\Z"))),)
        ),
        documents=documents,
        strategies=strategies,
        goals=tuple(goals),
        measures=measures,
        departments=tuple(departments),
        organisations=own_orgs,
        memberships=memberships,
        partnerships=partnerships,
        projects=projects,
        plan_goals=plan_goals,
        statements=statements,
        figures=figures,
    )
