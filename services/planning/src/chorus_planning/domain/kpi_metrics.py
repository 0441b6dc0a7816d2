"""The KPI metrics planning knows, and the formulas each may be computed with.

A KPI names both: "engagement rate" means nothing until one says whether engagements are divided by reach, by
impressions or by followers, and reporting computes exactly the formula chosen here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    formulas: frozenset[str]
    # Cumulative metrics (reach, clicks...) grow over the period, so progress is paced against elapsed time;
    # ratios and levels (rates, ROI, response time) are compared with the target as they stand.
    cumulative: bool


def _metric(*formulas: str, cumulative: bool) -> Metric:
    return Metric(frozenset(formulas), cumulative)


METRICS: dict[str, Metric] = {
    "engagement_rate": _metric(
        "engagements_by_reach", "engagements_by_impressions", "engagements_by_followers", cumulative=False
    ),
    "reach": _metric("unique_accounts_reached", cumulative=True),
    "impressions": _metric("total_impressions", cumulative=True),
    "engagements": _metric("likes_comments_shares_saves", cumulative=True),
    "followers": _metric("followers_at_period_end", cumulative=False),
    "follower_growth": _metric("new_followers_minus_unfollows", cumulative=True),
    "clicks": _metric("link_clicks", cumulative=True),
    "click_through_rate": _metric("clicks_by_impressions", cumulative=False),
    "conversions": _metric("attributed_conversions", cumulative=True),
    "conversion_rate": _metric("conversions_by_clicks", cumulative=False),
    "cost_per_acquisition": _metric("spend_by_conversions", cumulative=False),
    "roi": _metric("revenue_minus_spend_by_spend", cumulative=False),
    "response_time_minutes": _metric("median_first_response", "mean_first_response", cumulative=False),
    "response_rate": _metric("answered_by_received", cumulative=False),
    "positive_sentiment_share": _metric("positive_by_all_mentions", cumulative=False),
    "share_of_voice": _metric("brand_mentions_by_market_mentions", cumulative=False),
}
