"""A post's length the way each network counts it, so validation agrees with the network before sending."""

from __future__ import annotations

import unicodedata

import regex  # type: ignore[import-untyped]  # the stdlib `re` has no grapheme clusters (\X)

from .connector import LengthRule

URL_LENGTH = 23  # X wraps every link in a 23-character t.co link; Mastodon counts each link as 23 too

_TRAILING_PUNCTUATION = ".,;:!?'\"”’»"
_SCHEME_URL = regex.compile(r"https?://[^\s<>\"“”]+", regex.IGNORECASE)
# twitter-text also links bare domains ("example.com/path"); common top-level domains cover what users type.
_BARE_DOMAIN = regex.compile(
    r"(?<![\w@./:-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:com|org|net|edu|gov|io|co|dev|app|ai|me|tv|info|biz|news|shop|blog|uk|fr|de|es|it|nl|be|ch|ca|us|eu|jp|"
    r"cn|br|au|in|ru|pl|se|no|dk|fi|pt|ie|at|ly|gl|gg|xyz)"
    r"(?::\d+)?(?:/[^\s<>\"]*)?(?![\w-])",
    regex.IGNORECASE,
)
# @user@domain: Mastodon counts only "@user" of a remote mention.
_REMOTE_MENTION = regex.compile(r"(?<![\w/])@(\w+(?:[.-]+\w+)*)@[\w.-]+\w", regex.UNICODE)

# twitter-text v3: code points in these ranges weigh 1, every other code point and every emoji weigh 2.
_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
_EMOJI = regex.compile(
    r"\p{Regional_Indicator}{2}|.\uFE0F?\u20E3|\p{Extended_Pictographic}"
    r"(?:[\uFE0F\p{Emoji_Modifier}]|\u200D|\p{Extended_Pictographic}|[\U000E0020-\U000E007F])*"
)


def count(text: str, rule: LengthRule) -> int:
    """How long `text` is under `rule`: the number to compare with the network's maximum."""
    if rule is LengthRule.CHARACTERS:
        return len(text)
    if rule is LengthRule.GRAPHEMES:
        return graphemes(text)
    if rule is LengthRule.TWITTER_WEIGHTED:
        return twitter_weighted(text)
    return mastodon_length(text)


def graphemes(text: str) -> int:
    """User-perceived characters (Unicode extended grapheme clusters): a flag or a ZWJ family is one."""
    return len(regex.findall(r"\X", text))


def twitter_weighted(text: str) -> int:
    """X's weighted length: NFC text, each URL 23, each emoji 2, CJK and most non-Latin scripts 2, the rest 1."""
    remainder, links = _replace_urls(unicodedata.normalize("NFC", text), bare_domains=True)
    weight = URL_LENGTH * links
    for cluster in regex.findall(r"\X", remainder):
        if _is_emoji(cluster):
            weight += 2
        else:
            weight += sum(1 if _is_light(ord(char)) else 2 for char in cluster)
    return weight


def mastodon_length(text: str) -> int:
    """Mastodon's StatusLengthValidator: grapheme clusters, each http(s) URL 23, remote mentions as "@user"."""
    remainder, links = _replace_urls(text, bare_domains=False)
    remainder = _REMOTE_MENTION.sub(lambda m: "@" + m.group(1), remainder)
    return graphemes(remainder) + URL_LENGTH * links


def urls(text: str, *, bare_domains: bool = False) -> list[tuple[int, int]]:
    """Character spans of the links in `text`, as the networks find them (trailing punctuation excluded)."""
    spans = [_trim(m.start(), m.end(), text) for m in _SCHEME_URL.finditer(text)]
    if bare_domains:
        taken = [range(start, end) for start, end in spans]
        for match in _BARE_DOMAIN.finditer(text):
            if not any(match.start() in span for span in taken):
                spans.append(_trim(match.start(), match.end(), text))
    return sorted(spans)


def _replace_urls(text: str, *, bare_domains: bool) -> tuple[str, int]:
    spans = urls(text, bare_domains=bare_domains)
    pieces, cursor = [], 0
    for start, end in spans:
        pieces.append(text[cursor:start])
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), len(spans)


def _trim(start: int, end: int, text: str) -> tuple[int, int]:
    while end > start and (
        text[end - 1] in _TRAILING_PUNCTUATION
        or (text[end - 1] == ")" and text.count("(", start, end) < text.count(")", start, end))
    ):
        end -= 1
    return start, end


def _is_emoji(cluster: str) -> bool:
    if not _EMOJI.fullmatch(cluster):
        return False
    # A bare text-style symbol (©, ™) is not drawn as an emoji and is weighed by its code point.
    return len(cluster) > 1 or bool(regex.match(r"\p{Emoji_Presentation}", cluster))


def _is_light(code_point: int) -> bool:
    return any(low <= code_point <= high for low, high in _LIGHT_RANGES)
