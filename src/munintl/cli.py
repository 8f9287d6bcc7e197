"""The ``munintl`` command: a thin layer over the public API.

Exit codes: 0 fine, 1 findings or invalid data (a pack path that is no pack folder too, as the
API's PackDataError for it), 2 usage error, 130 interrupted (Ctrl-C). A
user's mistake is one line on stderr, never a traceback. Every command that takes packs takes
installed packs' names or pack folders; a flag means the same in every command that has it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from munintl._escape import one_line
from munintl.errors import MunintlError, PackDiscoveryError, PackNotFoundError

if TYPE_CHECKING:  # pragma: no cover
    from munintl.findings import Finding
    from munintl.model import Pack

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

_GUIDE = "'Adding a municipality' in the munintl documentation"
"""Where a pip user finds the pack guide: named, not a path in the repository."""

_USAGE_EXIT = "  2  usage error (an unknown pack name or check, a bad option, an unwritable -o)"
_EXIT_1 = {
    "check": "findings at or above --fail-on, invalid pack data, or a broken pack",
    "validate": "invalid pack data, or alignment findings at or above --fail-on",
    "packs": "an installed pack is broken",
    "report": "invalid pack data, a broken pack, or a missing extra (html: Jinja2)",
    "migrate": "invalid pack data, or the migrate extra (tomlkit) is missing",
    "graph": "invalid pack data, a broken pack, or a missing extra (rdf: rdflib)",
}
"""What exit code 1 means, by command; the others: invalid pack data or a broken pack."""

EXIT_CODES_HELP = (
    "exit codes:\n"
    "  0  fine\n"
    "  1  findings at or above --fail-on (check, validate), invalid pack data, a broken pack,\n"
    "     or a missing extra\n" + _USAGE_EXIT
)


_ENVIRONMENT_HELP = (
    "\nenvironment:\n"
    "  MUNINTL_CACHE=off|packs  turn off the cache of work saved between runs, or keep only\n"
    "                           validated packs (default: on; docs/security.md)\n"
    "  MUNINTL_CACHE_DIR=DIR    keep it in DIR (default $XDG_CACHE_HOME/munintl/packs,\n"
    "                           else ~/.cache/munintl/packs)\n"
)


def _exit_codes_help(command: str) -> str:
    """The exit codes ``command`` can end with, for its ``--help``."""
    one = _EXIT_1.get(command, "invalid pack data, or a broken pack")
    return f"exit codes:\n  0  fine\n  1  {one}\n{_USAGE_EXIT}"


class UsageError(Exception):
    """A command line that cannot be carried out as given (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse with a bad command line reported as one line, like every other usage error."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("munintl").strip()  # "munintl check" -> "check"
        where = f"{command}: " if command else ""
        hint = f"; munintl {command + ' ' if command else ''}--help lists them"
        hint = "" if "(choose from" in message else hint  # the choices are named already
        self.exit(EXIT_USAGE, f"munintl: error: {where}{message}{hint}\n")


def _print_json(data: Any) -> None:
    from munintl._json import dumps

    _emit_utf8(dumps(data, indent=2))


def _emit_utf8(text: str) -> None:
    """Print machine-readable output (JSON, XML, Turtle, HTML) as UTF-8 whatever the locale:
    JSON must be UTF-8 and the XML says it is, so a Windows console's cp1252 or a C locale's
    ASCII would write a file no reader opens (or fail on the first non-ASCII letter)."""
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:  # a text-only stream (io.StringIO under redirect_stdout): text it is
        print(text)
        return
    out.flush()
    buffer.write((text if text.endswith("\n") else text + "\n").encode("utf-8"))
    buffer.flush()


def _write(output: str | None, text: str, *, machine: bool = True) -> None:
    """Print ``text`` (as UTF-8 when it is for ``machine``s), or write it to the file
    ``output`` (``-`` is standard output); a missing folder or a folder given as the file is a
    usage error, one line."""
    if output is None or output == "-":
        if machine:
            _emit_utf8(text)
        else:
            print(text)
        return
    if not output.strip():
        raise UsageError("-o needs a file name (or - for standard output)")
    path = Path(output)
    if path.is_dir():
        raise UsageError(f"cannot write {output}: it is a folder, not a file")
    if path.parent.exists() and not path.parent.is_dir():
        raise UsageError(f"cannot write {output}: {path.parent} is a file, not a folder")
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {output}: the folder {path.parent} does not exist")
    try:
        path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


# --- commands: each takes the parsed arguments and returns an exit code ------------------------


def _cmd_packs(args: argparse.Namespace) -> int:
    from munintl.packs import installed_packs

    infos = installed_packs()
    if args.format == "json":
        import attrs

        _print_json([attrs.asdict(info) for info in infos])
    elif not infos:
        print(f"No munintl packs are installed; to make one, see {_GUIDE}.")
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

    (pack,) = _check_packs([args.pack], args)
    if args.format == "json":
        _print_json(unstructure(pack))
    else:
        print(render_pack(pack))
    return EXIT_OK


def _cmd_graph(args: argparse.Namespace) -> int:
    from munintl.exports import export

    _write(args.output, export(_check_packs(args.packs, args), args.format))
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from munintl.errors import PackDataError
    from munintl.findings import Severity
    from munintl.packs import pack_folder, read_pack_dir
    from munintl.scaffold import example_leftovers
    from munintl.status_basis import statuses_without_evidence

    path = _validate_path(args.path)
    reader, _ = pack_folder(path)  # the folder as the loader resolves it
    folder = reader.folder or path
    try:
        reading = read_pack_dir(folder)
    except PackDataError as exc:
        # The error line names the first problem; an author fixing the pack wants them all,
        # each as `path/file:line: field: message`, which editors open at the line.
        if len(exc.problems) > 1:
            for problem in exc.problems:
                print(_located(folder, problem))
        raise
    pack = reading.pack
    print(f"{pack.name}: valid ({len(pack.entities())} entities)")
    order = _file_order(folder)
    for note in sorted(reading.notes(), key=lambda p: (order(p.file), p.line or 0)):
        print(f"warning: {_located(folder, note)}")
    located = statuses_without_evidence(folder)
    for problem in sorted(located, key=lambda p: (order(p.file), p.line or 0)):
        print(f"warning: {problem}")
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


def _file_order(folder: Path) -> Callable[[str | None], int]:
    """A pack file's place in its manifest's ``files`` (pack.toml first): validate's output
    runs in file and line order, as an editor lists it."""
    import tomllib

    manifest = tomllib.loads((folder / "pack.toml").read_text(encoding="utf-8-sig"))
    files = ["pack.toml", *manifest.get("files", [])]
    return lambda file: files.index(file) if file in files else len(files)


def _name_hint(command: str, given: str) -> str:
    """The hint for an installed pack's name given where a folder belongs."""
    from munintl.packs import available_packs

    if given not in available_packs():
        return ""
    return f"; {command} takes a pack folder; to check an installed pack, run munintl check {given}"


def _validate_path(given_path: str, command: str = "validate") -> Path:
    """The path ``validate`` or ``migrate`` was given: a pack folder, or a pack's
    ``pack.toml`` (read as the loader reads it: its folder). A path that is no pack folder is
    bad input (exit 1), said in the loader's words (the API raises the same PackDataError);
    a pack folder whose manifest cannot be read is left for the loader to report."""
    given = Path(given_path).expanduser()
    _no_pack_folder(given, prefix=f"{command}: ", hint=_name_hint(command, given_path))
    return given


def _no_pack_folder(path: Path, prefix: str = "", hint: str = "") -> None:
    """Raise the loader's error if ``path`` is no pack folder at all (missing, a file, no
    pack.toml); a pack folder with a broken manifest passes, for the loader to report."""
    from munintl.errors import PackDataError
    from munintl.packs import pack_folder

    try:
        pack_folder(path)
    except PackDataError as exc:
        if exc.pack is None and exc.file is None:  # the path itself, not a pack, is wrong
            raise PackDataError(f"{prefix}{exc}{hint}") from None  # bad input: exit 1


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

    order = _file_order(folder)

    def place(f: Finding) -> tuple[int, int]:
        file, line = located.get(f.subject, ("pack.toml", None))
        return order(file), line or 0

    for f in sorted(findings, key=place):  # in file and line order, as an editor lists them
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


def _cmd_migrate(args: argparse.Namespace) -> int:
    from munintl.migrate import migrate_pack
    from munintl.model import FORMAT_VERSION
    from munintl.packs import find_pack_folder

    path = _validate_path(args.path, "migrate")  # the path first, then tomlkit
    folder = path.parent if path.is_file() else find_pack_folder(path)  # a pack.toml: its folder
    done = migrate_pack(folder)
    if done.from_version == FORMAT_VERSION:
        print(f"{done.pack}: already in format {FORMAT_VERSION}; nothing to do")
        return EXIT_OK
    for change in done.changes:
        print(change)
    print(
        f"{done.pack}: migrated from format {done.from_version} to {FORMAT_VERSION}; "
        f"{len(done.changes)} statuses are now inferred, to be checked against the sources "
        "(munintl check PATH --select MI404 lists them)"
    )
    return EXIT_OK


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
        f"The guide, step by step: see {_GUIDE}."
    )
    return EXIT_OK


def _looks_like_path(name: str) -> bool:
    """Whether a pack argument means a folder rather than an installed pack's name."""
    return "/" in name or os.sep in name or name.startswith((".", "~")) or Path(name).exists()


def _pack_folder(given: str) -> Path:
    """The pack folder a path argument names; a path that is no pack folder is bad input
    (exit 1, one line), in the words of :func:`munintl.load_pack_dir`."""
    from munintl.packs import find_pack_folder

    path = Path(given).expanduser()
    _no_pack_folder(path)
    return find_pack_folder(path)


def _check_packs(names: Sequence[str], args: argparse.Namespace) -> list[Any]:
    """Installed packs by name, or pack folders under development by path (for CI); an
    installed pack's name wins over a folder of the same name.

    One broken pack never stops the others: a pack that does not load, or that claims the
    municipality of a pack given before it, is reported on its own line (stderr) and left out,
    the command runs on the rest, and it ends with exit code 1 (``args.broken`` counts them;
    :func:`main` reads it). An unknown name is a usage error, and so is one pack given twice
    (by name, or by a folder holding a pack of that name).
    """
    from munintl.packs import available_packs, load_pack, load_pack_dir

    if len(set(names)) != len(names):
        raise UsageError("each pack may be named once")
    installed = set(available_packs())
    packs: dict[str, Any] = {}  # pack name -> pack
    given: dict[str, str] = {}  # pack name -> the argument that gave it
    for name in names:
        by_path = name not in installed and _looks_like_path(name)
        try:
            pack = load_pack_dir(_pack_folder(name)) if by_path else load_pack(name)
        except PackNotFoundError as exc:
            raise UsageError(str(exc)) from None
        except MunintlError as exc:
            # A folder may hold a broken copy of an installed pack: then the pack's name alone
            # would not say which of the two failed, and the folder is named too.
            copy = by_path and getattr(exc, "pack", None) in installed
            _say_error(exc, folder=name if copy else None)
            args.broken = getattr(args, "broken", 0) + 1
            continue
        if pack.name in packs:
            raise UsageError(
                f"the pack {pack.name!r} is given twice ({given[pack.name]} and {name}); "
                "each pack may be given once"
            )
        packs[pack.name], given[pack.name] = pack, name
    if not packs:
        raise _NothingLoaded
    return _without_clashes(list(packs.values()), args)


def _without_clashes(packs: list[Any], args: argparse.Namespace) -> list[Any]:
    """The packs, less each that claims a municipality a pack before it claims: reported on
    its own line and counted as broken, as a pack that does not load (the others go on)."""
    from munintl.packs import refuse_municipality_clashes

    kept: list[Any] = []
    for pack in packs:
        try:
            refuse_municipality_clashes([*kept, pack])
        except PackDiscoveryError as exc:
            _say_error(exc)
            args.broken = getattr(args, "broken", 0) + 1
            continue
        kept.append(pack)
    return kept


def _say_error(exc: BaseException, *, folder: str | None = None) -> None:
    """A user's mistake as the command line says it: one line on stderr (naming the pack
    folder it was given as, if it was given by one)."""
    where = f" (pack folder {folder})" if folder else ""
    print(f"munintl: error: {one_line(str(exc))}{where}", file=sys.stderr)


class _NothingLoaded(Exception):
    """Every pack given failed to load; each has been reported already (exit code 1)."""


def _cmd_check(args: argparse.Namespace) -> int:
    from munintl.checks import CheckError, check, check_titles, parse_as_of
    from munintl.findings import Severity, render_findings, to_json_document

    packs = _check_packs(args.packs, args)
    try:
        as_of = parse_as_of(args.as_of)
        selected = _selection(args.select, args.ignore)
        findings = check(*packs, select=selected, as_of=as_of)
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


def _selection(select: list[str] | None, ignore: list[str] | None) -> list[str]:
    """The codes ``--select`` and ``--ignore`` (each repeatable, comma-separated) leave."""
    from munintl.checks import CHECKS, resolve_codes

    def parts(values: list[str]) -> list[str]:
        return [part for value in values for part in value.split(",")]

    chosen = resolve_codes(parts(select)) if select is not None else set(CHECKS)
    chosen -= resolve_codes(parts(ignore or []))
    if not chosen:
        raise UsageError("--select and --ignore leave no check to run")
    return sorted(chosen)


def _cmd_rule(args: argparse.Namespace) -> int:
    from munintl.checks import CHECKS, CheckError, resolve_codes

    if args.all == bool(args.code):
        raise UsageError("rule takes a check's code or name, or --all")
    try:
        codes = sorted(CHECKS) if args.all else sorted(resolve_codes([args.code]))
    except CheckError as exc:
        raise UsageError(str(exc)) from None
    if args.format == "json":
        _print_json([_rule_dict(CHECKS[code]) for code in codes])
    else:
        print("\n\n".join(_rule_text(CHECKS[code]) for code in codes))
    return EXIT_OK


def _rule_dict(rule: Any) -> dict[str, str]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "why": rule.why,
        "explanation": _rule_explanation(rule),
    }


def _rule_explanation(rule: Any) -> str:
    """The narrative part of a check's docstring, for readers of the command line: up to its
    first numpydoc section (Parameters, Yields, Examples: the developers' part), with Sphinx
    roles (``:func:`x```) as plain ``x``."""
    import inspect
    import itertools

    lines = inspect.cleandoc(rule.function.__doc__ or "").splitlines()
    for at, (line, underline) in enumerate(itertools.pairwise(lines)):
        if line.strip() and set(underline.strip()) == {"-"} and len(underline.strip()) >= 3:
            lines = lines[:at]
            break
    return _SPHINX_ROLE.sub(r"\1", "\n".join(lines).strip())


_SPHINX_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


def _rule_text(rule: Any) -> str:
    lines = [f"{rule.name} ({rule.code})", "", f"Severity: {rule.severity.value}", "", rule.why]
    explanation = _rule_explanation(rule)
    if explanation:
        lines += ["", explanation]
    lines += ["", f"Run it alone: munintl check PACK --select {rule.code}"]
    return "\n".join(lines)


def _cmd_coverage(args: argparse.Namespace) -> int:
    from munintl.coverage import coverage_to_dict, sdg_coverage
    from munintl.report.coverage_table import render_coverage

    coverages = sdg_coverage(*_check_packs(args.packs, args))
    if args.format == "json":
        _print_json([coverage_to_dict(c) for c in coverages])
    else:
        print(render_coverage(coverages, lang=args.lang))
    return EXIT_OK


def _cmd_overlap(args: argparse.Namespace) -> int:
    from munintl._convert import unstructure
    from munintl.overlap import overlap
    from munintl.overlap.report import render_overlap
    from munintl.overlap.similarity import SimilarityError

    try:
        result = overlap(*_check_packs(args.packs, args), top=args.top)
    except SimilarityError as exc:  # fewer than two packs: the library's rule
        if getattr(args, "broken", 0):  # not the command line's fault: a pack did not load
            raise
        raise UsageError(str(exc)) from None
    if args.format == "json":
        _print_json(unstructure(result))
    else:
        print(render_overlap(result))
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    """The main job: alignment findings, SDG coverage and (for two or more) the overlap."""
    from munintl.checks import CheckError
    from munintl.report import build_report, render_html, render_json, render_text

    packs = _check_packs(args.packs, args)
    try:
        doc = build_report(*packs, as_of=args.as_of, top=args.top, lang=args.lang)
    except CheckError as exc:  # a bad --as-of
        raise UsageError(str(exc)) from None
    if args.format == "json":
        text = render_json(doc)
    elif args.format == "html":
        text = render_html(doc, details=args.details)
    else:
        text = render_text(doc, details=args.details)
    _write(args.output, text, machine=args.format != "text")
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
    "migrate": _cmd_migrate,
    "check": _cmd_check,
    "coverage": _cmd_coverage,
    "overlap": _cmd_overlap,
    "report": _cmd_report,
    "rule": _cmd_rule,
}


_FORMAT_HELP = {
    "text": "text for reading (default)",
    "json": "JSON for machines",
    "html": "one self-contained HTML page (needs the html extra)",
    "graphml": "GraphML (default)",
}


_TEXT_SUFFIXES = {".txt": "text", ".json": "json", ".html": "html", ".htm": "html"}


def _add_format(p: argparse.ArgumentParser, *choices: str, with_output: bool = False) -> None:
    described = "; ".join(f"{c}: {_FORMAT_HELP[c]}" for c in choices)
    by_suffix = {suffix: name for suffix, name in _TEXT_SUFFIXES.items() if name in choices}
    _format_argument(p, choices, by_suffix if with_output else {}, described)


def _add_export_format(p: argparse.ArgumentParser) -> None:
    from munintl.exports.registry import FORMATS  # the formats' one list (docs/exports.md)

    described = "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values())
    by_suffix = {f.suffix: f.name for f in FORMATS.values()}
    _format_argument(p, list(FORMATS), by_suffix, f"{described}; default graphml")


def _format_argument(
    p: argparse.ArgumentParser, choices: Sequence[str], by_suffix: dict[str, str], described: str
) -> None:
    """``--format``, which when not given follows the suffix of ``-o FILE`` where the command
    has one (``-o report.html`` writes HTML), else is the first choice (the default)."""
    if by_suffix:
        suffixes = ", ".join(f"{suffix} {name}" for suffix, name in by_suffix.items())
        described += f"; with -o FILE and no --format, the file's suffix chooses ({suffixes})"
    p.add_argument("--format", choices=choices, default=None, help=described)
    p.set_defaults(format_by_suffix=by_suffix, format_default=choices[0])


def _resolve_format(args: argparse.Namespace) -> None:
    """Fill in ``--format`` when it was not given: by the output file's suffix where the
    command writes files, else the command's default. A format given is kept, whatever the
    file is called."""
    if getattr(args, "format", "") is not None:
        return
    output = getattr(args, "output", None) or "-"
    suffix = Path(output).suffix.lower() if output != "-" else ""
    args.format = args.format_by_suffix.get(suffix, args.format_default)


def _add_packs(p: argparse.ArgumentParser, nargs: str = "+") -> None:
    p.add_argument(
        "packs", nargs=nargs, metavar="PACK", help="an installed pack's name, or a pack folder"
    )


def _add_output(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to this file instead of standard output"
    )


def _add_as_of(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as-of", metavar="DATE", help="judge periods and statuses on this date (default today)"
    )


def _add_fail_on(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--fail-on",
        choices=["error", "warning", "info", "never"],
        default="error",
        help=f"exit 1 when {what} this severe or worse is found (default: error)",
    )


def _add_top(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--top",
        type=_positive,
        metavar="N",
        help="keep each municipality's N most similar ones, and compare goals only with them "
        "(default: all)",
    )


def _add_lang(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--lang", choices=["en", "nb"], default="en", help=f"{what} (default en)")


def _subparser(sub: Any, name: str, help: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help,
        description=help[0].upper() + help[1:] + ".",
        epilog=_exit_codes_help(name),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _parser() -> argparse.ArgumentParser:
    from importlib.metadata import version

    parser = _Parser(
        prog="munintl",
        description="Municipal international strategies as checkable, comparable data.",
        epilog=EXIT_CODES_HELP + _ENVIRONMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"munintl {version('munintl')}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _subparser(sub, "packs", "list installed packs, with version and source count")
    _add_format(p, "text", "json")

    p = _subparser(sub, "show", "print one pack readably, or all of it as JSON")
    p.add_argument("pack", metavar="PACK", help="an installed pack's name, or a pack folder")
    _add_format(p, "text", "json")

    p = _subparser(sub, "graph", "export the goal network, or the packs as linked data")
    _add_packs(p)
    _add_export_format(p)
    _add_output(p)

    p = _subparser(sub, "validate", "check a pack under development: schema, references, alignment")
    p.add_argument("path", help="the pack's folder (holding pyproject.toml or pack.toml)")
    _add_as_of(p)
    _add_fail_on(p, "an alignment finding")

    p = _subparser(sub, "migrate", "upgrade a format 1 pack in place, keeping its comments")
    p.add_argument("path", help="the pack's folder (holding pyproject.toml or pack.toml)")

    p = _subparser(sub, "report", "the main job: findings, SDG coverage and overlap in one report")
    _add_packs(p)
    _add_format(p, "text", "json", "html", with_output=True)
    _add_output(p)
    _add_lang(p, "language of every label")
    p.add_argument(
        "--details",
        action="store_true",
        help="everything: each finding with its check, id, message and hint; every "
        "correspondence; all shared and unique items",
    )
    _add_as_of(p)
    _add_top(p)

    _add_analysis_commands(sub)
    return parser


def _add_analysis_commands(sub: Any) -> None:
    """The commands that scaffold, check, explain and compare packs."""
    p = _subparser(sub, "new-pack", "scaffold a new municipality pack with examples")
    p.add_argument("name", help="the pack's name, such as tromso or nord-fron")
    p.add_argument("--code", required=True, metavar="KOMMUNENUMMER", help="four digits")
    p.add_argument("--dir", metavar="PATH", help="folder to create (default munintl-pack-NAME)")
    p.add_argument("--municipality", metavar="NAME", help="the name as written, such as Tromsø")

    p = _subparser(sub, "check", "run the alignment checks, a linter for strategies")
    _add_packs(p)
    for flag, what in (("--select", "run only these"), ("--ignore", "skip these")):
        p.add_argument(
            flag,
            action="append",
            metavar="CODES",
            help=f"{what}: codes, prefixes or names, comma-separated; may be repeated",
        )
    _add_as_of(p)
    _add_format(p, "text", "json")
    _add_fail_on(p, "a finding")

    p = _subparser(sub, "rule", "explain a check: what it finds, why, how severe")
    p.add_argument("code", nargs="?", metavar="CODE", help="a check's code or name, e.g. MI305")
    p.add_argument("--all", action="store_true", help="explain every check")
    _add_format(p, "text", "json")

    p = _subparser(sub, "coverage", "which SDGs and targets each municipality's goals serve")
    _add_packs(p)
    _add_format(p, "text", "json")
    _add_lang(p, "language of the labels and SDG titles")

    p = _subparser(sub, "overlap", "what municipalities share, which goals correspond")
    _add_packs(p)
    _add_format(p, "text", "json")
    _add_top(p)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it).

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after ``munintl``; ``None`` reads ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit code: 0 fine; 1 findings, invalid pack data or a broken pack; 2 a usage
        error; 130 interrupted.

    Raises
    ------
    SystemExit
        From argument parsing: for ``--help`` and ``--version``, and for unknown options.

    Examples
    --------
    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     code = main(["packs"])
    >>> code, "hamar" in out.getvalue()
    (0, True)
    >>> main(["show", "no-such-pack"])  # the message goes to stderr
    2
    """
    parser = _parser()
    args = parser.parse_args(argv)
    _resolve_format(args)
    try:
        with _stdout_of_this_thread_only(), _warnings_as_lines():
            code = _COMMANDS[args.command](args)
        # A pack that did not load was reported and left out: the run is not fine.
        broken = int(getattr(args, "broken", 0))
        return EXIT_FINDINGS if code == EXIT_OK and broken else code
    except _NothingLoaded:
        return EXIT_FINDINGS
    except UsageError as exc:
        _say_error(exc)
        return EXIT_USAGE
    except MunintlError as exc:
        _say_error(exc)
        return EXIT_FINDINGS
    except BrokenPipeError:  # `munintl show bergen | head` is normal use
        return EXIT_OK
    except KeyboardInterrupt:  # the user's Ctrl-C (a pack's import raising it is contained)
        print("munintl: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def run() -> NoReturn:
    """The ``munintl`` console script: :func:`main`, then exit with its code.

    Code a pack's import left behind is not waited for and never writes to stdout: what a
    pack's thread or exit handler prints after the command goes to stderr, and a thread it left
    running (which would keep the process alive) is not joined.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    with contextlib.suppress(Exception):  # no descriptors (pythonw) or a closed stdout
        os.dup2(2, 1)
    sys.stdout = sys.stderr
    main_thread = threading.main_thread()
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not main_thread):
        os._exit(code)  # only a pack's import starts threads; munintl has finished
    sys.exit(code)


class _ThisThreadOnly:
    """``sys.stdout`` while a command runs: writes from its own thread go to stdout, those of
    any other thread (one a pack's import started) to stderr, so output stays parseable."""

    def __init__(self, out: Any, err: Any) -> None:
        self._out, self._err, self._thread = out, err, threading.get_ident()

    def write(self, text: str) -> int:
        target = self._out if threading.get_ident() == self._thread else self._err
        return int(target.write(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)


@contextlib.contextmanager
def _warnings_as_lines() -> Iterator[None]:
    """A warning (such as an unknown ``MUNINTL_CACHE`` value) as one line on stderr, not
    Python's two lines of file, line number and source."""

    def one_line(message: Warning | str, *_: object, **__: object) -> None:
        print(f"munintl: warning: {message}", file=sys.stderr)

    with warnings.catch_warnings():
        warnings.showwarning = one_line
        yield


@contextlib.contextmanager
def _stdout_of_this_thread_only() -> Iterator[None]:
    out, err = sys.stdout, sys.stderr
    if out is None or err is None:
        yield
        return
    sys.stdout = _ThisThreadOnly(out, err)
    errors = _replacing(out)
    try:
        yield
    finally:
        if isinstance(sys.stdout, _ThisThreadOnly):
            sys.stdout = out
        if errors is not None:
            getattr(out, "reconfigure")(errors=errors)  # noqa: B009 - a TextIO has none


def _replacing(out: Any) -> str | None:
    """Make a stream that cannot hold every letter (a C locale's ASCII, a Windows console's
    cp1252) show '?' for the others, as text for people may: never a traceback on 'ø' or '–'.
    Returns its previous ``errors`` to restore, or None when nothing was changed."""
    encoding = str(getattr(out, "encoding", "") or "").lower().replace("_", "-")
    if encoding.startswith("utf-") or not hasattr(out, "reconfigure"):
        return None
    previous = str(out.errors)
    out.reconfigure(errors="replace")
    return previous


if __name__ == "__main__":  # pragma: no cover
    run()
