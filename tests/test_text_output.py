"""Text output (`munintl show`, `munintl overlap`) keeps one row per line when a title holds a
line break (CR LF, U+2028, NEL), as the report and the coverage table do."""

from __future__ import annotations

import attrs

import munintl
from munintl.overlap import overlap
from munintl.overlap.report import render_overlap
from munintl.render import render_pack

BROKEN = "Hamar i verden\r\nog i Europa\u2028i dag\x85nå"
ONE_LINE = "Hamar i verden og i Europa i dag nå"


def _with_title(name: str) -> munintl.Pack:
    pack = munintl.load_pack(name)
    goals = (attrs.evolve(pack.goals[0], title=BROKEN), *pack.goals[1:])
    return attrs.evolve(pack, goals=goals)


def test_show_keeps_a_title_with_line_breaks_on_its_row() -> None:
    plain = render_pack(munintl.load_pack("hamar"))
    shown = render_pack(_with_title("hamar"))
    assert ONE_LINE in shown
    assert len(shown.splitlines()) == len(plain.splitlines())


def test_overlap_text_keeps_a_name_with_line_breaks_on_its_row() -> None:
    hamar, bergen = munintl.load_pack("hamar"), munintl.load_pack("bergen")
    plain = render_overlap(overlap(hamar, bergen))
    town = attrs.evolve(hamar.municipality, name="Hamar\r\nkommune\u2028i Innlandet")
    text = render_overlap(overlap(attrs.evolve(hamar, municipality=town), bergen))
    assert "Hamar kommune i Innlandet" in text
    assert "\r" not in text and "\u2028" not in text  # longer lines may wrap: no count
    assert text.splitlines()[1:3] == plain.splitlines()[1:3]
