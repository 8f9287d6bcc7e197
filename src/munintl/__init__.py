"""munintl: municipal international strategies as data that can be checked and compared.

The public API, re-exported from the modules that own it. Attributes are imported on first
use, so ``import munintl`` stays cheap (no networkx, no pack is read).

>>> import munintl
>>> munintl.available_packs()
['bergen', 'hamar', 'oslo']
>>> bergen = munintl.load_pack("bergen")
>>> bergen.municipality.name
'Bergen'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    # ruff: noqa: F401
    from munintl.checks import check
    from munintl.coverage import sdg_coverage
    from munintl.errors import (
        MunintlError,
        PackDataError,
        PackDiscoveryError,
        PackNotFoundError,
    )
    from munintl.findings import Finding, Severity
    from munintl.network import goal_network
    from munintl.overlap import Overlap, overlap, similarity_matrix
    from munintl.packs import (
        available_packs,
        installed_packs,
        load_pack,
        load_pack_dir,
        load_packs,
    )
    from munintl.scaffold import new_pack

# name -> module that owns it
_EXPORTS: dict[str, str] = {
    "Finding": "munintl.findings",
    "Severity": "munintl.findings",
    "check": "munintl.checks",
    "sdg_coverage": "munintl.coverage",
    "MunintlError": "munintl.errors",
    "PackDataError": "munintl.errors",
    "PackDiscoveryError": "munintl.errors",
    "PackNotFoundError": "munintl.errors",
    "available_packs": "munintl.packs",
    "goal_network": "munintl.network",
    "installed_packs": "munintl.packs",
    "load_pack": "munintl.packs",
    "load_pack_dir": "munintl.packs",
    "load_packs": "munintl.packs",
    "Overlap": "munintl.overlap",
    "overlap": "munintl.overlap",
    "similarity_matrix": "munintl.overlap",
    "new_pack": "munintl.scaffold",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        return version("munintl")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'munintl' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
