"""The ``munintl`` command: a thin layer over the public API.

Exit codes: 0 fine, 1 findings or invalid data, 2 usage error. A user's mistake is one line on
stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from munintl.errors import MunintlError, PackNotFoundError

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command line that cannot be carried out as given (exit code 2)."""


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


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
        for info in infos:
            if info.ok:
                print(
                    f"{info.name:<12} {info.version or '?':<8} {info.municipality} "
                    f"({info.code}), {info.sources} sources  [{info.distribution}]"
                )
            else:
                print(f"{info.name:<12} BROKEN   {info.error}")
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
    from munintl.network import goal_network, to_graphml, to_node_link

    graph = goal_network(*_load(args.packs))
    text = (
        to_graphml(graph)
        if args.format == "graphml"
        else json.dumps(to_node_link(graph), ensure_ascii=False, indent=2)
    )
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text)
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from munintl.packs import load_pack_dir

    pack = load_pack_dir(args.path)
    print(f"{pack.name}: valid ({len(pack.entities())} entities)")
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "packs": _cmd_packs,
    "show": _cmd_show,
    "graph": _cmd_graph,
    "validate": _cmd_validate,
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

    p = sub.add_parser("validate", help="validate a pack folder under development")
    p.add_argument("path", help="the folder holding pack.toml")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"munintl: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except MunintlError as exc:
        print(f"munintl: error: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
    except BrokenPipeError:  # `munintl show bergen | head` is normal use
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
