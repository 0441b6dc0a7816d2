"""Who may approve or reject a brand's post, by the brand's approval policy."""

from __future__ import annotations

from chorus_publishing.domain.errors import ApprovalNotAllowed
from chorus_shared.auth import Permission, Principal, Role, require_permission
from chorus_shared.messaging.contracts.planning_brand_voice import ApprovalPolicy


def is_client(principal: Principal) -> bool:
    """A user of the agency's client: holds the client role and no agency role."""
    return principal.highest_role is Role.CLIENT


def ensure_may_approve(principal: Principal, policy: ApprovalPolicy) -> None:
    """Internal (or none): an agency approver decides. Client: only the brand's client user says yes."""
    require_permission(principal, Permission.APPROVE_CONTENT)
    if policy is ApprovalPolicy.CLIENT and not is_client(principal):
        raise ApprovalNotAllowed("This brand's posts are approved by its client.")
    if policy is not ApprovalPolicy.CLIENT and is_client(principal):
        raise ApprovalNotAllowed("This brand's posts are approved by the agency.")


def ensure_may_reject(principal: Principal, policy: ApprovalPolicy) -> None:
    """Whoever may approve may say no; under a client policy the agency may also stop a post it no longer backs."""
    require_permission(principal, Permission.APPROVE_CONTENT)
    if policy is not ApprovalPolicy.CLIENT and is_client(principal):
        raise ApprovalNotAllowed("This brand's posts are approved by the agency.")


def needs_approval(policy: ApprovalPolicy) -> bool:
    return policy is not ApprovalPolicy.NONE
