"""Names that moved to another module, still found at their old place for a while (deprecated).

A module whose public name moved gives itself ``__getattr__ = moved_names(__name__, {...})``.
The new home is imported only when the old name is used, and a :class:`DeprecationWarning`
says where the name lives now. This is the one place allowed to name a module of a higher
layer (by its dotted name, imported on use): code that still says ``from munintl.network import
to_graphml`` keeps working while it is told to move on.

>>> getattr_ = moved_names("munintl.example", {"dumps": "json"})
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     getattr_("dumps")([1])
'[1]'
>>> str(caught[0].message)
'munintl.example.dumps has moved to json.dumps'
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["moved_names"]


def moved_names(module: str, moved: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that finds each moved name at its new home, with a warning.

    Parameters
    ----------
    module : str
        The dotted name of the module the names moved out of (for the messages).
    moved : mapping of str to str
        Each old name and the dotted name of the module that now owns it.

    Returns
    -------
    callable
        ``__getattr__(name)``: the object now at ``moved[name]``.

    Raises
    ------
    AttributeError
        From the returned function, for a name that is neither in ``module`` nor moved.

    Examples
    --------
    >>> moved_names("m", {})("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'm' has no attribute 'nothing'
    """

    def __getattr__(name: str) -> Any:
        home = moved.get(name)
        if home is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        warnings.warn(
            f"{module}.{name} has moved to {home}.{name}", DeprecationWarning, stacklevel=2
        )
        return getattr(import_module(home), name)

    return __getattr__
