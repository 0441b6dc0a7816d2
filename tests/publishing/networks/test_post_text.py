"""The text sent for a variant, and the comparison that recognises it after each network rewrote it."""

from __future__ import annotations

from chorus_publishing.adapters.networks.connector import PostContent
from chorus_publishing.adapters.networks.post_text import html_to_text, same_text, text_with_link


def test_the_link_is_appended_once() -> None:
    assert (
        text_with_link(PostContent(text="New menu ", link="https://x.example/m")) == "New menu\n\nhttps://x.example/m"
    )
    assert text_with_link(PostContent(text="See https://x.example/m", link="https://x.example/m")) == (
        "See https://x.example/m"
    )


def test_mastodon_html_becomes_the_text_with_its_line_breaks() -> None:
    markup = "<p>One &amp; two<br>three</p><p>four</p>"
    assert html_to_text(markup) == "One & two\nthree\n\nfour"


def test_a_text_is_recognised_after_link_wrapping_escaping_and_mention_shortening() -> None:
    sent = "Hi @ana@social.example & friends: https://brand.example/very/long"
    assert same_text(sent, "Hi @ana &amp; friends: https://t.co/abc")
    assert not same_text(sent, "Hi @ana &amp; family: https://t.co/abc")
