"""How a consumer retries a failing handler: attempts, exponential backoff with jitter, and what is never retried."""

from __future__ import annotations

import random
from dataclasses import dataclass

from chorus_shared.messaging.envelope import EnvelopeError


@dataclass(frozen=True)
class RetryPolicy:
    """`max_attempts` counts the first try; after that many failures the message goes to the dead-letter topic."""

    max_attempts: int = 5
    initial_backoff: float = 0.2
    max_backoff: float = 10.0
    multiplier: float = 2.0
    # Fraction of each delay that is randomised, so replicas that failed together do not retry together.
    jitter: float = 0.5
    # A message that can never succeed (not a CloudEvent, bad JSON) is dead-lettered at once.
    poison: tuple[type[BaseException], ...] = (EnvelopeError,)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if not 0.0 <= self.jitter <= 1.0:
            raise ValueError("jitter must be between 0 and 1")

    def backoff(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        ceiling = min(self.max_backoff, self.initial_backoff * self.multiplier ** (attempt - 1))
        return ceiling * (1.0 - self.jitter * random.random())

    def gives_up(self, attempt: int, error: BaseException) -> bool:
        return attempt >= self.max_attempts or isinstance(error, self.poison)
