"""Checking a post's text against the brand's guidelines: banned words and topics found, disclaimers missing."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chorus_shared.messaging.contracts.planning_brand_voice import GuidelinesData
from chorus_shared.text_folding import FoldedText, fold, normalised_phrase, phrase_pattern


class FlagKind(StrEnum):
    BANNED_WORD = "banned_word"
    BANNED_TOPIC = "banned_topic"
    MISSING_DISCLAIMER = "missing_disclaimer"


@dataclass(frozen=True)
class GuidelineFlag:
    """One way the text breaks the guidelines; `start`/`end` locate it in the text (None for a missing disclaimer)."""

    kind: FlagKind
    rule: str
    message: str
    start: int | None = None
    end: int | None = None


def check_against_guidelines(text: str, guidelines: GuidelinesData) -> list[GuidelineFlag]:
    """Every flag, in the order: banned words, banned topics, missing disclaimers; each by position."""
    if not text.strip():
        return []  # an empty variant has nothing to flag yet: the missing-text problem says enough
    folded = fold(text)
    return [
        *_banned_words(folded, guidelines),
        *_banned_topics(folded, guidelines),
        *_missing_disclaimers(folded, guidelines),
    ]


def _banned_words(folded: FoldedText, guidelines: GuidelinesData) -> list[GuidelineFlag]:
    found = [
        GuidelineFlag(FlagKind.BANNED_WORD, word, f"{word!r} is a banned word.", start, end)
        for word in guidelines.banned_words
        for start, end in _occurrences(folded, word)
    ]
    return sorted(found, key=lambda flag: (flag.start or 0, flag.rule))


def _banned_topics(folded: FoldedText, guidelines: GuidelinesData) -> list[GuidelineFlag]:
    found: list[GuidelineFlag] = []
    for topic in guidelines.banned_topics:
        # One flag per topic, at its first signal: the writer needs to know the topic is there, not every word.
        hits = [hit for phrase in (topic.name, *topic.keywords) for hit in _occurrences(folded, phrase)]
        if hits:
            start, end = min(hits)
            message = f"The text touches the banned topic {topic.name!r}."
            found.append(GuidelineFlag(FlagKind.BANNED_TOPIC, topic.name, message, start, end))
    return found


def _missing_disclaimers(folded: FoldedText, guidelines: GuidelinesData) -> list[GuidelineFlag]:
    return [
        GuidelineFlag(FlagKind.MISSING_DISCLAIMER, disclaimer, f"The disclaimer {disclaimer!r} is missing.")
        for disclaimer in guidelines.mandatory_disclaimers
        if not _occurrences(folded, disclaimer)
    ]


def _occurrences(folded: FoldedText, phrase: str) -> list[tuple[int, int]]:
    normalised = normalised_phrase(phrase)
    if not normalised:
        return []
    pattern = phrase_pattern(normalised)
    return [folded.original_span(m.start(), m.end()) for m in pattern.finditer(folded.text)]
