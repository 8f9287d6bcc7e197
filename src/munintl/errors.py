"""The library's own exceptions: every failure a user can cause is one of these.

Each error knows *where* it happened (pack, file, line, field path) so that the
command line can print it on one line without a traceback.

>>> err = PackDataError("a title must not be empty", pack="bergen",
...                     file="goals.toml", line=12, path="$.goals[3].title")
>>> str(err)
'bergen: goals.toml:12: $.goals[3].title: a title must not be empty'
"""

from __future__ import annotations

__all__ = [
    "CheckError",
    "ExportError",
    "InvalidField",
    "InvalidSdgRefError",
    "MissingExtraError",
    "MunintlError",
    "PackClashError",
    "PackDataError",
    "PackDiscoveryError",
    "PackNotFoundError",
    "PackTypeError",
    "PlotError",
    "Problem",
    "ScaffoldError",
    "SimilarityError",
    "fresh",
]

from dataclasses import dataclass
from typing import TypeVar

from munintl._escape import one_line

E = TypeVar("E", bound=BaseException)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a pack, with everything known about where it is.

    >>> str(Problem("unknown key 'titel'", pack="x", file="goals.toml", path="$.goals[0]"))
    "x: goals.toml: $.goals[0]: unknown key 'titel'"
    """

    message: str
    pack: str | None = None
    file: str | None = None
    line: int | None = None
    path: str | None = None

    def __str__(self) -> str:
        where = []
        if self.pack:
            where.append(self.pack)
        if self.file:
            where.append(f"{self.file}:{self.line}" if self.line else self.file)
        if self.path:
            where.append(self.path)
        # The message and the file name may embed outside text: keep the line one line.
        return one_line(": ".join([*where, self.message]))


class MunintlError(Exception):
    """Base class of every error munintl raises on purpose."""


class PackTypeError(MunintlError, TypeError):
    """Something given where a pack belongs that is neither a Pack nor a pack's name."""


class PackNotFoundError(MunintlError, LookupError):
    """No installed pack has the requested name."""


class PackDiscoveryError(MunintlError):
    """A pack's entry point could not be turned into a pack (import failed, wrong object, clash)."""

    def __init__(self, message: str, *, pack: str, distribution: str | None = None) -> None:
        self.pack = pack
        self.distribution = distribution
        dist = f" (distribution {distribution})" if distribution else ""
        super().__init__(one_line(f"{pack}{dist}: {message}"))


class PackDataError(MunintlError, ValueError):
    """A pack's data is invalid. ``problems`` lists all that was found; the message names the first.

    The first problem is the one to fix first: later ones may follow from it.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        pack: str | None = None,
        file: str | None = None,
        line: int | None = None,
        path: str | None = None,
        problems: tuple[Problem, ...] = (),
    ) -> None:
        if message is not None:
            problems = (Problem(message, pack, file, line, path), *problems)
        if not problems:
            raise TypeError("PackDataError needs a message or at least one problem")
        self.problems = problems
        first = problems[0]
        self.pack, self.file, self.line, self.path = first.pack, first.file, first.line, first.path
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}")


class InvalidField(MunintlError, ValueError):
    """A model object refused a value; ``field`` is the field path within the object.

    Raised by the model's own validators while a pack is read; the loader turns it into a
    :class:`PackDataError` at the file, line and full field path, so it does not escape
    :func:`munintl.load_pack`. Building model objects by hand raises it directly.

    >>> err = InvalidField("code", "'12a4' is not a kommunenummer")
    >>> err.field, err.reason, str(err)
    ('code', "'12a4' is not a kommunenummer", "code: '12a4' is not a kommunenummer")
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.reason = message
        super().__init__(f"{field}: {message}")

    def within(self, outer: str) -> InvalidField:
        """The same error one level further out, its field path prefixed with ``outer``.

        >>> str(InvalidField("to", "bad").within("sdgs[0]"))
        'sdgs[0].to: bad'
        """
        return InvalidField(f"{outer}.{self.field}", self.reason)


class InvalidSdgRefError(MunintlError, ValueError):
    """A text that is not an SDG (``"17"``) or SDG target (``"17.17"``, ``"6.a"``)."""


class CheckError(MunintlError, ValueError):
    """A check was asked for in a way that cannot be carried out (unknown code, bad date)."""


class ScaffoldError(MunintlError):
    """A new pack cannot be made as asked (bad name or number, folder already in use)."""


class PackClashError(MunintlError, ValueError):
    """Packs that cannot be taken together: one id of theirs would mean two things (see
    :func:`munintl.reference.organisation_clash`)."""


class SimilarityError(MunintlError, ValueError):
    """A similarity request that cannot be carried out (bad weights, clashing names, ...)."""


class PlotError(MunintlError, ValueError):
    """A picture cannot be drawn from what was given (no data, or the wrong pack)."""


class ExportError(MunintlError, ValueError):
    """A goal network or pack cannot be written in the asked format (a value the format cannot
    hold, an unknown format, a folder that does not exist)."""


class MissingExtraError(MunintlError, ImportError):
    """An optional extra a feature needs is not installed; the message names the ``pip install``
    line (``pip install "munintl[html]"``)."""


def fresh(exc: E) -> E:
    """A new exception equal to ``exc`` (same class, message, attributes and cause) with no
    traceback, for raising a remembered failure again.

    Parameters
    ----------
    exc : BaseException
        The remembered exception; it is not changed.

    Returns
    -------
    BaseException
        A new instance of the same class.

    Examples
    --------
    >>> first = PackDataError("bad", pack="x")
    >>> again = fresh(first)
    >>> again is first, str(again), again.pack, again.__traceback__ is None
    (False, 'x: bad', 'x', True)
    """
    new = type(exc).__new__(type(exc), *exc.args)
    new.args = exc.args
    new.__dict__.update(vars(exc))
    new.__cause__ = exc.__cause__
    new.__suppress_context__ = exc.__suppress_context__
    return new
