"""The SDG coverage as a table for a terminal, in English or bokmål.

Presentation of :func:`munintl.coverage.sdg_coverage`'s plain data (which it does not compute):
``munintl coverage`` prints it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from munintl.coverage import Coverage, SdgCoverage
from munintl.reference import sdgs
from munintl.report.messages import message
from munintl.report.terminal import display_width, one_line, pad
from munintl.sdg import GOALS

__all__ = ["render_coverage"]


def _cell(row: SdgCoverage, letters: str = "si") -> str:
    if not row.goals:
        return "·" + ("*" if row.focus else "")
    stated, inferred = letters[0], letters[1]
    cell = f"{len(row.goals)} ({row.stated}{stated} {row.inferred}{inferred})"
    return cell + ("*" if row.focus else "")


def render_coverage(coverages: Sequence[Coverage], *, lang: str = "en") -> str:
    """A table for a terminal: one line per SDG, one column per municipality.

    A cell reads ``3 (1s 2i)``: three goals carry the SDG, one by a stated link, two only by
    inferred ones; ``*`` marks an SDG a strategy names as its focus; ``·`` means none.
    ``lang`` picks the SDG titles (``"en"`` or ``"nb"``).

    Parameters
    ----------
    coverages : sequence of Coverage
        The municipalities' coverage, one column each.
    lang : {"en", "nb"}
        The language of the SDG titles.

    Returns
    -------
    str
        The table and, under it, each municipality's targets.

    Examples
    --------
    >>> from munintl.coverage import sdg_coverage
    >>> print(render_coverage(sdg_coverage("hamar")).splitlines()[0])
    SDG coverage: goals of the current strategy that carry each SDG
    """

    def t(key: str, **fields: object) -> str:
        return message(f"table.{key}", lang, **fields)

    letters = t("letters")
    names = [one_line(c.municipality) for c in coverages]
    titles = {
        n: f"{n:>2} {(s.short_title_nb if lang == 'nb' else s.short_title)}"
        for n, s in sdgs().items()
    }
    first = max(display_width(t) for t in (*titles.values(), t("served"), t("linked")))
    widths = [
        max(display_width(name), *(len(_cell(r, letters)) for r in c.rows), 10)
        for name, c in zip(names, coverages, strict=True)
    ]

    def line(label: str, cells: Iterable[str]) -> str:
        body = "  ".join(pad(cell, w) for cell, w in zip(cells, widths, strict=True))
        return f"{pad(label, first)}  {body}".rstrip()

    out = [t("title"), t("legend"), "", line(t("sdg"), names)]
    out += [line(titles[n], (_cell(c.row(n), letters) for c in coverages)) for n in GOALS]
    out.append(line(t("served"), (f"{len(c.served)}/17" for c in coverages)))
    out.append(line(t("linked"), (f"{c.linked_goals}/{c.goals}" for c in coverages)))
    out.append("")
    for name, c in zip(names, coverages, strict=True):
        listed = ", ".join(c.targets) or t("none")
        out.append(t("targets", name=name, targets=listed))
    return "\n".join(out)
