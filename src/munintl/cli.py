"""The ``munintl`` command: a thin layer over the public API.

Exit codes: 0 fine, 1 findings or invalid data, 2 usage error, 130 interrupted (Ctrl-C). A
user's mistake is one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from munintl._escape import one_line
from munintl.errors import MunintlError, PackNotFoundError

if TYPE_CHECKING:  # pragma: no cover
    from munintl.findings import Finding
    from munintl.model import Pack

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """A command line that cannot be carried out as given (exit code 2)."""


def _print_json(data: Any) -> None:
    from munintl._json import dumps

    print(dumps(data, indent=2))


def _load(names: Sequence[str]) -> list[Any]:
    from munintl.packs import load_packs

    if len(set(names)) != len(names):
        raise UsageError("each pack may be named once")
    try:
        return load_packs(names)
    except PackNotFoundError as exc:
        raise UsageError(str(exc)) from None


# --- commands: each takes the parsed arguments and returns an exit code ------------------------


def _cmd_packs(args: argparse.Namespace) -> int:
    from munintl.packs import installed_packs

    infos = installed_packs()
    if args.format == "json":
        import attrs

        _print_json([attrs.asdict(info) for info in infos])
    elif not infos:
        print("No munintl packs are installed. See docs/adding-a-pack.md.")
    else:
        for info in infos:  # names and versions come from distributions' metadata: escaped
            if info.ok:
                print(
                    one_line(
                        f"{info.name:<12} {info.version or '?':<8} {info.municipality} "
                        f"({info.code}), {info.sources} sources  [{info.distribution}]"
                    )
                )
            else:
                print(one_line(f"{info.name:<12} BROKEN   {info.error}"))
    return EXIT_OK if all(info.ok for info in infos) else EXIT_FINDINGS


def _cmd_show(args: argparse.Namespace) -> int:
    from munintl._convert import unstructure
    from munintl.render import render_pack

    (pack,) = _load([args.pack])
    if args.format == "json":
        _print_json(unstructure(pack))
    else:
        print(render_pack(pack))
    return EXIT_OK


def _cmd_graph(args: argparse.Namespace) -> int:
    from munintl._json import dumps
    from munintl.network import goal_network, to_graphml, to_node_link

    graph = goal_network(*_load(args.packs))
    text = to_graphml(graph) if args.format == "graphml" else dumps(to_node_link(graph), indent=2)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text)
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from munintl.errors import PackDataError
    from munintl.findings import Severity
    from munintl.packs import pack_folder, read_pack_dir
    from munintl.scaffold import example_leftovers, find_pack_folder

    path = find_pack_folder(args.path)
    reader, _ = pack_folder(path)  # the folder exactly as the loader resolves it
    folder = reader.folder or path
    try:
        reading = read_pack_dir(path)
    except PackDataError as exc:
        # The error line names the first problem; an author fixing the pack wants them all,
        # each as `path/file:line: field: message`, which editors open at the line.
        if len(exc.problems) > 1:
            for problem in exc.problems:
                print(_located(folder, problem))
        raise
    pack = reading.pack
    print(f"{pack.name}: valid ({len(pack.entities())} entities)")
    for note in reading.notes():
        print(f"warning: {_located(folder, note)}")
    findings = _validate_alignment(reading, folder, args)
    leftovers = example_leftovers(pack)
    if leftovers:
        print(
            f"note: {len(leftovers)} entities still have the scaffold's example ids "
            f"({leftovers[0]}, ...): replace them with the municipality's data"
        )
    contract = _contract_failures(pack)
    for failure in contract:
        print(f"contract: {pack.name}: {failure}")
    if contract:
        return EXIT_FINDINGS
    if args.fail_on == "never":
        return EXIT_OK
    threshold = Severity(args.fail_on)
    return EXIT_FINDINGS if any(f.severity >= threshold for f in findings) else EXIT_OK


def _located(folder: Path, problem: Any) -> str:
    """A problem as `path/file:line: field: message`, which editors open at the line."""
    where = f"{folder / problem.file}" if problem.file else str(folder)
    where += f":{problem.line}" if problem.line else ""
    field = f" {problem.path}:" if problem.path else ""
    return one_line(f"{where}:{field} {problem.message}")


def _contract_failures(pack: Pack) -> list[str]:
    from munintl.testing import contract_failures

    return contract_failures(pack)


def _validate_alignment(reading: Any, folder: Path, args: argparse.Namespace) -> list[Finding]:
    """Run the alignment checks on a valid pack folder; print each finding at its file and line."""
    from munintl.checks import CheckError, check, check_titles
    from munintl.findings import summarise

    try:
        findings = check(reading.pack, as_of=args.as_of)
    except CheckError as exc:  # a bad --as-of
        raise UsageError(str(exc)) from None
    located = reading.entity_lines()
    titles = check_titles()
    for f in findings:
        file, line = located.get(f.subject, ("pack.toml", None))
        where = f"{folder / file}:{line}" if line else str(folder / file)
        what = f"{f.severity.value} {f.code} {titles.get(f.code, '')}"
        print(f"{where}: {f.subject_kind} {f.subject}: {what}: {f.message}")
        print(f"    hint: {f.hint}")
    counts = summarise(findings)
    errors, warnings = counts["error"], counts["warning"]
    print(
        f"alignment checks: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}, {counts['info']} info"
    )
    return findings


def _cmd_new_pack(args: argparse.Namespace) -> int:
    from munintl.scaffold import ScaffoldError, distribution_name, new_pack, package_name

    try:
        written = new_pack(args.name, args.code, directory=args.dir, municipality=args.municipality)
    except ScaffoldError as exc:  # a bad name, number or folder on the command line
        raise UsageError(str(exc)) from None
    root = Path(args.dir) if args.dir else Path(distribution_name(args.name))
    print(f"Created the pack {args.name!r} in {root}/:")
    for path in written:
        print(f"  {path.relative_to(root)}")
    print(
        "Next:\n"
        f"  1. replace the examples in {root / 'src' / package_name(args.name)}/*.toml "
        "with the municipality's data\n"
        f"  2. munintl validate {root}\n"
        f"  3. python -m pip install -e {root} && munintl packs\n"
        "The guide, step by step: docs/adding-a-pack.md"
    )
    return EXIT_OK


def _check_packs(names: Sequence[str]) -> list[Any]:
    """Installed packs by name, or pack folders under development by path (for CI); an
    installed pack's name wins over a folder of the same name."""
    from munintl.packs import available_packs, load_pack_dir
    from munintl.scaffold import find_pack_folder

    installed = set(available_packs())
    folders = {n for n in names if n not in installed and Path(n).is_dir()}
    if not folders:
        return _load(names)
    return [load_pack_dir(find_pack_folder(n)) if n in folders else _load([n])[0] for n in names]


def _cmd_check(args: argparse.Namespace) -> int:
    from munintl.checks import CheckError, check, check_titles, parse_as_of
    from munintl.findings import Severity, render_findings, to_json_document

    packs = _check_packs(args.packs)
    try:
        as_of = parse_as_of(args.as_of)
        findings = check(*packs, select=args.select, ignore=args.ignore, as_of=as_of)
    except CheckError as exc:  # an unknown code or a bad date on the command line
        raise UsageError(str(exc)) from None
    names = [pack.name for pack in packs]
    if args.format == "json":
        _print_json(to_json_document(findings, packs=names, as_of=as_of.isoformat()))
    else:
        print(
            render_findings(findings, packs=names, as_of=as_of.isoformat(), titles=check_titles())
        )
    if args.fail_on == "never":
        return EXIT_OK
    threshold = Severity(args.fail_on)
    return EXIT_FINDINGS if any(f.severity >= threshold for f in findings) else EXIT_OK


def _cmd_coverage(args: argparse.Namespace) -> int:
    from munintl.coverage import coverage_to_dict, render_coverage, sdg_coverage

    coverages = sdg_coverage(*_check_packs(args.packs))
    if args.format == "json":
        _print_json([coverage_to_dict(c) for c in coverages])
    else:
        print(render_coverage(coverages, lang=args.lang))
    return EXIT_OK


def _cmd_overlap(args: argparse.Namespace) -> int:
    from munintl._convert import unstructure
    from munintl.comparison import overlap
    from munintl.overlap_report import render_overlap

    if len(args.packs) < 2:
        raise UsageError("overlap compares two or more packs")
    result = overlap(*_check_packs(args.packs), top=args.top)
    if args.format == "json":
        _print_json(unstructure(result))
    else:
        print(render_overlap(result))
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    """The main job: alignment findings, SDG coverage and (for two or more) the overlap."""
    from munintl.checks import check, check_titles, parse_as_of
    from munintl.comparison import overlap
    from munintl.coverage import render_coverage, sdg_coverage
    from munintl.findings import render_findings
    from munintl.overlap_report import render_overlap

    packs = _check_packs(args.packs)
    names = [pack.name for pack in packs]
    as_of = parse_as_of(None)
    rule = "=" * 96
    sections = [
        (
            "Alignment checks",
            render_findings(
                check(*packs, as_of=as_of),
                packs=names,
                as_of=as_of.isoformat(),
                titles=check_titles(),
            ),
        ),
        ("SDG coverage", render_coverage(sdg_coverage(*packs), lang="en")),
    ]
    if len(packs) > 1:
        sections.append(("Overlap", render_overlap(overlap(*packs, top=args.top))))
    for title, body in sections:
        print(f"{rule}\n{title}\n{rule}\n{body}\n")
    print(
        "Each part on its own: munintl check | coverage | overlap PACK...; "
        "munintl show PACK for the data."
    )
    return EXIT_OK


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "packs": _cmd_packs,
    "show": _cmd_show,
    "graph": _cmd_graph,
    "validate": _cmd_validate,
    "new-pack": _cmd_new_pack,
    "check": _cmd_check,
    "coverage": _cmd_coverage,
    "overlap": _cmd_overlap,
    "report": _cmd_report,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="munintl",
        description="Municipal international strategies as checkable, comparable data.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("packs", help="list installed packs, with version and source count")
    p.add_argument("--format", choices=["text", "json"], default="text")

    p = sub.add_parser("show", help="print one pack readably, or all of it as JSON")
    p.add_argument("pack")
    p.add_argument("--format", choices=["text", "json"], default="text")

    p = sub.add_parser("graph", help="export the goal network of one or more packs")
    p.add_argument("packs", nargs="+", metavar="PACK")
    p.add_argument("--format", choices=["graphml", "json"], default="graphml")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")

    p = sub.add_parser(
        "validate", help="check a pack under development: schema, references, alignment"
    )
    p.add_argument("path", help="the pack's folder (holding pyproject.toml or pack.toml)")
    p.add_argument("--as-of", metavar="DATE", help="judge periods and statuses on this date")
    p.add_argument(
        "--fail-on",
        choices=["error", "warning", "info", "never"],
        default="error",
        help="exit 1 when an alignment finding this severe or worse is found (default: error)",
    )

    p = sub.add_parser(
        "report", help="the main job: alignment findings, SDG coverage and overlap in one report"
    )
    p.add_argument("packs", nargs="+", metavar="PACK", help="a pack's name, or a pack folder")
    p.add_argument(
        "--top",
        type=_positive,
        default=10,
        metavar="N",
        help="goal correspondences to show per pair of municipalities (default 10)",
    )

    p = sub.add_parser("new-pack", help="scaffold a new municipality pack with examples")
    p.add_argument("name", help="the pack's name, such as tromso or nord-fron")
    p.add_argument("--code", required=True, metavar="KOMMUNENUMMER", help="four digits")
    p.add_argument("--dir", metavar="PATH", help="folder to create (default munintl-pack-NAME)")
    p.add_argument("--municipality", metavar="NAME", help="the name as written, such as Tromsø")

    p = sub.add_parser("check", help="run the alignment checks, a linter for strategies")
    p.add_argument("packs", nargs="+", metavar="PACK", help="a pack's name, or a pack folder")
    p.add_argument("--select", metavar="CODES", help="run only these (codes, prefixes, names; a,b)")
    p.add_argument("--ignore", metavar="CODES", help="skip these (codes, prefixes, names; a,b)")
    p.add_argument("--as-of", metavar="DATE", help="judge periods and statuses on this date")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument(
        "--fail-on",
        choices=["error", "warning", "info", "never"],
        default="error",
        help="exit 1 when a finding this severe or worse is found (default: error)",
    )

    p = sub.add_parser("coverage", help="which SDGs and targets each municipality's goals serve")
    p.add_argument("packs", nargs="+", metavar="PACK", help="a pack's name, or a pack folder")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--lang", choices=["en", "nb"], default="en", help="language of SDG titles")

    p = sub.add_parser(
        "overlap", help="what municipalities share, which goals correspond, how alike they are"
    )
    p.add_argument("packs", nargs="+", metavar="PACK", help="a pack's name, or a pack folder")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument(
        "--top",
        type=_positive,
        metavar="N",
        help="keep each municipality's N most similar ones, and compare goals only with them",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"munintl: error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except MunintlError as exc:
        print(f"munintl: error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_FINDINGS
    except BrokenPipeError:  # `munintl show bergen | head` is normal use
        return EXIT_OK
    except KeyboardInterrupt:  # the user's Ctrl-C (a pack's import raising it is contained)
        print("munintl: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
