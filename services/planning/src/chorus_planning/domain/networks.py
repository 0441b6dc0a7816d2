"""The social networks Chorus plans for, and what a valid account handle looks like on each."""

from __future__ import annotations

import re
from enum import StrEnum


class Network(StrEnum):
    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    X = "x"
    LINKEDIN = "linkedin"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    TIKTOK = "tiktok"
    YOUTUBE = "youtube"


_DOMAIN = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
# Canonical forms, as listening will search for them: no leading "@" except where the network's own syntax
# needs it (Mastodon's user@instance, YouTube's @handle).
_HANDLES: dict[Network, tuple[re.Pattern[str], str]] = {
    Network.MASTODON: (re.compile(rf"^[a-z0-9_]{{1,30}}@{_DOMAIN}$"), "user@instance.social"),
    Network.BLUESKY: (re.compile(rf"^(?:{_DOMAIN}|did:plc:[a-z2-7]{{24}})$"), "name.bsky.social"),
    Network.X: (re.compile(r"^[a-z0-9_]{1,15}$"), "acme (letters, digits, _; at most 15)"),
    Network.LINKEDIN: (re.compile(r"^(?:company|in|showcase|school)/[a-z0-9-]{2,100}$"), "company/acme or in/jane-doe"),
    Network.FACEBOOK: (re.compile(r"^[a-z0-9.]{5,50}$"), "acme.paris (at least 5 characters)"),
    Network.INSTAGRAM: (re.compile(r"^(?!.*\.\.)(?!\.)[a-z0-9._]{1,30}(?<!\.)$"), "acme.paris"),
    Network.TIKTOK: (re.compile(r"^[a-z0-9._]{2,24}(?<!\.)$"), "acme.paris"),
    Network.YOUTUBE: (re.compile(r"^(?:@[a-z0-9._-]{3,30}|uc[a-z0-9_-]{22})$"), "@acme or a UC... channel id"),
}
# Networks where a user types the handle with a leading "@" that is not part of the name.
_STRIP_AT = frozenset(set(Network) - {Network.YOUTUBE})


def parse_network(value: str) -> Network | None:
    """The network named `value`, or None (callers turn that into a field error)."""
    try:
        return Network(value)
    except ValueError:
        return None


def normalise_handle(network: Network, handle: str) -> str | None:
    """The canonical handle on `network`, or None when `handle` cannot be an account there.

    Handles are compared case-insensitively on every network, so the canonical form is lower case
    (YouTube channel ids keep their case: they are identifiers, not names).
    """
    raw = handle.strip()
    if network in _STRIP_AT and raw.startswith("@"):
        raw = raw[1:]
    pattern, _ = _HANDLES[network]
    if not pattern.match(raw.lower()):
        return None
    if network is Network.YOUTUBE and not raw.startswith("@"):
        return raw
    return raw.lower()


def handle_example(network: Network) -> str:
    return _HANDLES[network][1]
