"""The brand rules publishing applies: planning's guidelines and approval policy (from events), UTM settings."""

from __future__ import annotations

import uuid

from chorus_publishing.adapters.brand_rules import BrandRulesRepository
from chorus_publishing.domain.brand_rules import BrandRules, UtmSettings
from chorus_publishing.service.posts import ensure_brand_known
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.planning_brand_voice import BrandGuidelinesChangedV1, BrandPoliciesChangedV1
from chorus_shared.messaging.contracts.publishing_posts import BrandUtmSettingsChangedV1
from chorus_shared.messaging.envelope import CloudEvent

UTM_VALUE_MAX = 100


async def on_guidelines_changed(uow: UnitOfWork, event: CloudEvent) -> None:
    changed = BrandGuidelinesChangedV1.model_validate(event.data)
    rules = await _locked(uow, event, changed.brand_id)
    if rules.take_guidelines(changed.guidelines, changed.version):
        await BrandRulesRepository(uow.session).save(rules)


async def on_policies_changed(uow: UnitOfWork, event: CloudEvent) -> None:
    changed = BrandPoliciesChangedV1.model_validate(event.data)
    rules = await _locked(uow, event, changed.brand_id)
    taken = rules.take_policies(
        approval=changed.approval_policy,
        late_mode=changed.late_post_mode,
        late_window=changed.late_window_minutes,
        version=changed.version,
    )
    if taken:
        await BrandRulesRepository(uow.session).save(rules)


async def get_rules(*, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID) -> BrandRules:
    require_permission(principal, Permission.READ)
    await ensure_brand_known(uow, principal, brand_id)
    return await BrandRulesRepository(uow.session).get(principal.tenant_id, brand_id)


async def set_utm(*, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, utm: UtmSettings) -> BrandRules:
    """Tracking is a strategy decision: it needs the manage-strategy permission."""
    require_permission(principal, Permission.MANAGE_STRATEGY)
    await ensure_brand_known(uow, principal, brand_id)
    utm = _clean(utm)
    repository = BrandRulesRepository(uow.session)
    rules = await repository.get(principal.tenant_id, brand_id, for_update=True)
    rules.utm = utm
    await repository.save(rules)
    changed = BrandUtmSettingsChangedV1(
        brand_id=brand_id,
        enabled=utm.enabled,
        medium=utm.medium,
        campaign_name=utm.campaign_name,
        changed_by=principal.subject,
    )
    uow.emit(changed, subject=brand_id)
    return rules


def _clean(utm: UtmSettings) -> UtmSettings:
    medium = utm.medium.strip()
    name = (utm.campaign_name or "").strip() or None
    errors = []
    if not medium:
        errors.append(FieldError("medium", "Say what utm_medium to use, e.g. social.", "required"))
    for field, value in (("medium", medium), ("campaign_name", name or "")):
        if len(value) > UTM_VALUE_MAX:
            errors.append(FieldError(field, f"At most {UTM_VALUE_MAX} characters.", "too_long"))
    if errors:
        raise ValidationFailed("The UTM settings are not valid.", field_errors=errors)
    return UtmSettings(enabled=utm.enabled, medium=medium, campaign_name=name)


async def _locked(uow: UnitOfWork, event: CloudEvent, brand_id: uuid.UUID) -> BrandRules:
    return await BrandRulesRepository(uow.session).get(uuid.UUID(event.tenantid), brand_id, for_update=True)
