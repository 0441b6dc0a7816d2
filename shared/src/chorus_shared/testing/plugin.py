"""pytest plugin (`-p chorus_shared.testing.plugin`): real PostgreSQL, embedded bus and Kafka fixtures."""

from chorus_shared.testing.embedded_bus import *  # noqa: F403
from chorus_shared.testing.kafka import *  # noqa: F403
from chorus_shared.testing.postgres import *  # noqa: F403
