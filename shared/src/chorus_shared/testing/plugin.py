"""pytest plugin (`-p chorus_shared.testing.plugin`): real PostgreSQL and real Kafka fixtures for every test suite."""

from chorus_shared.testing.kafka import *  # noqa: F403
from chorus_shared.testing.postgres import *  # noqa: F403
