"""Every network Chorus can publish to, by name, with what it accepts (its connector's capabilities)."""

from __future__ import annotations

from .bluesky import BLUESKY_CAPABILITIES
from .connector import Capabilities
from .facebook import FACEBOOK_CAPABILITIES
from .instagram import INSTAGRAM_CAPABILITIES
from .linkedin import LINKEDIN_CAPABILITIES
from .mastodon import MASTODON_CAPABILITIES
from .sandbox import SANDBOX_CAPABILITIES
from .x import X_CAPABILITIES

CAPABILITIES: dict[str, Capabilities] = {
    capabilities.network: capabilities
    for capabilities in (
        MASTODON_CAPABILITIES,
        BLUESKY_CAPABILITIES,
        X_CAPABILITIES,
        LINKEDIN_CAPABILITIES,
        FACEBOOK_CAPABILITIES,
        INSTAGRAM_CAPABILITIES,
        SANDBOX_CAPABILITIES,
    )
}


def capabilities_of(network: str) -> Capabilities | None:
    """The network's capabilities, or None when Chorus has no connector for it."""
    return CAPABILITIES.get(network)


def network_names() -> list[str]:
    return sorted(CAPABILITIES)
