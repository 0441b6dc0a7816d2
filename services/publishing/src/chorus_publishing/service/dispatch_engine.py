"""The dispatcher's connection pool: no ping at checkout, and every statement planned for its own batch."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from chorus_shared.db.engine import make_engine

# A cached generic plan is built once per connection, from the tables as they were then, for a batch of unknown
# size (the planner guesses ten rows for an array it cannot see). The dispatcher's tables grow by a row per post
# during a burst: a plan made while `publication_attempts` was nearly empty read it whole (or a tenant's every
# attempt) to record each batch's answers, for the rest of the burst. Planned at each execution, a statement sees
# the batch and the table as they are; planning costs a fraction of a millisecond per batch, not per post.
CUSTOM_PLANS = {"plan_cache_mode": "force_custom_plan"}


def dispatch_engine(database_url: str) -> AsyncEngine:
    # One checkout per claim and per tenant's batch: a ping each time would cost more round trips than the work.
    return make_engine(database_url, ping=False, server_settings=CUSTOM_PLANS)
