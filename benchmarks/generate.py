"""Synthetic packs of realistic shape, seeded so that every run sees the same data.

Each synthetic municipality has one strategy with 10 goals (a main goal, three focus areas,
six priorities) and about 30 measures, about 25 memberships drawn from a registry of 2,000
organisations where a few are very common (Zipf-like: the most common few are real networks of
the core registry, such as Eurocities and KS), about 5 partnerships drawn the same way from
1,000 partner cities, a few departments, master-plan goals, projects and statements, and SDG and
theme links (some stated, most inferred), with titles made of Norwegian words.

Pack ``i`` depends only on the seed and ``i``, so the first 357 packs of a set of 10,000 are the
357 packs of a set of 357: one folder of pack directories serves every size.

    >>> from generate import generate_pack
    >>> pack = generate_pack(7)
    >>> pack == generate_pack(7), len(pack.goals)
    (True, 10)

As pack directories (TOML), loadable with ``munintl.load_pack_dir``::

    python benchmarks/generate.py 357 /tmp/packs
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import os
import random
import shutil
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import attrs

from munintl._convert import unstructure
from munintl.kommunenummer import classification
from munintl.model import (
    FORMAT_VERSION,
    Department,
    DepartmentKind,
    Document,
    DocumentKind,
    Evidence,
    Goal,
    GoalLevel,
    Kommunenummer,
    Link,
    Locator,
    Measure,
    MeasureKind,
    Membership,
    MembershipStatus,
    Municipality,
    Organisation,
    OrganisationKind,
    Outcome,
    Pack,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    Period,
    PlanGoal,
    Project,
    Statement,
    StatementKind,
    StatusEntry,
    Strategy,
    StrategyStatus,
)
from munintl.reference import organisations as core_organisations
from munintl.reference import sdgs

__all__ = [
    "MAX_PACKS",
    "Shape",
    "cache_key",
    "ensure_pack_dirs",
    "generate_pack",
    "generate_packs",
    "pack_files",
    "registry",
    "to_toml",
    "write_pack",
]

MAX_PACKS = 10_000
"""Kommunenummer has four digits, so a set holds at most 10,000 distinct municipalities."""


@attrs.frozen
class Shape:
    """How big each synthetic pack and the shared registries are."""

    measures: int = 30
    memberships: int = 25
    partnerships: int = 5
    projects: int = 2
    organisations: int = 2_000
    cities: int = 1_000
    zipf: float = 1.0


# --- Norwegian-like words, grouped by the theme they are about ----------------------------------

# theme id -> (nouns, SDGs typical of it); the nouns make titles that are realistic to compare.
_TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "climate-environment": (
        ("klimatilpasning", "fornybar energi", "utslippskutt", "sirkulærøkonomi", "naturmangfold"),
        ("13", "7", "11.6", "12", "13.2"),
    ),
    "eu-influence": (
        ("europeiske rammebetingelser", "EØS-saker", "politisk påvirkning", "regelverk"),
        ("17", "16.7", "17.17"),
    ),
    "eu-projects": (
        ("EU-prosjekter", "Horisont Europa", "EØS-midler", "prosjektfinansiering"),
        ("17", "17.17", "9"),
    ),
    "inclusion": (
        ("inkludering", "mangfold", "integrering", "likestilling", "flerkulturelle møteplasser"),
        ("10", "10.2", "5", "16"),
    ),
    "business": (
        ("næringsutvikling", "eksport", "investeringer", "reiseliv", "arbeidsplasser"),
        ("8", "8.3", "9", "17"),
    ),
    "knowledge": (
        ("kunnskapsdeling", "høyere utdanning", "forskning", "studentutveksling", "kompetanse"),
        ("4", "4.7", "9.5"),
    ),
    "culture": (("kulturutveksling", "kunstnere", "kulturarv", "festivaler"), ("11.4", "4.7")),
    "human-rights-peace": (
        ("menneskerettigheter", "demokrati", "ytringsfrihet", "fred"),
        ("16", "16.10", "10"),
    ),
    "solidarity": (("solidaritet", "bistand", "humanitær innsats"), ("1", "17", "10")),
    "twin-cities": (("vennskapsbyer", "vennskapsskoler", "nordisk samarbeid"), ("17", "17.17")),
    "health-welfare": (("folkehelse", "eldreomsorg", "velferdsteknologi"), ("3", "3.4", "10")),
    "children-youth": (
        ("barn og unge", "ungdomsutveksling", "skoler og barnehager"),
        ("4", "4.7", "16"),
    ),
    "urban-development": (
        ("byutvikling", "kollektivtransport", "vann og avløp", "smarte byer"),
        ("11", "11.2", "6", "9"),
    ),
    "innovation-services": (
        ("tjenesteutvikling", "digitalisering", "innovasjon i offentlig sektor"),
        ("9", "16.6", "17"),
    ),
    "preparedness-security": (
        ("beredskap", "samfunnssikkerhet", "digital sikkerhet"),
        ("11.5", "13.1", "16"),
    ),
}
_GOAL_VERBS = ("Styrke", "Utvikle", "Fremme", "Bidra til", "Sikre", "Videreutvikle", "Øke")
_GOAL_ADJECTIVES = ("internasjonalt", "europeisk", "nordisk", "regionalt", "bærekraftig")
_GOAL_FRAMES = (
    "{verb} {adjective} samarbeid om {noun}",
    "{verb} kommunens arbeid med {noun} gjennom {adjective} samarbeid",
    "{verb} {noun} og {noun2} i kommunen",
    "{verb} innbyggernes muligheter innen {noun}",
)
_MEASURE_VERBS = ("Etablere", "Delta i", "Utrede", "Gjennomføre", "Følge opp", "Søke om")
_MEASURE_OBJECTS = (
    "et nettverk for {noun}",
    "prosjekter om {noun}",
    "en handlingsplan for {noun}",
    "studiereiser om {noun}",
    "erfaringsutveksling om {noun} med vennskapsbyene",
    "midler til {noun}",
)
_ORG_FRAMES = (
    "Nordisk nettverk for {noun}",
    "Europeisk forum for {noun}",
    "Internasjonal forening for {noun}",
    "Byer for {noun}",
    "Samarbeidsrådet for {noun}",
)
_SYLLABLES = ("nor", "vik", "hol", "berg", "sta", "fjord", "dal", "ås", "strand", "ly", "heim")
_CITY_SYLLABLES = ("kal", "mar", "lund", "borg", "ha", "sen", "ter", "ö", "vi", "ka", "burg")
_COUNTRIES = ("SE", "DK", "FI", "IS", "DE", "PL", "EE", "LV", "LT", "NL", "FR", "GB", "US", "CN")
_DEPARTMENTS = (
    ("kommunedirektoren", "Kommunedirektøren", DepartmentKind.OFFICE),
    ("strategiavdelingen", "Strategi og utvikling", DepartmentKind.UNIT),
    ("naering", "Næring og kultur", DepartmentKind.UNIT),
    ("oppvekst", "Oppvekst og utdanning", DepartmentKind.UNIT),
    ("helse", "Helse og velferd", DepartmentKind.UNIT),
)
# The most common memberships: real networks of the core registry, most common first.
_COMMON_CORE = (
    "ks",
    "eurocities",
    "ks-europakontor",
    "eea-grants",
    "interreg",
    "ubc",
    "covenant-of-mayors",
    "iclei",
    "intercultural-cities",
    "c40",
    "mayors-for-peace",
    "foreningen-norden",
)
_PLAN_GOALS = ("Et attraktivt samfunn", "Grønn omstilling", "Gode levekår", "Aktiv deltakelse")


def _words(rng: random.Random, syllables: Sequence[str], low: int, high: int) -> str:
    return "".join(rng.choice(syllables) for _ in range(rng.randint(low, high)))


# --- shared registries (organisations, partner cities) ------------------------------------------


@attrs.frozen
class _Registry:
    core: tuple[str, ...]
    """Ids of core-registry organisations: referred to by id, never declared by a pack."""
    organisations: tuple[Organisation, ...]
    """Every organisation, most common first (the first ones are the core's)."""
    org_weights: tuple[float, ...]
    cities: tuple[tuple[str, str], ...]
    city_weights: tuple[float, ...]


def _cumulative(size: int, exponent: float) -> tuple[float, ...]:
    return tuple(itertools.accumulate(1.0 / (rank**exponent) for rank in range(1, size + 1)))


@cache
def registry(seed: int = 0, shape: Shape = Shape()) -> _Registry:
    """The organisations and partner cities packs draw from; the same for every pack."""
    rng = random.Random(f"munintl-bench:{seed}:registry")
    known = core_organisations()
    core = tuple(org_id for org_id in _COMMON_CORE if org_id in known)
    nouns = sorted({noun for nouns, _ in _TOPICS.values() for noun in nouns})
    kinds = [k for k in OrganisationKind if k is not OrganisationKind.OTHER]
    made = []
    for number in range(shape.organisations - len(core)):
        name = rng.choice(_ORG_FRAMES).format(noun=rng.choice(nouns))
        made.append(
            Organisation(
                id=f"org-{number:04d}",
                name=f"{name} ({number})",
                kind=rng.choice(kinds),
                source=Locator(document="strategi-dok", section="Vedlegg"),
            )
        )
    cities = []
    seen: set[str] = set()
    while len(cities) < shape.cities:
        city = _words(rng, _CITY_SYLLABLES, 2, 3).title()
        if city not in seen:
            seen.add(city)
            cities.append((city, rng.choice(_COUNTRIES)))
    return _Registry(
        core=core,
        organisations=tuple(known[org_id] for org_id in core) + tuple(made),
        org_weights=_cumulative(shape.organisations, shape.zipf),
        cities=tuple(cities),
        city_weights=_cumulative(shape.cities, shape.zipf),
    )


def _draw_distinct(rng: random.Random, cumulative: Sequence[float], count: int) -> list[int]:
    """``count`` distinct indexes, each drawn with the given (cumulative) weights."""
    chosen: dict[int, None] = {}
    total = cumulative[-1]
    while len(chosen) < min(count, len(cumulative)):
        chosen[bisect.bisect(cumulative, rng.random() * total)] = None
    return list(chosen)


# --- one pack -----------------------------------------------------------------------------------


def _link(rng: random.Random, to: str, stated: float = 0.3) -> Link:
    if rng.random() < stated:
        return Link(to=to, evidence=Evidence.STATED)
    return Link(to=to, evidence=Evidence.INFERRED, rationale="Følger av målets ordlyd.")


def _topic_links(
    rng: random.Random, topic: str, *, sdg_count: tuple[int, int], themes: int = 1
) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
    refs = _TOPICS[topic][1]
    chosen_sdgs = rng.sample(refs, min(len(refs), rng.randint(*sdg_count)))
    theme_ids = [topic, *rng.sample(sorted(_TOPICS), themes - 1)]
    return (
        tuple(_link(rng, ref) for ref in chosen_sdgs),
        tuple(_link(rng, theme) for theme in dict.fromkeys(theme_ids)),
    )


def _goal_title(rng: random.Random, topic: str) -> str:
    nouns = _TOPICS[topic][0]
    noun, noun2 = rng.sample(nouns, 2) if len(nouns) > 1 else (nouns[0], nouns[0])
    text = rng.choice(_GOAL_FRAMES).format(
        verb=rng.choice(_GOAL_VERBS),
        adjective=rng.choice(_GOAL_ADJECTIVES),
        noun=noun,
        noun2=noun2,
    )
    return text[0].upper() + text[1:]


def generate_pack(index: int, *, seed: int = 0, shape: Shape = Shape()) -> Pack:
    """Synthetic municipality number ``index`` (0 ≤ index < 10,000); valid, deterministic."""
    if not 0 <= index < MAX_PACKS:
        raise ValueError(f"index {index} is outside 0..{MAX_PACKS - 1}")
    rng = random.Random(f"munintl-bench:{seed}:{index}")
    reg = registry(seed, shape)
    name = _words(rng, _SYLLABLES, 2, 3).title()
    strategy_doc = "strategi-dok"
    loc = Locator(document=strategy_doc, section="1", page=1)

    def at(section: str) -> Locator:
        return Locator(document=strategy_doc, section=section, page=rng.randint(2, 40))

    start = rng.randint(2012, 2023)
    documents = (
        Document(
            id=strategy_doc,
            title=f"Internasjonal strategi for {name} kommune {start}–{start + 4}",
            kind=DocumentKind.STRATEGY,
            date=f"{start}-{rng.randint(1, 12):02d}",
            adopted_by="Kommunestyret",
        ),
        Document(id="kommuneplan", title="Kommuneplanens samfunnsdel", kind=DocumentKind.PLAN),
    )
    departments = tuple(
        Department(
            id=dept_id,
            name=dept_name,
            kind=kind,
            source=at("4"),
            parent=None if number == 0 else _DEPARTMENTS[0][0],
        )
        for number, (dept_id, dept_name, kind) in enumerate(_DEPARTMENTS)
    )
    dept_ids = [d[0] for d in _DEPARTMENTS]
    plan_goals = tuple(
        PlanGoal(
            id=f"kp-{number}",
            plan="kommuneplan",
            label="hovedmål",
            title=title,
            source=Locator(document="kommuneplan", section=str(number)),
        )
        for number, title in enumerate(_PLAN_GOALS, start=1)
    )
    strategy = Strategy(
        id="strategi",
        title=documents[0].title,
        document=strategy_doc,
        status=StrategyStatus.ADOPTED,
        source=loc,
        period=Period(str(start), str(start + 4)),
        adopted_by="Kommunestyret",
        builds_on=("kommuneplan",),
        sdg_focus=(Link("17", Evidence.STATED),) if rng.random() < 0.5 else (),
        in_force=True,
    )

    # Goals: a main goal, three focus areas, two priorities under each (ten in all).
    topics = rng.sample(sorted(_TOPICS), 3)
    goals = [
        Goal(
            id="hovedmal",
            strategy="strategi",
            level=GoalLevel.MAIN_GOAL,
            label="hovedmål",
            title=f"{name} skal være en aktiv og ansvarlig internasjonal kommune",
            source=at("2"),
            sdgs=(_link(rng, "17"),),
            plan_goals=(_link(rng, rng.choice(plan_goals).id, stated=0.6),),
        )
    ]
    leaves = []
    for area, topic in enumerate(topics, start=1):
        sdg_links, theme_links = _topic_links(rng, topic, sdg_count=(1, 2))
        goals.append(
            Goal(
                id=f"omrade-{area}",
                strategy="strategi",
                level=GoalLevel.FOCUS_AREA,
                label="innsatsområde",
                number=str(area),
                parent="hovedmal",
                title=_goal_title(rng, topic),
                source=at(f"3.{area}"),
                sdgs=sdg_links,
                themes=theme_links,
                plan_goals=(_link(rng, rng.choice(plan_goals).id),) if rng.random() < 0.5 else (),
            )
        )
        for priority in (1, 2):
            sub_topic = topic if rng.random() < 0.7 else rng.choice(sorted(_TOPICS))
            sdg_links, theme_links = _topic_links(rng, sub_topic, sdg_count=(0, 2))
            goal_id = f"omrade-{area}.{priority}"
            leaves.append((goal_id, sub_topic))
            goals.append(
                Goal(
                    id=goal_id,
                    strategy="strategi",
                    level=GoalLevel.PRIORITY,
                    label="prioritering",
                    number=f"{area}.{priority}",
                    parent=f"omrade-{area}",
                    title=_goal_title(rng, sub_topic),
                    source=at(f"3.{area}.{priority}"),
                    sdgs=sdg_links,
                    themes=theme_links,
                )
            )

    # Measures under the priorities; now and then a priority gets none (not operationalised).
    served = [leaf for leaf in leaves if rng.random() > 0.1] or leaves[:1]
    measure_count = max(0, round(rng.gauss(shape.measures, shape.measures / 10)))
    measures = []
    for number in range(measure_count):
        goal_id, topic = served[number % len(served)]
        nouns = _TOPICS[topic][0]
        has_links = rng.random() < 0.3
        sdg_links, theme_links = (
            _topic_links(rng, topic, sdg_count=(1, 1)) if has_links else ((), ())
        )
        measures.append(
            Measure(
                id=f"tiltak-{number + 1}",
                goal=goal_id,
                title=f"{rng.choice(_MEASURE_VERBS)} "
                + rng.choice(_MEASURE_OBJECTS).format(noun=rng.choice(nouns)),
                source=at("5"),
                kind=MeasureKind.COMMITMENT if rng.random() < 0.2 else MeasureKind.MEASURE,
                responsible=(rng.choice(dept_ids),) if rng.random() < 0.6 else (),
                sdgs=sdg_links,
                themes=theme_links,
            )
        )

    # Memberships, drawn Zipf-like from the registry; declare those the core does not hold.
    count = max(1, round(rng.gauss(shape.memberships, shape.memberships / 5)))
    drawn = [reg.organisations[i] for i in _draw_distinct(rng, reg.org_weights, count)]
    goal_ids = [g.id for g in goals]
    memberships = []
    for number, org in enumerate(drawn, start=1):
        statuses = [StatusEntry(MembershipStatus.MEMBER, at("Vedlegg"), since=str(start))]
        if rng.random() < 0.08:
            statuses.append(StatusEntry(MembershipStatus.PROPOSED_EXIT, at("Vedlegg")))
        topic = rng.choice(sorted(_TOPICS))
        sdg_links, theme_links = _topic_links(rng, topic, sdg_count=(0, 2))
        memberships.append(
            Membership(
                id=f"medlemskap-{number}",
                organisation=org.id,
                statuses=tuple(statuses),
                source=at("Vedlegg"),
                responsible=(rng.choice(dept_ids),) if rng.random() < 0.7 else (),
                description=f"{name} kommune er medlem av {org.name}.",
                serves=tuple(_link(rng, g) for g in rng.sample(goal_ids, rng.randint(0, 2))),
                themes=theme_links,
                sdgs=sdg_links,
                outcomes=tuple(
                    _link(rng, o.value) for o in rng.sample(list(Outcome), rng.randint(0, 2))
                ),
            )
        )
    core = set(reg.core)
    declared = tuple(org for org in drawn if org.id not in core)

    partnerships = []
    for number, i in enumerate(_draw_distinct(rng, reg.city_weights, shape.partnerships), 1):
        city, country = reg.cities[i]
        partnerships.append(
            Partnership(
                id=f"vennskapsby-{number}",
                city=city,
                country=country,
                source=at("6"),
                kind=PartnershipKind.TWIN_CITY if rng.random() < 0.8 else PartnershipKind.PEER,
                status=PartnershipStatus.ACTIVE
                if rng.random() < 0.85
                else PartnershipStatus.ON_HOLD,
                since=str(rng.randint(1950, 2020)),
                serves=(_link(rng, rng.choice(goal_ids)),) if rng.random() < 0.6 else (),
                themes=(_link(rng, "twin-cities"),),
            )
        )
    projects = tuple(
        Project(
            id=f"prosjekt-{number}",
            name=f"{rng.choice(_TOPICS[topic][0]).capitalize()} i {name}",
            source=at("7"),
            organisations=(rng.choice(drawn).id,),
            serves=(_link(rng, rng.choice([leaf for leaf, _ in leaves])),),
            themes=(_link(rng, topic),),
        )
        for number, topic in enumerate(rng.sample(topics, min(shape.projects, 3)), start=1)
    )
    statements = (
        Statement(
            id="prinsipp-1",
            kind=StatementKind.PRINCIPLE,
            title="Internasjonalt arbeid er et verktøy for å nå kommunens mål",
            source=at("1"),
        ),
    )
    code = f"{index:04d}"
    return Pack(
        name=f"syn-{code}",
        municipality=Municipality(name=name, codes=(synthetic_code(code),)),
        description=f"Synthetic municipality {index} (benchmark seed {seed})",
        documents=documents,
        strategies=(strategy,),
        goals=tuple(goals),
        measures=tuple(measures),
        departments=departments,
        organisations=declared,
        memberships=tuple(memberships),
        partnerships=tuple(partnerships),
        projects=projects,
        plan_goals=plan_goals,
        statements=statements,
    )


def synthetic_code(code: str) -> Kommunenummer:
    """A synthetic municipality's kommunenummer, in use since 2020 and sound against
    Statistics Norway's classification 131: a code it lists as retired is given its last year
    (no successor, which is another synthetic pack's code: the two would be one municipality),
    and one it lists from a later year is given that year.

    >>> synthetic_code("0042"), synthetic_code("0403").until
    (Kommunenummer(code='0042', since=2020, until=None), 2019)
    """
    official = classification()[0].get(code)
    if official is not None and official.until is not None:
        return Kommunenummer(code, until=official.until)
    return Kommunenummer(code, since=max(2020, official.since or 2020) if official else 2020)


def generate_packs(count: int, *, seed: int = 0, shape: Shape = Shape()) -> list[Pack]:
    """The first ``count`` synthetic packs, in memory."""
    return [generate_pack(i, seed=seed, shape=shape) for i in range(count)]


# --- pack directories (TOML) --------------------------------------------------------------------

# file name -> the entity lists it holds (real packs spread their data over a few files too)
_FILES: dict[str, tuple[str, ...]] = {
    "documents.toml": ("documents",),
    "strategy.toml": ("strategies", "goals", "plan_goals", "statements"),
    "measures.toml": ("measures",),
    "organisation.toml": ("departments", "organisations"),
    "memberships.toml": ("memberships", "partnerships", "projects"),
}


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        # JSON's string escapes are a subset of TOML's basic-string escapes.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        items = [f"{k} = {_value(v)}" for k, v in value.items() if not _empty(v)]
        return "{ " + ", ".join(items) + " }" if items else "{}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _empty(value: Any) -> bool:
    return value is None or value == () or value == []


def to_toml(data: dict[str, Any]) -> str:
    """TOML text of plain data: scalars and inline values first, lists of tables as ``[[...]]``.

    >>> print(to_toml({"name": "x", "goals": [{"id": "a", "tags": ["b"]}], "empty": None}))
    name = "x"
    <BLANKLINE>
    [[goals]]
    id = "a"
    tags = ["b"]
    <BLANKLINE>
    """
    head, tables = [], []
    for key, value in data.items():
        if _empty(value):
            continue
        if isinstance(value, list) and all(isinstance(v, dict) for v in value):
            for row in value:
                tables.append(f"\n[[{key}]]")
                tables.extend(f"{k} = {_value(v)}" for k, v in row.items() if not _empty(v))
        else:
            head.append(f"{key} = {_value(value)}")
    return "\n".join([*head, *tables]) + "\n"


def pack_files(pack: Pack) -> dict[str, str]:
    """The pack as a pack directory: file name -> TOML text, ``pack.toml`` first."""
    data = unstructure(pack)
    manifest = {
        "format_version": data["format_version"],
        "name": data["name"],
        "description": data["description"],
        "files": list(_FILES),
        "municipality": data["municipality"],
    }
    files = {"pack.toml": to_toml(manifest)}
    for file, lists in _FILES.items():
        files[file] = to_toml({name: data[name] for name in lists})
    return files


def write_pack(pack: Pack, folder: Path) -> Path:
    """Write the pack directory ``folder/<pack name>`` atomically (all files or none)."""
    final = folder / pack.name
    partial = folder / f".{pack.name}.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for file, text in pack_files(pack).items():
        (partial / file).write_text(text, encoding="utf-8")
    shutil.rmtree(final, ignore_errors=True)
    partial.rename(final)
    return final


def cache_key(seed: int = 0, shape: Shape = Shape()) -> str:
    """Changes whenever the generated data could: this file, the seed, the shape, the core's
    organisation ids the generator uses, the SDG data, the kommunenummer classification and the
    pack format written (branches with another format share this file: their packs must not
    share a cache folder)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    key = (seed, attrs.astuple(shape), registry(seed, shape).core, FORMAT_VERSION)
    digest.update(repr(key).encode())
    digest.update(repr(sorted(sdgs())).encode())
    digest.update(repr(sorted(classification()[0].items())).encode())
    return digest.hexdigest()[:12]


def ensure_pack_dirs(
    count: int, root: Path, *, seed: int = 0, shape: Shape = Shape()
) -> list[Path]:
    """The first ``count`` pack directories under ``root/<cache key>``, written once."""
    folder = root / f"seed{seed}-{cache_key(seed, shape)}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"syn-{index:04d}"
        if not (path / "pack.toml").is_file():
            write_pack(generate_pack(index, seed=seed, shape=shape), folder)
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help=f"how many packs (at most {MAX_PACKS})")
    parser.add_argument("folder", type=Path, help="where to write the pack directories")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if not 0 < args.count <= MAX_PACKS:
        parser.error(f"count must be 1..{MAX_PACKS}")
    for index in range(args.count):
        write_pack(generate_pack(index, seed=args.seed), args.folder)
    print(f"wrote {args.count} packs to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
