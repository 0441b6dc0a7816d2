"""A variant's text as sent to a network, and the loose comparison reconciliation uses to recognise it again."""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

from .connector import PostContent
from .text_length import urls

_REMOTE_MENTION = re.compile(r"(?<![\w/])(@\w+)@[\w.-]+\w")
_SPACES = re.compile(r"\s+")


def text_with_link(content: PostContent) -> str:
    """The text of the first item: the variant's link goes at the end unless the text already carries it."""
    if not content.link or content.link in content.text:
        return content.text
    return f"{content.text.rstrip()}\n\n{content.link}"


def comparable(text: str) -> str:
    """What survives every network's rewriting: links removed (X wraps them in t.co), remote mentions as their
    username (Mastodon shows @user), entities unescaped, NFC, whitespace collapsed."""
    text = unicodedata.normalize("NFC", html.unescape(text))
    for start, end in reversed(urls(text, bare_domains=True)):
        text = text[:start] + " " + text[end:]
    return _SPACES.sub(" ", _REMOTE_MENTION.sub(r"\1", text)).strip()


def same_text(sent: str, seen: str) -> bool:
    return comparable(sent) == comparable(seen)


def html_to_text(markup: str) -> str:
    """Plain text of a status rendered as HTML (Mastodon): paragraphs and line breaks become newlines."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts).strip()


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
