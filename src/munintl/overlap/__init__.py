"""Overlap analysis: what municipalities share, which goals correspond, how alike they are.

The parts, each with one job:

- :mod:`~munintl.overlap.holdings`: what a municipality holds (organisations, twin cities,
  SDGs, themes, ...) and how;
- :mod:`~munintl.overlap.units`: what is compared (a municipality; the goal units in which a
  strategy states its aims);
- :mod:`~munintl.overlap.dimensions`: the registry of dimensions, each declared once with its
  features, weights, title and description;
- :mod:`~munintl.overlap.concepts`: the bilingual (Norwegian, English) concept vocabulary;
- :mod:`~munintl.overlap.engine`: the engines (pure Python, numpy) that score sparse vectors;
- :mod:`~munintl.overlap.similarity`: the similarity matrix of municipalities;
- :mod:`~munintl.overlap.goals`: goal correspondences, their bands and reasons;
- :mod:`~munintl.overlap.analysis`: :func:`overlap`, the entry point, and its result;
- :mod:`~munintl.overlap.report`: the result as text.

The module can be called like the function it is named after, so ``munintl.overlap(...)``
works whether or not ``munintl.overlap`` was imported as a module first.

>>> import munintl, munintl.overlap
>>> munintl.overlap(*munintl.load_packs(["bergen", "oslo"])).municipalities[1].name
'oslo'
"""

from __future__ import annotations

import sys
import types
from typing import Any

from munintl.overlap.analysis import GOAL_WEIGHTS, Holder, Item, MunicipalityRef, Overlap, overlap
from munintl.overlap.dimensions import DIMENSIONS, Dimension
from munintl.overlap.engine import PYTHON, Engine, NumpyEngine, PythonEngine
from munintl.overlap.goals import POSSIBLE, STRONG, Band, Correspondence, Reason
from munintl.overlap.similarity import SimilarityError, SimilarityMatrix, similarity_matrix
from munintl.overlap.units import GoalRef

__all__ = [
    "DIMENSIONS",
    "GOAL_WEIGHTS",
    "POSSIBLE",
    "PYTHON",
    "STRONG",
    "Band",
    "Correspondence",
    "Dimension",
    "Engine",
    "GoalRef",
    "Holder",
    "Item",
    "MunicipalityRef",
    "NumpyEngine",
    "Overlap",
    "PythonEngine",
    "Reason",
    "SimilarityError",
    "SimilarityMatrix",
    "overlap",
    "similarity_matrix",
]


class _CallableModule(types.ModuleType):
    """Importing ``munintl.overlap`` binds the module to the name ``munintl.overlap``, where
    the public function lives: calling the module calls the function (Python allows a module's
    class to be a subclass of ModuleType for exactly this kind of need)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Overlap:
        return overlap(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
