"""Scaffolding a new municipality pack: ``munintl new-pack``.

:func:`pack_files` returns the files of a new pack as text, keyed by their path inside the pack's
folder; :func:`new_pack` writes them. The data files hold a commented example of every kind of
entity, so the new pack validates, installs and is discovered as it stands; its author then
replaces the examples with the municipality's real data. Example ids start with ``example-``
(:func:`example_leftovers` finds those still there).

>>> files = pack_files("tromso", "5501", municipality="Tromsø")
>>> sorted(files)[:3]
['README.md', 'pyproject.toml', 'src/munintl_pack_tromso/__init__.py']
>>> 'tromso = "munintl_pack_tromso"' in files["pyproject.toml"]
True
>>> pack_files("Tromsø", "5501")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
munintl.errors.ScaffoldError: pack name 'Tromsø' must be lower-case ... (try 'tromso')
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from pathlib import Path
from string import Template

from munintl.errors import InvalidField, ScaffoldError
from munintl.kommunenummer import not_current
from munintl.model import Kommunenummer, Pack, pack_name_problem
from munintl.packs import find_pack_folder  # its owner; named here as before

__all__ = [
    "DATA_FILES",
    "EXAMPLE_PREFIX",
    "ScaffoldError",
    "distribution_name",
    "entity_lines",
    "example_leftovers",
    "find_pack_folder",
    "new_pack",
    "pack_files",
    "package_name",
]

EXAMPLE_PREFIX = "example-"
"""Every example entity of a new pack has an id starting with this."""

DATA_FILES = ("documents.toml", "strategy.toml", "organisation.toml", "cooperation.toml")
"""The data files of a new pack, in the order the manifest lists them."""

# Hyphens rather than underscores: the name is what users type (`munintl show nord-fron`).
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# The name is written into TOML strings and Markdown as it is; these would need escaping.
_UNSAFE = re.compile(r'["\\\x00-\x1f\x7f]')
_TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "o", "å": "aa", " ": "-", "_": "-"})


def package_name(name: str) -> str:
    """The Python package of pack ``name``.

    Parameters
    ----------
    name : str
        The pack's name (``nord-fron``).

    Returns
    -------
    str
        ``munintl_pack_`` and the name with hyphens as underscores.

    Examples
    --------
    >>> package_name("nord-fron")
    'munintl_pack_nord_fron'
    """
    return "munintl_pack_" + name.replace("-", "_")


def distribution_name(name: str) -> str:
    """The distribution (what ``pip install`` takes) of pack ``name``.

    Parameters
    ----------
    name : str
        The pack's name (``nord-fron``).

    Returns
    -------
    str
        ``munintl-pack-`` and the name.

    Examples
    --------
    >>> distribution_name("nord-fron")
    'munintl-pack-nord-fron'
    """
    return "munintl-pack-" + name


def _suggest(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.lower().translate(_TRANSLITERATION))
    ascii_only = "".join(c for c in plain if c.isascii() and (c.isalnum() or c == "-"))
    return re.sub(r"-+", "-", ascii_only).strip("-")


def _check_name(name: str) -> None:
    if _NAME.match(name):
        reserved = pack_name_problem(name)
        if reserved:
            raise ScaffoldError(f"pack name {reserved}")
        return
    suggestion = _suggest(name)
    hint = f" (try {suggestion!r})" if suggestion and _NAME.match(suggestion) else ""
    raise ScaffoldError(
        f"pack name {name!r} must be lower-case letters a-z, digits and single hyphens, "
        f"starting with a letter{hint}"
    )


def _check_code(code: str) -> None:
    try:
        Kommunenummer(code)
    except InvalidField as exc:
        raise ScaffoldError(f"--code: {exc.reason}") from None
    problem = not_current(code)  # else the new pack would not load
    if problem is not None:
        raise ScaffoldError(f"--code: {problem}: give the municipality's current kommunenummer")


def _municipality_name(name: str, municipality: str | None) -> str:
    if municipality is None:
        return "-".join(part.capitalize() for part in name.split("-"))
    if not municipality.strip() or _UNSAFE.search(municipality):
        raise ScaffoldError(
            f"municipality name {municipality!r} must be non-empty and hold no quotes, "
            "backslashes or control characters"
        )
    return municipality.strip()


def pack_files(
    name: str, code: str, *, municipality: str | None = None, year: int | None = None
) -> dict[str, str]:
    """The files of a new pack as ``{path inside the pack's folder: text}``.

    Parameters
    ----------
    name : str
        The pack's name (``tromso``, ``nord-fron``).
    code : str
        The municipality's current kommunenummer.
    municipality : str, optional
        Its name as written (default: from ``name``).
    year : int, optional
        The first year of the example strategy, which runs four years (default: this year,
        so that it is current when the pack is made).

    Returns
    -------
    dict of str to str
        The text of each file, keyed by its path inside the pack's folder.

    Raises
    ------
    ScaffoldError
        When ``name``, ``code`` or ``municipality`` is not valid (a retired ``code`` too).

    Examples
    --------
    >>> files = pack_files("tromso", "5501", municipality="Tromsø", year=2024)
    >>> "src/munintl_pack_tromso/pack.toml" in files
    True
    """
    start = year if year is not None else datetime.date.today().year
    _check_name(name)
    _check_code(code)
    values = {
        "name": name,
        "code": code,
        "municipality": _municipality_name(name, municipality),
        "package": package_name(name),
        "distribution": distribution_name(name),
        "files": ", ".join(f'"{file}"' for file in DATA_FILES),
        "year": str(start),
        "end": str(start + 3),
    }
    package_dir = f"src/{values['package']}"
    templates = {
        "pyproject.toml": _PYPROJECT,
        "README.md": _README,
        "tests/test_pack.py": _TEST,
        f"{package_dir}/__init__.py": _INIT,
        f"{package_dir}/pack.toml": _MANIFEST,
        f"{package_dir}/documents.toml": _DOCUMENTS,
        f"{package_dir}/strategy.toml": _STRATEGY,
        f"{package_dir}/organisation.toml": _ORGANISATION,
        f"{package_dir}/cooperation.toml": _COOPERATION,
    }
    return {path: Template(text).substitute(values) for path, text in templates.items()}


def new_pack(
    name: str,
    code: str,
    *,
    directory: str | Path | None = None,
    municipality: str | None = None,
    year: int | None = None,
) -> list[Path]:
    """Write a new pack into ``directory``; return its files.

    The folder is created; an existing one must be empty, so nothing is ever overwritten.

    Parameters
    ----------
    name, code : str
        As :func:`pack_files`.
    directory : str or Path, optional
        Where to write it (default ``./munintl-pack-<name>``).
    municipality : str, optional
        As :func:`pack_files`.
    year : int, optional
        As :func:`pack_files`.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    ScaffoldError
        When an argument is not valid, or ``directory`` exists and is not an empty folder.
    OSError
        When a file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     len(new_pack("tromso", "5501", directory=folder, year=2024))
    9
    """
    files = pack_files(name, code, municipality=municipality, year=year)
    root = Path(directory) if directory is not None else Path(distribution_name(name))
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise ScaffoldError(f"{str(root)!r} already exists and is not an empty folder")
    written = []
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def entity_lines(folder: str | Path) -> dict[str, tuple[str, int | None]]:
    """Where each entity of a pack folder is written: ``{id: (file name, line of its id)}``.

    Read exactly as :func:`munintl.load_pack_dir` reads the folder; lets a finding about an
    entity point at the line to edit.

    Parameters
    ----------
    folder : str or Path
        The pack's folder, or its ``pack.toml``.

    Returns
    -------
    dict of str to (str, int or None)
        Per entity id, the data file it is in and the line of its id.

    Raises
    ------
    PackDataError
        When the folder does not load (as :func:`munintl.load_pack_dir`).

    Examples
    --------
    >>> from importlib.resources import files
    >>> entity_lines(str(files("munintl_pack_hamar")))["hamar-2010"]
    ('strategy.toml', 9)
    """
    from munintl.packs import read_pack_dir

    return read_pack_dir(folder).entity_lines()


def example_leftovers(pack: Pack) -> list[str]:
    """Ids of the scaffold's example entities still in a pack (they start with ``example-``).

    Parameters
    ----------
    pack : Pack
        The pack to look in.

    Returns
    -------
    list of str
        The ids, in the pack's order; [] when none is left.

    Examples
    --------
    >>> from munintl.model import Kommunenummer, Municipality, Pack
    >>> example_leftovers(Pack(name="x", municipality=Municipality("X", (Kommunenummer("9999"),))))
    []
    """
    return [
        entity_id
        for entity in pack.entities()
        if (entity_id := str(getattr(entity, "id", ""))).startswith(EXAMPLE_PREFIX)
    ]


# --- the templates ------------------------------------------------------------------------------
# string.Template placeholders: $name, $code, $municipality, $package, $distribution, $files,
# $year and $end (the example strategy's period).

_PYPROJECT = """\
# The installable distribution of the munintl pack for $municipality.
# munintl finds the pack through the entry point below; nothing else needs registering.

[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"

[project]
name = "$distribution"
version = "0.1.0"
description = "munintl data pack: $municipality's international strategy as checkable data."
readme = "README.md"
requires-python = ">=3.11"
license = "MIT"
dependencies = ["munintl>=0.1"]

# The entry point's name is the pack's name; it must equal `name` in pack.toml.
# Its value is the package holding pack.toml.
[project.entry-points."munintl.packs"]
$name = "$package"

[tool.setuptools.packages.find]
where = ["src"]

# The data files must be installed with the package.
[tool.setuptools.package-data]
$package = ["*.toml"]
"""

_README = """\
# $distribution

The [munintl](https://pypi.org/project/munintl/) data pack for $municipality (kommunenummer
$code): the municipality's international strategy as data that can be checked and compared.

```console
munintl validate .                  # schema, references and alignment checks, with file and line
pip install -e .                    # install the pack beside munintl
munintl packs                       # the pack is listed as `$name`
munintl show $name
munintl check $name
```

The data is in `src/$package/`: `pack.toml` (the manifest) and the TOML files it
lists. Ids starting with `example-` are examples made by `munintl new-pack`: replace them with
the municipality's real data. The munintl documentation's guide "Adding a municipality"
explains every step, and its page "The pack format" every field.
"""

_TEST = """\
\"\"\"The pack validates (schema, references, alignment checks, as `munintl validate`) and
keeps munintl's pack contract (munintl.testing.PackContract: one test per rule).\"\"\"

from pathlib import Path

from munintl.cli import main
from munintl.testing import PackContract

PACKAGE = Path(__file__).parents[1] / "src" / "$package"


def test_pack_validates() -> None:
    assert main(["validate", str(Path(__file__).parents[1])]) == 0


class TestContract(PackContract):
    pack_folder = PACKAGE
"""

_INIT = """\
\"\"\"munintl data pack for $municipality: the TOML files beside this module are the data.\"\"\"
"""

_MANIFEST = """\
# The manifest of the munintl pack for $municipality.
# Every field of every file is explained in munintl's docs/pack-format.md.

format_version = 2               # the pack format this pack is written in (munintl reads 2)
name = "$name"                   # the pack's name: the entry point's name in pyproject.toml
description = "$municipality: international strategy"
# The data files, read in this order. Each may hold any of the entity lists; the split into
# files is only for the reader's convenience.
files = [$files]

[municipality]
name = "$municipality"
# The kommunenummer, with its history: a municipality renumbered in the 2020 reform lists its
# old number too, for example [{ code = "0403", until = 2019 }, { code = "3403", since = 2020 }].
codes = [{ code = "$code" }]
# The county (fylke), with its history in the same way. Optional.
# counties = [{ name = "Hedmark", until = 2019 }, { name = "Innlandet", since = 2020 }]
"""

_DOCUMENTS = """\
# Source documents, and the municipal master plan's goals.
#
# EXAMPLES: everything below was made up by `munintl new-pack` to show the format; it
# validates as it stands. Replace it with $municipality's real data. Example ids start with
# "example-": rename them (and every reference to them) as you go.
#
# Every fact in a pack says where it comes from: `source = { document = "<document id>",
# section = "2.1" }` or `page = 4`, or both.

# --- documents -------------------------------------------------------------------------------
# A document without `source` is a seed: a document the pack is built from. A document with a
# `source` is one the seeds only mention (the master plan, an earlier strategy).

[[documents]]
id = "example-document"     # ids: lower-case letters, digits, '.', '_', '-'
title = "Internasjonal strategi for $municipality kommune $year–$end"
# kind: strategy, action_plan, case, web_page, plan, report, agreement or other
kind = "strategy"
date = "$year"                       # a partial date, or a full one: "2024-06-19"
case_number = "24/123"               # saksnummer, as printed
adopted_by = "kommunestyret"
decision = "Kommunestyret vedtar strategien som fremlagt."
language = "nb"                      # nb, nn, en, ...
url = "https://example.org/internasjonal-strategi.pdf"
signed_by = ["Ordfører Kari Nordmann"]

[[documents]]
id = "example-master-plan"
title = "Kommuneplanens samfunnsdel 2020–2032"
kind = "plan"
date = "2020"
source = { document = "example-document", section = "1.2" }  # where the strategy mentions it

# --- plan_goals: goals of the municipal master plan (kommuneplan) -------------------------------
# Strategy goals point at them through `plan_goals`, which anchors the strategy in the plan.

[[plan_goals]]
id = "example-plan-goal-open"
plan = "example-master-plan"          # the document (kind "plan") the goal belongs to
label = "hovedmål"                    # the plan's own word for this level
title = "Et åpent og inkluderende samfunn"
source = { document = "example-master-plan", section = "2.1" }
text = "$municipality skal være et godt sted å bo for alle, uansett bakgrunn."

[[plan_goals]]
id = "example-plan-goal-growth"
plan = "example-master-plan"
label = "hovedmål"
title = "Et nyskapende og bærekraftig næringsliv"
source = { document = "example-master-plan", section = "2.2" }
"""

_STRATEGY = """\
# The strategy: its goal hierarchy, the measures under the goals, and what it sets out.
#
# EXAMPLES: made up by `munintl new-pack`; replace them with $municipality's real data.
#
# Links (sdgs, themes, plan_goals, sdg_focus) say whether the document states them or a
# curator inferred them: { to = "17", evidence = "stated" } or
# { to = "11", evidence = "inferred", rationale = "one line: why" }.
# SDGs are "1".."17" or targets such as "17.17"; themes are ids of munintl's theme vocabulary
# (listed in docs/pack-format.md).

# --- strategies ------------------------------------------------------------------------------

[[strategies]]
id = "example-strategy"
title = "Internasjonal strategi for $municipality kommune $year–$end"
document = "example-document"  # the document that holds it
status = "adopted"                       # adopted, taken_note, proposed, superseded, expired
# Every status says why: "stated" with the locator of the sentence that says it, or "inferred"
# with a one-line rationale, e.g. { evidence = "inferred", rationale = "the newest strategy" }.
status_basis = { evidence = "stated", source = { document = "example-document", page = 1 } }
source = { document = "example-document", page = 1 }
period = { start = "$year", end = "$end" }
adopted_by = "kommunestyret"
adopted_on = "$year"
case_number = "24/123"
builds_on = ["example-master-plan"]      # documents it builds on
# supersedes = ["<id of an earlier strategy or document>"]
sdg_focus = [{ to = "17", evidence = "stated" }]   # SDGs the strategy itself puts first
in_force = true                          # in force now (one per pack); leave out if unknown
in_force_basis = { evidence = "stated", source = { document = "example-document", page = 1 } }

# --- goals: the hierarchy, top first ---------------------------------------------------------
# `level` is comparable across municipalities: purpose, main_goal, part, focus_area,
# sub_goal, priority, strategy_line. `label` keeps the document's own word ("delmål",
# "innsatsområde", "hovedprioritering"). `parent` is the goal above; the top has none.

[[goals]]
id = "example-main-goal"
strategy = "example-strategy"
level = "main_goal"
label = "hovedmål"
title = "Internasjonalt samarbeid skal bidra til å nå $municipality kommunes mål"
source = { document = "example-document", section = "3" }
text = "Internasjonalt arbeid er et verktøy for å nå kommunens egne mål, ikke et mål i seg selv."
sdgs = [{ to = "17", evidence = "stated" }]
plan_goals = [{ to = "example-plan-goal-growth", evidence = "stated" }]

[[goals]]
id = "example-goal-europe"
strategy = "example-strategy"
parent = "example-main-goal"
level = "sub_goal"
label = "delmål"
number = "1"                             # the number the document gives, as printed
title = "Hente kunnskap og midler gjennom europeisk samarbeid"
source = { document = "example-document", section = "3.1" }
sdgs = [
    { to = "17.17", evidence = "stated" },
    { to = "8", evidence = "inferred", rationale = "EU projects serve business development" },
]
themes = [{ to = "eu-projects", evidence = "stated" }]
plan_goals = [{ to = "example-plan-goal-growth", evidence = "stated" }]
# perspective: abroad (the city out in the world), at_home (the world at home) or both
perspective = "abroad"

[[goals]]
id = "example-goal-inclusion"
strategy = "example-strategy"
parent = "example-main-goal"
level = "sub_goal"
label = "delmål"
number = "2"
title = "Et åpent og inkluderende lokalsamfunn"
source = { document = "example-document", section = "3.2" }
sdgs = [{ to = "10", evidence = "stated" }]
themes = [{ to = "inclusion", evidence = "stated" }]
plan_goals = [{ to = "example-plan-goal-open", evidence = "stated" }]
perspective = "at_home"

# --- measures: what is done under a goal -----------------------------------------------------

[[measures]]
id = "example-measure-eu-applications"
goal = "example-goal-europe"
title = "Søke om minst ett EU-prosjekt hvert år"
kind = "measure"                         # measure (tiltak), commitment ("skal"), prerequisite
source = { document = "example-document", section = "3.1" }
responsible = ["example-department-mayor"]   # departments (organisation.toml)
themes = [{ to = "eu-projects", evidence = "stated" }]

[[measures]]
id = "example-commitment-welcome"
goal = "example-goal-inclusion"
title = "Kommunen skal gi nye innbyggere en god start"
kind = "commitment"
source = { document = "example-document", section = "3.2" }
text = "Informasjon på flere språk og en fast kontaktperson for nyankomne."
responsible = ["example-department-culture"]
sdgs = [{ to = "10.2", evidence = "inferred", rationale = "social inclusion of newcomers" }]

# --- statements: principles, criteria, decisions, findings, framings, notes ------------------
# A criterion may carry a `test` a machine can apply to the memberships it is `about`:
# serves_goal, has_department, has_outcome.

[[statements]]
id = "example-principle-tool"
kind = "principle"                       # principle, criterion, decision, finding, framing, note
title = "Internasjonalt arbeid er et verktøy, ikke et mål i seg selv"
source = { document = "example-document", section = "2" }

[[statements]]
id = "example-criterion-relevance"
kind = "criterion"
title = "Hvert medlemskap skal ha klar relevans for kommunens mål"
source = { document = "example-document", section = "4" }
test = "serves_goal"
about = ["example-membership-ks", "example-membership-region"]   # ids of any entities

# --- figures: numbers the documents give, with the words they give them in -------------------

[[figures]]
id = "example-figure-budget"
label = "Årlig budsjett for internasjonalt arbeid"
as_printed = "500 000 kroner"
value = 500000
unit = "NOK"
source = { document = "example-document", section = "5" }
about = ["example-strategy"]
"""

_ORGANISATION = """\
# Who does the work: the municipality's departments, and organisations the core registry lacks.
#
# EXAMPLES: made up by `munintl new-pack`; replace them with $municipality's real data.

# --- departments -----------------------------------------------------------------------------

[[departments]]
id = "example-department-mayor"
name = "Ordførerens kontor"
# kind: city_government_department, agency, unit, committee, council, office or institution
kind = "office"
source = { document = "example-document", section = "4" }

[[departments]]
id = "example-department-culture"
name = "Kulturenheten"
kind = "unit"
parent = "example-department-mayor"      # the department it belongs to, if any
source = { document = "example-document", section = "4" }
note = "Koordinerer vennskapsbyarbeidet."

# --- organisations ---------------------------------------------------------------------------
# Well-known organisations (Eurocities, KS, ICLEI, Interreg, ...) are in munintl's registry:
# refer to them by id (listed in docs/pack-format.md) and do not declare them here.
# Declare only the ones the registry lacks, with a source.

[[organisations]]
id = "example-regional-council"
name = "Regionrådet for $municipality og omegn"
# kind: network, association, brussels_office, agency, programme, international_organisation,
# ngo, public_body or other
kind = "association"
aliases = ["Regionrådet"]
description = "Samarbeid mellom nabokommunene om næring og samferdsel."
source = { document = "example-document", section = "2.3" }
"""

_COOPERATION = """\
# Memberships in networks and organisations, partnerships with other cities, and projects.
#
# EXAMPLES: made up by `munintl new-pack`; replace them with $municipality's real data.
#
# `serves` links each of them to the goals it serves (goal ids), `responsible` names the
# departments that follow it up; both are what the alignment checks look at first.

# --- memberships -----------------------------------------------------------------------------

[[memberships]]
id = "example-membership-ks"
organisation = "ks"                      # an id from munintl's registry or from organisation.toml
source = { document = "example-document", section = "2.3" }
responsible = ["example-department-mayor"]
website = "https://www.ks.no"
description = "Kommunesektorens organisasjon; gir tilgang til KS' Europa-arbeid."
serves = [{ to = "example-goal-europe", evidence = "stated" }]
themes = [
    { to = "eu-influence", evidence = "inferred", rationale = "KS speaks for municipalities" },
]
# What taking part yields: competence, influence, project_work, profiling, solidarity.
outcomes = [{ to = "competence", evidence = "stated" }, { to = "influence", evidence = "stated" }]
perspective = "abroad"
# The status over time, oldest first, one [[memberships.statuses]] table each (or inline:
# statuses = [{ status = "member", evidence = "stated", source = { ... } }, ...]): member,
# represented (through an umbrella body such as KS), proposed_exit, proposed_entry, ended.
# Each says whether its source states it (evidence = "stated", source = the sentence saying
# it) or you inferred it (evidence = "inferred", rationale = "why"). When no source gives a
# status, write statuses = [] instead: unknown, which munintl never reads as active.
[[memberships.statuses]]
status = "member"
evidence = "stated"
source = { document = "example-document", section = "2" }

[[memberships]]
id = "example-membership-region"
organisation = "example-regional-council"
source = { document = "example-document", section = "2.3" }
responsible = ["example-department-mayor"]
since = "2015"
serves = [
    { to = "example-goal-inclusion", evidence = "inferred", rationale = "its welcome scheme" },
]
outcomes = [{ to = "project_work", evidence = "stated" }]
[[memberships.statuses]]
status = "member"
since = "2015"
evidence = "stated"
source = { document = "example-document", page = 3 }
# later entries continue the history, for example:
# [[memberships.statuses]]
# status = "proposed_exit"
# since = "2024"
# evidence = "stated"
# source = { document = "...", page = 9 }

# --- partnerships: twin cities (vennskapsbyer) and other partner cities ----------------------

[[partnerships]]
id = "example-twin-city"
city = "Eksempelby"
country = "SE"                           # ISO 3166 alpha-2 code
kind = "twin_city"                       # twin_city, peer, cooperation
status = "active"                        # active, on_hold, ended; leave out if no source says
status_basis = { evidence = "stated", source = { document = "example-document", section = "2.1" } }
since = "1952"
areas = ["skole", "kultur"]              # what the cooperation covers, in the document's words
source = { document = "example-document", section = "2.1" }
responsible = ["example-department-culture"]
serves = [{ to = "example-goal-inclusion", evidence = "stated" }]
themes = [{ to = "twin-cities", evidence = "stated" }]

# --- projects: projects, recurring activities, events, awards, support efforts ---------------

[[projects]]
id = "example-project-interreg"
name = "Grenseløs kompetanse"
kind = "project"                         # project, activity, event, award, support
description = "Kompetanseutveksling for kommunalt ansatte med svenske nabokommuner."
programme = "Interreg Sverige-Norge"
funding = "Interreg og kommunal egenandel"
period = { start = "$year", end = "$end" }
budget = { value = 2000000, currency = "NOK", note = "kommunens andel" }
partners = ["Eksempelby kommun"]         # partners in the document's words
organisations = ["interreg"]             # organisation ids (registry or organisation.toml)
source = { document = "example-document", section = "2.2" }
responsible = ["example-department-mayor"]
serves = [{ to = "example-goal-europe", evidence = "stated" }]
sdgs = [{ to = "4", evidence = "inferred", rationale = "the project trains municipal staff" }]
themes = [{ to = "eu-projects", evidence = "stated" }]
"""
