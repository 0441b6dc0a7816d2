"""The dispatcher's knobs, from settings or set directly by tests and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass, field

from chorus_publishing.domain.rate_limits import NetworkLimits
from chorus_publishing.settings import PublishingSettings


@dataclass(frozen=True)
class DispatchConfig:
    batch_size: int = 200
    max_in_flight: int = 500
    lease_s: float = 120.0
    poll_s: float = 1.0  # see PublishingSettings.dispatch_poll_s
    record_gather_s: float = 0.2
    sweep_s: float = 2.0
    max_failures: int = 5
    backoff_base_s: float = 10.0
    backoff_cap_s: float = 900.0
    late_window_s: int = 900
    late_after_s: float = 60.0  # a sent event says `late` beyond this
    resume_stagger_s: float = 30.0
    limits: dict[str, NetworkLimits] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: PublishingSettings) -> DispatchConfig:
        return cls(
            batch_size=settings.dispatch_batch_size,
            max_in_flight=settings.dispatch_max_in_flight,
            lease_s=settings.dispatch_lease_s,
            poll_s=settings.dispatch_poll_s,
            record_gather_s=settings.dispatch_record_gather_s,
            sweep_s=settings.dispatch_sweep_s,
            max_failures=settings.dispatch_max_failures,
            backoff_base_s=settings.dispatch_backoff_base_s,
            backoff_cap_s=settings.dispatch_backoff_cap_s,
            late_window_s=settings.dispatch_late_window_s,
            resume_stagger_s=settings.dispatch_resume_stagger_s,
        )
