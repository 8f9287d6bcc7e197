"""Which statuses a data file gives without their basis (evidence), found in its raw TOML.

Format 2 requires a basis on every status; format 1 had none, so its statuses load as inferred,
"recorded without evidence". The model cannot tell a status that omitted its basis from one
that gave the default, so the raw table is read: this is the one place that knows which keys
make a status's basis. The loader refuses what this finds in a format 2 pack; ``munintl
validate`` warns of it in a format 1 pack, and ``munintl migrate`` fills it in.

>>> data = {"partnerships": [{"id": "p", "status": "active"}],
...         "strategies": [{"id": "s", "status": "adopted", "in_force": True,
...                         "in_force_basis": {"evidence": "inferred", "rationale": "r"}}]}
>>> for path, what in missing_bases(data):
...     print(path, what)
['strategies', 0, 'status_basis'] strategy status
['partnerships', 0, 'status_basis'] partnership status
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from munintl._convert import Segment

__all__ = ["BASIS_FIELDS", "missing_bases"]

BASIS_FIELDS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "strategies": (
        ("status", "status_basis", "strategy status"),
        ("in_force", "in_force_basis", "in_force"),
    ),
    "partnerships": (("status", "status_basis", "partnership status"),),
}
"""Per entity list: (field, the field holding its basis, what to call it in a message)."""


def missing_bases(data: Mapping[str, Any]) -> Iterator[tuple[list[Segment], str]]:
    """Yield where a data file's table gives a status without its basis.

    Parameters
    ----------
    data : mapping
        One data file as parsed TOML (``tomllib.loads``), already known to structure.

    Returns
    -------
    iterator of (list of str or int, str)
        The field path of the missing key (``["memberships", 0, "statuses", 1, "evidence"]``)
        and what lacks it ("membership status", "strategy status", "partnership status",
        "in_force"). An inferred membership status without its ``rationale`` is reported at
        ``rationale``.
    """
    for name, fields in BASIS_FIELDS.items():
        for index, table in enumerate(_tables(data.get(name))):
            for field, basis, what in fields:
                if table.get(field) is not None and basis not in table:
                    yield [name, index, basis], what
    for index, membership in enumerate(_tables(data.get("memberships"))):
        for position, entry in enumerate(_tables(membership.get("statuses"))):
            path: list[Segment] = ["memberships", index, "statuses", position]
            if "evidence" not in entry:
                yield [*path, "evidence"], "membership status"
            elif entry["evidence"] == "inferred" and "rationale" not in entry:
                yield [*path, "rationale"], "membership status"


def _tables(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []
