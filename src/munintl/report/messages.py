"""Every label of the report in English and bokmål: the one message catalogue.

Keys are stable names; a message may hold ``{name}`` fields filled by :func:`message`.

>>> message("severity.warning", "nb")
'Bør følges opp'
>>> message("findings.count", "en", count=3)
'3 findings'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["LANGUAGES", "MESSAGES", "decimal", "message"]

LANGUAGES = ("en", "nb")

_CATALOGUE: dict[str, tuple[str, str]] = {
    # page
    "report.title": ("International strategies: a report", "Internasjonale strategier: en rapport"),
    "report.header": (
        "munintl report: {names}, as of {as_of}",
        "munintl-rapport: {names}, per {as_of}",
    ),
    "report.intro": (
        "Alignment findings, SDG coverage and overlap of {names}, as of {as_of}.",
        "Funn, bærekraftsmål og overlapp for {names}, per {as_of}.",
    ),
    "report.counted": (
        "Coverage and overlap both count the goals of these strategies: {strategies}.",
        "Både dekning og overlapp teller målene i disse strategiene: {strategies}.",
    ),
    "report.counted_short": (
        "Coverage and overlap both count the goals of the current strategies named below.",
        "Både dekning og overlapp teller målene i de gjeldende strategiene nevnt nedenfor.",
    ),
    "report.generated": ("Made by munintl {version}.", "Laget av munintl {version}."),
    "report.contents": ("Contents", "Innhold"),
    "report.details_hint": (
        "Everything else: add --details.",
        "Alt det andre: legg til --details.",
    ),
    "report.municipalities": ("Municipalities", "Kommuner"),
    # strategy
    "strategy.heading": ("Strategy", "Strategi"),
    "strategy.title": ("Title", "Tittel"),
    "strategy.period": ("Period", "Periode"),
    "strategy.status": ("Status", "Status"),
    "strategy.source": ("Source", "Kilde"),
    "strategy.in_force": ("In force", "Gjeldende"),
    "in_force.yes": ("yes", "ja"),
    "in_force.no": ("no", "nei"),
    "in_force.unknown": ("unknown", "ukjent"),
    "fact.status": ("status", "status"),
    "fact.in_force": ("in force", "gjeldende"),
    "strategy.unknown": ("not known", "ukjent"),
    "strategy.none": ("No current strategy.", "Ingen gjeldende strategi."),
    "strategy.case": ("case {case}", "sak {case}"),
    "strategy.page": ("page {page}", "side {page}"),
    "status.adopted": ("adopted", "vedtatt"),
    "status.taken_note": ("taken note of", "tatt til orientering"),
    "status.proposed": ("proposed", "foreslått"),
    "status.superseded": ("superseded", "erstattet"),
    "status.expired": ("expired", "utløpt"),
    "evidence.stated": ("stated", "oppgitt"),
    "evidence.inferred": ("inferred", "utledet"),
    # findings
    "findings.heading": ("Findings", "Funn"),
    "findings.none": ("No findings.", "Ingen funn."),
    "findings.count": ("{count} findings", "{count} funn"),
    "findings.hint": ("What to do", "Hva som kan gjøres"),
    "findings.each": ("Each", "Hvert funn"),
    "findings.english": (
        "The checks' messages below are in English, as the checks write them.",
        "Sjekkenes meldinger nedenfor er på engelsk, slik sjekkene skriver dem.",
    ),
    "severity.error": ("Errors", "Feil"),
    "severity.warning": ("Needs attention", "Bør følges opp"),
    "severity.info": ("For information", "Til orientering"),
    # coverage
    "coverage.heading": ("UN Sustainable Development Goals", "FNs bærekraftsmål"),
    "coverage.summary": (
        "{served} of the 17 SDGs served; {linked} of the strategy's {goals} goals link to an SDG.",
        "{served} av de 17 bærekraftsmålene dekket; {linked} av strategiens {goals} mål har en "
        "kobling til et bærekraftsmål.",
    ),
    "coverage.summary_many": (
        "{served} of the 17 SDGs served; {linked} of the strategies' {goals} goals link to an SDG.",
        "{served} av de 17 bærekraftsmålene dekket; {linked} av strategienes {goals} mål har en "
        "kobling til et bærekraftsmål.",
    ),
    "coverage.stated": ("stated in the document", "oppgitt i dokumentet"),
    "coverage.inferred": ("inferred by a curator", "utledet av en kurator"),
    "coverage.none": ("not served", "ikke dekket"),
    "coverage.focus": ("the document's stated focus", "dokumentets uttalte fokus"),
    "coverage.focus_short": ("focus", "fokus"),
    "coverage.short_heading": ("SDGs", "Bærekraftsmål"),
    "coverage.served_short": ("{served} of the 17 served", "{served} av de 17 dekket"),
    "coverage.legend": ("Legend", "Tegnforklaring"),
    "coverage.goals": ("strategy goals: {count}", "strategimål: {count}"),
    "coverage.targets": ("Targets", "Delmål"),
    "coverage.alt": (
        "SDG coverage of {name}: {served} of the 17 SDGs served",
        "Bærekraftsmål for {name}: {served} av de 17 bærekraftsmålene dekket",
    ),
    # the coverage table of `munintl coverage`
    "table.title": (
        "SDG coverage: goals of the current strategy that carry each SDG",
        "Bærekraftsmål: mål i den gjeldende strategien som bærer hvert bærekraftsmål",
    ),
    "table.legend": (
        "(s = by a stated link, i = only by inferred links, * = a stated SDG focus, · = none)",
        "(o = ved en oppgitt kobling, u = bare ved utledede koblinger, * = et oppgitt fokus, "
        "· = ingen)",
    ),
    "table.letters": ("si", "ou"),
    "table.sdg": ("SDG", "Bærekraftsmål"),
    "table.served": ("SDGs served", "Bærekraftsmål dekket"),
    "table.linked": ("goals with an SDG", "mål med et bærekraftsmål"),
    "table.targets": ("Targets, {name}: {targets}", "Delmål, {name}: {targets}"),
    "table.none": ("none", "ingen"),
    # overlap
    "overlap.heading": ("What they share", "Hva de har felles"),
    "overlap.correspondences": ("Corresponding goals", "Mål som svarer til hverandre"),
    "overlap.correspondences_intro": (
        "Goals of two municipalities that pursue the same thing, strongest first.",
        "Mål i to kommuner som arbeider mot det samme, sterkest først.",
    ),
    "overlap.no_correspondences": ("No corresponding goals.", "Ingen mål svarer til hverandre."),
    "overlap.why": ("Why", "Hvorfor"),
    "overlap.strength": ("strength", "styrke"),
    "reason.organisations": ("both name {items}", "begge nevner {items}"),
    "reason.sdgs": ("both aim at {items}", "begge sikter mot {items}"),
    "reason.themes": ("shared themes: {items}", "felles temaer: {items}"),
    "reason.concepts": ("both texts speak of {items}", "begge tekstene handler om {items}"),
    "reason.wording": ("shared words: {items}", "felles ord: {items}"),
    "reason.sdg": ("SDG {ref}", "bærekraftsmål {ref}"),
    "overlap.shared": ("Shared by two or more", "Felles for to eller flere"),
    "overlap.unique": ("Held by one only", "Bare hos én"),
    "overlap.nothing_unique": ("nothing of its own", "ingenting eget"),
    "overlap.none_shared": ("None shared.", "Ingenting felles."),
    "overlap.via_goals": ("through its goals", "gjennom målene"),
    "overlap.via_engagements": (
        "through memberships, partnerships or projects",
        "gjennom medlemskap, samarbeid eller prosjekter",
    ),
    "overlap.sdg_note": (
        "An SDG held through memberships, partnerships or projects need not be carried by a goal.",
        "Et bærekraftsmål som holdes gjennom medlemskap, samarbeid eller prosjekter, "
        "trenger ikke være knyttet til et mål.",
    ),
    "kind.organisation": ("Organisations", "Organisasjoner"),
    "kind.organisation_kind": ("Kinds of organisation", "Typer organisasjoner"),
    "kind.twin_city": ("Twin cities", "Vennskapsbyer"),
    "kind.partner_country": ("Partner countries", "Samarbeidsland"),
    "kind.sdg": ("SDGs", "Bærekraftsmål"),
    "kind.sdg_target": ("SDG targets", "Delmål"),
    "kind.theme": ("Themes", "Temaer"),
    "membership.member": ("member", "medlem"),
    "membership.represented": ("represented", "representert"),
    "membership.proposed_exit": ("proposed for exit", "foreslått utmeldt"),
    "membership.proposed_entry": ("proposed for entry", "foreslått innmeldt"),
    "membership.ended": ("ended", "avsluttet"),
    "membership.unknown": ("status unknown", "status ukjent"),
    "membership.none": ("through projects", "gjennom prosjekter"),
    "orgkind.network": ("Network", "Nettverk"),
    "orgkind.association": ("Association", "Forening"),
    "orgkind.brussels_office": ("Brussels office", "Brusselkontor"),
    "orgkind.agency": ("Agency", "Etat"),
    "orgkind.programme": ("Programme", "Program"),
    "orgkind.international_organisation": (
        "International organisation",
        "Internasjonal organisasjon",
    ),
    "orgkind.ngo": ("NGO", "Frivillig organisasjon"),
    "orgkind.public_body": ("Public body", "Offentlig organ"),
    "orgkind.other": ("Other", "Annet"),
    "similarity.heading": ("How alike they are", "Hvor like de er"),
    "similarity.caption": (
        "Similarity, from 0 (nothing in common) to 1 (alike in every respect)",
        "Likhet, fra 0 (ingenting felles) til 1 (like på alle måter)",
    ),
    "similarity.self": ("itself", "seg selv"),
    "similarity.alt": (
        "Heatmap of the similarity between {names}",
        "Varmekart over likheten mellom {names}",
    ),
    "similarity.nearest": ("Nearest: {names}", "Nærmest: {names}"),
    "similarity.most_alike": (
        "each one and the one most like it (all pairs: --details)",
        "hver og den som ligner mest (alle par: --details)",
    ),
    "similarity.table": ("The same as a table", "Det samme som tabell"),
    # details
    "details.code": ("check", "sjekk"),
    "details.id": ("id", "id"),
}

# What each check found, in plain words, as the heading of a group of findings.
_CHECKS: dict[str, tuple[str, str]] = {
    "MI101": (
        "The strategy has run past the end of its period",
        "Strategien har passert slutten av perioden sin",
    ),
    "MI102": (
        "A superseded or expired strategy is marked as the one in force",
        "En erstattet eller utløpt strategi er merket som gjeldende",
    ),
    "MI103": (
        "More than one strategy is marked in force",
        "Mer enn én strategi er merket som gjeldende",
    ),
    "MI201": (
        "Goals with no measure or commitment under them",
        "Mål uten tiltak eller forpliktelser under seg",
    ),
    "MI202": (
        "A strategy with no measures at all",
        "En strategi helt uten tiltak",
    ),
    "MI203": (
        "Goals with no link to the master plan",
        "Mål uten kobling til kommuneplanen",
    ),
    "MI204": (
        "Goals that say nearly the same",
        "Mål som sier nesten det samme",
    ),
    "MI205": (
        "Measures that name no responsible department",
        "Tiltak uten ansvarlig enhet",
    ),
    "MI301": (
        "Memberships, partnerships or projects that serve no goal",
        "Medlemskap, samarbeid eller prosjekter som ikke tjener noe mål",
    ),
    "MI302": (
        "Memberships proposed for exit that still count as serving goals",
        "Medlemskap foreslått avsluttet som fortsatt regnes å tjene mål",
    ),
    "MI303": (
        "Ended memberships or partnerships that still count as serving goals",
        "Avsluttede medlemskap eller samarbeid som fortsatt regnes å tjene mål",
    ),
    "MI304": (
        "Engagements that serve a goal of a strategy no longer in force",
        "Engasjementer som tjener et mål i en strategi som ikke lenger gjelder",
    ),
    "MI305": (
        "Memberships that name no responsible department",
        "Medlemskap uten ansvarlig enhet",
    ),
    "MI306": (
        "Memberships that show none of the benefits the municipality's own criteria demand",
        "Medlemskap som ikke viser noe av utbyttet kommunens egne kriterier krever",
    ),
    "MI401": (
        "Goals with no SDG, on themselves, their measures or the goals above them",
        "Mål uten bærekraftsmål, verken på seg selv, tiltakene eller målene over",
    ),
    "MI402": (
        "An SDG named as the focus that few goals carry",
        "Et bærekraftsmål oppgitt som fokus som få mål bærer",
    ),
    "MI403": (
        "Goals whose SDG and master-plan links are all inferred, none stated",
        "Mål der alle koblinger til bærekraftsmål og kommuneplan er utledet, ingen oppgitt",
    ),
    "MI404": (
        "Statuses that rest on a curator's inference, not on a sentence of the source",
        "Statuser som bygger på en vurdering, ikke på en setning i kilden",
    ),
}

MESSAGES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        **{key: {"en": en, "nb": nb} for key, (en, nb) in _CATALOGUE.items()},
        **{f"check.{code}": {"en": en, "nb": nb} for code, (en, nb) in _CHECKS.items()},
    }
)
"""Every message by key, then language."""


def message(key: str, lang: str = "en", **fields: object) -> str:
    """The message ``key`` in ``lang`` with its fields filled in.

    Parameters
    ----------
    key : str
        A key of :data:`MESSAGES`, such as ``"severity.info"``.
    lang : str
        ``"en"`` or ``"nb"``.
    **fields : object
        Values for the message's ``{name}`` fields.

    Returns
    -------
    str
        The filled-in message.

    Raises
    ------
    KeyError
        If there is no such key or language.

    Examples
    --------
    >>> message("coverage.goals", "nb", count=4)
    'strategimål: 4'
    """
    text = MESSAGES[key][lang]
    return text.format(**fields) if fields else text


def decimal(value: float, lang: str = "en", places: int = 2) -> str:
    """A number as the report's language writes it: ``0.40`` in English, ``0,40`` in bokmål.

    Parameters
    ----------
    value : float
        The number.
    lang : str, default "en"
        The report's language; ``nb`` writes a decimal comma.
    places : int, default 2
        Digits after the decimal sign.

    Returns
    -------
    str
        The number as text.

    Examples
    --------
    >>> decimal(0.4, "nb")
    '0,40'
    >>> decimal(0.4, "en")
    '0.40'
    """
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if lang == "nb" else text
