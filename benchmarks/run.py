"""Measure munintl: import time, the CLI, and every step from 3 to 10,000 municipalities.

Every figure is the median of repeated runs. In-process steps also get their peak memory
(tracemalloc, from one extra traced run that also warms the caches); whole processes get their
peak resident memory (ru_maxrss). Each size runs in a fresh worker process, whose own peak
resident memory is reported too. Synthetic packs come from ``generate.py`` and are written once
to pack directories in a cache folder.

At each size the same files are also read and parsed by each installed TOML parser (tomllib,
tomli, rtoml); the fastest is the machine-independent reference that issue 18's ratio targets
(load, and the whole pipeline, as multiples of it) are judged against. Every target is judged
twice, on wall and on CPU time, as the development machine is shared.

    python benchmarks/run.py            # the full run (several minutes, a few GiB at 10,000)
    python benchmarks/run.py --quick    # under a minute: small sizes, few repeats
    python benchmarks/run.py --sizes 357  # the N = 357 targets and the ratio targets
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

PARSERS = {"parse_tomllib": "tomllib", "parse_tomli": "tomli", "parse_rtoml": "rtoml"}
"""The well-kept TOML parsers timed on the same files as the load, step name -> module; the
fastest that is installed is the reference the load and the pipeline are measured against."""
STEPS = (
    "read",
    *PARSERS,
    "load_cold",
    "load",
    "network",
    "checks",
    "matrix",
    "matrix_full",
    "correspondences",
    "correspondences_all",
    "baseline",
    "pipeline",
)
STEP_TITLES = {
    "read": "read the TOML files (no parse)",
    **{step: f"parse with {module} (read + parse)" for step, module in PARSERS.items()},
    "load_cold": "load, disk cache off (pack dirs)",
    "load": "load, disk cache warm (pack dirs)",
    "network": "goal network",
    "checks": "all checks",
    "matrix": "similarity matrix, top 10",
    "matrix_full": "similarity matrix, full",
    "correspondences": "overlap(top=10): correspondences",
    "correspondences_all": "overlap(): all pairs, full matrix",
    "baseline": "naive baseline, top 10",
    "pipeline": "the pipeline as one run¹",
}
UNTRACED = frozenset(PARSERS)
"""Steps never run under tracemalloc: the parsers' own allocations are not munintl's, and
tracing slows the pure-Python parser several times over."""
TOP = 10
"""Neighbours kept per municipality by the top-k matrix, the overlap and the baseline."""
PIPELINE_357 = ("load", "network", "checks", "matrix_full", "correspondences")
"""The steps the N = 357 target adds up: load, goal network, checks, the full similarity matrix
and overlap(top=10) (correspondences between each municipality and its 10 nearest
neighbours)."""
END_TO_END = ("load", "network", "checks", "correspondences")
"""The N = 10,000 target's chain: load -> network -> checks -> overlap(top=10)."""
PRIMED = frozenset({"load"})
"""Steps run once untimed before timing: the disk cache of validated packs is then warm, as on
every load after a pack's first (``load_cold`` times the first, with the cache off)."""
PIPELINE = "pipeline"
PIPELINE_FIRST = "pipeline_first_run"
"""The pipeline's first run over packs validated before (``pipeline.py --first-run``)."""
"""The step measured by ``pipeline.py`` in fresh processes, not by the worker: the chain of
PIPELINE_357 (of END_TO_END above ``full_matrix_max``) run once per process, as a user runs
it. The targets on the whole pipeline, and on memory, are judged on it."""
NEAR_ONE = 1.2
"""A scaling slope 'near 1' (the N = 10,000 target): time grows at most as N to this power."""


# --- the machine --------------------------------------------------------------------------------


def code_state() -> str:
    """The commit measured, and the files changed since, if any (the tree is shared)."""

    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=HERE, capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = [line[3:] for line in git("status", "--porcelain", "--untracked-files=no",
                                         "--", "src").splitlines()]  # fmt: skip
    return commit + (f" + uncommitted changes in {', '.join(changed)}" if changed else "")


def machine() -> dict[str, str]:
    """CPU model, cores, memory and Python version of this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kib = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{mem_kib / 1024**2:.1f} GiB"
    except (OSError, StopIteration):
        memory = "?"
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": f"{platform.system()} {platform.release()}",
    }


# --- whole processes ----------------------------------------------------------------------------


def run_process(argv: Sequence[str]) -> tuple[float, float, int]:
    """Wall time (s), CPU time (s, user + system) and exit code of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.call(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, code


def peak_rss(argv: Sequence[str]) -> int | None:
    """Peak resident memory (bytes) of one run of a process, by ``/usr/bin/time``.

    Not ``os.wait4`` here: a child forked from this process inherits this process's peak as its
    own starting value on Linux, which would hide a small child's real peak.
    """
    if not Path("/usr/bin/time").exists():
        return None
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as out:
        subprocess.call(
            ["/usr/bin/time", "-f", "%M", "-o", out.name, *argv],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        text = out.read().strip().splitlines()
    return int(text[-1]) * 1024 if text and text[-1].isdigit() else None


def measure_processes(commands: dict[str, list[str]], repeats: int) -> dict[str, dict[str, Any]]:
    """Each command ``repeats`` times, interleaved so that a busy moment hits all alike."""
    runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    peaks = {name: peak_rss(argv) for name, argv in commands.items()}  # also warms caches
    for _ in range(repeats):
        for name, argv in commands.items():
            runs[name].append(run_process(argv))
    return {
        name: {
            "seconds": statistics.median(r[0] for r in result),
            "cpu_seconds": statistics.median(r[1] for r in result),
            "times": [r[0] for r in result],
            "peak_bytes": peaks[name],
            "exit_codes": sorted({r[2] for r in result}),
        }
        for name, result in runs.items()
    }


def munintl_script() -> str:
    """The installed ``munintl`` console script next to this Python."""
    script = Path(sys.executable).with_name("munintl")
    return str(script) if script.exists() else shutil.which("munintl") or "munintl"


# --- in-process steps (run by the worker, one process per size) ---------------------------------


def measure_step(function: Callable[[], Any], repeats: int, trace: bool) -> dict[str, Any]:
    """Median seconds over ``repeats`` runs; peak traced bytes from one extra traced run."""
    peak = None
    if trace:
        gc.collect()
        tracemalloc.start()
        result = function()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        del result
    times, cpu_times = [], []
    for _ in range(repeats):
        gc.collect()
        start, cpu_start = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
        del result
    return {
        "seconds": statistics.median(times),
        "cpu_seconds": statistics.median(cpu_times),
        "times": times,
        "peak_bytes": peak,
    }


def _parse_step(module_name: str, files: list[Path]) -> Callable[[], Any] | str:
    """Read and parse every file with one TOML parser, keeping nothing (at N = 10,000 the
    parsed tables would take gigabytes); the reason it is not run if it is not installed."""
    try:
        loads = import_module(module_name).loads
    except ImportError:
        return f"not installed (pip install {module_name})"

    def parse() -> int:
        return sum(len(loads(file.read_bytes().decode("utf-8"))) for file in files)

    return parse


def _steps(paths: list[Path], plan: dict[str, Any]) -> dict[str, Callable[[], Any] | str]:
    """The steps to time at one size: a function, or the reason the step is not run."""
    from baseline import naive_neighbours

    import munintl

    state: dict[str, Any] = {}
    count = len(paths)
    files = [file for path in paths for file in sorted(path.glob("*.toml"))]

    def load() -> list[Any]:
        state["packs"] = None  # let the previous run's packs go before loading again
        packs = [munintl.load_pack_dir(path) for path in paths]
        state["packs"] = packs
        return packs

    def load_cold() -> list[Any]:
        before = os.environ.get("MUNINTL_CACHE")
        os.environ["MUNINTL_CACHE"] = "off"
        try:
            return [munintl.load_pack_dir(path) for path in paths]
        finally:
            os.environ.pop("MUNINTL_CACHE")
            if before is not None:
                os.environ["MUNINTL_CACHE"] = before

    def packs() -> list[Any]:
        return list(state["packs"])

    steps: dict[str, Callable[[], Any] | str] = {
        "read": lambda: sum(len(file.read_bytes().decode("utf-8")) for file in files),
        **{step: _parse_step(module, files) for step, module in PARSERS.items()},
        "load_cold": load_cold,
        "load": load,
        "network": lambda: munintl.goal_network(*packs()),
        "checks": lambda: munintl.check(*packs()),
        "matrix": lambda: munintl.similarity_matrix(packs(), top=TOP),
        "matrix_full": (lambda: munintl.similarity_matrix(packs()))
        if count <= plan["full_matrix_max"]
        else f"not run above N={plan['full_matrix_max']:,} (N x N cells)",
        "correspondences": lambda: munintl.overlap(*packs(), top=TOP),
        "correspondences_all": (lambda: munintl.overlap(*packs()))
        if count <= plan["full_matrix_max"]
        else f"not run above N={plan['full_matrix_max']:,} (N x N cells, all pairs)",
        "baseline": (lambda: naive_neighbours(packs(), top=TOP))
        if count <= plan["baseline_max"]
        else f"not run above N={plan['baseline_max']:,} (quadratic in pure Python)",
    }
    steps[PIPELINE] = "measured in fresh processes (pipeline.py)"
    for name, reason in plan.get("skip", {}).items():
        steps[name] = reason
    for name in set(STEPS) - set(plan.get("steps") or STEPS):
        steps[name] = "not selected (--steps)"
    if isinstance(steps["load"], str):  # the other steps still need the packs: load untimed
        try:
            state["packs"] = [munintl.load_pack_dir(path) for path in paths]
        except Exception as exc:  # as a failing step: reported, the other sizes go on
            reason = f"failed: the packs do not load: {type(exc).__name__}: {exc}"[:200]
            for name in STEPS[STEPS.index("load") + 1 :]:
                steps[name] = steps[name] if isinstance(steps[name], str) else reason
    return steps


def warm_up(paths: list[Path], plan: dict[str, Any]) -> None:
    """Pay a process's one-off costs before timing: every step once on three packs (imports of
    munintl's modules, first-use caches), and numpy and scipy, which the fast engine imports
    only above a size. Otherwise a step's first run carries them, and with ``--no-trace`` and
    one repeat that run is the one reported."""
    for step in _steps(paths[:3], {**plan, "skip": {}}).values():
        if not isinstance(step, str):
            # A step that fails here fails again when timed, and is reported there.
            with contextlib.suppress(Exception):
                step()
    for module in ("numpy", "scipy.sparse"):
        with contextlib.suppress(ImportError):
            import_module(module)


def worker(count: int, repeats: int, cache: Path, plan: dict[str, Any]) -> dict[str, Any]:
    """Time every step at one size, in this (fresh) process."""
    from generate import ensure_pack_dirs

    paths = ensure_pack_dirs(count, cache)
    # The disk cache of validated packs starts empty in every worker, and never in ~/.cache.
    # It keeps packs only: a step repeated on the same packs would otherwise read what it
    # derived the time before (each pack's findings, goal units, ...) and time the disk, not
    # the work; the pipeline's figures say what the whole cache buys (pipeline.py).
    pack_cache = cache / f"pack-cache-{count}"
    shutil.rmtree(pack_cache, ignore_errors=True)
    os.environ["MUNINTL_CACHE_DIR"] = str(pack_cache)
    os.environ["MUNINTL_CACHE"] = "packs"
    warm_up(paths, plan)
    results: dict[str, Any] = {}
    for name, step in _steps(paths, plan).items():
        if isinstance(step, str):
            results[name] = {"skipped": step}
            continue
        try:
            if name in PRIMED:
                step()
            results[name] = measure_step(
                step,
                1 if name in plan.get("single", ()) else repeats,
                plan["trace"] and name not in UNTRACED and name not in plan.get("untraced", ()),
            )
        except Exception as exc:  # a step under development may break; report it, go on
            results[name] = {"skipped": f"failed: {type(exc).__name__}: {exc}"[:200]}
        print(f"  N={count:,} {name}: {_seconds(results[name].get('seconds'))}", flush=True)
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"count": count, "steps": results, "peak_rss_bytes": peak_rss}


def measure_pipeline(count: int, cache: Path, repeats: int, full_matrix: bool) -> dict[str, Any]:
    """The pipeline as one run, in ``repeats`` fresh processes (see ``pipeline.py``)."""
    import pipeline

    try:
        result: dict[str, Any] = pipeline.measure(count, cache, repeats, full_matrix)
        first = pipeline.measure(count, cache, repeats, full_matrix, first_run=True)
    except (subprocess.CalledProcessError, OSError) as exc:
        return {"skipped": f"failed: {type(exc).__name__}: {exc}"[:200]}
    result["first_run"] = first
    print(
        f"  N={count:,} pipeline, one run: {_seconds(result['seconds'])} "
        f"(a first run: {_seconds(first['seconds'])})",
        flush=True,
    )
    return result


def run_worker(count: int, repeats: int, cache: Path, plan: dict[str, Any]) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    argv = [sys.executable, __file__, "--worker", str(count), "--repeats", str(repeats)]
    argv += ["--cache", str(cache), "--worker-out", str(out), "--plan", json.dumps(plan)]
    try:
        subprocess.run(argv, check=True)
        result: dict[str, Any] = json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)
    return result


def predict(results: dict[int, Any], count: int) -> dict[str, float]:
    """Each step's predicted seconds for one run at ``count``, from the two largest sizes
    measured so far and the scaling seen between them (at least linear)."""
    done = sorted(n for n in results if n < count)
    if len(done) < 2:
        return {}
    a, b = done[-2], done[-1]
    predicted = {}
    for step in STEPS:
        t_a, t_b = step_value(results, a, step, "seconds"), step_value(results, b, step, "seconds")
        if t_b:
            predicted[step] = t_b * (count / b) ** max(1.0, slope(a, t_a, b, t_b) or 1.0)
    return predicted


def schedule(plan: dict[str, Any], predicted: dict[str, float], count: int) -> dict[str, Any]:
    """How to run each step at ``count``: skipped beyond the budget, one run without tracing
    when long (a traced run can take four times as long), else traced and repeated."""
    skip, untraced, single = {}, [], []
    for step, seconds in predicted.items():
        if seconds > plan["budget"]:
            skip[step] = f"skipped at N={count:,}: predicted {seconds:,.0f} s per run"
        if seconds > plan["trace_limit"]:
            untraced.append(step)
        if seconds > plan["single_limit"]:
            single.append(step)
    return {**plan, "skip": skip, "untraced": untraced, "single": single}


# --- report -------------------------------------------------------------------------------------


def slope(n1: int, t1: float | None, n2: int, t2: float | None) -> float | None:
    """The scaling exponent between two sizes: time grows as N to this power.

    >>> round(slope(100, 1.0, 1000, 10.0), 2), round(slope(100, 1.0, 1000, 100.0), 2)
    (1.0, 2.0)
    """
    if not t1 or not t2 or n1 == n2:
        return None
    return math.log(t2 / t1) / math.log(n2 / n1)


def _seconds(value: float | None) -> str:
    if value is None:
        return "–"
    if value < 0.01:
        return f"{value * 1000:.2f} ms"
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s"


def _mib(value: float | None) -> str:
    return "–" if value is None else f"{value / 1024**2:,.1f} MiB"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows, strict=True)]
    lines = [_row([h.ljust(w) for h, w in zip(header, widths, strict=True)])]
    lines.append(_row(["-" * w for w in widths]))
    lines += [_row([c.ljust(w) for c, w in zip(row, widths, strict=True)]) for row in rows]
    return lines


def step_value(sizes: dict[int, Any], count: int, step: str, key: str) -> float | None:
    value = sizes.get(count, {}).get("steps", {}).get(step, {}).get(key)
    return None if value is None else float(value)


def report(results: dict[str, Any]) -> str:
    """The printed report: machine, processes, steps by size, scaling exponents, targets."""
    lines = ["## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in results["machine"].items()]
    lines += [f"- mode: {results['mode']}, repeats: {results['repeats']}"]
    loads = results.get("load_average", {})
    if loads:
        lines += [
            "- load average (1 min) at start, at end: "
            + ", ".join(f"{loads[k]:.2f}" for k in ("start", "end") if k in loads)
            + f" (busy if above {results['machine']['cores']}: wall times then exceed CPU times)"
        ]
    lines += [""]

    lines += ["## Whole processes (median wall and CPU time, peak RSS)", ""]
    rows = []
    for name, r in results["processes"].items():
        if "skipped" in r:
            rows.append([name, "–", "–", "–", r["skipped"]])
        else:
            codes = ",".join(str(c) for c in r["exit_codes"])
            rows.append(
                [
                    name,
                    _seconds(r["seconds"]),
                    _seconds(r.get("cpu_seconds")),
                    _mib(r["peak_bytes"]),
                    f"exit {codes}",
                ]
            )
    lines += [*_table(["command", "wall", "CPU", "peak RSS", "note"], rows), ""]

    sizes = {int(k): v for k, v in results["sizes"].items()}
    counts = sorted(sizes)
    pairs = list(itertools.pairwise(counts))
    lines += ["## Steps by number of municipalities (median time; slope = scaling exponent)", ""]
    header = ["step", *(f"N={n:,}" for n in counts), *(f"slope {a:,}→{b:,}" for a, b in pairs)]
    rows = []
    single = False
    for step in STEPS:
        cells = []
        for n in counts:
            runs = sizes[n]["steps"].get(step, {}).get("times", [])
            mark = "¹" if len(runs) == 1 and results["repeats"] > 1 else ""
            single = single or bool(mark)
            cells.append(_seconds(step_value(sizes, n, step, "seconds")) + mark)
        slopes = [
            slope(
                a, step_value(sizes, a, step, "seconds"), b, step_value(sizes, b, step, "seconds")
            )
            for a, b in pairs
        ]
        rows.append(
            [
                STEP_TITLES[step],
                *cells,
                *("–" if s is None else f"{s:.2f}" for s in slopes),
            ]
        )
    lines += [*_table(header, rows), ""]
    if single:
        lines += ["¹ one run only: predicted to take over two minutes at this size.", ""]

    lines += ["## CPU time of the same steps (median; equals wall time on an idle machine)", ""]
    rows = [
        [STEP_TITLES[step], *(_seconds(step_value(sizes, n, step, "cpu_seconds")) for n in counts)]
        for step in STEPS
    ]
    lines += [*_table(["step", *(f"N={n:,}" for n in counts)], rows), ""]

    lines += ["## Peak memory by step (tracemalloc) and of each worker process (RSS)", ""]
    rows = []
    for step in STEPS:
        rows.append(
            [STEP_TITLES[step], *(_mib(step_value(sizes, n, step, "peak_bytes")) for n in counts)]
        )
    rows.append(["worker process RSS", *(_mib(sizes[n].get("peak_rss_bytes")) for n in counts)])
    lines += [*_table(["step", *(f"N={n:,}" for n in counts)], rows), ""]
    lines += [
        "A step without a traced peak was predicted to take over "
        f"{results.get('trace_limit', 30):.0f} s (tracing slows it up to four times), or is a "
        "TOML parser (not munintl's memory); the worker's RSS covers it."
        if results.get("trace", True)
        else "Run with --no-trace: worker RSS only.",
        "",
    ]

    skipped = {
        f"{STEP_TITLES[step]}: {info['skipped']}"
        for n in counts
        for step, info in sizes[n]["steps"].items()
        if "skipped" in info
    }
    if skipped:
        lines += ["Not measured:", *(f"- {s}" for s in sorted(skipped)), ""]

    header, rows = pipeline_rows(sizes)
    if rows and len(header) > 1:
        lines += ["## The pipeline as one run (a fresh process per run, medians)", ""]
        lines += [*_table(header, rows), ""]
        lines += [
            "¹ " + " → ".join(PIPELINE_357) + " in one fresh process, as a user runs it "
            "(benchmarks/pipeline.py): what a step leaves to the next (the garbage collector's "
            "work on the loaded packs, what one step works out for another) is in this figure "
            "and in no step's. Where the full matrix is not run, it is left out of the chain "
            "(the N=10,000 target's: " + " → ".join(END_TO_END) + ").",
            "",
            "The disk cache is warm: each run is a second run over unchanged packs on one day, "
            "reading the validated packs and what was derived from them (findings, goal units "
            "and features). ² A first run: the packs were validated before, but what is "
            "derived from them is worked out and stored (pipeline.py --first-run).",
            "",
        ]
    lines += ["## Against the fastest TOML parser (same files, same run)", ""]
    lines += [*_table(_RATIO_HEADER, ratio_rows(sizes)), ""]
    lines += [
        "Parse: read and parse every file of the packs with that parser (the load reads them "
        "too). Pipeline, one run: see above. Steps' sum: the same steps' medians, each timed "
        "on its own after a full collection. Ratios of wall medians, of CPU medians in "
        "brackets.",
        "",
    ]

    lines += ["## Targets (issue 18)", ""]
    lines += [*_table(TARGET_HEADER, targets(results)), ""]
    if loads and max(loads.values()) > float(results["machine"]["cores"]):
        lines += [
            f"The machine was busy (load average up to {max(loads.values()):.1f} on "
            f"{results['machine']['cores']} cores): wall times are inflated; the CPU times "
            "are closer to what an idle machine gives (above it where numpy uses both cores).",
            "",
        ]
    lines += ["## Earlier targets (issue 9)", ""]
    lines += [*_table(["target", "measured", "verdict"], earlier_targets(results)), ""]
    return "\n".join(lines)


_RATIO_HEADER = ["N", "fastest parser", "parse", "load", "load ÷ parse", "pipeline, one run",
                 "pipeline ÷ parse", "steps' sum ÷ parse"]  # fmt: skip


def step_sum(sizes: dict[int, Any], count: int, steps: Sequence[str], key: str) -> float | None:
    """The steps' total at one size, or None if any of them was not measured."""
    parts = [step_value(sizes, count, step, key) for step in steps]
    return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)


def fastest_parser(sizes: dict[int, Any], count: int) -> tuple[str, float, float] | None:
    """(parser, wall median, CPU median) of the fastest TOML parser measured at one size.

    >>> sizes = {9: {"steps": {"parse_tomli": {"seconds": 2.0, "cpu_seconds": 1.9},
    ...                        "parse_rtoml": {"seconds": 0.5, "cpu_seconds": 0.4}}}}
    >>> fastest_parser(sizes, 9)
    ('rtoml', 0.5, 0.4)
    """
    measured = [
        (seconds, PARSERS[step], step_value(sizes, count, step, "cpu_seconds") or seconds)
        for step in PARSERS
        if (seconds := step_value(sizes, count, step, "seconds")) is not None
    ]
    if not measured:
        return None
    seconds, name, cpu = min(measured)
    return name, seconds, cpu


def _ratio(sizes: dict[int, Any], count: int, steps: Sequence[str]) -> tuple[float, float] | None:
    """(wall, CPU) of the steps' total over the fastest parse at one size."""
    parser = fastest_parser(sizes, count)
    wall, cpu = (
        step_sum(sizes, count, steps, "seconds"),
        step_sum(sizes, count, steps, "cpu_seconds"),
    )
    if parser is None or wall is None:
        return None
    return wall / parser[1], (cpu if cpu is not None else wall) / parser[2]


def _times(pair: tuple[float, float] | None) -> str:
    return "–" if pair is None else f"{pair[0]:.1f} × ({pair[1]:.1f} ×)"


def ratio_rows(sizes: dict[int, Any]) -> list[list[str]]:
    """Per size: the fastest parser and its time, the load, pipeline and end to end over it."""
    rows = []
    for count in sorted(sizes):
        parser = fastest_parser(sizes, count)
        if parser is None:
            continue
        rows.append(
            [
                f"{count:,}",
                parser[0],
                _seconds(parser[1]),
                _seconds(step_value(sizes, count, "load", "seconds")),
                _times(_ratio(sizes, count, ("load",))),
                _seconds(step_value(sizes, count, PIPELINE, "seconds")),
                _times(_ratio(sizes, count, (PIPELINE,))),
                _times(_ratio(sizes, count, _chain_steps(sizes, count))),
            ]
        )
    return rows


def _chain_steps(sizes: dict[int, Any], count: int) -> tuple[str, ...]:
    """The steps the pipeline chains at one size: with the full matrix where it was run."""
    ran = step_value(sizes, count, "matrix_full", "seconds") is not None
    return PIPELINE_357 if ran else END_TO_END


def pipeline_rows(sizes: dict[int, Any]) -> tuple[list[str], list[list[str]]]:
    """The one-run pipeline's phases (median wall time), total, CPU and peak RSS, by size."""
    counts = [n for n in sorted(sizes) if step_value(sizes, n, PIPELINE, "seconds") is not None]
    runs = {n: sizes[n]["steps"][PIPELINE] for n in counts}
    rows = [
        [
            STEP_TITLES[phase],
            *(_seconds(runs[n].get("phase_seconds", {}).get(phase)) for n in counts),
        ]
        for phase in PIPELINE_357
    ]
    first = {n: runs[n].get("first_run", {}) for n in counts}
    rows += [
        [
            "disk cache writes still under way, waited for",
            *(_seconds(runs[n].get("phase_seconds", {}).get("stored")) for n in counts),
        ],
        ["total (median of the runs)", *(_seconds(runs[n]["seconds"]) for n in counts)],
        ["total, CPU", *(_seconds(runs[n].get("cpu_seconds")) for n in counts)],
        ["total, a first run² (median)", *(_seconds(first[n].get("seconds")) for n in counts)],
        ["total, a first run², CPU", *(_seconds(first[n].get("cpu_seconds")) for n in counts)],
        ["runs (fresh processes)", *(str(len(runs[n].get("times", ()))) for n in counts)],
        ["peak RSS (largest of the runs)", *(_mib(runs[n].get("peak_rss_bytes")) for n in counts)],
    ]
    return ["phase", *(f"N={n:,}" for n in counts)], rows


def _verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("met" if ok else "MISSED")


def _judge(wall: float | None, cpu: float | None, ok: Callable[[float], bool]) -> list[str]:
    """The verdicts on the wall and on the CPU figure."""
    return [_verdict(None if v is None else ok(v)) for v in (wall, cpu)]


def _under(
    sizes: dict[int, Any], count: int, steps: Sequence[str], limit: float, *, or_equal: bool = False
) -> list[str]:
    """[the steps' total wall and CPU time, verdicts of total < limit (or <=) on each]."""
    wall, cpu = (step_sum(sizes, count, steps, key) for key in ("seconds", "cpu_seconds"))
    measured = (
        "– (steps missing)"
        if wall is None
        else _seconds(wall) + ("" if cpu is None else f" (CPU {_seconds(cpu)})")
    )
    return [measured, *_judge(wall, cpu, lambda t: t <= limit if or_equal else t < limit)]


def _at_most_times(sizes: dict[int, Any], steps: Sequence[str], limit: float) -> list[str]:
    """[the steps' total over the fastest parse at N = 357, verdicts of ratio <= limit]."""
    parser, ratio = fastest_parser(sizes, 357), _ratio(sizes, 357, steps)
    if parser is None or ratio is None:
        return ["– (parse or steps missing)", *_judge(None, None, bool)]
    total = step_sum(sizes, 357, steps, "seconds") or 0.0
    measured = (
        f"{ratio[0]:.2f} × ({_seconds(total)} ÷ {parser[0]} {_seconds(parser[1])}; "
        f"CPU {ratio[1]:.2f} ×)"
    )
    return [measured, *_judge(*ratio, lambda r: r <= limit)]


TARGET_HEADER = ["target", "measured", "verdict (wall)", "verdict (CPU)"]


def targets(results: dict[str, Any]) -> list[list[str]]:
    """Each target of issue 18 as it states it, with what this run measured and the verdicts
    on wall and on CPU time; a size's targets appear only when that size was measured."""
    rows: list[list[str]] = []
    sizes = {int(k): v for k, v in results["sizes"].items()}
    if 357 in sizes:
        rows += [
            ["N=357 load+network+checks+full matrix+overlap(top=10) < 3 s",
             *_under(sizes, 357, (PIPELINE,), 3.0)],
            ["(the same, as the sum of each step's median)",
             *_under(sizes, 357, PIPELINE_357, 3.0)],
            ["(the same, a first run: nothing derived from the packs on disk yet)",
             *_under(sizes, 357, (PIPELINE_FIRST,), 3.0)],
            ["N=357 whole pipeline ≤ 5 × the fastest TOML parse of the same files",
             *_at_most_times(sizes, (PIPELINE,), 5.0)],
            ["(the same, as the sum of each step's median)",
             *_at_most_times(sizes, PIPELINE_357, 5.0)],
            ["(the same, a first run: nothing derived from the packs on disk yet)",
             *_at_most_times(sizes, (PIPELINE_FIRST,), 5.0)],
            ["N=357 load ≤ 2 × the fastest TOML parse", *_at_most_times(sizes, ("load",), 2.0)],
            ["(the same, the disk cache off: every pack's first load)",
             *_at_most_times(sizes, ("load_cold",), 2.0)],
            ["(N=357 pipeline < 3 s, the disk cache off)",
             *_under(sizes, 357, ("load_cold", *PIPELINE_357[1:]), 3.0)],
            ["N=357 goal network ≤ 0.3 s", *_under(sizes, 357, ("network",), 0.3, or_equal=True)],
            ["N=357 overlap() without options < 10 s (or a documented default)",
             *_under(sizes, 357, ("correspondences_all",), 10.0)],
        ]  # fmt: skip
    if 10_000 in sizes:
        rss = _pipeline_rss(sizes, 10_000)
        rows += [
            ["N=10,000 end to end (load → network → checks → overlap(top=10)) < 60 s",
             *_under(sizes, 10_000, (PIPELINE,), 60.0)],
            ["(the same, as the sum of each step's median)",
             *_under(sizes, 10_000, END_TO_END, 60.0)],
            ["(the same, a first run: nothing derived from the packs on disk yet)",
             *_under(sizes, 10_000, (PIPELINE_FIRST,), 60.0)],
            ["N=10,000 end to end < 8 GiB (peak RSS of the one-run pipeline)",
             _mib(rss), *_judge(rss, rss, lambda b: b < 8 * 1024**3)],
            [f"N=10,000 scaling slopes near 1 (each end-to-end step ≤ {NEAR_ONE})",
             *_slopes(sizes, 10_000)],
        ]  # fmt: skip
    return rows + _process_targets(results["processes"])


def _pipeline_rss(sizes: dict[int, Any], count: int) -> float | None:
    return step_value(sizes, count, PIPELINE, "peak_rss_bytes")


def _process_targets(procs: dict[str, Any]) -> list[list[str]]:
    """The import-time and CLI targets, from the whole-process measurements."""
    rows = []
    base, mine = procs.get("import attrs, cattrs", {}), procs.get("import munintl", {})
    wall = cpu = None
    if base.get("seconds") and "seconds" in mine:
        wall = mine["seconds"] / base["seconds"]
    if base.get("cpu_seconds") and "cpu_seconds" in mine:
        cpu = mine["cpu_seconds"] / base["cpu_seconds"]
    measured = "–" if wall is None else f"{wall:.2f} ×"
    measured += "" if cpu is None else f" (CPU {cpu:.2f} ×)"
    rows.append(
        [
            "import munintl < 1.5 × import attrs, cattrs",
            measured,
            *_judge(wall, cpu, lambda r: r < 1.5),
        ]
    )
    cli = procs.get("munintl check bergen oslo hamar", {})
    wall, cpu = cli.get("seconds"), cli.get("cpu_seconds")
    rows.append(
        [
            "munintl check bergen oslo hamar < 0.5 s",
            _seconds(wall) + ("" if cpu is None else f" (CPU {_seconds(cpu)})"),
            *_judge(wall, cpu, lambda t: t < 0.5),
        ]
    )
    return rows


def _slopes(sizes: dict[int, Any], count: int) -> list[str]:
    """Each end-to-end step's scaling exponent (wall; CPU in brackets) from the largest
    smaller size measured to ``count``, and the verdicts that all are near 1."""
    smaller = [n for n in sizes if n < count and step_sum(sizes, n, END_TO_END, "seconds")]
    if not smaller:
        return ["– (no smaller size)", *_judge(None, None, bool)]
    start = max(smaller)
    found = {
        key: {
            step: slope(
                start,
                step_value(sizes, start, step, key),
                count,
                step_value(sizes, count, step, key),
            )
            for step in END_TO_END
        }
        for key in ("seconds", "cpu_seconds")
    }

    def worst(key: str) -> float | None:
        known = [s for s in found[key].values() if s is not None]
        return max(known) if len(known) == len(END_TO_END) else None

    shown = ", ".join(
        f"{step} {_slope(found['seconds'][step])} ({_slope(found['cpu_seconds'][step])})"
        for step in END_TO_END
    )
    return [
        f"{shown} from N={start:,}",
        *_judge(worst("seconds"), worst("cpu_seconds"), lambda s: s <= NEAR_ONE),
    ]


def _slope(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def earlier_targets(results: dict[str, Any]) -> list[list[str]]:
    """The targets of issue 9 not restated by issue 18, with this run's measurements."""
    rows: list[list[str]] = []
    sizes = {int(k): v for k, v in results["sizes"].items()}
    if 357 in sizes:
        rss = _pipeline_rss(sizes, 357)
        rows.append(
            [
                "N=357 < 1 GiB (peak RSS of the one-run pipeline)",
                _mib(rss),
                _verdict(None if rss is None else rss < 1024**3),
            ]
        )
    if 10_000 in sizes:
        seconds = step_value(sizes, 10_000, "matrix", "seconds")
        rows.append(
            [
                "N=10,000 matrix (top 10) < 60 s",
                _seconds(seconds),
                _verdict(None if seconds is None else seconds < 60),
            ]
        )
    if 1_000 in sizes and 10_000 in sizes:
        for step in ("load", "checks"):
            a = step_value(sizes, 1_000, step, "seconds")
            b = step_value(sizes, 10_000, step, "seconds")
            ratio = b / a if a and b else None
            rows.append(
                [
                    f"{step}: 10× packs ≤ 12× time",
                    "–" if ratio is None else f"{ratio:.1f} ×",
                    _verdict(None if ratio is None else ratio <= 12),
                ]
            )
    largest = max((n for n in sizes if step_value(sizes, n, "baseline", "seconds")), default=None)
    if largest is not None:
        a = step_value(sizes, largest, "baseline", "seconds")
        b = step_value(sizes, largest, "matrix", "seconds")
        speedup = a / b if a and b else None
        label = f"top-10 matrix at N={largest:,} ≥ 5 × faster than naive"
        # The target is set at N = 3,000: below it the fixed costs of the engine dominate.
        rows.append(
            [
                label,
                "–" if speedup is None else f"{speedup:.1f} ×",
                _verdict(speedup >= 5)
                if speedup is not None and largest >= 3_000
                else "the target is at N=3,000",
            ]
        )
    return rows


# --- main ---------------------------------------------------------------------------------------


FULL = {
    "sizes": (3, 357, 1_000, 3_000, 10_000),
    "baseline_max": 3_000,
    "full_matrix_max": 1_000,
    "repeats": 5,
    "big_repeats": 3,
    "process_repeats": 15,
    "pipeline_repeats": 5,
    "big_pipeline_repeats": 2,
    "budget": 900.0,
    "trace_limit": 30.0,
    "single_limit": 120.0,
}
QUICK = {
    "sizes": (3, 30, 120),
    "baseline_max": 120,
    "full_matrix_max": 120,
    "repeats": 2,
    "big_repeats": 2,
    "process_repeats": 3,
    "pipeline_repeats": 2,
    "big_pipeline_repeats": 2,
    "budget": 20.0,
    "trace_limit": 5.0,
    "single_limit": 10.0,
}


def _step_names(text: str) -> list[str]:
    """The steps named in ``--steps``, refusing unknown names.

    >>> _step_names("load, network")
    ['load', 'network']
    """
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in STEPS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown steps {', '.join(unknown)}; known: {', '.join(STEPS)}"
        )
    return names


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats (<1 min)")
    parser.add_argument("--sizes", help="comma-separated numbers of municipalities")
    parser.add_argument("--repeats", type=int, help="timed runs per step (median is reported)")
    parser.add_argument("--cache", type=Path, help="folder for the generated pack directories")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument(
        "--budget",
        type=float,
        help="skip a step whose one run is predicted "
        "to take longer than this many seconds (default 900; 20 with --quick)",
    )
    parser.add_argument(
        "--steps",
        type=_step_names,
        help="comma-separated steps to time (default all): " + ", ".join(STEPS),
    )
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--worker-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--plan", type=json.loads, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    cache = args.cache or Path(tempfile.gettempdir()) / "munintl-benchmarks"
    if args.worker is not None:
        result = worker(args.worker, args.repeats or 1, cache, args.plan)
        args.worker_out.write_text(json.dumps(result))
        return 0

    plan: dict[str, Any] = dict(QUICK if args.quick else FULL)
    plan["trace"] = not args.no_trace
    plan["budget"] = args.budget or plan["budget"]
    plan["steps"] = args.steps
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(plan["sizes"])
    results: dict[str, Any] = {
        "machine": machine(),
        "mode": "quick" if args.quick else "full",
        "repeats": args.repeats or plan["repeats"],
        "trace_limit": plan["trace_limit"],
        "trace": plan["trace"],
        "processes": {},
        "sizes": {},
    }
    results["machine"]["code"] = code_state()
    results["load_average"] = {"start": os.getloadavg()[0]}
    print(f"# munintl benchmarks ({results['mode']})", flush=True)

    python = sys.executable
    commands = {
        "python -c pass": [python, "-c", "pass"],
        "import attrs, cattrs": [python, "-c", "import attrs, cattrs"],
        "import munintl": [python, "-c", "import munintl"],
    }
    commands["munintl check bergen oslo hamar"] = [
        munintl_script(),
        "check",
        "bergen",
        "oslo",
        "hamar",
    ]
    repeats = args.repeats or plan["process_repeats"]
    results["processes"] = measure_processes(commands, repeats)

    from generate import ensure_pack_dirs

    start = time.perf_counter()
    ensure_pack_dirs(max(sizes), cache)
    print(f"pack directories ready in {time.perf_counter() - start:.1f} s ({cache})", flush=True)
    for count in sizes:
        repeats = args.repeats or (plan["repeats"] if count <= 1_000 else plan["big_repeats"])
        start = time.perf_counter()
        sized = schedule(plan, predict(results["sizes"], count), count)
        results["sizes"][count] = run_worker(count, repeats, cache, sized)
        if plan["steps"] is None or PIPELINE in plan["steps"]:
            runs = args.repeats or plan[f"{'' if count <= 1_000 else 'big_'}pipeline_repeats"]
            full = count <= plan["full_matrix_max"]
            measured = measure_pipeline(count, cache, runs, full)
            results["sizes"][count]["steps"][PIPELINE] = measured
            if "first_run" in measured:
                results["sizes"][count]["steps"][PIPELINE_FIRST] = measured["first_run"]
        print(f"N={count:,} done in {time.perf_counter() - start:.1f} s", flush=True)

    results["load_average"]["end"] = os.getloadavg()[0]
    results["targets"] = {"issue 18": targets(results), "issue 9": earlier_targets(results)}
    print()
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
