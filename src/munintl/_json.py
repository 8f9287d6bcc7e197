"""The one way munintl writes JSON: strict (no NaN or Infinity, which JSON does not have).

Python's :func:`json.dumps` writes ``NaN`` and ``Infinity`` unless told not to, and other
tools then refuse the file. Pack data never holds them (the loader refuses non-finite
numbers), so meeting one here is a bug, reported as :class:`ValueError`.

>>> dumps({"a": 1.5, "b": "Tromsø"})
'{"a": 1.5, "b": "Tromsø"}'
>>> dumps(float("nan"))
Traceback (most recent call last):
...
ValueError: Out of range float values are not JSON compliant...
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["dumps"]


def dumps(data: Any, *, indent: int | None = None) -> str:
    """``data`` as strict JSON text (UTF-8 kept as written, not ``\\u`` escaped).

    Parameters
    ----------
    data : Any
        Plain data: dicts, lists, strings, finite numbers, booleans, None.
    indent : int or None
        Spaces per level of indentation; None writes one line.

    Returns
    -------
    str
        The JSON text.

    Raises
    ------
    ValueError
        If ``data`` holds NaN or an infinity.
    """
    return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)
