"""How many threads BLAS may use for a dense product (one owner for the rule).

OpenBLAS, the BLAS numpy's wheels ship, runs a product above a small size on all cores, and
after it its threads keep spinning for a while, waiting for the next one. For a small product
that spinning costs far more CPU than the threads save: at N = 357 the overlap's one dense
product (357 × 301 by 301 × 357) takes 0.43 ms on 2 threads and 0.54 ms on one, while the
spinning took 0.1 s of CPU, 7 % of the whole pipeline (``benchmarks/README.md``, "Seventh
stop"). So work below :data:`SMALL_PRODUCT` multiply-adds runs on one thread; larger work (N =
10,000: about 3e10, 0.69 s on one thread of the development machine, 0.33 s on two) on as
many as BLAS is set to use.

The limit is set through threadpoolctl, part of the ``fast`` extra with numpy; without it,
BLAS runs as it is set to. It is the process's setting, so only the main thread sets it: a
block in another thread leaves BLAS as it is.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from functools import cache
from importlib import import_module
from typing import Any

SMALL_PRODUCT = 5e9
"""Multiply-adds below which a dense product runs on one BLAS thread: about 0.1 s on one core
of the development machine, where two threads would save under 0.05 s of wall time."""


@contextlib.contextmanager
def blas_threads_for(multiply_adds: float) -> Iterator[None]:
    """Within the block, let BLAS use one thread when the work is small (see the module).

    Parameters
    ----------
    multiply_adds : float
        The multiply-adds of the dense products the block runs, in all (for an m × k by
        k × n product, m · k · n).

    Returns
    -------
    contextmanager
        Sets the limit on entry and restores BLAS's own setting on exit; does nothing for
        large work, in a thread other than the main one, or without threadpoolctl.

    Examples
    --------
    >>> with blas_threads_for(357 * 301 * 357):
    ...     pass
    """
    small = multiply_adds < SMALL_PRODUCT
    # The setting is the process's: a block in another thread could end while one in this
    # thread runs, and leave BLAS on the wrong count. So only the main thread limits it.
    main = threading.current_thread() is threading.main_thread()
    controller = _controller() if small and main else None
    if controller is None:
        yield
        return
    with controller.limit(limits=1, user_api="blas"):
        yield


@cache
def _controller() -> Any:
    """threadpoolctl's view of the loaded BLAS libraries (found once: about 4 ms), or None."""
    try:
        return import_module("threadpoolctl").ThreadpoolController()
    except ImportError:
        return None
