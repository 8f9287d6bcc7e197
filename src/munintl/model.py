"""The nouns of a municipal international strategy, as frozen attrs classes.

Everything a pack says is one of these. Every entity carries a :class:`Locator` saying where in
which source document it comes from, and every link (to an SDG, a theme, a goal it serves, a
master-plan goal) says whether the document *states* it or a curator *inferred* it.

Classes validate what they can see on their own (non-empty text, id syntax, dates, period
order, a rationale on every inferred link); what needs the whole pack (references resolve,
ids unique, SDGs exist) is checked in :mod:`munintl.validation`.

>>> loc = Locator(document="strategy", section="1.2")
>>> link = Link(to="17", evidence=Evidence.INFERRED, rationale="partnerships")
>>> goal = Goal(id="g1", strategy="s", level=GoalLevel.PRIORITY, label="hovedprioritering",
...             title="Påvirke", source=loc, sdgs=(link,))
>>> goal.sdgs[0].is_inferred
True
>>> Link(to="17", evidence=Evidence.INFERRED)
Traceback (most recent call last):
...
munintl.model.InvalidField: rationale: an inferred link needs a one-line rationale
>>> Basis(Evidence.STATED)
Traceback (most recent call last):
...
munintl.model.InvalidField: source: a stated status needs the locator of the sentence stating it
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any, Protocol

import attrs

from munintl.dates import earliest, latest, parse_partial_date

__all__ = [
    "Amount",
    "Basis",
    "County",
    "CriterionTest",
    "Department",
    "DepartmentKind",
    "Document",
    "DocumentKind",
    "Entity",
    "Evidence",
    "Figure",
    "Goal",
    "GoalLevel",
    "InvalidField",
    "Kommunenummer",
    "Link",
    "Locator",
    "Manifest",
    "Measure",
    "MeasureKind",
    "Membership",
    "MembershipStatus",
    "Municipality",
    "Organisation",
    "OrganisationKind",
    "Outcome",
    "Pack",
    "PackData",
    "Partnership",
    "PartnershipKind",
    "PartnershipStatus",
    "Period",
    "Perspective",
    "PlanGoal",
    "Project",
    "ProjectKind",
    "Statement",
    "StatementKind",
    "StatusEntry",
    "Strategy",
    "StrategyStatus",
    "Theme",
]

FORMAT_VERSION = 2
"""The newest pack format this library reads (it reads every format from 1 on)."""

UNRECORDED = "recorded without evidence"
"""The rationale of a status given without evidence (format 1, or built in Python without one)."""


class InvalidField(ValueError):
    """Raised by a class's own validation; ``field`` extends the error's field path."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.reason = message
        super().__init__(f"{field}: {message}")


# --- validators: small, reusable, each raising InvalidField with the attribute's name -----------

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_KOMMUNENUMMER = re.compile(r"^\d{4}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def _text(_: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not value.strip():
        raise InvalidField(attribute.name, "must not be empty")


def _texts(_: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for index, item in enumerate(value):
        if not item.strip():
            raise InvalidField(f"{attribute.name}[{index}]", "must not be empty")


def _ident(_: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not _ID.match(value):
        raise InvalidField(
            attribute.name,
            f"{value!r} is not a valid id (lower-case letters, digits, '.', '_', '-')",
        )


def _idents(_: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for index, item in enumerate(value):
        if not _ID.match(item):
            raise InvalidField(f"{attribute.name}[{index}]", f"{item!r} is not a valid id")


def _partial_date(_: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        try:
            parse_partial_date(value)
        except ValueError as exc:
            raise InvalidField(attribute.name, str(exc)) from None


def _year(_: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not 1000 <= value <= 2999:
        raise InvalidField(attribute.name, f"{value} is not a plausible year")


# --- vocabularies -------------------------------------------------------------------------------


class Evidence(StrEnum):
    """Whether the source document says a link or status, or a curator added it."""

    STATED = "stated"
    INFERRED = "inferred"


class DocumentKind(StrEnum):
    STRATEGY = "strategy"
    ACTION_PLAN = "action_plan"
    CASE = "case"
    WEB_PAGE = "web_page"
    PLAN = "plan"
    REPORT = "report"
    AGREEMENT = "agreement"
    OTHER = "other"


class StrategyStatus(StrEnum):
    ADOPTED = "adopted"
    TAKEN_NOTE = "taken_note"
    PROPOSED = "proposed"
    SUPERSEDED = "superseded"
    EXPIRED = "expired"


class GoalLevel(StrEnum):
    """Comparable levels; each goal also keeps the document's own word in ``Goal.label``."""

    PURPOSE = "purpose"
    MAIN_GOAL = "main_goal"
    PART = "part"
    FOCUS_AREA = "focus_area"
    SUB_GOAL = "sub_goal"
    PRIORITY = "priority"
    STRATEGY_LINE = "strategy_line"


class MeasureKind(StrEnum):
    MEASURE = "measure"
    COMMITMENT = "commitment"
    PREREQUISITE = "prerequisite"


class MembershipStatus(StrEnum):
    """``represented``: present through an umbrella body (every Norwegian municipality is
    represented in Brussels through KS) rather than by a membership of its own."""

    MEMBER = "member"
    REPRESENTED = "represented"
    PROPOSED_EXIT = "proposed_exit"
    PROPOSED_ENTRY = "proposed_entry"
    ENDED = "ended"


class PartnershipKind(StrEnum):
    TWIN_CITY = "twin_city"
    PEER = "peer"
    COOPERATION = "cooperation"


class PartnershipStatus(StrEnum):
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    ENDED = "ended"


class ProjectKind(StrEnum):
    PROJECT = "project"
    ACTIVITY = "activity"
    EVENT = "event"
    AWARD = "award"
    SUPPORT = "support"


class StatementKind(StrEnum):
    PRINCIPLE = "principle"
    CRITERION = "criterion"
    DECISION = "decision"
    FINDING = "finding"
    FRAMING = "framing"
    NOTE = "note"


class CriterionTest(StrEnum):
    """What a criterion demands of each membership, where a machine can tell."""

    SERVES_GOAL = "serves_goal"
    HAS_DEPARTMENT = "has_department"
    HAS_OUTCOME = "has_outcome"


class Outcome(StrEnum):
    """What taking part yields (Bergen's criteria name competence, influence and projects)."""

    COMPETENCE = "competence"
    INFLUENCE = "influence"
    PROJECT_WORK = "project_work"
    PROFILING = "profiling"
    SOLIDARITY = "solidarity"


class Perspective(StrEnum):
    """Bergen's and Hamar's framing: the city out in the world, or the world at home."""

    ABROAD = "abroad"
    AT_HOME = "at_home"
    BOTH = "both"


class OrganisationKind(StrEnum):
    NETWORK = "network"
    ASSOCIATION = "association"
    BRUSSELS_OFFICE = "brussels_office"
    AGENCY = "agency"
    PROGRAMME = "programme"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    NGO = "ngo"
    PUBLIC_BODY = "public_body"
    OTHER = "other"


class DepartmentKind(StrEnum):
    CITY_GOVERNMENT_DEPARTMENT = "city_government_department"
    AGENCY = "agency"
    UNIT = "unit"
    COMMITTEE = "committee"
    COUNCIL = "council"
    OFFICE = "office"
    INSTITUTION = "institution"


# --- small value classes ------------------------------------------------------------------------


@attrs.frozen
class Locator:
    """Where in a source document something is said: a section, a page, or both."""

    document: str = attrs.field(validator=_ident)
    section: str | None = attrs.field(default=None, validator=_text)
    page: int | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if self.section is None and self.page is None:
            raise InvalidField("section", "a locator needs a section or a page")
        if self.page is not None and self.page < 1:
            raise InvalidField("page", f"{self.page} is not a page number")

    def __str__(self) -> str:
        parts = [self.document]
        if self.section:
            parts.append(f"§ {self.section}")
        if self.page:
            parts.append(f"p. {self.page}")
        return ", ".join(parts)


@attrs.frozen
class Link:
    """A link from an entity to something it serves or concerns.

    ``to`` is an SDG (``"17"``) or target (``"17.17"``), a theme id, a goal id or a master-plan
    goal id, depending on the field that holds the link.
    """

    to: str = attrs.field(validator=_text)
    evidence: Evidence
    rationale: str | None = attrs.field(default=None, validator=_text)
    source: Locator | None = None

    def __attrs_post_init__(self) -> None:
        if self.evidence is Evidence.INFERRED and self.rationale is None:
            raise InvalidField("rationale", "an inferred link needs a one-line rationale")

    @property
    def is_inferred(self) -> bool:
        return self.evidence is Evidence.INFERRED


@attrs.frozen
class Basis:
    """Why a pack gives a status: the source states it (``source`` points at the sentence) or
    a curator inferred it (``rationale`` says why, in one line)."""

    evidence: Evidence
    source: Locator | None = None
    rationale: str | None = attrs.field(default=None, validator=_text)

    def __attrs_post_init__(self) -> None:
        _check_basis(self.evidence, self.source, self.rationale, "status")

    @property
    def is_inferred(self) -> bool:
        return self.evidence is Evidence.INFERRED


def _check_basis(
    evidence: Evidence, source: Locator | None, rationale: str | None, what: str
) -> None:
    if evidence is Evidence.STATED and source is None:
        raise InvalidField(
            "source", f"a stated {what} needs the locator of the sentence stating it"
        )
    if evidence is Evidence.INFERRED and rationale is None:
        raise InvalidField("rationale", f"an inferred {what} needs a one-line rationale")


_UNRECORDED_BASIS = Basis(Evidence.INFERRED, rationale=UNRECORDED)


def _unrecorded_if(field: str) -> Any:
    """A basis defaulting to "recorded without evidence" when ``field`` is given, else None."""
    return attrs.Factory(
        lambda self: None if getattr(self, field) is None else _UNRECORDED_BASIS, takes_self=True
    )


def _needs_basis(entity: Any, field: str) -> None:
    if getattr(entity, field) is None and getattr(entity, f"{field}_basis") is not None:
        raise InvalidField(f"{field}_basis", f"a basis is given but no {field}")


@attrs.frozen
class Period:
    """From when to when, as partial dates; either end may be unknown."""

    start: str | None = attrs.field(default=None, validator=_partial_date)
    end: str | None = attrs.field(default=None, validator=_partial_date)

    def __attrs_post_init__(self) -> None:
        if self.start and self.end and latest(self.end) < earliest(self.start):
            raise InvalidField(
                "end", f"the period ends ({self.end}) before it starts ({self.start})"
            )

    def __str__(self) -> str:
        return f"{self.start or '?'}–{self.end or '?'}"


@attrs.frozen
class Amount:
    value: float
    currency: str = attrs.field(default="NOK", validator=_text)
    note: str | None = attrs.field(default=None, validator=_text)


@attrs.frozen
class Kommunenummer:
    """A municipality number and the years it was in use (2020 merged many Norwegian ones)."""

    code: str
    since: int | None = attrs.field(default=None, validator=_year)
    until: int | None = attrs.field(default=None, validator=_year)

    def __attrs_post_init__(self) -> None:
        if not _KOMMUNENUMMER.match(self.code):
            raise InvalidField("code", f"{self.code!r} is not a kommunenummer (four digits)")
        if self.since and self.until and self.until < self.since:
            raise InvalidField("until", f"{self.until} is before {self.since}")


@attrs.frozen
class County:
    name: str = attrs.field(validator=_text)
    since: int | None = attrs.field(default=None, validator=_year)
    until: int | None = attrs.field(default=None, validator=_year)


# --- entities -----------------------------------------------------------------------------------


@attrs.frozen
class Municipality:
    """The municipality a pack describes; ``codes`` and ``counties`` keep their history."""

    name: str = attrs.field(validator=_text)
    codes: tuple[Kommunenummer, ...]
    counties: tuple[County, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not self.codes:
            raise InvalidField("codes", "a municipality needs at least one kommunenummer")

    @property
    def code(self) -> str:
        """The kommunenummer in use now (the one with no end year)."""
        current = [c for c in self.codes if c.until is None]
        return (current or list(self.codes))[-1].code

    @property
    def county(self) -> str | None:
        current = [c for c in self.counties if c.until is None]
        return current[-1].name if current else None


@attrs.frozen
class Document:
    """A source document. Without ``source`` it is a seed the pack is built from; with one,
    it is a document the seeds mention (a plan the strategy builds on, an earlier strategy)."""

    id: str = attrs.field(validator=_ident)
    title: str = attrs.field(validator=_text)
    kind: DocumentKind
    date: str | None = attrs.field(default=None, validator=_partial_date)
    case_number: str | None = attrs.field(default=None, validator=_text)
    adopted_by: str | None = attrs.field(default=None, validator=_text)
    decision: str | None = attrs.field(default=None, validator=_text)
    language: str = "nb"
    url: str | None = attrs.field(default=None, validator=_text)
    signed_by: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    source: Locator | None = None


@attrs.frozen
class Strategy:
    id: str = attrs.field(validator=_ident)
    title: str = attrs.field(validator=_text)
    document: str = attrs.field(validator=_ident)
    status: StrategyStatus
    source: Locator
    period: Period | None = None
    adopted_by: str | None = attrs.field(default=None, validator=_text)
    adopted_on: str | None = attrs.field(default=None, validator=_partial_date)
    case_number: str | None = attrs.field(default=None, validator=_text)
    supersedes: tuple[str, ...] = attrs.field(default=(), validator=_idents)
    builds_on: tuple[str, ...] = attrs.field(default=(), validator=_idents)
    sdg_focus: tuple[Link, ...] = ()
    in_force: bool | None = None  # unknown unless a source or a curator says
    status_basis: Basis = _UNRECORDED_BASIS
    in_force_basis: Basis | None = attrs.field(default=_unrecorded_if("in_force"))

    def __attrs_post_init__(self) -> None:
        _needs_basis(self, "in_force")


@attrs.frozen
class Goal:
    """One node of a strategy's goal hierarchy, at whatever level the document puts it."""

    id: str = attrs.field(validator=_ident)
    strategy: str = attrs.field(validator=_ident)
    level: GoalLevel
    label: str = attrs.field(validator=_text)
    title: str = attrs.field(validator=_text)
    source: Locator
    number: str | None = attrs.field(default=None, validator=_text)
    text: str | None = attrs.field(default=None, validator=_text)
    parent: str | None = attrs.field(default=None, validator=_ident)
    sdgs: tuple[Link, ...] = ()
    themes: tuple[Link, ...] = ()
    plan_goals: tuple[Link, ...] = ()
    perspective: Perspective | None = None


@attrs.frozen
class Measure:
    """A measure (tiltak), commitment ("Oslo kommune skal …") or prerequisite under a goal."""

    id: str = attrs.field(validator=_ident)
    goal: str = attrs.field(validator=_ident)
    title: str = attrs.field(validator=_text)
    source: Locator
    kind: MeasureKind = MeasureKind.MEASURE
    text: str | None = attrs.field(default=None, validator=_text)
    responsible: tuple[str, ...] = attrs.field(default=(), validator=_idents)
    sdgs: tuple[Link, ...] = ()
    themes: tuple[Link, ...] = ()


@attrs.frozen
class Department:
    id: str = attrs.field(validator=_ident)
    name: str = attrs.field(validator=_text)
    kind: DepartmentKind
    source: Locator
    parent: str | None = attrs.field(default=None, validator=_ident)
    note: str | None = attrs.field(default=None, validator=_text)


@attrs.frozen
class Organisation:
    """An organisation: the core registry holds shared ones; a pack may add its own, with a
    source."""

    id: str = attrs.field(validator=_ident)
    name: str = attrs.field(validator=_text)
    kind: OrganisationKind
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    description: str | None = attrs.field(default=None, validator=_text)
    source: Locator | None = None


@attrs.frozen
class StatusEntry:
    """A membership's status from a point in time, as a source gives it."""

    status: MembershipStatus
    source: Locator
    since: str | None = attrs.field(default=None, validator=_partial_date)
    note: str | None = attrs.field(default=None, validator=_text)
    evidence: Evidence = Evidence.INFERRED
    rationale: str | None = attrs.field(
        default=attrs.Factory(
            lambda self: UNRECORDED if self.evidence is Evidence.INFERRED else None, True
        ),
        validator=_text,
    )

    def __attrs_post_init__(self) -> None:
        _check_basis(self.evidence, self.source, self.rationale, "status")

    @property
    def basis(self) -> Basis:
        return Basis(self.evidence, self.source, self.rationale)


@attrs.frozen
class Membership:
    id: str = attrs.field(validator=_ident)
    organisation: str = attrs.field(validator=_ident)
    statuses: tuple[StatusEntry, ...]
    source: Locator
    responsible: tuple[str, ...] = attrs.field(default=(), validator=_idents)
    website: str | None = attrs.field(default=None, validator=_text)
    description: str | None = attrs.field(default=None, validator=_text)
    since: str | None = attrs.field(default=None, validator=_partial_date)
    serves: tuple[Link, ...] = ()
    themes: tuple[Link, ...] = ()
    sdgs: tuple[Link, ...] = ()
    outcomes: tuple[Link, ...] = ()
    perspective: Perspective | None = None

    @property
    def status(self) -> MembershipStatus | None:
        """The latest status the sources give; None (unknown) when ``statuses`` is empty."""
        return self.statuses[-1].status if self.statuses else None


@attrs.frozen
class Partnership:
    """A twin city (vennskapsby) or another city the municipality works with."""

    id: str = attrs.field(validator=_ident)
    city: str = attrs.field(validator=_text)
    country: str
    source: Locator
    kind: PartnershipKind = PartnershipKind.TWIN_CITY
    status: PartnershipStatus | None = None  # unknown unless a source says
    since: str | None = attrs.field(default=None, validator=_partial_date)
    areas: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    description: str | None = attrs.field(default=None, validator=_text)
    responsible: tuple[str, ...] = attrs.field(default=(), validator=_idents)
    serves: tuple[Link, ...] = ()
    themes: tuple[Link, ...] = ()
    sdgs: tuple[Link, ...] = ()
    perspective: Perspective | None = None
    status_basis: Basis | None = attrs.field(default=_unrecorded_if("status"))

    def __attrs_post_init__(self) -> None:
        _needs_basis(self, "status")
        if not _COUNTRY.match(self.country):
            raise InvalidField(
                "country", f"{self.country!r} is not an ISO 3166 alpha-2 code such as 'SE'"
            )


@attrs.frozen
class Project:
    """A project, recurring activity, event, award or support effort."""

    id: str = attrs.field(validator=_ident)
    name: str = attrs.field(validator=_text)
    source: Locator
    kind: ProjectKind = ProjectKind.PROJECT
    description: str | None = attrs.field(default=None, validator=_text)
    programme: str | None = attrs.field(default=None, validator=_text)
    funding: str | None = attrs.field(default=None, validator=_text)
    period: Period | None = None
    budget: Amount | None = None
    partners: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    organisations: tuple[str, ...] = attrs.field(default=(), validator=_idents)
    responsible: tuple[str, ...] = attrs.field(default=(), validator=_idents)
    serves: tuple[Link, ...] = ()
    themes: tuple[Link, ...] = ()
    sdgs: tuple[Link, ...] = ()
    perspective: Perspective | None = None


@attrs.frozen
class PlanGoal:
    """A goal, focus area or vision of the municipal master plan (kommuneplan)."""

    id: str = attrs.field(validator=_ident)
    plan: str = attrs.field(validator=_ident)
    label: str = attrs.field(validator=_text)
    title: str = attrs.field(validator=_text)
    source: Locator
    text: str | None = attrs.field(default=None, validator=_text)


@attrs.frozen
class Statement:
    """A principle, criterion, decision point, finding, framing or note the documents set out.

    ``about`` names the entities it concerns (a criterion's memberships, a framing's projects).
    """

    id: str = attrs.field(validator=_ident)
    kind: StatementKind
    title: str = attrs.field(validator=_text)
    source: Locator
    text: str | None = attrs.field(default=None, validator=_text)
    test: CriterionTest | None = None
    about: tuple[str, ...] = attrs.field(default=(), validator=_idents)
    perspective: Perspective | None = None


@attrs.frozen
class Figure:
    """A number the documents give, with the words they give it in."""

    id: str = attrs.field(validator=_ident)
    label: str = attrs.field(validator=_text)
    as_printed: str = attrs.field(validator=_text)
    source: Locator
    value: float | None = None
    unit: str | None = attrs.field(default=None, validator=_text)
    about: tuple[str, ...] = attrs.field(default=(), validator=_idents)


@attrs.frozen
class Theme:
    """An entry of the core theme vocabulary."""

    id: str = attrs.field(validator=_ident)
    label: str = attrs.field(validator=_text)
    label_nb: str = attrs.field(validator=_text)
    description: str = attrs.field(validator=_text)


class Entity(Protocol):
    """What every entity of a pack has: an id, unique within the pack."""

    @property
    def id(self) -> str: ...


# --- files and the pack -------------------------------------------------------------------------


@attrs.frozen
class Manifest:
    """``pack.toml``: what the pack is and which data files it holds."""

    format_version: int
    name: str = attrs.field(validator=_ident)
    municipality: Municipality
    files: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    description: str | None = attrs.field(default=None, validator=_text)


@attrs.frozen
class PackData:
    """One data file: any of the entity lists, each optional."""

    documents: tuple[Document, ...] = ()
    strategies: tuple[Strategy, ...] = ()
    goals: tuple[Goal, ...] = ()
    measures: tuple[Measure, ...] = ()
    departments: tuple[Department, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    memberships: tuple[Membership, ...] = ()
    partnerships: tuple[Partnership, ...] = ()
    projects: tuple[Project, ...] = ()
    plan_goals: tuple[PlanGoal, ...] = ()
    statements: tuple[Statement, ...] = ()
    figures: tuple[Figure, ...] = ()


ENTITY_LISTS: tuple[str, ...] = tuple(a.name for a in attrs.fields(PackData))
"""The names of the entity lists a data file may hold, in a stable order."""


@attrs.frozen
class Pack:
    """A loaded, validated pack: one municipality's strategies and everything around them."""

    name: str
    municipality: Municipality
    format_version: int = FORMAT_VERSION
    description: str | None = None
    distribution: str | None = None
    version: str | None = None
    documents: tuple[Document, ...] = ()
    strategies: tuple[Strategy, ...] = ()
    goals: tuple[Goal, ...] = ()
    measures: tuple[Measure, ...] = ()
    departments: tuple[Department, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    memberships: tuple[Membership, ...] = ()
    partnerships: tuple[Partnership, ...] = ()
    projects: tuple[Project, ...] = ()
    plan_goals: tuple[PlanGoal, ...] = ()
    statements: tuple[Statement, ...] = ()
    figures: tuple[Figure, ...] = ()
    _index: dict[str, Entity] = attrs.field(
        init=False, repr=False, eq=False, hash=False, alias="_index"
    )

    def __attrs_post_init__(self) -> None:
        index: dict[str, Entity] = {}
        for name in ENTITY_LISTS:
            for entity in getattr(self, name):
                index.setdefault(entity.id, entity)
        object.__setattr__(self, "_index", index)

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, of any kind, or None."""
        return self._index.get(entity_id)

    def entities(self) -> list[Entity]:
        """Every entity of the pack, list by list in a stable order."""
        return [e for name in ENTITY_LISTS for e in getattr(self, name)]

    def children(self, goal_id: str) -> list[Goal]:
        """The goals directly under a goal, in document order."""
        return [g for g in self.goals if g.parent == goal_id]

    def measures_of(self, goal_id: str) -> list[Measure]:
        return [m for m in self.measures if m.goal == goal_id]

    @property
    def strategy(self) -> Strategy | None:
        """The strategy in force, or the first one when none is marked as in force."""
        in_force = [s for s in self.strategies if s.in_force]
        candidates = in_force or list(self.strategies)
        return candidates[0] if candidates else None
