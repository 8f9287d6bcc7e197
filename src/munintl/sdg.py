"""One value type for a reference to a UN Sustainable Development Goal or one of its targets.

Packs write SDG links as text: ``"17"`` for a goal, ``"17.17"`` or ``"6.a"`` for a target.
:class:`SdgRef` is the one place that text is parsed, ordered and turned into an IRI; whether
a well-formed target exists (``"17.99"`` does not) is a question for the reference data
(:func:`munintl.reference.is_sdg_ref`).

>>> ref = SdgRef.parse("17.17")
>>> ref.goal, ref.target, str(ref), ref.iri
(17, '17', '17.17', 'http://metadata.un.org/sdg/17.17')
>>> sorted(SdgRef.parse(r) for r in ("6.a", "6.10", "6.2", "6", "17"))
[SdgRef(goal=6, target=None), SdgRef(goal=6, target='2'), SdgRef(goal=6, target='10'), \
SdgRef(goal=6, target='a'), SdgRef(goal=17, target=None)]
"""

from __future__ import annotations

import re
from functools import lru_cache

import attrs

from munintl._chars import lookalike_note
from munintl.errors import InvalidSdgRefError

__all__ = ["GOALS", "SdgRef"]

GOALS = range(1, 18)
"""The numbers of the 17 goals."""

IRI_BASE = "http://metadata.un.org/sdg/"
"""The UN's namespace for SDG goals and targets (the UN's SDG metadata, linked-data form)."""

# ASCII only and the whole value: no \d (any Unicode digit) and no $ (a trailing newline).
_REF = re.compile(r"(?P<goal>[1-9][0-9]?)(?:\.(?P<target>[1-9][0-9]?|[a-z]))?")


@attrs.frozen(order=False)
class SdgRef:
    """An SDG (``target`` is None) or one of its targets, in the UN's numbering.

    Ordered as the UN lists them: by goal, the goal before its targets, numbered targets
    (1, 2, ... 10) before lettered ones (a, b, c).
    """

    goal: int
    """The goal's number, 1 to 17."""
    target: str | None = None
    """The target's part after the dot (``"17"`` of 17.17, ``"a"`` of 6.a), or None."""

    @classmethod
    def parse(cls, text: str) -> SdgRef:
        """Read ``"17"``, ``"17.17"`` or ``"6.a"``.

        Parameters
        ----------
        text : str
            A goal number, or a goal number, a dot and a target (a number or a letter), in
            ASCII, with nothing before or after.

        Returns
        -------
        SdgRef
            The goal or target.

        Raises
        ------
        munintl.errors.InvalidSdgRefError
            When ``text`` is not of that form or the goal is not 1 to 17; a look-alike
            character (a superscript digit, a Cyrillic letter) is named in the message.

        Examples
        --------
        >>> SdgRef.parse("6.a")
        SdgRef(goal=6, target='a')
        >>> SdgRef.parse("17²")
        Traceback (most recent call last):
        ...
        munintl.errors.InvalidSdgRefError: '17²' is not an SDG (1–17) or an SDG target such \
as '17.17' (it holds U+00B2 SUPERSCRIPT TWO)
        """
        return _parse(text) if cls is SdgRef else _read(cls, text)

    @classmethod
    def is_valid(cls, text: str) -> bool:
        """Whether ``text`` parses (see :meth:`parse`).

        >>> [SdgRef.is_valid(t) for t in ("17", "17.17", "0", "17.", "17\\n", "١٧")]
        [True, True, False, False, False, False]
        """
        try:
            cls.parse(text)
        except InvalidSdgRefError:
            return False
        return True

    @property
    def is_target(self) -> bool:
        """Whether this is a target rather than a whole goal."""
        return self.target is not None

    @property
    def goal_ref(self) -> SdgRef:
        """The goal this refers to or belongs to.

        >>> str(SdgRef.parse("6.a").goal_ref)
        '6'
        """
        return SdgRef(self.goal) if self.target is not None else self

    @property
    def iri(self) -> str:
        """The UN's IRI for the goal or target.

        >>> SdgRef.parse("17").iri
        'http://metadata.un.org/sdg/17'
        """
        return f"{IRI_BASE}{self}"

    def counts_for(self) -> tuple[SdgRef, ...]:
        """What a link to this counts for: a target counts for its goal too.

        >>> [str(r) for r in SdgRef.parse("17.17").counts_for()]
        ['17', '17.17']
        """
        return (self.goal_ref, self) if self.target is not None else (self,)

    def sort_key(self) -> tuple[int, int, int, str]:
        """The UN's order: goal, the goal itself first, numbered targets, lettered targets."""
        if self.target is None:
            return (self.goal, 0, 0, "")
        if self.target.isascii() and self.target.isdecimal():
            return (self.goal, 1, int(self.target), "")
        return (self.goal, 2, 0, self.target)

    def __lt__(self, other: SdgRef) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: SdgRef) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: SdgRef) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: SdgRef) -> bool:
        return self.sort_key() >= other.sort_key()

    def __str__(self) -> str:
        return f"{self.goal}.{self.target}" if self.target is not None else str(self.goal)


def _read(cls: type[SdgRef], text: str) -> SdgRef:
    match = _REF.fullmatch(text)
    if match is None or int(match["goal"]) not in GOALS:
        raise InvalidSdgRefError(
            f"{text!r} is not an SDG (1–17) or an SDG target such as '17.17'" + lookalike_note(text)
        )
    return cls(int(match["goal"]), match["target"])


@lru_cache(maxsize=4096)  # packs name the same few hundred references again and again
def _parse(text: str) -> SdgRef:
    """:meth:`SdgRef.parse`, once per text (the result is immutable; errors are not cached)."""
    return _read(SdgRef, text)
