"""Measure loading against parsing: ``load_pack_dir`` on N synthetic packs beside the time each
installed TOML parser takes to parse the same files (issue 18: load at most 2x the fastest).

    python benchmarks/load_vs_parser.py             # N=357, median of 3 runs
    python benchmarks/load_vs_parser.py --count 30  # small, for development

Packs come from ``generate.py`` (written once to a cache folder). Files are read into memory
first, so that the parsers are timed on text, as the loader parses text.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def parsers() -> dict[str, Callable[[str], Any]]:
    """Every TOML parser installed, by name."""
    import tomllib

    found: dict[str, Callable[[str], Any]] = {"tomllib": tomllib.loads}
    try:
        import tomli

        found["tomli"] = tomli.loads
    except ImportError:
        pass
    try:
        import rtoml

        found["rtoml"] = rtoml.loads
    except ImportError:
        pass
    return found


def median_time(function: Callable[[], Any], repeats: int) -> float:
    """The median time of ``repeats`` runs, or the fastest with ``--fastest`` (on a machine
    shared with other jobs the fastest run is the one least disturbed by them)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times) if FASTEST else statistics.median(times)


FASTEST = False


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=357, help="synthetic packs (default 357)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "munintl-bm")
    parser.add_argument("--fastest", action="store_true", help="report the fastest run")
    args = parser.parse_args(argv)
    global FASTEST
    FASTEST = args.fastest

    from generate import ensure_pack_dirs

    import munintl

    paths = ensure_pack_dirs(args.count, args.cache)
    texts = [f.read_text(encoding="utf-8") for p in paths for f in sorted(p.glob("*.toml"))]
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"N={args.count}: {len(texts)} files, {size / 1e6:.1f} MB of TOML")
    print("| step | median s | x fastest parser |")
    print("| --- | ---: | ---: |")
    timings = {
        f"parse with {name}": median_time(
            lambda loads=loads: [loads(t) for t in texts], args.repeats
        )
        for name, loads in parsers().items()
    }
    fastest = min(timings.values())
    try:  # absent before the loader had its own parse step (to measure older code too)
        from munintl._toml import parse

        timings["munintl._toml.parse (the loader's parse)"] = median_time(
            lambda: [parse(t, pack="p", file="f") for t in texts], args.repeats
        )
    except ImportError:
        pass
    timings["load_pack_dir, every pack"] = median_time(
        lambda: [munintl.load_pack_dir(p) for p in paths], args.repeats
    )
    for name, seconds in timings.items():
        print(f"| {name} | {seconds:.3f} | {seconds / fastest:.2f} |")
    ratio = timings["load_pack_dir, every pack"] / fastest
    print(f"\nload / fastest parser = {ratio:.2f} (target: at most 2)")
    return 0 if ratio <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
