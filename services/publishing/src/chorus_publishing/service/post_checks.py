"""A post's content checked the way the editor shows it: network problems per variant and brand guideline flags.

The same check guards submission (problems refuse it) and CSV import; guideline flags warn, they never block:
a disclaimer may be legitimately absent and the approver decides.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from chorus_publishing.adapters.brand_rules import BrandRulesRepository
from chorus_publishing.adapters.channels import ChannelRepository
from chorus_publishing.adapters.media_assets import MediaAssetRepository
from chorus_publishing.domain.brand_rules import BrandRules
from chorus_publishing.domain.guideline_check import GuidelineFlag, check_against_guidelines
from chorus_publishing.domain.post import Variant
from chorus_publishing.domain.post_input import draft_errors, submit_errors
from chorus_publishing.domain.post_validation import VariantCheck, check_variant
from chorus_publishing.domain.utm import tags_for
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, ValidationFailed


@dataclass(frozen=True)
class FlaggedText:
    """A guideline flag on one text of one variant (`field` is `variants.<i>.text`, `.thread.<j>`, ...)."""

    field: str
    flag: GuidelineFlag


@dataclass(frozen=True)
class PostCheck:
    input_errors: list[FieldError]
    variants: list[VariantCheck]
    flags: list[FlaggedText]

    @property
    def field_errors(self) -> list[FieldError]:
        network = [FieldError(p.field, p.message, p.code) for check in self.variants for p in check.problems]
        unique = {(e.field, e.code): e for e in [*self.input_errors, *network]}
        return list(unique.values())

    @property
    def valid(self) -> bool:
        return not self.field_errors


async def check_content(
    uow: UnitOfWork, *, brand_id: uuid.UUID, variants: list[Variant], campaign_id: uuid.UUID | None
) -> PostCheck:
    tenant_id = _tenant(uow)
    rules = await BrandRulesRepository(uow.session).get(tenant_id, brand_id)
    errors = draft_errors(variants) + await unknown_media(uow, brand_id, variants)
    media = await MediaAssetRepository(uow.session).of_brand(brand_id, _media_ids(variants))
    kinds = {media_id: asset.kind for media_id, asset in media.items()}
    checks = [
        check_variant(i, v, media_kinds=kinds, tags=tags_for(rules.utm, network=v.network, campaign_id=campaign_id))
        for i, v in enumerate(variants)
    ]
    return PostCheck(input_errors=errors, variants=checks, flags=guideline_flags(variants, rules))


async def ensure_draft_valid(uow: UnitOfWork, *, brand_id: uuid.UUID, variants: list[Variant]) -> None:
    """Refuse content that may not even be saved as a draft (422 with every field error)."""
    errors = draft_errors(variants) + await unknown_media(uow, brand_id, variants)
    errors += await channel_errors(uow, brand_id, variants, must_exist=False)
    if errors:
        raise ValidationFailed("The post is not valid.", field_errors=errors)


async def ensure_ready_to_submit(
    uow: UnitOfWork, *, brand_id: uuid.UUID, variants: list[Variant], campaign_id: uuid.UUID | None
) -> None:
    check = await check_content(uow, brand_id=brand_id, variants=variants, campaign_id=campaign_id)
    errors = check.field_errors + submit_errors(variants)
    errors += await channel_errors(uow, brand_id, variants, must_exist=True)
    if errors:
        raise ValidationFailed("The post cannot go out as it is.", field_errors=errors)


async def unknown_media(uow: UnitOfWork, brand_id: uuid.UUID, variants: list[Variant]) -> list[FieldError]:
    known = await MediaAssetRepository(uow.session).of_brand(brand_id, _media_ids(variants))
    return [
        FieldError(f"variants.{i}.media.{j}.media_id", "No such media for this brand; upload it first.", "unknown")
        for i, variant in enumerate(variants)
        for j, ref in enumerate(variant.media)
        if ref.media_id not in known
    ]


async def channel_errors(
    uow: UnitOfWork, brand_id: uuid.UUID, variants: list[Variant], *, must_exist: bool
) -> list[FieldError]:
    """A variant may name only a channel of the post's brand on its own network. A draft may name a channel not
    connected yet (planned ahead); submitting needs it connected."""
    channels = ChannelRepository(uow.session)
    errors: list[FieldError] = []
    for index, variant in enumerate(variants):
        if variant.channel_id is None:
            continue
        field = f"variants.{index}.channel_id"
        channel = await channels.get(variant.channel_id)
        if channel is None or channel.brand_id != brand_id:
            if channel is not None or must_exist:
                errors.append(FieldError(field, "No such channel for this brand; connect it first.", "unknown"))
        elif channel.network.value != variant.network:
            message = f"The channel is on {channel.network.value}, not {variant.network}."
            errors.append(FieldError(field, message, "network_mismatch"))
    return errors


def guideline_flags(variants: list[Variant], rules: BrandRules) -> list[FlaggedText]:
    flagged: list[FlaggedText] = []
    for index, variant in enumerate(variants):
        texts = [("text", variant.text), *((f"thread.{j}", item) for j, item in enumerate(variant.thread))]
        if variant.first_comment:
            texts.append(("first_comment", variant.first_comment))
        for name, text in texts:
            # A disclaimer is needed once per post on a channel, not in every reply: only the main text owes it.
            flags = check_against_guidelines(text, rules.guidelines)
            if name != "text":
                flags = [f for f in flags if f.start is not None]
            flagged.extend(FlaggedText(f"variants.{index}.{name}", f) for f in flags)
    return flagged


def _media_ids(variants: list[Variant]) -> set[uuid.UUID]:
    return {ref.media_id for variant in variants for ref in variant.media}


def _tenant(uow: UnitOfWork) -> uuid.UUID:
    if uow.tenant_id is None:
        raise RuntimeError("checking a post needs a tenant")
    return uow.tenant_id
