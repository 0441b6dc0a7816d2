"""Text folded for matching (case and accents ignored), keeping where each folded character came from.

Mechanism only: the rules that use it (brand guidelines) live in the services.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class FoldedText:
    """`text` folded; `origin[i]` is the index in the original text of folded character `i`."""

    text: str
    origin: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that folded span [start, end) came from."""
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> FoldedText:
    """Case-fold and strip accents ("Élysée" -> "elysee"), mapping every folded character back to its origin."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in fold_word(char):
            chars.append(piece)
            origin.append(index)
    return FoldedText("".join(chars), tuple(origin))


def fold_word(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Matches `phrase` (already folded) as whole words, with any run of spaces between its words."""
    words = [re.escape(word) for word in phrase.split()]
    # \w-boundaries on the folded text: "ass" does not match inside "class", "e-cig" matches as a whole.
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def normalised_phrase(text: str) -> str:
    """The folded form with single spaces, used to compare and deduplicate rules."""
    return " ".join(fold_word(text).split())
