"""Checking a text against a brand's guidelines: banned words and topics found, mandatory disclaimers missing."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chorus_planning.domain.brand_guidelines import BrandGuidelines
from chorus_shared.text_folding import FoldedText, fold, normalised_phrase, phrase_pattern


class ViolationKind(StrEnum):
    BANNED_WORD = "banned_word"
    BANNED_TOPIC = "banned_topic"
    MISSING_DISCLAIMER = "missing_disclaimer"


@dataclass(frozen=True)
class GuidelineViolation:
    """One way the text breaks the guidelines. `start`/`end` locate the offending words in the original text
    (None for a missing disclaimer, which is nowhere)."""

    kind: ViolationKind
    rule: str
    message: str
    start: int | None = None
    end: int | None = None


def check_against_guidelines(text: str, guidelines: BrandGuidelines) -> list[GuidelineViolation]:
    """Every violation, in the order: banned words, banned topics, missing disclaimers; each by position."""
    folded = fold(text)
    return [
        *_banned_words(folded, guidelines),
        *_banned_topics(folded, guidelines),
        *_missing_disclaimers(folded, guidelines),
    ]


def _banned_words(folded: FoldedText, guidelines: BrandGuidelines) -> list[GuidelineViolation]:
    found: list[GuidelineViolation] = []
    for word in guidelines.banned_words:
        for start, end in _occurrences(folded, word):
            found.append(GuidelineViolation(ViolationKind.BANNED_WORD, word, f"{word!r} is a banned word.", start, end))
    return sorted(found, key=lambda v: (v.start or 0, v.rule))


def _banned_topics(folded: FoldedText, guidelines: BrandGuidelines) -> list[GuidelineViolation]:
    found: list[GuidelineViolation] = []
    for topic in guidelines.banned_topics:
        # One violation per topic, at its first signal: the writer needs to know the topic is there, not every word.
        hits = [hit for phrase in (topic.name, *topic.keywords) for hit in _occurrences(folded, phrase)]
        if hits:
            start, end = min(hits)
            message = f"The text touches the banned topic {topic.name!r}."
            found.append(GuidelineViolation(ViolationKind.BANNED_TOPIC, topic.name, message, start, end))
    return found


def _missing_disclaimers(folded: FoldedText, guidelines: BrandGuidelines) -> list[GuidelineViolation]:
    return [
        GuidelineViolation(ViolationKind.MISSING_DISCLAIMER, disclaimer, f"The disclaimer {disclaimer!r} is missing.")
        for disclaimer in guidelines.mandatory_disclaimers
        if not _occurrences(folded, disclaimer)
    ]


def _occurrences(folded: FoldedText, phrase: str) -> list[tuple[int, int]]:
    pattern = phrase_pattern(normalised_phrase(phrase))
    return [folded.original_span(m.start(), m.end()) for m in pattern.finditer(folded.text)]
