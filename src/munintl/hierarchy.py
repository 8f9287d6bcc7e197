"""The goal hierarchy of a pack: parents, ancestors, children, subtrees and depth.

Every walk is iterative, so a hierarchy as deep as the data goes never meets Python's
recursion limit, and every walk stops at a cycle (validation reports cycles; a walk must
still end). Cycles in any parent relation are found by :func:`parent_cycles` in linear time.

>>> from munintl.model import (Pack, Municipality, Kommunenummer, Goal, GoalLevel, Locator)
>>> loc = Locator("doc", "1")
>>> def goal(i, parent=None):
...     return Goal(i, "s", GoalLevel.SUB_GOAL, "mål", i.upper(), loc, parent=parent)
>>> pack = Pack(name="tiny", municipality=Municipality("Tiny", (Kommunenummer("9999"),)),
...     goals=(goal("a"), goal("b", "a"), goal("c", "b"), goal("d", "a")))
>>> h = GoalHierarchy(pack)
>>> [g.id for g in h.ancestors("c")], h.depth("c"), [g.id for g in h.children("a")]
(['b', 'a'], 2, ['b', 'd'])
>>> [(g.id, depth) for g, depth in h.walk("a")]
[('a', 0), ('b', 1), ('c', 2), ('d', 1)]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from munintl.model import Goal, Measure, Pack

__all__ = ["GoalHierarchy", "parent_cycles"]


class GoalHierarchy:
    """The goals of one pack as a forest, indexed once (linear in the number of goals).

    Parameters
    ----------
    pack : Pack
        The pack whose goals (and measures under them) are indexed.

    Examples
    --------
    >>> import munintl
    >>> h = GoalHierarchy(munintl.load_pack("bergen"))
    >>> max(h.depth(g.id) for g in h.goals.values())
    2
    """

    def __init__(self, pack: Pack) -> None:
        self.goals: dict[str, Goal] = {}
        for goal in pack.goals:
            self.goals.setdefault(goal.id, goal)
        self._children: dict[str, list[Goal]] = {}
        for goal in pack.goals:
            if goal.parent is not None:
                self._children.setdefault(goal.parent, []).append(goal)
        self._measures: dict[str, list[Measure]] = {}
        for measure in pack.measures:
            self._measures.setdefault(measure.goal, []).append(measure)

    def parent(self, goal_id: str) -> Goal | None:
        """The goal directly above, or None for a top goal (or an unknown parent)."""
        goal = self.goals.get(goal_id)
        return self.goals.get(goal.parent) if goal is not None and goal.parent else None

    def ancestors(self, goal_id: str) -> tuple[Goal, ...]:
        """The goals above, nearest first; stops before a goal met twice (a cycle)."""
        seen = {goal_id}
        chain: list[Goal] = []
        current = self.parent(goal_id)
        while current is not None and current.id not in seen:
            seen.add(current.id)
            chain.append(current)
            current = self.parent(current.id)
        return tuple(chain)

    def depth(self, goal_id: str) -> int:
        """How many goals are above (0 for a top goal)."""
        return len(self.ancestors(goal_id))

    def children(self, goal_id: str) -> tuple[Goal, ...]:
        """The goals directly under a goal, in document order."""
        return tuple(self._children.get(goal_id, ()))

    def has_children(self, goal_id: str) -> bool:
        """Whether any goal sits directly under this one."""
        return goal_id in self._children

    def measures(self, goal_id: str) -> tuple[Measure, ...]:
        """The measures directly under a goal, in document order."""
        return tuple(self._measures.get(goal_id, ()))

    def roots(self, strategy_id: str | None = None) -> tuple[Goal, ...]:
        """The top goals (no parent), of one strategy or of all, in document order."""
        return tuple(
            g
            for g in self.goals.values()
            if g.parent is None and (strategy_id is None or g.strategy == strategy_id)
        )

    def walk(self, goal_id: str) -> Iterator[tuple[Goal, int]]:
        """A goal and every goal under it with its depth below ``goal_id``, depth first in
        document order; each goal once, even where the data holds a cycle."""
        root = self.goals.get(goal_id)
        if root is None:
            return
        seen: set[str] = set()
        stack: list[tuple[Goal, int]] = [(root, 0)]
        while stack:
            goal, depth = stack.pop()
            if goal.id in seen:
                continue
            seen.add(goal.id)
            yield goal, depth
            stack.extend((child, depth + 1) for child in reversed(self.children(goal.id)))

    def subtree(self, goal_id: str) -> tuple[Goal, ...]:
        """A goal and every goal under it, depth first in document order."""
        return tuple(goal for goal, _ in self.walk(goal_id))


def parent_cycles(parents: Mapping[str, str | None]) -> list[list[str]]:
    """Each cycle of a parent relation once, in linear time.

    A cycle is listed in parent order, starting with the id that comes first in
    ``parents``' order, so a report points at the entry a file lists first.

    Parameters
    ----------
    parents : mapping of str to str or None
        Each id's parent id (None: no parent). A parent that is not a key ends the chain.

    Returns
    -------
    list of list of str
        The cycles, in the order their first member appears in ``parents``.

    Examples
    --------
    >>> parent_cycles({"a": "b", "b": "a", "c": "c", "d": "a", "e": None})
    [['a', 'b'], ['c']]
    """
    order = {key: index for index, key in enumerate(parents)}
    state: dict[str, int] = {}  # 1: on the walk now, 2: done
    cycles: list[list[str]] = []
    for start in parents:
        walk: list[str] = []
        current: str | None = start
        while current is not None and current in parents and current not in state:
            state[current] = 1
            walk.append(current)
            current = parents[current]
        if current is not None and state.get(current) == 1:
            cycle = walk[walk.index(current) :]
            first = min(range(len(cycle)), key=lambda i: order[cycle[i]])
            cycles.append(cycle[first:] + cycle[:first])
        for node in walk:
            state[node] = 2
    cycles.sort(key=lambda c: order[c[0]])
    return cycles
