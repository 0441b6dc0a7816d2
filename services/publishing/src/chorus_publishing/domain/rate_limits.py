"""Per-account and per-network request limits the dispatcher keeps under, whatever the number of replicas.

Defaults follow each network's published posting limits, kept a little under them; settings override per network.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NetworkLimits:
    account_requests: int
    account_window_s: float
    network_requests: int | None = None  # the whole app's limit on the network, if it has one
    network_window_s: float = 86_400.0


DEFAULT_LIMITS: dict[str, NetworkLimits] = {
    "mastodon": NetworkLimits(280, 300.0),  # 300 requests / 5 min per account
    "bluesky": NetworkLimits(1500, 3600.0),  # 5,000 points / hour, 3 points per created record
    "x": NetworkLimits(95, 900.0, 9_500, 86_400.0),  # 100 posts / 15 min per user; app-wide daily cap
    "linkedin": NetworkLimits(140, 86_400.0),  # about 150 shares / day per member
    "facebook": NetworkLimits(190, 3600.0),  # 200 calls / hour per user
    "instagram": NetworkLimits(48, 86_400.0),  # 50 published posts / 24 h per account
    "sandbox": NetworkLimits(300, 60.0),
}


def limits_for(network: str, overrides: dict[str, NetworkLimits] | None = None) -> NetworkLimits:
    if overrides and network in overrides:
        return overrides[network]
    return DEFAULT_LIMITS.get(network, NetworkLimits(60, 60.0))


def account_scope(network: str, channel_id: object) -> str:
    return f"account:{network}:{channel_id}"


def network_scope(network: str) -> str:
    return f"network:{network}"
