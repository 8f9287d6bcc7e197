"""Reference data shipped with the core: SDGs and targets, the organisation registry, themes.

Read lazily with :mod:`importlib.resources` and cached; nothing is read at import time.

>>> sdgs()[17].short_title
'Partnerships for the goals'
>>> sdgs()[17].short_title_nb
'Samarbeid for å nå målene'
>>> target("10.3").text_nb is None   # the known defective Norwegian text is not shown
True
>>> target("10.3").text(lang="nb").startswith("Ensure equal opportunity")
True
>>> organisations()["eurocities"].name
'Eurocities'
>>> "inclusion" in themes()
True
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import Any

import attrs

from munintl.model import Organisation, OrganisationKind, Pack, Theme
from munintl.sdg import SdgRef

__all__ = [
    "SDG_COLOURS",
    "Sdg",
    "SdgTarget",
    "is_sdg_ref",
    "organisation",
    "organisations",
    "sdgs",
    "target",
    "themes",
]

# The UN's official SDG colours (SDG communications guidelines), goal 1 to 17.
SDG_COLOURS: dict[int, str] = {
    1: "#E5243B", 2: "#DDA63A", 3: "#4C9F38", 4: "#C5192D", 5: "#FF3A21", 6: "#26BDE2",
    7: "#FCC30B", 8: "#A21942", 9: "#FD6925", 10: "#DD1367", 11: "#FD9D24", 12: "#BF8B2E",
    13: "#3F7E44", 14: "#0A97D9", 15: "#56C02B", 16: "#00689D", 17: "#19486A",
}  # fmt: skip

# Norwegian target texts known to carry another target's text (see the data's NOTICE).
_DEFECTIVE_NB_TARGETS = frozenset({"10.3"})


@attrs.frozen
class SdgTarget:
    id: str
    goal: int
    text_en: str
    text_nb: str | None
    """None where the Norwegian text is known to be wrong; ``text("nb")`` then gives English."""

    def text(self, lang: str = "en") -> str:
        if lang == "nb" and self.text_nb is not None:
            return self.text_nb
        return self.text_en


@attrs.frozen
class Sdg:
    number: int
    short_title: str
    title: str
    short_title_nb: str
    title_nb: str
    colour: str
    targets: tuple[SdgTarget, ...]


def _read_text(name: str) -> str:
    return files(__name__).joinpath(name).read_text(encoding="utf-8")


@cache
def sdgs() -> dict[int, Sdg]:
    """The 17 goals by number, each with its targets, in English and bokmål.

    Returns
    -------
    dict of int to Sdg
        Goals 1 to 17, each with its targets in the UN's order.

    Examples
    --------
    >>> len(sdgs()), sdgs()[6].targets[-1].id
    (17, '6.b')
    """
    english = json.loads(_read_text("sdg_en.json"))["goals"]
    norwegian = {g["number"]: g for g in json.loads(_read_text("sdg_nb.json"))["goals"]}
    result: dict[int, Sdg] = {}
    for goal in english:
        number = goal["number"]
        nb = norwegian[number]
        nb_targets = {t["id"]: t["text"] for t in nb["targets"]}
        targets = tuple(
            SdgTarget(
                id=t["id"],
                goal=number,
                text_en=t["text"],
                text_nb=None if t["id"] in _DEFECTIVE_NB_TARGETS else nb_targets.get(t["id"]),
            )
            for t in goal["targets"]
        )
        result[number] = Sdg(
            number=number,
            short_title=goal["short_title"],
            title=goal["title"],
            short_title_nb=nb["short_title"],
            title_nb=nb["title"],
            colour=SDG_COLOURS[number],
            targets=targets,
        )
    return result


@cache
def _targets() -> dict[str, SdgTarget]:
    return {t.id: t for goal in sdgs().values() for t in goal.targets}


def target(target_id: str) -> SdgTarget:
    """One target by its id, such as ``"17.17"``; KeyError if there is none.

    Parameters
    ----------
    target_id : str
        A target id such as ``"17.17"``.

    Returns
    -------
    SdgTarget

    Raises
    ------
    KeyError
        When there is no such target.

    Examples
    --------
    >>> target("17.17").goal
    17
    """
    return _targets()[target_id]


def is_sdg_ref(ref: str) -> bool:
    """Whether ``ref`` names a real SDG (``"17"``) or target (``"17.17"``).

    Parameters
    ----------
    ref : str
        The reference as written; parsed by :meth:`munintl.sdg.SdgRef.parse` (ASCII, whole).

    Returns
    -------
    bool

    Examples
    --------
    >>> [is_sdg_ref(r) for r in ("17", "17.17", "0", "18", "17.99", "x")]
    [True, True, False, False, False, False]
    """
    if not SdgRef.is_valid(ref):
        return False
    return "." not in ref or ref in _targets()


def _load_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(_read_text(name))


@cache
def organisations() -> dict[str, Organisation]:
    """The core organisation registry by id.

    Returns
    -------
    dict of str to Organisation
        By id, as in ``organisations.toml``.

    Examples
    --------
    >>> organisations()["ubc"].kind.value
    'network'
    """
    rows = _load_toml("organisations.toml")["organisations"]
    return {
        row["id"]: Organisation(
            id=row["id"],
            name=row["name"],
            kind=OrganisationKind(row["kind"]),
            aliases=tuple(row.get("aliases", ())),
        )
        for row in rows
    }


def organisation(pack: Pack, org_id: str) -> Organisation | None:
    """An organisation by id: the pack's own declaration, else the core registry's entry.

    Parameters
    ----------
    pack : Pack
        The pack whose own organisations are searched first.
    org_id : str
        The organisation's id.

    Returns
    -------
    Organisation or None
        None when neither the pack nor the registry has it.

    Examples
    --------
    >>> import munintl
    >>> organisation(munintl.load_pack("bergen"), "eurocities").name
    'Eurocities'
    """
    own = pack.get(org_id)
    if isinstance(own, Organisation):
        return own
    return organisations().get(org_id)


def organisation_clash(packs: Iterable[Pack]) -> str | None:
    """Where packs taken together give one organisation id two meanings, in one line.

    A pack's own organisation (one the core registry lacks) is shared by id across packs: the
    goal network, the overlap and the exports make it one organisation that every pack naming
    the id belongs to. Two packs that define one id with another name or kind would so make two
    organisations one; this is the one place that rule is decided.

    Parameters
    ----------
    packs : iterable of Pack
        Packs to be compared or exported together.

    Returns
    -------
    str or None
        ``"organisation 'x' is 'A' (network) in p but 'B' (network) in q"`` for the first such
        id, in pack order; None when every id means one organisation (defined alike, or once).

    Examples
    --------
    >>> import munintl
    >>> organisation_clash(munintl.load_packs(["bergen", "oslo", "hamar"])) is None
    True
    """
    first: dict[str, tuple[str, str, str]] = {}  # id -> (pack, name, kind) of its first definer
    for pack in packs:
        for org in pack.organisations:
            seen = first.setdefault(org.id, (pack.name, org.name, org.kind.value))
            if seen[1:] != (org.name, org.kind.value):
                return (
                    f"organisation {org.id!r} is {seen[1]!r} ({seen[2]}) in {seen[0]} but "
                    f"{org.name!r} ({org.kind.value}) in {pack.name}"
                )
    return None


@cache
def themes() -> dict[str, Theme]:
    """The theme vocabulary by id.

    Returns
    -------
    dict of str to Theme
        By id.

    Examples
    --------
    >>> themes()["inclusion"].label_nb
    'Inkludering og mangfold'
    """
    return {row["id"]: Theme(**row) for row in _load_toml("themes.toml")["themes"]}
