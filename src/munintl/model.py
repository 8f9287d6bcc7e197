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
munintl.errors.InvalidField: rationale: an inferred link needs a one-line rationale
>>> Basis(Evidence.STATED)
Traceback (most recent call last):
...
munintl.errors.InvalidField: source: a stated status needs the locator of the sentence stating it
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any, NoReturn, Protocol

import attrs
import iso3166

from munintl._chars import lookalike_note
from munintl.dates import earliest, latest, parse_partial_date
from munintl.errors import InvalidField

__all__ = [
    "REFERENCE_KINDS",
    "SHARED_NODE_PREFIXES",
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
    "FieldMeaning",
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
    "Relation",
    "Statement",
    "StatementKind",
    "StatusEntry",
    "Strategy",
    "StrategyStatus",
    "Theme",
    "country_problem",
    "field_meaning",
    "id_problem",
    "is_blank",
    "pack_name_problem",
]

FORMAT_VERSION = 2
"""The newest pack format this library reads (it reads every format from 1 on)."""

UNRECORDED = "recorded without evidence"
"""The rationale of a status given without evidence (format 1, or built in Python without one)."""


# --- validators: small, reusable, each raising InvalidField with the attribute's name -----------

# Patterns are matched with fullmatch and spell digits [0-9]: "$" would let a trailing newline
# through and "\d" any Unicode digit; ids, codes and numbers are ASCII.
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
_KOMMUNENUMMER = re.compile(r"[0-9]{4}")
# Text a reader cannot see: white space, format characters (zero-width space and joiners,
# the byte-order mark, the soft hyphen), and letters drawn blank (Hangul fillers, the blank
# Braille pattern, the combining grapheme joiner).
_INVISIBLE = re.compile(
    "[\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0]*"
)
# ISO 3166 reserves these for other uses; each is a common mistake for the assigned code.
_COUNTRY_HINTS = {"UK": "GB", "EL": "GR", "EN": "GB"}
# Norwegian names of the countries twin cities and networks most often lie in, as packs'
# authors write them (English names and alpha-3 codes are looked up in iso3166).
_NORWEGIAN_NAMES = {
    "NORGE": "NO", "SVERIGE": "SE", "DANMARK": "DK", "ISLAND": "IS", "FÆRØYENE": "FO",
    "TYSKLAND": "DE", "STORBRITANNIA": "GB", "ENGLAND": "GB", "SKOTTLAND": "GB",
    "NEDERLAND": "NL", "FRANKRIKE": "FR", "SPANIA": "ES", "ITALIA": "IT", "POLEN": "PL",
    "RUSSLAND": "RU", "KINA": "CN", "USA": "US", "LITAUEN": "LT", "ESTLAND": "EE",
    "BELGIA": "BE", "SVEITS": "CH", "ØSTERRIKE": "AT", "HELLAS": "GR", "TSJEKKIA": "CZ",
}  # fmt: skip


def is_blank(text: str) -> bool:
    """Whether a text holds nothing a reader can see (only white space and invisible
    characters such as U+200B ZERO WIDTH SPACE).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_blank(" \u200b\ufeff"), is_blank("Oslo")
    (True, False)
    """
    if text.isascii():
        return not text.strip()
    return _INVISIBLE.fullmatch(text) is not None


def _text(_: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and is_blank(value):
        raise InvalidField(attribute.name, "must not be empty" + _invisible_note(value))


_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")


def _one_line(instance: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """A text of one line (a rationale): not empty, and no line break inside."""
    _text(instance, attribute, value)
    found = _LINE_BREAK.search(value) if value is not None else None
    if found is not None:
        raise InvalidField(
            attribute.name,
            f"a {attribute.name} is one line; this one holds a line break "
            f"(U+{ord(found[0]):04X}): join its lines",
        )


def _texts(_: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for index, item in enumerate(value):
        if is_blank(item):
            raise InvalidField(
                f"{attribute.name}[{index}]", "must not be empty" + _invisible_note(item)
            )


def _invisible_note(text: str) -> str:
    return f" (it holds only invisible characters{lookalike_note(text)})" if text.strip() else ""


# A BCP 47 (RFC 5646) language tag's syntax: language (with extended subtags), script,
# region, variants, extensions, private use. ASCII only: a look-alike letter is no subtag.
_LANGUAGE_TAG = re.compile(
    r"(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?|x(?:-[a-z0-9]{1,8})+)",
    re.IGNORECASE | re.ASCII,
)


def language_problem(tag: str) -> str | None:
    """Why ``tag`` is not a BCP 47 language tag, or None when it is one.

    RDF and HTML tools refuse such a tag (rdflib raises on ``nb_NO``) or drop it silently.

    Parameters
    ----------
    tag : str
        A would-be language tag.

    Returns
    -------
    str or None
        The message, or None for a valid tag.

    Examples
    --------
    >>> language_problem("nb-NO") is None, language_problem("nb_NO")
    (True, "'nb_NO' is not a BCP 47 language tag (such as nb, nn, en or nb-NO)")
    """
    if _LANGUAGE_TAG.fullmatch(tag):
        return None
    return f"{tag!r} is not a BCP 47 language tag (such as nb, nn, en or nb-NO)" + lookalike_note(
        tag
    )


def _language(_: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    problem = language_problem(value)
    if problem:
        raise InvalidField(attribute.name, problem)


SHARED_NODE_PREFIXES: frozenset[str] = frozenset(
    {"sdg", "org", "theme", "city", "country", "municipality"}
)
"""The goal network names a shared node ``<prefix>:<id>`` (``sdg:17``, ``org:eurocities``) and
a pack's entity ``<pack>:<id>``: a pack named like a prefix would share its ids with those
nodes (its figure ``17`` would become SDG 17), so these are not pack names."""


def pack_name_problem(value: str) -> str | None:
    """Why ``value`` cannot be a pack's name, or None when it can.

    Parameters
    ----------
    value : str
        A would-be pack name.

    Returns
    -------
    str or None
        The message, or None for a valid name.

    Examples
    --------
    >>> pack_name_problem("bergen") is None
    True
    >>> print(pack_name_problem("sdg"))
    'sdg' is reserved: the goal network names its shared nodes 'sdg:...'; choose another name
    """
    problem = id_problem(value)
    if problem is None and value in SHARED_NODE_PREFIXES:
        problem = (
            f"{value!r} is reserved: the goal network names its shared nodes '{value}:...'; "
            "choose another name"
        )
    return problem


def _pack_name(_: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    problem = pack_name_problem(value)
    if problem:
        raise InvalidField(attribute.name, problem)


def id_problem(value: str) -> str | None:
    """Why ``value`` is not a valid id, or None when it is one.

    Parameters
    ----------
    value : str
        A would-be id.

    Returns
    -------
    str or None
        The message (look-alike characters named), or None for a valid id.

    Examples
    --------
    >>> print(id_problem("m\u0430in"))
    'mаin' is not a valid id (lower-case letters, digits, '.', '_', '-') \
(it holds U+0430 CYRILLIC SMALL LETTER A)
    >>> id_problem("twin-lund\\n").endswith("(it holds U+000A LINE FEED)")
    True
    """
    if _ID.fullmatch(value):
        return None
    return (
        f"{value!r} is not a valid id (lower-case letters, digits, '.', '_', '-')"
        + lookalike_note(value)
    )


def _ident(_: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    problem = id_problem(value) if value is not None else None
    if problem:
        raise InvalidField(attribute.name, problem)


def _idents(_: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for index, item in enumerate(value):
        problem = id_problem(item)
        if problem:
            raise InvalidField(f"{attribute.name}[{index}]", problem)


def country_problem(code: str) -> str | None:
    """Why ``code`` is not an ISO 3166-1 alpha-2 country code, or None when it is one
    (checked against the ``iso3166`` package's list of assigned codes).

    Parameters
    ----------
    code : str
        A would-be ISO 3166-1 alpha-2 code.

    Returns
    -------
    str or None
        The message (with a hint for a reserved code such as ``UK``), or None for an assigned
        code.

    Examples
    --------
    >>> country_problem("SE") is None
    True
    >>> country_problem("UK")
    "'UK' is not an ISO 3166 alpha-2 code (the United Kingdom is 'GB')"
    """
    if code.isascii() and code in iso3166.countries_by_alpha2:
        return None
    known = _country_named(code)  # a reserved code (UK), alpha-3 (SWE) or a name (Sverige)
    if (
        code.isascii()
        and code.upper() in iso3166.countries_by_alpha2
        and code not in _COUNTRY_HINTS
    ):
        note = f" (write it in capitals: {code.upper()!r})"
    elif known is not None:
        short = "the United Kingdom" if known.alpha2 == "GB" else known.apolitical_name
        note = f" ({short} is {known.alpha2!r})"
    else:
        note = lookalike_note(code) or " such as 'SE'"
    return f"{code!r} is not an ISO 3166 alpha-2 code{note}"


def _country_named(text: str) -> Any:
    """The country an alpha-3 code, an English or a Norwegian name names, or None."""
    key = text.strip().upper()
    alpha2 = _COUNTRY_HINTS.get(key) or _NORWEGIAN_NAMES.get(key)
    if alpha2 is not None:
        return iso3166.countries_by_alpha2[alpha2]
    return (
        iso3166.countries_by_alpha3.get(key)
        or iso3166.countries_by_apolitical_name.get(key)
        or iso3166.countries_by_name.get(key)
    )


def _partial_date(_: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        try:
            parse_partial_date(value)
        except ValueError as exc:
            raise InvalidField(attribute.name, str(exc)) from None


def _year(_: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not 1000 <= value <= 2999:
        raise InvalidField(attribute.name, f"{value} is not a plausible year")


# --- what each field means, declared once --------------------------------------------------------
#
# Every field of the pack format carries its meaning as attrs metadata: a one-line
# documentation (``doc``), what kind of thing a reference points at (``refers_to``), and which
# edge of the goal network it becomes (``edge``; ``inward`` when the edge runs from the target
# to the entity; ``unless`` names a field that, when set, takes the edge's place). Validation,
# the goal network and docs/pack-format.md all read it (see :func:`field_meaning`).

DOC, REFERS_TO, EDGE, INWARD, UNLESS = "doc", "refers_to", "edge", "inward", "unless"


class FixedStrEnum(StrEnum):
    """A munintl enumeration: its members are shared by the whole process, so nothing may
    change them. Pickle's BUILD opcode, the one way a pickle changes an object it did not
    make, calls ``__setstate__``; here that raises, so a pickle that tries is refused
    (``munintl.disk_cache`` reads only munintl's own, and finds only these enumerations).

    Examples
    --------
    >>> Evidence.STATED.__setstate__({"_value_": "forged"})
    Traceback (most recent call last):
    TypeError: Evidence members are never changed
    """

    def __setstate__(self, state: object) -> NoReturn:
        raise TypeError(f"{type(self).__name__} members are never changed")


class Relation(FixedStrEnum):
    """The relations of the goal network's edges: from the part to the whole, from the doer
    to what it serves."""

    HAS_STRATEGY = "has_strategy"
    PART_OF = "part_of"
    IMPLEMENTS = "implements"
    RESPONSIBLE_FOR = "responsible_for"
    MEMBER_OF = "member_of"
    HAS_MEMBERSHIP = "has_membership"
    HAS_PARTNERSHIP = "has_partnership"
    HAS_PROJECT = "has_project"
    SERVES = "serves"
    CONTRIBUTES_TO = "contributes_to"
    ABOUT = "about"
    ANCHORED_IN = "anchored_in"
    TARGET_OF = "target_of"
    WITH_CITY = "with_city"
    IN_COUNTRY = "in_country"
    INVOLVES = "involves"
    SUPERSEDES = "supersedes"
    BUILDS_ON = "builds_on"
    PUBLISHED_IN = "published_in"
    CONCERNS = "concerns"


REFERENCE_KINDS = frozenset(
    {
        "document",
        "plan",
        "strategy",
        "strategy or document",
        "goal",
        "department",
        "organisation",
        "SDG",
        "theme",
        "master-plan goal",
        "outcome",
        "entity",
    }
)
"""What a reference may point at (``refers_to``). ``plan`` is a document of kind ``plan``;
``entity`` is any entity of the pack (or an organisation of the core registry)."""


def _meta(
    *,
    doc: str | None = None,
    refers_to: str | None = None,
    edge: Relation | None = None,
    inward: bool = False,
    unless: str | None = None,
) -> dict[str, Any]:
    """A field's meaning as ``attrs.field`` metadata (see the section comment)."""
    if refers_to is not None and refers_to not in REFERENCE_KINDS:
        raise AssertionError(f"unknown reference kind {refers_to!r}")  # a bug in this module
    metadata: dict[str, Any] = {DOC: doc, REFERS_TO: refers_to}
    metadata.update({EDGE: edge.value if edge else None, INWARD: inward, UNLESS: unless})
    return metadata


@attrs.frozen
class FieldMeaning:
    """What one field of the pack format means, as its metadata declares."""

    name: str
    doc: str | None
    refers_to: str | None
    """What a reference points at (one of :data:`REFERENCE_KINDS`), or None."""
    edge: str | None
    """The goal network's relation for the reference, or None."""
    inward: bool
    """Whether the edge runs from the target to the entity (a department is responsible)."""
    unless: str | None
    """A field that, when set, takes this one's edge (a goal is part of its parent goal, or
    else of its strategy)."""


def field_meaning(cls: type[Any]) -> tuple[FieldMeaning, ...]:
    """The meaning of each field of a model class, in field order.

    Parameters
    ----------
    cls : type
        An attrs class of this module.

    Returns
    -------
    tuple of FieldMeaning
        One per field; fields declared without metadata have all parts None.

    Examples
    --------
    >>> [(f.name, f.refers_to, f.edge) for f in field_meaning(Measure) if f.refers_to]
    [('goal', 'goal', 'implements'), ('responsible', 'department', 'responsible_for'), \
('sdgs', 'SDG', 'contributes_to'), ('themes', 'theme', 'about')]
    """
    found = _MEANINGS.get(cls)
    if found is None:
        found = _MEANINGS[cls] = _read_meaning(cls)
    return found


_MEANINGS: dict[type[Any], tuple[FieldMeaning, ...]] = {}  # read once per class


def _read_meaning(cls: type[Any]) -> tuple[FieldMeaning, ...]:
    return tuple(
        FieldMeaning(
            name=a.name,
            doc=a.metadata.get(DOC),
            refers_to=a.metadata.get(REFERS_TO),
            edge=a.metadata.get(EDGE),
            inward=bool(a.metadata.get(INWARD)),
            unless=a.metadata.get(UNLESS),
        )
        for a in attrs.fields(cls)
    )


# Meanings shared by the fields of that name in several classes.
_ABOUT_MEANING = _meta(
    doc="The ids of the entities this concerns.", refers_to="entity", edge=Relation.CONCERNS
)
_ADOPTED_BY_MEANING = _meta(doc="Who adopted it (`bystyret`, `kommunestyret`, ...).")
_CASE_NUMBER_MEANING = _meta(doc="The case number (saksnummer), as printed.")
_DESCRIPTION_MEANING = _meta(doc="A short description in the document's words.")
_ID_MEANING = _meta(doc="The entity's id, unique in the pack; other entities refer to it by this.")
_KIND_MEANING = _meta(doc="What kind of entity this is.")
_NAME_MEANING = _meta(doc="The name, as written.")
_NOTE_MEANING = _meta(doc="A curator's note.")
_PERIOD_MEANING = _meta(doc="The period it covers.")
_RATIONALE_MEANING = _meta(doc="Why, in one line; required when `evidence` is `inferred`.")
_RESPONSIBLE_MEANING = _meta(
    doc="The departments that own or follow up this.",
    refers_to="department",
    edge=Relation.RESPONSIBLE_FOR,
    inward=True,
)
_SDGS_MEANING = _meta(
    doc="The SDGs or targets this contributes to.",
    refers_to="SDG",
    edge=Relation.CONTRIBUTES_TO,
)
_SERVES_MEANING = _meta(
    doc="The goals this serves (goal ids).", refers_to="goal", edge=Relation.SERVES
)
_SINCE_MEANING = _meta(doc="The first year it was in use.")
_SOURCE_MEANING = _meta(
    doc="Where the document says this: a document id and a section and/or page."
)
_STATUS_BASIS_MEANING = _meta(
    doc=(
        "Why the pack gives this `status`: stated (with the source stating it) or inferred"
        " (with a rationale)."
    )
)
_TEXT_MEANING = _meta(doc="The document's own text, where it adds to the title.")
_THEMES_MEANING = _meta(doc="The themes this is about.", refers_to="theme", edge=Relation.ABOUT)
_TITLE_MEANING = _meta(doc="The title or wording, as the document gives it.")
_UNTIL_MEANING = _meta(doc="The last year it was in use.")


# --- vocabularies -------------------------------------------------------------------------------


class Evidence(FixedStrEnum):
    """Whether the source document says a link or status, or a curator added it."""

    STATED = "stated"
    INFERRED = "inferred"


class DocumentKind(FixedStrEnum):
    STRATEGY = "strategy"
    ACTION_PLAN = "action_plan"
    CASE = "case"
    WEB_PAGE = "web_page"
    PLAN = "plan"
    REPORT = "report"
    AGREEMENT = "agreement"
    OTHER = "other"


class StrategyStatus(FixedStrEnum):
    ADOPTED = "adopted"
    TAKEN_NOTE = "taken_note"
    PROPOSED = "proposed"
    SUPERSEDED = "superseded"
    EXPIRED = "expired"


class GoalLevel(FixedStrEnum):
    """Comparable levels; each goal also keeps the document's own word in ``Goal.label``."""

    PURPOSE = "purpose"
    MAIN_GOAL = "main_goal"
    PART = "part"
    FOCUS_AREA = "focus_area"
    SUB_GOAL = "sub_goal"
    PRIORITY = "priority"
    STRATEGY_LINE = "strategy_line"


class MeasureKind(FixedStrEnum):
    MEASURE = "measure"
    COMMITMENT = "commitment"
    PREREQUISITE = "prerequisite"


class MembershipStatus(FixedStrEnum):
    """``represented``: present through an umbrella body (every Norwegian municipality is
    represented in Brussels through KS) rather than by a membership of its own."""

    MEMBER = "member"
    REPRESENTED = "represented"
    PROPOSED_EXIT = "proposed_exit"
    PROPOSED_ENTRY = "proposed_entry"
    ENDED = "ended"


class PartnershipKind(FixedStrEnum):
    TWIN_CITY = "twin_city"
    PEER = "peer"
    COOPERATION = "cooperation"


class PartnershipStatus(FixedStrEnum):
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    ENDED = "ended"


class ProjectKind(FixedStrEnum):
    PROJECT = "project"
    ACTIVITY = "activity"
    EVENT = "event"
    AWARD = "award"
    SUPPORT = "support"


class StatementKind(FixedStrEnum):
    PRINCIPLE = "principle"
    CRITERION = "criterion"
    DECISION = "decision"
    FINDING = "finding"
    FRAMING = "framing"
    NOTE = "note"


class CriterionTest(FixedStrEnum):
    """What a criterion demands of each membership, where a machine can tell."""

    SERVES_GOAL = "serves_goal"
    HAS_DEPARTMENT = "has_department"
    HAS_OUTCOME = "has_outcome"


class Outcome(FixedStrEnum):
    """What taking part yields (Bergen's criteria name competence, influence and projects)."""

    COMPETENCE = "competence"
    INFLUENCE = "influence"
    PROJECT_WORK = "project_work"
    PROFILING = "profiling"
    SOLIDARITY = "solidarity"


class Perspective(FixedStrEnum):
    """Bergen's and Hamar's framing: the city out in the world, or the world at home."""

    ABROAD = "abroad"
    AT_HOME = "at_home"
    BOTH = "both"


class OrganisationKind(FixedStrEnum):
    NETWORK = "network"
    ASSOCIATION = "association"
    BRUSSELS_OFFICE = "brussels_office"
    AGENCY = "agency"
    PROGRAMME = "programme"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    NGO = "ngo"
    PUBLIC_BODY = "public_body"
    OTHER = "other"


class DepartmentKind(FixedStrEnum):
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

    document: str = attrs.field(
        metadata=_meta(doc="The id of the source document.", refers_to="document"), validator=_ident
    )
    section: str | None = attrs.field(
        metadata=_meta(doc="The section (`2.1`, `Vedlegg 1`); a section or a page is required."),
        default=None,
        validator=_text,
    )
    page: int | None = attrs.field(metadata=_meta(doc="The page number (from 1)."), default=None)

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

    to: str = attrs.field(
        metadata=_meta(
            doc=(
                "What the link points at: an SDG (`17`) or target (`17.17`), a theme id, a goal "
                "id, a master-plan goal id or an outcome, depending on the field."
            )
        ),
        validator=_text,
    )
    evidence: Evidence
    rationale: str | None = attrs.field(
        metadata=_RATIONALE_MEANING,
        default=None,
        validator=_one_line,
    )
    source: Locator | None = attrs.field(
        metadata=_meta(doc="Where the document states the link, if elsewhere than the entity."),
        default=None,
    )

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
    source: Locator | None = attrs.field(
        metadata=_meta(doc="The sentence stating it: required when `evidence` is `stated`."),
        default=None,
    )
    rationale: str | None = attrs.field(
        metadata=_RATIONALE_MEANING,
        default=None,
        validator=_one_line,
    )

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

    start: str | None = attrs.field(
        metadata=_meta(doc="When it starts (a partial date)."),
        default=None,
        validator=_partial_date,
    )
    end: str | None = attrs.field(
        metadata=_meta(doc="When it ends (a partial date); not before `start`."),
        default=None,
        validator=_partial_date,
    )

    def __attrs_post_init__(self) -> None:
        if self.start and self.end and latest(self.end) < earliest(self.start):
            raise InvalidField(
                "end", f"the period ends ({self.end}) before it starts ({self.start})"
            )

    def __str__(self) -> str:
        return f"{self.start or '?'}–{self.end or '?'}"


_CURRENCY = re.compile(r"[A-Z]{3}")
# What Norwegian documents print instead of the code, and the code they mean.
_CURRENCY_HINTS = {"kr": "NOK", "kr.": "NOK", "KR": "NOK", "NKR": "NOK", "€": "EUR", "EURO": "EUR"}


def _amount(_: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    if value < 0:
        raise InvalidField(attribute.name, f"{value:g} is negative: an amount is money, not a loss")


def _currency(_: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if _CURRENCY.fullmatch(value):
        return
    hint = _CURRENCY_HINTS.get(value.strip()) or (
        value.upper() if value.isascii() and _CURRENCY.fullmatch(value.upper()) else "NOK"
    )
    raise InvalidField(
        attribute.name,
        f"{value!r} is not an ISO 4217 currency code (three capital letters such as {hint!r})"
        + lookalike_note(value),
    )


@attrs.frozen
class Amount:
    value: float = attrs.field(metadata=_meta(doc="The amount (not negative)."), validator=_amount)
    currency: str = attrs.field(
        metadata=_meta(doc="The ISO 4217 currency code (`NOK`)."),
        default="NOK",
        validator=_currency,
    )
    note: str | None = attrs.field(metadata=_NOTE_MEANING, default=None, validator=_text)


@attrs.frozen
class Kommunenummer:
    """A municipality number and the years it was in use (2020 merged many Norwegian ones)."""

    code: str = attrs.field(metadata=_meta(doc="Four digits, such as `0301`."))
    since: int | None = attrs.field(metadata=_SINCE_MEANING, default=None, validator=_year)
    until: int | None = attrs.field(metadata=_UNTIL_MEANING, default=None, validator=_year)

    def __attrs_post_init__(self) -> None:
        if not _KOMMUNENUMMER.fullmatch(self.code):
            raise InvalidField(
                "code",
                f"{self.code!r} is not a kommunenummer (four digits)" + lookalike_note(self.code),
            )
        if self.since and self.until and self.until < self.since:
            raise InvalidField("until", f"{self.until} is before {self.since}")


@attrs.frozen
class County:
    name: str = attrs.field(metadata=_NAME_MEANING, validator=_text)
    since: int | None = attrs.field(metadata=_SINCE_MEANING, default=None, validator=_year)
    until: int | None = attrs.field(metadata=_UNTIL_MEANING, default=None, validator=_year)


# --- entities -----------------------------------------------------------------------------------


@attrs.frozen
class Municipality:
    """The municipality a pack describes; ``codes`` and ``counties`` keep their history."""

    name: str = attrs.field(metadata=_NAME_MEANING, validator=_text)
    codes: tuple[Kommunenummer, ...] = attrs.field(
        metadata=_meta(doc="Its kommunenummer, with history (at least one).")
    )
    counties: tuple[County, ...] = attrs.field(
        metadata=_meta(doc="Its county (fylke), with history."), default=()
    )

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

    id: str = attrs.field(
        metadata=_ID_MEANING,
        validator=_ident,
    )
    title: str = attrs.field(metadata=_TITLE_MEANING, validator=_text)
    kind: DocumentKind = attrs.field(metadata=_KIND_MEANING)
    date: str | None = attrs.field(
        metadata=_meta(doc="The document's date (partial dates are fine)."),
        default=None,
        validator=_partial_date,
    )
    case_number: str | None = attrs.field(
        metadata=_CASE_NUMBER_MEANING,
        default=None,
        validator=_text,
    )
    adopted_by: str | None = attrs.field(
        metadata=_ADOPTED_BY_MEANING,
        default=None,
        validator=_text,
    )
    decision: str | None = attrs.field(
        metadata=_meta(doc="The decision as the document words it."), default=None, validator=_text
    )
    language: str = attrs.field(
        metadata=_meta(
            doc=(
                "Language tag, BCP 47 (`nb`, `nn`, `en`, `nb-NO`, ...); texts are read by its "
                "language (`nb-NO` as `nb`), by meaning in `nb`, `nn` and `en`."
            )
        ),
        default="nb",
        validator=_language,
    )
    url: str | None = attrs.field(
        metadata=_meta(doc="Where the document can be read."), default=None, validator=_text
    )
    signed_by: tuple[str, ...] = attrs.field(
        metadata=_meta(doc="Who signed it, as printed."), default=(), validator=_texts
    )
    source: Locator | None = attrs.field(
        metadata=_meta(doc="Where a seed mentions this document; leave out for a seed itself."),
        default=None,
    )


@attrs.frozen
class Strategy:
    id: str = attrs.field(
        metadata=_ID_MEANING,
        validator=_ident,
    )
    title: str = attrs.field(metadata=_TITLE_MEANING, validator=_text)
    document: str = attrs.field(
        metadata=_meta(
            doc="The id of the document that holds the strategy.",
            refers_to="document",
            edge=Relation.PUBLISHED_IN,
        ),
        validator=_ident,
    )
    status: StrategyStatus = attrs.field(metadata=_meta(doc="Where the strategy stands."))
    source: Locator = attrs.field(metadata=_SOURCE_MEANING)
    period: Period | None = attrs.field(metadata=_PERIOD_MEANING, default=None)
    adopted_by: str | None = attrs.field(
        metadata=_ADOPTED_BY_MEANING,
        default=None,
        validator=_text,
    )
    adopted_on: str | None = attrs.field(
        metadata=_meta(doc="When it was adopted (a partial date)."),
        default=None,
        validator=_partial_date,
    )
    case_number: str | None = attrs.field(
        metadata=_CASE_NUMBER_MEANING,
        default=None,
        validator=_text,
    )
    supersedes: tuple[str, ...] = attrs.field(
        metadata=_meta(
            doc="Ids of earlier strategies or documents it replaces.",
            refers_to="strategy or document",
            edge=Relation.SUPERSEDES,
        ),
        default=(),
        validator=_idents,
    )
    builds_on: tuple[str, ...] = attrs.field(
        metadata=_meta(
            doc="Ids of documents it builds on (master plan, other strategies).",
            refers_to="document",
            edge=Relation.BUILDS_ON,
        ),
        default=(),
        validator=_idents,
    )
    sdg_focus: tuple[Link, ...] = attrs.field(
        metadata=_meta(
            doc="SDGs the strategy itself puts first.",
            refers_to="SDG",
            edge=Relation.CONTRIBUTES_TO,
        ),
        default=(),
    )
    in_force: bool | None = attrs.field(
        metadata=_meta(
            doc="Whether this is the strategy in force now (one per pack); leave out when unknown."
        ),
        default=None,
    )  # unknown unless a source or a curator says
    status_basis: Basis = attrs.field(
        metadata=_STATUS_BASIS_MEANING,
        default=_UNRECORDED_BASIS,
    )
    in_force_basis: Basis | None = attrs.field(
        metadata=_meta(doc="Why the pack gives this `in_force`, as `status_basis`."),
        default=_unrecorded_if("in_force"),
    )

    def __attrs_post_init__(self) -> None:
        _needs_basis(self, "in_force")
        for index, other in enumerate(self.supersedes):
            if other == self.id:
                raise InvalidField(f"supersedes[{index}]", "a strategy cannot supersede itself")


@attrs.frozen
class Goal:
    """One node of a strategy's goal hierarchy, at whatever level the document puts it."""

    id: str = attrs.field(
        metadata=_ID_MEANING,
        validator=_ident,
    )
    strategy: str = attrs.field(
        metadata=_meta(
            doc="The id of the strategy the goal belongs to.",
            refers_to="strategy",
            edge=Relation.PART_OF,
            unless="parent",
        ),
        validator=_ident,
    )
    level: GoalLevel
    label: str = attrs.field(
        metadata=_meta(doc="The document's own word for this level (`hovedmål`, `delmål`, ...)."),
        validator=_text,
    )
    title: str = attrs.field(metadata=_TITLE_MEANING, validator=_text)
    source: Locator = attrs.field(metadata=_SOURCE_MEANING)
    number: str | None = attrs.field(
        metadata=_meta(doc="The number the document gives it (`1.2`, `3`), as printed."),
        default=None,
        validator=_text,
    )
    text: str | None = attrs.field(
        metadata=_TEXT_MEANING,
        default=None,
        validator=_text,
    )
    parent: str | None = attrs.field(
        metadata=_meta(
            doc="The id of the goal above it; the top goals have none.",
            refers_to="goal",
            edge=Relation.PART_OF,
        ),
        default=None,
        validator=_ident,
    )
    sdgs: tuple[Link, ...] = attrs.field(
        metadata=_SDGS_MEANING,
        default=(),
    )
    themes: tuple[Link, ...] = attrs.field(
        metadata=_THEMES_MEANING,
        default=(),
    )
    plan_goals: tuple[Link, ...] = attrs.field(
        metadata=_meta(
            doc="The master-plan goals it is anchored in.",
            refers_to="master-plan goal",
            edge=Relation.ANCHORED_IN,
        ),
        default=(),
    )
    perspective: Perspective | None = None


@attrs.frozen
class Measure:
    """A measure (tiltak), commitment ("Oslo kommune skal …") or prerequisite under a goal."""

    id: str = attrs.field(
        metadata=_ID_MEANING,
        validator=_ident,
    )
    goal: str = attrs.field(
        metadata=_meta(
            doc="The id of the goal it carries out.", refers_to="goal", edge=Relation.IMPLEMENTS
        ),
        validator=_ident,
    )
    title: str = attrs.field(metadata=_TITLE_MEANING, validator=_text)
    source: Locator = attrs.field(metadata=_SOURCE_MEANING)
    kind: MeasureKind = attrs.field(metadata=_KIND_MEANING, default=MeasureKind.MEASURE)
    text: str | None = attrs.field(
        metadata=_TEXT_MEANING,
        default=None,
        validator=_text,
    )
    responsible: tuple[str, ...] = attrs.field(
        metadata=_RESPONSIBLE_MEANING,
        default=(),
        validator=_idents,
    )
    sdgs: tuple[Link, ...] = attrs.field(
        metadata=_SDGS_MEANING,
        default=(),
    )
    themes: tuple[Link, ...] = attrs.field(
        metadata=_THEMES_MEANING,
        default=(),
    )


@attrs.frozen
class Department:
    id: str = attrs.field(
        metadata=_ID_MEANING,
        validator=_ident,
    )
    name: str = attrs.field(metadata=_NAME_MEANING, validator=_text)
    kind: DepartmentKind = attrs.field(metadata=_KIND_MEANING)
    source: Locator = attrs.field(metadata=_SOURCE_MEANING)
    parent: str | None = attrs.field(
        metadata=_meta(
            doc="The id of the department it belongs to.",
            refers_to="department",
            edge=Relation.PART_OF,
        ),
        default=None,
        validator=_ident,
    )
    note: str | None = attrs.field(metadata=_NOTE_MEANING, default=None, validator=_text)


@attrs.frozen
class Organisation:
    """An organisation: the core registry holds shared ones; a pack may add its own, with a
    source."""

    id: str = attrs.field(
        metadata=_ID_MEANING,
        validator=_ident,
    )
    name: str = attrs.field(metadata=_NAME_MEANING, validator=_text)
    kind: OrganisationKind = attrs.field(metadata=_KIND_MEANING)
    aliases: tuple[str, ...] = attrs.field(
        metadata=_meta(doc="Other names the documents use for it."), default=(), validator=_texts
    )
    description: str | None = attrs.field(
        metadata=_DESCRIPTION_MEANING,
        default=None,
        validator=_text,
    )
    source: Locator | None = attrs.field(
        metadata=_SOURCE_MEANING,
        default=None,
    )


@attrs.frozen
class StatusEntry:
    """A membership's status from a point in time, as a source gives it. A membership's
    entries are listed oldest first; at most one may have no ``since``."""

    status: MembershipStatus = attrs.field(
        metadata=_meta(doc="The status from that point in time.")
    )
    source: Locator = attrs.field(metadata=_SOURCE_MEANING)
    since: str | None = attrs.field(
        metadata=_meta(doc="From when the status holds (a partial date)."),
        default=None,
        validator=_partial_date,
    )
    note: str | None = attrs.field(metadata=_NOTE_MEANING, default=None, validator=_text)
    evidence: Evidence = attrs.field(
        metadata=_meta(doc="With `stated`, `source` points at the sentence stating it."),
        default=Evidence.INFERRED,
    )
    rationale: str | None = attrs.field(
        metadata=_RATIONALE_MEANING,
        default=attrs.Factory(
            lambda self: UNRECORDED if self.evidence is Evidence.INFERRED else None, True
        ),
        validator=_one_line,
    )

    def __attrs_post_init__(self) -> None:
        _check_basis(self.evidence, self.source, self.rationale, "status")

    @property
    def basis(self) -> Basis:
        return Basis(self.evidence, self.source, self.rationale)


@attrs.frozen
class Membership:
    id: str = attrs.field(
        metadata=_ID_MEANING,
        validator=_ident,
    )
    organisation: str = attrs.field(
        metadata=_meta(
            doc=(
                "The organisation: an id of the core registry or of the pack's own `organisations`."
            ),
            refers_to="organisation",
            edge=Relation.MEMBER_OF,
        ),
        validator=_ident,
    )
    statuses: tuple[StatusEntry, ...] = attrs.field(
        metadata=_meta(
            doc="Its status over time, oldest first; `[]` when no source gives one (unknown)."
        )
    )
    source: Locator = attrs.field(metadata=_SOURCE_MEANING)
    responsible: tuple[str, ...] = attrs.field(
        metadata=_RESPONSIBLE_MEANING,
        default=(),
        validator=_idents,
    )
    website: str | None = attrs.field(
        metadata=_meta(doc="The web address."), default=None, validator=_text
    )
    description: str | None = attrs.field(
        metadata=_DESCRIPTION_MEANING,
        default=None,
        validator=_text,
    )
    since: str | None = attrs.field(
        metadata=_meta(doc="Since when the municipality has been a member."),
        default=None,
        validator=_partial_date,
    )
    serves: tuple[Link, ...] = attrs.field(
        metadata=_SERVES_MEANING,
        default=(),
    )
    themes: tuple[Link, ...] = attrs.field(
        metadata=_THEMES_MEANING,
        default=(),
    )
    sdgs: tuple[Link, ...] = attrs.field(
        metadata=_SDGS_MEANING,
        default=(),
    )
    outcomes: tuple[Link, ...] = attrs.field(
        metadata=_meta(doc="What taking part yields.", refers_to="outcome"), default=()
    )
    perspective: Perspective | None = None

    def __attrs_post_init__(self) -> None:
        _check_history(self.statuses)

    @property
    def status(self) -> MembershipStatus | None:
        """The latest status the sources give; None (unknown) when ``statuses`` is empty (see
        :func:`munintl.timeline.status_on`)."""
        from munintl.timeline import status_on

        return status_on(self)


def _check_history(entries: tuple[StatusEntry, ...]) -> None:
    """A status history is oldest first (dated entries in order) and holds at most one open
    status, one with no ``since``: two undated statuses cannot be placed in time."""
    undated: int | None = None
    previous: StatusEntry | None = None
    for index, entry in enumerate(entries):
        if entry.since is None:
            if undated is not None:
                raise InvalidField(
                    f"statuses[{index}].since",
                    f"a second status with no since (statuses[{undated}] has none either); "
                    "give the date it began, so the history can be read in order",
                )
            undated = index
            continue
        if (
            previous is not None
            and previous.since
            and earliest(entry.since) < earliest(previous.since)
        ):
            raise InvalidField(
                f"statuses[{index}].since",
                f"{entry.since} is before the entry above it ({previous.since}); list "
                "statuses oldest first",
            )
        previous = entry


@attrs.frozen
class Partnership:
    """A twin city (vennskapsby) or another city the municipality works with."""

    id: str = attrs.field(
        metadata=_ID_MEANING,
        validator=_ident,
    )
    city: str = attrs.field(metadata=_meta(doc="The partner city's name."), validator=_text)
    country: str = attrs.field(
        metadata=_meta(doc="The partner city's country as an ISO 3166 alpha-2 code (`SE`).")
    )
    source: Locator = attrs.field(metadata=_SOURCE_MEANING)
    kind: PartnershipKind = attrs.field(metadata=_KIND_MEANING, default=PartnershipKind.TWIN_CITY)
    status: PartnershipStatus | None = attrs.field(
        metadata=_meta(doc="Whether the partnership is active; leave out when unknown."),
        default=None,
    )  # unknown unless a source says
    since: str | None = attrs.field(
        metadata=_meta(doc="From when (a partial date: `2015`, `2015-06`, `2015-06-19`)."),
        default=None,
        validator=_partial_date,
    )
    areas: tuple[str, ...] = attrs.field(
        metadata=_meta(doc="What the cooperation covers, in the document's words."),
        default=(),
        validator=_texts,
    )
    description: str | None = attrs.field(
        metadata=_DESCRIPTION_MEANING,
        default=None,
        validator=_text,
    )
    responsible: tuple[str, ...] = attrs.field(
        metadata=_RESPONSIBLE_MEANING,
        default=(),
        validator=_idents,
    )
    serves: tuple[Link, ...] = attrs.field(
        metadata=_SERVES_MEANING,
        default=(),
    )
    themes: tuple[Link, ...] = attrs.field(
        metadata=_THEMES_MEANING,
        default=(),
    )
    sdgs: tuple[Link, ...] = attrs.field(
        metadata=_SDGS_MEANING,
        default=(),
    )
    perspective: Perspective | None = None
    status_basis: Basis | None = attrs.field(
        metadata=_STATUS_BASIS_MEANING,
        default=_unrecorded_if("status"),
    )

    def __attrs_post_init__(self) -> None:
        _needs_basis(self, "status")
        problem = country_problem(self.country)
        if problem:
            raise InvalidField("country", problem)


@attrs.frozen
class Project:
    """A project, recurring activity, event, award or support effort."""

    id: str = attrs.field(
        metadata=_ID_MEANING,
        validator=_ident,
    )
    name: str = attrs.field(metadata=_NAME_MEANING, validator=_text)
    source: Locator = attrs.field(metadata=_SOURCE_MEANING)
    kind: ProjectKind = attrs.field(metadata=_KIND_MEANING, default=ProjectKind.PROJECT)
    description: str | None = attrs.field(
        metadata=_DESCRIPTION_MEANING,
        default=None,
        validator=_text,
    )
    programme: str | None = attrs.field(
        metadata=_meta(doc="The programme it runs under (Interreg, Erasmus+, ...)."),
        default=None,
        validator=_text,
    )
    funding: str | None = attrs.field(
        metadata=_meta(doc="Who funds it, in the document's words."), default=None, validator=_text
    )
    period: Period | None = attrs.field(metadata=_PERIOD_MEANING, default=None)
    budget: Amount | None = attrs.field(
        metadata=_meta(doc="The budget the documents give."), default=None
    )
    partners: tuple[str, ...] = attrs.field(
        metadata=_meta(doc="Partners, in the document's words."), default=(), validator=_texts
    )
    organisations: tuple[str, ...] = attrs.field(
        metadata=_meta(
            doc="Ids of organisations involved (core registry or the pack's).",
            refers_to="organisation",
            edge=Relation.INVOLVES,
        ),
        default=(),
        validator=_idents,
    )
    responsible: tuple[str, ...] = attrs.field(
        metadata=_RESPONSIBLE_MEANING,
        default=(),
        validator=_idents,
    )
    serves: tuple[Link, ...] = attrs.field(
        metadata=_SERVES_MEANING,
        default=(),
    )
    themes: tuple[Link, ...] = attrs.field(
        metadata=_THEMES_MEANING,
        default=(),
    )
    sdgs: tuple[Link, ...] = attrs.field(
        metadata=_SDGS_MEANING,
        default=(),
    )
    perspective: Perspective | None = None


@attrs.frozen
class PlanGoal:
    """A goal, focus area or vision of the municipal master plan (kommuneplan)."""

    id: str = attrs.field(
        metadata=_ID_MEANING,
        validator=_ident,
    )
    plan: str = attrs.field(
        metadata=_meta(
            doc="The id of the master-plan document (kind `plan`).",
            refers_to="plan",
            edge=Relation.PUBLISHED_IN,
        ),
        validator=_ident,
    )
    label: str = attrs.field(
        metadata=_meta(doc="The plan's own word for this level (`hovedmål`, `satsingsområde`)."),
        validator=_text,
    )
    title: str = attrs.field(metadata=_TITLE_MEANING, validator=_text)
    source: Locator = attrs.field(metadata=_SOURCE_MEANING)
    text: str | None = attrs.field(
        metadata=_TEXT_MEANING,
        default=None,
        validator=_text,
    )


@attrs.frozen
class Statement:
    """A principle, criterion, decision point, finding, framing or note the documents set out.

    ``about`` names the entities it concerns (a criterion's memberships, a framing's projects).
    """

    id: str = attrs.field(
        metadata=_ID_MEANING,
        validator=_ident,
    )
    kind: StatementKind = attrs.field(metadata=_KIND_MEANING)
    title: str = attrs.field(metadata=_TITLE_MEANING, validator=_text)
    source: Locator = attrs.field(metadata=_SOURCE_MEANING)
    text: str | None = attrs.field(
        metadata=_TEXT_MEANING,
        default=None,
        validator=_text,
    )
    test: CriterionTest | None = None
    about: tuple[str, ...] = attrs.field(
        metadata=_ABOUT_MEANING,
        default=(),
        validator=_idents,
    )
    perspective: Perspective | None = None


@attrs.frozen
class Figure:
    """A number the documents give, with the words they give it in."""

    id: str = attrs.field(
        metadata=_ID_MEANING,
        validator=_ident,
    )
    label: str = attrs.field(metadata=_meta(doc="What the number is."), validator=_text)
    as_printed: str = attrs.field(
        metadata=_meta(doc="The number in the document's words (`500 000 kroner`)."),
        validator=_text,
    )
    source: Locator = attrs.field(metadata=_SOURCE_MEANING)
    value: float | None = attrs.field(metadata=_meta(doc="The number as a number."), default=None)
    unit: str | None = attrs.field(
        metadata=_meta(doc="The unit (`NOK`, `persons`, `%`)."), default=None, validator=_text
    )
    about: tuple[str, ...] = attrs.field(
        metadata=_ABOUT_MEANING,
        default=(),
        validator=_idents,
    )


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

    format_version: int = attrs.field(
        metadata=_meta(
            doc=f"The pack format the pack is written in; this munintl reads {FORMAT_VERSION}."
        )
    )
    name: str = attrs.field(
        metadata=_meta(
            doc=(
                "The pack's name, as users type it; must equal the entry point's name in "
                "`pyproject.toml`; not `sdg`, `org`, `theme`, `city`, `country` or "
                "`municipality`, which the goal network's shared nodes use."
            )
        ),
        validator=_pack_name,
    )
    municipality: Municipality = attrs.field(
        metadata=_meta(doc="The municipality the pack describes.")
    )
    files: tuple[str, ...] = attrs.field(
        metadata=_meta(
            doc="The data files, read in this order (plain `*.toml` names in the pack's folder)."
        ),
        default=(),
        validator=_texts,
    )
    description: str | None = attrs.field(
        metadata=_meta(doc="One line on what the pack holds."), default=None, validator=_text
    )


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
    strategies: tuple[Strategy, ...] = attrs.field(
        default=(), metadata=_meta(edge=Relation.HAS_STRATEGY)
    )
    goals: tuple[Goal, ...] = ()
    measures: tuple[Measure, ...] = ()
    departments: tuple[Department, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    memberships: tuple[Membership, ...] = attrs.field(
        default=(), metadata=_meta(edge=Relation.HAS_MEMBERSHIP)
    )
    partnerships: tuple[Partnership, ...] = attrs.field(
        default=(), metadata=_meta(edge=Relation.HAS_PARTNERSHIP)
    )
    projects: tuple[Project, ...] = attrs.field(
        default=(), metadata=_meta(edge=Relation.HAS_PROJECT)
    )
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
        """The goals directly under a goal, in document order (see
        :class:`munintl.hierarchy.GoalHierarchy`, which answers many such questions at once)."""
        from munintl.hierarchy import GoalHierarchy

        return list(GoalHierarchy(self).children(goal_id))

    def measures_of(self, goal_id: str) -> list[Measure]:
        """The measures directly under a goal, in document order (see
        :class:`munintl.hierarchy.GoalHierarchy`)."""
        from munintl.hierarchy import GoalHierarchy

        return list(GoalHierarchy(self).measures(goal_id))

    @property
    def strategy(self) -> Strategy | None:
        """The first of the current strategies (see
        :func:`munintl.timeline.current_strategies`), or None."""
        from munintl.timeline import current_strategies

        current = current_strategies(self)
        return current[0] if current else None
