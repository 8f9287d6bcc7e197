"""Alignment checks: run the linter for strategies on the bundled packs and read its findings.

    python examples/03_alignment_checks.py [PACK ...] [--as-of DATE] [--out DIR]

Writes: findings.json

Each finding is plain data: a stable code, a severity, the pack and entity it is about, a
one-line message and a hint on how to fix it. The JSON report is the one
``munintl check --format json`` prints, for a CI job or a spreadsheet.
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from pathlib import Path

import munintl
from munintl.checks import CHECKS, parse_as_of
from munintl.findings import Severity, to_json_document


def out_dir(given: str | None) -> Path:
    """--out, else $MUNINTL_EXAMPLES_OUT, else examples/out/ beside this script."""
    folder = Path(given or os.environ.get("MUNINTL_EXAMPLES_OUT") or Path(__file__).parent / "out")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packs", nargs="*", default=["bergen", "oslo", "hamar"])
    parser.add_argument("--as-of", help="judge periods and statuses on this date (default today)")
    parser.add_argument("--out", help="folder for the files written")
    args = parser.parse_args()

    packs = munintl.load_packs(args.packs)
    as_of = parse_as_of(args.as_of)
    findings = munintl.check(
        *packs, as_of=as_of
    )  # worst first; select=/ignore= take codes or prefixes
    print(f"{len(CHECKS)} checks on {', '.join(p.municipality.name for p in packs)}, as of {as_of}")

    # Counts per municipality and severity.
    counts = Counter((f.pack, f.severity) for f in findings)
    for pack in packs:
        row = ", ".join(f"{counts[pack.name, s]} {s.value}" for s in Severity)
        print(f"  {pack.municipality.name:<8} {row}")

    # The codes that fire most, with what each check looks for.
    print("\nMost frequent:")
    for code, n in Counter(f.code for f in findings).most_common(5):
        print(f"  {code} {CHECKS[code].name:<30} {n:>3}  {CHECKS[code].why}")

    # One finding in full: what, about what, why, and how to fix it.
    if findings:
        worst = findings[0]
        about = f"{worst.pack}, {worst.subject_kind} {worst.subject}"
        print(f"\nWorst first: {worst.severity.value} {worst.code} in {about}")
        print(f"  {worst.message}\n  hint: {worst.hint}")

    report = out_dir(args.out) / "findings.json"
    document = to_json_document(findings, packs=[p.name for p in packs], as_of=as_of.isoformat())
    report.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nWrote {report}")


if __name__ == "__main__":
    main()
