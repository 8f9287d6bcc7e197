"""Measure munintl on pathological inputs: the costs that must stay bounded (issue 14, kind 5).

Each input is the test pack ``tests/bad_packs/_valid`` with one file made large or deep; each
is loaded (and, when it loads, shown) in this process, and the time is compared with its limit:

    python benchmarks/pathological.py            # every input, median of 3 runs
    python benchmarks/pathological.py --quick    # one run each
    python benchmarks/pathological.py --size 2000  # smaller chains (for tests)

Exit code 1 when an input goes over its limit.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

VALID = Path(__file__).resolve().parents[1] / "tests" / "bad_packs" / "_valid"
MIB = 1024 * 1024


def _goal(i: int, parent: str | None, extra: str = "") -> str:
    parent_line = f'parent = "{parent}"\n' if parent else ""
    return (
        f'[[goals]]\nid = "g{i}"\nstrategy = "strategy"\nlevel = "sub_goal"\n'
        f'label = "delmål"\ntitle = "Goal {i}"\n{parent_line}{extra}'
        'source = { document = "strategy-doc", section = "2" }\n'
    )


def chain(n: int) -> str:
    """n goals, each the parent of the next (a hierarchy n deep)."""
    return "\n".join(_goal(i, f"g{i - 1}" if i else None) for i in range(n))


def cycle(n: int) -> str:
    """n goals whose parents form one cycle."""
    return "\n".join(_goal(i, f"g{(i + 1) % n}") for i in range(n))


def many_problems(size: int) -> str:
    """Goals each with an unknown key, up to ``size`` bytes: thousands of located problems."""
    out, total, i = [], 0, 0
    while total < size * 0.9:
        entry = _goal(i, None, 'titel = "typo"\n')
        out.append(entry)
        total += len(entry) + 1
        i += 1
    return "\n".join(out)


def one_problem_at_the_end(size: int) -> str:
    """Valid goals up to ``size`` bytes, the last one with an unknown key."""
    body = many_problems(size).replace('titel = "typo"\n', "")
    return body + "\n" + _goal(10**7, None, 'titel = "typo"\n')


def spaced_header(size: int) -> str:
    """A table header holding ``size`` spaces (a backtracking pattern was quadratic here)."""
    return f"[x{' ' * size}.y]\nz = 1\n"


def long_line(size: int) -> str:
    """One text value of ``size`` characters, then an unknown key."""
    return f'[[goals]]\nnote = "{"a" * size}"\n'


def deep_arrays(depth: int) -> str:
    """Arrays nested ``depth`` deep (tomllib recurses)."""
    return "x = " + "[" * depth + "]" * depth + "\n"


def _pack(folder: Path, goals: str, retarget: bool, split: bool = False) -> Path:
    """The test pack with ``goals`` as its goals; ``split`` spreads them over files below the
    size limit (a 10,000-goal chain is 2 MiB), each listed in the manifest."""
    pack = folder / "pack"
    shutil.copytree(VALID, pack)
    (pack / "goals.toml").write_text(goals, encoding="utf-8")
    if split:
        entries = goals.split("\n[[goals]]")
        files = []
        for part in range(0, len(entries), 3000):
            text = "\n[[goals]]".join(entries[part : part + 3000])
            name = f"goals{part // 3000}.toml"
            (pack / name).write_text(text if part == 0 else "[[goals]]" + text, encoding="utf-8")
            files.append(name)
        (pack / "goals.toml").unlink()
        manifest = (pack / "pack.toml").read_text(encoding="utf-8")
        listed = ", ".join(f'"{name}"' for name in ["documents.toml", *files, "network.toml"])
        manifest = manifest.replace(
            'files = ["documents.toml", "goals.toml", "network.toml"]', f"files = [{listed}]"
        )
        (pack / "pack.toml").write_text(manifest, encoding="utf-8")
    if retarget:  # the network file points at the goals 'main' and 'sub', gone here
        network = (pack / "network.toml").read_text(encoding="utf-8")
        network = network.replace('goal = "sub"', 'goal = "g0"').replace('to = "main"', 'to = "g0"')
        (pack / "network.toml").write_text(network, encoding="utf-8")
    return pack


def _load_and_show(pack: Path) -> str:
    from munintl.errors import PackDataError
    from munintl.packs import load_pack_dir
    from munintl.render import render_pack

    try:
        loaded = load_pack_dir(pack)
    except PackDataError as exc:
        return f"PackDataError ({len(exc.problems)} problems)"
    render_pack(loaded)
    return f"loaded and shown ({len(loaded.goals)} goals)"


def _load_and_check(pack: Path) -> str:
    from munintl.checks import check
    from munintl.packs import load_pack_dir

    loaded = load_pack_dir(pack)
    return f"loaded and checked ({len(check(loaded))} findings)"


def _word(i: int) -> str:
    """Letters of their own for goal i (the text pipeline keeps letters, not digits)."""
    return "".join(chr(ord("a") + (i // 26**k) % 26) for k in range(3))


def worded_chain(n: int) -> str:
    """n goals in a chain whose titles have enough words for the near-duplicate check (MI204)
    to judge them: a shared phrase plus words of their own."""
    return "\n".join(
        _goal(i, f"g{i - 1}" if i else None).replace(
            f'title = "Goal {i}"',
            f'title = "Styrke samarbeidet om {_word(i)}tema med {_word(i)}partner"',
        )
        for i in range(n)
    )


def inputs(size: int) -> dict[str, tuple[Callable[[], str], bool, float]]:
    """name -> (goals text, chain or cycle (retarget the network file, split), limit in s)."""
    return {
        f"chain of {size} goals: load + show": (lambda: chain(size), True, 2.0),
        f"cycle of {size} goals": (lambda: cycle(size), True, 2.0),
        f"chain of {size} worded goals: load + all checks": (
            lambda: worded_chain(size),
            True,
            2.0,
        ),
        "1 MiB of goals, each with an unknown key": (lambda: many_problems(MIB), False, 1.0),
        "1 MiB of valid goals, one unknown key at the end": (
            lambda: one_problem_at_the_end(MIB),
            False,
            1.0,
        ),
        "table header with 1,000,000 spaces": (lambda: spaced_header(10**6), False, 1.0),
        "one text of 1,000,000 characters": (lambda: long_line(10**6), False, 1.0),
        "arrays nested 100,000 deep": (lambda: deep_arrays(100_000), False, 1.0),
    }


def measure(size: int, repeats: int) -> list[tuple[str, float, float, str]]:
    rows = []
    for name, (make, retarget, limit) in inputs(size).items():
        with tempfile.TemporaryDirectory() as tmp:
            pack = _pack(Path(tmp), make(), retarget, split=retarget)
            times, outcome = [], ""
            for _ in range(repeats):
                start = time.perf_counter()
                run = _load_and_check if "checks" in name else _load_and_show
                outcome = run(pack)
                times.append(time.perf_counter() - start)
            rows.append((name, statistics.median(times), limit, outcome))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run per input")
    parser.add_argument("--size", type=int, default=10_000, help="goals in the chain and cycle")
    args = parser.parse_args(argv)
    rows = measure(args.size, 1 if args.quick else 3)
    print("| input | median s | limit s | verdict | outcome |")
    print("| --- | ---: | ---: | --- | --- |")
    over = 0
    for name, seconds, limit, outcome in rows:
        ok = seconds <= limit
        over += not ok
        print(f"| {name} | {seconds:.3f} | {limit:.1f} | {'met' if ok else 'MISSED'} | {outcome} |")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
