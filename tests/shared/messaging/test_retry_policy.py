"""RetryPolicy: delays grow exponentially up to a cap, with jitter, and poison errors are never retried."""

from __future__ import annotations

import pytest

from chorus_shared.messaging.envelope import EnvelopeError
from chorus_shared.messaging.retry import RetryPolicy


def test_delays_double_until_the_cap_and_jitter_only_shortens_them() -> None:
    policy = RetryPolicy(initial_backoff=0.1, multiplier=2.0, max_backoff=0.5, jitter=0.5)
    ceilings = [0.1, 0.2, 0.4, 0.5, 0.5]
    for attempt, ceiling in enumerate(ceilings, start=1):
        delays = [policy.backoff(attempt) for _ in range(200)]
        assert all(ceiling * 0.5 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 1, "no jitter: replicas would retry in lockstep"


def test_without_jitter_delays_are_exact() -> None:
    policy = RetryPolicy(initial_backoff=0.1, multiplier=3.0, max_backoff=10.0, jitter=0.0)
    assert [policy.backoff(n) for n in (1, 2, 3)] == pytest.approx([0.1, 0.3, 0.9])


def test_gives_up_after_max_attempts_or_at_once_on_poison() -> None:
    policy = RetryPolicy(max_attempts=3)
    assert not policy.gives_up(2, RuntimeError("database down"))
    assert policy.gives_up(3, RuntimeError("database down"))
    assert policy.gives_up(1, EnvelopeError("not a CloudEvent"))


@pytest.mark.parametrize("bad", [{"max_attempts": 0}, {"jitter": 1.5}, {"jitter": -0.1}])
def test_a_nonsensical_policy_is_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must be"):
        RetryPolicy(**bad)  # type: ignore[arg-type]
