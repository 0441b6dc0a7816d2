"""A variant checked against its network's capabilities, the way the network will judge it when the post goes out.

Problems are reported per field (`variants.<i>.text`, `variants.<i>.media.<j>.alt_text`, ...) so an editor can show
them beside what the user types. Lengths are counted on the text as it will be sent: UTM-tagged, link appended.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from chorus_publishing.adapters.networks.connector import Capabilities, MediaKind, PostContent
from chorus_publishing.adapters.networks.post_text import text_with_link
from chorus_publishing.adapters.networks.registry import capabilities_of, network_names
from chorus_publishing.adapters.networks.text_length import count
from chorus_publishing.domain.post import Variant
from chorus_publishing.domain.utm import UtmTags, tag_text, tag_url


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    message: str


@dataclass(frozen=True)
class VariantCheck:
    """The outcome for one variant: its counted length against the network's maximum, and what is wrong."""

    index: int
    network: str
    channel_id: uuid.UUID | None
    length: int
    max_length: int
    problems: list[Problem]


def outgoing_text(variant: Variant, tags: UtmTags | None) -> str:
    """The first item's text as the network receives it: links tagged, the variant's link appended."""
    text = tag_text(variant.text, tags) if tags else variant.text
    link = tag_url(variant.link, tags) if tags and variant.link else variant.link
    return text_with_link(PostContent(text=text, link=link))


def check_variant(
    index: int, variant: Variant, *, media_kinds: Mapping[uuid.UUID, MediaKind], tags: UtmTags | None
) -> VariantCheck:
    path = f"variants.{index}"
    capabilities = capabilities_of(variant.network)
    if capabilities is None:
        known = ", ".join(network_names())
        problem = Problem(f"{path}.network", "unknown_network", f"Chorus cannot publish to it; one of: {known}.")
        return VariantCheck(index, variant.network, variant.channel_id, 0, 0, [problem])
    text = outgoing_text(variant, tags)
    length = count(text, capabilities.length_rule)
    problems = [
        *_text_problems(path, variant, text, length, capabilities),
        *_media_problems(path, variant, media_kinds, capabilities),
        *_follow_up_problems(path, variant, capabilities, tags),
    ]
    return VariantCheck(index, variant.network, variant.channel_id, length, capabilities.max_text_length, problems)


def _text_problems(path: str, variant: Variant, text: str, length: int, caps: Capabilities) -> list[Problem]:
    if not text.strip() and not variant.media:
        return [Problem(f"{path}.text", "required", "Write something or add media.")]
    if length > caps.max_text_length:
        over = length - caps.max_text_length
        message = f"{length} of {caps.max_text_length} ({caps.length_rule.value}): {over} too many."
        return [Problem(f"{path}.text", "too_long", message)]
    return []


def _media_problems(
    path: str, variant: Variant, media_kinds: Mapping[uuid.UUID, MediaKind], caps: Capabilities
) -> list[Problem]:
    problems: list[Problem] = []
    if caps.requires_media and not variant.media:
        problems.append(Problem(f"{path}.media", "media_required", f"{caps.network} needs an image or a video."))
    if len(variant.media) > caps.max_media:
        message = f"{caps.network} takes at most {caps.max_media} media per post."
        problems.append(Problem(f"{path}.media", "too_many_media", message))
    kinds = [media_kinds.get(ref.media_id) for ref in variant.media]
    if caps.network == "x" and len(kinds) > 1 and any(k in (MediaKind.VIDEO, MediaKind.GIF) for k in kinds):
        problems.append(Problem(f"{path}.media", "media_mix", "X takes four images, or one video or GIF."))
    for position, (ref, kind) in enumerate(zip(variant.media, kinds, strict=True)):
        field = f"{path}.media.{position}"
        if kind is not None and kind not in caps.media_kinds:
            message = f"{caps.network} does not take {kind.value} media."
            problems.append(Problem(f"{field}.media_id", "media_kind_unsupported", message))
        problems.extend(_alt_text_problems(field, ref.alt_text, caps))
    return problems


def _alt_text_problems(field: str, alt_text: str | None, caps: Capabilities) -> list[Problem]:
    if not alt_text:
        return []
    if not caps.supports_alt_text:
        message = f"{caps.network} does not show alt text; it will be dropped."
        return [Problem(f"{field}.alt_text", "alt_text_unsupported", message)]
    if len(alt_text) > caps.max_alt_text_length:
        message = f"{len(alt_text)} of {caps.max_alt_text_length} characters."
        return [Problem(f"{field}.alt_text", "alt_text_too_long", message)]
    return []


def _follow_up_problems(path: str, variant: Variant, caps: Capabilities, tags: UtmTags | None) -> list[Problem]:
    problems: list[Problem] = []
    if variant.thread and not caps.supports_threads:
        problems.append(Problem(f"{path}.thread", "threads_unsupported", f"{caps.network} has no threads."))
    elif variant.thread:
        for position, item in enumerate(variant.thread):
            length = count(tag_text(item, tags) if tags else item, caps.length_rule)
            if length > caps.max_text_length:
                message = f"{length} of {caps.max_text_length} ({caps.length_rule.value})."
                problems.append(Problem(f"{path}.thread.{position}", "too_long", message))
    if variant.first_comment and not caps.supports_first_comment:
        message = f"{caps.network} cannot add a first comment."
        problems.append(Problem(f"{path}.first_comment", "first_comment_unsupported", message))
    elif variant.first_comment and count(variant.first_comment, caps.length_rule) > caps.max_text_length:
        message = f"At most {caps.max_text_length} ({caps.length_rule.value})."
        problems.append(Problem(f"{path}.first_comment", "too_long", message))
    return problems
