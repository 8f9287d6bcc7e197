"""The report people read: text summary, JSON, one self-contained HTML page."""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import munintl
from munintl.cli import main
from munintl.reference import SDG_COLOURS
from munintl.report import build_report, render_html, render_text
from munintl.report.colours import contrast_ratio, text_colour
from munintl.report.messages import MESSAGES

PACKS = ("bergen", "oslo", "hamar")
AS_OF = "2024-06-01"


@pytest.fixture(scope="module")
def doc() -> dict[str, object]:
    return build_report(*PACKS, as_of=AS_OF)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- text ---------------------------------------------------------------------------------------


def test_text_summary_is_short_and_grouped_by_municipality(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "report", *PACKS, "--as-of", AS_OF)
    lines = out.splitlines()
    assert code == 0 and len(lines) <= 66  # strategy lines are never cut: 2 each
    heads = [line for line in lines if re.fullmatch(r"\w+ \(\d{4}\)", line)]
    assert heads == ["Bergen (4601)", "Oslo (0301)", "Hamar (3403)"]
    # 33 findings of one check are one line with a count, not 33 lines
    assert sum("Measures that name no responsible department (33)" in line for line in lines) == 1
    assert "Everything else: add --details." in out


def test_text_summary_has_no_ids_stems_or_score_arithmetic(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "report", *PACKS, "--as-of", AS_OF)
    for internal in ("hp-1.3", "m-ubc", "MI306", "+0.", "tjenest ", " bedr "):
        assert internal not in out
    assert "Oslo innsatsområde 2: Innflytelse" in out or "innsatsområde" in out


def test_details_show_everything(capsys: pytest.CaptureFixture[str]) -> None:
    _, short, _ = run(capsys, "report", *PACKS, "--as-of", AS_OF)
    code, out, _ = run(capsys, "report", *PACKS, "--as-of", AS_OF, "--details")
    assert code == 0 and len(out.splitlines()) > 3 * len(short.splitlines())
    assert "hp-1.3" in out and "MI201" in out and "What to do:" in out
    assert "Held by one only" in out


def test_report_says_which_strategies_it_counts(doc: dict[str, object]) -> None:
    text = render_text(doc, details=True)
    assert "Coverage and overlap both count the goals of these strategies: Bergen: Bergen og" in (
        " ".join(text.split())
    )
    for m in doc["municipalities"]:  # type: ignore[attr-defined]
        assert m["coverage"]["strategies"] == [s["id"] for s in m["strategies"]]


def test_oslo_sdg13_is_explained_not_contradicted(doc: dict[str, object]) -> None:
    oslo = doc["municipalities"][1]  # type: ignore[index]
    assert oslo["coverage"]["sdgs"][12]["state"] == "none"  # no Oslo goal carries SDG 13
    sdgs = next(g for g in doc["overlap"]["shared"] if g["kind"] == "sdg")  # type: ignore[index]
    thirteen = next(i for i in sdgs["items"] if i["id"] == "13")
    assert "Oslo (through memberships, partnerships or projects)" in thirteen["holders"]


def test_one_pack_has_no_overlap(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", "oslo", "--format", "json")
    assert code == 0 and json.loads(out)["overlap"] is None


def test_json_is_for_machines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", *PACKS, "--as-of", AS_OF, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["format"] == "munintl.report" and data["packs"] == list(PACKS)
    hamar = data["municipalities"][2]
    group = next(g for g in hamar["findings"]["groups"] if g["code"] == "MI205")
    assert group["count"] == len(group["items"]) == 33


def test_reasons_are_words_not_stems_or_scores(doc: dict[str, object]) -> None:
    reasons = [r for c in doc["overlap"]["correspondences"] for r in c["reasons"]]  # type: ignore[index]
    assert reasons
    for reason in reasons:
        assert reason.split(":")[0] in ("shared themes", "shared words") or reason.startswith(
            ("both name", "both aim at", "both texts speak of")
        )
        assert not re.search(r"\d\.\d\d", reason.replace("SDG ", "")) or "SDG" in reason
    words = " ".join(r for r in reasons if r.startswith("shared words"))
    assert words and "påvirk," not in words and "eus" not in words


def test_shared_words_are_in_both_displayed_titles(doc: dict[str, object]) -> None:
    from munintl.report.overlap import title_words
    from munintl.text import normalise, stem

    seen = 0
    for c in doc["overlap"]["correspondences"]:  # type: ignore[index]
        for reason in c["reasons"]:
            if reason.startswith("shared words: "):
                for word in reason.removeprefix("shared words: ").split(", "):
                    seen += 1
                    assert re.search(rf"\b{re.escape(word)}\b", c["a"]["title"]), word
                    assert stem(normalise(word)) in title_words(c["b"]["title"]), word
    assert seen >= 5


def test_top_means_the_same_as_in_overlap(capsys: pytest.CaptureFixture[str]) -> None:
    from munintl.cli import _parser

    helps = {}
    for command in ("report", "overlap"):
        parser = _parser()._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
        action = next(a for a in parser._actions if a.dest == "top")
        helps[command] = (action.help, action.default)
    assert helps["report"] == helps["overlap"]
    _, out, _ = run(capsys, "report", *PACKS, "--format", "json", "--top", "1")
    assert json.loads(out)["overlap"]["similarity"]["nearest"]["Bergen"][0][0] == "Oslo"


@pytest.mark.parametrize("details", [False, True])
def test_text_lines_are_lines_whatever_a_name_holds(doc: dict[str, object], details: bool) -> None:
    # A municipality's name and a goal's title may hold line breaks (LF, CR LF, U+2028,
    # U+2029) and tabs: every heading and wrapped line stays one line of the report, so a
    # reader splitting on any line break (str.splitlines) sees the report's own lines.
    bad = json.loads(json.dumps(doc))
    bad["municipalities"][0]["municipality"] = "Ber\r\ngen\u2028\tby"
    correspondence = bad["overlap"]["correspondences"][0]
    correspondence["a"]["title"] = "mål\u2029med\nlinjeskift"
    text = render_text(bad, details=details)
    assert text.splitlines() == text.split("\n")
    assert not set(text) & {"\r", "\t", "\u2028", "\u2029"}
    assert "Ber gen by" in text


def test_two_municipalities_of_one_name_are_told_apart_by_their_kommunenummer() -> None:
    # Herøy (1515, 1818) and Våler (3419, 3018) are two municipalities each: the overlap
    # names them with their kommunenummer wherever a name alone would be ambiguous.
    import attrs

    import munintl

    bergen, hamar = munintl.load_packs(["bergen", "hamar"])
    twin = attrs.evolve(hamar, municipality=attrs.evolve(hamar.municipality, name="Bergen"))
    doc = build_report(bergen, twin, as_of=AS_OF)
    codes = [m["code"] for m in doc["municipalities"]]
    towns = [f"Bergen ({code})" for code in codes]
    overlap = doc["overlap"]
    assert overlap["similarity"]["names"] == towns
    assert [u["municipality"] for u in overlap["unique"]] == towns
    for c in overlap["correspondences"]:
        assert {c["a"]["municipality"], c["b"]["municipality"]} == set(towns)
    assert f"{towns[0]}–{towns[1]}" in render_text(doc)


def test_text_lines_fit_96_columns_with_wide_characters(doc: dict[str, object]) -> None:
    # A CJK character or an emoji takes two terminal columns: wrapping by code points made
    # such lines up to twice as wide as the report's 96 columns.
    from munintl.report.terminal import display_width

    wide = json.loads(json.dumps(doc))
    correspondence = wide["overlap"]["correspondences"][0]
    correspondence["a"]["title"] = " ".join(["東京都の国際戦略"] * 30)
    text = render_text(wide, details=True)
    assert "東京都の国際戦略 東京都の国際戦略" in text
    assert max(display_width(line) for line in text.splitlines()) <= 96


# --- HTML ---------------------------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def test_html_is_one_self_contained_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    code, _, _ = run(capsys, "report", *PACKS, "--format", "html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert code == 0 and out.stat().st_size < 1.5 * 1024 * 1024
    parsed = _parse(page)
    for tag, attrs in parsed.tags:
        assert tag not in ("script", "link", "img", "iframe"), tag
        for name in ("src", "href"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), (tag, value)
    assert (
        "url(" not in page and "@import" not in page and "http://" not in page.split("</style>")[1]
    )


def test_html_structure_and_accessibility(doc: dict[str, object]) -> None:
    page = render_html(doc)
    parsed = _parse(page)
    tags = [t for t, _ in parsed.tags]
    assert tags.count("h1") == 1 and ("html", {"lang": "en"}) in parsed.tags
    sections = [a["id"] for t, a in parsed.tags if t == "section"]
    assert sections == ["m-bergen", "m-oslo", "m-hamar", "overlap"]
    assert sum(1 for t, a in parsed.tags if t == "li" and "data-sdg" in a) == 17 * 3
    assert all(a.get("scope") in ("col", "row") for t, a in parsed.tags if t == "th")
    assert tags.count("caption") == tags.count("table") > 0
    svg = next(a for t, a in parsed.tags if t == "svg")
    assert svg["role"] == "img" and svg["aria-labelledby"]


def test_html_tells_states_apart_by_more_than_colour(doc: dict[str, object]) -> None:
    page = render_html(doc)
    for words in ("stated in the document", "inferred by a curator", "not served"):
        assert words in page
    assert "the document&#39;s stated focus" in page and "★" in page
    oslo17 = re.search(r'<li class="tile state-(\w+) focus" data-sdg="17"', page)
    assert oslo17 is not None


def test_html_correspondences_show_full_titles_and_reasons(doc: dict[str, object]) -> None:
    page = render_html(doc)
    for c in doc["overlap"]["correspondences"]:  # type: ignore[index]
        assert c["a"]["title"] in page.replace("&#39;", "'")
        assert c["b"]["title"] in page.replace("&#39;", "'")
    assert "both name Eurocities" in page or "shared themes" in page
    assert "…" not in "".join(re.findall(r'<p class="goal-title">(.*?)</p>', page))


def test_html_ids_only_with_details(doc: dict[str, object]) -> None:
    assert "hp-1.3" not in render_html(doc)
    assert "hp-1.3" in render_html(doc, details=True)


def test_html_escapes_what_packs_say(doc: dict[str, object]) -> None:
    bad = json.loads(json.dumps(doc))
    bad["municipalities"][0]["municipality"] = "<script>alert(1)</script>"
    page = render_html(bad)
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_html_ids_are_unique_and_every_reference_finds_its_target(doc: dict[str, object]) -> None:
    # A pack may be named "overlap": its heading id h-<pack> must not collide with the
    # overlap section's heading, or aria-labelledby names the wrong heading.
    renamed = json.loads(json.dumps(doc))
    renamed["municipalities"][0]["pack"] = "overlap"
    page = render_html(renamed)
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    for refs in re.findall(r'aria-labelledby="([^"]+)"', page):
        assert set(refs.split()) <= set(ids)
    assert set(re.findall(r'href="#([^"]+)"', page)) <= set(ids)


def test_html_isolates_names_that_may_run_right_to_left(doc: dict[str, object]) -> None:
    # An Arabic or Hebrew name followed by "(1234)" is reordered by the bidi algorithm
    # ("(1234) بيت لحم") unless isolated; <bdi> keeps the number after the name.
    rtl = json.loads(json.dumps(doc))
    rtl["municipalities"][0]["municipality"] = "بيت لحم"
    rtl["municipalities"][0]["strategies"][0]["title"] = "תל אביב"
    rtl["overlap"]["correspondences"][0]["a"]["municipality"] = "بيت لحم"
    shared = rtl["overlap"]["shared"][0]["items"][0]
    shared["holder_parts"][0][0] = "بيت لحم (1818)"
    rtl["overlap"]["unique"][0]["municipality"] = "بيت لحم"
    rtl["overlap"]["similarity"]["names"][0] = "بيت لحم"
    page = render_html(rtl)
    assert "<td><bdi>بيت لحم (1818)</bdi> (" in page  # the shared tables' holders
    assert "<h4><bdi>بيت لحم</bdi></h4>" in page  # what only one holds
    assert '<th scope="col"><bdi>بيت لحم</bdi></th>' in page  # the similarity table
    assert '<bdi>بيت لحم</bdi> <span class="code">' in page
    assert '<h4 class="strategy-title"><bdi lang="nb">תל אביב</bdi> <span' in page
    assert '<p class="town"><bdi>بيت لحم</bdi> · <bdi>' in page


def test_every_label_is_translated() -> None:
    for key, texts in MESSAGES.items():
        assert set(texts) == {"en", "nb"} and all(texts.values()), key
    page_nb = render_html(build_report(*PACKS, as_of=AS_OF, lang="nb"))
    page_en = render_html(build_report(*PACKS, as_of=AS_OF, lang="en"))
    assert '<html lang="nb">' in page_nb
    for english in ("Needs attention", "What they share", "stated in the document", "Strategy"):
        assert english in page_en and english not in page_nb
    for norwegian in ("Bør følges opp", "Hva de har felles", "oppgitt i dokumentet"):
        assert norwegian in page_nb


@pytest.mark.parametrize("number", range(1, 18))
def test_sdg_tiles_meet_wcag_aa_contrast(number: int) -> None:
    colour = SDG_COLOURS[number]
    assert contrast_ratio(text_colour(colour), colour) >= 4.5


def test_yellow_tiles_get_dark_text(doc: dict[str, object]) -> None:
    rows = doc["municipalities"][0]["coverage"]["sdgs"]  # type: ignore[index]
    assert rows[6]["colour"] == "#FCC30B" and rows[6]["text_colour"] == "#1A1A1A"


def test_contrast_ratio_matches_wcag_definition() -> None:
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("module", ["jinja2", "markupsafe"])
def test_missing_jinja2_is_one_line(
    module: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from munintl.report import html

    html._environment.cache_clear()
    monkeypatch.setitem(sys.modules, module, None)
    try:
        code, out, err = run(capsys, "report", "oslo", "--format", "html")
    finally:
        html._environment.cache_clear()
    assert code == 1 and out == ""
    assert (
        err
        == 'munintl: error: the HTML report needs Jinja2: python -m pip install "munintl[html]"\n'
    )


# --- strategies: status with its evidence (pack format 2) ---------------------------------------


def _with_basis(evidence: str) -> tuple[object, object]:
    import attrs

    import munintl
    from munintl.model import Basis, Evidence, Locator

    bergen = munintl.load_pack("bergen")
    if evidence == "stated":
        basis = Basis(Evidence.STATED, source=Locator("strategy-2018", "vedtak", page=2))
    else:
        basis = Basis(Evidence.INFERRED, rationale="the city council's minutes say so")
    return bergen, attrs.evolve(bergen.strategies[0], status_basis=basis)


@pytest.mark.parametrize(
    ("evidence", "lang", "expected"),
    [
        ("stated", "en", "adopted (stated)"),
        ("stated", "nb", "vedtatt (oppgitt)"),
        ("inferred", "en", "adopted (inferred)"),
        ("inferred", "nb", "vedtatt (utledet)"),
    ],
)
def test_strategy_status_shows_its_evidence(evidence: str, lang: str, expected: str) -> None:
    from munintl.report.document import _strategy

    pack, strategy = _with_basis(evidence)
    shown = _strategy(pack, strategy, lang)  # type: ignore[arg-type]
    assert shown["status_text"] == expected and shown["status_evidence"] == evidence
    if evidence == "stated":
        assert shown["status_source"].endswith(("page 2", "side 2"))
    else:
        assert shown["status_rationale"] == "the city council's minutes say so"


def _strategy_blocks(page: str) -> list[tuple[str, dict[str, str]]]:
    """Each strategy's heading and its rows (term to text) in an HTML page."""
    blocks = re.findall(
        r'<h4 class="strategy-title">(.*?)</h4>\s*<dl class="strategy">(.*?)</dl>', page, re.S
    )
    strip = lambda html: " ".join(re.sub(r"<[^>]+>", "", html).split())  # noqa: E731
    return [
        (
            strip(head),
            {
                strip(dt): strip(dd)
                for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", rows, re.S)
            },
        )
        for head, rows in blocks
    ]


def test_strategy_block_shows_in_force_and_the_source_once(doc: dict[str, object]) -> None:
    page = render_html(doc)
    (head, rows), *_ = _strategy_blocks(page)
    assert head == (
        "Bergen og verden – Internasjonal strategi for Bergen kommune "
        "(case 173/18, 2018-06-20, adopted)"
    )
    assert rows["Status"] == "adopted (stated)"  # value and evidence; the source once, below
    assert rows["In force"].startswith("yes (inferred) – Adopted 20.06.2018;")
    assert rows["Source"].endswith("sak 173/18")
    bergen = doc["municipalities"][0]  # type: ignore[index]
    mi404 = next(g for g in bergen["findings"]["groups"] if g["code"] == "MI404")
    strategy = next(i for i in mi404["items"] if i["kind"] == "strategy")
    assert strategy["facts"] == ["in_force"] and strategy["name"].endswith("(in force)")
    nb = build_report("bergen", as_of=AS_OF, lang="nb")["municipalities"][0]["strategies"][0]
    assert nb["in_force_text"] == "ja (utledet)"


@pytest.mark.parametrize(
    ("lang", "summary", "tile"),
    [
        (
            "en",
            "8 of the 17 SDGs served; 12 of the strategy's 15 goals link to an SDG.",
            "strategy goals: 6",
        ),
        (
            "nb",
            "8 av de 17 bærekraftsmålene dekket; 12 av strategiens 15 mål har en kobling til et "
            "bærekraftsmål.",
            "strategimål: 6",
        ),
    ],
)
def test_coverage_says_which_goals(lang: str, summary: str, tile: str) -> None:
    doc = build_report("bergen", as_of=AS_OF, lang=lang)
    assert doc["municipalities"][0]["coverage"]["summary"] == summary
    page = render_html(doc)
    assert f"<p>{summary.replace(chr(39), '&#39;')}</p>" in page and tile in page
    assert summary in " ".join(render_text(doc, details=True).split())


def test_partner_countries_by_name() -> None:
    for lang, expected in (
        ("en", ["Denmark", "Finland", "Sweden", "United States of America"]),
        ("nb", ["Denmark", "Finland", "Sweden", "United States of America"]),  # iso3166: English
    ):
        doc = build_report(*PACKS, as_of=AS_OF, lang=lang)
        shared = {g["kind"]: g for g in doc["overlap"]["shared"]}
        assert [i["label"] for i in shared["partner_country"]["items"]] == expected
    bergen = doc["municipalities"][0]
    names = [i["name"] for g in bergen["findings"]["groups"] for i in g["items"]]
    assert "Turku (Finland)" in names


def test_organisations_by_their_own_name_in_bokmal() -> None:
    def shown(lang: str) -> str:
        doc = build_report(*PACKS, as_of=AS_OF, lang=lang)
        names = [
            item["name"]
            for m in doc["municipalities"]
            for g in m["findings"]["groups"]
            for item in g["items"]
        ]
        return "\n".join([render_text(doc), *names])

    assert "KS Europakontor (KS's Brussels office)" in shown("en")
    nb = shown("nb")
    assert "KS Europakontor" in nb and "Brussels office)" not in nb
    assert "Die Hanse" in nb and "the Hanseatic cities network" not in nb


def test_bokmal_lists_sort_by_their_bokmal_names() -> None:
    doc = build_report(*PACKS, as_of=AS_OF, lang="nb")
    from munintl.report.names import sort_key

    for group in doc["overlap"]["shared"]:
        if group["kind"] not in ("sdg", "sdg_target"):
            labels = [i["label"] for i in group["items"]]
            assert labels == sorted(labels, key=lambda s: sort_key(s, "nb")), group["kind"]


def test_bokmal_writes_a_decimal_comma() -> None:
    doc = build_report(*PACKS, as_of=AS_OF, lang="nb")
    score = doc["overlap"]["similarity"]["matrix"][0][1]
    comma, point = f"{score:.2f}".replace(".", ","), f"{score:.2f}"
    text = render_text(doc)
    assert f"Bergen–Oslo {comma}" in text and point not in text
    page = render_html(doc, details=True)
    assert f">{comma}</text>" in page and f">{point}<" not in page


def test_heatmap_values_are_in_a_table_too(doc: dict[str, object]) -> None:
    page = render_html(doc)
    table = re.search(r'<details class="heatmap-data">(.*?)</details>', page, re.S)
    assert table is not None
    cells = re.findall(r"<td>([^<]+)</td>", table.group(1))
    svg = re.findall(r'text-anchor="middle" fill="[^"]+">([^<]*)</text>', page)
    score = f"{doc['overlap']['similarity']['matrix'][0][1]:.2f}"  # type: ignore[index]
    assert cells == svg and len(cells) == 9 and score in cells


def test_findings_heading_counts_once_and_tables_do_not_repeat_their_caption(
    doc: dict[str, object],
) -> None:
    page = render_html(doc)
    assert '<span class="count">(53)</span>' in page and "(53 findings)" not in page
    for caption, head in re.findall(
        r"<table class=\"shared\">\s*<caption>(.*?)</caption>\s*(<thead>.*?</thead>)?", page, re.S
    ):
        assert not head, caption


def test_details_say_what_findings_share_once(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "report", "bergen", "--details", "--as-of", AS_OF)
    assert out.count("samarbeidsallianse") <= 1 and out.count("Medlemskap i nettverk") == 1
    assert "Each: … names no outcome, against criterion kriterium-utbytte" in " ".join(out.split())
    assert out.count("fill in outcomes if the source supports it") == 1
    assert "m-covenant-of-mayors: membership in Covenant of Mayors …" in out


@given(st.text(alphabet="ab æ,", min_size=0, max_size=90))
def test_check_messages_cut_titles_at_a_words_end(title: str) -> None:
    from munintl.checks._base import TITLE_CHARS, short

    cut = short(title)
    assert len(cut) <= TITLE_CHARS
    if cut != title:
        kept = cut.removesuffix("…")
        assert cut.endswith("…") and title.startswith(kept)
        rest = title[len(kept) :]
        one_word = len(title[: TITLE_CHARS - 1].split()) <= 1
        assert one_word or not rest[:1].strip() or not kept[-1:].strip() or rest[0] in " ,"


def test_bokmal_details_mark_the_english_text(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "report", "bergen", "--details", "--lang", "nb", "--as-of", AS_OF)
    assert out.count("Sjekkenes meldinger nedenfor er på engelsk") == 1  # once a municipality
    page = render_html(build_report("bergen", as_of=AS_OF, lang="nb"), details=True)
    assert '<span class="message" lang="en">' in page
    assert page.count('<p class="english-note">Sjekkenes meldinger nedenfor er på engelsk') == 1
    assert "english-note" not in render_html(build_report("bergen", as_of=AS_OF), details=True)


def _hints_the_checks_write() -> set[str]:
    """Every hint a check can write, as a template: ``{name}`` where it fills in a value."""
    import ast

    import munintl.checks

    found = set()
    for path in Path(munintl.checks.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Hit":
                hint = node.args[3] if len(node.args) > 3 else None
                if isinstance(hint, ast.Constant):
                    found.add(hint.value)
                elif isinstance(hint, ast.JoinedStr):
                    found.add(
                        "".join(
                            part.value
                            if isinstance(part, ast.Constant)
                            else "{" + ast.unparse(part.value) + "}"  # type: ignore[attr-defined]
                            for part in hint.values
                        )
                    )
    return found


def test_every_hint_of_every_check_has_its_bokmal_and_no_other() -> None:
    from munintl.report.hints import HINTS_NB

    written = _hints_the_checks_write()
    assert len(written) >= 15
    assert written == set(HINTS_NB), (written - set(HINTS_NB), set(HINTS_NB) - written)


def test_bokmal_report_gives_the_hints_in_bokmal(capsys: pytest.CaptureFixture[str]) -> None:
    doc = build_report(*PACKS, as_of=AS_OF, lang="nb")
    items = [i for m in doc["municipalities"] for g in m["findings"]["groups"] for i in g["items"]]
    assert items and all(i["hint_lang"] == "nb" for i in items)
    _, out, _ = run(capsys, "report", "bergen", "--details", "--lang", "nb", "--as-of", AS_OF)
    assert "Hva som kan gjøres: legg inn tiltakene eller forpliktelsene" in out
    assert "Hva som kan gjøres: add" not in out


def test_two_strategies_of_one_title_are_told_apart(doc: dict[str, object]) -> None:
    page = render_html(doc)
    heads = [head for head, _ in _strategy_blocks(page) if head.startswith("Strategi for Oslo")]
    assert heads == [
        "Strategi for Oslo kommunes internasjonale arbeid (case 98/23, proposed)",
        "Strategi for Oslo kommunes internasjonale arbeid (case 143/09, adopted)",
    ]


def test_text_strategy_line_keeps_the_case_number(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "report", "bergen", "--as-of", AS_OF)
    text = " ".join(out.split())
    assert (
        "Strategy: Bergen og verden – Internasjonal strategi for Bergen kommune "
        "(case 173/18, 2018-06-20): adopted (stated); in force: yes (inferred)"
    ) in text


def test_a_format_1_status_reads_as_inferred() -> None:
    import attrs

    import munintl
    from munintl.model import UNRECORDED, Strategy
    from munintl.report.document import _strategy

    bergen = munintl.load_pack("bergen")
    default = attrs.fields(Strategy).status_basis.default  # what a format-1 pack gets
    strategy = attrs.evolve(bergen.strategies[0], status_basis=default)
    shown = _strategy(bergen, strategy, "en")
    assert shown["status_text"] == "adopted (inferred)"
    assert shown["status_rationale"] == UNRECORDED


def test_strategy_source_names_the_document_once(doc: dict[str, object]) -> None:
    oslo = doc["municipalities"][1]["strategies"][0]  # type: ignore[index]
    assert oslo["source"].count("Strategi for Oslo kommunes internasjonale arbeid") == 1


# --- docs ---------------------------------------------------------------------------------------

ROOT = Path(__file__).parents[1]


def test_docs_page_shows_the_screenshot_and_how_to_make_it() -> None:
    page = (ROOT / "docs" / "report.md").read_text(encoding="utf-8")
    assert "![" in page and "(img/report.png)" in page
    assert (ROOT / "docs" / "img" / "report.png").stat().st_size > 10_000
    assert "munintl report bergen oslo hamar --format html -o report.html" in page


def test_readme_quick_start_mentions_the_html_report() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start")[1].split("## ")[0]
    # The .html suffix chooses the format (tests/test_cli.py runs the command as written).
    assert "munintl report bergen oslo hamar -o report.html" in quick_start
    assert "docs/report.md" in quick_start


def test_the_documented_size_is_measured(doc: dict[str, object]) -> None:
    page = (ROOT / "docs" / "report.md").read_text(encoding="utf-8")
    documented = int(re.search(r"about (\d+) kB", page).group(1))  # type: ignore[union-attr]
    size = len(render_html(build_report(*PACKS)).encode("utf-8")) / 1000
    assert abs(size - documented) < 10


# --- properties ---------------------------------------------------------------------------------

COLOURS = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06X}")


@given(COLOURS, COLOURS)
def test_contrast_ratio_is_symmetric_and_bounded(a: str, b: str) -> None:
    ratio = contrast_ratio(a, b)
    assert 1.0 <= ratio <= 21.0 + 1e-9 and ratio == contrast_ratio(b, a)


@given(COLOURS)
def test_text_colour_is_the_more_readable_one(background: str) -> None:
    from munintl.report.colours import DARK, LIGHT

    chosen = text_colour(background)
    other = DARK if chosen == LIGHT else LIGHT
    assert contrast_ratio(chosen, background) >= contrast_ratio(other, background)


@given(
    st.lists(
        st.tuples(st.integers(1, 17), st.one_of(st.integers(1, 20), st.sampled_from("abcd"))),
        unique=True,
    )
)
def test_sdg_targets_sort_in_the_un_order(refs: list[tuple[int, int | str]]) -> None:
    from munintl.overlap.holdings import id_sort_key

    ids = [f"{goal}.{part}" for goal, part in refs]
    un_order = sorted(refs, key=lambda r: (r[0], isinstance(r[1], str), str(r[1]).zfill(3)))
    assert sorted(ids, key=id_sort_key) == [f"{g}.{p}" for g, p in un_order]


def test_every_message_has_the_same_fields_in_both_languages() -> None:
    import string

    for key, texts in MESSAGES.items():
        fields = {
            lang: {name for _, name, _, _ in string.Formatter().parse(text) if name}
            for lang, text in texts.items()
        }
        assert fields["en"] == fields["nb"], key


def test_strategies_of_one_title_are_told_apart() -> None:
    from munintl.report.document import strategies_counted

    doc = build_report("oslo", lang="nb")
    if len(doc["municipalities"][0]["strategies"]) < 2:  # type: ignore[index]
        pytest.skip("Oslo counts one strategy in this pack version")
    counted = strategies_counted(doc)
    assert "(sak 98/23)" in counted and "(sak 143/09)" in counted


def test_kinds_of_organisation_are_translated() -> None:
    from munintl.model import OrganisationKind
    from munintl.report.messages import message as msg

    for kind in OrganisationKind:
        assert msg(f"orgkind.{kind.value}", "nb")
    doc = build_report("bergen", "oslo", lang="nb")
    kinds = next(g for g in doc["overlap"]["shared"] if g["kind"] == "organisation_kind")
    assert "Nettverk" in [i["label"] for i in kinds["items"]]


def test_membership_statuses_are_translated() -> None:
    doc = build_report("bergen", "hamar", lang="nb")
    orgs = next(g for g in doc["overlap"]["shared"] if g["kind"] == "organisation")
    ks = next(i for i in orgs["items"] if i["id"] == "ks-europakontor")
    assert ks["holders"] == ["Bergen (medlem)", "Hamar (representert)"]


def test_every_check_has_a_summary_in_both_languages() -> None:
    from munintl.checks import CHECKS
    from munintl.report.messages import message

    for code in CHECKS:
        assert message(f"check.{code}", "en") and message(f"check.{code}", "nb"), code


def test_an_sdg_held_through_goals_is_exactly_one_coverage_counts() -> None:
    # The shared SDGs once said Oslo held SDG 12 "through memberships, partnerships or
    # projects" while its coverage counted a goal for it (through a commitment under the goal).
    from munintl.coverage import sdg_coverage
    from munintl.report.overlap import overlap_section

    packs = munintl.load_packs(["bergen", "oslo", "hamar"])
    served = {}
    for c in sdg_coverage(*packs):
        served[c.municipality] = {str(n) for n in c.served} | set(c.targets)
    section = overlap_section(packs, packs, top=None, lang="en")
    checked = 0
    for group in section["shared"]:
        if group["kind"] not in ("sdg", "sdg_target"):
            continue
        for item in group["items"]:
            for holder in item["holders"]:
                town, _, via = holder.partition(" (")
                assert (via == "through its goals)") == (item["id"] in served[town]), holder
                checked += 1
    assert checked > 20
    twelve = [i for g in section["shared"] if g["kind"] == "sdg" for i in g["items"]]
    assert "Oslo (through its goals)" in next(i for i in twelve if i["id"] == "12")["holders"]


def test_two_municipalities_of_one_name_are_told_apart_on_the_whole_page() -> None:
    import attrs

    from munintl.model import Kommunenummer

    hamar = munintl.load_pack("hamar")
    twin = attrs.evolve(
        hamar,
        name="hamar-2",
        municipality=attrs.evolve(hamar.municipality, codes=(Kommunenummer("9998"),)),
    )
    page = render_html(build_report(hamar, twin, lang="en"))
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title is not None and "Hamar (3403)" in title.group(1)
    assert "Hamar (9998)" in title.group(1)
    nav = re.search(r"<nav.*?</nav>", page, re.S)
    assert nav is not None and nav.group(0).count("<bdi>Hamar (") == 2
    assert 'aria-label="SDG coverage of Hamar (3403)' in page


def test_texts_in_another_language_than_the_page_carry_their_own() -> None:
    # WCAG 3.1.2 (language of parts): bokmål titles on the English page are marked lang="nb",
    # so a screen reader reads them as bokmål; the page's own labels are the page's language.
    page = render_html(build_report("bergen", "oslo", lang="en"))
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<bdi lang="nb">Bergen og verden' in page
    assert page.count('<p class="goal-title" lang="nb">') >= 5
    assert '<span lang="nb">hovedprioritering 1.3' in page


def test_an_sdg_only_one_holds_through_engagements_says_so() -> None:
    # Bergen's SDG 3 and 6 tiles say "not served": its goals carry neither; a membership does.
    from munintl.report.overlap import overlap_section

    packs = munintl.load_packs(["bergen", "oslo", "hamar"])
    section = overlap_section(packs, packs, top=None, lang="en")
    bergen = next(u for u in section["unique"] if u["municipality"] == "Bergen")
    sdgs = next(g["items"] for g in bergen["groups"] if g["kind"] == "sdg")
    note = " (through memberships, partnerships or projects)"
    assert f"3. Good health and well-being{note}" in sdgs
    assert "4. Quality education" in sdgs  # carried by a goal: no note


def test_a_long_municipality_name_is_wrapped_in_the_text_report() -> None:
    import attrs

    from munintl.report.terminal import display_width

    oslo = munintl.load_pack("oslo")
    long_name = " ".join(["Storkommunen med det svært lange offisielle navnet"] * 4)
    renamed = attrs.evolve(oslo, municipality=attrs.evolve(oslo.municipality, name=long_name))
    text = render_text(build_report(renamed, "hamar", lang="en"), details=True)
    assert max(display_width(line) for line in text.splitlines()) <= 96
    assert "Storkommunen med det svært lange" in text.splitlines()[0]


def test_the_text_summary_of_many_municipalities_gives_each_its_most_alike() -> None:
    import attrs

    from munintl.model import Kommunenummer

    hamar = munintl.load_pack("hamar")
    copies = [
        attrs.evolve(
            hamar,
            name=f"hamar-{i}",
            municipality=attrs.evolve(
                hamar.municipality, name=f"Hamar {i}", codes=(Kommunenummer(f"990{i}"),)
            ),
        )
        for i in range(1, 4)
    ]
    doc = build_report("bergen", "oslo", hamar, *copies, lang="en")
    summary = render_text(doc)
    block = summary[summary.index("How alike they are") :]
    assert "each one and the one most like it" in block
    pairs = block.split(":", 1)[1].split("\nEverything")[0]
    assert pairs.count(";") + 1 == 6  # one pair a municipality, not 15
    assert render_text(doc, details=True).count("Bergen–Hamar 3 ") == 1  # every pair
