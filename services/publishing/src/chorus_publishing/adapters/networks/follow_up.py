"""Steps taken after a post exists (first comment, permalink): their failure is logged, never raised.

Raising would tell the dispatcher the publish failed, and a retry would publish the post a second time.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import TypeVar

from .errors import NetworkError

logger = logging.getLogger(__name__)

T = TypeVar("T")


async def after_publish(step: str, post_id: str, call: Awaitable[T]) -> T | None:
    """The step's result, or None (logged with the network's reason) if the network refused or failed it."""
    try:
        return await call
    except NetworkError as exc:
        logger.warning(
            "%s of post %s on %s failed: %s",
            step,
            post_id,
            exc.network,
            exc,
            extra={"network": exc.network, "status": exc.status},
        )
        return None
