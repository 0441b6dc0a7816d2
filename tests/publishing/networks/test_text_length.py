"""Lengths counted the way each network counts them, on the texts where the rules differ."""

from __future__ import annotations

import pytest

from chorus_publishing.adapters.networks.connector import LengthRule
from chorus_publishing.adapters.networks.text_length import count, urls

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man, woman, girl joined by ZWJ: one emoji
RAINBOW_FLAG = "\U0001f3f3\ufe0f\u200d\U0001f308"
FRENCH_FLAG = "\U0001f1eb\U0001f1f7"
THUMBS_UP_MEDIUM = "\U0001f44d\U0001f3fd"
DECOMPOSED_CAFE = "cafe\u0301"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello world", 11),
        ("こんにちは", 10),  # CJK weighs 2
        (FAMILY, 2),  # a ZWJ sequence is one emoji of weight 2
        (RAINBOW_FLAG, 2),
        (FRENCH_FLAG, 2),
        (THUMBS_UP_MEDIUM, 2),
        ("#\ufe0f\u20e3", 2),  # keycap
        ("\u00a9", 1),  # a text-style symbol weighs as its code point
        (DECOMPOSED_CAFE, 4),  # NFC first: é is one code point
        ("“quoted”", 8),  # typographic quotes are in the light ranges
        ("Read https://example.com/a/very/long/path?x=1 now", 5 + 23 + 4),
        ("short https://t.co/a", 6 + 23),  # a short URL still counts 23
        ("see example.com/pricing.", 4 + 23 + 1),  # a bare domain is a link too; the full stop is not part of it
        ("a" * 280, 280),
        ("漢" * 140, 280),
    ],
)
def test_x_weighted_length(text: str, expected: int) -> None:
    assert count(text, LengthRule.TWITTER_WEIGHTED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello", 5),
        (FAMILY, 1),
        (FRENCH_FLAG + FRENCH_FLAG, 2),
        (DECOMPOSED_CAFE, 4),
        ("\u1100\u1161\u11a8", 1),  # Hangul jamo forming one syllable
        ("한국어", 3),
        ("https://example.com/a/very/long/path", 36),  # Bluesky counts links in full
    ],
)
def test_bluesky_graphemes(text: str, expected: int) -> None:
    assert count(text, LengthRule.GRAPHEMES) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello", 5),
        ("@alice@example.social hi", len("@alice hi")),  # a remote mention counts as its username
        ("@alice hi", 9),
        ("https://example.com/a/very/long/path/that/goes/on", 23),
        ("see https://t.co/a.", 4 + 23 + 1),
        ("example.com", 11),  # Mastodon links only URLs with a scheme
        (FAMILY + " " + FRENCH_FLAG, 3),
    ],
)
def test_mastodon_length(text: str, expected: int) -> None:
    assert count(text, LengthRule.URLS_AS_23) == expected


def test_plain_characters_are_code_points() -> None:
    assert count(FAMILY, LengthRule.CHARACTERS) == 5
    assert count("héllo", LengthRule.CHARACTERS) == 5


def test_url_spans_leave_out_trailing_punctuation_and_unbalanced_parentheses() -> None:
    text = "(see https://en.wikipedia.org/wiki/Foo_(bar)) and https://example.com/x!"
    assert [text[start:end] for start, end in urls(text)] == [
        "https://en.wikipedia.org/wiki/Foo_(bar)",
        "https://example.com/x",
    ]
