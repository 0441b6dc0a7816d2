"""PKCE per RFC 7636: the S256 challenge of the RFC's own example, and fresh verifiers within the RFC's limits."""

from __future__ import annotations

import re

from chorus_publishing.adapters.oauth.pkce import new_state, new_verifier, s256_challenge


def test_the_s256_challenge_matches_rfc_7636_appendix_b() -> None:
    assert (
        s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    )


def test_verifiers_and_states_are_fresh_and_use_only_unreserved_characters() -> None:
    verifiers = {new_verifier() for _ in range(50)}
    assert len(verifiers) == 50
    for verifier in verifiers:
        assert 43 <= len(verifier) <= 128
        assert re.fullmatch(r"[A-Za-z0-9\-._~]+", verifier)
    assert new_state() != new_state()
