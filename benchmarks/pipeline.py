"""Time munintl's pipeline as a user runs it: one chain of calls in one fresh process.

``run.py`` times each step on its own, repeatedly, after a full garbage collection; that is
right for finding which step costs what, but a user's run is one chain: load, then the goal
network, the checks, the full similarity matrix and overlap(top=10), one after the other in
one process. What the steps leave behind (the collector's work on the loaded packs, what
one step works out for the next) is in this figure and in no step's. Each run is a fresh
process: imports and first-use caches are paid on three packs before the clock starts (as
``run.py``'s worker does), and the process's peak resident memory is its own.

The disk cache (munintl.disk_cache) is warm: an untimed process first runs the chain once, so
each timed run is a user's second run over unchanged packs on one day (validated packs, and
what is derived from them: each pack's findings, goal units and features, are read from
disk). With ``--first-run`` the derived entries are removed before each timed run: a first
run over packs validated before, which works them out and stores them.

    python benchmarks/pipeline.py 357                 # five runs, medians printed
    python benchmarks/pipeline.py 357 --first-run
    python benchmarks/pipeline.py 10000 --repeats 1 --no-full-matrix
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

TOP = 10
PHASES = ("load", "network", "checks", "matrix_full", "correspondences", "stored")
"""The chain, in order; ``matrix_full`` is left out where the N x N matrix is too big.
``stored`` waits for the disk cache's writes still under way (a process waits for them at
exit): a first run's cost is all in the figure."""


def chain(paths: Sequence[Path], full_matrix: bool) -> dict[str, Callable[[Any], Any]]:
    """Each phase as a function of the packs loaded by the first (which ignores its input)."""
    import munintl
    import munintl.disk_cache

    phases: dict[str, Callable[[Any], Any]] = {
        "load": lambda _: [munintl.load_pack_dir(path) for path in paths],
        "network": lambda packs: munintl.goal_network(*packs),
        "checks": lambda packs: munintl.check(*packs),
        "matrix_full": lambda packs: munintl.similarity_matrix(packs),
        "correspondences": lambda packs: munintl.overlap(*packs, top=TOP),
        "stored": lambda _: munintl.disk_cache.flush(),
    }
    if not full_matrix:
        del phases["matrix_full"]
    return phases


def run_chain(paths: Sequence[Path], full_matrix: bool) -> dict[str, Any]:
    """Run the chain once, timing each phase (wall and CPU); the packs are kept throughout
    and every result until the end, as a program holding them would."""
    packs: Any = None
    kept = []
    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for name, phase in chain(paths, full_matrix).items():
        start, cpu_start = time.perf_counter(), time.process_time()
        result = phase(packs)
        wall[name] = time.perf_counter() - start
        cpu[name] = time.process_time() - cpu_start
        if name == "load":
            packs = result
        kept.append(result)
    return {"wall": wall, "cpu": cpu}


def child(count: int, cache: Path, full_matrix: bool, prime: bool) -> dict[str, Any]:
    """In a fresh process: pay the one-off costs on three packs, then time one chain; or,
    with ``prime``, run the chain once untimed (filling the disk cache where an entry is
    missing or stale, as after any change to munintl's code)."""
    from generate import ensure_pack_dirs

    paths = ensure_pack_dirs(count, cache)
    if prime:
        run_chain(paths, full_matrix)
        return {}
    run_chain(paths[:3], full_matrix)
    for module in ("numpy", "scipy.sparse"):  # the fast engine imports them above a size
        with contextlib.suppress(ImportError):
            import_module(module)
    gc.collect()
    timed = run_chain(paths, full_matrix)
    timed["peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return timed


def pack_cache(count: int, cache: Path) -> Path:
    """The disk cache of validated packs this size uses (the one run.py's worker fills)."""
    return cache / f"pack-cache-{count}"


def _run_child(count: int, cache: Path, full_matrix: bool, prime: bool = False) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    argv = [sys.executable, __file__, str(count), "--cache", str(cache), "--child", str(out)]
    argv += [] if full_matrix else ["--no-full-matrix"]
    argv += ["--prime"] if prime else []
    env = {**os.environ, "MUNINTL_CACHE_DIR": str(pack_cache(count, cache))}
    env.pop("MUNINTL_CACHE", None)
    try:
        subprocess.run(argv, check=True, env=env)
        result: dict[str, Any] = json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)
    return result


def forget_derived(count: int, cache: Path) -> int:
    """Remove what the disk cache derived from the packs (its database, ``derived.sqlite3``
    and the files SQLite keeps beside it), keeping the validated packs (``<folder>.pickle``);
    how many files went."""
    gone = 0
    for entry in pack_cache(count, cache).glob("derived.sqlite3*"):
        entry.unlink(missing_ok=True)
        gone += 1
    return gone


def measure(
    count: int, cache: Path, repeats: int, full_matrix: bool, first_run: bool = False
) -> dict[str, Any]:
    """Medians over ``repeats`` fresh processes: the chain's total and each phase, wall and
    CPU, and the largest peak RSS. An untimed process first runs the chain, so that the disk
    cache holds a current entry for each pack and what is derived from it; with
    ``first_run``, the derived entries are removed before each timed run."""
    _run_child(count, cache, full_matrix, prime=True)
    runs = []
    for _ in range(repeats):
        if first_run:
            forget_derived(count, cache)
        runs.append(_run_child(count, cache, full_matrix))
    names = list(runs[0]["wall"])
    totals = [sum(r["wall"].values()) for r in runs]
    cpu_totals = [sum(r["cpu"].values()) for r in runs]
    return {
        "phases": names,
        "seconds": statistics.median(totals),
        "cpu_seconds": statistics.median(cpu_totals),
        "times": totals,
        "phase_seconds": {n: statistics.median(r["wall"][n] for r in runs) for n in names},
        "phase_cpu_seconds": {n: statistics.median(r["cpu"][n] for r in runs) for n in names},
        "peak_rss_bytes": max(r["peak_rss_bytes"] for r in runs),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of municipalities")
    parser.add_argument("--repeats", type=int, default=5, help="fresh processes (median)")
    parser.add_argument("--cache", type=Path, help="folder of the generated pack directories")
    parser.add_argument("--no-full-matrix", action="store_true", help="leave out matrix_full")
    parser.add_argument("--json", type=Path, help="also write the result here")
    parser.add_argument(
        "--first-run",
        action="store_true",
        help="remove what the disk cache derived from the packs before each run",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--prime", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    cache = args.cache or Path(tempfile.gettempdir()) / "munintl-benchmarks"
    full_matrix = not args.no_full_matrix
    if args.child is not None:
        result = child(args.count, cache, full_matrix, prime=args.prime)
        args.child.write_text(json.dumps(result))
        return 0
    result = measure(args.count, cache, args.repeats, full_matrix, args.first_run)
    phases = ", ".join(f"{n} {result['phase_seconds'][n]:.3f} s" for n in result["phases"])
    print(
        f"N={args.count:,}: {result['seconds']:.3f} s (CPU {result['cpu_seconds']:.3f} s) "
        f"over {args.repeats} fresh processes{' (first runs)' if args.first_run else ''}; "
        f"{phases}; "
        f"peak RSS {result['peak_rss_bytes'] / 2**20:,.0f} MiB"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
