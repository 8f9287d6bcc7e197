"""The JSON-LD nodes of one pack's entities (used by :mod:`munintl.exports.jsonld`).

Each method turns one kind of entity into a JSON-LD node object with compact IRIs from the
shipped ``@context``; values a pack does not give are left out, never filled in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from munintl.dates import parse_partial_date
from munintl.errors import ExportError
from munintl.model import (
    Basis,
    Document,
    Figure,
    Goal,
    Link,
    Locator,
    Measure,
    Membership,
    Pack,
    Partnership,
    PlanGoal,
    Project,
    Statement,
    StatusEntry,
    Strategy,
    language_problem,
)
from munintl.network import city_node
from munintl.reference import is_sdg_ref, organisations, themes
from munintl.timeline import status_on

Node = dict[str, Any]

ENTITY_BASE = "urn:munintl:"
SDG_BASE = "http://metadata.un.org/sdg/"

# Link field -> (its relation in the goal network, the plain triple's property).
LINK_PROPERTIES = {
    "sdgs": ("contributes_to", "mi:contributesTo"),
    "sdg_focus": ("contributes_to", "mi:contributesTo"),
    "themes": ("about", "mi:about"),
    "serves": ("serves", "mi:serves"),
    "plan_goals": ("anchored_in", "mi:anchoredIn"),
}


def sdg_iri(ref: str) -> str:
    """The UN SDG KOS IRI of a goal (``"17"``) or target (``"17.17"``).

    Replace with ``munintl.sdg.SdgRef.parse(ref).iri`` once that is on main.

    >>> sdg_iri("17.17")
    'http://metadata.un.org/sdg/17.17'
    """
    return f"{SDG_BASE}{ref}"


def iri_ref(iri: str) -> Node:
    return {"@id": iri}


def compact(node: Node) -> Node:
    """The node without the keys whose value is None or empty (unknown stays absent)."""
    return {k: v for k, v in node.items() if v is not None and v != [] and v != ()}


def typed_date(text: str | None) -> Node | None:
    """A partial date as a typed literal: ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date``.

    >>> typed_date("2019-05")
    {'@value': '2019-05', '@type': 'xsd:gYearMonth'}
    """
    if text is None:
        return None
    _, month, day = parse_partial_date(text)
    kind = "xsd:date" if day else "xsd:gYearMonth" if month else "xsd:gYear"
    return {"@value": text, "@type": kind}


# A well-formed BCP 47 tag (RFC 5646 section 2.1, without the grandfathered irregular tags):
# language[-extlang][-script][-region][-variant...][-extension...][-x-private], or x-private.


def language_tag(tag: str, where: str) -> str:
    """A document's language as an RDF language tag; refused when it is no BCP 47 tag.

    RDF tools refuse such a tag (rdflib raises on ``nb_NO``) or silently drop it (``norsk``
    with a space), so it is refused here in one line rather than written.

    >>> language_tag("nb-NO", "bergen: document d")
    'nb-NO'
    >>> language_tag("nb_NO", "bergen: document d")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    munintl.errors.ExportError: bergen: document d: language 'nb_NO' is not a BCP 47 ...
    """
    problem = language_problem(tag)  # the model's rule; a pack built by hand may skip it
    if problem:
        raise ExportError(
            f"{where}: language {problem}; JSON-LD and Turtle cannot tag text with it"
        )
    return tag


def _number(value: float, where: str) -> Node:
    if not math.isfinite(value):
        raise ExportError(f"{where}: {value} is not a finite number; JSON cannot hold it")
    return {"@value": value, "@type": "xsd:double"}


class PackWriter:
    """The nodes of one pack; shared nodes (organisations, themes, cities, countries) go into
    ``shared`` by IRI, once across packs."""

    def __init__(self, pack: Pack, shared: dict[str, Node]) -> None:
        self.pack = pack
        self.shared = shared
        self.home = f"{ENTITY_BASE}municipality:{pack.name}"
        self.languages = {
            doc.id: language_tag(doc.language, f"{pack.name}: document {doc.id}")
            for doc in pack.documents
        }
        self.own_organisations = {org.id for org in pack.organisations}

    # --- small pieces ------------------------------------------------------------------------

    def iri(self, entity_id: str) -> str:
        if entity_id in self.own_organisations:
            return self.organisation(entity_id)
        return f"{ENTITY_BASE}{self.pack.name}:{entity_id}"

    def refs(self, ids: Iterable[str]) -> list[Node]:
        return [iri_ref(self.iri(i)) for i in ids]

    def text(self, value: str | None, source: Locator | None) -> Node | None:
        """Pack text tagged with the language of the document it comes from."""
        if value is None:
            return None
        language = self.languages.get(source.document, "nb") if source else "nb"
        return {"@value": value, "@language": language}

    def locator(self, loc: Locator | None) -> Node | None:
        if loc is None:
            return None
        return compact(
            {
                "@type": "mi:Locator",
                "mi:document": iri_ref(self.iri(loc.document)),
                "mi:section": loc.section,
                "mi:page": loc.page,
                "rdfs:label": str(loc),
            }
        )

    def base(self, entity: Any, *types: str) -> Node:
        """What every entity node has: id, types, pack, local id and its source."""
        source: Locator | None = getattr(entity, "source", None)
        return {
            "@id": self.iri(entity.id),
            "@type": list(types) if len(types) > 1 else types[0],
            "mi:pack": self.pack.name,
            "mi:localId": entity.id,
            "prov:wasDerivedFrom": iri_ref(self.iri(source.document)) if source else None,
            "dct:source": self.locator(source),
        }

    def basis(self, basis: Basis | None) -> Node | None:
        """A status's basis (pack format 2): evidence, rationale and the stating sentence."""
        if basis is None:
            return None
        return compact(
            {
                "@type": "mi:Basis",
                "mi:evidence": str(basis.evidence.value),
                "mi:rationale": basis.rationale,
                "dct:source": self.locator(basis.source),
            }
        )

    def link_target(self, field: str, link: Link) -> str | None:
        if field in ("sdgs", "sdg_focus"):
            return sdg_iri(link.to) if is_sdg_ref(link.to) else None
        if field == "themes":
            return self.theme(link.to)
        return self.iri(link.to)

    def links(self, entity: Any, *fields: str) -> Node:
        """The qualified links (``mi:link``) of the given fields, and their plain triples."""
        out: Node = {"mi:link": []}
        for field in fields:
            relation, prop = LINK_PROPERTIES[field]
            for link in getattr(entity, field):
                to = self.link_target(field, link)
                if to is None:
                    continue
                out.setdefault(prop, []).append(iri_ref(to))
                out["mi:link"].append(self.qualified(relation, iri_ref(to), link))
        return out

    def qualified(self, relation: str, to: Node | str, link: Link) -> Node:
        return compact(
            {
                "@type": "mi:Link",
                "mi:relation": relation,
                "mi:to": to,
                "mi:evidence": link.evidence.value,
                "mi:rationale": link.rationale,
                "dct:source": self.locator(link.source),
            }
        )

    # --- shared nodes --------------------------------------------------------------------------

    def organisation(self, org_id: str) -> str:
        iri = f"{ENTITY_BASE}org:{org_id}"
        if iri not in self.shared:
            own = next((o for o in self.pack.organisations if o.id == org_id), None)
            org = organisations().get(org_id) or own
            if org is None:  # validation makes every reference resolve; keep going anyway
                return iri
            self.shared[iri] = compact(
                {
                    "@id": iri,
                    "@type": "org:Organization",
                    "rdfs:label": org.name,
                    "skos:altLabel": list(org.aliases),
                    "mi:organisationKind": org.kind.value,
                    "dct:description": org.description,
                    "dct:source": self.locator(org.source),
                }
            )
        return iri

    def theme(self, theme_id: str) -> str:
        iri = f"{ENTITY_BASE}theme:{theme_id}"
        item = themes().get(theme_id)
        if item is not None and iri not in self.shared:
            self.shared[iri] = {
                "@id": iri,
                "@type": "skos:Concept",
                "skos:prefLabel": [
                    {"@value": item.label, "@language": "en"},
                    {"@value": item.label_nb, "@language": "nb"},
                ],
                "skos:definition": {"@value": item.description, "@language": "en"},
            }
        return iri

    def city(self, country: str, name: str) -> str:
        iri = f"{ENTITY_BASE}{city_node(country, name)}"
        country_iri = f"{ENTITY_BASE}country:{country}"
        self.shared.setdefault(
            country_iri, {"@id": country_iri, "@type": "mi:Country", "mi:countryCode": country}
        )
        self.shared.setdefault(
            iri,
            {
                "@id": iri,
                "@type": "mi:City",
                "rdfs:label": name,
                "mi:country": iri_ref(country_iri),
            },
        )
        return iri

    # --- the pack's entities -------------------------------------------------------------------

    def nodes(self) -> list[Node]:
        p = self.pack
        out = [self.municipality()]
        out += [self.document(d) for d in p.documents]
        out += [self.strategy(s) for s in p.strategies]
        out += [self.goal(g) for g in p.goals]
        out += [self.measure(m) for m in p.measures]
        out += [self.department(d) for d in p.departments]
        for org in p.organisations:
            self.organisation(org.id)
        out += [self.membership(m) for m in p.memberships]
        out += [self.partnership(ps) for ps in p.partnerships]
        out += [self.project(pr) for pr in p.projects]
        out += [self.plan_goal(pg) for pg in p.plan_goals]
        out += [self.statement(st) for st in p.statements]
        out += [self.figure(f) for f in p.figures]
        return out

    def municipality(self) -> Node:
        m = self.pack.municipality
        return compact(
            {
                "@id": self.home,
                "@type": ["org:Organization", "mi:Municipality"],
                "rdfs:label": m.name,
                "mi:pack": self.pack.name,
                "mi:kommunenummer": m.code,
                "mi:county": m.county,
            }
        )

    def document(self, doc: Document) -> Node:
        return compact(
            {
                **self.base(doc, "mi:Document"),
                "dct:title": {"@value": doc.title, "@language": doc.language},
                "dct:language": doc.language,
                "mi:documentKind": doc.kind.value,
                "dct:date": typed_date(doc.date),
                "mi:caseNumber": doc.case_number,
                "mi:adoptedBy": doc.adopted_by,
                "mi:decision": (
                    {"@value": doc.decision, "@language": doc.language} if doc.decision else None
                ),
                "mi:url": doc.url,
                "mi:signedBy": list(doc.signed_by),
            }
        )

    def strategy(self, s: Strategy) -> Node:
        period = s.period
        return compact(
            {
                **self.base(s, "skos:ConceptScheme", "mi:Strategy"),
                "dct:title": self.text(s.title, s.source),
                "mi:municipality": iri_ref(self.home),
                "mi:publishedIn": iri_ref(self.iri(s.document)),
                "mi:status": s.status.value,
                "mi:statusBasis": self.basis(s.status_basis),
                "mi:inForce": s.in_force,
                "mi:inForceBasis": self.basis(s.in_force_basis),
                "mi:periodStart": typed_date(period.start if period else None),
                "mi:periodEnd": typed_date(period.end if period else None),
                "mi:adoptedBy": s.adopted_by,
                "dct:dateAccepted": typed_date(s.adopted_on),
                "mi:caseNumber": s.case_number,
                "dct:replaces": self.refs(s.supersedes),
                "mi:buildsOn": self.refs(s.builds_on),
                **self.links(s, "sdg_focus"),
            }
        )

    def goal(self, g: Goal) -> Node:
        scheme = iri_ref(self.iri(g.strategy))
        return compact(
            {
                **self.base(g, "skos:Concept", "mi:Goal"),
                "skos:prefLabel": self.text(g.title, g.source),
                "skos:notation": g.number,
                "skos:inScheme": scheme,
                "skos:broader": iri_ref(self.iri(g.parent)) if g.parent else None,
                "skos:topConceptOf": None if g.parent else scheme,
                "mi:level": g.level.value,
                "mi:levelLabel": self.text(g.label, g.source),
                "dct:description": self.text(g.text, g.source),
                "mi:perspective": g.perspective.value if g.perspective else None,
                **self.links(g, "sdgs", "themes", "plan_goals"),
            }
        )

    def measure(self, m: Measure) -> Node:
        return compact(
            {
                **self.base(m, "mi:Measure"),
                "dct:title": self.text(m.title, m.source),
                "mi:measureKind": m.kind.value,
                "mi:implements": iri_ref(self.iri(m.goal)),
                "dct:description": self.text(m.text, m.source),
                "mi:responsible": self.refs(m.responsible),
                **self.links(m, "sdgs", "themes"),
            }
        )

    def department(self, d: Any) -> Node:
        return compact(
            {
                **self.base(d, "org:OrganizationalUnit"),
                "rdfs:label": self.text(d.name, d.source),
                "mi:departmentKind": d.kind.value,
                "org:unitOf": iri_ref(self.home),
                "org:subOrganizationOf": iri_ref(self.iri(d.parent)) if d.parent else None,
                "skos:note": self.text(d.note, d.source),
            }
        )

    def membership(self, ms: Membership) -> Node:
        during = None
        if ms.since:  # org:memberDuring only from a date the pack gives, never a made-up one
            during = {"@type": "time:Interval", "time:hasBeginning": instant(ms.since)}
        latest = status_on(ms)
        return compact(
            {
                **self.base(ms, "org:Membership"),
                "org:member": iri_ref(self.home),
                "org:organization": iri_ref(self.organisation(ms.organisation)),
                "org:memberDuring": during,
                "mi:since": typed_date(ms.since),
                "mi:latestStatus": latest.value if latest is not None else None,
                "mi:statusEntry": [self.status_entry(entry) for entry in ms.statuses],
                "mi:responsible": self.refs(ms.responsible),
                "mi:website": ms.website,
                "dct:description": self.text(ms.description, ms.source),
                "mi:perspective": ms.perspective.value if ms.perspective else None,
                "mi:outcome": [self.qualified("yields", o.to, o) for o in ms.outcomes],
                **self.links(ms, "serves", "sdgs", "themes"),
            }
        )

    def status_entry(self, entry: StatusEntry) -> Node:
        """A membership status with its date, source and evidence (pack format 2)."""
        return compact(
            {
                "@type": "mi:StatusEntry",
                "mi:status": entry.status.value,
                "mi:since": typed_date(entry.since),
                "mi:evidence": entry.evidence.value,
                "mi:rationale": entry.rationale,
                "dct:source": self.locator(entry.source),
                "skos:note": self.text(entry.note, entry.source),
            }
        )

    def partnership(self, ps: Partnership) -> Node:
        return compact(
            {
                **self.base(ps, "mi:Partnership"),
                "mi:municipality": iri_ref(self.home),
                "mi:withCity": iri_ref(self.city(ps.country, ps.city)),
                "mi:partnershipKind": ps.kind.value,
                "mi:status": ps.status.value if ps.status else None,
                "mi:statusBasis": self.basis(ps.status_basis),
                "mi:since": typed_date(ps.since),
                "mi:area": [self.text(area, ps.source) for area in ps.areas],
                "dct:description": self.text(ps.description, ps.source),
                "mi:responsible": self.refs(ps.responsible),
                "mi:perspective": ps.perspective.value if ps.perspective else None,
                **self.links(ps, "serves", "sdgs", "themes"),
            }
        )

    def project(self, pr: Project) -> Node:
        period, budget = pr.period, pr.budget
        where = f"{self.pack.name}: project {pr.id}: budget"
        return compact(
            {
                **self.base(pr, "mi:Project"),
                "rdfs:label": self.text(pr.name, pr.source),
                "mi:municipality": iri_ref(self.home),
                "mi:projectKind": pr.kind.value,
                "dct:description": self.text(pr.description, pr.source),
                "mi:programme": self.text(pr.programme, pr.source),
                "mi:funding": self.text(pr.funding, pr.source),
                "mi:periodStart": typed_date(period.start if period else None),
                "mi:periodEnd": typed_date(period.end if period else None),
                "mi:budget": _number(budget.value, where) if budget else None,
                "mi:currency": budget.currency if budget else None,
                "mi:partner": list(pr.partners),
                "mi:involves": [iri_ref(self.organisation(o)) for o in pr.organisations],
                "mi:responsible": self.refs(pr.responsible),
                "mi:perspective": pr.perspective.value if pr.perspective else None,
                **self.links(pr, "serves", "sdgs", "themes"),
            }
        )

    def plan_goal(self, pg: PlanGoal) -> Node:
        return compact(
            {
                **self.base(pg, "skos:Concept", "mi:PlanGoal"),
                "skos:prefLabel": self.text(pg.title, pg.source),
                "mi:levelLabel": self.text(pg.label, pg.source),
                "skos:inScheme": iri_ref(self.iri(pg.plan)),
                "dct:description": self.text(pg.text, pg.source),
            }
        )

    def statement(self, st: Statement) -> Node:
        return compact(
            {
                **self.base(st, "mi:Statement"),
                "dct:title": self.text(st.title, st.source),
                "mi:statementKind": st.kind.value,
                "dct:description": self.text(st.text, st.source),
                "mi:criterionTest": st.test.value if st.test else None,
                "mi:concerns": self.refs(st.about),
                "mi:perspective": st.perspective.value if st.perspective else None,
            }
        )

    def figure(self, fig: Figure) -> Node:
        where = f"{self.pack.name}: figure {fig.id}: value"
        return compact(
            {
                **self.base(fig, "mi:Figure"),
                "rdfs:label": self.text(fig.label, fig.source),
                "mi:asPrinted": self.text(fig.as_printed, fig.source),
                "mi:value": _number(fig.value, where) if fig.value is not None else None,
                "mi:unit": self.text(fig.unit, fig.source),
                "mi:concerns": self.refs(fig.about),
            }
        )


def instant(text: str) -> Node:
    """An OWL-Time instant at a partial date, with the property its precision calls for.

    >>> instant("2019")
    {'@type': 'time:Instant', 'time:inXSDgYear': {'@value': '2019', '@type': 'xsd:gYear'}}
    """
    _, month, day = parse_partial_date(text)
    prop = "time:inXSDDate" if day else "time:inXSDgYearMonth" if month else "time:inXSDgYear"
    return {"@type": "time:Instant", prop: typed_date(text)}
