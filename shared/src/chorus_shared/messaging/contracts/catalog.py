"""Imports every contract module so the registry is complete (AsyncAPI generation, schema tests)."""

import chorus_shared.messaging.contracts.planning_brand_voice  # noqa: F401
import chorus_shared.messaging.contracts.planning_calendar  # noqa: F401
import chorus_shared.messaging.contracts.planning_campaigns  # noqa: F401
import chorus_shared.messaging.contracts.planning_channels  # noqa: F401
import chorus_shared.messaging.contracts.planning_crisis  # noqa: F401
import chorus_shared.messaging.contracts.planning_objectives  # noqa: F401
import chorus_shared.messaging.contracts.planning_partnerships  # noqa: F401
import chorus_shared.messaging.contracts.planning_research  # noqa: F401
import chorus_shared.messaging.contracts.publishing  # noqa: F401
import chorus_shared.messaging.contracts.publishing_channels  # noqa: F401
import chorus_shared.messaging.contracts.publishing_dispatch  # noqa: F401
import chorus_shared.messaging.contracts.publishing_freeze  # noqa: F401
import chorus_shared.messaging.contracts.publishing_metrics  # noqa: F401
import chorus_shared.messaging.contracts.publishing_posts  # noqa: F401
from chorus_shared.messaging.contracts import listening, planning, reporting  # noqa: F401
from chorus_shared.messaging.contracts.base import registry

__all__ = ["registry"]
