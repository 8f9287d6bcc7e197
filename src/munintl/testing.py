"""The pack contract: what every pack must keep, whoever wrote it, as a reusable test class.

A pack's own tests inherit :class:`PackContract` (as python-holidays' country tests inherit
its common tests) and name their pack; ``munintl validate`` runs the same rules through
:func:`contract_failures`, so that a pack that breaks the contract never validates::

    from munintl.testing import PackContract

    class TestContract(PackContract):
        pack_name = "hamar"

The rules are checked on the loaded pack, independently of the loader's own validation where
they can be, so that a loader bug cannot hide a broken pack. The provenance helpers
(:func:`skeleton`, :func:`score`) check that a pack's wording comes from its source text.

>>> from munintl import load_pack
>>> contract_failures(load_pack("hamar"))
[]
>>> class TestHamar(PackContract):
...     pack_name = "hamar"
>>> TestHamar().test_every_entity_has_a_source()
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from difflib import SequenceMatcher
from pathlib import Path
from typing import ClassVar

import attrs

from munintl.model import ENTITY_LISTS, Document, Link, Locator, Pack

__all__ = [
    "RULES",
    "THRESHOLD",
    "PackContract",
    "contract_failures",
    "read_seeds",
    "score",
    "skeleton",
]


# --- the rules ----------------------------------------------------------------------------------


def _walk(value: object) -> Iterator[object]:
    """Every value inside a model object, depth first, iteratively (packs can be deep)."""
    stack = [value]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, tuple):
            stack.extend(reversed(item))
        elif attrs.has(type(item)):
            names = [a.name for a in attrs.fields(type(item))]  # type: ignore[arg-type]
            stack.extend(getattr(item, name) for name in reversed(names))


def _has_a_seed_document(pack: Pack) -> list[str]:
    if any(d.source is None for d in pack.documents):
        return []
    return [
        "the pack has no seed document (a document with no `source`: the document the pack "
        "is built from); add the strategy it is built from to its documents"
    ]


def _every_entity_has_a_source(pack: Pack) -> list[str]:
    failures = []
    for name in ENTITY_LISTS:
        for entity in getattr(pack, name):
            if isinstance(entity, Document) and entity.source is None:
                continue  # a seed document is itself the source
            if getattr(entity, "source", None) is None:
                failures.append(f"{name} {entity.id!r} has no source")
    return failures


def _every_locator_points_into_a_document(pack: Pack) -> list[str]:
    documents = {d.id for d in pack.documents}
    failures = []
    for item in _walk(pack):
        if isinstance(item, Locator):
            if item.document not in documents:
                failures.append(f"a source names the unknown document {item.document!r}")
            elif not (item.section or item.page):
                failures.append(f"a source in {item.document!r} gives neither section nor page")
    return failures


def _every_inferred_link_says_why(pack: Pack) -> list[str]:
    return [
        f"an inferred link to {item.to!r} gives no rationale"
        for item in _walk(pack)
        if isinstance(item, Link) and item.is_inferred and not (item.rationale or "").strip()
    ]


def _has_a_strategy_with_goals(pack: Pack) -> list[str]:
    strategy = pack.strategy
    if strategy is not None and any(g.strategy == strategy.id for g in pack.goals):
        return []
    return ["the pack has no strategy with goals"]


def _ids_are_unique(pack: Pack) -> list[str]:
    counts = Counter(e.id for e in pack.entities())
    return [f"the id {i!r} is used more than once" for i, n in sorted(counts.items()) if n > 1]


def _goals_are_rooted_in_a_strategy(pack: Pack) -> list[str]:
    goals = {g.id: g for g in pack.goals}
    strategies = {s.id for s in pack.strategies}
    failures = []
    for goal in pack.goals:
        seen: set[str] = set()
        current = goal
        while current.parent is not None and current.parent in goals and current.id not in seen:
            seen.add(current.id)
            current = goals[current.parent]
        if current.parent is not None:
            failures.append(f"goal {goal.id!r} is not rooted (a cycle or an unknown parent)")
        elif current.strategy not in strategies:
            failures.append(f"goal {goal.id!r} belongs to no strategy of the pack")
    return failures


RULES: dict[str, Callable[[Pack], list[str]]] = {
    "has_a_seed_document": _has_a_seed_document,
    "every_entity_has_a_source": _every_entity_has_a_source,
    "every_locator_points_into_a_document": _every_locator_points_into_a_document,
    "every_inferred_link_says_why": _every_inferred_link_says_why,
    "has_a_strategy_with_goals": _has_a_strategy_with_goals,
    "ids_are_unique": _ids_are_unique,
    "goals_are_rooted_in_a_strategy": _goals_are_rooted_in_a_strategy,
}
"""The contract's rules by name: each returns what the pack breaks of it ([] when kept)."""


def contract_failures(pack: Pack) -> list[str]:
    """What a pack breaks of the contract, one line each; [] when it keeps it.

    Parameters
    ----------
    pack : Pack
        A loaded pack.

    Returns
    -------
    list of str
        One plain-words line per failure, in the order of :data:`RULES`.

    Examples
    --------
    >>> from munintl.model import Kommunenummer, Municipality
    >>> empty = Pack(name="x", municipality=Municipality("X", (Kommunenummer("9999"),)))
    >>> contract_failures(empty)[0].startswith("the pack has no seed document")
    True
    """
    return [failure for rule in RULES.values() for failure in rule(pack)]


class PackContract:
    """The contract as a test class: inherit it in a pack's tests and set ``pack_name`` (an
    installed pack) or ``pack_folder`` (a folder under development). Each rule is a test."""

    pack_name: ClassVar[str | None] = None
    pack_folder: ClassVar[str | Path | None] = None
    _loaded: ClassVar[dict[tuple[str | None, str | None], Pack]] = {}

    def contract_pack(self) -> Pack:
        """The pack under test, loaded once per class."""
        from munintl.packs import load_pack, load_pack_dir

        key = (self.pack_name, str(self.pack_folder) if self.pack_folder else None)
        if key not in PackContract._loaded:
            if self.pack_folder is not None:
                PackContract._loaded[key] = load_pack_dir(self.pack_folder)
            elif self.pack_name is not None:
                PackContract._loaded[key] = load_pack(self.pack_name)
            else:
                raise AssertionError("set pack_name or pack_folder on the test class")
        return PackContract._loaded[key]

    def _keeps(self, rule: str) -> None:
        failures = RULES[rule](self.contract_pack())
        assert not failures, "; ".join(failures)

    def test_loads_and_names_itself(self) -> None:
        pack = self.contract_pack()
        if self.pack_name is not None:
            assert pack.name == self.pack_name
        assert re.fullmatch(r"[0-9]{4}", pack.municipality.code)

    def test_has_a_seed_document(self) -> None:
        self._keeps("has_a_seed_document")

    def test_every_entity_has_a_source(self) -> None:
        self._keeps("every_entity_has_a_source")

    def test_every_locator_points_into_a_document(self) -> None:
        self._keeps("every_locator_points_into_a_document")

    def test_every_inferred_link_says_why(self) -> None:
        self._keeps("every_inferred_link_says_why")

    def test_has_a_strategy_with_goals(self) -> None:
        self._keeps("has_a_strategy_with_goals")

    def test_ids_are_unique(self) -> None:
        self._keeps("ids_are_unique")

    def test_goals_are_rooted_in_a_strategy(self) -> None:
        self._keeps("goals_are_rooted_in_a_strategy")

    def test_every_rule_is_tested(self) -> None:
        tested = {name.removeprefix("test_") for name in dir(PackContract)}
        assert set(RULES) <= tested


# --- provenance: does a title come from the source text? ---------------------------------------
# OCR of Norwegian PDFs damages exactly the letters that matter: ``ø`` becomes ``g``, ``@``,
# ``o``; ``å`` becomes ``a``, ``d``, ``&``; ``æ`` becomes ``ae``, ``ee``, ``&``; ``I`` becomes
# ``|``. We compare *skeletons*: both texts lower-cased, with vowels, the letters OCR confuses
# with them, spaces, hyphens and punctuation removed. The same deletions on both sides keep the
# comparison fair, and what remains (the consonant frame of the words) is very unlikely to
# match by chance for a title of a few words.

THRESHOLD = 0.9
"""A title counts as found when at least this share of its skeleton occurs in one piece."""


def read_seeds(folder: Path, files: Mapping[str, str]) -> dict[str, str]:
    """The texts of a pack's source documents, for the pack's own tests.

    Where the folder is missing the calling test is skipped with the reason, but under CI
    (the environment variable ``CI`` set) it fails: a green run must not hide unread sources.

    Parameters
    ----------
    folder : Path
        The folder holding the source texts (the packs' tests take it from ``MUNINTL_SEEDS``).
    files : mapping of str to str
        Document id to file name in ``folder``.

    Returns
    -------
    dict of str to str
        Document id to the file's text (UTF-8).

    Raises
    ------
    OSError
        A listed file cannot be read. A missing folder skips or fails the test (pytest's
        outcome exceptions), so this must be called from a test or fixture.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "s.txt").write_text("Hamar skal …", encoding="utf-8")
    >>> read_seeds(folder, {"strategy": "s.txt"})
    {'strategy': 'Hamar skal …'}
    """
    if not folder.is_dir():
        import pytest  # only the tests call this; pytest is no dependency of the library

        message = f"seed folder {folder} is missing (set MUNINTL_SEEDS)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {doc: (folder / name).read_text(encoding="utf-8") for doc, name in files.items()}


# Vowels, the Norwegian letters, and the characters OCR puts in their place ('g' and 'd' are
# consonants, but OCR writes them for ø and å, so they are dropped on both sides alike).
_DROP = re.compile(r"[aeiouyæøåéèêg@&|d\W_\d]+")


def skeleton(text: str) -> str:
    """The consonant frame of a text, as compared by :func:`score`.

    Parameters
    ----------
    text : str
        Any text, such as a title or a page of OCR output.

    Returns
    -------
    str
        The text lower-cased, with vowels, the letters OCR confuses with them, digits, spaces
        and punctuation removed.

    Examples
    --------
    >>> skeleton("Bergen kommune sitt internasjonale arbeid")
    'brnkmmnsttntrnsjnlrb'
    """
    return _DROP.sub("", text.lower())


def score(needle: str, haystack: str) -> float:
    """How much of ``needle`` occurs in ``haystack``, compared by their skeletons.

    Parameters
    ----------
    needle : str
        The text looked for (a title).
    haystack : str
        The text looked in (the source, OCR damage and all).

    Returns
    -------
    float
        1.0 when ``needle``'s skeleton occurs in ``haystack``'s; else the share of it in their
        longest common run (0.0 to 1.0); 0.0 when ``needle`` has no skeleton.

    Examples
    --------
    >>> score("Påvirke europeiske rammebetingelser", "pavirke europeiske ramme-\\nbetingelser")
    1.0
    >>> score("møtet", "Bergen bystyre behandlet saken i mgtet")
    1.0
    >>> score("Hamar er vennskapsby med Paris", "Hamar har vennskapsbyer i Norden") < 0.9
    True
    """
    small, large = skeleton(needle), skeleton(haystack)
    if not small:
        return 0.0
    if small in large:
        return 1.0
    match = SequenceMatcher(None, large, small, autojunk=False).find_longest_match(
        0, len(large), 0, len(small)
    )
    return match.size / len(small)
