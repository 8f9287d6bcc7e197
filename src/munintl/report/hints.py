"""The checks' hints in bokmål: a translation memory keyed by the English the checks write.

The checks own their hints, in English; this module only translates them, as a gettext
catalogue would: by the English text. A hint the memory does not know (a check's hint was
changed or added) stays English and is marked so; it is never translated wrongly. A test
holds the memory to the hints the checks can write.

>>> hint_in("name the department that follows the membership up in responsible", "nb")
('oppgi i responsible enheten som følger opp medlemskapet', 'nb')
>>> hint_in("something new", "nb")
('something new', 'en')
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["HINTS_NB", "hint_in"]

HINTS_NB: dict[str, str] = {
    # strategies
    'add the strategy that replaced it (in_force = true), or, if none did, mark this one '
    'status = "expired"':
        'legg inn strategien som erstattet den (in_force = true), eller, hvis ingen gjorde det, '
        'merk denne med status = "expired"',
    "set in_force = false on the retired strategy and in_force = true on the one that "
    "replaced it":
        "sett in_force = false på den avløste strategien og in_force = true på den som "
        "erstattet den",
    "mark only the strategy that governs now as in_force = true":
        "merk bare strategien som gjelder nå, med in_force = true",
    # goals and measures
    "add the measures (tiltak) or commitments that carry the goal out, with goal = this "
    "goal's id":
        "legg inn tiltakene eller forpliktelsene som gjennomfører målet, med goal = dette "
        "målets id",
    "add the measures of the action plan (handlingsplan) that carries the strategy out, each "
    "under the goal it serves":
        "legg inn tiltakene i handlingsplanen som gjennomfører strategien, hvert under målet det "
        "tjener",
    "link the goal, or the goal above it, to the master-plan goal it supports in plan_goals "
    "(inferred with a rationale if the text does not say)":
        "knytt målet, eller målet over det, til kommuneplanmålet det støtter, i plan_goals "
        "(utledet, med begrunnelse, hvis teksten ikke sier det)",
    "merge the two goals, or sharpen their wording so that each says what only it covers":
        "slå sammen de to målene, eller skjerp formuleringene slik at hvert sier det bare det "
        "dekker",
    "name the department or unit that carries it out in responsible, if the source says":
        "oppgi i responsible enheten som gjennomfører det, hvis kilden sier det",
    # memberships, partnerships, projects
    "link it in serves to the goals it serves (inferred with a rationale if the text does not "
    "say); if it serves none, reconsider it":
        "knytt det i serves til målene det tjener (utledet, med begrunnelse, hvis teksten ikke "
        "sier det); tjener det ingen, vurder det på nytt",
    "once the exit is decided, add a status entry 'ended'; until then, keep the serves links "
    "only if the membership still serves those goals":
        "når utmeldingen er vedtatt, legg til en statusoppføring 'ended'; til da, behold "
        "serves-koblingene bare hvis medlemskapet fortsatt tjener disse målene",
    "remove its serves links, or correct its status if it is still active":
        "fjern serves-koblingene, eller rett statusen hvis det fortsatt er aktivt",
    "link it to the goals of the strategy in force instead":
        "knytt det heller til målene i den gjeldende strategien",
    "name the department that follows the membership up in responsible":
        "oppgi i responsible enheten som følger opp medlemskapet",
    "fill in {field} if the source supports it; otherwise the membership does not meet the "
    "municipality's own criterion":
        "fyll ut {field} hvis kilden gir grunnlag for det; ellers oppfyller ikke medlemskapet "
        "kommunens eget kriterium",
    # SDGs and evidence
    "link the goal, or the goal above it, to the SDGs or targets it serves in sdgs (inferred "
    "with a rationale if the text does not say)":
        "knytt målet, eller målet over det, til bærekraftsmålene eller delmålene det tjener, i "
        "sdgs (utledet, med begrunnelse, hvis teksten ikke sier det)",
    "link the goals that serve SDG {sdg} to it (or to its targets), or reconsider the focus":
        "knytt målene som tjener bærekraftsmål {sdg}, til det (eller til delmålene), eller "
        "vurder fokuset på nytt",
    "nothing to fix in the data if the document is silent; read these links as a curator's "
    "judgement, and state the alignment in the next revision":
        "ingenting å rette i dataene hvis dokumentet ikke sier noe om det; les disse koblingene "
        "som en kurators vurdering, og oppgi sammenhengen i neste revisjon",
    'nothing to fix if no source says it; where one does, give evidence = "stated" with the '
    "locator of the sentence; where no source and no sound inference gives it, leave the "
    "status out (unknown)":
        "ingenting å rette hvis ingen kilde sier det; der en kilde gjør det, oppgi "
        'evidence = "stated" med henvisning til setningen; der verken en kilde eller en '
        "holdbar slutning gir det, utelat statusen (ukjent)",
}  # fmt: skip
"""English hint (``{name}`` for a value the check fills in) to its bokmål translation."""

_FIELD = re.compile(r"\\\{(\w+)\\\}")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(_FIELD.sub(r"(?P<\1>[\\w.]+)", re.escape(en))), nb)
        for en, nb in HINTS_NB.items()
    )


def hint_in(hint: str, lang: str) -> tuple[str, str]:
    """A check's hint in ``lang`` where the memory has it, with the language it is in.

    Parameters
    ----------
    hint : str
        The hint as the check wrote it (English).
    lang : {"en", "nb"}
        The report's language.

    Returns
    -------
    tuple of (str, str)
        The hint, and ``"nb"`` if translated or ``"en"`` if left as written.

    Examples
    --------
    >>> hint_in("link the goals that serve SDG 13 to it (or to its targets), or reconsider "
    ...         "the focus", "nb")[0].split(",")[0]
    'knytt målene som tjener bærekraftsmål 13'
    """
    if lang == "nb":
        for pattern, nb in _patterns():
            found = pattern.fullmatch(hint)
            if found:
                return nb.format(**found.groupdict()), "nb"
    return hint, "en"
