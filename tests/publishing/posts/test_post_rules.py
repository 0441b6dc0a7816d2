"""What the editor shows while a user types: network limits counted each network's way, guideline flags, UTM, CSV."""

from __future__ import annotations

import uuid

from chorus_publishing.adapters.networks.connector import MediaKind
from chorus_publishing.domain.brand_rules import UtmSettings
from chorus_publishing.domain.guideline_check import FlagKind, check_against_guidelines
from chorus_publishing.domain.post import MediaRef, Variant
from chorus_publishing.domain.post_csv import read_rows
from chorus_publishing.domain.post_validation import check_variant
from chorus_publishing.domain.utm import tag_text, tag_url, tags_for
from chorus_shared.messaging.contracts.planning_brand_voice import BannedTopicData, GuidelinesData

IMAGE, VIDEO = uuid.uuid4(), uuid.uuid4()
KINDS = {IMAGE: MediaKind.IMAGE, VIDEO: MediaKind.VIDEO}


def _codes(network: str, **fields: object) -> list[tuple[str, str]]:
    check = check_variant(0, Variant(network=network, **fields), media_kinds=KINDS, tags=None)  # type: ignore[arg-type]
    return [(p.field, p.code) for p in check.problems]


def test_x_counts_each_link_as_23_and_emoji_as_2() -> None:
    link = "https://example.com/" + "a" * 200
    fits = "b" * 256 + " " + link  # 256 + 1 + 23 = 280
    assert check_variant(0, Variant(network="x", text=fits), media_kinds={}, tags=None).length == 280
    assert _codes("x", text=fits) == []
    assert _codes("x", text=fits + "!") == [("variants.0.text", "too_long")]
    assert check_variant(0, Variant(network="x", text="🙂" * 140), media_kinds={}, tags=None).length == 280


def test_bluesky_counts_graphemes_so_a_family_emoji_is_one() -> None:
    family = "👨\u200d👩\u200d👧"
    check = check_variant(0, Variant(network="bluesky", text=family * 300), media_kinds={}, tags=None)
    assert (check.length, check.problems) == (300, [])
    assert _codes("bluesky", text=family * 301) == [("variants.0.text", "too_long")]


def test_mastodon_counts_links_as_23_but_linkedin_counts_every_character() -> None:
    long_link = "https://example.com/" + "p" * 600
    assert _codes("mastodon", text="Read " + long_link) == []
    assert _codes("linkedin", text="x" * 2500 + long_link) == [("variants.0.text", "too_long")]


def test_instagram_needs_media_and_the_others_take_only_their_kinds() -> None:
    assert _codes("instagram", text="Caption") == [("variants.0.media", "media_required")]
    assert _codes("instagram", text="Caption", media=[MediaRef(IMAGE)]) == []
    assert _codes("bluesky", text="Clip", media=[MediaRef(VIDEO)]) == [
        ("variants.0.media.0.media_id", "media_kind_unsupported")
    ]
    assert _codes("x", text="Mix", media=[MediaRef(IMAGE), MediaRef(VIDEO)]) == [("variants.0.media", "media_mix")]
    assert ("variants.0.media", "too_many_media") in _codes("mastodon", text="t", media=[MediaRef(IMAGE)] * 5)


def test_alt_text_threads_and_first_comments_follow_the_network() -> None:
    assert _codes("bluesky", text="t", media=[MediaRef(IMAGE, "a" * 2001)]) == [
        ("variants.0.media.0.alt_text", "alt_text_too_long")
    ]
    assert _codes("facebook", text="t", media=[MediaRef(IMAGE, "a cat")]) == [
        ("variants.0.media.0.alt_text", "alt_text_unsupported")
    ]
    assert _codes("linkedin", text="t", thread=["second"]) == [("variants.0.thread", "threads_unsupported")]
    assert _codes("x", text="t", thread=["ok", "y" * 281]) == [("variants.0.thread.1", "too_long")]
    assert _codes("unknown", text="t") == [("variants.0.network", "unknown_network")]
    assert _codes("mastodon", text="  ") == [("variants.0.text", "required")]


def test_the_length_is_counted_on_the_text_as_sent_with_utm_tags_and_the_link() -> None:
    tags = tags_for(UtmSettings(), network="linkedin", campaign_id=uuid.uuid4())
    linked = Variant(network="linkedin", text="Hi", link="https://a.example/x")
    plain = check_variant(0, linked, media_kinds={}, tags=None)
    tagged = check_variant(0, linked, media_kinds={}, tags=tags)
    assert plain.length == len("Hi\n\nhttps://a.example/x")
    assert tagged.length > plain.length + 60


def test_guidelines_flag_banned_words_topics_and_missing_disclaimers_ignoring_case_and_accents() -> None:
    guidelines = GuidelinesData(
        banned_words=["cheap"],
        banned_topics=[BannedTopicData(name="politics", keywords=["élection"])],
        mandatory_disclaimers=["#ad"],
    )
    flags = check_against_guidelines("So CHEAP before the Election!", guidelines)
    assert [(f.kind, f.rule, f.start) for f in flags] == [
        (FlagKind.BANNED_WORD, "cheap", 3),
        (FlagKind.BANNED_TOPIC, "politics", 20),
        (FlagKind.MISSING_DISCLAIMER, "#ad", None),
    ]
    assert check_against_guidelines("A classic, #ad", GuidelinesData(banned_words=["ass"])) == []


def test_utm_tags_keep_existing_parameters_and_a_brand_name_replaces_the_campaign_id() -> None:
    campaign = uuid.uuid4()
    tags = tags_for(UtmSettings(), network="x", campaign_id=campaign)
    assert tags is not None
    assert tag_url("https://shop.example/p?id=7&utm_source=news#top", tags) == (
        f"https://shop.example/p?id=7&utm_source=news&utm_medium=social&utm_campaign={campaign}#top"
    )
    named = tags_for(UtmSettings(medium="paid-social", campaign_name="spring"), network="mastodon", campaign_id=None)
    assert named is not None
    assert tag_text("See https://shop.example/a. Now!", named) == (
        "See https://shop.example/a?utm_source=mastodon&utm_medium=paid-social&utm_campaign=spring. Now!"
    )
    assert tags_for(UtmSettings(), network="x", campaign_id=None) is None
    assert tags_for(UtmSettings(enabled=False, campaign_name="spring"), network="x", campaign_id=campaign) is None


def test_csv_rows_are_numbered_like_a_spreadsheet_and_keep_their_own_errors() -> None:
    media = uuid.uuid4()
    text = (
        "network,channel_id,text,thread,media_ids\n"
        f'mastodon,{uuid.uuid4()},"Hello","first\n---\nsecond","{media}"\n'
        "\n"
        "x,not-an-id,Hi,,\n"
        ",,no network,,\n"
        "bluesky,,'=1+1,,\n"
    )
    header, rows = read_rows(text)
    assert header == ["network", "channel_id", "text", "thread", "media_ids"]
    first = rows[0].variant
    assert first is not None
    assert (first.thread, first.media) == (["first", "second"], [MediaRef(media)])
    assert [(r.number, [(e.field, e.code) for e in r.errors]) for r in rows[1:3]] == [
        (4, [("channel_id", "invalid_id")]),
        (5, [("network", "required")]),
    ]
    last = rows[3].variant
    assert last is not None
    assert last.text == "=1+1"
