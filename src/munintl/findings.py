"""Findings: what the alignment checks report, as plain data, text and JSON.

A :class:`Finding` is never an exception: it says which check (a stable code such as
``MI301``) found what about which entity of which pack, how bad it is, how to fix it, and the
evidence (the links it saw, or their absence).

>>> f = Finding(code="MI301", severity=Severity.WARNING, pack="bergen", subject="ubc",
...             subject_kind="membership", message="membership ubc serves no goal",
...             hint="link it to the goals it serves in `serves`", evidence=("serves: none",))
>>> f.severity >= Severity.INFO
True
>>> f.to_dict()["severity"]
'warning'
>>> Finding.from_dict(f.to_dict()) == f
True
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from munintl.model import FixedStrEnum

__all__ = [
    "JSON_FORMAT",
    "JSON_VERSION",
    "EvidenceItem",
    "Finding",
    "Severity",
    "render_findings",
    "sort_findings",
    "summarise",
    "to_json_document",
]

JSON_FORMAT = "munintl.findings"
JSON_VERSION = 1
"""Bumped only when a key is removed or changes meaning; new keys may be added within a version."""

EvidenceItem = str | Mapping[str, str]
"""A fact in words (``"serves: none"``) or a link (``{"field": "sdgs", "to": "17", ...}``)."""


class Severity(FixedStrEnum):
    """How bad a finding is; comparisons follow badness (``ERROR > WARNING > INFO``).

    >>> sorted([Severity.INFO, Severity.ERROR, Severity.WARNING])
    [<Severity.INFO: 'info'>, <Severity.WARNING: 'warning'>, <Severity.ERROR: 'error'>]
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """3 for error, 2 for warning, 1 for info."""
        return _RANK[self]

    # StrEnum compares as text by default; severities compare by badness instead.
    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank


_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}
_WIDTH = 100


def _freeze_evidence(items: Iterable[EvidenceItem]) -> tuple[EvidenceItem, ...]:
    # Copies mappings into plain dicts of strings, so a finding never shares state with a caller.
    return tuple(
        item if isinstance(item, str) else {str(k): str(v) for k, v in item.items()}
        for item in items
    )


@attrs.frozen
class Finding:
    """One thing a check found about one entity of one pack."""

    code: str
    severity: Severity
    pack: str
    subject: str
    """The id of the entity the finding is about (a goal, membership, strategy, ...)."""
    subject_kind: str
    """``strategy``, ``goal``, ``measure``, ``membership``, ``partnership`` or ``project``."""
    message: str
    hint: str
    evidence: tuple[EvidenceItem, ...] = attrs.field(
        default=(), converter=_freeze_evidence, hash=False
    )

    @property
    def sort_key(self) -> tuple[int, str, str, str, str]:
        """Worst first, then by pack, code, subject and message."""
        return (-self.severity.rank, self.pack, self.code, self.subject, self.message)

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data, keys in the documented order."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "pack": self.pack,
            "subject": self.subject,
            "subject_kind": self.subject_kind,
            "message": self.message,
            "hint": self.hint,
            "evidence": [item if isinstance(item, str) else dict(item) for item in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """The finding :meth:`to_dict` gave (for tools that read the JSON back)."""
        return cls(
            code=data["code"],
            severity=Severity(data["severity"]),
            pack=data["pack"],
            subject=data["subject"],
            subject_kind=data["subject_kind"],
            message=data["message"],
            hint=data["hint"],
            evidence=tuple(data.get("evidence", ())),
        )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in the one deterministic order: worst first, then pack, code, subject.

    Parameters
    ----------
    findings : iterable of Finding
        The findings.

    Returns
    -------
    list of Finding
        A new list; the input is not changed.

    Examples
    --------
    >>> sort_findings([])
    []
    """
    return sorted(findings, key=lambda f: f.sort_key)


def summarise(findings: Sequence[Finding]) -> dict[str, Any]:
    """Counts per severity (all three, zeros included) and per code, codes sorted.

    Parameters
    ----------
    findings : sequence of Finding
        The findings.

    Returns
    -------
    dict
        ``total``, one count per severity, and ``by_code``.

    Examples
    --------
    >>> summarise([])
    {'total': 0, 'error': 0, 'warning': 0, 'info': 0, 'by_code': {}}
    """
    by_severity = Counter(f.severity for f in findings)
    by_code = Counter(f.code for f in findings)
    return {
        "total": len(findings),
        **{s.value: by_severity.get(s, 0) for s in Severity},
        "by_code": {code: by_code[code] for code in sorted(by_code)},
    }


def to_json_document(
    findings: Sequence[Finding], *, packs: Sequence[str], as_of: str
) -> dict[str, Any]:
    """The stable JSON report (documented in ``docs/checks.md``).

    Parameters
    ----------
    findings : sequence of Finding
        The findings, in any order.
    packs : sequence of str
        The packs checked.
    as_of : str
        The ISO date the checks judged on.

    Returns
    -------
    dict
        Plain data for ``json.dumps``; findings sorted, with a summary.

    Examples
    --------
    >>> doc = to_json_document([], packs=["bergen"], as_of="2024-01-01")
    >>> list(doc)
    ['format', 'version', 'as_of', 'packs', 'summary', 'findings']
    """
    ordered = sort_findings(findings)
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "as_of": as_of,
        "packs": list(packs),
        "summary": summarise(ordered),
        "findings": [f.to_dict() for f in ordered],
    }


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, _WIDTH, initial_indent=first, subsequent_indent=rest) or [first]


def _plural(count: int, word: str) -> str:
    if count == 1 or word == "info":
        return f"{count} {word}"
    return f"{count} {word}s"


Groups = list[tuple[tuple[Severity, str], list[Finding]]]


def _count_table(groups: Groups, titles: Mapping[str, str]) -> list[str]:
    """One line per code: severity, code, name, count and the count per pack."""
    width = max(len(titles.get(code, "")) for (_, code), _ in groups)
    lines = []
    for (severity, code), items in groups:
        per_pack = Counter(f.pack for f in items)
        spread = ", ".join(f"{pack} {per_pack[pack]}" for pack in sorted(per_pack))
        lines.append(
            f"  {severity.value:<8} {code}  {titles.get(code, ''):<{width}}  "
            f"{len(items):>4}   ({spread})"
        )
    return lines


def _group_lines(
    severity: Severity, code: str, items: list[Finding], titles: Mapping[str, str]
) -> list[str]:
    """One code's findings, the hint once when they all share it."""
    title = f" {titles[code]}" if code in titles else ""
    lines = ["", f"{severity.value.upper()} {code}{title} ({len(items)})"]
    shared = len({f.hint for f in items}) == 1 and len(items) > 1
    if shared:
        lines += _wrap(f"hint: {items[0].hint}", "  ", "        ")
    for finding in items:
        lines.append(f"  {finding.pack}: {finding.subject_kind} {finding.subject}")
        lines += _wrap(finding.message, "      ", "        ")
        if not shared:
            lines += _wrap(f"hint: {finding.hint}", "      ", "            ")
    return lines


def render_findings(
    findings: Sequence[Finding],
    *,
    packs: Sequence[str],
    as_of: str,
    titles: Mapping[str, str] | None = None,
) -> str:
    """A report for a terminal: totals, a table of counts per code, then the findings grouped
    by severity and code, worst first, each with its hint (shown once when a group shares it).

    ``titles`` maps a code to a short name shown beside it (``MI301 serves-no-goal``).

    Parameters
    ----------
    findings : sequence of Finding
        The findings, in any order.
    packs : sequence of str
        The packs checked.
    as_of : str
        The ISO date the checks judged on.
    titles : mapping of str to str, optional
        Check names by code.

    Returns
    -------
    str
        The report's lines.

    Examples
    --------
    >>> print(render_findings([], packs=["bergen"], as_of="2024-01-01"))
    munintl check: bergen, as of 2024-01-01
    no findings
    """
    titles = titles or {}
    ordered = sort_findings(findings)
    head = f"munintl check: {', '.join(packs)}, as of {as_of}"
    if not ordered:
        return f"{head}\nno findings"
    summary = summarise(ordered)
    counts = ", ".join(_plural(summary[s.value], s.value) for s in Severity)
    lines = [head, f"{_plural(len(ordered), 'finding')}: {counts}", ""]

    groups: dict[tuple[Severity, str], list[Finding]] = {}
    for finding in ordered:
        groups.setdefault((finding.severity, finding.code), []).append(finding)
    ordered_groups = sorted(groups.items(), key=lambda kv: (-kv[0][0].rank, kv[0][1]))
    lines += _count_table(ordered_groups, titles)
    for (severity, code), items in ordered_groups:
        lines += _group_lines(severity, code, items, titles)
    return "\n".join(lines)
