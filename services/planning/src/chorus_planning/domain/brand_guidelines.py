"""A brand's voice and guidelines: tone, do and don't lists, banned words and topics, mandatory disclaimers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from chorus_planning.domain.field_checks import capped
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.planning_brand_voice import BannedTopicData, GuidelinesData
from chorus_shared.text_folding import normalised_phrase

TONE_MAX = 1000
ITEM_MAX = 300
LIST_MAX = 100


@dataclass(frozen=True)
class BannedTopic:
    name: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class BrandGuidelines:
    tone: str = ""
    dos: tuple[str, ...] = ()
    donts: tuple[str, ...] = ()
    banned_words: tuple[str, ...] = ()
    banned_topics: tuple[BannedTopic, ...] = field(default=())
    mandatory_disclaimers: tuple[str, ...] = ()

    @classmethod
    def parse(
        cls,
        *,
        tone: str = "",
        dos: Sequence[str] = (),
        donts: Sequence[str] = (),
        banned_words: Sequence[str] = (),
        banned_topics: Sequence[tuple[str, Sequence[str]]] = (),
        mandatory_disclaimers: Sequence[str] = (),
    ) -> BrandGuidelines:
        """Validated and normalised guidelines; every problem is reported with its field path."""
        errors: list[FieldError] = []
        tone = " ".join(tone.split())
        if len(tone) > TONE_MAX:
            errors.append(FieldError("tone", f"The tone has at most {TONE_MAX} characters.", "too_long"))
        topics: list[BannedTopic] = []
        for index, (name, keywords) in enumerate(capped(banned_topics, "banned_topics", errors, max_items=LIST_MAX)):
            path = f"banned_topics.{index}"
            clean_name = _item(f"{path}.name", name, errors)
            clean_keywords = _items(f"{path}.keywords", keywords, errors, key=normalised_phrase)
            topics.append(BannedTopic(clean_name, clean_keywords))
        guidelines = cls(
            tone=tone,
            dos=_items("dos", dos, errors, key=str.casefold),
            donts=_items("donts", donts, errors, key=str.casefold),
            banned_words=_items("banned_words", banned_words, errors, key=normalised_phrase),
            banned_topics=tuple(topics),
            mandatory_disclaimers=_items("mandatory_disclaimers", mandatory_disclaimers, errors, key=str.casefold),
        )
        if errors:
            raise ValidationFailed("The brand guidelines are not valid.", field_errors=errors)
        return guidelines

    def to_data(self) -> GuidelinesData:
        return GuidelinesData(
            tone=self.tone,
            dos=list(self.dos),
            donts=list(self.donts),
            banned_words=list(self.banned_words),
            banned_topics=[BannedTopicData(name=t.name, keywords=list(t.keywords)) for t in self.banned_topics],
            mandatory_disclaimers=list(self.mandatory_disclaimers),
        )

    @classmethod
    def from_data(cls, data: GuidelinesData) -> BrandGuidelines:
        return cls(
            tone=data.tone,
            dos=tuple(data.dos),
            donts=tuple(data.donts),
            banned_words=tuple(data.banned_words),
            banned_topics=tuple(BannedTopic(t.name, tuple(t.keywords)) for t in data.banned_topics),
            mandatory_disclaimers=tuple(data.mandatory_disclaimers),
        )


def _item(path: str, value: str, errors: list[FieldError]) -> str:
    clean = " ".join(value.split())
    if not clean or not any(c.isalnum() for c in clean):
        errors.append(FieldError(path, "An entry needs at least one letter or digit.", "required"))
    elif len(clean) > ITEM_MAX:
        errors.append(FieldError(path, f"An entry has at most {ITEM_MAX} characters.", "too_long"))
    return clean


def _items(path: str, values: Sequence[str], errors: list[FieldError], *, key: Callable[[str], str]) -> tuple[str, ...]:
    """Each entry cleaned; entries equal under `key` (e.g. same word with other accents) are kept once."""
    kept: dict[str, str] = {}
    for index, value in enumerate(capped(values, path, errors, max_items=LIST_MAX)):
        clean = _item(f"{path}.{index}", value, errors)
        kept.setdefault(key(clean), clean)
    return tuple(kept.values())
