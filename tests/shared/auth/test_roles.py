"""Roles are ordered and grant permissions; brand scope limits what a principal sees."""

from __future__ import annotations

import uuid

import pytest

from chorus_shared.auth import Permission, Principal, Role, SubjectKind, require_permission, require_role
from chorus_shared.errors import Forbidden


def _principal(role: Role, brands: frozenset[uuid.UUID] | None = None) -> Principal:
    return Principal(uuid.uuid4(), "subject", SubjectKind.USER, frozenset({role}), brands)


def test_roles_are_ordered_from_owner_to_client() -> None:
    assert [role.rank for role in Role] == [6, 5, 4, 3, 2, 1]
    assert Role.ADMIN.at_least(Role.SOCIAL_MEDIA_MANAGER)
    assert not Role.COMMUNITY_MANAGER.at_least(Role.ADMIN)


def test_a_community_manager_cannot_do_an_admin_action() -> None:
    with pytest.raises(Forbidden, match="admin"):
        require_role(_principal(Role.COMMUNITY_MANAGER), Role.ADMIN)
    with pytest.raises(Forbidden, match="manage_members"):
        require_permission(_principal(Role.COMMUNITY_MANAGER), Permission.MANAGE_MEMBERS)


def test_each_role_has_the_permissions_of_its_job() -> None:
    assert _principal(Role.OWNER).can(Permission.MANAGE_AGENCY)
    assert not _principal(Role.ADMIN).can(Permission.MANAGE_AGENCY)
    assert _principal(Role.SOCIAL_MEDIA_MANAGER).can(Permission.MANAGE_STRATEGY)
    assert _principal(Role.COMMUNITY_MANAGER).can(Permission.PUBLISH_CONTENT)
    assert not _principal(Role.COMMUNITY_MANAGER).can(Permission.MANAGE_STRATEGY)
    assert not _principal(Role.ANALYST).can(Permission.PUBLISH_CONTENT)
    assert _principal(Role.CLIENT).can(Permission.APPROVE_CONTENT)
    assert not _principal(Role.CLIENT).can(Permission.EXPORT_REPORTS)


def test_a_client_limited_to_one_brand_sees_only_it() -> None:
    brand_x, brand_y = uuid.uuid4(), uuid.uuid4()
    client = _principal(Role.CLIENT, frozenset({brand_x}))
    assert client.can_see_brand(brand_x)
    assert not client.can_see_brand(brand_y)
    assert client.visible_brands([brand_y, brand_x]) == [brand_x]
    assert _principal(Role.ADMIN).can_see_brand(brand_y)
