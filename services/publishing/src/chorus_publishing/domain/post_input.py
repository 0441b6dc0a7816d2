"""The shape a post's content must have before it is saved at all, even as a draft (network limits come later)."""

from __future__ import annotations

from urllib.parse import urlsplit

from chorus_publishing.adapters.networks.registry import capabilities_of, network_names
from chorus_publishing.domain.post import Variant
from chorus_shared.errors import FieldError

MAX_VARIANTS = 20
MAX_TEXT = 100_000
MAX_THREAD_ITEMS = 25
MAX_MEDIA = 20
MAX_ALT_TEXT = 5_000
MAX_LINK = 2_048


def draft_errors(variants: list[Variant]) -> list[FieldError]:
    """Every structural problem of the variants, by field path; empty when the draft may be saved."""
    if not variants:
        return [FieldError("variants", "Choose at least one channel.", "required")]
    if len(variants) > MAX_VARIANTS:
        return [FieldError("variants", f"At most {MAX_VARIANTS} channels per post.", "too_many")]
    errors: list[FieldError] = []
    seen_channels: set[object] = set()
    for index, variant in enumerate(variants):
        path = f"variants.{index}"
        errors.extend(_variant_errors(path, variant))
        if variant.channel_id is not None:
            if variant.channel_id in seen_channels:
                errors.append(FieldError(f"{path}.channel_id", "The channel has a variant already.", "duplicate"))
            seen_channels.add(variant.channel_id)
    return errors


def submit_errors(variants: list[Variant]) -> list[FieldError]:
    """What a draft needs on top to go for approval: a connected channel for every variant."""
    return [
        FieldError(f"variants.{index}.channel_id", "Choose the account to publish on.", "required")
        for index, variant in enumerate(variants)
        if variant.channel_id is None
    ]


def _variant_errors(path: str, variant: Variant) -> list[FieldError]:
    errors: list[FieldError] = []
    if capabilities_of(variant.network) is None:
        known = ", ".join(network_names())
        errors.append(FieldError(f"{path}.network", f"Unknown network; one of: {known}.", "unknown_network"))
    if len(variant.text) > MAX_TEXT:
        errors.append(FieldError(f"{path}.text", f"At most {MAX_TEXT} characters.", "too_long"))
    if variant.link is not None and not _is_web_link(variant.link):
        errors.append(FieldError(f"{path}.link", "A web address starting with http:// or https://.", "invalid_url"))
    if len(variant.thread) > MAX_THREAD_ITEMS:
        errors.append(FieldError(f"{path}.thread", f"At most {MAX_THREAD_ITEMS} items.", "too_many"))
    for position, item in enumerate(variant.thread):
        if not item.strip():
            errors.append(FieldError(f"{path}.thread.{position}", "A thread item needs text.", "required"))
        elif len(item) > MAX_TEXT:
            errors.append(FieldError(f"{path}.thread.{position}", f"At most {MAX_TEXT} characters.", "too_long"))
    if variant.first_comment is not None and len(variant.first_comment) > MAX_TEXT:
        errors.append(FieldError(f"{path}.first_comment", f"At most {MAX_TEXT} characters.", "too_long"))
    if len(variant.media) > MAX_MEDIA:
        errors.append(FieldError(f"{path}.media", f"At most {MAX_MEDIA} media.", "too_many"))
    for position, ref in enumerate(variant.media):
        if ref.alt_text is not None and len(ref.alt_text) > MAX_ALT_TEXT:
            message = f"At most {MAX_ALT_TEXT} characters."
            errors.append(FieldError(f"{path}.media.{position}.alt_text", message, "too_long"))
    return errors


def _is_web_link(link: str) -> bool:
    if len(link) > MAX_LINK or any(c.isspace() for c in link):
        return False
    parts = urlsplit(link)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
