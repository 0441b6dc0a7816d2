"""Steps taken after a post exists (first comment, thread items, permalink): their failure is logged and kept as a
shortfall of the published post, never raised.

Raising would tell the dispatcher the publish failed, and a retry would publish the post a second time. Keeping the
shortfall is what lets a person see that the first comment (or the end of a thread) is missing and add it by hand.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import TypeVar

from .connector import Shortfall
from .errors import NetworkError, UnknownOutcome

logger = logging.getLogger(__name__)

T = TypeVar("T")


class FollowUps:
    """The steps after one post went out, for one publish: which of them the network did not take."""

    def __init__(self, post_id: str) -> None:
        self._post_id = post_id
        self._missed: list[Shortfall] = []

    @property
    def shortfalls(self) -> tuple[Shortfall, ...]:
        return tuple(self._missed)

    async def run(self, step: str, call: Awaitable[T]) -> T | None:
        """The step's result; None, logged and kept as a shortfall, if the network refused or failed it."""
        try:
            return await call
        except NetworkError as exc:
            self._log(step, exc)
            self._missed.append(Shortfall(step, _reason(exc)))
            return None

    async def look_up(self, what: str, call: Awaitable[T]) -> T | None:
        """A read about the post (its permalink): a failure leaves a gap in what we know, nothing missing from what
        went out, so it is logged only."""
        try:
            return await call
        except NetworkError as exc:
            self._log(what, exc)
            return None

    def thread_stopped(self, *, at: int, items: int) -> None:
        """Items after a failed one are not sent (out of order they would make no sense); they are missing too."""
        if at >= items:
            return
        self._missed.append(Shortfall(thread_items_from(at + 1, items), f"the thread stopped at item {at}"))

    def _log(self, step: str, exc: NetworkError) -> None:
        logger.warning(
            "%s of post %s on %s failed: %s",
            step,
            self._post_id,
            exc.network,
            exc,
            extra={"network": exc.network, "status": exc.status},
        )


def _reason(exc: NetworkError) -> str:
    # Messages carry the method, path, status and the network's words only (http.send): never a token.
    said = exc.detail or str(exc)
    if isinstance(exc, UnknownOutcome):  # no clear answer: the step may be on the network all the same
        return f"{said} (it may have gone out all the same)"
    return said


def thread_items_from(first: int, last: int) -> str:
    """The step naming thread items `first` to `last` (1-based, after the post itself): "thread item 3" or
    "thread items 2-4"."""
    return f"thread item {last}" if first == last else f"thread items {first}-{last}"
