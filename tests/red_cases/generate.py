# ruff: noqa: E501
"""Write the red-team case folders (the handed corpus's format) from the tiny base pack.

    python tests/red_cases/generate.py [BASE_DIR]

Each case is the base pack with one mistake (or a build.py making what a folder cannot hold).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "_lib" / "base"

HEADER = '''"""Builds this case's input in the work folder given as argv[1]; prints JSON overrides."""
import json, os, re, sys
from pathlib import Path
sys.path.insert(0, os.environ["MUNINTL_CORPUS_LIB"])
import sitekit  # noqa: E402
work = Path(sys.argv[1])
'''

CASES: list[dict] = []


def case(
    name,
    title,
    *,
    edits=(),
    must=(),
    must_any=(),
    expect="error",
    build=None,
    kind="dir",
    extra=None,
    target=None,
    cli=None,
    api=None,
    others=None,
    nobody=False,
):
    CASES.append(
        dict(
            name=name,
            title=title,
            edits=edits,
            must=must,
            must_any=must_any,
            expect=expect,
            build=build,
            kind=kind,
            extra=extra or {},
            target=target,
            cli=cli,
            api=api,
            others=others,
            nobody=nobody,
        )
    )


def tq(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(c):
    d = HERE / c["name"]
    if d.exists():
        shutil.rmtree(d)
    d.mkdir()
    exp = "broken" if c["kind"] == "installed" and c["expect"] == "error" else c["expect"]
    lines = [f"title = {tq(c['title'])}", f'kind = "{c["kind"]}"', f'expect = "{exp}"']
    if c["must"]:
        lines.append("must = [" + ", ".join(tq(m) for m in c["must"]) + "]")
    if c["must_any"]:
        lines.append("must_any = [" + ", ".join(tq(m) for m in c["must_any"]) + "]")
    if c["target"]:
        lines.append(f'target = "{c["target"]}"')
    if c["nobody"]:
        lines.append("nobody = true")
    if c["cli"]:
        lines.append(
            "cli = [" + ", ".join("[" + ", ".join(tq(a) for a in r) + "]" for r in c["cli"]) + "]"
        )
    if c["api"]:
        lines.append("api = [" + ", ".join(tq(a) for a in c["api"]) + "]")
    (d / "case.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if c["kind"] == "dir":
        p = d / "pack"
        p.mkdir()
        files = {f.name: f.read_bytes() for f in BASE.glob("*.toml")}
        files["pack.toml"] = files["pack.toml"].replace(
            b'name = "tiny"', f'name = "{c["name"]}"'.encode()
        )
        for f, old, new in c["edits"]:
            if old is None:
                files[f] = new if isinstance(new, bytes) else new.encode("utf-8")
            else:
                o = old if isinstance(old, bytes) else old.encode("utf-8")
                n = new if isinstance(new, bytes) else new.encode("utf-8")
                assert o in files[f], (c["name"], f, old)
                files[f] = files[f].replace(o, n, 1)
        for f, data in files.items():
            if data is not None:
                (p / f).write_bytes(data)
    if c["build"]:
        (d / "build.py").write_text(HEADER + c["build"], encoding="utf-8")


def listing(*extra):
    names = ["documents.toml", "goals.toml", "network.toml", *extra]
    return (
        "pack.toml",
        'files = ["documents.toml", "goals.toml", "network.toml"]',
        "files = [" + ", ".join(tq(n) for n in names) + "]",
    )


# ---------------------------------------------------------------- encoding and line numbers
case(
    "r01-crlf-typo-line",
    "CRLF line endings everywhere; the typo 'titel' on line 15 of goals.toml",
    edits=[("goals.toml", 'title = "Tiny learns', 'titel = "Tiny learns')],
    must=["goals.toml:15:", "$.goals[1].titel"],
    build='for f in (work / "r01-crlf-typo-line").glob("*.toml"):\n    f.write_bytes(f.read_bytes().replace(b"\\n", b"\\r\\n"))\n',
)
case(
    "r02-lone-cr-line-endings",
    "classic Mac line endings (lone CR) in goals.toml: TOML does not allow a bare CR",
    must=["goals.toml"],
    build='f = work / "r02-lone-cr-line-endings" / "goals.toml"\nf.write_bytes(f.read_bytes().replace(b"\\n", b"\\r"))\n',
)
case(
    "r03-nel-in-comment",
    "a comment holds U+0085 NEXT LINE (a PDF copy); the typo 'titel' on line 17",
    edits=[
        (
            "goals.toml",
            '[[goals]]\nid = "main"',
            '# note\u0085 from the PDF\n[[goals]]\nid = "main"',
        ),
        ("goals.toml", 'title = "Tiny learns', 'titel = "Tiny learns'),
    ],
    must=["goals.toml:16:", "$.goals[1].titel"],
)
case(
    "r04-u2029-in-title",
    "a title holds U+2029 PARAGRAPH SEPARATOR; a typo 'parnt' later on line 16",
    edits=[
        ("goals.toml", 'title = "Tiny in the world"', 'title = "Tiny in\u2029the world"'),
        ("goals.toml", 'parent = "main"', 'parnt = "main"'),
    ],
    must=["goals.toml:16:", "$.goals[1].parnt"],
)
case(
    "r05-bom-in-the-middle",
    "two files concatenated: a second UTF-8 BOM at the start of line 10 of goals.toml",
    edits=[("goals.toml", '\n[[goals]]\nid = "sub"', '\n\ufeff[[goals]]\nid = "sub"')],
    must=["goals.toml:10"],
)
case(
    "r06-bom-only-listed-file",
    "a listed data file that holds only a UTF-8 BOM (an empty file saved by Notepad)",
    edits=[listing("extra.toml"), ("extra.toml", None, b"\xef\xbb\xbf")],
    expect="ok",
)
case(
    "r07-utf16-data-file",
    "network.toml saved as UTF-16 LE with BOM (Windows 'Unicode')",
    must=["network.toml"],
    must_any=["UTF-16", "UTF-8"],
    build='f = work / "r07-utf16-data-file" / "network.toml"\nf.write_bytes(f.read_text("utf-8").encode("utf-16"))\n',
)
case(
    "r08-latin1-in-goals",
    "a title in goals.toml saved as Latin-1 ('Tromsø' with byte 0xf8) on line 6",
    edits=[
        (
            "goals.toml",
            'title = "Tiny in the world"',
            'title = "Troms\xf8 in the world"'.encode("latin-1").decode("latin-1"),
        )
    ],
    must=["goals.toml:6", "UTF-8"],
    build='f = work / "r08-latin1-in-goals" / "goals.toml"\nf.write_bytes(f.read_bytes().replace("ø".encode(), b"\\xf8"))\n',
)
case(
    "r09-nul-byte-in-title",
    "a NUL byte inside a title string on line 6 of goals.toml",
    edits=[("goals.toml", b'title = "Tiny in', b'title = "Tiny\x00 in')],
    must=["goals.toml"],
)
case(
    "r10-tab-in-id",
    'a goal id with a tab inside: id = "main\\t" (escaped)',
    edits=[
        ("goals.toml", 'id = "main"', 'id = "main\\t"'),
        ("goals.toml", 'parent = "main"', 'parent = "main\\t"'),
    ],
    must=["goals.toml:2", "$.goals[0].id"],
)
case(
    "r11-zero-width-space-in-id",
    "a partnership id with U+200B ZERO WIDTH SPACE: 'twin\u200b-lund'",
    edits=[("network.toml", 'id = "twin-lund"', 'id = "twin\u200b-lund"')],
    must=["network.toml:23", "$.partnerships[0].id"],
    must_any=["U+200B", "ZERO WIDTH"],
)
case(
    "r12-nfd-in-id",
    "a department id with a decomposed 'å' (a + U+030A COMBINING RING ABOVE)",
    edits=[("network.toml", 'id = "mayor-office"', 'id = "ma\u030ayor-office"')],
    must=["network.toml:2", "$.departments[0].id"],
    must_any=["U+030A", "COMBINING"],
)
case(
    "r13-rtl-mark-in-country",
    "a country code with a U+200F RIGHT-TO-LEFT MARK before it",
    edits=[("network.toml", 'country = "SE"', 'country = "\u200fSE"')],
    must=["network.toml:25", "$.partnerships[0].country"],
    must_any=["U+200F", "RIGHT-TO-LEFT"],
)
case(
    "r14-very-long-line",
    "a title of 600,000 characters on one line (under the 1 MiB limit); must load quickly",
    edits=[("goals.toml", 'title = "Tiny in the world"', 'title = "Tiny ' + "x" * 600_000 + '"')],
    expect="ok",
)
case(
    "r15-surrogate-escape",
    "a title written with a lone surrogate escape \\uD800 (from a JSON export)",
    edits=[("goals.toml", 'title = "Tiny in the world"', 'title = "Tiny \\uD800 world"')],
    must=["goals.toml"],
)
case(
    "r16-ansi-escape-in-unknown-key",
    'an unknown key holding an ANSI escape (quoted key "\\u001b[31mred")',
    edits=[("goals.toml", 'label = "hovedmål"', 'label = "hovedmål"\n"\\u001b[31mred" = 1')],
    must=["goals.toml:6"],
)
# ---------------------------------------------------------------- TOML structure
case(
    "r17-nested-inline-tables",
    "5000 nested inline tables in a title (x = {a = {a = ...}})",
    edits=[
        (
            "goals.toml",
            'title = "Tiny in the world"',
            "title = " + "{a = " * 5000 + "1" + "}" * 5000,
        )
    ],
    must=["goals.toml"],
)
case(
    "r18-nested-arrays-manifest",
    "20000 nested arrays in pack.toml's files",
    edits=[("pack.toml", "files = [", "files = " + "[" * 20000 + "]" * 20000 + "\nx = [")],
    must=["pack.toml"],
)
case(
    "r19-huge-array",
    "responsible lists the same department 60,000 times (under 1 MiB)",
    edits=[
        (
            "network.toml",
            'responsible = ["mayor-office"]\nsource',
            "responsible = [" + '"mayor-office",' * 60000 + "]\nsource",
        )
    ],
    expect="error",
    must=["network.toml", "responsible"],
)
case(
    "r20-dotted-key-duplicate",
    "source given as an inline table and again as a dotted key",
    edits=[
        (
            "goals.toml",
            'source = { document = "strategy-doc", section = "2" }',
            'source = { document = "strategy-doc", section = "2" }\nsource.page = 3',
        )
    ],
    must=["goals.toml:8"],
)
case(
    "r21-table-then-array-of-tables",
    "[goals] as a table and then [[goals]]",
    edits=[("goals.toml", '[[goals]]\nid = "main"', '[goals]\nid = "main"')],
    must=["goals.toml"],
)
case(
    "r22-duplicate-key-inline",
    "an inline table with the same key twice: { document = ..., document = ... }",
    edits=[
        (
            "network.toml",
            'source = { document = "strategy-doc", page = 12 }',
            'source = { document = "strategy-doc", document = "x", page = 12 }',
        )
    ],
    must=["network.toml:27"],
)
# ---------------------------------------------------------------- wrong types
case(
    "r23-manifest-files-is-string",
    'pack.toml: files = "goals.toml" (text for a list)',
    edits=[
        (
            "pack.toml",
            'files = ["documents.toml", "goals.toml", "network.toml"]',
            'files = "documents.toml"',
        )
    ],
    must=["pack.toml:5", "$.files"],
)
case(
    "r24-municipality-is-string",
    'pack.toml: municipality = "Tiny" (text for a table)',
    edits=[
        (
            "pack.toml",
            '[municipality]\nname = "Tiny"\ncodes = [{ code = "9999" }]',
            'municipality = "Tiny"',
        )
    ],
    must=["pack.toml:7", "$.municipality"],
)
case(
    "r25-format-version-string",
    'pack.toml: format_version = "1"',
    edits=[("pack.toml", "format_version = 1", 'format_version = "1"')],
    must=["pack.toml:2", "format_version"],
)
case(
    "r26-format-version-bool",
    "pack.toml: format_version = true",
    edits=[("pack.toml", "format_version = 1", "format_version = true")],
    must=["pack.toml:2", "format_version"],
)
case(
    "r27-format-version-float",
    "pack.toml: format_version = 1.0",
    edits=[("pack.toml", "format_version = 1", "format_version = 1.0")],
    must=["pack.toml:2", "format_version"],
)
case(
    "r28-statuses-is-string",
    'a membership statuses = "member" (text for a list)',
    edits=[
        (
            "network.toml",
            'statuses = [{ status = "member", since = "2015", source = { document = "strategy-doc", section = "5" } }]',
            'statuses = "member"',
        )
    ],
    must=["network.toml:20", "$.memberships[0].statuses"],
)
case(
    "r29-period-is-string",
    'a project period = "2021-2023" (text for a table)',
    edits=[
        ("network.toml", 'period = { start = "2021-03", end = "2023-12" }', 'period = "2021-2023"')
    ],
    must=["network.toml:32", "$.projects[0].period"],
)
case(
    "r30-page-is-string",
    'a locator page = "12" (text for an integer)',
    edits=[("network.toml", "page = 12", 'page = "12"')],
    must=["network.toml:27", "$.partnerships[0].source.page"],
)
case(
    "r31-page-negative",
    "a locator page = -3",
    edits=[("network.toml", "page = 12", "page = -3")],
    must=["network.toml:27", "$.partnerships[0].source.page"],
)
case(
    "r32-sdgs-is-table",
    'sdgs = { to = "17" } (a table for a list)',
    edits=[
        (
            "goals.toml",
            'sdgs = [{ to = "17", evidence = "stated" }]',
            'sdgs = { to = "17", evidence = "stated" }',
        )
    ],
    must=["goals.toml:8", "$.goals[0].sdgs"],
)
case(
    "r33-responsible-is-int",
    "responsible = [7] (an integer for a department id)",
    edits=[("network.toml", 'responsible = ["mayor-office"]\nsource', "responsible = [7]\nsource")],
    must=["network.toml:11", "$.measures[0].responsible[0]"],
)
case(
    "r34-goals-is-table-of-tables",
    "goals.toml: [goals.main] (a table of tables where an array of tables belongs)",
    edits=[("goals.toml", None, '[goals.main]\nstrategy = "strategy"\n')],
    must=["goals.toml", "$.goals"],
)
# ---------------------------------------------------------------- dates
case(
    "r35-toml-local-date-since",
    "a status since = 2015-06-01 written as a TOML date (unquoted)",
    edits=[("network.toml", 'since = "2015"', "since = 2015-06-01")],
    must=["network.toml:20", "since"],
)
case(
    "r36-toml-datetime-document-date",
    "a document date = 2020-05-01T00:00:00 (a TOML local date-time)",
    edits=[("documents.toml", 'date = "2020-05-01"', "date = 2020-05-01T00:00:00")],
    must=["documents.toml:5", "date"],
)
case(
    "r37-toml-time-period",
    "a project period start = 12:00:00 (a TOML local time)",
    edits=[("network.toml", 'start = "2021-03"', "start = 12:00:00")],
    must=["network.toml:32", "period.start"],
)
case(
    "r38-since-int",
    "a partnership since = 1947 (integer, not text)",
    edits=[("network.toml", 'since = "1947"', "since = 1947")],
    must=["network.toml:26", "$.partnerships[0].since"],
)
case(
    "r39-date-with-slashes",
    'a document date = "01/05/2020"',
    edits=[("documents.toml", 'date = "2020-05-01"', 'date = "01/05/2020"')],
    must=["documents.toml:5", "$.documents[0].date"],
)
case(
    "r40-date-fullwidth-digits",
    'a partnership since = "１９４７" (full-width digits)',
    edits=[("network.toml", 'since = "1947"', 'since = "１９４７"')],
    must=["network.toml:26", "$.partnerships[0].since"],
)
# ---------------------------------------------------------------- look-alikes: SDG and kommunenummer, country
case(
    "r41-sdg-letter-o",
    "an SDG target '17.1O' (letter O for zero)",
    edits=[("goals.toml", 'to = "17.17"', 'to = "17.1O"')],
    must=["goals.toml:18", "$.goals[1].sdgs[0].to"],
)
case(
    "r42-sdg-fullwidth",
    "an SDG '１７' (full-width digits)",
    edits=[("goals.toml", 'to = "17"', 'to = "１７"')],
    must=["goals.toml:8", "$.goals[0].sdgs[0].to"],
)
case(
    "r43-sdg-trailing-space",
    "an SDG target '17.17 ' with a trailing space",
    edits=[("goals.toml", 'to = "17.17"', 'to = "17.17 "')],
    must=["goals.toml:18", "$.goals[1].sdgs[0].to"],
)
case(
    "r44-sdg-indicator",
    "an SDG indicator '17.17.1' where a target belongs",
    edits=[("goals.toml", 'to = "17.17"', 'to = "17.17.1"')],
    must=["goals.toml:18", "$.goals[1].sdgs[0].to"],
)
case(
    "r45-sdg-prefixed",
    "an SDG written 'SDG 17'",
    edits=[("goals.toml", 'to = "17"', 'to = "SDG 17"')],
    must=["goals.toml:8", "$.goals[0].sdgs[0].to"],
)
case(
    "r46-sdg-upper-letter-target",
    "an SDG target '17.A' (upper-case; the UN writes 17.a)",
    edits=[("goals.toml", 'to = "17.17"', 'to = "10.A"')],
    must=["goals.toml:18", "$.goals[1].sdgs[0].to"],
)
case(
    "r47-sdg-arabic-indic",
    "an SDG '١٧' (Arabic-Indic digits, which int() accepts)",
    edits=[("goals.toml", 'to = "17"', 'to = "١٧"')],
    must=["goals.toml:8", "$.goals[0].sdgs[0].to"],
)
case(
    "r48-kommunenummer-fullwidth",
    "kommunenummer '９９９９' (full-width digits)",
    edits=[("pack.toml", 'code = "9999"', 'code = "９９９９"')],
    must=["pack.toml:9", "code"],
)
case(
    "r49-kommunenummer-int",
    "kommunenummer written as an integer: code = 301 (leading zero lost)",
    edits=[("pack.toml", 'code = "9999"', "code = 301")],
    must=["pack.toml:9", "code"],
)
case(
    "r50-kommunenummer-trailing-space",
    "kommunenummer '0301 '",
    edits=[("pack.toml", 'code = "9999"', 'code = "0301 "')],
    must=["pack.toml:9", "code"],
)
case(
    "r51-kommunenummer-zero-width",
    "kommunenummer '03\u200b01' with a zero-width space",
    edits=[("pack.toml", 'code = "9999"', 'code = "03\u200b01"')],
    must=["pack.toml:9", "code"],
    must_any=["U+200B", "ZERO WIDTH"],
)
case(
    "r52-country-lowercase",
    "a country 'se' in lower case",
    edits=[("network.toml", 'country = "SE"', 'country = "se"')],
    must=["network.toml:25", "$.partnerships[0].country"],
)
case(
    "r53-country-alpha3",
    "a country 'SWE' (alpha-3)",
    edits=[("network.toml", 'country = "SE"', 'country = "SWE"')],
    must=["network.toml:25", "$.partnerships[0].country"],
)
case(
    "r54-country-cyrillic",
    "a country 'SЕ' whose Е is Cyrillic",
    edits=[("network.toml", 'country = "SE"', 'country = "S\u0415"')],
    must=["network.toml:25", "$.partnerships[0].country"],
    must_any=["U+0415", "CYRILLIC", "ASCII"],
)
case(
    "r55-country-eu",
    "a country 'EU' (exceptionally reserved, not a country)",
    edits=[("network.toml", 'country = "SE"', 'country = "EU"')],
    must=["network.toml:25", "$.partnerships[0].country"],
)
# ---------------------------------------------------------------- ids
case(
    "r56-id-uppercase",
    "a goal id 'Main' (upper case) and its child's parent 'Main'",
    edits=[
        ("goals.toml", 'id = "main"', 'id = "Main"'),
        ("goals.toml", 'parent = "main"', 'parent = "Main"'),
    ],
    must=["goals.toml:2", "$.goals[0].id"],
)
case(
    "r57-reference-with-zero-width",
    "a parent reference 'main\u200b' (zero-width space) to an existing goal",
    edits=[("goals.toml", 'parent = "main"', 'parent = "main\u200b"')],
    must=["goals.toml:16", "$.goals[1].parent"],
    must_any=["U+200B", "ZERO WIDTH"],
)
case(
    "r58-reference-case-differs",
    "a measure's goal = 'Sub' where the goal is 'sub'",
    edits=[("network.toml", 'goal = "sub"', 'goal = "Sub"')],
    must=["network.toml:9", "$.measures[0].goal"],
)
case(
    "r59-duplicate-id-goal-vs-measure",
    "a measure whose id equals a goal's id ('main')",
    edits=[("network.toml", 'id = "exchange"', 'id = "main"')],
    must=["network.toml", "main"],
)
case(
    "r60-id-trailing-newline-dept",
    "a department id 'mayor-office\\n' (trailing newline), referenced the same way",
    edits=[("network.toml", 'id = "mayor-office"', 'id = "mayor-office\\n"')],
    must=["network.toml:2", "$.departments[0].id"],
)
case(
    "r61-empty-id",
    "an empty goal id",
    edits=[("goals.toml", 'id = "main"', 'id = ""'), ("goals.toml", 'parent = "main"\n', "")],
    must=["goals.toml:2", "$.goals[0].id"],
)
# ---------------------------------------------------------------- cycles and order
DEPTS3 = """[[departments]]
id = "a"
name = "A"
kind = "office"
parent = "c"
source = { document = "strategy-doc", section = "4" }

[[departments]]
id = "b"
name = "B"
kind = "office"
parent = "a"
source = { document = "strategy-doc", section = "4" }

[[departments]]
id = "c"
name = "C"
kind = "office"
parent = "b"
source = { document = "strategy-doc", section = "4" }

"""
case(
    "r62-department-self-parent",
    "a department that is its own parent",
    edits=[("network.toml", 'kind = "office"\n', 'kind = "office"\nparent = "mayor-office"\n')],
    must=["network.toml:", "parent"],
)
case(
    "r63-department-cycle-of-three",
    "three departments in a parent cycle a -> c -> b -> a",
    edits=[("network.toml", "[[measures]]", DEPTS3 + "[[measures]]")],
    must=["network.toml:", "parent"],
)
case(
    "r64-statuses-same-day-twice",
    "two statuses on the same day with different values (member, then ended, both 2015)",
    edits=[
        (
            "network.toml",
            'statuses = [{ status = "member", since = "2015", source = { document = "strategy-doc", section = "5" } }]',
            'statuses = [{ status = "member", since = "2015", source = { document = "strategy-doc", section = "5" } }, { status = "ended", since = "2015", source = { document = "strategy-doc", section = "5" } }]',
        )
    ],
    must=["network.toml:", "statuses"],
)
case(
    "r65-statuses-mixed-precision",
    "statuses 2015-06 then 2015 (month, then the year that holds it)",
    edits=[
        (
            "network.toml",
            'statuses = [{ status = "member", since = "2015", source = { document = "strategy-doc", section = "5" } }]',
            'statuses = [{ status = "member", since = "2015-06", source = { document = "strategy-doc", section = "5" } }, { status = "ended", since = "2014", source = { document = "strategy-doc", section = "5" } }]',
        )
    ],
    must=["network.toml:", "statuses[1]"],
)
case(
    "r66-statuses-table-array-out-of-order",
    "[[memberships.statuses]] tables, newest first",
    edits=[
        (
            "network.toml",
            'statuses = [{ status = "member", since = "2015", source = { document = "strategy-doc", section = "5" } }]\n',
            '\n[[memberships.statuses]]\nstatus = "ended"\nsince = "2022"\nsource = { document = "strategy-doc", section = "5" }\n\n[[memberships.statuses]]\nstatus = "member"\nsince = "2015"\nsource = { document = "strategy-doc", section = "5" }\n',
        )
    ],
    must=["network.toml:", "statuses[1]"],
)
# ---------------------------------------------------------------- numbers
case(
    "r67-budget-negative",
    "a project budget of -5000",
    edits=[
        (
            "network.toml",
            'period = { start = "2021-03"',
            'budget = { value = -5000 }\nperiod = { start = "2021-03"',
        )
    ],
    must=["network.toml:", "budget.value"],
)
case(
    "r68-figure-nan",
    "a figure value = -nan in figures.toml",
    edits=[
        listing("figures.toml"),
        (
            "figures.toml",
            None,
            '[[figures]]\nid = "f"\nlabel = "x"\nas_printed = "?"\nvalue = -nan\nsource = { document = "strategy-doc", page = 3 }\n',
        ),
    ],
    must=["figures.toml:5", "$.figures[0].value"],
)
case(
    "r69-page-huge",
    "a page = 99999999999999999999 (beyond 64 bits; tomllib gives a big int)",
    edits=[("network.toml", "page = 12", "page = 99999999999999999999")],
    must=["network.toml:27", "page"],
)
# ---------------------------------------------------------------- manifest
case(
    "r70-manifest-lists-itself",
    "files lists pack.toml itself",
    edits=[listing("pack.toml")],
    must=["pack.toml", "$.files"],
)
case(
    "r71-manifest-lists-absolute",
    "files lists /etc/hostname",
    edits=[listing("/etc/hostname")],
    must=["pack.toml", "$.files"],
)
case(
    "r72-manifest-lists-non-toml",
    "files lists README.md",
    edits=[listing("README.md"), ("README.md", None, "# hi\n")],
    must=["pack.toml", "$.files"],
)
case(
    "r73-manifest-files-empty",
    "files = [] (no data listed)",
    edits=[("pack.toml", 'files = ["documents.toml", "goals.toml", "network.toml"]', "files = []")],
    must=["pack.toml"],
)
case(
    "r74-manifest-name-uppercase",
    'name = "Tiny Pack" (spaces, upper case)',
    edits=[("pack.toml", 'name = "r74-manifest-name-uppercase"', 'name = "Tiny Pack"')],
    must=["pack.toml:3", "$.name"],
)
case(
    "r75-file-name-with-newline",
    'files lists a name holding a newline "goals\\n.toml"',
    edits=[listing("goals\\n.toml")],
    must=["pack.toml", "$.files"],
)
case(
    "r76-manifest-case-differs",
    "files lists Goals.toml; the file is goals.toml",
    edits=[("pack.toml", '"goals.toml"', '"Goals.toml"')],
    must=["Goals.toml"],
)
case(
    "r77-manifest-empty", "pack.toml is empty", edits=[("pack.toml", None, b"")], must=["pack.toml"]
)
case(
    "r78-manifest-bom-only",
    "pack.toml holds only a BOM",
    edits=[("pack.toml", None, b"\xef\xbb\xbf")],
    must=["pack.toml"],
)
case(
    "r79-manifest-unknown-top-level-table",
    "pack.toml has [municipalty] (typo) besides [municipality]",
    edits=[("pack.toml", "[municipality]", '[municipalty]\nname = "x"\n\n[municipality]')],
    must=["pack.toml:7", "municipalty"],
)


# ---------------------------------------------------------------- the file system
def fs(name, title, code, must, **kw):
    case(name, title, build=f'p = work / "{name}"\n' + code, must=must, **kw)


fs(
    "r80-data-file-is-a-directory",
    "goals.toml is a folder",
    'import shutil\n(p / "goals.toml").unlink()\n(p / "goals.toml").mkdir()\n',
    ["goals.toml"],
    must_any=["folder", "directory", "not a file", "not a regular file"],
)
fs(
    "r81-data-file-is-a-fifo",
    "network.toml is a FIFO (named pipe): reading it would block forever",
    '(p / "network.toml").unlink()\nos.mkfifo(p / "network.toml")\n',
    ["network.toml"],
    must_any=["FIFO", "pipe", "not a regular file", "not a file"],
)
fs(
    "r82-manifest-is-a-directory",
    "pack.toml is a folder",
    '(p / "pack.toml").unlink()\n(p / "pack.toml").mkdir()\n',
    ["pack.toml"],
)
fs(
    "r83-data-file-link-loop",
    "goals.toml is a link to itself",
    '(p / "goals.toml").unlink()\nos.symlink("goals.toml", p / "goals.toml")\n',
    ["goals.toml"],
)
fs(
    "r84-manifest-dangling-link",
    "pack.toml is a dangling link",
    '(p / "pack.toml").unlink()\nos.symlink("nowhere.toml", p / "pack.toml")\n',
    ["pack.toml"],
)
fs(
    "r85-manifest-is-a-fifo",
    "pack.toml is a FIFO",
    '(p / "pack.toml").unlink()\nos.mkfifo(p / "pack.toml")\n',
    ["pack.toml"],
)
fs(
    "r86-data-file-unreadable",
    "goals.toml has mode 000 (run as nobody)",
    'os.chmod(p / "goals.toml", 0)\n',
    ["goals.toml", "Permission denied"],
    nobody=True,
)
fs(
    "r87-manifest-unreadable",
    "pack.toml has mode 000 (run as nobody)",
    'os.chmod(p / "pack.toml", 0)\n',
    ["pack.toml", "Permission denied"],
    nobody=True,
)
fs(
    "r88-pack-folder-mode-000",
    "the pack folder has mode 000 (run as nobody)",
    "os.chmod(p, 0)\n",
    ["Permission denied"],
    nobody=True,
)
fs(
    "r89-pack-given-as-data-file",
    "the pack given as the path of its goals.toml",
    "",
    ["goals.toml"],
    cli=[["validate", "{pack}/goals.toml"]],
    api=["dir", "{pack}/goals.toml"],
)
fs(
    "r90-pack-path-missing",
    "the pack given as a path that does not exist",
    "",
    ["no-such-pack"],
    cli=[["validate", "{work}/no-such-pack"]],
    api=["dir", "{work}/no-such-pack"],
)
fs(
    "r91-pack-folder-dangling-link",
    "the pack folder given as a dangling link",
    'os.symlink("gone", work / "dangling")\n',
    ["dangling"],
    cli=[["validate", "{work}/dangling"]],
    api=["dir", "{work}/dangling"],
)
fs(
    "r92-data-file-link-to-dev-zero",
    "network.toml is a link to /dev/zero",
    '(p / "network.toml").unlink()\nos.symlink("/dev/zero", p / "network.toml")\n',
    ["network.toml"],
)
fs(
    "r93-data-file-link-to-fifo-inside",
    "network.toml links to a FIFO inside the folder",
    '(p / "network.toml").unlink()\nos.mkfifo(p / "pipe")\nos.symlink("pipe", p / "network.toml")\n',
    ["network.toml"],
)
fs(
    "r94-data-file-is-a-socket",
    "goals.toml is a Unix socket",
    'import socket\n(p / "goals.toml").unlink()\ns = socket.socket(socket.AF_UNIX)\ns.bind(str(p / "goals.toml"))\n',
    ["goals.toml"],
)
fs(
    "r95-unlisted-fifo-in-folder",
    "an unlisted extra.toml FIFO lies in the folder (validate scans for unlisted files)",
    'os.mkfifo(p / "extra.toml")\n',
    [],
    expect="ok",
)
fs(
    "r96-pack-given-as-fifo",
    "the pack given as the path of a FIFO",
    'os.mkfifo(work / "fifo")\n',
    ["fifo"],
    cli=[["validate", "{work}/fifo"]],
    api=["dir", "{work}/fifo"],
)


# ---------------------------------------------------------------- installed distributions
def inst(name, title, code, target, must, **kw):
    case(
        name,
        title,
        kind="installed",
        target=target,
        must=must,
        build='site = work / "site"\n' + code,
        **kw,
    )


def raising(name, stmt, must, title, **kw):
    inst(
        f"i{name}",
        title,
        f'sitekit.pack_dist(site, "{name.split("-", 1)[1]}", init={stmt!r})\n',
        name.split("-", 1)[1],
        must,
        **kw,
    )


raising(
    "01-sysexit",
    "raise SystemExit(3)\n",
    ["sysexit", "SystemExit"],
    "an installed pack whose import raises SystemExit(3)",
)
raising(
    "02-genexit",
    "raise GeneratorExit\n",
    ["genexit", "GeneratorExit"],
    "an installed pack whose import raises GeneratorExit",
)
raising(
    "03-memerr",
    "raise MemoryError('boom')\n",
    ["memerr", "MemoryError"],
    "an installed pack whose import raises MemoryError",
)
raising(
    "04-recurse",
    "def f():\n    return f()\nf()\n",
    ["recurse", "RecursionError"],
    "an installed pack whose import recurses without end",
)
raising(
    "05-exitzero",
    "import sys\nsys.exit(0)\n",
    ["exitzero", "SystemExit"],
    "an installed pack whose import calls sys.exit(0)",
)
raising(
    "06-badstr",
    "class E(Exception):\n    def __str__(self):\n        raise ValueError('no str')\nraise E()\n",
    ["badstr"],
    "an installed pack whose import raises an exception whose __str__ raises",
)
raising(
    "07-ansi",
    "raise RuntimeError('\\x1b[2J\\x1b[31mred\\r\\x07')\n",
    ["ansi", "RuntimeError"],
    "an import error holding ANSI escapes and CR/BEL",
)
raising(
    "08-syntax",
    "def (:\n",
    ["syntax", "SyntaxError"],
    "an installed pack whose __init__.py has a syntax error",
)
raising(
    "09-swapstdout",
    "import sys, io\nsys.stdout = io.StringIO()\n",
    [],
    "an installed pack whose import replaces sys.stdout",
    expect="ok",
)
raising(
    "10-thread-print",
    "import threading, time\ndef later():\n    time.sleep(0.3)\n    print('HELLO FROM A THREAD', flush=True)\nthreading.Thread(target=later).start()\n",
    [],
    "an installed pack whose import starts a thread that prints to stdout later",
    expect="ok",
)
raising(
    "11-thread-hang",
    "import threading, time\nthreading.Thread(target=time.sleep, args=(30,)).start()\n",
    [],
    "an installed pack whose import starts a non-daemon thread sleeping 30 s (the process cannot exit)",
    expect="ok",
)
raising(
    "12-keyboard-cause",
    "try:\n    1/0\nexcept ZeroDivisionError as e:\n    raise KeyboardInterrupt from e\n",
    ["keyboard-cause", "KeyboardInterrupt"],
    "an installed pack raising KeyboardInterrupt from a ZeroDivisionError",
)
inst(
    "i13-module-not-package",
    "the entry point names a plain module (a .py file, no folder of data)",
    'sitekit.dist(site, "munintl-pack-modonly", {"modonly": "munintl_pack_modonly"})\n(site / "munintl_pack_modonly.py").write_text("X = 1\\n")\n',
    "modonly",
    ["modonly"],
)
inst(
    "i14-missing-module",
    "the entry point names a module that is not installed",
    'sitekit.dist(site, "munintl-pack-ghost", {"ghost": "munintl_pack_ghost_missing"})\n',
    "ghost",
    ["ghost", "munintl_pack_ghost_missing"],
)
inst(
    "i15-missing-attribute",
    "the entry point names pkg:attr whose attr does not exist",
    'sitekit.pack_dist(site, "attrmiss", entry_name="attrmiss")\nimport shutil\n'
    'ep = site / "munintl_pack_attrmiss-0.1.dist-info" / "entry_points.txt"\nep.write_text("[munintl.packs]\\nattrmiss = munintl_pack_attrmiss:nothing\\n")\n',
    "attrmiss",
    ["attrmiss"],
)
inst(
    "i16-broken-metadata",
    "a pack whose METADATA is empty (no Name, no Version)",
    'sitekit.pack_dist(site, "nometa")\n(site / "munintl_pack_nometa-0.1.dist-info" / "METADATA").write_bytes(b"")\n',
    "nometa",
    [],
    expect="ok",
)
inst(
    "i17-no-manifest",
    "an installed package without pack.toml",
    'sitekit.pack_dist(site, "nomani", drop=("pack.toml",))\n',
    "nomani",
    ["nomani", "pack.toml"],
)
inst(
    "i18-manifest-name-differs",
    "entry point 'alias' whose pack.toml says name = 'other-name'",
    'sitekit.pack_dist(site, "other-name", entry_name="alias")\n',
    "alias",
    ["alias", "other-name"],
)
inst(
    "i19-two-dists-same-entry",
    "two distributions both provide the pack 'twice'",
    'sitekit.pack_dist(site, "twice")\nsitekit.pack_dist(site, "twice", dist_name="munintl-pack-twice-fork", package="munintl_pack_twice_fork")\n',
    "twice",
    ["twice"],
)
inst(
    "i20-name-clash-with-bergen",
    "a second pack whose pack.toml says name = 'bergen' under entry point 'bergen2'",
    'sitekit.pack_dist(site, "bergen", entry_name="bergen2", package="munintl_pack_bergen2", dist_name="munintl-pack-bergen2")\n',
    "bergen2",
    ["bergen2"],
)
inst(
    "i21-installed-data-fifo",
    "an installed pack whose goals.toml is a FIFO",
    'p = sitekit.pack_dist(site, "fifo")\n(p / "goals.toml").unlink()\nos.mkfifo(p / "goals.toml")\n',
    "fifo",
    ["fifo", "goals.toml"],
)
inst(
    "i22-installed-data-error",
    "an installed pack with an invalid id on goals.toml line 2",
    'p = sitekit.pack_dist(site, "baddata")\ng = p / "goals.toml"\ng.write_text(g.read_text().replace(\'id = "main"\', \'id = "Main"\', 1))\n',
    "baddata",
    ["baddata", "goals.toml:2", "$.goals[0].id"],
)
inst(
    "i23-entry-name-with-space",
    "an entry point named 'two words'",
    'sitekit.pack_dist(site, "two words", package="munintl_pack_twowords")\n',
    "two words",
    ["two words"],
)
inst(
    "i24-import-closes-fd1",
    "an installed pack whose import closes file descriptor 1",
    'sitekit.pack_dist(site, "closefd", init="import os\\nos.close(1)\\n")\n',
    "closefd",
    [],
    expect="ok",
)


# ---------------------------------------------------------------- added after the first run
BUDGET = 'period = { start = "2021-03"'
case(
    "r97-budget-currency-kr",
    "a budget currency 'kr' (as printed) instead of NOK",
    edits=[("network.toml", BUDGET, 'budget = { value = 5000, currency = "kr" }\n' + BUDGET)],
    must=["network.toml:32", "$.projects[0].budget.currency"],
)
case(
    "r98-budget-value-text",
    'a budget value "4,8 mill" (text for a number)',
    edits=[("network.toml", BUDGET, 'budget = { value = "4,8 mill" }\n' + BUDGET)],
    must=["network.toml:32", "$.projects[0].budget.value"],
)
case(
    "r99-pack-folder-link-loop",
    "the pack folder given as a link to itself",
    build='os.symlink("loop", work / "loop")\n',
    must=["loop"],
    cli=[["validate", "{work}/loop"]],
    api=["dir", "{work}/loop"],
)


# ---------------------------------------------------------------- second round: size and re-entry
GEN = "from generate_helpers import chain_goals, cycle_goals, retarget_network\n"


def big(name, title, goals_code, must, expect="error"):
    fs(
        name,
        title,
        GEN + f'(p / "goals.toml").write_text({goals_code})\n'
        'n = p / "network.toml"\nn.write_text(retarget_network(n.read_text()))\n',
        must,
        expect=expect,
    )


big(
    "r100-chain-20000-goals",
    "5,000 goals each the parent of the next (valid)",
    "chain_goals(5000)",
    [],
    expect="ok",
)
big(
    "r101-cycle-20000-goals",
    "5,000 goals whose parents form one cycle",
    "cycle_goals(5000)",
    ["goals.toml", "parent"],
)
big(
    "r102-20000-typos",
    "5,000 goals, each with the typo 'titel'",
    'chain_goals(5000).replace("title =", "titel =")',
    ["goals.toml:6:", "titel"],
)
big(
    "r103-20000-duplicate-ids",
    "5,000 goals all with the id 'g0'",
    "re.sub(r'id = \"g[0-9]+\"', 'id = \"g0\"', chain_goals(5000))",
    ["goals.toml", "g0"],
)
big(
    "r104-20000-unknown-parents",
    "5,000 goals whose parent is missing (g-1 style)",
    "chain_goals(5000).replace('parent = \"g', 'parent = \"x')",
    ["goals.toml", "parent"],
)
fs(
    "r105-100000-blank-lines-then-typo",
    "100,000 blank lines, then a typo 'titel'",
    'g = p / "goals.toml"\ng.write_text("\\n" * 100000 + g.read_text().replace("title = \\"Tiny learns", "titel = \\"Tiny learns"))\n',
    ["goals.toml:100015:", "titel"],
)
case(
    "r106-key-100000-chars",
    "an unknown key 100,000 characters long",
    edits=[("goals.toml", 'label = "hovedmål"', 'label = "hovedmål"\n' + "k" * 100000 + " = 1")],
    must=["goals.toml:6"],
)
raising(
    "25-selfload",
    "import munintl\nmunintl.load_pack('selfload')\n",
    ["selfload"],
    "an installed pack whose import loads itself through munintl (re-entry)",
    expect="ok",
)
raising(
    "26-lists-packs",
    "import munintl\nmunintl.installed_packs()\n",
    [],
    "an installed pack whose import lists the installed packs (re-entry)",
    expect="ok",
)
raising(
    "27-atexit-print",
    "import atexit\natexit.register(print, 'BYE FROM THE PACK')\n",
    [],
    "an installed pack whose import registers an atexit handler that prints to stdout",
    expect="ok",
)
raising(
    "28-warnings-error",
    "import warnings\nwarnings.simplefilter('error')\n",
    [],
    "an installed pack whose import turns every warning into an error",
    expect="ok",
)
raising(
    "29-recursion-limit",
    "import sys\nsys.setrecursionlimit(60)\n",
    [],
    "an installed pack whose import sets the recursion limit to 60",
    expect="ok",
)
raising(
    "30-chdir",
    "import os\nos.chdir('/')\n",
    [],
    "an installed pack whose import changes the working folder",
    expect="ok",
)
raising(
    "31-system-echo",
    "import os\nos.system('echo FROM A CHILD PROCESS')\n",
    [],
    "an installed pack whose import runs a child process that writes to stdout",
    expect="ok",
)
raising(
    "32-huge-message",
    "raise RuntimeError('x' * 2_000_000)\n",
    ["huge-message", "RuntimeError"],
    "an installed pack whose import error message is 2 MB",
)
raising(
    "33-sys-modules-munintl",
    "import sys\nsys.modules.pop('munintl.model', None)\n",
    [],
    "an installed pack whose import drops munintl.model from sys.modules",
    expect="ok",
)
inst(
    "i34-no-metadata-file",
    "a dist-info folder without METADATA (only entry_points.txt)",
    'sitekit.pack_dist(site, "nometafile")\n(site / "munintl_pack_nometafile-0.1.dist-info" / "METADATA").unlink()\n',
    "nometafile",
    [],
    expect="ok",
)
inst(
    "i35-metadata-not-utf8",
    "a METADATA file holding Latin-1 bytes",
    'sitekit.pack_dist(site, "latinmeta")\n(site / "munintl_pack_latinmeta-0.1.dist-info" / "METADATA").write_bytes(b"Metadata-Version: 2.1\\nName: munintl-pack-latinmeta\\nVersion: 0.1\\nSummary: Troms\\xf8\\n")\n',
    "latinmeta",
    [],
    expect="ok",
)
inst(
    "i36-installed-chain",
    "an installed pack of 5,000 chained goals (valid)",
    GEN
    + 'p = sitekit.pack_dist(site, "bigchain")\n(p / "goals.toml").write_text(chain_goals(5000))\nn = p / "network.toml"\nn.write_text(retarget_network(n.read_text()))\n',
    "bigchain",
    [],
    expect="ok",
)
inst(
    "i37-installed-cycle",
    "an installed pack of 5,000 goals in one parent cycle",
    GEN
    + 'p = sitekit.pack_dist(site, "bigcycle")\n(p / "goals.toml").write_text(cycle_goals(5000))\nn = p / "network.toml"\nn.write_text(retarget_network(n.read_text()))\n',
    "bigcycle",
    ["bigcycle", "goals.toml"],
)
inst(
    "i38-installed-manifest-link-out",
    "an installed regular package whose pack.toml links outside its folder",
    'p = sitekit.pack_dist(site, "maniout")\nout = work / "outside"\nout.mkdir()\n(out / "pack.toml").write_bytes((p / "pack.toml").read_bytes())\n(p / "pack.toml").unlink()\nos.symlink(out / "pack.toml", p / "pack.toml")\n',
    "maniout",
    ["maniout", "outside"],
)
inst(
    "i39-installed-slow-import",
    "an installed pack whose import sleeps 3 s",
    'sitekit.pack_dist(site, "sleepy", init="import time\\ntime.sleep(3)\\n")\n',
    "sleepy",
    [],
    expect="ok",
)


# ---------------------------------------------------------------- third round: fields and enums
SDG_MAIN = 'sdgs = [{ to = "17", evidence = "stated" }]'
case(
    "r107-sdg-link-twice-contradicting",
    "the same SDG linked twice on one goal, once stated and once inferred",
    edits=[
        (
            "goals.toml",
            SDG_MAIN,
            'sdgs = [{ to = "17", evidence = "stated" }, { to = "17", evidence = "inferred", rationale = "x" }]',
        )
    ],
    must=["goals.toml:8", "$.goals[0].sdgs[1]"],
)
case(
    "r110-singular-table-name",
    "[[goal]] (singular) instead of [[goals]]",
    edits=[("goals.toml", '[[goals]]\nid = "main"', '[[goal]]\nid = "main"')],
    must=["goals.toml:1", "goal"],
)
case(
    "r111-capitalised-table-name",
    "[[Goals]] instead of [[goals]]",
    edits=[("goals.toml", '[[goals]]\nid = "main"', '[[Goals]]\nid = "main"')],
    must=["goals.toml:1", "Goals"],
)
case(
    "r112-only-comments",
    "a listed extra file holding only comments",
    edits=[listing("extra.toml"), ("extra.toml", None, "# nothing yet\n")],
    expect="ok",
)
case(
    "r113-key-with-trailing-space",
    'a quoted key "title " (trailing space)',
    edits=[("goals.toml", 'title = "Tiny in the world"', '"title " = "Tiny in the world"')],
    must=["goals.toml:6", "title "],
)
case(
    "r114-id-nbsp",
    "a goal id with a no-break space U+00A0",
    edits=[("goals.toml", 'id = "sub"', 'id = "s\u00a0ub"')],
    must=["goals.toml:11", "$.goals[1].id"],
    must_any=["U+00A0", "NO-BREAK"],
)
case(
    "r118-month-zero",
    'a since = "2015-00"',
    edits=[("network.toml", 'since = "1947"', 'since = "1947-00"')],
    must=["network.toml:26", "since"],
)
case(
    "r119-iso-week",
    'a since = "2015-W12"',
    edits=[("network.toml", 'since = "1947"', 'since = "1947-W12"')],
    must=["network.toml:26", "since"],
)
case(
    "r120-period-months-reversed",
    "a period 2021-03 to 2021-02",
    edits=[("network.toml", 'end = "2023-12"', 'end = "2021-02"')],
    must=["network.toml:32", "period"],
)
case(
    "r122-level-capitalised",
    'level = "Main_goal"',
    edits=[("goals.toml", 'level = "main_goal"', 'level = "Main_goal"')],
    must=["goals.toml:4", "$.goals[0].level"],
)
case(
    "r123-evidence-capitalised",
    'evidence = "Stated"',
    edits=[("goals.toml", 'evidence = "stated"', 'evidence = "Stated"')],
    must=["goals.toml:8", "evidence"],
)
case(
    "r124-rationale-two-lines",
    "an inferred link's rationale over two lines (the format says one line)",
    edits=[
        ("goals.toml", 'rationale = "partnerships"', 'rationale = """partnerships\nand more"""')
    ],
    must=["goals.toml:18", "rationale"],
)
case(
    "r126-source-points-at-a-strategy",
    "a locator whose document is a strategy's id, not a document's",
    edits=[
        (
            "network.toml",
            'source = { document = "strategy-doc", page = 12 }',
            'source = { document = "strategy", page = 12 }',
        )
    ],
    must=["network.toml:27", "$.partnerships[0].source.document"],
)
case(
    "r127-section-empty",
    'a locator section = ""',
    edits=[("goals.toml", 'section = "2" }', 'section = "" }')],
    must=["goals.toml:7", "section"],
)
case(
    "r129-status-capitalised",
    'a membership status "Member"',
    edits=[("network.toml", 'status = "member"', 'status = "Member"')],
    must=["network.toml:20", "status"],
)
case(
    "r130-responsible-twice",
    "responsible lists the same department twice",
    edits=[
        (
            "network.toml",
            'responsible = ["mayor-office"]\nsource',
            'responsible = ["mayor-office", "mayor-office"]\nsource',
        )
    ],
    must=["network.toml:11", "responsible[1]"],
)
case(
    "r131-serves-twice",
    "a membership serves the same goal twice",
    edits=[
        (
            "network.toml",
            'serves = [{ to = "main", evidence = "stated" }]',
            'serves = [{ to = "main", evidence = "stated" }, { to = "main", evidence = "stated" }]',
        )
    ],
    must=["network.toml:19", "serves[1]"],
)
case(
    "r132-kommunenummer-twice",
    "the municipality lists the same kommunenummer twice",
    edits=[
        (
            "pack.toml",
            'codes = [{ code = "9999" }]',
            'codes = [{ code = "9999" }, { code = "9999" }]',
        )
    ],
    must=["pack.toml:9", "codes[1]"],
)
inst(
    "i40-entry-upper-case",
    "an entry point named 'Upper' whose manifest says 'upper'",
    'sitekit.pack_dist(site, "upper", entry_name="Upper")\n',
    "Upper",
    ["Upper"],
)
inst(
    "i41-entry-value-extras",
    "an entry point value with an extras marker 'pkg [extra]'",
    'sitekit.pack_dist(site, "extras")\n(site / "munintl_pack_extras-0.1.dist-info" / "entry_points.txt").write_text("[munintl.packs]\\nextras = munintl_pack_extras [fast]\\n")\n',
    "extras",
    [],
    expect="ok",
)


# ---------------------------------------------------------------- fourth round: file names, other commands
case(
    "r140-file-name-too-long",
    "files lists a 300-character file name",
    edits=[listing("a" * 300 + ".toml")],
    must=["pack.toml", "$.files[3]"],
)
case(
    "r141-file-name-non-ascii",
    "files lists 'mål.toml' (a non-ASCII name that exists)",
    edits=[listing("mål.toml"), ("mål.toml", None, "# nothing\n")],
    must=["pack.toml", "$.files[3]"],
)
case(
    "r142-file-name-upper-extension",
    "files lists 'extra.TOML'",
    edits=[listing("extra.TOML"), ("extra.TOML", None, "# nothing\n")],
    must=["pack.toml", "$.files[3]"],
)
case(
    "r143-file-name-leading-space",
    "files lists ' goals.toml' (leading space)",
    edits=[("pack.toml", '"goals.toml"', '" goals.toml"')],
    must=["pack.toml", "$.files[1]"],
)
fs(
    "r144-check-of-a-folder-with-a-fifo",
    "munintl check on a pack folder whose goals.toml is a FIFO",
    '(p / "goals.toml").unlink()\nos.mkfifo(p / "goals.toml")\n',
    ["goals.toml"],
    cli=[["check", "{pack}"]],
)
fs(
    "r145-show-of-a-folder-with-loop",
    "munintl show on a pack folder whose goals.toml links to itself",
    '(p / "goals.toml").unlink()\nos.symlink("goals.toml", p / "goals.toml")\n',
    ["goals.toml"],
    cli=[["show", "{pack}"]],
)
case(
    "r146-graph-of-bad-folder",
    "munintl graph on a pack folder with a bad SDG",
    edits=[("goals.toml", 'to = "17"', 'to = "18"')],
    must=["goals.toml:8", "$.goals[0].sdgs[0].to"],
    cli=[["graph", "{pack}"]],
)
case(
    "r147-check-json-of-bad-folder",
    "munintl check --format json on a bad pack folder: stdout stays empty or JSON",
    edits=[("goals.toml", 'to = "17"', 'to = "18"')],
    must=["goals.toml:8"],
    cli=[["check", "--format", "json", "{pack}"]],
)
inst(
    "i42-installed-listed-file-missing",
    "an installed pack whose manifest lists a file the wheel left out",
    'p = sitekit.pack_dist(site, "lostfile")\n(p / "network.toml").unlink()\n',
    "lostfile",
    ["lostfile", "network.toml"],
)
inst(
    "i43-installed-crlf-bom",
    "an installed pack whose files have CRLF endings and a BOM (valid)",
    'p = sitekit.pack_dist(site, "crlf")\nfor f in p.glob("*.toml"):\n    f.write_bytes(b"\\xef\\xbb\\xbf" + f.read_bytes().replace(b"\\n", b"\\r\\n"))\n',
    "crlf",
    [],
    expect="ok",
)


if __name__ == "__main__":
    for c in CASES:
        write(c)
    print(len(CASES), "cases")
