"""Checking that a pack's wording comes from its source text, OCR damage notwithstanding.

OCR of Norwegian PDFs damages exactly the letters that matter: ``ø`` becomes ``g``, ``@``, ``o``;
``å`` becomes ``a``, ``d``, ``&``; ``æ`` becomes ``ae``, ``ee``, ``&``; ``I`` becomes ``|``. We
compare *skeletons*: both texts lower-cased, with vowels, the letters OCR confuses with them,
spaces, hyphens and punctuation removed. The same deletions on both sides keep the comparison
fair, and what remains (the consonant frame of the words) is very unlikely to match by chance
for a title of a few words.

>>> skeleton("Bergen kommune sitt internasjonale arbeid")
'brnkmmnsttntrnsjnlrb'
>>> score("Påvirke europeiske rammebetingelser", "pavirke europeiske ramme-\\nbetingelser")
1.0
>>> score("møtet", "Bergen bystyre behandlet saken i mgtet")
1.0
>>> score("Hamar er vennskapsby med Paris", "Hamar har vennskapsbyer i Norden") < 0.9
True
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

__all__ = ["THRESHOLD", "score", "skeleton"]

THRESHOLD = 0.9
"""A title counts as found when at least this share of its skeleton occurs in one piece."""

# Vowels, the Norwegian letters, and the characters OCR puts in their place ('g' and 'd' are
# consonants, but OCR writes them for ø and å, so they are dropped on both sides alike).
_DROP = re.compile(r"[aeiouyæøåéèêg@&|d\W_\d]+")


def skeleton(text: str) -> str:
    """The consonant frame of a text, as compared by :func:`score`."""
    return _DROP.sub("", text.lower())


def score(needle: str, haystack: str) -> float:
    """1.0 when ``needle``'s skeleton occurs in ``haystack``'s; else the share of it that does
    in its longest common run (0.0 to 1.0)."""
    small, large = skeleton(needle), skeleton(haystack)
    if not small:
        return 0.0
    if small in large:
        return 1.0
    match = SequenceMatcher(None, large, small, autojunk=False).find_longest_match(
        0, len(large), 0, len(small)
    )
    return match.size / len(small)
